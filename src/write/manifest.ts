/**
 * What each build wrote, kept beside the outputs in <out>/.referat/: per
 * meeting, the fingerprint it was made from and the files it produced. An
 * unchanged meeting is skipped; a deleted meeting's outputs are removed.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from './write.js';

export const MANIFEST_DIR = '.referat';

export interface OutputRecord {
  fingerprint: string;
  /** Output files, relative to the output folder. */
  outputs: string[];
  pages: number;
}

export interface MeetingKey {
  forumId: string;
  id: string;
}

function recordPath(outDir: string, key: MeetingKey): string {
  return path.join(outDir, MANIFEST_DIR, key.forumId, `${key.id}.json`);
}

export function readRecord(outDir: string, key: MeetingKey): OutputRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(outDir, key), 'utf8')) as OutputRecord;
  } catch {
    return undefined;
  }
}

/** True when the recorded outputs were made from `fingerprint` and are all still there. */
export function isCurrent(outDir: string, record: OutputRecord | undefined, fingerprint: string): record is OutputRecord {
  return record?.fingerprint === fingerprint && record.outputs.every((output) => existsSync(path.join(outDir, output)));
}

export function writeRecord(outDir: string, key: MeetingKey, record: OutputRecord): void {
  writeAtomic(recordPath(outDir, key), Buffer.from(`${JSON.stringify(record, null, 2)}\n`));
}

/** Every meeting with a record in the output folder. */
export function recordedMeetings(outDir: string): MeetingKey[] {
  const root = path.join(outDir, MANIFEST_DIR);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((forum) =>
      readdirSync(path.join(root, forum.name))
        .filter((name) => name.endsWith('.json'))
        .map((name) => ({ forumId: forum.name, id: name.slice(0, -'.json'.length) })),
    );
}

/** Remove a meeting's outputs and its record; returns the removed output paths. */
export function removeOutputs(outDir: string, key: MeetingKey): string[] {
  const outputs = (readRecord(outDir, key)?.outputs ?? []).map((output) => path.join(outDir, output));
  for (const file of [...outputs, recordPath(outDir, key)]) rmSync(file, { force: true });
  return outputs;
}

/** Output file names of a meeting, relative to the output folder. */
export function outputNames(key: MeetingKey, html: boolean): { pdf: string; html?: string } {
  const base = path.join(key.forumId, `${key.id}-referat`);
  return { pdf: `${base}.pdf`, ...(html ? { html: `${base}.html` } : {}) };
}
