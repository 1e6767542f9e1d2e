import { describe, expect, it } from 'vitest';
import { cleanContent } from '../../src/finish/text-layer.js';
import { keepWordsWhole } from '../../src/render/hyphenate.js';

const spaces = new Map([['F4', new Set(['0001'])]]);

describe('cleanContent', () => {
  it('drops an unused soft hyphen and its glyph, keeping the glyph positions', () => {
    const content = ['BT', '/F4 14 Tf', '7.05 0 Td <002d> Tj', '/Span<</ActualText <feff00ad> >> BDC', '4.85 0 Td <0001> Tj', 'EMC', '0 0 Td <0027> Tj', 'ET'].join('\n');
    const { cleaned, count } = cleanContent(content, spaces);
    expect(count).toBe(1);
    expect(cleaned).toBe(['BT', '/F4 14 Tf', '7.05 0 Td <002d> Tj', '', '4.85 0 Td 0 0 Td <0027> Tj', 'ET'].join('\n'));
  });

  it('keeps a ligature across a soft hyphen, without the hyphen, and lists its glyph', () => {
    const content = ['BT', '/F4 14 Tf', '/Span<</ActualText <feff006600ad0074> >> BDC', '7.55 0 Td <0081> Tj', '8.11 0 Td <0001> Tj', 'EMC', 'ET'].join('\n');
    const { cleaned, count, ligatures } = cleanContent(content, spaces);
    expect(count).toBe(1);
    expect(cleaned).toBe(['BT', '/F4 14 Tf', '/Span<</ActualText <feff00660074> >> BDC', '7.55 0 Td <0081> Tj', '8.11 0 Td EMC', 'ET'].join('\n'));
    expect(ligatures).toEqual([{ font: 'F4', glyph: '0081', text: '00660074' }]);
  });

  it('leaves other marked content alone', () => {
    const content = '/Span<</ActualText <feff00660066> >> BDC\n7.6 0 Td <0080> Tj\nEMC\n';
    const { cleaned, count } = cleanContent(content, spaces);
    expect(count).toBe(0);
    expect(cleaned).toBe(content);
  });
});

describe('keepWordsWhole', () => {
  it('removes the soft hyphens of the words whose division fell at a page end', () => {
    const html = '<p>an\u00ADbe\u00ADfa\u00ADlin\u00ADger og an\u00ADden\u00ADsteds an\u00ADbe\u00ADfa\u00ADlin\u00ADgen</p>';
    expect(keepWordsWhole(html, new Set(['anbe']))).toBe('<p>anbefalinger og an\u00ADden\u00ADsteds anbefalingen</p>');
  });
});
