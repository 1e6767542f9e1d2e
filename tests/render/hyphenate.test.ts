import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ElementContent } from 'hast';
import { divisions, dropSoftHyphens, hyphenateDanish, keepOccurrencesWhole } from '../../src/render/hyphenate.js';

const SHY = '\u00AD';

function paragraph(tagName: string, text: string): ElementContent {
  return { type: 'element', tagName, properties: {}, children: [{ type: 'text', value: text }] };
}

function textOf(node: ElementContent): string {
  return node.type === 'element' && node.children[0]?.type === 'text' ? node.children[0].value : '';
}

describe('hyphenateDanish', () => {
  it('puts soft hyphens into long Danish words, at joints and syllables', () => {
    const node = paragraph('p', 'Sundhedsdirektørkredsen drøftede sundhedsaftalesamarbejdet.');
    hyphenateDanish([node]);
    expect(textOf(node).replaceAll(SHY, '-')).toBe('Sund-heds-di-rek-tør-kred-sen drøf-te-de sund-heds-af-ta-le-sam-ar-bej-det.');
  });

  it('divides the words the Danish TeX patterns got wrong as a proofreader would', () => {
    const words = ['Vestjyske', 'opgaveglidning', 'meddelelse', 'medarbejderressourcer', 'rådgivning', 'genindlæggelser', 'kvalitetsteam', 'workshoppen', 'folkesundhed', 'budgetramme', 'kiropraktor', 'opsporing'];
    const divided = words.map((word) => {
      const node = paragraph('p', word);
      hyphenateDanish([node]);
      return textOf(node).replaceAll(SHY, '-');
    });
    expect(divided).toEqual([
      'Vest-jys-ke', 'op-ga-ve-glid-ning', 'med-de-lel-se', 'med-ar-bej-der-res-sour-cer', 'råd-giv-ning', 'gen-ind-læg-gel-ser',
      'kva-li-tets-team', 'workshop-pen', 'fol-ke-sund-hed', 'bud-get-ram-me', 'ki-ro-prak-tor', 'op-spo-ring',
    ]);
  });

  /**
   * danish-divisions.txt: words from the reference minutes and the examples,
   * each with the divisions a proofreader accepts (Retskrivningsreglerne
   * § 15–17); a word on several lines may be divided as any of them shows
   * (po-li-ti-ske and po-li-tis-ke). Precision must stay at 100 %: a wrong
   * break is a spelling error. Recall may be lower (a missed break only
   * costs a ragged line).
   */
  it('breaks only where the word list allows, and at most places it allows', () => {
    const lines = readFileSync(new URL('danish-divisions.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
    const legal = new Map<string, Set<number>>();
    for (const line of lines) {
      const word = line.replaceAll('-', '');
      const cuts = legal.get(word) ?? new Set<number>();
      for (const [index, match] of [...line.matchAll(/-/g)].entries()) cuts.add(match.index - index);
      legal.set(word, cuts);
    }
    expect(legal.size).toBeGreaterThanOrEqual(300);
    let proposed = 0;
    let allowed = 0;
    let right = 0;
    const wrong: string[] = [];
    for (const [word, cuts] of legal) {
      const found = divisions(word);
      proposed += found.length;
      allowed += cuts.size;
      for (const cut of found) {
        if (cuts.has(cut)) right++;
        else wrong.push(`${word.slice(0, cut)}-${word.slice(cut)}`);
      }
    }
    const precision = right / proposed;
    const recall = right / allowed;
    console.info(`orddeling: præcision ${(precision * 100).toFixed(1)} %, genkaldelse ${(recall * 100).toFixed(1)} % (${legal.size} ord)`);
    expect(wrong).toEqual([]);
    expect(precision).toBe(1);
    expect(recall).toBeGreaterThanOrEqual(0.9);
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

describe('keepOccurrencesWhole', () => {
  const word = 'an\u00ADbe\u00ADfa\u00ADlin\u00ADger';
  it('keeps whole the given occurrence only, counting the words as they stand after each one made whole', () => {
    const html = `<p>${word} <em>${word}</em>, ${word}s og ${word}</p>`;
    // The third "anbefalinger" (the 4th word is "anbefalingers", another word), then the first.
    const kept = keepOccurrencesWhole(html, [{ word, occurrence: 2 }, { word, occurrence: 0 }]);
    expect(kept).toBe(`<p>anbefalinger <em>${word}</em>, ${word}s og anbefalinger</p>`);
  });

  it('leaves the document as it is when an occurrence is not there', () => {
    const html = `<p>${word}</p>`;
    expect(keepOccurrencesWhole(html, [{ word, occurrence: 1 }])).toBe(html);
  });
});

describe('dropSoftHyphens', () => {
  it('drops the soft hyphens at the given ordinals, counted in document order, and no others', () => {
    const html = '<p>an\u00ADbe\u00ADfa\u00ADlin\u00ADger <em>sund\u00ADheds\u00ADklyn\u00ADgen</em></p>';
    expect(dropSoftHyphens(html, [0, 2, 4, 6])).toBe('<p>anbe\u00ADfalin\u00ADger <em>sundheds\u00ADklyngen</em></p>');
  });

  it('leaves the document as it is when none are given', () => {
    const html = '<p>an\u00ADbe\u00ADfa\u00ADlin\u00ADger</p>';
    expect(dropSoftHyphens(html, [])).toBe(html);
  });
});
