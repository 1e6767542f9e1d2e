/**
 * End to end: every PDF referat writes is read back by the conformance
 * checker (tests/helpers/conformance.ts): the examples and a synthetic
 * meeting (tables, nested lists, images, footnotes, links, a closed item)
 * as referat and dagsorden, public editions, and samlet documents with a
 * bilag that conforms and with one that does not. An unfinished Chromium
 * PDF must fail it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, PROJECT_ROOT, type BuildReport } from '../../src/api.js';
import { closeBrowser, launchBrowser } from '../../src/print/browser.js';
import { printPdf } from '../../src/print/print.js';
import { checkConformance, type ConformanceReport } from '../helpers/conformance.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const MEETING = path.join('content', 'udvalget-for-tilgaengelighed', '2025-09-04');
let root: string;
const reports: BuildReport[] = [];
const checked = new Map<string, ConformanceReport>();
const FULL = { pdfa: { part: '2', conformance: 'A' }, pdfua: '1' };

async function build(cwd: string, outDir: string, kind: 'referat' | 'dagsorden' = 'referat', html = false): Promise<BuildReport> {
  const report = await buildAll({ cwd, outDir: path.join(root, outDir), kind, html });
  reports.push(report);
  for (const output of report.results.flatMap((result) => result.outputs ?? [])) {
    if (output.endsWith('.pdf')) checked.set(path.join(outDir, path.basename(output)), await checkConformance(readFileSync(output)));
  }
  return report;
}

let synthetic: BuildReport;
let withBilag: BuildReport;
let withHelvetica: BuildReport;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-conformance-'));
  await build(PROJECT_ROOT, 'examples');
  await build(PROJECT_ROOT, 'examples-dagsorden', 'dagsorden');
  synthetic = await build(path.join(FIXTURES, 'tilgaengelighed'), 'synthetic', 'referat', true);
  await build(path.join(FIXTURES, 'tilgaengelighed'), 'synthetic-dagsorden', 'dagsorden');
  // A samlet whose PDF bilag conforms: the synthetic meeting's own referat, appended to a copy of it.
  const copy = path.join(root, 'med-bilag');
  cpSync(path.join(FIXTURES, 'tilgaengelighed'), copy, { recursive: true });
  cpSync(path.join(root, 'synthetic', 'udvalget-for-tilgaengelighed', '2025-09-04-referat.pdf'), path.join(copy, MEETING, 'tidligere.pdf'));
  const item = path.join(copy, MEETING, '01-tabeller-og-lister.md');
  writeFileSync(item, readFileSync(item, 'utf8').replace('titel: "Tabeller, lister og links"', 'titel: "Tabeller, lister og links"\nbilag:\n  - titel: "Tidligere referat"\n    fil: tidligere.pdf'));
  withBilag = await build(copy, 'with-bilag');
  withHelvetica = await build(path.join(FIXTURES, 'lukket-og-bilag'), 'helvetica');
}, 240_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files = (prefix: string) => [...checked.keys()].filter((name) => name.startsWith(`${prefix}/`)).sort();

describe('finished documents', () => {
  it('built every document checked here', () => {
    expect(reports.flatMap((report) => report.results.map((result) => result.status))).toEqual(Array(8).fill('built'));
    expect(files('examples')).toEqual([
      'examples/2016-09-15-referat-samlet.pdf',
      'examples/2016-09-15-referat.pdf',
      'examples/2024-02-07-referat.pdf',
    ]);
    expect(files('synthetic')).toEqual(['synthetic/2025-09-04-referat-offentlig.pdf', 'synthetic/2025-09-04-referat.pdf']);
  });

  it.each(['examples', 'examples-dagsorden', 'synthetic', 'synthetic-dagsorden', 'with-bilag'])('%s: PDF/A-2a and PDF/UA-1, with nothing failing', (prefix) => {
    for (const name of files(prefix)) {
      expect({ name, ...checked.get(name)! }).toEqual({ name, claims: FULL, failures: [] });
    }
  });

  it('appends a conforming bilag without leaving anything untagged or orphaned', () => {
    expect(files('with-bilag')).toContain('with-bilag/2025-09-04-referat-samlet.pdf');
    expect(withBilag.files.flatMap((file) => file.messages.map(String)).filter((message) => message.includes('Bilaget'))).toEqual([]);
  });

  it('gives a figure the alt text written in the Markdown, and warns about an image without one', async () => {
    const doc = await PDFDocument.load(readFileSync(path.join(root, 'synthetic', 'udvalget-for-tilgaengelighed', '2025-09-04-referat.pdf')));
    const alts: string[] = [];
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (object instanceof PDFDict && object.get(PDFName.of('S')) === PDFName.of('Figure')) {
        alts.push((object.get(PDFName.of('Alt')) as PDFHexString).decodeText());
      }
    }
    expect(alts).toEqual(['Kort over området ved skolen']);
    expect(synthetic.files.flatMap((file) => file.messages.map((message) => `${path.basename(file.path)}:${message.line}: ${message.reason}`))).toEqual([
      '02-billeder.md:9: Billedet har ingen alternativ tekst, så skærmlæsere kan ikke fortælle, hvad det viser.',
    ]);
  });
});

describe('a samlet document with a bilag that does not conform', () => {
  it('claims neither standard, and says which bilag lacks what', () => {
    for (const name of ['helvetica/2025-06-12-referat-samlet.pdf', 'helvetica/2025-06-12-referat-offentlig-samlet.pdf']) {
      expect({ name, ...checked.get(name)! }).toEqual({
        name,
        claims: {},
        failures: [
          'Matterhorn 06-002 / ISO 14289-1 5: XMP has no pdfuaid:part',
          'ISO 19005-2 6.6.4: XMP has no pdfaid:part and pdfaid:conformance',
          'ISO 19005-2 6.2.11.4.1 / ISO 14289-1 7.21.4.1: font /Helvetica is not embedded',
        ],
      });
    }
    const warnings = withHelvetica.files.flatMap((file) => file.messages.filter((message) => !message.fatal && message.ruleId === 'bilag-ikke-arkivformat'));
    expect(warnings.map((message) => `${path.basename(message.file ?? "")}:${message.line}: ${message.reason}`)).toEqual([
      '01-budget.md:9: Filen "bilag/regnskab.pdf" til bilag nr. 2 opfylder ikke PDF/A-2 eller PDF/UA-1: skrifttypen Helvetica er ikke indlejret. Den samlede udgave erklæres derfor ikke som PDF/A-2 eller PDF/UA-1; det gør kun udgaven uden bilag.',
      '02-personalesag.md:8: Filen "bilag/quist-advarsel.pdf" til bilag nr. 1 opfylder ikke PDF/A-2 eller PDF/UA-1: skrifttypen Helvetica er ikke indlejret. Den samlede udgave erklæres derfor ikke som PDF/A-2 eller PDF/UA-1; det gør kun udgaven uden bilag.',
    ]);
  });

  it('still finishes the minutes themselves', () => {
    for (const name of ['helvetica/2025-06-12-referat.pdf', 'helvetica/2025-06-12-referat-offentlig.pdf']) {
      expect({ name, ...checked.get(name)! }).toEqual({ name, claims: FULL, failures: [] });
    }
  });
});

describe('the checker', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  // Chromium already writes /MarkInfo, /DisplayDocTitle and /Tabs /S: those checks pass on it.
  it('fails an unfinished Chromium PDF of the same document', async () => {
    const html = readFileSync(path.join(root, 'synthetic', 'udvalget-for-tilgaengelighed', '2025-09-04-referat.html'), 'utf8');
    const { claims, failures } = await checkConformance(await printPdf(browser, html));
    expect(claims).toEqual({});
    const clauses = new Set(failures.map((failure) => failure.slice(0, failure.indexOf(':'))));
    expect([...clauses].sort()).toEqual(
      [
        'Matterhorn 06-001 / ISO 19005-2 6.6.2.1',
        'ISO 19005-2 6.2.3',
        'ISO 19005-2 6.1.3',
        'Matterhorn 02-001',
        'Matterhorn 01-005',
        'Matterhorn 09-005',
        'Matterhorn 14-003',
        'Matterhorn 28-004 / ISO 14289-1 7.18.1',
      ].sort(),
    );
  });
});
