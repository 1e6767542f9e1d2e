/**
 * A text layer that gives back the words as written. Chromium prints every
 * soft hyphen (U+00AD) that did not end a line as an invisible space glyph
 * marked `/Span <</ActualText (U+00AD)>> BDC … EMC`; text extraction then
 * finds a soft hyphen inside every divided word, and poppler (Evince,
 * Okular, pdftotext, search indexers) no longer finds the word. Where a
 * line did break, Chromium draws the hyphen as a glyph of its own after
 * such a span, so the break would read as both.
 *
 * This step drops those spans and their glyphs from the page content: what
 * remains is the visible hyphen where a line broke (ISO 32000-1, 14.8.2.2.3
 * lets readers join the word again) and the words whole everywhere else.
 * Glyphs are placed by their own `Td` offsets, which are kept, so nothing
 * on the page moves.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';

/** A marked-content span with ActualText and no nested marked content. */
const SPAN = /\/Span\s*<<\s*\/ActualText\s*<([0-9A-Fa-f]*)>\s*>>\s*BDC((?:(?!BDC|EMC)[\s\S])*?)EMC\s?/g;
/** A font selection, to know which font's space glyph a soft hyphen was printed with. */
const FONT = /\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf/g;
/** A glyph string shown with Tj. */
const SHOW = /<([0-9A-Fa-f]*)>\s*Tj\s?/g;

const SOFT_HYPHEN = 0x00ad;

/** Remove the soft hyphens Chromium left in the text layer; returns how many went. */
export function cleanTextLayer(doc: PDFDocument): number {
  let removed = 0;
  for (const page of doc.getPages()) {
    const spaces = spaceGlyphs(doc, page);
    for (const ref of contentRefs(page)) {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      if (!text.includes('ActualText')) continue;
      const { cleaned, count } = cleanContent(text, spaces);
      if (count === 0) continue;
      removed += count;
      doc.context.assign(ref, doc.context.flateStream(Buffer.from(cleaned, 'latin1')));
    }
  }
  return removed;
}

/** Clean one content stream (exported for tests). */
export function cleanContent(content: string, spaces: Map<string, Set<string>>): { cleaned: string; count: number } {
  // Font selections in stream order, to know the font at each span.
  const fonts = [...content.matchAll(FONT)].map((match) => ({ at: match.index, name: match[1]! }));
  let count = 0;
  const cleaned = content.replace(SPAN, (span, hex: string, inner: string, at: number) => {
    const actual = utf16(hex);
    if (!actual.includes(SOFT_HYPHEN)) return span;
    count++;
    const rest = actual.filter((unit) => unit !== SOFT_HYPHEN);
    if (rest.length === 0) return inner.replace(SHOW, '');
    // A ligature across the soft hyphen ("f­t"): keep the ligature, drop the hyphen's space glyph.
    const font = fonts.filter((entry) => entry.at < at).at(-1)?.name;
    const space = font === undefined ? undefined : spaces.get(font);
    const kept = inner.replace(SHOW, (show, glyph: string) => (space?.has(glyph.toUpperCase()) ? '' : show));
    const text = rest.map((unit) => unit.toString(16).padStart(4, '0')).join('');
    return `/Span<</ActualText <feff${text}> >> BDC${kept}EMC\n`;
  });
  return { cleaned, count };
}

/** UTF-16 code units of an ActualText string (hex, with its byte-order mark). */
function utf16(hex: string): number[] {
  const units: number[] = [];
  for (let index = 0; index + 4 <= hex.length; index += 4) units.push(parseInt(hex.slice(index, index + 4), 16));
  return units[0] === 0xfeff ? units.slice(1) : units;
}

function contentRefs(page: PDFPage): PDFRef[] {
  const contents = page.node.get(PDFName.of('Contents'));
  if (contents instanceof PDFRef) {
    const target = page.doc.context.lookup(contents);
    return target instanceof PDFArray ? target.asArray().filter((entry): entry is PDFRef => entry instanceof PDFRef) : [contents];
  }
  return contents instanceof PDFArray ? contents.asArray().filter((entry): entry is PDFRef => entry instanceof PDFRef) : [];
}

/** The glyphs (hex, upper case) each of the page's fonts maps to a space, by resource name. */
function spaceGlyphs(doc: PDFDocument, page: PDFPage): Map<string, Set<string>> {
  const spaces = new Map<string, Set<string>>();
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = doc.context.lookup(ref);
    const toUnicode = font instanceof PDFDict ? font.lookup(PDFName.of('ToUnicode')) : undefined;
    if (!(toUnicode instanceof PDFRawStream)) continue;
    const cmap = Buffer.from(decodePDFRawStream(toUnicode).decode()).toString('latin1');
    const glyphs = new Set([...cmap.matchAll(/<([0-9A-Fa-f]+)>\s*<0020>/g)].map((match) => match[1]!.toUpperCase()));
    spaces.set(name.asString().slice(1), glyphs);
  }
  return spaces;
}
