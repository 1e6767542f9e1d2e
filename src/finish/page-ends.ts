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
import { decodeUtf16, fontName, type Operation, type TextPosition } from './content-stream.js';

/** The page's bottom margin, where "Side X af Y" stands (templates/base.css, @page: 22 mm). */
const BOTTOM_MARGIN_PT = (22 / 25.4) * 72;
/** Glyphs this close in height stand on one line. */
const SAME_LINE_PT = 0.5;

interface Glyph {
  /** Baseline height on the page, in points from the bottom. */
  y: number;
  /** The text a span gives it, or else its font's map and where its glyph string stands in the stream: read only for a page's last line. */
  given: string | undefined;
  font: Map<string, string> | undefined;
  from: number;
  to: number;
  /** The hyphen of a division Chromium used. */
  division: boolean;
}

/**
 * Operation by operation, the last line of a page's body: whether it ends
 * in a divided word, and that word's part before the hyphen. `position`
 * must have followed the operation already; `fonts` are the page's, by
 * resource name (fontMaps); `content` is the stream scanned.
 */
export class PageEnd {
  /** The lowest line above the bottom margin so far: its height and its first `count` glyphs of `line`. */
  private lowest = Infinity;
  /** Reused from line to line: the text flows down the page, so nearly every glyph starts or joins the lowest line. */
  private readonly line: Glyph[] = [];
  private count = 0;
  private font: Map<string, string> | undefined;
  /** Inside an ActualText span: its text, given to its first glyph. */
  private actual: string | undefined;
  /** After a soft-hyphen span: 'span'; then a new text object: 'text', whose glyph is the division's hyphen. */
  private pending: 'none' | 'span' | 'text' = 'none';

  constructor(
    private readonly content: string,
    private readonly fonts: Map<string, Map<string, string>>,
    private readonly position: TextPosition,
  ) {}

  follow(operation: Operation): void {
    switch (operation.operator) {
      case 'BT':
        if (this.pending === 'span') this.pending = 'text';
        break;
      case 'Tf':
        this.font = this.fonts.get(fontName(operation) ?? '');
        break;
      case 'BDC': {
        const hex = actualText(operation);
        if (hex !== undefined) this.actual = decodeUtf16(hex);
        break;
      }
      case 'EMC':
        this.pending = this.actual === '\u00AD' ? 'span' : 'none';
        this.actual = undefined;
        break;
      case 'Tj':
        this.show(operation);
        break;
    }
  }

  private show(operation: Operation): void {
    const { actual, font } = this;
    // A span's text stands for all its glyphs: given once. A soft hyphen's is no text.
    let given = actual === undefined ? undefined : actual === '\u00AD' ? '' : actual;
    if (actual !== undefined && actual !== '\u00AD') this.actual = '';
    const last = operation.count - 1;
    const from = operation.operandStart(last);
    const to = operation.operandEnd(last);
    // Only a hyphen glyph can be a division's: its text is read for the check.
    const division = this.pending === 'text' && /^[-\u2010\u00AD]$/.test(this.textOf({ given, font, from, to }));
    if (division) given = '';
    if (this.actual === undefined) this.pending = 'none';
    const { y } = this.position;
    if (y <= BOTTOM_MARGIN_PT || y >= this.lowest + SAME_LINE_PT) return;
    if (y <= this.lowest - SAME_LINE_PT) this.count = 0;
    else if (y < this.lowest) this.keepNear(y);
    this.lowest = Math.min(this.lowest, y);
    const glyph = this.line[this.count];
    if (!glyph) this.line.push({ y, given, font, from, to, division });
    else {
      glyph.y = y;
      glyph.given = given;
      glyph.font = font;
      glyph.from = from;
      glyph.to = to;
      glyph.division = division;
    }
    this.count++;
  }

  /** Keep of the line only the glyphs that stand on one line with a glyph at `y`, just below it. */
  private keepNear(y: number): void {
    const { line } = this;
    let kept = 0;
    for (let index = 0; index < this.count; index++) {
      const glyph = line[index]!;
      if (glyph.y - y >= SAME_LINE_PT) continue;
      // Swapped, not copied: each record stays in the array once, so reusing one never changes another.
      line[index] = line[kept]!;
      line[kept] = glyph;
      kept++;
    }
    this.count = kept;
  }

  private textOf(glyph: Pick<Glyph, 'given' | 'font' | 'from' | 'to'>): string {
    return glyph.given ?? glyph.font?.get(this.content.slice(glyph.from, glyph.to).replace(/[<>]/g, '').toUpperCase()) ?? '';
  }

  /** The part before the hyphen of the word the page's body ends in, if it ends divided ("anbe" of "anbe-" | "falinger"). */
  divided(): string | undefined {
    const line = this.line.slice(0, this.count);
    const end = line.findIndex((glyph) => glyph.division);
    if (end === -1) return undefined;
    return /[\p{L}\p{M}]+$/u.exec(line.slice(0, end).map((glyph) => this.textOf(glyph)).join(''))?.[0];
  }
}

/** The hex text of a marked-content sequence's ActualText, if it has one. */
function actualText(operation: Operation): string | undefined {
  return operation.kind(1) === 'other' ? /\/ActualText\s*<([0-9A-Fa-f]*)>/.exec(operation.raw(1))?.[1] : undefined;
}

/** Glyph (hex, upper case) → text, from a font's ToUnicode map. */
export function toUnicodeMap(cmap: string): Map<string, string> {
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
  return map;
}
