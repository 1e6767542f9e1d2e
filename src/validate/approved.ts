/**
 * An approved referat is changed by addition only: a dated rettelse, never a
 * silent edit (the ministry's condition for an electronic beslutningsprotokol).
 * Compares a meeting as it is with the same meeting at a git base and
 * reports every change to what the approved record holds: decisions,
 * protocol fields, attendance and the approval itself.
 */
import { VFile } from 'vfile';
import type { Root as MdastRoot } from 'mdast';
import { BODY_SECTIONS, type BodySectionKey } from '../content/schema.js';
import { normalizeName, quote } from '../diagnostics/catalogue.js';
import { report } from '../diagnostics/diagnostic.js';
import { DECISION_SECTIONS } from '../render/edition.js';
import { splitFrontmatter } from './frontmatter.js';

/** A meeting's files as text: index.md and its items by file name. */
export interface MeetingTexts {
  index: string;
  items: Map<string, string>;
}

/** The fields of an item that the approved protocol holds, beside its decision sections. */
const PROTOCOL_FIELDS = ['fraværende', 'inhabil', 'protokoltilførsel', 'deltog'] as const;
const ATTENDANCE_FIELDS = ['deltagere', 'afbud', 'godkendt'] as const;

interface ItemRecord {
  fields: Record<string, unknown>;
  /** Each decision section's Markdown and the file line of its heading. */
  sections: Map<BodySectionKey, { text: string; line: number }>;
}

type Parse = (markdown: string) => MdastRoot;

function frontmatterAndBody(name: string, text: string): { data: Record<string, unknown>; body: string; bodyLine: number } {
  // A throwaway file: the base's own diagnostics are not this run's business.
  const { frontmatter, body, bodyLine } = splitFrontmatter(new VFile({ path: name, value: text }));
  const data = frontmatter?.data;
  return { data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}, body, bodyLine };
}

const SECTION_NAMES = new Map(Object.entries(BODY_SECTIONS).map(([key, heading]) => [normalizeName(heading), key as BodySectionKey]));

/** The Markdown of each decision section ("## Beslutning", "## Referat"), as written. */
function decisionSections(body: string, bodyLine: number, parse: Parse): ItemRecord['sections'] {
  const tree = parse(body);
  const sections: ItemRecord['sections'] = new Map();
  const headings = tree.children.filter((node) => node.type === 'heading' && node.depth === 2);
  headings.forEach((heading, index) => {
    const title = body.slice(heading.position!.start.offset!, heading.position!.end.offset!).replace(/^##\s*/, '');
    const key = SECTION_NAMES.get(normalizeName(title));
    if (!key || !DECISION_SECTIONS.includes(key)) return;
    const end = headings[index + 1]?.position?.start.offset ?? body.length;
    sections.set(key, { text: body.slice(heading.position!.end.offset!, end).trim(), line: heading.position!.start.line + bodyLine - 1 });
  });
  return sections;
}

function itemRecord(name: string, text: string, parse: Parse): ItemRecord {
  const { data, body, bodyLine } = frontmatterAndBody(name, text);
  return { fields: data, sections: decisionSections(body, bodyLine, parse) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const NOTE =
  'Et godkendt referat rettes kun ved tilføjelse: sæt den godkendte tekst tilbage, og skriv ændringen som en rettelse med dato og tekst under "rettelser:" i punktet (se README, "Rettelser efter godkendelsen").';

/**
 * Report every silent change to an approved meeting. `files` are the
 * meeting's current files (index.md and items) to report on; `base` is the
 * meeting at the base revision, which must have been approved there.
 */
export function compareWithApproved(
  base: MeetingTexts,
  current: { index: VFile; items: VFile[] },
  revision: string,
  parse: Parse,
): void {
  const baseIndex = frontmatterAndBody('index.md', base.index).data;
  if (baseIndex.godkendt === undefined) return;
  const approved = `Referatet var godkendt i ${revision}`;
  const currentIndex = frontmatterAndBody('index.md', String(current.index.value)).data;
  for (const field of ATTENDANCE_FIELDS) {
    if (same(baseIndex[field], currentIndex[field])) continue;
    report(current.index, {
      rule: 'godkendt-referat-aendret',
      field,
      reason: `${approved}, men feltet ${quote(field)} er ændret siden.`,
      note: NOTE,
      place: splitFrontmatter(current.index).frontmatter?.locate([field], 'key') ?? { line: 1, column: 1 },
    });
  }
  const currentItems = new Map(current.items.map((file) => [file.basename ?? '', file]));
  for (const [name, text] of base.items) {
    const file = currentItems.get(name);
    if (!file) {
      report(current.index, {
        rule: 'godkendt-referat-aendret',
        reason: `${approved}, men punktet ${quote(name)} er fjernet eller omdøbt siden.`,
        note: NOTE,
        place: { line: 1, column: 1 },
      });
      continue;
    }
    compareItem(itemRecord(name, text, parse), file, approved, parse);
  }
  for (const [name] of currentItems) {
    if (base.items.has(name)) continue;
    report(current.index, {
      rule: 'godkendt-referat-aendret',
      reason: `${approved}, men punktet ${quote(name)} er kommet til siden.`,
      note: NOTE,
      place: { line: 1, column: 1 },
    });
  }
}

function compareItem(before: ItemRecord, file: VFile, approved: string, parse: Parse): void {
  const after = itemRecord(file.basename ?? '', String(file.value), parse);
  const locate = (field: string) => splitFrontmatter(file).frontmatter?.locate([field], 'key') ?? { line: 1, column: 1 };
  for (const field of PROTOCOL_FIELDS) {
    if (same(before.fields[field], after.fields[field])) continue;
    report(file, { rule: 'godkendt-referat-aendret', field, reason: `${approved}, men feltet ${quote(field)} er ændret siden.`, note: NOTE, place: locate(field) });
  }
  for (const key of DECISION_SECTIONS) {
    if (before.sections.get(key)?.text === after.sections.get(key)?.text) continue;
    report(file, {
      rule: 'godkendt-referat-aendret',
      reason: `${approved}, men afsnittet ${quote(`## ${BODY_SECTIONS[key]}`)} er ændret siden.`,
      note: NOTE,
      place: { line: after.sections.get(key)?.line ?? 1, column: 1 },
    });
  }
  // Rettelser are additions: those at the base stay, word for word and in order.
  const was = Array.isArray(before.fields.rettelser) ? before.fields.rettelser : [];
  const is = Array.isArray(after.fields.rettelser) ? after.fields.rettelser : [];
  if (!same(was, is.slice(0, was.length))) {
    report(file, {
      rule: 'godkendt-referat-aendret',
      field: 'rettelser',
      reason: `${approved}, men en tidligere rettelse er ændret eller fjernet. Nye rettelser skrives under de gamle.`,
      note: NOTE,
      place: locate('rettelser'),
    });
  }
}
