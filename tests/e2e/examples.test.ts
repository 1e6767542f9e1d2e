/**
 * End to end: print the two shipped example meetings with real Chromium and
 * read the PDFs back.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, PROJECT_ROOT, type BuildReport } from '../../src/api.js';
import { readPdf, type PdfReadback } from '../helpers/pdf.js';

let outDir: string;
let report: BuildReport;
const pdfs = new Map<string, PdfReadback>();

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'referat-e2e-'));
  report = await buildAll({ cwd: PROJECT_ROOT, outDir });
  for (const result of report.results) {
    if (result.output) pdfs.set(result.forumId, await readPdf(readFileSync(result.output)));
  }
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Whitespace-insensitive text, as PDF extraction splits lines freely. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('example meetings', () => {
  it('builds both without diagnostics', () => {
    expect(report.results.map((result) => [result.forumId, result.meetingId, result.status])).toEqual([
      ['implementeringsgruppen-forebyggelse', '2016-09-15', 'built'],
      ['sundhedsdirektoerkredsen', '2024-02-07', 'built'],
    ]);
    expect(report.files.flatMap((file) => file.messages.map(String))).toEqual([]);
    expect(report.results[1]!.output).toBe(path.join(outDir, 'sundhedsdirektoerkredsen', '2024-02-07-referat.pdf'));
  });
});

describe('kommune layout (Implementeringsgruppen, 15 September 2016)', () => {
  const pdf = () => pdfs.get('implementeringsgruppen-forebyggelse')!;

  it('prints the header block with every field', () => {
    const first = flat(pdf().pages[0]!);
    for (const text of [
      'REFERAT',
      'Referat fra møde',
      'Implementeringsgruppen for forebyggelse og forløbsprogrammer',
      'Mødedato',
      '15. september 2016',
      'Kl. 13-15',
      'Regionshospitalet Herning',
      'Ulla Svendsen; Ida Götke; Birgitte Ostersen',
      'Afbud: Viggo Kragh Jørgensen',
      'Sagsbehandler',
      'Trine Bloch Hansen',
      '99741592',
      'trine.bloch.hansen@rksk.dk',
      '20. september 2016',
      '16-031970',
    ]) {
      expect(first).toContain(text);
    }
  });

  it('numbers the items in file order in one flow with run-in labels', () => {
    const all = flat(pdf().pages.join('\n'));
    const titles = [
      '1. Godkendelse af dagsorden',
      '2. Hjerteforeningen som lokal samarbejdspartner',
      '3. Samarbejde med regionen om diætistopgaver.',
      '4. Forebyggende hjemmebesøg',
      '5. Forløbsprogram for diabetes',
      '6. Forløbsprogram for hjertesygdom',
      '7. Status på implementering af Sundhedsaftalen',
      '8. Fremtidig struktur og organisering af Sundhedssamarbejdet',
      '9. Telemedicin til borgere med KOL',
      '10. Evt.',
    ];
    const positions = titles.map((title) => all.indexOf(title));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(all).toContain('Indstilling: Orientering.');
    expect(all).toContain('Sagsfremstilling: Hjerteforeningen åbner en satellit');
    // Items flow: the kommune layout does not give each item a page.
    expect(pdf().pageCount).toBeLessThan(titles.length);
    expect(pdf().pageCount).toBeGreaterThanOrEqual(4);
  });

  it('puts "Side X af Y" on every page', () => {
    const { pages, pageCount } = pdf();
    pages.forEach((text, index) => expect(flat(text)).toContain(`Side ${index + 1} af ${pageCount}`));
  });
});

describe('region layout (Sundhedsdirektørkredsen, 7 February 2024)', () => {
  const pdf = () => pdfs.get('sundhedsdirektoerkredsen')!;
  const titles = [
    'Drøftelse af de lettilgængelige tilbud for børn og unge i mistrivsel',
    'Forbeholdt virksomhedsområde for sygeplejersker',
    'Drøftelse af forslag om udvidelse af målgruppen i opfølgingsprogrammet for cerebral parese (CPOP)',
    'Orientering om implementeringsplan for Sundhedsaftalen 2024-2027',
  ];

  it('prints the cover with the Danish meeting line and a table of contents', () => {
    const cover = flat(pdf().pages[0]!);
    expect(cover).toContain('REFERAT Sundhedsdirektørkredsen d. 07-02-2024');
    expect(cover).toContain('Mødedato Onsdag d. 07. februar 2024 kl. 09:00');
    expect(cover).toContain('Mødested Hotel Fuglesangcentret i Fredericia');
    expect(cover).toContain('Indholdsfortegnelse');
    for (const title of titles) expect(cover).toContain(title);
  });

  it('starts every item on its own page, in order, and the table of contents names that page', () => {
    const { pages } = pdf();
    const cover = flat(pages[0]!);
    let previous = 1;
    titles.forEach((title, index) => {
      const heading = `Punkt ${index + 1}: ${title}`;
      const page = pages.findIndex((text) => flat(text).includes(heading)) + 1;
      expect(page, heading).toBeGreaterThan(previous);
      // The heading opens its page (after the running head).
      expect(flat(pages[page - 1]!).indexOf(heading)).toBeLessThan(80);
      expect(cover).toMatch(new RegExp(`${escape(title)}\\s*${page}\\b`));
      previous = page;
    });
  });

  it('prints the sections in the forum order with its headings', () => {
    const item = flat(pdf().pages.join('\n'));
    const start = item.indexOf('Punkt 2: ');
    const order = ['Beslutning', 'Bilag', 'RESUMÉ', 'INDSTILLING', 'SAGSFREMSTILLING'].map((heading) => item.indexOf(heading, start));
    expect(order.every((position) => position > start)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('has a sane page count, Danish metadata, embedded fonts and one bookmark per item', () => {
    const { pageCount, info, language, fonts, outline } = pdf();
    expect(pageCount).toBeGreaterThanOrEqual(5);
    expect(pageCount).toBeLessThanOrEqual(20);
    expect(info.Title).toBe('Referat (UDKAST) – Sundhedsdirektørkredsen – 7. februar 2024');
    expect(info.Author).toBe('KKR Syddanmark');
    expect(language).toBe('da-DK');
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).toMatch(/SourceSans3/);
    }
    const { pages } = pdf();
    for (const [index, title] of titles.entries()) {
      const heading = `Punkt ${index + 1}: ${title}`;
      const bookmark = outline.find((entry) => entry.title === heading);
      expect(bookmark?.page, heading).toBe(pages.findIndex((text) => flat(text).includes(heading)) + 1);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
