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
import { dropSoftHyphens, keepOccurrencesWhole, SOFT_HYPHEN } from '../../src/render/hyphenate.js';
import { readPageContent } from '../../src/finish/page-content.js';
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

    const { pdf, screen } = await printWithContents(browser, html, []);
    const { kept } = screen;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every(({ word }) => WORDS.includes(word))).toBe(true);
    expect(finishPages((await readLayout(pdf)).doc).divided).toEqual([]);

    // The words kept whole, replayed on the HTML, print the same pages.
    const replayed = await readLayout(await printPdf(browser, keepOccurrencesWhole(html, kept)));
    expect(finishPages(replayed.doc).divided).toEqual([]);
    expect(replayed.pageCount).toBe((await readLayout(pdf)).pageCount);
  });
});

/** Soft hyphens Chromium printed as spans of their own, on every page. */
async function softHyphenSpans(pdf: Uint8Array): Promise<number> {
  const { doc } = await readLayout(pdf);
  return doc.getPages().reduce((sum, page) => sum + (readPageContent(doc, page).match(/\/ActualText <feff00ad>/gi)?.length ?? 0), 0);
}

describe('printWithContents, soft hyphens', () => {
  const heading = 'Sund\u00ADheds\u00ADklyn\u00ADgens ar\u00ADbejds\u00ADgrup\u00ADpe';
  const cell = 'for\u00ADløbs\u00ADpro\u00ADgram\u00ADmet';
  /** Running text, a heading (balanced) and a table (sized by its words) in the kommune layout. */
  function mixed(): string {
    const css = fullCss(loadStyles(DEFAULT_TEMPLATES).kommune);
    const text = Array.from({ length: 400 }, (_, word) => WORDS[word % WORDS.length]).join(' ');
    const table = `<table><tr><td>${cell}</td><td>${cell} ${cell}</td></tr></table>`;
    return `<!doctype html><html lang="da-DK"><head><meta charset="utf-8"><title>t</title><style>${css}</style></head><body><h2>${heading}</h2><p>${text}.</p>${table}<p>${text}.</p></body></html>`;
  }

  it('drops before printing the soft hyphens no line ended in, outside headings and tables, and says which', async () => {
    const html = mixed();
    const { pdf, screen } = await printWithContents(browser, html, []);
    expect(screen.unused.ordinals.length).toBeGreaterThan(1000);
    const printed = dropSoftHyphens(keepOccurrencesWhole(html, screen.kept), screen.unused.ordinals);
    // Headings and tables keep every division; running text keeps only the ones its lines ended in.
    expect(printed).toContain(`<h2>${heading}</h2>`);
    expect(printed).toContain(`<td>${cell}</td><td>${cell} ${cell}</td>`);
    const paragraphs = printed.match(/<p>[^<]*<\/p>/g)!.join('');
    const lines = (await readLayout(pdf)).doc.getPages().length * 60;
    expect(paragraphs.split(SOFT_HYPHEN).length - 1).toBeLessThan(lines);
    // Chromium prints the rest as spans of their own: far fewer than without dropping them.
    expect(await softHyphenSpans(pdf)).toBeLessThan((await softHyphenSpans(await printPdf(browser, html))) / 4);
    // The document replayed as printed lays out as the print did.
    expect((await readLayout(await printPdf(browser, printed))).pageCount).toBe((await readLayout(pdf)).pageCount);
  });
});
