/**
 * Print quality on meetings long enough to push items over several pages:
 * true page numbers in the table of contents, bookmarks, running heads,
 * "Side X af Y", tagging, language, embedded fonts and byte-identical rebuilds.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/api.js';
import { readPdf, type PdfReadback } from '../helpers/pdf.js';
import { writeForum, writeMeeting } from '../../scripts/lib/synthetic.js';

let root: string;
const bytes = new Map<string, Buffer>();
const pdfs = new Map<string, PdfReadback>();
const rebuilt = new Map<string, Buffer>();

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-quality-'));
  const content = path.join(root, 'content');
  writeForum(path.join(content, 'langt-regionsudvalg'), 'Langt Regionsudvalg', 'region');
  writeMeeting(path.join(content, 'langt-regionsudvalg', '2025-06-04'), '2025-06-04', 7, { items: 7, paragraphsPerItem: 14 });
  writeForum(path.join(content, 'langt-kommuneudvalg'), 'Langt Kommuneudvalg', 'kommune');
  writeMeeting(path.join(content, 'langt-kommuneudvalg', '2025-06-05'), '2025-06-05', 11, { items: 6, paragraphsPerItem: 10 });

  // The second build prints the meetings in the other order, so that nothing
  // in the PDF may depend on what the browser printed before.
  const orders = [['langt-regionsudvalg', 'langt-kommuneudvalg'], ['langt-kommuneudvalg', 'langt-regionsudvalg']];
  for (const [index, target] of [bytes, rebuilt].entries()) {
    const report = await buildAll({ cwd: root, outDir: `output-${index}`, targets: orders[index]!.map((forum) => `content/${forum}`) });
    expect(report.results.map((result) => result.status)).toEqual(['built', 'built']);
    // The contents' pages are measured before printing: one print per document,
    // here the minutes and their bilag separators (the synthetic items have bilag),
    // and at most one more where a page would end in a divided word (page-ends.ts).
    for (const result of report.results) expect(result.prints).toBeOneOf([2, 3]);
    for (const result of report.results) target.set(result.forumId, readFileSync(result.output!));
  }
  for (const [forum, pdf] of bytes) pdfs.set(forum, await readPdf(pdf));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const flat = (text: string) => text.replace(/\s+/g, ' ');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Page (1-based) on which "Punkt N:" / "N." heading text appears first. */
function pageOf(pdf: PdfReadback, heading: string): number {
  return pdf.pages.findIndex((text) => flat(text).includes(heading)) + 1;
}

describe('region layout, long meeting', () => {
  const pdf = () => pdfs.get('langt-regionsudvalg')!;

  it('spans many pages, items spilling over several', () => {
    expect(pdf().pageCount).toBeGreaterThanOrEqual(15);
    const starts = pdf().outline.map((entry) => entry.page);
    expect(starts.some((page, index) => index > 0 && page - starts[index - 1]! >= 3)).toBe(true);
  });

  it('prints in the table of contents the page each item heading lands on', () => {
    const cover = pdf().pages[0]!;
    const toc = cover.slice(cover.indexOf('Indholdsfortegnelse'));
    const tocLines = toc.split('\n').filter((line) => /\s\d+\s*$/.test(line) && !/^Side /.test(line));
    const tocPages = tocLines.map((line) => Number(/(\d+)\s*$/.exec(line)![1]));
    expect(tocPages).toHaveLength(7);
    tocPages.forEach((page, index) => {
      const heading = `Punkt ${index + 1}: `;
      expect(pageOf(pdf(), heading), heading).toBe(page);
    });
  });

  it('has one bookmark per item, pointing at its page', () => {
    const { outline } = pdf();
    expect(outline).toHaveLength(7);
    outline.forEach((entry, index) => {
      expect(entry.title).toMatch(new RegExp(`^Punkt ${index + 1}: `));
      expect(entry.depth).toBe(0);
      expect(entry.page).toBe(pageOf(pdf(), `Punkt ${index + 1}: `));
    });
  });

  it('has no running head on the cover, and the head and "Side X af Y" on every page after it', () => {
    const { pages, pageCount } = pdf();
    expect(flat(pages[0]!)).not.toContain('Langt Regionsudvalg · 4. juni 2025');
    expect(flat(pages[0]!)).toContain(`Side 1 af ${pageCount}`);
    pages.slice(1).forEach((text, index) => {
      expect(flat(text), `side ${index + 2}`).toContain('Langt Regionsudvalg · 4. juni 2025');
      expect(flat(text), `side ${index + 2}`).toContain(`Side ${index + 2} af ${pageCount}`);
    });
    expect(flat(pages.at(-1)!)).toContain(`Side ${pageCount} af ${pageCount}`);
  });
});

describe('kommune layout, long meeting', () => {
  const pdf = () => pdfs.get('langt-kommuneudvalg')!;

  it('runs the head on every page after the first and numbers every page', () => {
    const { pages, pageCount } = pdf();
    expect(pageCount).toBeGreaterThanOrEqual(6);
    expect(flat(pages[0]!)).not.toContain('Langt Kommuneudvalg · 5. juni 2025');
    pages.forEach((text, index) => {
      if (index > 0) expect(flat(text)).toContain('Langt Kommuneudvalg · 5. juni 2025');
      expect(flat(text)).toContain(`Side ${index + 1} af ${pageCount}`);
    });
  });

  it('has one bookmark per item, at the page of its heading', () => {
    const { outline } = pdf();
    expect(outline.map((entry) => entry.title.replace(/:.*/, ''))).toEqual(['Punkt 1', 'Punkt 2', 'Punkt 3', 'Punkt 4', 'Punkt 5', 'Punkt 6']);
    outline.forEach((entry, index) => {
      const heading = `${index + 1}. ${entry.title.replace(/^Punkt \d+: /, '')}`;
      expect(entry.page, heading).toBe(pageOf(pdf(), heading));
    });
  });
});

describe('both layouts', () => {
  it.each(['langt-regionsudvalg', 'langt-kommuneudvalg'])('%s is tagged, Danish, titled and uses only embedded fonts', async (forum) => {
    const pdf = pdfs.get(forum)!;
    const doc = await PDFDocument.load(bytes.get(forum)!, { updateMetadata: false });
    const markInfo = doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
    expect(markInfo?.get(PDFName.of('Marked'))?.toString()).toBe('true');
    expect(doc.catalog.has(PDFName.of('StructTreeRoot'))).toBe(true);
    expect(pdf.language).toBe('da-DK');
    expect(pdf.info.Title).toMatch(/^Referat \(UDKAST\) – Langt (Regions|Kommune)udvalg – \d+\. juni 2025$/);
    expect(pdf.info.Author).toBe('Region Testland');
    expect(pdf.fonts.length).toBeGreaterThan(0);
    for (const font of pdf.fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name, 'subset prefix').toMatch(/^\/[A-Z]{6}\+SourceSans3/);
    }
  });

  it.each(['langt-regionsudvalg', 'langt-kommuneudvalg'])('%s is byte-identical when built again', (forum) => {
    expect(sha256(rebuilt.get(forum)!)).toBe(sha256(bytes.get(forum)!));
  });
});
