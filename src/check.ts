/**
 * Check content without printing it: every diagnostic a build would report
 * about the content, found by the build's own stages (see check-meeting.ts),
 * with no browser and no output written. Fast enough to run before a commit:
 * with a cache file, a meeting found in order is checked again only when
 * something it is made from has changed, as incremental builds decide.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { DEFAULT_TEMPLATES, nonMeetingFolders, PROJECT_ROOT, resolveTargets, UsageError } from './api.js';
import { fileDigest, meetingFingerprint, pipelineFingerprint } from './load/fingerprint.js';
import { findForums } from './load/forums.js';
import { findMeetings, isForumDir, loadForum, loadMeeting, type MeetingLocation } from './load/load.js';
import type { DocumentKind } from './render/edition.js';
import type { MarkdownParser } from './render/markdown.js';
import { fontPackageDir } from './render/fonts.js';
import { validateForum } from './validate/validate.js';
import { compareWithApproved } from './validate/approved.js';
import { meetingAtRevision, resolveRevision } from './load/git-base.js';
import { OutputWriteError, writeAtomic } from './write/write.js';

export interface CheckOptions {
  /** Check as for this document (default "referat"): a referat warns about items without a decision. */
  kind?: DocumentKind;
  /** Root of the content tree; default "content". */
  contentDir?: string;
  /** Meeting or forum folders to check; default every forum and meeting under contentDir. */
  targets?: string[];
  cwd?: string;
  /**
   * Remember here the meetings found in order (without even a warning), and
   * skip them while their fingerprint is unchanged. Default: no memory.
   */
  cacheFile?: string;
  /** With a cache file: check every meeting anyway. */
  force?: boolean;
  /**
   * A git revision: every meeting approved there is compared with it, and a
   * silent change to its decisions, protocol or attendance is an error.
   */
  base?: string;
}

export interface CheckReport {
  forums: number;
  meetings: number;
  /** Meetings skipped: in order last time, and nothing they are made from has changed. */
  unchanged: number;
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

/** "<kind>:<meeting folder>" → the fingerprint it had when it was last found in order. */
type Memory = Record<string, string>;

function readMemory(file: string): Memory {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Memory) : {};
  } catch {
    // Missing or damaged: start afresh, it only costs time.
    return {};
  }
}

export async function checkAll(options: CheckOptions = {}): Promise<CheckReport> {
  const cwd = options.cwd ?? process.cwd();
  const forums = forumsToCheck(options, cwd);
  // The Markdown and PDF stages load only when some meeting needs checking:
  // an archive where nothing has changed is checked in a blink.
  let loading: Promise<{ checkMeeting: typeof import('./check-meeting.js').checkMeeting; parse: MarkdownParser }> | undefined;
  const stages = () =>
    (loading ??= Promise.all([import('./check-meeting.js'), import('./render/markdown.js')]).then(([stage, markdown]) => ({
      checkMeeting: stage.checkMeeting,
      parse: markdown.createMarkdownParser(),
    })));
  const files: VFile[] = nonMeetingFolders(options.targets ?? [], path.resolve(cwd, options.contentDir ?? 'content'), cwd);
  // Keep only files with diagnostics: memory must not grow with the archive.
  const keep = (file: VFile) => {
    if (file.messages.length > 0) files.push(file);
  };
  const kind = options.kind ?? 'referat';
  // Compared with a base, a meeting is checked whether or not it changed since the last check.
  const memory = options.cacheFile === undefined || options.base !== undefined ? undefined : readMemory(options.cacheFile);
  const base = options.base === undefined ? undefined : { name: options.base, commit: resolveRevision(options.base, cwd) };
  // The pipeline's code, templates and dependencies; no browser is involved.
  const pipeline = memory && pipelineFingerprint(PROJECT_ROOT, DEFAULT_TEMPLATES, fontPackageDir(), '');
  let meetings = 0;
  let unchanged = 0;
  for (const [forumDir, locations] of forums) {
    const forumSource = loadForum(forumDir, cwd);
    // Taken before validation decodes the file.
    const forumDigest = fileDigest(forumSource.file);
    const forum = validateForum(forumSource);
    keep(forumSource.file);
    for (const location of locations) {
      meetings++;
      const source = loadMeeting(location, cwd);
      const fingerprint = pipeline && meetingFingerprint(pipeline, forumDigest, source, ['check', kind]);
      const key = `${kind}:${location.dir}`;
      if (memory && fingerprint && !options.force && memory[key] === fingerprint) {
        unchanged++;
        continue;
      }
      const { checkMeeting, parse } = await stages();
      const checked = await checkMeeting(source, forum, parse, kind);
      const approved = base && typeof source.index.value === 'string' ? meetingAtRevision(location.dir, base.commit) : undefined;
      if (approved) compareWithApproved(approved, source, base!.name, parse);
      checked.files.forEach(keep);
      if (!memory || !fingerprint) continue;
      // Warnings are repeated every time: only a meeting with nothing to say is remembered.
      if (forum && checked.files.every((file) => file.messages.length === 0)) memory[key] = fingerprint;
      else delete memory[key];
    }
  }
  if (options.cacheFile !== undefined && memory) {
    // Forget meetings that are gone, so the file does not grow for ever.
    for (const key of Object.keys(memory)) if (!existsSync(key.slice(key.indexOf(':') + 1))) delete memory[key];
    try {
      writeAtomic(options.cacheFile, Buffer.from(JSON.stringify(memory)));
    } catch (error) {
      // The memory only saves time: a check that cannot keep it still checks.
      if (!(error instanceof OutputWriteError)) throw error;
    }
  }
  return {
    forums: forums.length,
    meetings,
    unchanged,
    files,
    ok: files.every((file) => file.messages.every((message) => !message.fatal)),
  };
}
