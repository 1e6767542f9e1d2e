/**
 * What each build wrote, kept beside the outputs in <out>/.referat/: per
 * meeting, the fingerprint it was made from and the files it produced. An
 * unchanged meeting is skipped; a deleted meeting's outputs are removed.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from './write.js';
import { editionName, type DocumentKind, type Edition } from '../render/edition.js';

export const MANIFEST_DIR = '.referat';

export interface OutputRecord {
  /** The content hash of everything the outputs were made from. */
  fingerprint: string;
  /** The same, by file names, sizes and times (load/fingerprint.ts): absent while a file was too new to tell. */
  signature?: string;
  /** Output files, relative to the output folder. */
  outputs: string[];
  pages: number;
}

export interface MeetingKey {
  forumId: string;
  id: string;
}

/** One record per meeting and document kind: a referat and a dagsorden are built by separate runs. */
function recordPath(outDir: string, key: MeetingKey, kind: DocumentKind): string {
  return path.join(outDir, MANIFEST_DIR, key.forumId, `${key.id}-${kind}.json`);
}

export function readRecord(outDir: string, key: MeetingKey, kind: DocumentKind): OutputRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(outDir, key, kind), 'utf8')) as OutputRecord;
  } catch {
    return undefined;
  }
}

/** True when the recorded outputs were made from the same inputs (by content or by signature) and are all still there. */
export function isCurrent(
  outDir: string,
  record: OutputRecord | undefined,
  made: { fingerprint: string } | { signature: string | undefined },
): record is OutputRecord {
  const same = 'fingerprint' in made ? record?.fingerprint === made.fingerprint : made.signature !== undefined && record?.signature === made.signature;
  return same && record!.outputs.every((output) => existsSync(path.join(outDir, output)));
}

export function writeRecord(outDir: string, key: MeetingKey, kind: DocumentKind, record: OutputRecord): void {
  writeAtomic(recordPath(outDir, key, kind), Buffer.from(`${JSON.stringify(record, null, 2)}\n`));
}

/** Every meeting with a record of this kind in the output folder. */
export function recordedMeetings(outDir: string, kind: DocumentKind): MeetingKey[] {
  const suffix = `-${kind}.json`;
  const root = path.join(outDir, MANIFEST_DIR);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((forum) =>
      readdirSync(path.join(root, forum.name))
        .filter((name) => name.endsWith(suffix))
        .map((name) => ({ forumId: forum.name, id: name.slice(0, -suffix.length) })),
    );
}

/** Remove a meeting's outputs of one kind and its record; returns the removed output paths. */
export function removeOutputs(outDir: string, key: MeetingKey, kind: DocumentKind): string[] {
  const outputs = (readRecord(outDir, key, kind)?.outputs ?? []).map((output) => path.join(outDir, output));
  for (const file of [...outputs, recordPath(outDir, key, kind)]) rmSync(file, { force: true });
  return outputs;
}

/**
 * Where an edition of a meeting is written, relative to the output folder:
 * <forum>/<date>-referat.pdf, -referat-offentlig.pdf, -referat-samlet.pdf, …
 */
export function outputName(key: MeetingKey, edition: Edition, variant: 'pdf' | 'samlet' | 'html' | 'bilag-html'): string {
  const base = path.join(key.forumId, `${key.id}-${editionName(edition)}`);
  const names = { pdf: `${base}.pdf`, samlet: `${base}-samlet.pdf`, html: `${base}.html`, 'bilag-html': `${base}-bilag.html` };
  return names[variant];
}
