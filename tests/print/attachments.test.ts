/**
 * Appending bilag: pages land in order after the minutes, and a bilag PDF
 * brings no actions that would run code or open files in a reader.
 */
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { appendAttachments } from '../../src/print/attachments.js';

async function documentWithPages(count: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  for (let index = 0; index < count; index++) doc.addPage([200, 200]);
  return doc;
}

/** A bilag whose page carries an open-page script, a script link and a web link. */
async function hostileBilag(): Promise<PDFDocument> {
  const doc = await documentWithPages(1);
  const { context } = doc;
  const page = doc.getPage(0).node;
  const script = context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
  page.set(PDFName.of('AA'), context.obj({ O: script }));
  page.set(PDFName.of('StructParents'), PDFNumber.of(0));
  const link = (action: PDFDict) => context.register(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], A: action }));
  const web = context.obj({ S: 'URI', URI: PDFString.of('https://example.dk') });
  const launch = context.obj({ S: 'Launch', F: PDFString.of('/bin/sh') });
  page.set(PDFName.of('Annots'), context.obj([link(script), link(web), link(launch)]));
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

  it('drops scripts, launch actions and page actions from a bilag, keeps its web links', async () => {
    const minutes = await documentWithPages(1);
    const separators = await documentWithPages(1);
    const layout = { doc: separators, pageCount: 1, destinations: new Map([['bilag-1', 1]]) };
    await appendAttachments(minutes, layout, [{ nummer: 1, id: 'bilag-1', titel: 'X', item: { nummer: 1, titel: 'A' } }], new Map([[1, await hostileBilag()]]));
    const appended = minutes.getPage(2).node;
    expect(appended.has(PDFName.of('AA'))).toBe(false);
    expect(appended.has(PDFName.of('StructParents'))).toBe(false);
    const annots = appended.lookup(PDFName.of('Annots'), PDFArray).asArray().map((ref) => minutes.context.lookup(ref, PDFDict));
    expect(annots.map((annot) => annot.lookup(PDFName.of('A'), PDFDict).get(PDFName.of('S'))?.toString())).toEqual(['/URI']);
    const saved = Buffer.from(await minutes.save({ useObjectStreams: false })).toString('latin1');
    expect(saved).not.toContain('app.alert');
  });
});
