/**
 * The print stage with real Chromium: a document loads nothing from outside
 * itself and runs no script.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TimeoutError, type Browser } from 'puppeteer';
import { closeBrowser, launchBrowser } from '../../src/print/browser.js';
import { printPdf, withContentsPages } from '../../src/print/print.js';
import { fontPackageDir } from '../../src/render/fonts.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readPdf } from '../helpers/pdf.js';

let browser: Browser;
let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end('LEAKED-FROM-NETWORK');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeBrowser(browser);
  await new Promise((resolve) => server.close(resolve));
});

const print = (body: string, head = '') =>
  printPdf(browser, `<!doctype html><html lang="da-DK"><head><meta charset="utf-8"><title>t</title>${head}</head><body>${body}</body></html>`);

describe('printPdf', () => {
  it('prints an A4 PDF with an inline font', async () => {
    const font = readFileSync(path.join(fontPackageDir(), 'files', 'source-sans-3-latin-400-normal.woff2')).toString('base64');
    const style = `<style>@font-face { font-family: T; src: url(data:font/woff2;base64,${font}); } body { font-family: T; }</style>`;
    const pdf = await readPdf(await print('<p>Æblegrød på ærø</p>', style));
    expect(pdf.pageCount).toBe(1);
    expect(pdf.pages[0]).toContain('Æblegrød på ærø');
    expect(pdf.fonts.map((font) => font.name).join()).toMatch(/SourceSans3/);
  });

  it('sends no request to the network, whatever the document references', async () => {
    const pdf = await readPdf(
      await print(
        `<img src="${base}/img.png">
<iframe src="${base}/frame"></iframe>
<object data="${base}/object"></object>
<svg><image href="${base}/svg.png" width="10" height="10"/></svg>
<div style="background: url(${base}/css-bg.png); width: 10px; height: 10px"></div>
<script>fetch('${base}/script'); document.body.append('SCRIPT-RAN')</script>
<p>slut</p>`,
        `<link rel="prefetch" href="${base}/prefetch"><link rel="preload" as="image" href="${base}/preload.png">
<link rel="stylesheet" href="${base}/style.css"><style>@import url(${base}/import.css);</style>`,
      ),
    );
    expect(requests).toEqual([]);
    expect(pdf.pages.join()).not.toContain('LEAKED-FROM-NETWORK');
    expect(pdf.pages.join()).not.toContain('SCRIPT-RAN');
    expect(pdf.pages.join()).toContain('slut');
  });

  it('puts no text of a local file into the PDF', async () => {
    const pdf = await readPdf(
      await print(`<iframe src="file:///etc/passwd"></iframe><object data="file:///etc/passwd"></object>
<iframe src="/moede/../../../../etc/passwd"></iframe><p>slut</p>`),
    );
    expect(pdf.pages.join()).not.toMatch(/root:/);
    expect(pdf.pages.join()).toContain('slut');
  });
});

describe('pages between prints', () => {
  /** The pages that have printed a document (the browser's first blank page has not). */
  const printPages = async () => (await browser.pages()).filter((page) => page.url().startsWith('https://referat.invalid/'));

  it('are reused: printing document after document keeps the same page', async () => {
    await print('<p>en</p>');
    const [page, ...others] = await printPages();
    expect(page).toBeDefined();
    expect(others).toEqual([]);
    for (const word of ['to', 'tre', 'fire']) expect((await readPdf(await print(`<p>${word}</p>`))).pages[0]).toContain(word);
    expect(await printPages()).toEqual([page]);
  });

  it('keep nothing of the document before: neither its text nor its fonts', async () => {
    const font = readFileSync(path.join(fontPackageDir(), 'files', 'source-sans-3-latin-400-normal.woff2')).toString('base64');
    const style = `<style>@font-face { font-family: T; src: url(data:font/woff2;base64,${font}); } body { font-family: T; }</style>`;
    await print('<p>HEMMELIGT-FRA-FORRIGE</p>', style);
    const next = await readPdf(await print('<p>Næste dokument</p>'));
    expect(next.pages.join()).not.toContain('HEMMELIGT');
    expect(next.pages.join()).toContain('Næste dokument');
    expect(next.fonts.map((entry) => entry.name).join()).not.toMatch(/SourceSans3/);
  });

  it('are retired after a failed print; the next print gets a new, working page', async () => {
    const [failing] = await printPages();
    const slow = `<!doctype html><html lang="da"><title>t</title><body>${'<p>Lang tekst til mange sider.</p>'.repeat(20_000)}</body></html>`;
    // A deadline with 1 ms left at every step: the load itself times out.
    await expect(printPdf(browser, slow, { deadline: { limit: 1, left: () => 1 } })).rejects.toBeInstanceOf(TimeoutError);
    expect((await readPdf(await print('<p>igen</p>'))).pages[0]).toContain('igen');
    await vi.waitFor(async () => {
      const pages = await printPages();
      expect(pages).toHaveLength(1);
      expect(pages[0]).not.toBe(failing);
    });
  });
});

describe('withContentsPages', () => {
  it('writes each measured page into its contents entry and leaves the others as they are', () => {
    const html = '<li><a href="#punkt-1">Et</a><span class="toc-page" data-toc-for="punkt-1">10</span></li><li><span class="toc-page" data-toc-for="punkt-2">10</span></li>';
    expect(withContentsPages(html, new Map([['punkt-1', 3]]))).toBe(
      '<li><a href="#punkt-1">Et</a><span class="toc-page" data-toc-for="punkt-1">3</span></li><li><span class="toc-page" data-toc-for="punkt-2">10</span></li>',
    );
  });
});
