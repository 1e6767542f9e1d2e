/**
 * Stage 6 (Chromium edge): print one self-contained HTML document to PDF.
 * JavaScript is off and every request but the document itself is refused:
 * styles, fonts and images are already inside it.
 *
 * A table of contents gets its page numbers in the same page load: on screen
 * the layouts set the document in page-sized columns (base.css), so each
 * item's column is its page. Those are read and written into the contents
 * through the DevTools protocol (no script runs in the page), then printed.
 */
import type { Browser, CDPSession, Page } from 'puppeteer';
import { deadlineIn, type Deadline } from './deadline.js';
import { keepPageEndsWhole, type ScreenLayout } from './screen-page-ends.js';
import { countSoftHyphens, dropSoftHyphens, keepOccurrencesWhole } from '../render/hyphenate.js';
import { NONE_UNUSED } from './unused-soft-hyphens.js';

/** A fake origin: nothing is ever fetched from it, the pipeline answers. */
export const DOCUMENT_ORIGIN = 'https://referat.invalid';
export const DOCUMENT_URL = `${DOCUMENT_ORIGIN}/dokument.html`;

/** How every document is printed: page size and margins come from its CSS, tagged for accessibility. */
export const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, tagged: true } as const;

export interface PrintOptions {
  /** The meeting's deadline: each step of the print gets the time left until it. Default: 60 s for this print. */
  deadline?: Deadline;
}

export async function printPdf(browser: Browser, html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  return (await print(browser, html, options)).pdf;
}

/**
 * Print a document laid out by the templates: first the words that would be
 * divided across a page break are kept whole (screen-page-ends.ts), then the
 * pages of the elements with the given ids are measured and written into
 * every `[data-toc-for="<id>"]` element, and last the soft hyphens no line
 * ended in are dropped (unused-soft-hyphens.ts). Returns the pages it wrote
 * and what the screen layout changed: the words kept whole, the soft
 * hyphens dropped.
 */
export async function printWithContents(
  browser: Browser,
  html: string,
  ids: string[],
  options: PrintOptions = {},
): Promise<{ pdf: Uint8Array; measured: Map<string, number>; screen: ScreenLayout }> {
  return print(browser, html, options, ids);
}

/** The document a page answers its next navigation with. */
interface Served {
  url: string;
  /** The HTML, base64-encoded as the protocol carries it. */
  body: string;
}

interface PrintPage {
  page: Page;
  client: CDPSession;
  served: Served;
  /** Documents printed on it so far. */
  uses: number;
}

/**
 * Pages are kept open between prints and given the next document: a new
 * page costs Chromium a renderer process of its own, in which the fonts
 * inside every document are decoded again — a third of the time it takes
 * to print a meeting. Each print is a navigation to a new URL, so nothing
 * of the last document remains; a page retires after MAX_USES documents
 * (its memory stays bounded) or when a print on it fails.
 */
const MAX_USES = 25;

/** Idle pages by browser: they close with it, and the entry goes with it. */
const idlePages = new WeakMap<Browser, PrintPage[]>();

async function openPage(browser: Browser): Promise<PrintPage> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  const client = await page.createCDPSession();
  const printPage: PrintPage = { page, client, served: { url: '', body: '' }, uses: 0 };
  await answerRequests(client, () => printPage.served);
  return printPage;
}

