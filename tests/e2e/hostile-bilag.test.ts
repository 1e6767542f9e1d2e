/**
 * With real Chromium: hostile bilag PDFs either end refused, with a Danish
 * message naming the file and the reason while the other meetings build, or
 * built with nothing active in the samlet PDF. The same bilag named 30 times
 * is parsed once.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildAll } from '../../src/api.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { writeForum, writeMeeting } from '../../scripts/lib/synthetic.js';
import { ARMED_MARKERS, ARMED_NAMES, armedPdf, encryptedPdf, objectStreamBomb, pageTreeBomb, plainPdf, truncated } from '../helpers/hostile-pdf.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

let root: string;

function meetingWithBilag(date: string, seed: number, files: Record<string, Uint8Array>, bilag: [titel: string, fil: string][]): void {
  const dir = path.join(root, 'content', 'udvalg', date);
  writeMeeting(dir, date, seed, { items: 1, paragraphsPerItem: 1 });
  mkdirSync(path.join(dir, 'bilag'), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, 'bilag', name), bytes);
  const list = bilag.map(([titel, fil]) => `  - titel: ${titel}\n    fil: bilag/${fil}\n`).join('');
  writeFileSync(path.join(dir, '02-bilag.md'), `---\ntitel: Bilag\nbilag:\n${list}---\n## Beslutning\n\nTaget til efterretning.\n`);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-hostile-bilag-'));
  writeForum(path.join(root, 'content', 'udvalg'), 'Udvalget', 'kommune');
  const plain = await plainPdf(2, 'Regnskab');
  meetingWithBilag('2025-01-10', 1, { 'bevaebnet.pdf': await armedPdf(), 'regnskab.pdf': plain }, [
    ['Bevæbnet', 'bevaebnet.pdf'],
    ...Array.from({ length: 30 }, (_, index) => [`Regnskab ${index + 1}`, 'regnskab.pdf'] as [string, string]),
  ]);
  meetingWithBilag(
    '2025-01-11',
    2,
    { 'krypteret.pdf': await encryptedPdf(), 'afkortet.pdf': truncated(plain), 'sidetrae.pdf': pageTreeBomb(40), 'bombe.pdf': await objectStreamBomb(80) },
    [
      ['Krypteret', 'krypteret.pdf'],
      ['Afkortet', 'afkortet.pdf'],
      ['Sidetræ', 'sidetrae.pdf'],
      ['Bombe', 'bombe.pdf'],
    ],
  );
  writeMeeting(path.join(root, 'content', 'udvalg', '2025-01-12'), '2025-01-12', 3, { items: 1, paragraphsPerItem: 1 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('hostile bilag', () => {
  it('refuses what cannot be admitted, disarms the rest, and builds the other meetings; nothing of pdf-lib reaches the terminal', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const report = await buildAll({ cwd: root, jobs: 2 });
    const written = [...stdout.mock.calls, ...stderr.mock.calls].map(([chunk]) => String(chunk));
    stdout.mockRestore();
    stderr.mockRestore();
    expect(written).toEqual([]);
    expect(report.results.map((result) => result.status)).toEqual(['built', 'invalid', 'built']);
    const item = 'content/udvalg/2025-01-11/02-bilag.md';
    const archival = (line: number, file: string, field: string) =>
      `content/udvalg/2025-01-10/02-bilag.md:${line}:10: advarsel: Filen "bilag/${file}" til ${field} opfylder ikke PDF/A-2 eller PDF/UA-1: skrifttypen Helvetica er ikke indlejret. Den samlede udgave erklæres derfor ikke som PDF/A-2 eller PDF/UA-1; det gør kun udgaven uden bilag. [bilag-ikke-arkivformat]\n  Gem bilaget som PDF/A (fx "Gem som PDF/A" i Word eller LibreOffice), så skrifttyperne kommer med.`;
    expect(formatDiagnostics(report.files)).toEqual([
      // The 30 references to regnskab.pdf are one document: one warning.
      archival(5, 'bevaebnet.pdf', 'bilag nr. 1'),
      archival(7, 'regnskab.pdf', 'bilag nr. 2'),
      `${item}:5:10: fejl: Filen "bilag/krypteret.pdf" til bilag nr. 1 er krypteret/beskyttet med adgangskode og kan ikke sættes ind i den samlede udgave. [bilag-kan-ikke-laeses]\n  Gem bilaget som PDF uden adgangskode og beskyttelse, og prøv igen.`,
      `${item}:7:10: fejl: Filen "bilag/afkortet.pdf" til bilag nr. 2 er afkortet (filen slutter ikke, som en PDF skal, med %%EOF) og kan ikke læses. [bilag-kan-ikke-laeses]\n  Hent eller gem filen igen: den er sandsynligvis ikke kopieret helt.`,
      `${item}:9:10: fejl: Filen "bilag/sidetrae.pdf" til bilag nr. 3 har et ødelagt sidetræ (sider, der indgår mere end én gang, eller et for dybt træ). [bilag-kan-ikke-laeses]\n  Åbn filen i en PDF-læser, og gem den som PDF igen.`,
      `${item}:11:10: fejl: Filen "bilag/bombe.pdf" til bilag nr. 4 indeholder en datastrøm, der pakket ud fylder over 64 MB; grænsen er 64 MB. [bilag-kan-ikke-laeses]\n  Åbn filen i en PDF-læser, og gem den som PDF igen. Hjælper det ikke, så del bilaget op, eller læg kun den relevante del ved som PDF.`,
    ]);
  });

  it('puts nothing active into the samlet PDF, whole or inflated, and keeps the safe links', async () => {
    const samlet = path.join(root, 'output', 'udvalg', '2025-01-10-referat-samlet.pdf');
    const uncompressed = path.join(root, 'samlet-qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', samlet, uncompressed]);
    const text = readFileSync(uncompressed, 'latin1');
    for (const marker of ARMED_MARKERS) expect(text, marker).not.toContain(marker);
    // The minutes' own /Names (Chromium's named destinations) and /Next (the outline) are the pipeline's.
    for (const armedName of ARMED_NAMES.filter((name) => name !== '/Names' && name !== '/Next')) expect(text, armedName).not.toMatch(new RegExp(`${armedName.replace('/', '\\/')}(?![A-Za-z+])`));
    const doc = await getDocument({ data: new Uint8Array(readFileSync(samlet)), verbosity: 0 }).promise;
    const annotations = [];
    for (let number = 1; number <= doc.numPages; number++) annotations.push(...(await (await doc.getPage(number)).getAnnotations()));
    const minutes = readPdfPages(path.join(root, 'output', 'udvalg', '2025-01-10-referat.pdf'));
    // Minutes, then at least 31 separators, 3 pages of the armed bilag and 30 times the 2 of the regnskab.
    expect(doc.numPages).toBeGreaterThanOrEqual(minutes + 31 + 3 + 60);
    await doc.destroy();
    expect(annotations.every((annotation) => annotation.subtype === 'Link')).toBe(true);
    expect(annotations.flatMap((annotation) => annotation.url ?? []).filter((url: string) => url.includes('example'))).toEqual([
      'https://example.dk/ok',
      'https://www.example.dk/side',
      'mailto:sekretariat@example.dk',
    ]);
  });
});

function readPdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}
