/**
 * Compare the PDFs built before and after a pull request, page by page, and
 * lay out what a reviewer needs: the PDFs that differ and a picture of every
 * page that looks different. Both builds run on the same machine with the
 * same Chromium, so an unchanged page renders to exactly the same pixels:
 * any differing pixel counts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { comparePages, encodePng, listFiles, renderPdf, type PageImage } from '../lib/page-images.js';
import { enumeration } from './text.js';

/** Folders of the artifact: the document after and before the change, and the differing pixels. */
export const AFTER_DIR = 'efter';
export const BEFORE_DIR = 'foer';
export const DIFF_DIR = 'forskel';

export interface PageDifferences {
  /** Pages (1-based) present before and after whose pixels differ. */
  changed: number[];
  /** Pages only after the change (the document grew). */
  added: number[];
  /** Pages only before the change (the document shrank). */
  removed: number[];
}

function samePixels(a: PageImage, b: PageImage): boolean {
  return a.width === b.width && a.height === b.height && Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(b.data);
}

/** Page i before is compared with page i after. */
export function differingPages(before: PageImage[], after: PageImage[]): PageDifferences {
  const pages = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index + 1);
  const common = Math.min(before.length, after.length);
  return {
    changed: pages(0, common).filter((page) => !samePixels(before[page - 1]!, after[page - 1]!)),
    added: pages(common, after.length),
    removed: pages(common, before.length),
  };
}

export interface DocumentComparison extends PageDifferences {
  /** Path in the output folder, e.g. "udvalget/2024-02-07-referat.pdf". */
  document: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Page counts; 0 for a side without the document, and for an unchanged one (not rendered). */
  pagesBefore: number;
  pagesAfter: number;
}

/** "udvalget/2024-02-07-referat.pdf", page 3 of 12 → "udvalget/2024-02-07-referat-side-03.png" (sorts in page order). */
export function pagePicture(document: string, page: number, pageCount: number): string {
  return `${document.replace(/\.pdf$/, '')}-side-${String(page).padStart(String(pageCount).length, '0')}.png`;
}

function writeInto(root: string, relative: string, bytes: Uint8Array): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

/**
 * Compare every PDF in `beforeDir` and `afterDir` (either may be missing) and
 * write the artifact into `artifactsDir`: for each document that differs, its
 * PDF in efter/ and foer/, and for each differing page a picture of it on
 * each side it exists and one of the differing pixels in forskel/.
 */
export function compareBuilds(beforeDir: string, afterDir: string, artifactsDir: string): DocumentComparison[] {
  const documents = [...new Set([...listFiles(beforeDir, '.pdf'), ...listFiles(afterDir, '.pdf')])].sort();
  const results: DocumentComparison[] = [];
  for (const document of documents) {
    const read = (dir: string) => (existsSync(path.join(dir, document)) ? readFileSync(path.join(dir, document)) : undefined);
    const beforeBytes = read(beforeDir);
    const afterBytes = read(afterDir);
    if (beforeBytes && afterBytes?.equals(beforeBytes)) {
      results.push({ document, status: 'unchanged', pagesBefore: 0, pagesAfter: 0, changed: [], added: [], removed: [] });
      continue;
    }
    const before = beforeBytes ? renderPdf(path.join(beforeDir, document)) : [];
    const after = afterBytes ? renderPdf(path.join(afterDir, document)) : [];
    const differences = differingPages(before, after);
    const pageCount = Math.max(before.length, after.length);
    if (afterBytes) writeInto(path.join(artifactsDir, AFTER_DIR), document, afterBytes);
    if (beforeBytes) writeInto(path.join(artifactsDir, BEFORE_DIR), document, beforeBytes);
    for (const page of [...differences.changed, ...differences.added]) {
      writeInto(path.join(artifactsDir, AFTER_DIR), pagePicture(document, page, pageCount), encodePng(after[page - 1]!));
    }
    for (const page of [...differences.changed, ...differences.removed]) {
      writeInto(path.join(artifactsDir, BEFORE_DIR), pagePicture(document, page, pageCount), encodePng(before[page - 1]!));
    }
    for (const page of differences.changed) {
      const { diff } = comparePages(before[page - 1]!, after[page - 1]!);
      if (diff) writeInto(path.join(artifactsDir, DIFF_DIR), pagePicture(document, page, pageCount), encodePng(diff));
    }
    const status = !beforeBytes ? 'added' : !afterBytes ? 'removed' : 'changed';
    results.push({ document, status, pagesBefore: before.length, pagesAfter: after.length, ...differences });
  }
  return results;
}

function sider(count: number): string {
  return `${count} ${count === 1 ? 'side' : 'sider'}`;
}

/** "side 4 er ny" / "siderne 4 og 5 er nye". */
function aboutPages(pages: number[], one: string, many: string): string[] {
  if (pages.length === 0) return [];
  return [pages.length === 1 ? `side ${pages[0]} er ${one}` : `siderne ${enumeration(pages)} er ${many}`];
}

/** One Danish sentence for a document. */
export function describeDocument(result: DocumentComparison): string {
  switch (result.status) {
    case 'unchanged':
      return 'uændret';
    case 'added':
      return `nyt dokument (${sider(result.pagesAfter)})`;
    case 'removed':
      return `findes ikke længere (havde ${sider(result.pagesBefore)})`;
    case 'changed': {
      const parts = [
        ...aboutPages(result.changed, 'ændret', 'ændret'),
        ...aboutPages(result.added, 'ny', 'nye'),
        ...aboutPages(result.removed, 'væk', 'væk'),
      ];
      if (parts.length === 0) return 'ingen side ser anderledes ud, men filen er ændret (fx PDF\'ens egenskaber eller bogmærker)';
      const count = result.pagesBefore === result.pagesAfter ? sider(result.pagesAfter) : `nu ${sider(result.pagesAfter)}, før ${result.pagesBefore}`;
      return `${enumeration(parts)} (${count})`;
    }
  }
}

/** The Danish job summary of a comparison; `artifact` names the uploaded artifact. */
export function describeComparison(results: DocumentComparison[], artifact: string): string {
  if (results.length === 0) return 'Der blev ikke bygget nogen PDF\'er at sammenligne.\n';
  const lines = results.map((result) => `- \`${result.document}\`: ${describeDocument(result)}`);
  const differs = results.some((result) => result.status !== 'unchanged');
  const where = differs
    ? `PDF'erne og et billede af hver ændret side ligger i artefaktet **${artifact}** under *Artifacts* nederst på kørslens side. ` +
      `Mappen \`${AFTER_DIR}/\` har dokumenterne og siderne efter ændringen, \`${BEFORE_DIR}/\` dem fra før, og \`${DIFF_DIR}/\` viser de ændrede pixels med rødt.`
    : 'Ingen af dokumenterne ser anderledes ud efter ændringen.';
  return `### Side for side\n\n${lines.join('\n')}\n\n${where}\n`;
}
