/**
 * Stage 2: validate a forum and a meeting's frontmatter against the schemas,
 * apply the forum's defaults, and check references to files in the meeting.
 */
import type { VFile } from 'vfile';
import {
  forumSchema,
  itemSchema,
  meetingSchema,
  type Attachment,
  type ClosedReason,
  type Forum,
  type ItemFrontmatter,
  type MeetingFrontmatter,
  type PlainDate,
} from '../content/schema.js';
import { report } from '../diagnostics/diagnostic.js';
import { normalizeName, quote, suggest } from '../diagnostics/catalogue.js';
import { PLACEHOLDERS } from '../content/placeholders.js';
import { checkItemNames } from './names.js';
import { parseYaml, splitFrontmatter, type ParsedYaml } from './frontmatter.js';
import { fieldLabel, validateFrontmatter } from './schema-issues.js';
import { admitFile, LIMITS, MEETING_BUDGET, megabytes } from './limits.js';
import { isoDate } from '../format/dates.js';
import { attachmentFormat, MEETING_FOLDER, type ForumSource, type MeetingFileInfo, type MeetingSource } from '../load/load.js';
import type { Point } from 'unist';

export interface MarkdownBody {
  file: VFile;
  markdown: string;
  /** 1-based line in `file` where `markdown` starts. */
  line: number;
}

export interface NumberedAttachment extends Attachment {
  nummer: number;
  /** The file `fil` names, once checked to be inside the meeting. */
  source?: MeetingFileInfo;
  /** Where `fil` is written, as a machine label: "bilag[2].fil". */
  field: string;
  /** The same, as messages say it: "bilag nr. 2". */
  label: string;
  place?: Point;
}

export interface Item {
  nummer: number;
  file: VFile;
  frontmatter: ItemFrontmatter;
  attachments: NumberedAttachment[];
  body: MarkdownBody;
}

export interface Meeting {
  id: string;
  forumId: string;
  dir: string;
  forum: Forum;
  frontmatter: Omit<MeetingFrontmatter, 'mødetid' | 'mødested' | 'deltagere'> & {
    mødetid: string;
    mødested: string;
    deltagere: string[];
  };
  intro: MarkdownBody;
  items: Item[];
  files: MeetingSource['files'];
}

export function validateForum(source: ForumSource): Forum | undefined {
  const { file } = source;
  if (file.value === undefined) {
    // Unreadable: the load stage has said why.
    if (file.messages.length > 0) return undefined;
    report(file, {
      rule: 'forum-mangler',
      reason: `Forummet ${quote(source.id)} har ingen forum.yml.`,
      note: 'Opret forum.yml med mindst felterne navn, organisation og layout (se README).',
    });
    return undefined;
  }
  // admitFile decodes the bytes (TextDecoder drops a BOM) and normalises line ends.
  if (!admitFile(file, 'yaml')) return undefined;
  const parsed = parseYaml(file, String(file.value));
  return parsed && validateFrontmatter(file, parsed, forumSchema);
}

/** `example`: the one field the file must have, as it is written, e.g. "titel: Godkendelse af dagsorden". */
function requireFrontmatter(file: VFile, example: string): { parsed: ParsedYaml; body: MarkdownBody } | undefined {
  const { frontmatter, body, bodyLine } = splitFrontmatter(file);
  if (file.messages.some((message) => message.fatal)) return undefined;
  if (!frontmatter) {
    report(file, {
      rule: 'frontmatter-mangler',
      reason: `Filen begynder ikke med felterne (mindst ${example.split(':')[0]}).`,
      note: `Skriv øverst i filen en linje med "---", felterne (fx ${example}) og igen en linje med "---".`,
      place: { line: 1, column: 1 },
    });
    return undefined;
  }
  return { parsed: frontmatter, body: { file, markdown: body, line: bodyLine } };
}

