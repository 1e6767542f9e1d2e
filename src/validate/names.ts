/**
 * What a file or folder name says: item files that break the naming rule,
 * two items with one number, and forum folders that are not named as
 * meetings. Nothing a secretariat wrote is left out without a message.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import { report } from '../diagnostics/diagnostic.js';
import { quote } from '../diagnostics/catalogue.js';
import { isoDate, MONTH_NAMES, twoDigits } from '../format/dates.js';
import { ITEM_FILE, type MeetingSource, type NonMeetingFolder } from '../load/load.js';

const itemNumber = (name: string) => Number(ITEM_FILE.exec(name)?.[1]);

/** The smallest item number from `from` up that no item uses, written as wide as the others. */
function freeNumber(source: Pick<MeetingSource, 'items'>, from = 1): string {
  const used = new Set(source.items.map((file) => itemNumber(file.basename ?? '')));
  let number = from;
  while (used.has(number)) number++;
  const width = Math.max(2, ...source.items.map((file) => ITEM_FILE.exec(file.basename ?? '')?.[1]?.length ?? 0));
  return String(number).padStart(width, '0');
}

/** Why a name is not an item's, and the name it should have. */
function misnamedItem(name: string, free: () => string): { why: string; fixed: string } {
  const extension = /(\.md)?(\.[a-z]+)$/i.exec(name);
  let fixed = name;
  let why = '';
  if (extension && extension[2]!.toLowerCase() !== '.md') {
    fixed = name.slice(0, extension.index) + '.md';
    why = extension[1]
      ? `navnet ender på ${quote(extension[2]!)} efter ".md" (Windows skjuler ofte filtypen)`
      : `den ender på ${quote(extension[2]!)} og ikke på ".md"`;
  }
  const number = /^(\d+)[\s_.,–-]*/.exec(fixed);
  if (!number) {
    fixed = `${free()}-${fixed}`;
    why ||= 'navnet ikke begynder med punktets nummer';
  } else if (!ITEM_FILE.test(fixed)) {
    // "1.md" has a number but no name: it gets one.
    const rest = fixed.slice(number[0].length);
    fixed = `${number[1]}-${/^md$/i.test(rest) ? 'punkt.md' : rest}`;
    why ||= 'nummeret ikke efterfølges af en bindestreg';
  }
  return { why, fixed };
}

/** Files beside the items that look meant as items, and items sharing a number. */
export function checkItemNames(source: MeetingSource): void {
  for (const file of source.misnamed) {
    const name = file.basename ?? '';
    const { why, fixed } = misnamedItem(name, () => freeNumber(source));
    report(file, {
      rule: 'punkt-filnavn',
      reason: `Filen kommer ikke med i mødet, fordi ${why}.`,
      note: `Omdøb filen til ${quote(fixed)}: et punkts fil hedder nummer, bindestreg og navn. Noter, der ikke skal med, kan ligge i en undermappe, fx noter/.`,
    });
  }
  const seen = new Map<number, string>();
  for (const file of source.items) {
    const name = file.basename ?? '';
    const number = itemNumber(name);
    const first = seen.get(number);
    if (first === undefined) {
      seen.set(number, name);
      continue;
    }
    const next = freeNumber(source, number + 1);
    const rest = name.slice(ITEM_FILE.exec(name)![1]!.length);
    report(file, {
      rule: 'punkt-nummer-dobbelt',
      reason: `Punktnummeret ${number} bruges også af ${quote(first)}, så punkternes rækkefølge er uklar.`,
      note:
        Number(next) === number + 1
          ? `Giv hvert punkt sit eget nummer, fx ved at omdøbe filen til ${quote(`${next}${rest}`)}.`
          : 'Giv hvert punkt sit eget nummer; punkterne kommer i nummerorden.',
    });
  }
}

/** The meeting folder name a non-meeting folder was probably meant to have, when it can be known. */
function meetingNameFor(folder: NonMeetingFolder): string | undefined {
  const name = path.basename(folder.dir);
  const date = (year: string, month: string, day: string) => isoDate({ year: Number(year), month: Number(month), day: Number(day) });
  const ymd = /^(\d{4})[-_. ](\d{1,2})[-_. ](\d{1,2})(?:-(\d+))?$/.exec(name);
  if (ymd) return `${date(ymd[1]!, ymd[2]!, ymd[3]!)}${ymd[4] ? `-${ymd[4]}` : ''}`;
  const dmy = /^(\d{1,2})[-_. /](\d{1,2})[-_. /](\d{4})$/.exec(name);
  if (dmy) return date(dmy[3]!, dmy[2]!, dmy[1]!);
  // "Møde 20. august": the year comes from index.md, if it says.
  const written = /^mødedato:\s*["']?(\d{4})-(\d{2})-(\d{2})/m.exec(String(folder.index?.value ?? ''));
  if (written) return `${written[1]}-${written[2]}-${written[3]}`;
  const day = new RegExp(`(\\d{1,2})\\.?\\s*(${MONTH_NAMES.join('|')})`, 'i').exec(name);
  return day ? `ÅÅÅÅ-${twoDigits(MONTH_NAMES.indexOf(day[2]!.toLowerCase()) + 1)}-${twoDigits(Number(day[1]))}` : undefined;
}

/**
 * A folder in a forum that is not named as a meeting is not built: say so.
 * An error when it holds Markdown (surely meant as a meeting), else a warning.
 */
export function reportNonMeetingFolder(folder: NonMeetingFolder, cwd: string): VFile {
  const file = new VFile({ path: folder.dir, cwd });
  const meant = meetingNameFor(folder);
  const known = meant !== undefined && !meant.startsWith('ÅÅÅÅ');
  const rename = known
    ? `Omdøb mappen til ${meant}.`
    : meant
      ? `Omdøb mappen til mødets dato med årstallet foran: ${meant}.`
      : 'Omdøb mappen til mødets dato, fx 2025-08-20.';
  report(file, {
    rule: 'ikke-en-moedemappe',
    severity: folder.hasMarkdown ? 'error' : 'warning',
    reason: `Mappen bliver ikke bygget, fordi navnet ikke er en dato på formen ÅÅÅÅ-MM-DD.${known ? ` Mente du ${meant}?` : ''}`,
    note: `${rename} Er mappen ikke et møde, så lad navnet begynde med "_", fx _arkiv.`,
  });
  return file;
}
