/**
 * The print stage with real Chromium: a document loads nothing from outside
 * itself and runs no script.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer';
import { closeBrowser, launchBrowser } from '../../src/print/browser.js';
import { printPdf } from '../../src/print/print.js';
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
