/**
 * Fill the table of contents with the pages the items actually land on.
 * Chromium has no target-counter(), so the document is printed, the pages of
 * the items' anchors are read back, and only if the numbers differ from what
 * was printed is it rendered and printed again with the true numbers.
 */
import type { DocumentView } from '../render/view.js';
import { readLayout, type PrintedLayout } from './pdf-pages.js';

export interface PaginatedPdf {
  pdf: Uint8Array;
  layout: PrintedLayout;
  /** The view as finally printed, with the true page numbers. */
  view: DocumentView;
  /** How many times the document was printed (1 when the first guess held). */
  prints: number;
}

/** Numbers can only move a few times: each pass fixes the widths of the last. */
const MAX_PRINTS = 3;

/** A first guess: the cover on page 1, then one page per item. */
export function guessPages(view: DocumentView): DocumentView {
  return { ...view, toc: view.toc.map((entry, index) => ({ ...entry, page: index + 2 })) };
}

export async function printPaginated(
  initial: DocumentView,
  print: (view: DocumentView) => Promise<Uint8Array>,
): Promise<PaginatedPdf> {
  let view = initial;
  for (let prints = 1; ; prints++) {
    const pdf = await print(view);
    const layout = await readLayout(pdf);
    const actual = view.toc.map((entry) => ({ ...entry, page: layout.destinations.get(entry.id) ?? entry.page }));
    const settled = actual.every((entry, index) => entry.page === view.toc[index]!.page);
    if (settled || prints >= MAX_PRINTS || view.toc.length === 0) return { pdf, layout, view, prints };
    view = { ...view, toc: actual };
  }
}
