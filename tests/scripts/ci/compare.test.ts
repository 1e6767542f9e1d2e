/**
 * Page-by-page comparison of two builds, on tiny PDFs made with pdf-lib:
 * which pages differ, what lands in the artifact, and the summary.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareBuilds, describeComparison, differingPages, pagePicture, type DocumentComparison } from '../../../scripts/ci/compare.js';
import { decodePng, type PageImage } from '../../../scripts/lib/page-images.js';
import { PDFTOPPM_MISSING, skipWithoutPdftoppm } from '../../helpers/pdftoppm.js';

/** A 200 × 200 pt PDF; each page has a black square at the given x (so pages can differ). */
async function pdf(squares: number[], title = 'Referat'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  for (const x of squares) doc.addPage([200, 200]).drawRectangle({ x, y: 80, width: 40, height: 40, color: rgb(0, 0, 0) });
  return doc.save();
}

function image(width: number, height: number, value: number): PageImage {
  return { width, height, data: new Uint8Array(width * height * 4).fill(value) };
}

describe('differingPages', () => {
  it('compares page i with page i, by every pixel and by size', () => {
    const before = [image(2, 2, 255), image(2, 2, 255), image(2, 2, 255)];
    const after = [image(2, 2, 255), image(2, 2, 254), image(3, 2, 255), image(2, 2, 255), image(2, 2, 0)];
    expect(differingPages(before, after)).toEqual({ changed: [2, 3], added: [4, 5], removed: [] });
    expect(differingPages(after, before)).toEqual({ changed: [2, 3], added: [], removed: [4, 5] });
  });

  it('finds nothing between equal pages', () => {
    expect(differingPages([image(2, 2, 9)], [image(2, 2, 9)])).toEqual({ changed: [], added: [], removed: [] });
  });
});

describe('pagePicture', () => {
  it('pads page numbers to the longest page number, so files sort in page order', () => {
    expect(pagePicture('udvalget/2024-02-07-referat.pdf', 3, 12)).toBe('udvalget/2024-02-07-referat-side-03.png');
    expect(pagePicture('udvalget/2024-02-07-referat.pdf', 3, 9)).toBe('udvalget/2024-02-07-referat-side-3.png');
  });
});

