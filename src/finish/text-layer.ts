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
import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';

/** A marked-content span with ActualText and no nested marked content. */
const SPAN = /\/Span\s*<<\s*\/ActualText\s*<([0-9A-Fa-f]*)>\s*>>\s*BDC((?:(?!BDC|EMC)[\s\S])*?)EMC\s?/g;
/** A font selection, to know which font's space glyph a soft hyphen was printed with. */
const FONT = /\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf/g;
/** A glyph string shown with Tj. */
const SHOW = /<([0-9A-Fa-f]*)>\s*Tj\s?/g;

const SOFT_HYPHEN = 0x00ad;

/**
 * Remove the soft hyphens Chromium left in the text layer, and give glyphs
 * that only their ActualText names (the "ff" ligature maps to U+0000 in
 * Chromium's ToUnicode) their text, for readers that ignore ActualText
 * (pdf.js). Returns how many soft hyphens went.
 */
export function cleanTextLayer(doc: PDFDocument): number {
  let removed = 0;
  /** ToUnicode stream → glyph → text (UTF-16BE hex) to map it to. */
  const unmapped = new Map<PDFRef, Map<string, string>>();
  for (const page of doc.getPages()) {
    const fonts = pageFonts(doc, page);
    for (const ref of contentRefs(page)) {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const text = streamText(stream);
      if (!text.includes('ActualText')) continue;
      const { cleaned, count, ligatures } = cleanContent(text, new Map([...fonts].map(([name, font]) => [name, font.spaces])));
      for (const { font, glyph, text: actual } of ligatures) {
        const toUnicode = fonts.get(font)?.toUnicode;
        if (!toUnicode) continue;
        if (!unmapped.has(toUnicode)) unmapped.set(toUnicode, new Map());
        unmapped.get(toUnicode)!.set(glyph, actual);
      }
      if (count === 0) continue;
      removed += count;
      doc.context.assign(ref, doc.context.flateStream(Buffer.from(cleaned, 'latin1')));
    }
  }
  for (const [ref, glyphs] of unmapped) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const cmap = streamText(stream);
    const mapped = cmap.replace(/<([0-9A-Fa-f]+)>(\s*)<0000>/g, (entry, glyph: string, space: string) => {
      const text = glyphs.get(glyph.toUpperCase());
      return text ? `<${glyph}>${space}<${text}>` : entry;
    });
    if (mapped !== cmap) doc.context.assign(ref, doc.context.flateStream(Buffer.from(mapped, 'latin1')));
  }
  return removed;
}

interface Ligature {
  font: string;
  glyph: string;
  /** UTF-16BE hex, no byte-order mark. */
  text: string;
}

/** Clean one content stream (exported for tests); also lists the single glyphs that spans give a text. */
export function cleanContent(content: string, spaces: Map<string, Set<string>>): { cleaned: string; count: number; ligatures: Ligature[] } {
  // Font selections in stream order, to know the font at each span.
  const fonts = [...content.matchAll(FONT)].map((match) => ({ at: match.index, name: match[1]! }));
  let current = -1;
  let count = 0;
  const ligatures: Ligature[] = [];
  const cleaned = content.replace(SPAN, (span, hex: string, inner: string, at: number) => {
    while (current + 1 < fonts.length && fonts[current + 1]!.at < at) current++;
    const font = fonts[current]?.name;
    const actual = utf16(hex);
    const rest = actual.filter((unit) => unit !== SOFT_HYPHEN);
    const text = rest.map((unit) => unit.toString(16).padStart(4, '0')).join('');
    if (rest.length === 0) {
      count++;
      return inner.replace(SHOW, '');
    }
    // A ligature across a soft hyphen ("f­t"): keep the ligature, drop the hyphen's space glyph.
    const space = font === undefined ? undefined : spaces.get(font);
    const kept = rest.length < actual.length ? inner.replace(SHOW, (show, glyph: string) => (space?.has(glyph.toUpperCase()) ? '' : show)) : inner;
    const shown = [...kept.matchAll(SHOW)];
    if (font !== undefined && shown.length === 1) ligatures.push({ font, glyph: shown[0]![1]!.toUpperCase(), text });
    if (rest.length === actual.length) return span;
    count++;
    return `/Span<</ActualText <feff${text}> >> BDC${kept}EMC\n`;
  });
  return { cleaned, count, ligatures };
}

/** UTF-16 code units of a PDF text string in hex (ActualText, ToUnicode), without a byte-order mark. */
export function utf16(hex: string): number[] {
  const units: number[] = [];
  for (let index = 0; index + 4 <= hex.length; index += 4) units.push(parseInt(hex.slice(index, index + 4), 16));
  return units[0] === 0xfeff ? units.slice(1) : units;
}

/** A stream's bytes as text; Chromium deflates them, which zlib undoes far faster than pdf-lib. */
export function streamText(stream: PDFRawStream): string {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const bytes = filter === PDFName.of('FlateDecode') ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** The text of the page's content streams. */
export function contentTexts(doc: PDFDocument, page: PDFPage): string[] {
  return contentRefs(page).flatMap((ref) => {
    const stream = doc.context.lookup(ref);
    return stream instanceof PDFRawStream ? [streamText(stream)] : [];
  });
}

/** The page's content streams. */
function contentRefs(page: PDFPage): PDFRef[] {
  const contents = page.node.get(PDFName.of('Contents'));
  if (contents instanceof PDFRef) {
    const target = page.doc.context.lookup(contents);
    return target instanceof PDFArray ? target.asArray().filter((entry): entry is PDFRef => entry instanceof PDFRef) : [contents];
  }
  return contents instanceof PDFArray ? contents.asArray().filter((entry): entry is PDFRef => entry instanceof PDFRef) : [];
}

/** The page's fonts by resource name: their ToUnicode stream and the glyphs it maps to a space (hex, upper case). */
function pageFonts(doc: PDFDocument, page: PDFPage): Map<string, { toUnicode?: PDFRef; spaces: Set<string> }> {
  const found = new Map<string, { toUnicode?: PDFRef; spaces: Set<string> }>();
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = doc.context.lookup(ref);
    const toUnicodeRef = font instanceof PDFDict ? font.get(PDFName.of('ToUnicode')) : undefined;
    const toUnicode = toUnicodeRef instanceof PDFRef ? doc.context.lookup(toUnicodeRef) : undefined;
    if (!(toUnicodeRef instanceof PDFRef) || !(toUnicode instanceof PDFRawStream)) continue;
    const cmap = streamText(toUnicode);
    const spaces = new Set([...cmap.matchAll(/<([0-9A-Fa-f]+)>\s*<0020>/g)].map((match) => match[1]!.toUpperCase()));
    found.set(name.asString().slice(1), { toUnicode: toUnicodeRef, spaces });
  }
  return found;
}
