/**
 * The preview in a real browser (system Chromium through Puppeteer): the page
 * loads everything it needs under its Content-Security-Policy, reads as one
 * sheet with "–" for page numbers, and reloads itself when a file is saved,
 * also into and out of a page of errors.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../../src/print/browser.js';
import { startPreview, type Preview } from '../../src/preview/preview.js';
import { copyFixture } from './preview-client.js';

const ITEM = 'content/sundhedsudvalget-nord/2025-05-01/01-budget.md';

let dir: string;
let preview: Preview;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  dir = copyFixture('preview-moeder');
  preview = await startPreview({ contentDir: 'content', cwd: dir, port: 0 });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  // CSP violations and failed loads are reported on the console.
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});
afterAll(async () => {
  if (browser) await closeBrowser(browser);
  await preview?.close();
  rmSync(dir, { recursive: true, force: true });
});

const edit = (change: (text: string) => string) => writeFileSync(path.join(dir, ITEM), change(readFileSync(path.join(dir, ITEM), 'utf8')));
const bodyText = () => page.evaluate(() => document.body.innerText.replace(/\u00ad/g, ''));

/** Save the file and wait for the page to reload itself. */
async function saveAndWaitForReload(change: (text: string) => string): Promise<void> {
  const reloaded = page.waitForNavigation({ timeout: 15_000 });
  edit(change);
  await reloaded;
}

it('shows the meeting as one sheet, with "–" for page numbers and every image and font under the CSP', async () => {
  await page.goto(new URL('/sundhedsudvalget-nord/2025-05-01', preview.url).href, { waitUntil: 'load' });
  const layout = await page.evaluate(() => {
    const tocPage = document.querySelector('.toc-page')!;
    return {
      // One column: nothing beside the sheet.
      scrollWidth: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      tocNumber: getComputedStyle(tocPage).visibility,
      tocShown: getComputedStyle(tocPage, '::after').content,
      imageLoaded: (document.querySelector('.md img') as HTMLImageElement).naturalWidth > 0,
      fontLoaded: document.fonts.check('10.5pt "Source Sans 3"'),
    };
  });
  expect(layout).toEqual({ scrollWidth: 1280, viewport: 1280, tocNumber: 'hidden', tocShown: '"–"', imageLoaded: true, fontLoaded: true });
  expect(await bodyText()).toContain('Forbruget følger budgettet');
  expect(consoleErrors).toEqual([]);
});

it('reloads when the file is saved, shows errors instead of the document, and recovers when fixed', async () => {
  await saveAndWaitForReload((text) => text.replace('Forbruget følger budgettet', 'Forbruget ligger under budgettet'));
  expect(await bodyText()).toContain('Forbruget ligger under budgettet');

  await saveAndWaitForReload((text) => text.replace('Forbruget ligger', 'Forbruget <b>ligger</b>'));
  const broken = await bodyText();
  expect(broken).toContain('Mødet kan ikke vises, fordi indholdet har fejl');
  expect(broken).toContain(`${ITEM}:10:11: fejl: HTML-koden "<b>" kan ikke bruges i teksten. [raa-html]`);

  await saveAndWaitForReload((text) => text.replace('<b>ligger</b>', 'ligger'));
  const fixed = await bodyText();
  expect(fixed).toContain('Punkt 1: Budgetopfølgning 1. kvartal (14.00-14.30)');
  expect(fixed).not.toContain('Mødet kan ikke vises');
  expect(consoleErrors).toEqual([]);
});
