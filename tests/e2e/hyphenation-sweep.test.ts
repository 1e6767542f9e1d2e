/**
 * The sweep: more than a hundred Danish compounds pushed across the line end
 * at every offset, in narrow boxes, printed once with real Chromium and read
 * back with poppler. Every division Chromium makes must be legal, and at
 * least half of the words must divide somewhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishPages } from '../../src/finish/pages.js';
import { closeBrowser, launchBrowser } from '../../src/print/browser.js';
import { printPdf } from '../../src/print/print.js';
import { divisions, hyphenateText } from '../../src/render/hyphenate.js';
import { fullCss, loadStyles } from '../../src/render/styles.js';

/** The long words of the division list: nearly all compounds. */
const WORDS = [
  ...new Set(
    readFileSync(path.join(import.meta.dirname, '..', 'render', 'danish-divisions.txt'), 'utf8')
      .split('\n')
      .map((line) => line.replaceAll('-', ''))
      .filter((word) => word.length >= 12),
  ),
];
/** Box width and the steps by which a word's start moves across it. */
const BOX_MM = 24;
const STEP_MM = 1.5;

let root: string;
let raw: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-sweep-'));
  const boxes = WORDS.flatMap((word) =>
    Array.from(
      { length: Math.ceil(BOX_MM / STEP_MM) },
      (_, step) => `<div class="box"><span class="pad" style="width:${(step * STEP_MM).toFixed(1)}mm"></span>${hyphenateText(word)}</div>`,
    ),
  );
  const html = `<!doctype html><html lang="da-DK"><head><meta charset="utf-8"><title>sweep</title><style>${fullCss(loadStyles(path.join(import.meta.dirname, '..', '..', 'templates')).region)}
    body { columns: 6; column-gap: 4mm; }
    .box { width: ${BOX_MM}mm; margin: 0 0 1.5mm; break-inside: avoid; hyphens: manual; overflow-wrap: normal; }
    .pad { display: inline-block; }
  </style></head><body>${boxes.join('\n')}</body></html>`;
  let browser: Browser | undefined;
  let pdf: Uint8Array;
  try {
    browser = await launchBrowser();
    pdf = await printPdf(browser, html);
  } finally {
    if (browser) await closeBrowser(browser);
  }
  const doc = await PDFDocument.load(pdf);
  finishPages(doc);
  const file = path.join(root, 'sweep.pdf');
  writeFileSync(file, await doc.save());
  raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}, 240_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a sweep of Danish compounds across the line end', () => {
  it('uses more than a hundred compounds', () => {
    expect(WORDS.length).toBeGreaterThan(100);
  });

  it('divides only where Danish allows, and at least half of the words somewhere', () => {
    const known = new Set(WORDS.map((word) => word.toLowerCase()));
    const lines = raw.split(/\n|\f/).map((line) => line.trim());
    const wrong: string[] = [];
    const divided = new Set<string>();
    let breaks = 0;
    let pending: { word: string; cuts: number[] } | undefined;
    for (const line of lines) {
      if (line === '') continue;
      const text = pending ? pending.word + line : line;
      const cuts = pending ? pending.cuts : [];
      if (text.endsWith('-')) {
        pending = { word: text.slice(0, -1), cuts: [...cuts, text.length - 1] };
        continue;
      }
      pending = undefined;
      if (cuts.length === 0) continue;
      if (!known.has(text.toLowerCase())) {
        wrong.push(`ukendt ord: ${text}`);
        continue;
      }
      divided.add(text);
      for (const cut of cuts) {
        breaks++;
        if (!divisions(text).includes(cut)) wrong.push(`${text.slice(0, cut)}-${text.slice(cut)}`);
      }
    }
    console.info(`gennemløb: ${breaks} orddelinger i ${divided.size} af ${WORDS.length} ord`);
    expect(wrong).toEqual([]);
    expect(divided.size).toBeGreaterThanOrEqual(WORDS.length / 2);
  });
});
