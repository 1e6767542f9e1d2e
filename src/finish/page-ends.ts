/**
 * Words divided across a page break. CSS has no rule against it and
 * Chromium does it freely ("…anbe-" | "falinger"), so the printed pages are
 * read back: where the last line of a page's body ends in a division, the
 * part before the hyphen is returned, and the print stage prints again with
 * that word kept whole (paginate.ts).
 *
 * Chromium writes each glyph with its own position, and a division it used
 * as a soft-hyphen span followed by the hyphen in a text object of its own:
 *   /Span<</ActualText <feff00ad> >> BDC … EMC ET BT /F4 14 Tf 1 0 0 -1 x y Tm <g> Tj ET
 */
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { decodeUtf16, fontName, parseContent, rawOf, TextPosition, type Operation } from './content-stream.js';
import { readPageContent, streamText, unicodeFonts } from './page-content.js';

/** The page's bottom margin, where "Side X af Y" stands (templates/base.css, @page: 22 mm). */
const BOTTOM_MARGIN_PT = (22 / 25.4) * 72;

interface Glyph {
  /** Baseline height on the page, in points from the bottom. */
  y: number;
  /** Its text, read only for the glyphs of a page's last line. */
  text: () => string;
  /** The hyphen of a division Chromium used. */
  division: boolean;
}

/**
 * For every page whose body ends in a divided word, that word's part before
 * the hyphen ("anbe" of "anbe-" | "falinger").
 */
export function dividedAtPageEnds(doc: PDFDocument): string[] {
  const fragments: string[] = [];
  const cmaps = new Map<string, Map<string, string>>();
  for (const page of doc.getPages()) {
    const glyphs = pageGlyphs(doc, page, cmaps).filter((glyph) => glyph.y > BOTTOM_MARGIN_PT);
    if (glyphs.length === 0) continue;
    const lastLine = Math.min(...glyphs.map((glyph) => glyph.y));
    const line = glyphs.filter((glyph) => Math.abs(glyph.y - lastLine) < 0.5);
    const end = line.findIndex((glyph) => glyph.division);
    if (end === -1) continue;
    const fragment = /[\p{L}\p{M}]+$/u.exec(line.slice(0, end).map((glyph) => glyph.text()).join(''))?.[0];
    if (fragment) fragments.push(fragment);
  }
  return fragments;
}

function pageGlyphs(doc: PDFDocument, page: PDFPage, cmaps: Map<string, Map<string, string>>): Glyph[] {
  const fonts = fontMaps(doc, page, cmaps);
  const glyphs: Glyph[] = [];
  const position = new TextPosition();
  let font: Map<string, string> | undefined;
  /** Inside an ActualText span: its text, given to its first glyph. */
  let actual: string | undefined;
  /** After a soft-hyphen span: 'span'; then a new text object: 'text', whose glyph is the division's hyphen. */
  let pending: 'none' | 'span' | 'text' = 'none';
  for (const operation of parseContent(readPageContent(doc, page))) {
    position.follow(operation);
    switch (operation.operator) {
      case 'BT':
        if (pending === 'span') pending = 'text';
        break;
      case 'Tf':
        font = fonts.get(fontName(operation) ?? '');
        break;
      case 'BDC': {
        const hex = actualText(operation);
        if (hex !== undefined) actual = decodeUtf16(hex);
        break;
      }
      case 'EMC':
        pending = actual === '\u00AD' ? 'span' : 'none';
        actual = undefined;
        break;
      case 'Tj': {
        const glyphFont = font;
        const raw = rawOf(operation.operands.at(-1));
        const mapped = () => glyphFont?.get(raw.replace(/[<>]/g, '').toUpperCase()) ?? '';
        let text = mapped;
        if (actual !== undefined) {
          // A span's text stands for all its glyphs: given once. A soft hyphen's is no text.
          const given = actual === '\u00AD' ? '' : actual;
          text = () => given;
          if (actual !== '\u00AD') actual = '';
        }
        // Only a hyphen glyph can be a division's: its text is read for the check.
        const division = pending === 'text' && /^[-\u2010\u00AD]$/.test(text());
        if (actual === undefined) pending = 'none';
        glyphs.push({ y: position.y, text: division ? () => '' : text, division });
        break;
      }
    }
  }
  return glyphs;
}

/** The hex text of a marked-content sequence's ActualText, if it has one. */
function actualText(operation: Operation): string | undefined {
  const properties = operation.operands[1];
  return properties?.type === 'other' ? /\/ActualText\s*<([0-9A-Fa-f]*)>/.exec(properties.raw)?.[1] : undefined;
}

/**
 * Glyph (hex, upper case) → text, for each font of the page by resource
 * name, from its ToUnicode map; `cmaps` keeps those read, by font object.
 */
function fontMaps(doc: PDFDocument, page: PDFPage, cmaps: Map<string, Map<string, string>>): Map<string, Map<string, string>> {
  const maps = new Map<string, Map<string, string>>();
  for (const { name, font, stream } of unicodeFonts(doc, page)) {
    const known = cmaps.get(font.toString());
    if (known) {
      maps.set(name, known);
      continue;
    }
    const cmap = streamText(stream);
    const map = new Map<string, string>();
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, glyph, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(glyph!.toUpperCase(), decodeUtf16(text!));
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, first, last, start] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const from = parseInt(first!, 16);
        const width = first!.length;
        for (let glyph = from; glyph <= parseInt(last!, 16); glyph++) {
          map.set(glyph.toString(16).toUpperCase().padStart(width, '0'), String.fromCodePoint(parseInt(start!, 16) + glyph - from));
        }
      }
    }
    maps.set(name, map);
    cmaps.set(font.toString(), map);
  }
  return maps;
}
