/**
 * What each build wrote, kept beside the outputs in <out>/.referat/: per
 * meeting, the fingerprint it was made from and the files it produced. An
 * unchanged meeting is skipped; a deleted meeting's outputs are removed.
 *
 * A record is data, not an order: anyone who can write the output folder can
 * write one. It is read only when it has the record's shape and names only
 * its own meeting's files inside the output folder; any other record is
 * ignored with a warning, and the meeting is built again.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { z } from 'zod';
import { quote } from '../diagnostics/catalogue.js';
import { report } from '../diagnostics/diagnostic.js';
import { writeFailure } from '../diagnostics/file-system.js';
import { shownPath } from '../diagnostics/format.js';
import { OutputWriteError, removeOutput, writeAtomic } from './write.js';
import { editionName, type DocumentKind, type Edition } from '../render/edition.js';

export const MANIFEST_DIR = '.referat';

const OutputRecordSchema = z.object({
  /** The content hash of everything the outputs were made from. */
  fingerprint: z.string().max(200),
  /** The same, by file names, sizes and times (load/fingerprint.ts): absent while a file was too new to tell. */
  signature: z.string().max(200).optional(),
  /** Output files, relative to the output folder. */
  outputs: z.array(z.string().max(1000)).max(20),
  pages: z.number().int().nonnegative(),
});

export type OutputRecord = z.infer<typeof OutputRecordSchema>;

/** A real record is a few hundred bytes; a bigger one is not read. */
const RECORD_MAX_BYTES = 64 * 1024;

export interface MeetingKey {
  forumId: string;
  id: string;
}

/** One record per meeting and document kind: a referat and a dagsorden are built by separate runs. */
function recordPath(outDir: string, key: MeetingKey, kind: DocumentKind): string {
  return path.join(outDir, MANIFEST_DIR, key.forumId, `${key.id}-${kind}.json`);
}

/**
 * Whether `output` may be one of this meeting's files: "<forum>/<meeting>-….pdf"
 * (or .html) directly in the forum's folder inside the output folder, with no
 * symlink on the way leading elsewhere.
 */
export function isOwnOutput(outDir: string, key: MeetingKey, output: string): boolean {
  if (output.includes('\0') || path.isAbsolute(output)) return false;
  const forumDir = path.join(path.resolve(outDir), key.forumId);
  const target = path.resolve(outDir, output);
  const name = path.basename(target);
  if (path.dirname(target) !== forumDir || !name.startsWith(`${key.id}-`) || !/\.(pdf|html)$/.test(name)) return false;
  try {
    return realpathSync(forumDir) === path.join(realpathSync(outDir), key.forumId);
  } catch {
    // No forum folder yet: nothing in it to read or delete.
    return true;
  }
}

/** Why a record cannot be used, in Danish; undefined when it can. */
function recordProblem(outDir: string, key: MeetingKey, file: string): { problem: string } | { record: OutputRecord } | undefined {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return { problem: 'den ikke er en almindelig fil' };
  if (stat.size > RECORD_MAX_BYTES) return { problem: `den fylder ${stat.size} byte` };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { problem: 'den ikke er gyldig JSON' };
  }
  const parsed = OutputRecordSchema.safeParse(data);
  if (!parsed.success) return { problem: 'den ikke har en byggeposts form' };
  const stranger = parsed.data.outputs.find((output) => !isOwnOutput(outDir, key, output));
  if (stranger !== undefined) return { problem: `den nævner filen ${quote(stranger)}, som ikke er en af mødets egne filer i output-mappen` };
  return { record: parsed.data };
}

/**
 * The record of a meeting's last build, or undefined (none, or not usable).
 * A record that is there but cannot be used adds a warning to `warnings`.
 */
export function readRecord(outDir: string, key: MeetingKey, kind: DocumentKind, warnings?: VFile[], cwd?: string): OutputRecord | undefined {
  const file = recordPath(outDir, key, kind);
  const found = recordProblem(outDir, key, file);
  if (found && 'problem' in found && warnings) {
    const warning = new VFile({ path: file, cwd });
    report(warning, {
      rule: 'byggepost-ugyldig',
      severity: 'warning',
      reason: `Byggeposten for mødet ${key.forumId}/${key.id} bruges ikke, fordi ${found.problem}; mødet bygges forfra, og ingen fil slettes efter den.`,
      note: 'Posten skrives igen, når mødet er bygget. Er der rettet i output-mappens .referat-mappe, så slet den mappe.',
    });
    warnings.push(warning);
  }
  return found && 'record' in found ? found.record : undefined;
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
  const list = <T>(read: () => T[]): T[] => {
    try {
      return read();
    } catch {
      // Records that cannot be listed are as good as none: nothing is removed after them.
      return [];
    }
  };
  return list(() => readdirSync(root, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .flatMap((forum) =>
      list(() => readdirSync(path.join(root, forum.name)))
        .filter((name) => name.endsWith(suffix))
        .map((name) => ({ forumId: forum.name, id: name.slice(0, -suffix.length) })),
    );
}

/** Remove a meeting's outputs of one kind and its record; returns the removed output paths. */
export function removeOutputs(outDir: string, key: MeetingKey, kind: DocumentKind, warnings?: VFile[], cwd?: string): string[] {
  const outputs = (readRecord(outDir, key, kind, warnings, cwd)?.outputs ?? []).map((output) => path.join(outDir, output));
  try {
    for (const file of [...outputs, recordPath(outDir, key, kind)]) removeOutput(file);
  } catch (error) {
    const failure = error instanceof OutputWriteError && writeFailure(error.cause, shownPath(error.target, cwd ?? process.cwd()));
    if (!failure) throw error;
    // The outputs stay until a build can remove them: the next one tries again.
    const warning = new VFile({ path: error.target, cwd });
    report(warning, { ...failure, severity: 'warning' });
    warnings?.push(warning);
    return [];
  }
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
