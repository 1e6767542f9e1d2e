import { describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import type { ElementContent } from 'hast';
import { breakableAddress, keepTogether, markIntroductions } from '../../src/render/typography.js';
import { titleText } from '../../src/render/build-view.js';

const text = (value: string): ElementContent => ({ type: 'text', value });
const element = (tagName: string, ...children: ElementContent[]): ElementContent => ({ type: 'element', tagName, properties: {}, children });

describe('keepTogether', () => {
  it('keeps times, dates, phone and case numbers on one line', () => {
    const paragraph = element('p', text('Mødet kl. 14:00 den 15. september 2016 i sag 16-031970, tlf. 12 34 56 78.'));
    keepTogether([paragraph]);
    expect(toHtml(paragraph)).toBe(
      '<p>Mødet <span class="keep">kl. 14:00</span> den <span class="keep">15. september 2016</span> i sag <span class="keep">16-031970</span>, tlf. <span class="keep">12 34 56 78</span>.</p>',
    );
  });

  it('lets a linked address break only after "@" and "."', () => {
    const link = element('a', text('mette.kjaersgaard@vesthimmerland.dk'));
    keepTogether([element('p', link)]);
    expect(toHtml(link)).toBe('<a><span class="address">mette.<wbr>kjaersgaard@<wbr>vesthimmerland.<wbr>dk</span></a>');
  });

  it('leaves code alone', () => {
    const code = element('code', text('kl. 14:00'));
    keepTogether([code]);
    expect(toHtml(code)).toBe('<code>kl. 14:00</code>');
  });
});

describe('markIntroductions', () => {
  it('marks a paragraph ending in ":" before a table, a list or an image', () => {
    const nodes = [
      element('p', text('Udviklingen siden 2021:')),
      element('table'),
      element('p', text('Ikke en indledning.')),
      element('p', text('Også en indledning:')),
      element('p', element('img')),
      element('p', text('Ikke før tekst:')),
      element('p', text('Tekst.')),
    ];
    markIntroductions(nodes);
    expect(nodes.map((node) => (node.type === 'element' ? (node.properties.className ?? []) : []))).toEqual([['introduces'], [], [], ['introduces'], [], [], []]);
  });
});

describe('titles and addresses', () => {
  it('prints " - " in a title as an en dash tied to the word before it', () => {
    expect(titleText('Sundhedsaftalen - status')).toBe('Sundhedsaftalen\u00A0– status');
  });

  it('escapes an address for a template', () => {
    expect(breakableAddress('a<b@x.dk')).toBe('a&#60;b@<wbr>x.<wbr>dk');
  });
});
