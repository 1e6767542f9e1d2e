/**
 * Words divided across a page break are found on screen and kept whole
 * before printing, so that the document prints once (real Chromium).
 */
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishPages } from '../../src/finish/pages.js';
import { DEFAULT_TEMPLATES } from '../../src/api.js';
import { closeBrowser, launchBrowser } from '../../src/print/browser.js';
import { readLayout } from '../../src/print/pdf-pages.js';
import { printPdf, printWithContents } from '../../src/print/print.js';
import { keepOccurrencesWhole } from '../../src/render/hyphenate.js';
import { fullCss, loadStyles } from '../../src/render/styles.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => closeBrowser(browser));

const WORDS = ['sund­heds­klyn­gen', 'ar­bejds­grup­pen', 'imple­men­te­rin­gen', 'for­løbs­pro­gram­met', 'sekre­ta­ria­tet', 're­ha­bi­li­te­rin­gen'];

/** Pages of long divided words in the kommune layout's fonts, page and columns: nearly every line ends in a division. */
function document(): string {
  const css = fullCss(loadStyles(DEFAULT_TEMPLATES).kommune);
  const paragraphs = Array.from({ length: 2 }, (_, paragraph) =>
    `<p>${Array.from({ length: 700 + (paragraph % 7) }, (_, word) => WORDS[(paragraph * 5 + word) % WORDS.length]).join(' ')}.</p>`,
  );
  return `<!doctype html><html lang="da-DK"><head><meta charset="utf-8"><title>t</title><style>${css}</style></head><body>${paragraphs.join('')}</body></html>`;
}

describe('printWithContents', () => {
  it('keeps whole the words that would end a page divided, and prints no page that does', async () => {
    const html = document();
    // Without it, pages end in divided words (the case this guards against).
    const plain = await readLayout(await printPdf(browser, html));
    expect(plain.pageCount).toBeGreaterThan(3);
    expect(finishPages(plain.doc).divided.length).toBeGreaterThan(0);

    const { pdf, kept } = await printWithContents(browser, html, []);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every(({ word }) => WORDS.includes(word))).toBe(true);
    expect(finishPages((await readLayout(pdf)).doc).divided).toEqual([]);

    // The words kept whole, replayed on the HTML, print the same pages.
    const replayed = await readLayout(await printPdf(browser, keepOccurrencesWhole(html, kept)));
    expect(finishPages(replayed.doc).divided).toEqual([]);
    expect(replayed.pageCount).toBe((await readLayout(pdf)).pageCount);
  });
});