describe('compareBuilds', () => {
  let root: string;
  let results: DocumentComparison[];
  const before = () => path.join(root, 'foer');
  const after = () => path.join(root, 'efter');
  const artifact = () => path.join(root, 'artefakt');
  const put = (dir: string, file: string, bytes: Uint8Array) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), bytes);
  };

  skipWithoutPdftoppm();
  beforeAll(async () => {
    if (PDFTOPPM_MISSING) return;
    root = mkdtempSync(path.join(tmpdir(), 'referat-ci-compare-'));
    const same = await pdf([10]);
    put(before(), 'udvalget/2024-01-01-referat.pdf', same);
    put(after(), 'udvalget/2024-01-01-referat.pdf', same);
    // Page 2 changed, page 4 added.
    put(before(), 'udvalget/2024-02-07-referat.pdf', await pdf([10, 10, 10]));
    put(after(), 'udvalget/2024-02-07-referat.pdf', await pdf([10, 100, 10, 10]));
    put(after(), 'udvalget/2024-02-07-dagsorden.pdf', await pdf([10, 20]));
    put(before(), 'kredsen/2016-09-15-referat.pdf', await pdf([10]));
    // Only the title differs: other bytes, same pixels.
    put(before(), 'kredsen/2016-10-01-referat.pdf', await pdf([10], 'Før'));
    put(after(), 'kredsen/2016-10-01-referat.pdf', await pdf([10], 'Efter'));
    // The build's manifest is no document.
    put(after(), '.referat/udvalget/2024-02-07-referat.json', new TextEncoder().encode('{}'));
    results = compareBuilds(before(), after(), artifact());
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('tells every document apart, page by page', () => {
    const none = { changed: [], added: [], removed: [] };
    expect(results).toEqual([
      { document: 'kredsen/2016-09-15-referat.pdf', status: 'removed', pagesBefore: 1, pagesAfter: 0, ...none, removed: [1] },
      { document: 'kredsen/2016-10-01-referat.pdf', status: 'changed', pagesBefore: 1, pagesAfter: 1, ...none },
      { document: 'udvalget/2024-01-01-referat.pdf', status: 'unchanged', pagesBefore: 0, pagesAfter: 0, ...none },
      { document: 'udvalget/2024-02-07-dagsorden.pdf', status: 'added', pagesBefore: 0, pagesAfter: 2, ...none, added: [1, 2] },
      { document: 'udvalget/2024-02-07-referat.pdf', status: 'changed', pagesBefore: 3, pagesAfter: 4, changed: [2], added: [4], removed: [] },
    ]);
  });

  it('puts the differing documents and a picture of each differing page in the artifact', () => {
    const files = readdirSync(artifact(), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(artifact(), path.join(entry.parentPath, entry.name)))
      .sort();
    expect(files).toEqual([
      'efter/kredsen/2016-10-01-referat.pdf',
      'efter/udvalget/2024-02-07-dagsorden-side-1.png',
      'efter/udvalget/2024-02-07-dagsorden-side-2.png',
      'efter/udvalget/2024-02-07-dagsorden.pdf',
      'efter/udvalget/2024-02-07-referat-side-2.png',
      'efter/udvalget/2024-02-07-referat-side-4.png',
      'efter/udvalget/2024-02-07-referat.pdf',
      'foer/kredsen/2016-09-15-referat-side-1.png',
      'foer/kredsen/2016-09-15-referat.pdf',
      'foer/kredsen/2016-10-01-referat.pdf',
      'foer/udvalget/2024-02-07-referat-side-2.png',
      'foer/udvalget/2024-02-07-referat.pdf',
      'forskel/udvalget/2024-02-07-referat-side-2.png',
    ]);
    expect(readFileSync(path.join(artifact(), 'efter/udvalget/2024-02-07-referat.pdf'))).toEqual(readFileSync(path.join(after(), 'udvalget/2024-02-07-referat.pdf')));
  });

  it('draws the pages as they are: the square moved on page 2', () => {
    const picture = (side: string) => decodePng(readFileSync(path.join(artifact(), side, 'udvalget/2024-02-07-referat-side-2.png')));
    const pixel = (page: PageImage, x: number, y: number) => page.data[(y * page.width + x) * 4];
    const [foer, efter] = [picture('foer'), picture('efter')];
    // 60 dpi: 200 pt is 167 px. The square is 40 pt (33 px) wide at x = 10 pt (8 px) before and 100 pt (83 px) after, 80 pt (67 px) from the top.
    expect([foer.width, foer.height]).toEqual([167, 167]);
    expect([pixel(foer, 25, 83), pixel(foer, 100, 83)]).toEqual([0, 255]);
    expect([pixel(efter, 25, 83), pixel(efter, 100, 83)]).toEqual([255, 0]);
  });

  it('writes a Danish summary naming the artifact', () => {
    expect(describeComparison(results, 'referater-pr-7')).toBe(
      [
        '### Side for side',
        '',
        '- `kredsen/2016-09-15-referat.pdf`: findes ikke længere (havde 1 side)',
        "- `kredsen/2016-10-01-referat.pdf`: ingen side ser anderledes ud, men filen er ændret (fx PDF'ens egenskaber eller bogmærker)",
        '- `udvalget/2024-01-01-referat.pdf`: uændret',
        '- `udvalget/2024-02-07-dagsorden.pdf`: nyt dokument (2 sider)',
        '- `udvalget/2024-02-07-referat.pdf`: side 2 er ændret og side 4 er ny (nu 4 sider, før 3)',
        '',
        "PDF'erne og et billede af hver ændret side ligger i artefaktet **referater-pr-7** under *Artifacts* nederst på kørslens side. " +
          'Mappen `efter/` har dokumenterne og siderne efter ændringen, `foer/` dem fra før, og `forskel/` viser de ændrede pixels med rødt.',
        '',
      ].join('\n'),
    );
  });
});

describe('describeComparison', () => {
  it('says when nothing looks different, and lists several pages in Danish', () => {
    const unchanged: DocumentComparison = { document: 'a/2024-01-01-referat.pdf', status: 'unchanged', pagesBefore: 0, pagesAfter: 0, changed: [], added: [], removed: [] };
    expect(describeComparison([unchanged], 'x')).toBe('### Side for side\n\n- `a/2024-01-01-referat.pdf`: uændret\n\nIngen af dokumenterne ser anderledes ud efter ændringen.\n');
    const shrunk: DocumentComparison = { ...unchanged, status: 'changed', pagesBefore: 5, pagesAfter: 3, changed: [1, 2, 3], removed: [4, 5] };
    expect(describeComparison([shrunk], 'x')).toContain('- `a/2024-01-01-referat.pdf`: siderne 1, 2 og 3 er ændret og siderne 4 og 5 er væk (nu 3 sider, før 5)\n');
    expect(describeComparison([], 'x')).toBe("Der blev ikke bygget nogen PDF'er at sammenligne.\n");
  });
});
