/**
 * Danish text in print, read back as a reader or an indexer would: the
 * shipped examples and two long synthetic meetings, built with real
 * Chromium. The text layer must give back every word (poppler's pdftotext,
 * pdf.js), every division at a line end must be legal, and no page may end
 * in a divided word or a heading.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/api.js';
import { divisions } from '../../src/render/hyphenate.js';
import { readPdf } from '../helpers/pdf.js';
import { writeForum, writeMeeting } from '../../scripts/lib/synthetic.js';

interface Printed {
  name: string;
  /** pdftotext's text, pages split at form feeds. */
  pages: string[];
  /** pdftotext -raw: the lines as printed. */
  raw: string;
  /** pdf.js's text of all pages. */
  pdfjs: string;
  /** The printed HTML's visible text, soft hyphens removed. */
  source: string;
  /** Its headings' texts. */
  headings: string[];
}

let root: string;
const printed: Printed[] = [];
/** pdftotext's text of every file built, "samlet" documents with their Markdown bilag too. */
const allTexts = new Map<string, string>();

const LETTERS = /[\p{L}\p{M}]+/gu;

function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\u00AD/g, '');
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-danish-'));
  cpSync(path.join(import.meta.dirname, '..', '..', 'content'), path.join(root, 'content'), { recursive: true });
  const content = path.join(root, 'content');
  writeForum(path.join(content, 'langt-regionsudvalg'), 'Langt Regionsudvalg', 'region');
  writeMeeting(path.join(content, 'langt-regionsudvalg', '2025-06-04'), '2025-06-04', 3, { items: 6, paragraphsPerItem: 14 });
  writeForum(path.join(content, 'langt-kommuneudvalg'), 'Langt Kommuneudvalg', 'kommune');
  writeMeeting(path.join(content, 'langt-kommuneudvalg', '2025-06-05'), '2025-06-05', 5, { items: 6, paragraphsPerItem: 12 });
  const report = await buildAll({ cwd: root, outDir: 'output', html: true });
  for (const result of report.results) {
    expect(result.status).toBe('built');
    for (const output of (result.outputs ?? []).filter((file) => file.endsWith('.pdf'))) {
      allTexts.set(path.basename(output), execFileSync('pdftotext', ['-enc', 'UTF-8', output, '-'], { encoding: 'utf8' }));
    }
    const pdf = result.output!;
    const html = readFileSync(pdf.replace(/\.pdf$/, '.html'), 'utf8');
    const headings = [...html.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)].map((match) => visibleText(match[1]!).replace(/\s+/g, ' ').trim());
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const pdfjs = (await readPdf(readFileSync(pdf))).pages.join('\n');
    printed.push({ name: path.relative(root, pdf), pages, raw, pdfjs, source: visibleText(html), headings });
  }
}, 240_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Text joined across line-end hyphens, as poppler's search does. */
const joined = (text: string) => text.replace(/([\p{L}\p{M}])-\n([\p{L}\p{M}])/gu, '$1$2');

/** A page's lines without the running head and "Side X af Y". */
function bodyLines(page: string, runningHeads: string[]): string[] {
  return page
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^Side \d+ af \d+$/.test(line) && !runningHeads.includes(line));
}

it('leaves no soft hyphen in any file built, bilag included', () => {
  expect([...allTexts.keys()].some((name) => name.endsWith('-samlet.pdf'))).toBe(true);
  expect([...allTexts].filter(([, text]) => text.includes('\u00AD')).map(([name]) => name)).toEqual([]);
});

describe.each(['kommune', 'region', 'langt-regionsudvalg', 'langt-kommuneudvalg'])('%s', (which) => {
  const document = () => {
    const found = printed.find((entry) =>
      which === 'kommune' ? entry.name.includes('implementeringsgruppen') : which === 'region' ? entry.name.includes('sundhedsdirektoer') : entry.name.includes(which),
    );
    expect(found).toBeDefined();
    return found!;
  };

  it('has no soft hyphens or other invisible characters in its text layer', () => {
    const { pages, pdfjs } = document();
    expect(pages.join('').match(/[\u00AD\u2010\u200B\u2060\uFEFF]/g) ?? []).toEqual([]);
    expect(pdfjs.match(/[\u00AD\u2010\u200B\u2060\uFEFF]/g) ?? []).toEqual([]);
  });

  it('gives back every word of the source to a poppler search and to pdf.js', () => {
    const { pages, pdfjs, source } = document();
    const words = new Set(source.match(LETTERS) ?? []);
    expect(words.size).toBeGreaterThan(150);
    const poppler = joined(pages.join('\n'));
    const pdfjsText = joined(pdfjs);
    expect([...words].filter((word) => !poppler.includes(word))).toEqual([]);
    expect([...words].filter((word) => !pdfjsText.includes(word))).toEqual([]);
  });

  it('divides words at line ends only where Danish allows', () => {
    const { raw, source } = document();
    const words = new Set(source.match(LETTERS) ?? []);
    const lines = raw.split('\n');
    const wrong: string[] = [];
    let divided = 0;
    lines.forEach((line, index) => {
      const left = /([\p{L}\p{M}]+)-$/u.exec(line.trim())?.[1];
      const right = /^([\p{L}\p{M}]+)/u.exec(lines[index + 1]?.trim() ?? '')?.[1];
      if (!left || !right) return;
      const word = left + right;
      // A hyphen of the text itself ("Børne- og Ungeaftalen", "CPOP-regi").
      if (!words.has(word) && (source.includes(`${left}- `) || source.includes(`${left}-${right}`))) return;
      divided++;
      if (!divisions(word).includes(left.length)) wrong.push(`${left}-${right}`);
    });
    expect(wrong).toEqual([]);
    expect(divided).toBeGreaterThan(0);
  });

  it('ends no page in a divided word or a heading', () => {
    const { pages, source, headings } = document();
    const runningHeads = pages.map((page) => page.split('\n')[0]!.trim());
    const problems: string[] = [];
    pages.forEach((page, index) => {
      const lines = bodyLines(page, index === 0 ? [] : runningHeads);
      const last = lines.at(-1);
      if (!last || index === pages.length - 1) return;
      const hyphenated = /([\p{L}\p{M}]+)-$/u.exec(last)?.[1];
      if (hyphenated && !source.includes(`${hyphenated}- `)) problems.push(`side ${index + 1} ender i en orddeling: ${last}`);
      if (last.length >= 3 && headings.some((heading) => heading === last || heading.endsWith(` ${last}`))) problems.push(`side ${index + 1} ender i en overskrift: ${last}`);
    });
    expect(problems).toEqual([]);
  });
});
