/** The page-end check on hand-written content streams (Chromium's shapes: one glyph per Tj, a division's hyphen in a text object of its own). */
import { describe, expect, it } from 'vitest';
import { scanContent, TextPosition } from '../../src/finish/content-stream.js';
import { PageEnd } from '../../src/finish/page-ends.js';

/** Glyph ids are the letters' char codes, so the font's map is the identity. */
const font = new Map(Array.from('abcdefghijklmnopqrstuvwxyzæøå-', (letter) => [letter.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'), letter]));
const glyphs = (word: string) => Array.from(word, (letter) => `1 0 Td <${letter.charCodeAt(0).toString(16).padStart(4, '0')}> Tj`).join('\n');
/** A line of text at height `y` (points from the bottom of an 842-point page). */
const line = (y: number, word: string) => `BT /F1 10 Tf 1 0 0 1 70 ${y} Tm\n${glyphs(word)}\nET`;
/** A division as Chromium prints it: the soft-hyphen span, then the hyphen in a text object of its own. */
const divided = (y: number, part: string) =>
  `${line(y, part)}\nBT /F1 10 Tf 1 0 0 1 90 ${y} Tm\n/Span<</ActualText <FEFF00AD> >> BDC\n1 0 Td <0020> Tj\nEMC\nET\nBT /F1 10 Tf 1 0 0 1 95 ${y} Tm\n<002d> Tj\nET`;

function pageEnd(content: string): string | undefined {
  const position = new TextPosition();
  const end = new PageEnd(content, new Map([['F1', font]]), position);
  scanContent(content, (operation) => {
    position.follow(operation);
    end.follow(operation);
  });
  return end.divided();
}

describe('PageEnd', () => {
  it("finds the divided word on the page's lowest line, not on a line above it", () => {
    expect(pageEnd([divided(500, 'anbe'), line(480, 'og'), divided(100, 'fal')].join('\n'))).toBe('fal');
    expect(pageEnd([divided(500, 'anbe'), line(100, 'slut')].join('\n'))).toBeUndefined();
  });

  it('ignores the footer in the bottom margin', () => {
    expect(pageEnd([divided(100, 'anbe'), line(30, 'side')].join('\n'))).toBe('anbe');
  });

  it('keeps the glyphs of a line whose baseline varies a little, and only those', () => {
    // "xx" at 100.45 stands with "sund" at 100, but not with "heds" at 99.9: it leaves the line then.
    const content = [line(200, 'over'), line(100.45, 'xx'), line(100, 'sund'), line(99.9, 'heds'), divided(99.9, 'klyn')].join('\n');
    expect(pageEnd(content)).toBe('sundhedsklyn');
  });
});
