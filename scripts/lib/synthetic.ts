/**
 * Deterministic synthetic minutes: Danish-looking text with æøå, sub-headings,
 * lists and tables, in the project's content format. Used by the benchmark
 * and by tests that need meetings long enough to span many pages.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Small seeded PRNG (mulberry32): the same seed always gives the same archive. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'sundhedsaftalen kommunerne regionen borgerne sygehusene praksis samarbejdet forløbsprogrammet ' +
  'implementeringen indsatsen målgruppen opfølgningen rehabiliteringen forebyggelsen økonomien ' +
  'sundhedsklyngen arbejdsgruppen temadagen høringen beslutningen drøftelsen orienteringen ' +
  'udvalget sekretariatet direktørkredsen styregruppen ældreplejen psykiatrien genoptræningen ' +
  'er har skal vil kan bør blev bliver drøftede godkendte tog udarbejder følger sikrer ' +
  'på i til for med af om under efter før mellem hos ' +
  'den det de en et nye fælles tværsektorielle lokale regionale kommunale særlige øvrige'
).split(' ');

const HEADINGS = ['Baggrund', 'Den videre proces', 'Økonomi', 'Tidsplan', 'Høringssvar', 'Status på området', 'Risici'];
const TITLES = [
  'Godkendelse af dagsorden',
  'Orientering om sundhedsaftalens implementeringsplan',
  'Drøftelse af de lettilgængelige tilbud for børn og unge i psykisk mistrivsel og samarbejdet med psykiatrien',
  'Forløbsprogram for mennesker med kronisk sygdom',
  'Økonomisk opfølgning på genoptræningsområdet',
  'Status på det tværsektorielle samarbejde om ældre medicinske patienter',
  'Høring over forslag til ny samarbejdsaftale om hjælpemidler',
  'Eventuelt',
];

export const FORUM_NAMES = ['Sundhedsudvalget', 'Ældrerådet', 'Sundhedsstyregruppen', 'Psykiatrigruppen', 'Klyngestyregruppen'];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!;
}

function sentence(next: () => number): string {
  const words = Array.from({ length: 8 + Math.floor(next() * 14) }, () => pick(next, WORDS));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number): string {
  return Array.from({ length: 3 + Math.floor(next() * 5) }, () => sentence(next)).join(' ');
}

function block(next: () => number): string {
  const kind = next();
  if (kind < 0.15) return Array.from({ length: 3 + Math.floor(next() * 4) }, () => `- ${sentence(next)}`).join('\n');
  if (kind < 0.22) {
    const rows = Array.from({ length: 3 + Math.floor(next() * 5) }, (_, index) => `| ${pick(next, WORDS)} ${index + 1} | ${Math.floor(next() * 9000) + 100} | ${Math.floor(next() * 100)} % |`);
    return ['| Område | Beløb (t.kr.) | Andel |', '|---|---:|---:|', ...rows].join('\n');
  }
  if (kind < 0.3) return `### ${pick(next, HEADINGS)}`;
  return paragraph(next);
}

/** Markdown text of roughly `paragraphs` blocks. */
function text(next: () => number, paragraphs: number): string {
  return Array.from({ length: paragraphs }, () => block(next)).join('\n\n');
}

export interface MeetingShape {
  items: number;
  /** Blocks of text in a typical item's Sagsfremstilling. */
  paragraphsPerItem: number;
}

export function writeMeeting(dir: string, date: string, seed: number, shape: MeetingShape): void {
  const next = random(seed);
  mkdirSync(path.join(dir, 'bilag'), { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), `---\nmødedato: ${date}\ndeltagere: [Anne Ærø, Bo Østergaard, Carla Åby]\n---\n`);
  for (let number = 1; number <= shape.items; number++) {
    const titel = TITLES[(number - 1 + seed) % TITLES.length]!;
    const paragraphs = Math.max(1, Math.round(shape.paragraphsPerItem * (0.5 + next())));
    const hasBilag = next() < 0.3;
    if (hasBilag) writeFileSync(path.join(dir, 'bilag', `bilag-${number}.md`), `# Bilag til punkt ${number}\n\n${paragraph(next)}\n`);
    const frontmatter = [`titel: "${titel}"`, ...(hasBilag ? ['bilag:', `  - titel: Notat til punkt ${number}`, `    fil: bilag/bilag-${number}.md`] : [])];
    const body = [
      `## Resumé\n\n${paragraph(next)}`,
      `## Indstilling\n\nAdministrationen indstiller, at udvalget\n\n- ${sentence(next)}\n- ${sentence(next)}`,
      `## Sagsfremstilling\n\n${text(next, paragraphs)}`,
      `## Beslutning\n\n${paragraph(next)}`,
    ];
    const slug = `${String(number).padStart(2, '0')}-punkt-${number}.md`;
    writeFileSync(path.join(dir, slug), `---\n${frontmatter.join('\n')}\n---\n${body.join('\n\n')}\n`);
  }
}

export function writeForum(dir: string, navn: string, layout: 'kommune' | 'region'): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'forum.yml'),
    `navn: ${navn}\norganisation: Region Testland\nlayout: ${layout}\nmødested: Regionshuset, mødelokale 3\nmødetid: "09:00-12:00"\n`,
  );
}