/** With `ids` (a laid-out document), page ends are kept whole, the contents filled and unused soft hyphens dropped before printing. */
async function print(browser: Browser, html: string, options: PrintOptions, ids?: string[]) {
  const deadline = options.deadline ?? deadlineIn(60_000);
  // Spent already: no page is taken for it.
  deadline.left();
  let idle = idlePages.get(browser);
  if (!idle) idlePages.set(browser, (idle = []));
  const printPage = idle.pop() ?? (await openPage(browser));
  const { page, client } = printPage;
  let healthy = false;
  try {
    printPage.uses++;
    printPage.served = { url: `${DOCUMENT_ORIGIN}/dokument-${printPage.uses}.html`, body: Buffer.from(html).toString('base64') };
    await page.goto(printPage.served.url, { waitUntil: 'load', timeout: deadline.left() });
    const screen = ids ? await keepPageEndsWhole(client, countSoftHyphens(html)) : { kept: [], unused: NONE_UNUSED };
    const measured = ids && ids.length > 0 ? await measurePages(client, ids) : new Map<string, number>();
    if (screen.unused.ordinals.length > 0 || measured.size > 0) {
      // One change to the page, made last: no line moves, so the screen's layout is not read again.
      const printed = withContentsPages(dropSoftHyphens(keepOccurrencesWhole(html, screen.kept), screen.unused.ordinals), measured);
      await setBody(client, printed);
    }
    const pdf = await page.pdf({ ...PDF_OPTIONS, timeout: deadline.left() });
    healthy = true;
    return { pdf, measured, screen };
  } finally {
    // The document leaves with the page's next navigation; until then it is not kept here.
    printPage.served = { url: '', body: '' };
    if (healthy && printPage.uses < MAX_USES) idle.push(printPage);
    // A hung renderer may never confirm the close; the session restarts the browser then.
    else void page.close().catch(() => undefined);
  }
}

/**
 * Every request the page makes stops here (the DevTools Fetch domain): the
 * main frame's navigation to the served URL gets the document, anything
 * else is refused. Answered over the protocol directly rather than through
 * Puppeteer's request interception, whose base64 encoding of a document
 * with its fonts inside costs tens of milliseconds per print.
 */
export async function answerRequests(client: CDPSession, served: () => Served): Promise<void> {
  const { frameTree } = await client.send('Page.getFrameTree');
  client.on('Fetch.requestPaused', (event) => {
    const { url, body } = served();
    const isDocument = url !== '' && event.request.url === url && event.resourceType === 'Document' && event.frameId === frameTree.frame.id;
    const answer = isDocument
      ? client.send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
          body,
        })
      : client.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
    // The page may close while a request waits; nothing is left to answer then.
    answer.catch(() => undefined);
  });
  await client.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
}

/** Ids the pipeline generates ("punkt-3"): safe inside a CSS selector as they are. */
const SAFE_ID = /^[A-Za-z][\w-]*$/;

/** The page each element with one of `ids` starts on, measured on screen; none without a table of contents to fill. */
async function measurePages(client: CDPSession, ids: string[]): Promise<Map<string, number>> {
  const pages = new Map<string, number>();
  const { root } = await client.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await client.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-toc-for]' });
  // A layout without a table of contents has nothing to measure.
  if (nodeIds.length === 0) return pages;
  const find = async (selector: string) => (await client.send('DOM.querySelector', { nodeId: root.nodeId, selector })).nodeId;
  const box = async (nodeId: number) => (await client.send('DOM.getBoxModel', { nodeId })).model;
  // The body's quad in fractional pixels (BoxModel.width is rounded to an integer).
  const body = (await box(await find('body'))).content;
  const column = body[2]! - body[0]!;
  for (const id of ids.filter((candidate) => SAFE_ID.test(candidate))) {
    const nodeId = await find(`#${id}`);
    if (!nodeId) continue;
    // Items start at the top of a column; column N (each as wide as the body) is page N.
    const x = (await box(nodeId)).border[0]! - body[0]!;
    pages.set(id, Math.round(x / column) + 1);
  }
  return pages;
}

/** The document with each `[data-toc-for="<id>"]` element's text set to the page measured for the id. */
export function withContentsPages(html: string, pages: Map<string, number>): string {
  if (pages.size === 0) return html;
  return html.replace(/(<[^<>]*\sdata-toc-for="([^"]*)"[^<>]*>)[^<]*</g, (element, start: string, id: string) => {
    const page = pages.get(id);
    return page === undefined ? element : `${start}${page}<`;
  });
}

/**
 * Give the page the body of `html`. The DevTools protocol patches the DOM
 * where it differs (DOMPatchSupport): far cheaper for Chromium than a
 * message for each changed text node, and no script runs in the page.
 */
async function setBody(client: CDPSession, html: string): Promise<void> {
  const start = html.indexOf('<body');
  const end = html.lastIndexOf('</body>');
  if (start === -1 || end === -1) return;
  const { root } = await client.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await client.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'body' });
  if (nodeId) await client.send('DOM.setOuterHTML', { nodeId, outerHTML: html.slice(start, end + '</body>'.length) });
}
