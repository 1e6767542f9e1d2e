/**
 * Stage 1 (disk edge): find meetings under the content root and read their
 * files into vfiles. Nothing here interprets content.
 */
import { readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { VFile } from 'vfile';
import { report } from '../diagnostics/diagnostic.js';
import { readFailure } from '../diagnostics/file-system.js';
import { shownPath } from '../diagnostics/format.js';
import { quote } from '../diagnostics/catalogue.js';
import { MEETING_BUDGET } from '../validate/limits.js';

export const FORUM_FILE = 'forum.yml';
export const MEETING_FILE = 'index.md';
/** An item file: its number, a hyphen and a name; ".MD" too, as Windows may save it. */
export const ITEM_FILE = /^(\d+)-[^/]+\.md$/i;
/**
 * A file beside the items that looks meant as one but breaks the naming rule
 * ("budget.md", "06 Budget.md", "08-x.md.txt"): validation names it rather
 * than leave its text out in silence. Notes may stay as other kinds of files.
 */
export const MISNAMED_ITEM = /\.(md|markdown)$|\.md\.[a-z]+$|^\d+.*\.txt$/i;
/** Folders a secretariat keeps for itself: never meetings, never reported. */
export const PRIVATE_NAME = /^[._]/;
export const MEETING_FOLDER = /^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$/;

export interface MeetingLocation {
  /** Folder name, e.g. "2024-02-07" or "2024-02-07-2". */
  id: string;
  forumId: string;
  forumDir: string;
  dir: string;
}

export interface ForumSource {
  id: string;
  dir: string;
  file: VFile;
}

export interface MeetingFileInfo {
  /** Path relative to the meeting folder, with "/" separators, in Unicode NFC. */
  relative: string;
  /** False when the path (or a symlink on it) leads outside the meeting folder. */
  inside: boolean;
  /** Image files inside the meeting are read here, so later stages can inline them. */
  image?: { mediaType: string; bytes: Buffer };
  /** SHA-256 of the file's bytes (files inside the meeting), for incremental builds. */
  digest?: string;
  /** The bytes of a file inside the meeting (bilag are printed or appended from these). */
  bytes?: Buffer;
}

/** Images a Markdown body may show, by extension. */
export const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** The bilag files that can be put into a "samlet" document, by extension. */
export function attachmentFormat(fil: string | undefined): 'pdf' | 'markdown' | 'image' | undefined {
  const extension = path.extname(fil ?? '').toLowerCase();
  if (extension === '.pdf') return 'pdf';
  if (extension === '.md') return 'markdown';
  return IMAGE_TYPES[extension] ? 'image' : undefined;
}

export interface MeetingSource extends MeetingLocation {
  index: VFile;
  items: VFile[];
  /** Files under the meeting folder other than index.md and the item files. */
  files: Map<string, MeetingFileInfo>;
  /** Problems with the folder itself (stray files, unreadable files). */
  folder: VFile;
  /** Top-level files that look meant as items but are not named as one (see MISNAMED_ITEM). */
  misnamed: VFile[];
}

/** A folder in a forum that is not named as a meeting, with what may tell the meeting's date. */
export interface NonMeetingFolder {
  forumDir: string;
  dir: string;
  /** Its index.md, if it has one. */
  index?: VFile;
  /** Whether it holds Markdown files: then it was surely meant as a meeting. */
  hasMarkdown: boolean;
}

/**
 * A content file as a vfile. One that cannot be read (no access, a disk
 * error) has no value and carries the error, naming the file.
 */
export function readVFile(filePath: string, cwd: string): VFile {
  const file = new VFile({ path: filePath, cwd });
  try {
    file.value = readFileSync(filePath);
  } catch (error) {
    const failure = readFailure(error, shownPath(filePath, cwd));
    if (!failure) throw error;
    report(file, failure);
  }
  return file;
}

function entries(dir: string): Dirent[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

export function isMeetingDir(dir: string): boolean {
  return MEETING_FOLDER.test(path.basename(dir)) && existsFile(path.join(dir, MEETING_FILE));
}

export function isForumDir(dir: string): boolean {
  return existsFile(path.join(dir, FORUM_FILE));
}

function existsFile(filePath: string): boolean {
  try {
    return statSync(filePath).isFile();
  } catch {
    return false;
  }
}

/** Every meeting folder of a forum folder, in date order. */
export function meetingsOfForum(forumDir: string): MeetingLocation[] {
  const forumId = path.basename(forumDir);
  return entries(forumDir)
    .filter((entry) => entry.isDirectory() && MEETING_FOLDER.test(entry.name))
    .map((entry) => ({ id: entry.name, forumId, forumDir, dir: path.join(forumDir, entry.name) }));
}

/** Every meeting under a content root: content/<forum>/<meeting>/. */
export function findMeetings(contentRoot: string): MeetingLocation[] {
  return forumDirs(contentRoot).flatMap(meetingsOfForum);
}

function forumDirs(contentRoot: string): string[] {
  return entries(contentRoot)
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => path.join(contentRoot, entry.name));
}

/** Folders in the forums under a content root that are not meetings by name (and not private). */
export function findNonMeetingFolders(contentRoot: string, cwd: string): NonMeetingFolder[] {
  return forumDirs(contentRoot).filter(isForumDir).flatMap((forumDir) => nonMeetingFoldersOfForum(forumDir, cwd));
}

export function nonMeetingFoldersOfForum(forumDir: string, cwd: string): NonMeetingFolder[] {
  return entries(forumDir)
    .filter((entry) => entry.isDirectory() && !MEETING_FOLDER.test(entry.name) && !PRIVATE_NAME.test(entry.name))
    .map((entry) => {
      const dir = path.join(forumDir, entry.name);
      const indexPath = path.join(dir, MEETING_FILE);
      const hasMarkdown = entries(dir).some((file) => file.isFile() && /\.md$/i.test(file.name));
      return { forumDir, dir, hasMarkdown, ...(existsFile(indexPath) ? { index: readVFile(indexPath, cwd) } : {}) };
    });
}

export function meetingLocation(dir: string): MeetingLocation {
  const forumDir = path.dirname(dir);
  return { id: path.basename(dir), forumId: path.basename(forumDir), forumDir, dir };
}

export function loadForum(forumDir: string, cwd: string): ForumSource {
  const filePath = path.join(forumDir, FORUM_FILE);
  const file = existsFile(filePath) ? readVFile(filePath, cwd) : new VFile({ path: filePath, cwd });
  return { id: path.basename(forumDir), dir: forumDir, file };
}

export function loadMeeting(location: MeetingLocation, cwd: string): MeetingSource {
  const folder = new VFile({ path: location.dir, cwd });
  const indexPath = path.join(location.dir, MEETING_FILE);
  const items: VFile[] = [];
  const misnamed: VFile[] = [];
  const files = new Map<string, MeetingFileInfo>();
  const root = realpathSync(location.dir);
  // The folder's budget: what is over it is neither listed further nor read.
  let entryCount = 0;
  let bytes = 0;
  let over = false;
  const refuse = (reason: string, note: string, on = folder) => {
    over = true;
    report(on, { rule: 'over-budget', reason, note });
  };
  /** Whether the file still fits the folder's budget, by its size on disk, before it is read. */
  const affordable = (file: string, relative: string, on?: VFile): boolean => {
    if (over) return false;
    try {
      bytes += statSync(file).size;
    } catch {
      // Gone or unreadable: reading it says which.
      return true;
    }
    if (bytes <= MEETING_BUDGET.folderBytes) return true;
    refuse(
      `Mødemappens filer fylder over ${MEETING_BUDGET.folderBytes / 2 ** 20} MB (nået ved ${quote(relative)}); det er grænsen for ét møde, også for filer, som intet punkt nævner.`,
      'Flyt store filer ud af mødemappen, eller gør bilagene mindre (fx PDF gemt med "Reducer filstørrelse").',
      on,
    );
    return false;
  };
  const unread = new VFile({ path: indexPath, cwd });
  const index = existsFile(indexPath) && affordable(indexPath, MEETING_FILE, unread) ? readVFile(indexPath, cwd) : unread;

  const walk = (dir: string, relativeDir: string, depth: number): void => {
    if (over) return;
    if (depth > MEETING_BUDGET.folderDepth) {
      refuse(
        `Mappen ${quote(relativeDir)} ligger ${depth} mapper nede i mødemappen; højst ${MEETING_BUDGET.folderDepth} er tilladt.`,
        'Læg mødets filer i færre lag af mapper (fx alle bilag i bilag/).',
      );
      return;
    }
    let list: Dirent[];
    try {
      list = entries(dir);
    } catch (error) {
      const failure = readFailure(error, shownPath(dir, cwd));
      if (!failure) throw error;
      report(folder, failure);
      return;
    }
    for (const entry of list) {
      if (over) return;
      if (++entryCount > MEETING_BUDGET.folderEntries) {
        refuse(`Mødemappen rummer over ${MEETING_BUDGET.folderEntries} filer og mapper; det er grænsen for ét møde.`, 'Flyt filer, der ikke hører til mødet, ud af mødemappen.');
        return;
      }
      // NFC: a name from a Mac ("å" as "a" + ring) is the name the content writes.
      const relative = (relativeDir ? `${relativeDir}/${entry.name}` : entry.name).normalize('NFC');
      const full = path.join(dir, entry.name);
      if (!relativeDir && entry.name === MEETING_FILE) continue;
      if (!relativeDir && entry.isFile() && ITEM_FILE.test(entry.name)) {
        if (affordable(full, relative)) items.push(readVFile(full, cwd));
        continue;
      }
      if (!relativeDir && entry.isFile() && MISNAMED_ITEM.test(entry.name) && entry.name.toLowerCase() !== MEETING_FILE) {
        misnamed.push(new VFile({ path: full, cwd }));
      }
      let real: string;
      try {
        real = realpathSync(full);
      } catch {
        files.set(relative, { relative, inside: false });
        continue;
      }
      const inside = real === root || real.startsWith(root + path.sep);
      if (entry.isDirectory() && inside && !entry.isSymbolicLink()) {
        walk(full, relative, depth + 1);
        continue;
      }
      if (!inside || !statSync(real).isFile() || !affordable(real, relative)) {
        files.set(relative, { relative, inside });
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = readFileSync(real);
      } catch (error) {
        const failure = readFailure(error, shownPath(full, cwd));
        if (!failure) throw error;
        report(folder, failure);
        files.set(relative, { relative, inside });
        continue;
      }
      const mediaType = IMAGE_TYPES[path.extname(entry.name).toLowerCase()];
      const digest = createHash('sha256').update(bytes).digest('hex');
      files.set(relative, { relative, inside, digest, bytes, ...(mediaType ? { image: { mediaType, bytes } } : {}) });
    }
  };
  walk(location.dir, '', 0);
  items.sort((a, b) => itemOrder(a) - itemOrder(b) || String(a.basename).localeCompare(String(b.basename), 'en'));
  return { ...location, index, items, files, folder, misnamed };
}

function itemOrder(file: VFile): number {
  return Number(ITEM_FILE.exec(file.basename ?? '')?.[1] ?? 0);
}
