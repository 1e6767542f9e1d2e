/**
 * Check content without printing it: every diagnostic a build would report
 * about the content, found by the build's own stages (see check-meeting.ts),
 * with no browser and no output written. Fast enough to run before a commit.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { resolveTargets, UsageError } from './api.js';
import { checkMeeting } from './check-meeting.js';
import { findForums } from './load/forums.js';
import { findMeetings, isForumDir, loadForum, loadMeeting, type MeetingLocation } from './load/load.js';
import type { DocumentKind } from './render/edition.js';
import { createMarkdownParser } from './render/markdown.js';
import { validateForum } from './validate/validate.js';

export interface CheckOptions {
  /** Check as for this document (default "referat"): a referat warns about items without a decision. */
  kind?: DocumentKind;
  /** Root of the content tree; default "content". */
  contentDir?: string;
  /** Meeting or forum folders to check; default every forum and meeting under contentDir. */
  targets?: string[];
  cwd?: string;
}

export interface CheckReport {
  forums: number;
  meetings: number;
  /** Every file that has diagnostics (errors or warnings), in content order. */
  files: VFile[];
  /** True when no file has an error (warnings allowed). */
  ok: boolean;
}

/** The meetings to check, grouped by forum, each forum once, in content order. */
function forumsToCheck(options: CheckOptions, cwd: string): [forumDir: string, meetings: MeetingLocation[]][] {
  const targets = options.targets ?? [];
  let locations: MeetingLocation[];
  // Forums named, or all under the root: checked even before their first meeting.
  let forumDirs: string[];
  if (targets.length > 0) {
    locations = resolveTargets(targets, cwd);
    forumDirs = targets.map((target) => path.resolve(cwd, target)).filter(isForumDir);
  } else {
    const contentDir = path.resolve(cwd, options.contentDir ?? 'content');
    if (!existsSync(contentDir)) throw new UsageError(`Mappen "${options.contentDir ?? 'content'}" findes ikke.`);
    locations = findMeetings(contentDir);
    forumDirs = findForums(contentDir).map((name) => path.join(contentDir, name));
  }
  const forums = new Map<string, Map<string, MeetingLocation>>();
  for (const location of locations) {
    const meetings = forums.get(location.forumDir) ?? new Map<string, MeetingLocation>();
    meetings.set(location.dir, location);
    forums.set(location.forumDir, meetings);
  }
  for (const dir of forumDirs) if (!forums.has(dir)) forums.set(dir, new Map());
  const grouped = [...forums].map(([dir, meetings]) => [dir, [...meetings.values()]] as [string, MeetingLocation[]]);
  // The whole archive in findMeetings' order; named folders in the order named.
  return targets.length > 0 ? grouped : grouped.sort(([a], [b]) => path.basename(a).localeCompare(path.basename(b), 'en'));
}

export async function checkAll(options: CheckOptions = {}): Promise<CheckReport> {
  const cwd = options.cwd ?? process.cwd();
  const forums = forumsToCheck(options, cwd);
  const parse = createMarkdownParser();
  const files: VFile[] = [];
  // Keep only files with diagnostics: memory must not grow with the archive.
  const keep = (file: VFile) => {
    if (file.messages.length > 0) files.push(file);
  };
  let meetings = 0;
  for (const [forumDir, locations] of forums) {
    const forumSource = loadForum(forumDir, cwd);
    const forum = validateForum(forumSource);
    keep(forumSource.file);
    for (const location of locations) {
      meetings++;
      const checked = await checkMeeting(loadMeeting(location, cwd), forum, parse, options.kind ?? 'referat');
      checked.files.forEach(keep);
    }
  }
  return {
    forums: forums.length,
    meetings,
    files,
    ok: files.every((file) => file.messages.every((message) => !message.fatal)),
  };
}
