/**
 * Watch the content and template folders and report, after a short quiet
 * spell, which pages a burst of file events may have changed. Editors save in
 * several steps (temp file, rename, chmod), so events are gathered first.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { FORUM_FILE, MEETING_FOLDER } from '../load/load.js';

export interface Roots {
  contentDir: string;
  templatesDir: string;
}

export interface SourceChange {
  /** Something under the templates folder (or the content folder itself) changed: every page. */
  all: boolean;
  /** Forums whose forum.yml or folder changed: the index and all their meetings. */
  forums: Set<string>;
  /** Meetings whose folder or files changed, as "<forum>/<meeting>" keys. */
  meetings: Set<string>;
}

/** The page key of a meeting: "<forum>/<meeting>" (folder names). */
export function meetingKey(forumId: string, meetingId: string): string {
  return `${forumId}/${meetingId}`;
}

/** Which pages the changed paths (absolute) can concern; paths elsewhere concern none. */
export function classifyChanges(paths: Iterable<string>, roots: Roots): SourceChange {
  const change: SourceChange = { all: false, forums: new Set(), meetings: new Set() };
  for (const changed of paths) {
    if (isInside(changed, roots.templatesDir) || changed === roots.contentDir) {
      change.all = true;
      continue;
    }
    if (!isInside(changed, roots.contentDir)) continue;
    const [forumId, second] = path.relative(roots.contentDir, changed).split(path.sep);
    if (!forumId) continue;
    // The forum folder itself (created, renamed, removed) or its settings.
    if (second === undefined || second === FORUM_FILE) change.forums.add(forumId);
    else if (MEETING_FOLDER.test(second)) change.meetings.add(meetingKey(forumId, second));
  }
  return change;
}

/** Does the change concern the page with this key ("" is the index)? */
export function concerns(change: SourceChange, key: string): boolean {
  if (change.all) return true;
  if (key === '') return change.forums.size > 0 || change.meetings.size > 0;
  // "<forum>/<meeting>" or, for another edition, "<forum>/<meeting>/<edition>".
  const [forumId, meetingId] = key.split('/');
  return change.forums.has(forumId!) || change.meetings.has(meetingKey(forumId!, meetingId!));
}

export function isEmpty(change: SourceChange): boolean {
  return !change.all && change.forums.size === 0 && change.meetings.size === 0;
}

function isInside(target: string, dir: string): boolean {
  const relative = path.relative(dir, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export interface Watcher {
  close(): void;
}

/** Quiet time after the last event before a change is reported, milliseconds. */
export const DEBOUNCE_MS = 80;

/**
 * Watch both folders (recursively: inotify on Linux) and call `onChange` once
 * per burst of events that concerns some page.
 */
export function watchSources(
  roots: Roots,
  onChange: (change: SourceChange) => void,
  onError: (error: Error) => void,
  debounceMs = DEBOUNCE_MS,
): Watcher {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const change = classifyChanges(pending, roots);
    pending.clear();
    if (!isEmpty(change)) onChange(change);
  };
  const watchers: FSWatcher[] = [roots.contentDir, roots.templatesDir].map((dir) =>
    watch(dir, { recursive: true }, (_event, filename) => {
      // No name: something happened to the folder itself, which concerns every page in it.
      pending.add(filename ? path.join(dir, filename.toString()) : dir);
      clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    }).on('error', onError),
  );
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
