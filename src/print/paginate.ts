/**
 * Fill the table of contents with the pages the items actually land on,
 * printing once: the print stage measures the pages on screen and writes
 * them into the contents before printing (see print.ts). The printed PDF is
 * then read back; should a page ever differ from what the contents say, the
 * document is printed again with the true numbers. Words that would be
 * divided across a page break are kept whole on screen before that print
 * (screen-page-ends.ts), and the soft hyphens no line ended in are dropped
 * (unused-soft-hyphens.ts); should the print still end a page in a divided word
 * (it sets a line differently now and then), that word is printed whole in
 * another print (src/finish/page-ends.ts).
 */
import type { Browser } from 'puppeteer';
import type { DocumentView } from '../render/view.js';
import { readLayout, type PrintedLayout } from './pdf-pages.js';
import { finishPages } from '../finish/pages.js';
import { dropSoftHyphens, keepOccurrencesWhole, keepWordsWhole } from '../render/hyphenate.js';
import { printPdf, printWithContents, type PrintOptions } from './print.js';

export interface PaginatedPdf {
  /** The printed PDF as read back (parsed), its pages finished (src/finish/pages.ts). */
  layout: PrintedLayout;
  /** The view as finally printed, with the true page numbers. */
  view: DocumentView;
  /** How many times the document was printed (1 unless measuring missed or a page ended in a divided word). */
  prints: number;
  /** The document as finally printed (rendered again only when asked for: --html). */
  html: () => string;
}

/** Numbers can only move a few times: each pass fixes the widths of the last (or a word at a page end). */
const MAX_PRINTS = 4;

/** Placeholder pages before measuring: two digits, so widths rarely change. */
export function placeholderPages(view: DocumentView): DocumentView {
  return { ...view, toc: view.toc.map((entry) => ({ ...entry, page: 10 })) };
}

export async function printPaginated(
  initial: DocumentView,
  browser: Browser,
  render: (view: DocumentView) => string,
  options: PrintOptions,
): Promise<PaginatedPdf> {
  const ids = initial.toc.map((entry) => entry.id);
  const first = await printWithContents(browser, render(placeholderPages(initial)), ids, options);
  let view = withPages(initial, first.measured);
  let pdf = first.pdf;
  /** The document as printed, with the words the first print kept whole and the soft hyphens it dropped on screen. */
  const laidOut = (printed: DocumentView) => dropSoftHyphens(keepOccurrencesWhole(render(printed), first.screen.kept), first.screen.unused.ordinals);
  /** Words kept whole, by their part before the hyphen that fell at a page end. */
  const whole = new Set<string>();
  for (let prints = 1; ; prints++) {
    const layout = await readLayout(pdf);
    const actual = withPages(view, layout.destinations);
    // Nothing measured: this layout shows no contents, so no number can be wrong.
    const settled = first.measured.size === 0 || actual.toc.every((entry, index) => entry.page === view.toc[index]!.page);
    // The pages are finished as they are read (pages.ts): a settled print needs no other pass.
    const divided = finishPages(layout.doc).divided.filter((fragment) => !whole.has(fragment));
    if ((settled && divided.length === 0) || prints >= MAX_PRINTS) return { layout, view: actual, prints, html: () => keepWordsWhole(laidOut(actual), whole) };
    for (const fragment of divided) whole.add(fragment);
    view = actual;
    pdf = await printPdf(browser, keepWordsWhole(laidOut(view), whole), options);
  }
}

function withPages(view: DocumentView, pages: Map<string, number>): DocumentView {
  return { ...view, toc: view.toc.map((entry) => ({ ...entry, page: pages.get(entry.id) ?? entry.page })) };
}
