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
import { PDFRawStream, type PDFDocument, type PDFRef } from 'pdf-lib';
import { applyEdits, fontName, scanContent, utf16, type Edit, type Operation } from './content-stream.js';
import { replaceStream, streamText } from './page-content.js';

const SOFT_HYPHEN = 0x00ad;

export interface Ligature {
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
 * Clean one content stream (for tests; pages.ts cleans a page in its one
 * pass): `spaces` are the glyphs (hex, upper case) each font maps to a space.
 */
export function cleanContent(content: string, spaces: Map<string, Set<string>>): { cleaned: string; count: number; ligatures: Ligature[] } {
  const cleaner = new SoftHyphenCleaner(content, spaces);
  scanContent(content, (operation) => cleaner.follow(operation));
  return { cleaned: cleaner.edits.length === 0 ? content : applyEdits(content, cleaner.edits), count: cleaner.count, ligatures: cleaner.ligatures };
}

/** A span being read: where its BDC stands, the font then, and the glyphs shown inside, each with the white space after it. */
interface OpenSpan {
  start: number;
  end: number;
  hex: string;
  font: string | undefined;
  shows: { glyph: string; edit: Edit }[];
}

/**
 * Operation by operation, the edits that clean a stream: a span is
 * `/Span <</ActualText <…>>> BDC … EMC` with no marked content inside; the
 * white space after its EMC goes with it. Also lists the single glyphs that
 * spans give a text (ligatures).
 */
export class SoftHyphenCleaner {
  readonly edits: Edit[] = [];
  readonly ligatures: Ligature[] = [];
  /** Soft hyphens removed. */
  count = 0;
  private font: string | undefined;
  private span: OpenSpan | undefined;

  constructor(
    private readonly content: string,
    private readonly spaces: Map<string, Set<string>>,
  ) {}

  follow(operation: Operation): void {
    const { operator } = operation;
    if (operator === 'Tf') this.font = fontName(operation) ?? this.font;
    const span = this.span;
    if (span) {
      if (operator === 'EMC') {
        this.span = undefined;
        this.close(span, operation);
        return;
      }
      // Marked content inside: not a span of this kind.
      if (operator === 'BDC' || operator === 'BMC') this.span = undefined;
      else if (operator === 'Tj' && operation.count === 1) {
        const glyph = GLYPHS.exec(operation.raw(0))?.[1];
        if (glyph !== undefined) span.shows.push({ glyph: glyph.toUpperCase(), edit: { from: operation.start, to: this.past(operation.end), text: '' } });
        return;
      } else return;
    }
    const hex = spanText(operation);
    if (hex !== undefined) this.span = { start: operation.start, end: operation.end, hex, font: this.font, shows: [] };
  }

  private close({ start, end, hex, font, shows }: OpenSpan, emc: Operation): void {
    const after = this.past(emc.end);
    const actual = utf16(hex);
    const rest = actual.filter((unit) => unit !== SOFT_HYPHEN);
    if (rest.length === 0) {
      this.count++;
      this.edits.push({ from: start, to: end, text: '' });
      for (const show of shows) this.edits.push(show.edit);
      this.edits.push({ from: emc.start, to: after, text: '' });
      return;
    }
    const text = rest.map((unit) => unit.toString(16).padStart(4, '0')).join('');
    // A ligature across a soft hyphen ("f\u00ADt"): keep the ligature, drop the hyphen's space glyph.
    const space = font === undefined ? undefined : this.spaces.get(font);
    const dropped = rest.length < actual.length ? shows.filter((show) => space?.has(show.glyph)) : [];
    const kept = shows.filter((show) => !dropped.includes(show));
    if (font !== undefined && kept.length === 1) this.ligatures.push({ font, glyph: kept[0]!.glyph, text });
    if (rest.length === actual.length) return;
    this.count++;
    this.edits.push(
      { from: start, to: end, text: `/Span<</ActualText <feff${text}> >> BDC` },
      ...dropped.map((show) => show.edit),
      { from: emc.start, to: after, text: 'EMC\n' },
    );
  }

  /** Just past an operation ending at `at` and the one white-space character after it. */
  private past(at: number): number {
    const code = this.content.charCodeAt(at);
    return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x0c || code === 0x00 ? at + 1 : at;
  }
}

/** The hex text of a `/Span <</ActualText <…>>> BDC`. */
function spanText(operation: Operation): string | undefined {
  if (operation.operator !== 'BDC' || operation.count !== 2 || operation.raw(0) !== '/Span') return undefined;
  return ACTUAL_TEXT.exec(operation.raw(1))?.[1];
}

/**
 * Give glyphs that only their ActualText names (the "ff" ligature maps to
 * U+0000 in Chromium's ToUnicode) their text, for readers that ignore
 * ActualText (pdf.js). `glyphs`: ToUnicode stream → glyph → text (UTF-16BE hex).
 */
export function mapLigatures(doc: PDFDocument, glyphs: Map<PDFRef, Map<string, string>>): void {
  for (const [ref, texts] of glyphs) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const cmap = streamText(stream);
    const mapped = cmap.replace(/<([0-9A-Fa-f]+)>(\s*)<0000>/g, (entry, glyph: string, space: string) => {
      const text = texts.get(glyph.toUpperCase());
      return text ? `<${glyph}>${space}<${text}>` : entry;
    });
    if (mapped !== cmap) replaceStream(doc, ref, mapped);
  }
}
