/** The content-stream tokenizer and the artifact marking built on it, on hand-written streams. */
import { describe, expect, it } from 'vitest';
import { markArtifacts, pageAsArtifact } from '../../src/finish/artifacts.js';
import { applyEdits, markedContentId, parseContent, scanContent, TextPosition, type Operand } from '../../src/finish/content-stream.js';

const rawOf = (operand: Operand) => (operand.type === 'number' ? '' : operand.raw);

describe('parseContent', () => {
  it('splits operations with their operands, whatever the operands hold', () => {
    const stream = '/P <</MCID 3 /Alt (a ) b \\) c)>> BDC\nBT /F1 12 Tf [(x) -20 <0041>] TJ ET % comment Tj\nBI /W 1 /H 1 ID \x00EI\xff EI Q';
    const operations = parseContent(stream);
    expect(operations.map((operation) => operation.operator)).toEqual(['BDC', 'BT', 'Tf', 'TJ', 'ET', 'BI', 'Q']);
    expect(operations[0]!.operands.map(rawOf)).toEqual(['/P', '<</MCID 3 /Alt (a ) b \\) c)>>']);
    const ids: (number | undefined)[] = [];
    scanContent(stream, (operation) => ids.push(markedContentId(operation)));
    expect(ids[0]).toBe(3);
    expect(operations[2]!.operands).toEqual([
      { type: 'name', value: 'F1', raw: '/F1' },
      { type: 'number', value: 12 },
    ]);
    expect(stream.slice(operations[5]!.start, operations[5]!.end)).toBe('BI /W 1 /H 1 ID \x00EI\xff EI');
  });

  it('reads a malformed or hostile stream to its end without failing', () => {
    for (const stream of ['(unterminated string Tj', '<<'.repeat(100_000), '['.repeat(100_000), ')>]} Tj', 'BI /W 1 ID no end', '%'.repeat(10)]) {
      expect(() => parseContent(stream)).not.toThrow();
    }
    expect(parseContent('[(a) (b)] TJ ] Q').map((operation) => operation.operator)).toEqual(['TJ', ']', 'Q']);
  });

  it('edits a stream and leaves every other byte as it was', () => {
    expect(applyEdits('a b c', [{ from: 2, to: 3, text: 'B' }, { from: 0, to: 0, text: '[' }, { from: 5, to: 5, text: ']' }])).toBe('[a B c]');
  });
});

describe('TextPosition', () => {
  /** The baseline height after each text-showing operation of the stream. */
  const heights = (stream: string) => {
    const position = new TextPosition();
    const found: number[] = [];
    scanContent(stream, (operation) => {
      position.follow(operation);
      if (operation.operator === 'Tj' || operation.operator === "'") found.push(position.y);
    });
    return found;
  };

  it('follows cm through q and Q, and the text line through BT, Tm, Td, TD, TL, T* and quote', () => {
    const stream = 'q 1 0 0 -1 0 800 cm BT 1 0 0 -1 10 20 Tm <01> Tj 0 -10 Td <02> Tj ET Q BT 5 100 Td <03> Tj 0 -12 TD T* <04> Tj 20 TL (x) \' ET';
    expect(heights(stream)).toEqual([780, 770, 100, 76, 56]);
  });

  it('follows a scaled text matrix, and starts every text object afresh', () => {
    expect(heights('BT 2 0 0 2 0 100 Tm 0 -10 Td <01> Tj ET BT 0 50 Td <02> Tj ET')).toEqual([80, 50]);
  });
});

describe('markArtifacts', () => {
  // A page 800 high: Chromium flips y, so text at y=20 from the top is in the header.
  const page = (body: string) => `1 0 0 -1 0 800 cm\n${body}`;

  it('marks untagged text in the margins as pagination, other untagged content as layout', () => {
    const stream = page('q 0 0 10 10 re f Q\nBT /F1 9 Tf 1 0 0 -1 10 20 Tm <01> Tj ET\n/P <</MCID 0>> BDC BT 1 0 0 -1 10 400 Tm <02> Tj ET EMC\nBT 1 0 0 -1 10 790 Tm <03> Tj ET');
    expect(markArtifacts(stream, 800)).toBe(
      page(
        'q /Artifact <</Type /Layout>> BDC\n0 0 10 10 re f EMC\nQ\n' +
          'BT /F1 9 Tf 1 0 0 -1 10 20 Tm /Artifact <</Type /Pagination /Subtype /Header>> BDC\n<01> Tj EMC\nET\n' +
          '/P <</MCID 0>> BDC BT 1 0 0 -1 10 400 Tm <02> Tj ET EMC\n' +
          'BT 1 0 0 -1 10 790 Tm /Artifact <</Type /Pagination /Subtype /Footer>> BDC\n<03> Tj EMC\nET',
      ),
    );
  });

  it('changes nothing in a stream that is already finished', () => {
    const finished = markArtifacts(page('0 0 10 10 re f\n/P <</MCID 0>> BDC 0 0 5 5 re f EMC'), 800);
    expect(markArtifacts(finished, 800)).toBe(finished);
  });

  it('turns a foreign page into one artifact, its marked content unmarked', () => {
    expect(pageAsArtifact('/P <</MCID 0>> BDC 0 0 5 5 re f EMC')).toBe('/Artifact <</Type /Layout>> BDC\n 0 0 5 5 re f \nEMC\n');
  });
});

describe('parseContent numbers', () => {
  it('reads numbers as Number() does', () => {
    const written = ['0', '-0.5', '.25', '+3', '30.358398', '1e3', '1.2.3', '-', '12345678901234567890', '2952.7832'];
    const operands = parseContent(`${written.join(' ')} x`)[0]!.operands;
    expect(operands.map((operand) => (operand.type === 'number' ? operand.value : rawOf(operand)))).toEqual(
      written.map((text) => (Number.isFinite(Number(text)) ? Number(text) : text)),
    );
  });
});
