/**
 * Disk edge for `npm run check -- --base <rev>`: a meeting's files as they
 * were at a git revision. git runs without a shell, the revision and paths
 * are arguments, and the content read is only ever parsed as data.
 */
import { execFileSync } from 'node:child_process';
import { UsageError } from '../api.js';
import type { MeetingTexts } from '../validate/approved.js';
import { ITEM_FILE, MEETING_FILE } from './load.js';

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
}

/** The commit a revision names, or a usage error that says why not. */
export function resolveRevision(revision: string, cwd: string): string {
  // An argument beginning with "-" would be read as an option by git.
  if (revision.startsWith('-') || revision.trim() === '') throw new UsageError(`--base skal være en git-revision (fx main eller origin/main), ikke ${JSON.stringify(revision)}.`);
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).trim();
  } catch {
    throw new UsageError(`--base ${JSON.stringify(revision)} er ikke en git-revision i ${cwd}.`);
  }
}

/** index.md and the items of a meeting folder at `commit`; undefined if the meeting did not exist then. */
export function meetingAtRevision(dir: string, commit: string): MeetingTexts | undefined {
  let names: string[];
  try {
    names = git(dir, ['ls-tree', '--name-only', commit, '--', './']).split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
  if (!names.includes(MEETING_FILE)) return undefined;
  const show = (name: string) => git(dir, ['show', `${commit}:./${name}`]);
  return {
    index: show(MEETING_FILE),
    items: new Map(names.filter((name) => ITEM_FILE.test(name)).map((name) => [name, show(name)])),
  };
}
