/**
 * Content hashes for incremental builds: a meeting is printed again only
 * when something it is made from has changed — its own files, its forum's
 * settings, or the pipeline itself (code, templates, fonts, dependencies).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import type { MeetingSource } from './load.js';
import { MEETING_BUDGET } from '../validate/limits.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Everything of the pipeline's own that shapes a PDF. Computed once per run.
 * `Chromium` names the browser build that prints.
 */
export function pipelineFingerprint(projectRoot: string, templatesDir: string, fontDir: string, chromium: string): string {
  const hash = createHash('sha256');
  const add = (file: string) => hash.update(path.relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  for (const file of [...filesUnder(path.join(projectRoot, 'src')), ...filesUnder(templatesDir)]) add(file);
  add(path.join(projectRoot, 'package-lock.json'));
  add(path.join(fontDir, 'package.json'));
  hash.update(chromium);
  return hash.digest('hex');
}

function bytesOf(file: VFile): string | Uint8Array {
  return file.value ?? '';
}

/** SHA-256 of a file as read from disk (before validation decodes it). */
export function fileDigest(file: VFile): string {
  return createHash('sha256').update(bytesOf(file)).digest('hex');
}

/**
 * The fingerprint of one meeting's output, from the raw bytes the load stage
 * read; `variant` names what the run makes of it (document kind, HTML or not).
 */
export function meetingFingerprint(pipeline: string, forumDigest: string, source: MeetingSource, variant: string[]): string {
  const hash = createHash('sha256').update(pipeline).update('\0').update(variant.join(',')).update('\0');
  hash.update(forumDigest).update('\0').update(bytesOf(source.index)).update('\0');
  for (const item of source.items) hash.update(item.basename ?? '').update('\0').update(bytesOf(item)).update('\0');
  for (const file of [...source.files.values()].sort((a, b) => a.relative.localeCompare(b.relative, 'en'))) {
    hash.update(file.relative).update('\0').update(file.inside ? file.digest ?? '' : 'uden for mødet').update('\0');
  }
  return hash.digest('hex');
}

/** Everything under `dir`, as readdir's recursive listing, or undefined past the meeting budget's depth or entry count. */
function listWithinBudget(dir: string): Dirent[] | undefined {
  const listed: Dirent[] = [];
  const pending: [string, number][] = [[dir, 0]];
  try {
    while (pending.length > 0) {
      const [current, depth] = pending.pop()!;
      if (depth > MEETING_BUDGET.folderDepth) return undefined;
      for (const entry of readdirSync(current, { withFileTypes: true })) {
        listed.push(entry);
        if (listed.length > MEETING_BUDGET.folderEntries) return undefined;
        if (entry.isDirectory()) pending.push([path.join(current, entry.name), depth + 1]);
      }
    }
  } catch {
    return undefined;
  }
  return listed;
}

/**
 * A file changed this recently may change again within the file system's
 * timestamp resolution (up to 2 s on some) without its time changing: its
 * folder gets no signature until it has settled.
 */
const SETTLE_MS = 3_000;

/**
 * A cheap stand-in for reading and hashing a meeting folder: the name, size,
 * modification time and inode of everything under it. Taken before the
 * files are read, and recorded with the outputs: while it stays the same,
 * nothing under the folder has changed, as in git's index. Undefined when
 * something in the folder changed too recently to be sure.
 */
export function folderSignature(dir: string, now = Date.now()): string | undefined {
  const hash = createHash('sha256');
  const listed = listWithinBudget(dir);
  // A folder that cannot be listed, or is over the meeting's budget: the load stage reports it.
  if (!listed) return undefined;
  const entries = listed
    .map((entry) => ({ entry, name: path.relative(dir, path.join(entry.parentPath, entry.name)) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { entry, name } of entries) {
    // A folder is its entries, and those are listed themselves.
    if (entry.isDirectory()) {
      hash.update(name).update('\0/\0');
      continue;
    }
    let stats;
    try {
      stats = statSync(path.join(dir, name));
    } catch {
      // A dangling symlink: its name is all there is to compare.
      hash.update(name).update('\0-\0');
      continue;
    }
    if (stats.mtimeMs > now - SETTLE_MS) return undefined;
    hash.update(name).update(`\0${stats.size}:${stats.mtimeMs}:${stats.ino}:${stats.mode}\0`);
  }
  return hash.digest('hex');
}

/**
 * What the signature of a meeting's outputs covers besides the folder: the
 * pipeline, the forum settings and what the run makes of it.
 */
export function outputSignature(pipeline: string, forumDigest: string, variant: string[], folder: string): string {
  return createHash('sha256').update([pipeline, forumDigest, variant.join(','), folder].join('\0')).digest('hex');
}
