/**
 * Page images of the example meetings, shared by the visual regression test
 * (tests/e2e/visual.test.ts) and `npm run update-golden`: build with the real
 * pipeline, render every page of every PDF, and compare a page with its
 * golden image pixel by pixel.
 *
 * Rendering is poppler's pdftoppm (Debian: poppler-utils; .ci/run and
 * scripts/setup.mjs install it; where it is missing the tests skip). pdf.js was tried and rejected: it cannot draw the
 * function-based shading Chromium prints for CSS gradients (the contents'
 * dotted leaders came out as pink bars).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { buildAll, PROJECT_ROOT } from '../../src/api.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { DOCUMENT_KINDS } from '../../src/render/edition.js';
import { MANIFEST_DIR } from '../../src/write/manifest.js';

export const GOLDEN_DIR = path.join(PROJECT_ROOT, 'tests', 'visual', 'golden');
/** Where a failing test leaves the actual page and the diff (ignored by git). */
export const ACTUAL_DIR = path.join(PROJECT_ROOT, 'tests', 'visual', '.actual');

/** 60 dpi: an A4 page is 496 × 702 px, body text still legible, ~50 kB a page. */
export const DPI = 60;
/*
 * The tolerance, from measurements on the two examples (17 pages of
 * 348 192 px), thresholds 0.05 / 0.1 / 0.2:
 *  - two builds give byte-identical PDFs, and pdftoppm renders a PDF to the
 *    same pixels every time: 0 differing pixels;
 *  - the project's machines (developers', CI) are all the same Debian with
 *    the same poppler, so what may still vary is rounding: ±24 levels of
 *    noise on every inked pixel counts 0 at 0.1 (up to 13 578 at 0.05);
 *  - a deliberate one-word change: 49–909 pixels of its page at 0.1 (a
 *    one-letter typo fixed mid-page 49, "godkendt" → "udsat" 96);
 *  - another rasteriser (poppler's cairo backend instead of splash): 4 638 to
 *    28 765 a page. No tolerance could absorb that and still see one word:
 *    on a machine with another poppler, re-bless with `npm run update-golden`.
 */
/** pixelmatch's per-pixel threshold (YIQ colour distance, 0–1; its default). Anti-aliasing pixels are not counted either. */
export const PIXEL_THRESHOLD = 0.1;
/** Differing pixels a page may have: 0.005 %, 17 of a 60-dpi A4 page, a third of the smallest one-word change. */
export const MAX_DIFFERING_FRACTION = 0.00005;

export interface PageImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

/** A printed PDF's pages, keyed like "<forum>/<meeting>-referat" (its path in the output folder). */
export type DocumentPages = Map<string, PageImage[]>;

