/**
 * Stage 6 (Chromium edge): print one self-contained HTML document to PDF.
 * JavaScript is off and every request but the document itself is refused:
 * styles, fonts and images are already inside it.
 */
import type { Browser, HTTPRequest } from 'puppeteer';

/** A fake origin: nothing is ever fetched from it, the pipeline answers. */
export const DOCUMENT_URL = 'https://referat.invalid/dokument.html';

export interface PrintOptions {
  /** Per-document time limit in milliseconds. */
  timeout?: number;
}

export async function printPdf(browser: Browser, html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const timeout = options.timeout ?? 60_000;
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => answer(request, html));
    await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout });
  } finally {
    // A hung renderer may never confirm the close; the session restarts the browser then.
    void page.close().catch(() => undefined);
  }
}

function answer(request: HTTPRequest, html: string): void {
  if (request.url() === DOCUMENT_URL && request.isNavigationRequest()) {
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  } else {
    void request.abort('blockedbyclient');
  }
}
