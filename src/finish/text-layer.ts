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
import { PDFRawStream, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';
import { applyEdits, fontName, parseContent, rawOf, utf16, type Edit, type Operation } from './content-stream.js';
import { readPageStreams, replaceStream, replaceStreamUncompressed, streamText, unicodeFonts } from './page-content.js';

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
    for (const { ref, content } of readPageStreams(doc, page)) {
      if (!content.includes('ActualText')) continue;
      const { cleaned, count, ligatures } = cleanContent(content, new Map([...fonts].map(([name, font]) => [name, font.spaces])));
      for (const { font, glyph, text: actual } of ligatures) {
        const toUnicode = fonts.get(font)?.toUnicode;
        if (!toUnicode) continue;
        if (!unmapped.has(toUnicode)) unmapped.set(toUnicode, new Map());
        unmapped.get(toUnicode)!.set(glyph, actual);
      }
      if (count === 0) continue;
      removed += count;
      replaceStreamUncompressed(doc, ref, cleaned);
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
    if (mapped !== cmap) replaceStream(doc, ref, mapped);
  }
  return removed;
}

interface Ligature {
  font: string;
  glyph: string;
  /** UTF-16BE hex, no byte-order mark. */
  text: string;
}

/** The properties of a span that gives its content a text and nothing else. */
const ACTUAL_TEXT = /^<<\s*\/ActualText\s*<([0-9A-Fa-f]*)>\s*>>$/;
/** A glyph string, as Chromium writes every one it shows with Tj. */
const GLYPHS = /^<([0-9A-Fa-f]*)>$/;

/**
 * Clean one content stream (exported for tests); also lists the single
 * glyphs that spans give a text. A span is `/Span <</ActualText <…>>> BDC …
 * EMC` with no marked content inside; the white space after its EMC goes
 * with it.
 */
export function cleanContent(content: string, spaces: Map<string, Set<string>>): { cleaned: string; count: number; ligatures: Ligature[] } {
  const operations = parseContent(content);
  const edits: Edit[] = [];
  let font: string | undefined;
  let count = 0;
  const ligatures: Ligature[] = [];
  /** Just past an operation ending at `at` and the one white-space character after it. */
  const past = (at: number) => (/\s/.test(content[at] ?? '') ? at + 1 : at);
  for (const [index, operation] of operations.entries()) {
    if (operation.operator === 'Tf') font = fontName(operation) ?? font;
    const hex = spanText(operation);
    if (hex === undefined) continue;
    let end = index + 1;
    while (end < operations.length && operations[end]!.operator !== 'BDC' && operations[end]!.operator !== 'EMC') end++;
    if (operations[end]?.operator !== 'EMC') continue;
    const emc = operations[end]!;
    const after = past(emc.end);
    // The glyphs shown inside, each with the white space after it.
    const shows = operations.slice(index + 1, end).flatMap((show) => {
      const glyph = show.operator === 'Tj' && show.operands.length === 1 ? GLYPHS.exec(rawOf(show.operands[0]))?.[1] : undefined;
      if (glyph === undefined) return [];
      return [{ glyph: glyph.toUpperCase(), edit: { from: show.start, to: past(show.end), text: '' } }];
    });
    const actual = utf16(hex);
    const rest = actual.filter((unit) => unit !== SOFT_HYPHEN);
    const text = rest.map((unit) => unit.toString(16).padStart(4, '0')).join('');
    if (rest.length === 0) {
      count++;
      edits.push({ from: operation.start, to: operation.end, text: '' }, ...shows.map((show) => show.edit), { from: emc.start, to: after, text: '' });
      continue;
    }
    // A ligature across a soft hyphen ("f\u00ADt"): keep the ligature, drop the hyphen's space glyph.
    const space = font === undefined ? undefined : spaces.get(font);
    const dropped = rest.length < actual.length ? shows.filter((show) => space?.has(show.glyph)) : [];
    const kept = shows.filter((show) => !dropped.includes(show));
    if (font !== undefined && kept.length === 1) ligatures.push({ font, glyph: kept[0]!.glyph, text });
    if (rest.length === actual.length) continue;
    count++;
    edits.push(
      { from: operation.start, to: operation.end, text: `/Span<</ActualText <feff${text}> >> BDC` },
      ...dropped.map((show) => show.edit),
      { from: emc.start, to: after, text: 'EMC\n' },
    );
  }
  return { cleaned: edits.length === 0 ? content : applyEdits(content, edits), count, ligatures };
}

/** The hex text of a `/Span <</ActualText <…>>> BDC`. */
function spanText(operation: Operation): string | undefined {
  const [tag, properties] = operation.operands;
  if (operation.operator !== 'BDC' || operation.operands.length !== 2 || rawOf(tag) !== '/Span' || properties === undefined) return undefined;
  return ACTUAL_TEXT.exec(rawOf(properties))?.[1];
}

/** The page's fonts by resource name: their ToUnicode stream and the glyphs it maps to a space (hex, upper case). */
function pageFonts(doc: PDFDocument, page: PDFPage): Map<string, { toUnicode: PDFRef; spaces: Set<string> }> {
  return new Map(
    unicodeFonts(doc, page).map(({ name, toUnicode, stream }) => {
      const spaces = new Set([...streamText(stream).matchAll(/<([0-9A-Fa-f]+)>\s*<0020>/g)].map((match) => match[1]!.toUpperCase()));
      return [name, { toUnicode, spaces }];
    }),
  );
}
