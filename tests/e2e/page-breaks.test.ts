/**
 * A paragraph that ends in ":" and introduces a table stays on the page of
 * the table (class "introduces" from src/render/typography.ts, base.css).
 * The same document without the class shows the flaw it prevents.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../../src/print/browser.js';
import { printPdf } from '../../src/print/print.js';
import { fullCss, loadStyles } from '../../src/render/styles.js';

let root: string;
let browser: Browser;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-breaks-'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeBrowser(browser);
  rmSync(root, { recursive: true, force: true });
});

/** The text of page 1 of a document whose introducing line falls at the foot of the first page. */
async function firstPage(introClass: string): Promise<string> {
  const css = fullCss(loadStyles(path.join(import.meta.dirname, '..', '..', 'templates')).region);
  const paragraph = `<p>${'Tekst om sundhedsaftalen og samarbejdet med kommunerne. '.repeat(8)}</p>`;
  const rows = ['a', 'b', 'c', 'd', 'e'].map((cell) => `<tr><td>${cell}</td></tr>`).join('');
  const body = `<div style="height:42mm"></div><div class="md">${paragraph.repeat(7)}<p>Kort afsnit.</p><p class="${introClass}">Udviklingen siden 2021:</p><table>${rows}</table></div>`;
  const file = path.join(root, `${introClass || 'plain'}.pdf`);
  writeFileSync(file, await printPdf(browser, `<!doctype html><html lang="da-DK"><head><meta charset="utf-8"><title>t</title><style>${css}</style></head><body>${body}</body></html>`));
  return execFileSync('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('a line that introduces a table', () => {
  it('is left alone at the foot of a page without the class', async () => {
    const page = await firstPage('');
    expect(page).toContain('siden 2021:');
    expect(page).not.toMatch(/^a$/m);
  });

  it('goes to the next page with its table when marked', async () => {
    const page = await firstPage('introduces');
    expect(page).not.toContain('siden 2021:');
  });
});
