/**
 * Stage 6 (Chromium edge): print one HTML document to PDF. JavaScript is off
 * and every request outside the pipeline's own assets is refused.
 */
import type { Browser, HTTPRequest } from 'puppeteer';
import { DOCUMENT_ORIGIN, DOCUMENT_PATH, type AssetServer } from './assets.js';

export interface PrintJob {
  html: string;
  /** The meeting folder: the only place content files may be loaded from. */
  meetingDir: string;
}

export interface PrintOptions {
  assets: AssetServer;
  /** Per-document time limit in milliseconds. */
  timeout?: number;
}

export async function printPdf(browser: Browser, job: PrintJob, options: PrintOptions): Promise<Uint8Array> {
  const timeout = options.timeout ?? 60_000;
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => answer(request, job, options.assets));
    await page.goto(DOCUMENT_ORIGIN + DOCUMENT_PATH, { waitUntil: 'load', timeout });
    return await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      timeout,
    });
  } finally {
    // A hung renderer may never confirm the close; the session restarts the browser then.
    void page.close().catch(() => undefined);
  }
}

function answer(request: HTTPRequest, job: PrintJob, assets: AssetServer): void {
  let url: URL;
  try {
    url = new URL(request.url());
  } catch {
    void request.abort('blockedbyclient');
    return;
  }
  if (url.origin !== DOCUMENT_ORIGIN || request.isNavigationRequest() !== (url.pathname === DOCUMENT_PATH)) {
    void request.abort('blockedbyclient');
    return;
  }
  if (url.pathname === DOCUMENT_PATH) {
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: job.html });
    return;
  }
  const asset = assets.resolve(url.pathname, job.meetingDir);
  if (!asset) {
    void request.abort('blockedbyclient');
    return;
  }
  void request.respond({ status: 200, contentType: asset.contentType, body: asset.body });
}