function sameDate(a: PlainDate, b: PlainDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

export function validateMeeting(source: MeetingSource, forum: Forum): Meeting | undefined {
  const { index } = source;
  if (index.value === undefined) {
    if (index.messages.length > 0) return undefined;
    report(source.folder, {
      rule: 'moede-mangler-index',
      reason: 'Mødemappen har ingen index.md.',
      note: 'Opret index.md med mindst feltet mødedato (se README).',
    });
    return undefined;
  }
  if (source.items.length > LIMITS.itemsPerMeeting) {
    report(source.folder, {
      rule: 'for-mange-punkter',
      reason: `Mødet har ${source.items.length} punkter; grænsen er ${LIMITS.itemsPerMeeting}.`,
      note: 'Del mødet op, eller saml små punkter i ét.',
    });
    return undefined;
  }
  // Files over their own limit are refused on their own; the rest must fit the meeting's budget together.
  const sizes = [...[index, ...source.items].map((file) => file.value?.length ?? 0), ...[...source.files.values()].map((info) => (info.relative.toLowerCase().endsWith('.md') ? (info.bytes?.length ?? 0) : 0))];
  const markdownBytes = sizes.filter((size) => size <= LIMITS.markdownBytes).reduce((sum, size) => sum + size, 0);
  if (markdownBytes > MEETING_BUDGET.markdownBytes) {
    report(source.folder, {
      rule: 'over-budget',
      reason: `Mødets tekst (index.md, punkterne og Markdown-bilag) fylder ${megabytes.format(markdownBytes / 1e6)} MB; grænsen for ét møde er ${megabytes.format(MEETING_BUDGET.markdownBytes / 1e6)} MB (ca. 1000 sider).`,
      note: 'Del mødet op, eller læg lange dokumenter ved som PDF-bilag.',
    });
  }
  checkItemNames(source);
  const split = admitFile(index, 'markdown') ? requireFrontmatter(index, 'mødedato: 2025-03-12') : undefined;
  const frontmatter = split && validateFrontmatter(index, split.parsed, meetingSchema);
  const items = source.items.map((file, position) => validateItem(file, position + 1, source));

  if (frontmatter && split) {
    const [, folderDate] = MEETING_FOLDER.exec(source.id) ?? [];
    const iso = isoDate(frontmatter.mødedato);
    if (folderDate !== iso) {
      report(index, {
        rule: 'moededato-mappe',
        field: 'mødedato',
        reason: `Feltet "mødedato" er ${iso}, men mødemappen hedder ${quote(source.id)}.`,
        note: `Ret mødedato, eller omdøb mappen til ${iso}.`,
        place: split.parsed.locate(['mødedato']),
      });
    }
    for (const field of ['mødested', 'mødetid'] as const) {
      if (frontmatter[field] === undefined && forum[field] === undefined) {
        report(index, {
          rule: 'mangler-felt',
          field,
          reason: `Feltet ${quote(field)} mangler, og forummet har ingen standardværdi for det.`,
          note: `Skriv ${field} i index.md, eller angiv en standard i forum.yml.`,
          place: { line: 1, column: 1 },
        });
      }
    }
    if (frontmatter.deltagere) checkAttendance(index, split.parsed, frontmatter.deltagere, frontmatter.afbud);
    if (frontmatter.dato && sameDate(frontmatter.dato, frontmatter.mødedato) === false && compareDates(frontmatter.dato, frontmatter.mødedato) < 0) {
      report(index, {
        rule: 'dato-foer-moede',
        field: 'dato',
        severity: 'warning',
        reason: 'Referatets dato ("dato") ligger før mødedatoen.',
        place: split.parsed.locate(['dato']),
      });
    }
  }
  if (source.items.length === 0) {
    report(source.folder, {
      rule: 'ingen-punkter',
      severity: 'warning',
      reason: 'Mødet har ingen punkter (filer som 01-godkendelse.md).',
    });
  }
  if (!frontmatter || !split || items.some((item) => item === undefined) || hasFatal(source)) return undefined;

  // Without a list of its own, the meeting's participants are the forum's members who did not send apologies.
  const absent = new Set(frontmatter.afbud.map(normalizeName));
  const deltagere = frontmatter.deltagere ?? (forum.medlemmer ?? []).filter((name) => !absent.has(normalizeName(name)));
  const known = [...new Set([...deltagere, ...(forum.medlemmer ?? []), ...frontmatter.afbud])];
  for (const item of items as Item[]) checkProtocolNames(item, known);

  let attachmentNumber = 0;
  const numbered = (items as Item[]).map((item) => ({
    ...item,
    attachments: item.attachments.map((bilag) => ({ ...bilag, nummer: ++attachmentNumber })),
  }));
  return {
    id: source.id,
    forumId: source.forumId,
    dir: source.dir,
    forum,
    frontmatter: {
      ...frontmatter,
      mødetid: frontmatter.mødetid ?? forum.mødetid ?? '',
      mødested: frontmatter.mødested ?? forum.mødested ?? '',
      deltagere,
      sagsbehandler: frontmatter.sagsbehandler ?? forum.sagsbehandler,
    },
    intro: split.body,
    items: numbered,
    files: source.files,
  };
}

/** A person written both as present and as absent is printed in both lists. */
function checkAttendance(index: VFile, parsed: ParsedYaml, deltagere: string[], afbud: string[]): void {
  const present = new Set(deltagere.map(normalizeName));
  afbud.forEach((name, position) => {
    if (!present.has(normalizeName(name))) return;
    report(index, {
      rule: 'deltager-og-afbud',
      field: `afbud`,
      severity: 'warning',
      reason: `${quote(name)} står både under deltagere og under afbud og kommer med i begge lister.`,
      note: 'Slet navnet under deltagere, hvis personen har meldt afbud, ellers under afbud.',
      place: parsed.locate(['afbud', position]),
    });
  });
}

/** The text a new meeting starts with (see new-meeting.ts) would be printed as it stands. */
function checkPlaceholders(body: MarkdownBody): void {
  body.markdown.split('\n').forEach((line, offset) => {
    const text = line.trim();
    if (!PLACEHOLDERS.includes(text)) return;
    report(body.file, {
      rule: 'pladsholder',
      severity: 'warning',
      reason: `Pladsholderteksten ${quote(text)} står stadig i punktet og kommer med, som den står.`,
      note: 'Skriv den rigtige tekst i stedet, eller slet linjen (og afsnittet, hvis det ikke skal bruges).',
      place: { line: body.line + offset, column: line.indexOf(text) + 1 },
    });
  });
}

function compareDates(a: PlainDate, b: PlainDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function hasFatal(source: MeetingSource): boolean {
  return [source.index, source.folder, ...source.items, ...source.misnamed].some((file) => file.messages.some((message) => message.fatal));
}

function validateItem(file: VFile, nummer: number, source: MeetingSource): Item | undefined {
  // Unreadable: the load stage has said why.
  if (file.value === undefined || !admitFile(file, 'markdown')) return undefined;
  const split = requireFrontmatter(file, 'titel: Godkendelse af dagsorden');
  if (!split) return undefined;
  const frontmatter = validateFrontmatter(file, split.parsed, itemSchema);
  checkPlaceholders(split.body);
  if (!frontmatter) return undefined;
  const attachments = frontmatter.bilag.map((bilag, index) => {
    const locate = (field: string) => split.parsed.locate(['bilag', index, field]);
    const field = `bilag[${index + 1}].fil`;
    const label = `bilag nr. ${index + 1}`;
    if (bilag.fil && bilag.url) {
      report(file, {
        rule: 'bilag-fil-og-url',
        field,
        reason: `Bilaget ${quote(bilag.titel)} har både "fil" og "url". Angiv kun én af dem.`,
        place: locate('fil'),
      });
    }
    const found = bilag.fil ? checkMeetingFile(file, source, bilag.fil, { field, label }, locate('fil')) : undefined;
    if (bilag.fil && found) checkAttachmentFile(file, bilag.fil, found, { field, label }, locate('fil'));
    return { ...bilag, nummer: 0, source: found, field, label, place: locate('fil') };
  });
  checkClosedItem(file, frontmatter, split.parsed);
  return { nummer, file, frontmatter, attachments, body: split.body };
}

/** Ankestyrelsen's rule (2021), quoted in every message that applies it. */
export const PUBLICATION_RULE =
  'Ankestyrelsen (2021): "Kun lukkede punkter, der specifikt er lukket på grund af tavshedspligt, må offentliggøres uden andet indhold end en (intetsigende) overskrift. For alle andre punkter skal det fremgå, hvad sagen drejer sig om".';

/** The public texts a closed item needs for its reason: title and description here, the decision in a referat (decisions.ts). */
function checkClosedItem(file: VFile, frontmatter: ItemFrontmatter, parsed: ParsedYaml): void {
  const { lukket } = frontmatter;
  const publicFields = ['offentlig_titel', 'offentlig_beskrivelse', 'offentlig_beslutning'] as const;
  if (lukket === undefined) {
    for (const field of publicFields.filter((field) => frontmatter[field] !== undefined)) {
      report(file, {
        rule: 'offentlig-tekst-uden-lukket',
        field,
        severity: 'warning',
        reason: `Feltet ${quote(field)} bruges kun, når punktet er lukket; punktet er åbent og vises helt.`,
        place: parsed.locate([field], 'key'),
      });
    }
    return;
  }
  if (lukket === 'tavshedspligt') {
    for (const field of (['offentlig_beskrivelse', 'offentlig_beslutning'] as const).filter((field) => frontmatter[field] !== undefined)) {
      report(file, {
        rule: 'tavshedspligt-kun-titel',
        field,
        severity: 'warning',
        reason: `Punktet er lukket på grund af tavshedspligt, så den offentlige udgave viser kun titlen; ${quote(field)} kommer ikke med.`,
        note: 'Slet feltet, eller vælg en anden grund til at lukke punktet, hvis sagen kan beskrives offentligt.',
        place: parsed.locate([field], 'key'),
      });
    }
    return;
  }
  for (const field of ['offentlig_titel', 'offentlig_beskrivelse'] as const) {
    if (frontmatter[field] === undefined) reportMissingPublicText(file, lukket, field);
  }
}

export function reportMissingPublicText(file: VFile, reason: ClosedReason, field: 'offentlig_titel' | 'offentlig_beskrivelse' | 'offentlig_beslutning'): void {
  report(file, {
    rule: 'lukket-mangler-offentlig-tekst',
    field,
    reason: `Punktet er lukket (${reason}), men feltet ${quote(field)} mangler. ${PUBLICATION_RULE}`,
    note: `Skriv ${field} i punktets frontmatter: ${PUBLIC_TEXT_HINTS[field]}.`,
    place: { line: 1, column: 1 },
  });
}

const PUBLIC_TEXT_HINTS = {
  offentlig_titel: 'en titel, der kan stå offentligt, fx "Salg af erhvervsgrund"',
  offentlig_beskrivelse: 'kort, hvad sagen drejer sig om, uden det, der skal holdes hemmeligt',
  offentlig_beslutning: 'hvad der blev besluttet, fx "Udvalget godkendte salget; prisen offentliggøres, når handlen er endelig"',
} as const;

/** Names in an item's protocol fields should be the meeting's or the forum's members. */
function checkProtocolNames(item: Item, known: readonly string[]): void {
  const { frontmatter } = item;
  const { frontmatter: parsed } = splitFrontmatter(item.file);
  const named: [string, PropertyKey[]][] = [
    ...frontmatter.fraværende.map((name, index): [string, PropertyKey[]] => [name, ['fraværende', index]]),
    ...frontmatter.inhabil.map((name, index): [string, PropertyKey[]] => [name, ['inhabil', index]]),
    ...frontmatter.protokoltilførsel.map((entry, index): [string, PropertyKey[]] => [entry.navn, ['protokoltilførsel', index, 'navn']]),
  ];
  for (const [name, field] of named) {
    if (known.includes(name)) continue;
    const suggestion = suggest(name, known);
    report(item.file, {
      rule: 'ukendt-medlem',
      field: fieldLabel(field),
      severity: 'warning',
      reason: `${quote(name)} er hverken blandt mødets deltagere eller forummets medlemmer.${suggestion ? ` Mente du ${quote(suggestion)}?` : ''}`,
      note: 'Tjek stavningen, eller tilføj personen til deltagere i index.md eller medlemmer i forum.yml.',
      place: parsed?.locate(field),
    });
  }
}

/** A bilag file must be one the "samlet" document can hold, and be what its name says. */
function checkAttachmentFile(file: VFile, written: string, found: MeetingFileInfo, { field, label }: FileReference, place: Point | undefined): void {
  const format = attachmentFormat(written);
  if (!format) {
    report(file, {
      rule: 'bilag-kan-ikke-samles',
      field,
      severity: 'warning',
      reason: `Bilaget ${quote(written)} er hverken PDF, Markdown eller et billede, så det kommer ikke med i den samlede udgave.`,
      note: 'Gem bilaget som PDF (fx fra Word: Filer › Gem som › PDF), og peg på PDF-filen.',
      place,
    });
  } else if (format === 'pdf' && !found.bytes?.subarray(0, 1024).includes('%PDF-')) {
    report(file, {
      rule: 'bilag-ikke-pdf',
      field,
      reason: `Filen ${quote(written)} til ${label} hedder ".pdf", men er ikke en PDF-fil.`,
      note: 'Gem bilaget som PDF igen, eller ret stien til den rigtige fil.',
      place,
    });
  }
}

/** Where a path is written: a machine label for the message's field, and the words for its text. */
export interface FileReference {
  /** "bilag[1].fil" */
  field: string;
  /** "bilag nr. 1", "billedet" */
  label: string;
}

/**
 * A path written in content must name a file inside the meeting folder: no
 * absolute paths, no "..", no symlinks leading out. Returns the file, or
 * undefined after reporting why not.
 */
export function checkMeetingFile(
  file: VFile,
  source: Pick<MeetingSource, 'files'>,
  written: string,
  { field, label }: FileReference,
  place: Point | undefined,
): MeetingFileInfo | undefined {
  const normalized = written.normalize('NFC').replace(/\\/g, '/').replace(/^\.\//, '');
  const escapes = normalized.startsWith('/') || /^[a-z]+:/i.test(normalized) || normalized.split('/').includes('..');
  const info = source.files.get(normalized);
  if (escapes || (info && !info.inside)) {
    report(file, {
      rule: 'sti-uden-for-moedet',
      field,
      reason: `Stien ${quote(written)} til ${label} peger uden for mødets mappe.`,
      note: 'Læg filen i mødets bilag-mappe og skriv stien relativt til mødet, fx "bilag/oplaeg.pdf".',
      place,
    });
    return undefined;
  }
  if (!info) {
    // Windows and macOS find a file whatever the case of its name; the build (and Linux, and CI) does not.
    const otherCase = [...source.files.keys()].find((name) => name.toLowerCase() === normalized.toLowerCase());
    const existing = [...source.files.values()].filter((candidate) => candidate.inside && candidate.bytes).map((candidate) => candidate.relative);
    const suggestion = otherCase ?? suggest(normalized, existing);
    report(file, {
      rule: 'fil-findes-ikke',
      field,
      reason: `Filen ${quote(written)} til ${label} findes ikke i mødets mappe.${suggestion ? ` Mente du ${quote(suggestion)}?` : ''}`,
      note: otherCase
        ? `Filen hedder ${quote(otherCase)}. Skriv navnet med store og små bogstaver præcis som filen, så mødet bygges ens på alle maskiner.`
        : suggestion
          ? `Ret stien til ${quote(suggestion)}, hvis det er den fil.`
        : 'Tjek stavningen, og at filen ligger i mødets bilag-mappe.',
      place,
    });
  }
  return info;
}