/** Every page of a PDF file, rendered by pdftoppm. */
export function renderPdf(file: string): PageImage[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-pages-'));
  try {
    try {
      execFileSync('pdftoppm', ['-png', '-forcenum', '-r', String(DPI), file, path.join(dir, 'p')], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftoppm blev ikke fundet. Installér poppler-utils (Debian: apt-get install poppler-utils).');
      throw error;
    }
    // p-1.png … p-9.png, or p-01.png … when there are more: the number decides the order.
    return readdirSync(dir)
      .map((name) => ({ name, page: Number(/-(\d+)\.png$/.exec(name)?.[1]) }))
      .sort((a, b) => a.page - b.page)
      .map(({ name }) => decodePng(readFileSync(path.join(dir, name))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Build the meetings under `contentDir` (default: the examples in content/)
 * into a temporary folder and render every PDF the build wrote. A build that
 * fails throws with its Danish diagnostics.
 */
export async function buildPages(options: { contentDir?: string; targets?: string[] } = {}): Promise<DocumentPages> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'referat-visual-'));
  try {
    for (const kind of DOCUMENT_KINDS) {
      const report = await buildAll({ cwd: PROJECT_ROOT, outDir, kind, ...options });
      if (!report.ok) {
        const failed = report.results.filter((result) => result.status !== 'built').map((result) => `${result.forumId}/${result.meetingId}`);
        throw new Error([`Eksempelmøderne kunne ikke bygges (${failed.join(', ')}):`, ...formatDiagnostics(report.files)].join('\n'));
      }
    }
    const documents: DocumentPages = new Map();
    for (const file of listFiles(outDir, '.pdf')) {
      documents.set(file.slice(0, -'.pdf'.length), renderPdf(path.join(outDir, file)));
    }
    return documents;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Files under `root` ending in `extension`, relative with "/" separators, sorted; the manifest folder is skipped. */
export function listFiles(root: string, extension: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.startsWith(`${MANIFEST_DIR}/`))
    .sort();
}

/** "<forum>/<meeting>-referat", page 3 → "<forum>/<meeting>-referat-p3.png". */
export function pageFile(document: string, page: number): string {
  return `${document}-p${page}.png`;
}

/** The golden page images there are, relative to GOLDEN_DIR. */
export function goldenFiles(): string[] {
  return listFiles(GOLDEN_DIR, '.png');
}

/** The documents that have golden pages. */
export function goldenDocuments(): string[] {
  return [...new Set(goldenFiles().map((file) => file.replace(/-p\d+\.png$/, '')))];
}

/** Lossless PNG, as small as the page allows: greyscale when every pixel is grey (the layouts are black and white), else RGB. */
export function encodePng(image: PageImage): Buffer {
  const { width, height, data } = image;
  let grey = true;
  for (let index = 0; grey && index < data.length; index += 4) grey = data[index] === data[index + 1] && data[index] === data[index + 2];
  const png = new PNG({ width, height });
  png.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return PNG.sync.write(png, { colorType: grey ? 0 : 2, inputColorType: 6, inputHasAlpha: true, deflateLevel: 9 });
}

export function decodePng(bytes: Uint8Array): PageImage {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

/** A document's golden pages, p1, p2, … as far as they go. */
export function readGoldenPages(document: string): PageImage[] {
  const pages: PageImage[] = [];
  for (let file = path.join(GOLDEN_DIR, pageFile(document, 1)); existsSync(file); file = path.join(GOLDEN_DIR, pageFile(document, pages.length + 1))) {
    pages.push(decodePng(readFileSync(file)));
  }
  return pages;
}

export interface PageComparison {
  /** Pixels that differ beyond the per-pixel threshold (all of them when the sizes differ). */
  differing: number;
  total: number;
  /** Within the tolerance. */
  ok: boolean;
  /** The golden page faded, differing pixels red, anti-aliasing yellow; absent when the sizes differ. */
  diff?: PageImage;
}

export function comparePages(golden: PageImage, actual: PageImage): PageComparison {
  const total = actual.width * actual.height;
  if (golden.width !== actual.width || golden.height !== actual.height) return { differing: total, total, ok: false };
  const diff = new Uint8Array(total * 4);
  const differing = pixelmatch(golden.data, actual.data, diff, actual.width, actual.height, { threshold: PIXEL_THRESHOLD, includeAA: false });
  return { differing, total, ok: differing <= allowedDiffering(total), diff: { width: actual.width, height: actual.height, data: diff } };
}

export function allowedDiffering(total: number): number {
  return Math.floor(total * MAX_DIFFERING_FRACTION);
}

const count = new Intl.NumberFormat('da-DK');

/** One line for a page outside the tolerance. */
function describeMismatch(document: string, page: number, golden: PageImage, actual: PageImage, comparison: PageComparison): string {
  const where = `${document} side ${page}`;
  if (!comparison.diff) return `${where}: siden er ${actual.width} × ${actual.height} pixels, golden-billedet ${golden.width} × ${golden.height}`;
  return `${where}: ${count.format(comparison.differing)} af ${count.format(comparison.total)} pixels afviger (højst ${count.format(allowedDiffering(comparison.total))} tilladt)`;
}

/**
 * Compare a document's pages with the expected ones: one Danish line per
 * problem (page count, each page outside the tolerance). The actual page and
 * the diff of each such page, and any page beyond the expected ones, are left
 * in `actualDir` for a developer to look at.
 */
export function checkDocument(document: string, expected: PageImage[], actual: PageImage[], actualDir: string): string[] {
  const problems: string[] = [];
  if (actual.length !== expected.length) problems.push(`${document}: ${actual.length} sider, men golden-billederne har ${expected.length}`);
  actual.forEach((page, index) => {
    const golden = expected[index];
    const comparison = golden && comparePages(golden, page);
    if (comparison?.ok) return;
    if (golden && comparison) problems.push(describeMismatch(document, index + 1, golden, page, comparison));
    writeActual(actualDir, document, index + 1, page, comparison?.diff);
  });
  return problems;
}

function writeActual(dir: string, document: string, page: number, actual: PageImage, diff: PageImage | undefined): void {
  const file = path.join(dir, pageFile(document, page));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encodePng(actual));
  if (diff) writeFileSync(file.replace(/\.png$/, '-diff.png'), encodePng(diff));
}
