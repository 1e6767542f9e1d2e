/**
 * CPR numbers must never reach a public edition (databeskyttelseslovens
 * § 11; kommunestyrelseslovens § 8, stk. 7). Every text of a meeting is
 * searched: what a public edition prints is an error, what only the internal
 * edition of a closed item (or a bilag not for publication) holds is a warning.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/diagnostic.js';
import { splitFrontmatter } from './frontmatter.js';
import type { Item } from './validate.js';
import type { RenderedMeeting } from '../render/markdown.js';

/** DDMMÅÅ-XXXX, with a dash or a space (a bare run of ten digits is too often something else). */
const CPR = /(?<![\d-])(\d{2})(\d{2})(\d{2})[-‐–\u00a0 ](\d{4})(?![\d-])/g;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isValidCprDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return false;
  // 29 February: a leap year in both centuries a two-digit year can mean, except 1900.
  return !(month === 2 && day === 29 && year % 4 !== 0);
}

/** Where in a line a CPR number begins, for every one the line holds. */
export function findCprNumbers(line: string): number[] {
  return [...line.matchAll(CPR)]
    .filter((match) => isValidCprDate(Number(match[1]), Number(match[2]), Number(match[3])))
    .map((match) => match.index);
}

type Visibility = 'public' | 'internal';

function reportCpr(file: VFile, line: number, column: number, visibility: Visibility): void {
  if (visibility === 'public') {
    report(file, {
      rule: 'cpr-nummer',
      reason: 'Teksten indeholder et CPR-nummer, og den kommer med i den offentlige udgave.',
      note: 'Fjern CPR-nummeret: personnumre må ikke offentliggøres. Skriv fx "borgeren" eller et journalnummer i stedet.',
      place: { line, column },
    });
  } else {
    report(file, {
      rule: 'cpr-nummer-internt',
      severity: 'warning',
      reason: 'Teksten indeholder et CPR-nummer. Den står kun i den interne udgave, men referatet har sjældent brug for det.',
      note: 'Overvej at fjerne CPR-nummeret; det er nok at henvise til sagen.',
      place: { line, column },
    });
  }
}

/** Search lines `from`..`to` (1-based, inclusive) of a file; `visibility` says for each line what it is. */
function searchLines(file: VFile, from: number, to: number, visibility: (line: number) => Visibility): void {
  const lines = String(file.value).split('\n');
  for (let line = from; line <= Math.min(to, lines.length); line++) {
    for (const index of findCprNumbers(lines[line - 1]!)) reportCpr(file, line, index + 1, visibility(line));
  }
}

/** The frontmatter fields of an item that a public edition prints when the item is closed. */
function publicFieldsOfClosed(item: Item): string[] {
  return item.frontmatter.lukket === 'tavshedspligt' ? ['offentlig_titel'] : ['offentlig_titel', 'offentlig_beskrivelse', 'offentlig_beslutning'];
}

/**
 * Lines of an item's frontmatter that no public edition prints: all of a
 * closed item but its public fields, and the entries of bilag not for
 * publication. A field's lines run up to the next field's.
 */
function internalFrontmatterLines(item: Item): Set<number> {
  const { frontmatter, bodyLine } = splitFrontmatter(item.file);
  const internal = new Set<number>();
  if (!frontmatter) return internal;
  const keys = Object.keys((frontmatter.data ?? {}) as Record<string, unknown>);
  const lineOf = (field: readonly PropertyKey[] | undefined) => (field ? (frontmatter.locate(field, 'key')?.line ?? bodyLine) : bodyLine);
  const nextField = (key: string) => (keys[keys.indexOf(key) + 1] === undefined ? undefined : [keys[keys.indexOf(key) + 1]!]);
  const span = (field: readonly PropertyKey[], next: readonly PropertyKey[] | undefined, add: boolean) => {
    for (let line = lineOf(field); line < lineOf(next); line++) {
      if (add) internal.add(line);
      else internal.delete(line);
    }
  };
  if (item.frontmatter.lukket !== undefined) {
    for (let line = 1; line < bodyLine; line++) internal.add(line);
    for (const key of keys.filter((key) => publicFieldsOfClosed(item).includes(key))) span([key], nextField(key), false);
    return internal;
  }
  item.attachments.forEach((bilag, index) => {
    if (!bilag.offentlig) span(['bilag', index], index === item.attachments.length - 1 ? nextField('bilag') : ['bilag', index + 1], true);
  });
  return internal;
}

export function checkPersonalData(rendered: RenderedMeeting): void {
  const { meeting } = rendered;
  const index = meeting.intro.file;
  searchLines(index, 1, Number.MAX_SAFE_INTEGER, () => 'public');
  for (const item of meeting.items) {
    const internal = internalFrontmatterLines(item);
    const closed = item.frontmatter.lukket !== undefined;
    const { body } = item;
    searchLines(item.file, 1, body.line - 1, (line) => (internal.has(line) ? 'internal' : 'public'));
    searchLines(item.file, body.line, Number.MAX_SAFE_INTEGER, () => (closed ? 'internal' : 'public'));
    for (const bilag of item.attachments) {
      if (!bilag.source) continue;
      const file = rendered.attachmentFiles.find((candidate) => candidate.path === path.join(meeting.dir, bilag.source!.relative));
      if (file) searchLines(file, 1, Number.MAX_SAFE_INTEGER, () => (closed || !bilag.offentlig ? 'internal' : 'public'));
    }
  }
}
