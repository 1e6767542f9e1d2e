/**
 * Appending bilag: pages land in order after the minutes, a disarmed bilag
 * (see tests/print/disarm.test.ts) is appended as it is, separators lose their links.
 */
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDocument, PDFName } from 'pdf-lib';
import { appendAttachments } from '../../src/print/attachments.js';
import { disarmPdf } from '../../src/print/disarm.js';
import { ARMED_MARKERS, armedPdf } from '../helpers/hostile-pdf.js';

async function documentWithPages(count: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  for (let index = 0; index < count; index++) doc.addPage([200, 200]);
  return doc;
}

describe('appendAttachments', () => {
  it('appends separator pages and bilag pages in order and returns where each bilag starts', async () => {
    const minutes = await documentWithPages(3);
    const separators = await documentWithPages(3);
    const parts = [
      { nummer: 1, id: 'bilag-1', titel: 'Notat', item: { nummer: 1, titel: 'A' } },
      { nummer: 2, id: 'bilag-2', titel: 'Regnskab', item: { nummer: 2, titel: 'B' } },
    ];
    const layout = { doc: separators, pageCount: 3, destinations: new Map([['bilag-1', 1], ['bilag-2', 3]]) };
    const bookmarks = await appendAttachments(minutes, layout, parts, new Map([[2, await documentWithPages(2)]]));
    expect(bookmarks).toEqual([
      { title: 'Bilag 1: Notat', pageIndex: 3 },
      { title: 'Bilag 2: Regnskab', pageIndex: 5 },
    ]);
    // 3 minutes + 2 separator pages of bilag 1 + 1 separator + 2 pages of bilag 2.
    expect(minutes.getPageCount()).toBe(8);
  });

  it('appends a disarmed bilag as it is, and the separators without their links', async () => {
    const minutes = await documentWithPages(1);
    const separators = await documentWithPages(1);
    const { context } = separators;
    separators.getPage(0).node.set(PDFName.of('Annots'), context.obj([context.register(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 1, 1] }))]));
    const layout = { doc: separators, pageCount: 1, destinations: new Map([['bilag-1', 1]]) };
    const disarmed = await disarmPdf(await armedPdf());
    if (!('pdf' in disarmed)) throw new Error('refused');
    await appendAttachments(minutes, layout, [{ nummer: 1, id: 'bilag-1', titel: 'X', item: { nummer: 1, titel: 'A' } }], new Map([[1, await PDFDocument.load(disarmed.pdf)]]));
    expect(minutes.getPageCount()).toBe(5);
    expect(minutes.getPage(1).node.has(PDFName.of('Annots'))).toBe(false);
    expect(minutes.getPage(2).node.lookup(PDFName.of('Annots'), PDFArray).size()).toBe(4);
    const saved = Buffer.from(await minutes.save({ useObjectStreams: false })).toString('latin1');
    for (const marker of ARMED_MARKERS) expect(saved, marker).not.toContain(marker);
  });
});
