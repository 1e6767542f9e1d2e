import { describe, expect, it } from 'vitest';
import type { ElementContent } from 'hast';
import { hyphenateDanish } from '../../src/render/hyphenate.js';

const SHY = '\u00AD';

function paragraph(tagName: string, text: string): ElementContent {
  return { type: 'element', tagName, properties: {}, children: [{ type: 'text', value: text }] };
}

function textOf(node: ElementContent): string {
  return node.type === 'element' && node.children[0]?.type === 'text' ? node.children[0].value : '';
}

describe('hyphenateDanish', () => {
  it('puts soft hyphens into long Danish words, after Danish patterns', () => {
    const node = paragraph('p', 'Sundhedsdirektørkredsen drøftede sundhedsaftalesamarbejdet.');
    hyphenateDanish([node]);
    expect(textOf(node).replaceAll(SHY, '-')).toBe('Sund-heds-di-rek-tørkred-sen drøf-te-de sund-heds-af-ta-le-sam-ar-bej-det.');
  });

  it('keeps short words, headings, code, addresses and case numbers whole', () => {
    const nodes = [
      paragraph('p', 'Et kort ord'),
      paragraph('h4', 'Implementeringsgruppen'),
      paragraph('code', 'implementeringsgruppen'),
      paragraph('p', 'https://www.regionsyddanmark.dk/sundhedsaftale trine.bloch.hansen@rksk.dk 16-031970'),
    ];
    const before = nodes.map(textOf);
    hyphenateDanish(nodes);
    expect(nodes.map(textOf)).toEqual(before);
  });
});
