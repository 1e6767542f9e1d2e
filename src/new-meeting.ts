/**
 * Start a meeting from its forum's defaults: content/<forum>/<date>/ with an
 * index.md that spells out the defaults (so the secretariat sees and edits
 * them) and the forum's standing items as numbered item files.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { stringify } from 'yaml';
import { UsageError } from './api.js';
import { BODY_SECTIONS, meetingSchema, type BodySectionKey, type Forum } from './content/schema.js';
import { AGENDA_PLACEHOLDERS, ITEM_PLACEHOLDER } from './content/placeholders.js';
import { findForums } from './load/forums.js';
import { loadForum, MEETING_FILE, MEETING_FOLDER } from './load/load.js';
import { validateForum } from './validate/validate.js';

export interface NewMeetingOptions {
  /** The forum's folder name under the content root, e.g. "sundhedsudvalget". */
  forum: string;
  /** The meeting folder's name: ÅÅÅÅ-MM-DD, or ÅÅÅÅ-MM-DD-N for another meeting that day. */
  date: string;
  /** Root of the content tree; default "content". */
  contentDir?: string;
  cwd?: string;
}

export type NewMeetingResult =
  /**
   * `files` are relative to `dir`; `missing` are fields the forum has no
   * default for; `nextNumber` is the number for the meeting's own first item.
   */
  | { status: 'created'; dir: string; files: string[]; missing: ('mødested' | 'mødetid')[]; nextNumber: string }
  /** Nothing was written; `free` is the next unused folder name for that day. */
  | { status: 'exists'; dir: string; free: string }
  /** forum.yml has errors (in `files`); nothing was written. */
  | { status: 'invalid-forum'; files: VFile[] };

/** "Godkendelse af dagsorden" → "godkendelse-af-dagsorden": ASCII, as in the examples' file names. */
export function slug(title: string): string {
  const ascii = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return ascii || 'punkt';
}

/**
 * Item numbers: the first standing items 01, 02 …, the last ones ending at
 * 99, so new items fit between them (items print in number order, see
 * load.ts) and "Eventuelt" stays last.
 */
export function standingItemNumbers(first: number, last: number): string[] {
  let end = 99;
  while (first + last > end) end = end * 10 + 9;
  const width = String(end).length;
  return [
    ...Array.from({ length: first }, (_, index) => index + 1),
    ...Array.from({ length: last }, (_, index) => end - last + 1 + index),
  ].map((number) => String(number).padStart(width, '0'));
}

function frontmatter(fields: string[], body: string): string {
  return `---\n${fields.join('')}---\n${body}`;
}

function indexFile(date: string, forum: Forum): { text: string; missing: ('mødested' | 'mødetid')[] } {
  const missing: ('mødested' | 'mødetid')[] = [];
  const field = (name: string, value: unknown) => stringify({ [name]: value });
  const fallback = (name: 'mødested' | 'mødetid', hint: string) => {
    const value = forum[name];
    if (value !== undefined) return field(name, value);
    missing.push(name);
    // A comment, not a made-up value: check names the field until it is filled in.
    return `# ${name}: (forummet har ingen standard: ${hint})\n`;
  };
  const fields = [
    field('mødedato', date),
    fallback('mødetid', 'skriv mødetiden her, fx 13:00-15:00'),
    fallback('mødested', 'skriv mødestedet her'),
    field('deltagere', forum.medlemmer ?? []),
    field('afbud', []),
  ];
  return { text: frontmatter(fields, ''), missing };
}

function itemFile(title: string, withSections: boolean, forum: Forum): string {
  const sections = withSections
    ? forum.afsnit.flatMap(({ afsnit }) => {
        // Beslutning and Referat are written at or after the meeting, Resumé and Bilag only when an item needs them.
        const placeholder = AGENDA_PLACEHOLDERS[afsnit as BodySectionKey];
        return placeholder ? [`## ${BODY_SECTIONS[afsnit as BodySectionKey]}\n\n${placeholder}\n`] : [];
      })
    : [];
  const body = sections.length > 0 ? sections.join('\n') : `${ITEM_PLACEHOLDER}\n`;
  return frontmatter([stringify({ titel: title })], body);
}

/** The first folder name for that day that is not taken: ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM-DD-2, … */
function freeName(forumDir: string, day: string): string {
  let name = day;
  for (let number = 2; existsSync(path.join(forumDir, name)); number++) name = `${day}-${number}`;
  return name;
}

export function newMeeting(options: NewMeetingOptions): NewMeetingResult {
  const cwd = options.cwd ?? process.cwd();
  const contentName = options.contentDir ?? 'content';
  const contentDir = path.resolve(cwd, contentName);
  const forums = findForums(contentDir);
  if (!forums.includes(options.forum)) {
    throw new UsageError(
      forums.length === 0
        ? `Forummet "${options.forum}" findes ikke: der er ingen fora i "${contentName}" (mapper med forum.yml).`
        : `Forummet "${options.forum}" findes ikke i "${contentName}". Skriv navnet på en forummappe: ${forums.join(', ')}.`,
    );
  }
  const [, day] = MEETING_FOLDER.exec(options.date) ?? [];
  if (!day || !meetingSchema.shape.mødedato.safeParse(day).success) {
    throw new UsageError(
      `"${options.date}" er ikke en gyldig dato. Skriv mødets dato som ÅÅÅÅ-MM-DD, fx 2025-03-12 (eller 2025-03-12-2 for et møde mere samme dag).`,
    );
  }
  const forumDir = path.join(contentDir, options.forum);
  const dir = path.join(forumDir, options.date);
  if (existsSync(dir)) return { status: 'exists', dir, free: freeName(forumDir, day) };

  const source = loadForum(forumDir, cwd);
  const forum = validateForum(source);
  if (!forum) return { status: 'invalid-forum', files: [source.file] };

  const index = indexFile(day, forum);
  const { først, sidst } = forum.faste_punkter;
  const numbers = standingItemNumbers(først.length, sidst.length);
  const items = [...først, ...sidst].map((title, position) => ({
    name: `${numbers[position]}-${slug(title)}.md`,
    text: itemFile(title, position < først.length, forum),
  }));
  const files = [{ name: MEETING_FILE, text: index.text }, ...items];
  // Claims the name atomically: a folder made meanwhile is never written into.
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { status: 'exists', dir, free: freeName(forumDir, day) };
    throw error;
  }
  try {
    for (const file of files) writeFileSync(path.join(dir, file.name), file.text, { flag: 'wx' });
  } catch (error) {
    // All or nothing: a half-made meeting would be worse than none.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const nextNumber = String(først.length + 1).padStart(numbers[0]?.length ?? 2, '0');
  return { status: 'created', dir, files: files.map((file) => file.name), missing: index.missing, nextNumber };
}
