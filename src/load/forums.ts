/**
 * The forums under a content root: folders with a forum.yml, whether or not
 * they have meetings yet (a new forum is content to check, and a place for
 * new meetings).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isForumDir } from './load.js';

/** Forum folder names directly under the content root, in the order findMeetings visits them. */
export function findForums(contentRoot: string): string[] {
  if (!existsSync(contentRoot)) return [];
  return readdirSync(contentRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && isForumDir(path.join(contentRoot, entry.name)))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en'));
}
