/** Bookmarks, one per agenda item (and bilag), pointing where each landed. */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef } from 'pdf-lib';

export type Bookmark =
  | {
      title: string;
      /** Element id the bookmark points at, e.g. "punkt-3". */
      destination: string;
    }
  | {
      title: string;
      /** 0-based page the bookmark opens (appended bilag have no element ids). */
      pageIndex: number;
    };

/** Replace Chromium's heading-derived outline (or an earlier one) with one entry per bookmark. */
export function writeOutline(doc: PDFDocument, bookmarks: Bookmark[]): void {
  const { context } = doc;
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const pages = doc.getPages();
  const targets = bookmarks.flatMap((bookmark) => {
    const dest =
      'destination' in bookmark
        ? dests?.lookupMaybe(PDFName.of(bookmark.destination), PDFArray)
        : pages[bookmark.pageIndex] && context.obj([pages[bookmark.pageIndex]!.ref, PDFName.of('Fit')]);
    return dest ? [{ bookmark, dest }] : [];
  });
  removeOutline(doc);
  if (targets.length === 0) return;

  const rootRef = context.nextRef();
  const refs: PDFRef[] = targets.map(() => context.nextRef());
  targets.forEach(({ bookmark, dest }, index) => {
    const entry = context.obj({}) as PDFDict;
    entry.set(PDFName.of('Title'), PDFHexString.fromText(bookmark.title));
    entry.set(PDFName.of('Parent'), rootRef);
    entry.set(PDFName.of('Dest'), dest);
    if (index > 0) entry.set(PDFName.of('Prev'), refs[index - 1]!);
    if (index < refs.length - 1) entry.set(PDFName.of('Next'), refs[index + 1]!);
    context.assign(refs[index]!, entry);
  });
  const root = context.obj({}) as PDFDict;
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), refs[0]!);
  root.set(PDFName.of('Last'), refs[refs.length - 1]!);
  root.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Delete the outline's objects too: the saved file keeps every object still in the document. */
function removeOutline(doc: PDFDocument): void {
  const { context } = doc;
  const rootRef = doc.catalog.get(PDFName.of('Outlines'));
  doc.catalog.delete(PDFName.of('Outlines'));
  const pending = rootRef instanceof PDFRef ? [rootRef] : [];
  while (pending.length > 0) {
    const ref = pending.pop()!;
    const entry = context.lookup(ref);
    context.delete(ref);
    if (!(entry instanceof PDFDict)) continue;
    for (const key of ['First', 'Next']) {
      const next = entry.get(PDFName.of(key));
      if (next instanceof PDFRef) pending.push(next);
    }
  }
}
