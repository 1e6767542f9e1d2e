/**
 * The CSS each layout prints with, read once per run: base.css and the
 * layout's own stylesheet, and the bundled Source Sans 3 faces as data URLs.
 * It is placed inline, so a printed document needs nothing from outside
 * itself.
 *
 * The font package splits each face by script (latin, latin-ext, greek,
 * cyrillic, vietnamese, each with a unicode-range). A document carries only
 * the faces whose range holds one of its characters: Chromium loads no
 * other, so the print is the same, while the document is a third of the
 * size (every face inlined is ~560 KB of base64, which each page load and
 * each layout snapshot, print.ts, went through again).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LAYOUTS, type Layout } from '../content/schema.js';
import { fontPackageDir } from './fonts.js';

const FONT_FACES = ['400', '400-italic', '600', '700', '700-italic'];

export interface FontFace {
  /** The @font-face rule, its woff2 file inlined. */
  css: string;
  /** Its unicode-range: inclusive code point ranges. */
  ranges: [number, number][];
}

export interface LayoutStyles {
  /** base.css and the layout's stylesheet. */
  css: string;
  fonts: FontFace[];
}

/** A fontsource stylesheet's faces, their woff2 files inlined and the woff fallbacks dropped. */
function inlineFontFaces(cssFile: string): FontFace[] {
  const dir = path.dirname(cssFile);
  return [...readFileSync(cssFile, 'utf8').matchAll(/@font-face\s*\{[^}]*\}/g)].map(([rule]) => ({
    css: rule
      .replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, '')
      .replace(/url\(\.\/(files\/[^)]+\.woff2)\)/g, (_, file: string) => `url(data:font/woff2;base64,${readFileSync(path.join(dir, file)).toString('base64')})`),
    ranges: unicodeRanges(rule),
  }));
}

/** "U+0000-00FF,U+0131" → [[0, 0xff], [0x131, 0x131]]; a face without a range covers everything. */
function unicodeRanges(rule: string): [number, number][] {
  const list = /unicode-range:\s*([^;}]+)/.exec(rule)?.[1];
  if (!list) return [[0, 0x10ffff]];
  return list.split(',').map((range) => {
    const [first, last] = range.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(first!, 16), parseInt(last ?? first!, 16)];
  });
}

export function loadStyles(templatesDir: string): Record<Layout, LayoutStyles> {
  const fontDir = fontPackageDir();
  const fonts = FONT_FACES.flatMap((face) => inlineFontFaces(path.join(fontDir, `${face}.css`)));
  const base = readFileSync(path.join(templatesDir, 'base.css'), 'utf8');
  return Object.fromEntries(
    LAYOUTS.map((layout) => [layout, { css: [base, readFileSync(path.join(templatesDir, layout, `${layout}.css`), 'utf8')].join('\n'), fonts }]),
  ) as Record<Layout, LayoutStyles>;
}

/** Every face and the layout's CSS, for a document made by hand (tests). */
export function fullCss(styles: LayoutStyles): string {
  return [...styles.fonts.map((face) => face.css), styles.css].join('\n');
}

/**
 * The document with the faces its characters need, in a style element of
 * their own at the end of its head. The first "</head>" is the template's:
 * before it, content only reaches the title (HTML-escaped) and the running
 * head (a CSS string, "<" escaped).
 */
export function withFonts(html: string, fonts: FontFace[]): string {
  const used = codePoints(html);
  const needed = fonts.filter((face) => face.ranges.some(([first, last]) => used.some((code) => code >= first && code <= last)));
  const head = html.indexOf('</head>');
  if (head < 0 || needed.length === 0) return html;
  return `${html.slice(0, head)}<style>\n${needed.map((face) => face.css).join('\n')}\n</style>\n${html.slice(head)}`;
}

/**
 * The distinct characters a document shows or may show: its text, its
 * markup and CSS (generated content), numeric character references and CSS
 * escapes read as the characters they stand for. ASCII stands for itself
 * once: every document has some.
 */
function codePoints(html: string): number[] {
  const found = new Set<number>([0x20]);
  for (let at = 0; at < html.length; at++) {
    const code = html.codePointAt(at)!;
    if (code > 0x7f) found.add(code);
    if (code > 0xffff) at++;
  }
  for (const [, hex, decimal] of html.matchAll(/&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));/g)) found.add(hex ? parseInt(hex, 16) : Number(decimal));
  for (const [, hex] of html.matchAll(/\\([0-9a-fA-F]{1,6})/g)) found.add(parseInt(hex!, 16));
  return [...found];
}
