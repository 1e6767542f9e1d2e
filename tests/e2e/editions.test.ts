/**
 * End to end: one meeting with closed items and bilag, built as referat and
 * as dagsorden with real Chromium, every edition read back. Nothing of a
 * closed item may be anywhere in a public file.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, type BuildReport } from '../../src/api.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { everythingIn, readPdf, type PdfReadback } from '../helpers/pdf.js';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'lukket-og-bilag');
const MEETING = path.join('content', 'udvalget-for-sundhed', '2025-06-12');
let root: string;
const reports: Partial<Record<'referat' | 'dagsorden', BuildReport>> = {};
const pdfs = new Map<string, { bytes: Buffer; readback: PdfReadback }>();

/** Words that occur only in the closed items (titles, text, guests, bilag title, file name and content). */
const SECRETS = ['Zacharias', 'Quist', 'Xylofonbanan', 'Yrsa Ulvsgaard', 'Mølleparken', 'Zebrakrone', 'quist-advarsel', 'QUISTDOKUMENT', 'Afskedigelse'];

const flat = (text: string) => text.replace(/\u00ad/g, '').replace(/\s+/g, ' ');
const pdf = (name: string) => pdfs.get(name)!.readback;
const text = (name: string) => flat(pdf(name).pages.join('\n'));

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-editions-'));
  cpSync(FIXTURE, root, { recursive: true });
  for (const kind of ['referat', 'dagsorden'] as const) {
    reports[kind] = await buildAll({ cwd: root, kind, outDir: 'output' });
  }
  for (const report of Object.values(reports)) {
    for (const output of report.results.flatMap((result) => result.outputs ?? [])) {
      const bytes = readFileSync(output);
      pdfs.set(path.basename(output), { bytes, readback: await readPdf(bytes) });
    }
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('outputs', () => {
  it('writes the internal, public and samlet editions of each kind', () => {
    expect(reports.referat!.results.map((result) => result.outputs?.map((output) => path.relative(root, output)))).toEqual([
      [
        'output/udvalget-for-sundhed/2025-06-12-referat.pdf',
        'output/udvalget-for-sundhed/2025-06-12-referat-samlet.pdf',
        'output/udvalget-for-sundhed/2025-06-12-referat-offentlig.pdf',
        'output/udvalget-for-sundhed/2025-06-12-referat-offentlig-samlet.pdf',
      ],
    ]);
    expect(reports.dagsorden!.results[0]!.outputs?.map((output) => path.basename(output))).toEqual([
      '2025-06-12-dagsorden.pdf',
      '2025-06-12-dagsorden-samlet.pdf',
      '2025-06-12-dagsorden-offentlig.pdf',
      '2025-06-12-dagsorden-offentlig-samlet.pdf',
    ]);
  });

  it('warns about the item without a decision in the referat, not in the dagsorden; about the bilag without fonts in both', () => {
    // The bilag PDFs carry an unembedded Helvetica: the samlet editions claim no PDF/A or PDF/UA (see tests/finish).
    const bilag = (item: string, line: number, file: string, field: string) =>
      `${MEETING}/${item}:${line}:10: advarsel: Filen "bilag/${file}" til ${field} opfylder ikke PDF/A-2 eller PDF/UA-1: skrifttypen Helvetica er ikke indlejret. ` +
      'Den samlede udgave erklæres derfor ikke som PDF/A-2 eller PDF/UA-1; det gør kun udgaven uden bilag. [bilag-ikke-arkivformat]\n' +
      '  Gem bilaget som PDF/A (fx "Gem som PDF/A" i Word eller LibreOffice), så skrifttyperne kommer med.';
    const warnings = [bilag('01-budget.md', 9, 'regnskab.pdf', 'bilag nr. 2'), bilag('02-personalesag.md', 8, 'quist-advarsel.pdf', 'bilag nr. 1')];
    expect(formatDiagnostics(reports.referat!.files)).toEqual([
      ...warnings,
      `${MEETING}/04-eventuelt.md:1:1: advarsel: Punkt 4 har endnu ingen beslutning (intet afsnit "## Beslutning"). [ingen-beslutning]\n` +
        '  Skriv beslutningen under "## Beslutning", når mødet er holdt. Før mødet bygges dagsordenen med npm run build-dagsorden.',
    ]);
    expect(reports.referat!.ok).toBe(true);
    expect(formatDiagnostics(reports.dagsorden!.files)).toEqual(warnings);
  });
});

describe('referat and dagsorden', () => {
  it('the referat shows attendance, guests, decisions and marks closed items', () => {
    const referat = text('2025-06-12-referat.pdf');
    expect(referat).toContain('REFERAT Udvalget for Sundhed');
    expect(referat).toContain('Deltagere Anne Andersen, Bo Berg');
    expect(referat).toContain('Afbud Carl Carlsen');
    expect(referat).toContain('Under punktet deltog: Dorte Dahl (økonomichef).');
    expect(referat).toContain('Godkendt med bemærkning om anlægsrammen.');
    expect(referat).toContain('Punkt 2: Afskedigelse af Zacharias Quist Lukket punkt');
  });

  it('the dagsorden has no decisions and no attendance', () => {
    const dagsorden = text('2025-06-12-dagsorden.pdf');
    expect(dagsorden).toContain('DAGSORDEN Udvalget for Sundhed');
    expect(dagsorden).toContain('At udvalget godkender budgetforslaget.');
    for (const absent of ['BESLUTNING', 'Godkendt', 'Zebrakrone', 'Carl Carlsen', 'Anne Andersen', 'Under punktet deltog', 'REFERAT']) {
      expect(dagsorden).not.toContain(absent);
    }
    expect(pdf('2025-06-12-dagsorden.pdf').info.Title).toBe('Dagsorden – Udvalget for Sundhed – 12. juni 2025');
  });
});

describe('public editions', () => {
  const PUBLIC = ['referat-offentlig', 'referat-offentlig-samlet', 'dagsorden-offentlig', 'dagsorden-offentlig-samlet'].map((name) => `2025-06-12-${name}.pdf`);

  it.each(PUBLIC)('%s holds nothing of the closed items, anywhere in the file', async (name) => {
    const everything = await everythingIn(pdfs.get(name)!.bytes);
    for (const secret of SECRETS) expect(everything, secret).not.toContain(secret.toLowerCase());
    // The search does see what is there.
    expect(everything).toContain('budget 2026');
  });

  it('the internal files do hold them (the search above can fail)', async () => {
    const everything = await everythingIn(pdfs.get('2025-06-12-referat-samlet.pdf')!.bytes);
    for (const secret of SECRETS.filter((secret) => secret !== 'quist-advarsel')) expect(everything, secret).toContain(secret.toLowerCase());
  });

  it('keeps the numbering and shows closed items by their public title', () => {
    const referat = text('2025-06-12-referat-offentlig.pdf');
    expect(referat).toContain('Punkt 2: Lukket punkt');
    // Closed for a purchase: what the matter concerns and what was decided, under the forum's headings.
    expect(referat).toContain(
      'Punkt 3: Ejendomshandel Lukket punkt Resumé Udvalget drøftede et muligt køb af en grund til et nyt sundhedshus. BESLUTNING Udvalget gav forvaltningen mandat til at byde på grunden.',
    );
    expect(referat).toContain('Punkt 2: Lukket punkt Lukket punkt Punkt 3');
    expect(referat).toContain('Punkt 4: Eventuelt');
    expect(pdf('2025-06-12-referat-offentlig.pdf').outline.map((entry) => entry.title)).toEqual([
      'Punkt 1: Budget 2026',
      'Punkt 2: Lukket punkt',
      'Punkt 3: Ejendomshandel',
      'Punkt 4: Eventuelt',
    ]);
  });
});

describe('samlet', () => {
  it('appends the bilag after the minutes, each after a numbered separator, with bookmarks in order', () => {
    const minutes = pdf('2025-06-12-referat.pdf');
    const samlet = pdf('2025-06-12-referat-samlet.pdf');
    const first = minutes.pageCount + 1;
    // Separator + Markdown bilag, separator + 2 pages, separator + 1 page.
    expect(samlet.pageCount).toBe(minutes.pageCount + 2 + 3 + 2);
    expect(samlet.outline).toEqual([
      ...minutes.outline,
      { title: 'Bilag 1: Budgetnotat', page: first, depth: 0 },
      { title: 'Bilag 2: Regnskab 2024', page: first + 2, depth: 0 },
      { title: 'Bilag 3: Advarsel til Quist', page: first + 5, depth: 0 },
    ]);
    const page = (number: number) => flat(samlet.pages[number - 1]!);
    expect(page(first)).toContain('Bilag 1 Budgetnotat Punkt 1: Budget 2026');
    expect(page(first + 1)).toContain('Budgetnotat Budgetforslaget holder sig inden for rammen.');
    expect(page(first + 2)).toContain('Bilag 2 Regnskab 2024 Punkt 1: Budget 2026');
    expect(page(first + 3)).toBe('Regnskabsside 1');
    expect(page(first + 4)).toBe('Regnskabsside 2');
    expect(page(first + 5)).toContain('Bilag 3 Advarsel til Quist Punkt 2: Afskedigelse af Zacharias Quist');
    expect(page(first + 6)).toBe('QUISTDOKUMENT fortroligt');
    // The minutes' pages are the same in both.
    expect(samlet.pages.slice(0, minutes.pageCount)).toEqual(minutes.pages);
  });

  it('the public samlet leaves out the closed item\'s bilag but keeps the numbers', () => {
    const samlet = pdf('2025-06-12-referat-offentlig-samlet.pdf');
    expect(samlet.outline.slice(-2).map((entry) => entry.title)).toEqual(['Bilag 1: Budgetnotat', 'Bilag 2: Regnskab 2024']);
    expect(samlet.pageCount).toBe(pdf('2025-06-12-referat-offentlig.pdf').pageCount + 2 + 3);
  });
});

describe('rebuilding', () => {
  it('removes the public editions once no item is closed any more', async () => {
    for (const file of ['02-personalesag.md', '03-grundkoeb.md']) {
      const itemPath = path.join(root, MEETING, file);
      writeFileSync(itemPath, readFileSync(itemPath, 'utf8').replace(/^lukket: \w+\n/m, '').replace(/^offentlig_\w+: .*\n/gm, ''));
    }
    const report = await buildAll({ cwd: root, outDir: 'output' });
    expect(report.results[0]!.outputs?.map((output) => path.basename(output))).toEqual(['2025-06-12-referat.pdf', '2025-06-12-referat-samlet.pdf']);
    expect(existsSync(path.join(root, 'output', 'udvalget-for-sundhed', '2025-06-12-referat-offentlig.pdf'))).toBe(false);
    expect(existsSync(path.join(root, 'output', 'udvalget-for-sundhed', '2025-06-12-referat-offentlig-samlet.pdf'))).toBe(false);
    // The dagsorden's files belong to the dagsorden's build and stay.
    expect(existsSync(path.join(root, 'output', 'udvalget-for-sundhed', '2025-06-12-dagsorden-offentlig.pdf'))).toBe(true);
  });
});
