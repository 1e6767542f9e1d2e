/**
 * Which meetings a pull request touches, so CI builds those before and after
 * the change and nothing else. A meeting is touched when a file in its folder
 * or its forum's forum.yml changed; a change to what every PDF is made from
 * touches them all.
 */
import { execFileSync } from 'node:child_process';
import { FORUM_FILE, MEETING_FILE, MEETING_FOLDER } from '../../src/load/load.js';
import { enumeration } from './text.js';

export const CONTENT_DIR = 'content';

/**
 * Paths whose change can alter every PDF: the pipeline's own inputs, as
 * hashed by pipelineFingerprint in src/load/fingerprint.ts (the fonts come
 * from the lockfile).
 */
export const PIPELINE_PATHS = ['src/', 'templates/', 'package-lock.json'];

export interface AffectedMeetings {
  /** The pipeline paths that changed; non-empty means every meeting is affected. */
  pipeline: string[];
  /** Meeting folders to build at the base commit, e.g. "content/udvalget/2024-02-07". */
  before: string[];
  /** Meeting folders to build at the pull request's head. */
  after: string[];
}

/** "content/<forum>/<meeting>/index.md" → "content/<forum>/<meeting>"; other paths → undefined. */
function meetingOfIndex(file: string): string | undefined {
  const [root, forum, meeting, name, ...rest] = file.split('/');
  return root === CONTENT_DIR && forum && meeting && MEETING_FOLDER.test(meeting) && name === MEETING_FILE && rest.length === 0
    ? `${root}/${forum}/${meeting}`
    : undefined;
}

/** Meeting folders in a file listing: those with an index.md, as build-referat accepts them. */
export function meetingsIn(files: Iterable<string>): Set<string> {
  const meetings = new Set<string>();
  for (const file of files) {
    const meeting = meetingOfIndex(file);
    if (meeting) meetings.add(meeting);
  }
  return meetings;
}

/** Whether a changed file touches a meeting folder (content/<forum>/<meeting>/…). */
function touches(changed: string, meeting: string): boolean {
  if (changed.startsWith(`${meeting}/`)) return true;
  const forum = meeting.slice(0, meeting.lastIndexOf('/'));
  return changed === `${forum}/${FORUM_FILE}`;
}

/**
 * The meetings to build on each side, from the changed paths and the files
 * that exist before and after the change (paths relative to the repository,
 * "/" separators).
 */
export function affectedMeetings(changed: string[], beforeFiles: Iterable<string>, afterFiles: Iterable<string>): AffectedMeetings {
  const pipeline = PIPELINE_PATHS.filter((prefix) => changed.some((file) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix)));
  const select = (meetings: Set<string>) =>
    [...meetings].filter((meeting) => pipeline.length > 0 || changed.some((file) => touches(file, meeting))).sort();
  return { pipeline, before: select(meetingsIn(beforeFiles)), after: select(meetingsIn(afterFiles)) };
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** NUL-separated git output as a list (-z keeps unusual file names intact). */
function list(output: string): string[] {
  return output.split('\0').filter(Boolean);
}

export interface Comparison extends AffectedMeetings {
  /** The commit the pull request branched from: what its head is compared with. */
  base: string;
  head: string;
}

/**
 * Compare `head` with the point where it left `base` (as GitHub's "Files
 * changed" does), reading everything from git: no checkout of the base needed.
 */
export function compareRevisions(repo: string, base: string, head: string): Comparison {
  const mergeBase = git(repo, ['merge-base', base, head]).trim();
  const headCommit = git(repo, ['rev-parse', '--verify', `${head}^{commit}`]).trim();
  const changed = list(git(repo, ['diff', '--name-only', '--no-renames', '-z', mergeBase, headCommit]));
  const files = (revision: string) => list(git(repo, ['ls-tree', '-r', '-z', '--name-only', revision, '--', `${CONTENT_DIR}/`]));
  return { base: mergeBase, head: headCommit, ...affectedMeetings(changed, files(mergeBase), files(headCommit)) };
}

/** The Danish lines for the job summary: which meetings CI builds, and why. */
export function describeAffected(affected: AffectedMeetings): string {
  const meetings = [...new Set([...affected.before, ...affected.after])].sort();
  if (meetings.length === 0) return 'Ingen møder er berørt af denne pull request, så der bygges ingen PDF\'er.\n';
  const reason =
    affected.pipeline.length > 0
      ? `Alle møder bygges, fordi ${enumeration(affected.pipeline.map((prefix) => `\`${prefix}\``))} er ændret.`
      : `${meetings.length === 1 ? 'Ét møde er berørt' : `${meetings.length} møder er berørt`} af ændringen.`;
  return `${reason}\n\n${meetings.map((meeting) => `- \`${meeting}\`${status(meeting, affected)}`).join('\n')}\n`;
}

function status(meeting: string, affected: AffectedMeetings): string {
  const before = affected.before.includes(meeting);
  const after = affected.after.includes(meeting);
  if (before && !after) return ' (slettet)';
  if (after && !before) return ' (nyt)';
  return '';
}
