/**
 * Finish a printed PDF: metadata from the content (never the clock, so the
 * same content gives the same bytes) and bookmarks, one per agenda item,
 * pointing where the item's anchor landed.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

export interface DocumentMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The content's own date (the referat's date, else the meeting date). */
  date: Date;
}

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

export const PRODUCER = 'referat';

/** Finish the document as read back by pdf-pages.ts (it is changed in place). */
export async function finalizePdf(doc: PDFDocument, metadata: DocumentMetadata, bookmarks: Bookmark[]): Promise<Uint8Array> {
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setKeywords(metadata.keywords);
  doc.setCreator(PRODUCER);
  doc.setProducer(PRODUCER);
  doc.setLanguage('da-DK');
  doc.setCreationDate(metadata.date);
  doc.setModificationDate(metadata.date);
  writeOutline(doc, bookmarks);
  renumberStructureIds(doc);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** Replace Chromium's heading-derived outline (or an earlier one) with one entry per bookmark. */
function writeOutline(doc: PDFDocument, bookmarks: Bookmark[]): void {
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

/**
 * Chromium names tagged table cells after renderer-wide DOM node counters
 * ("node00000035"), which differ from one print to the next. Renumber them
 * in their original order so the same document always gets the same ids.
 */
function renumberStructureIds(doc: PDFDocument): void {
  const isText = (value: unknown): value is PDFString | PDFHexString => value instanceof PDFString || value instanceof PDFHexString;
  const found = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('StructElem')) continue;
    const id = object.get(PDFName.of('ID'));
    if (isText(id)) found.add(id.decodeText());
  }
  if (found.size === 0) return;
  const counter = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  const renamed = new Map(
    [...found].sort((a, b) => counter(a) - counter(b) || a.localeCompare(b)).map((id, index) => [id, `id${String(index + 1).padStart(6, '0')}`]),
  );
  const rewrite = (value: PDFObject): PDFObject => {
    if (isText(value)) {
      const replacement = renamed.get(value.decodeText());
      return replacement ? PDFString.of(replacement) : value;
    }
    if (value instanceof PDFArray) {
      for (let index = 0; index < value.size(); index++) value.set(index, rewrite(value.get(index)));
    } else if (value instanceof PDFDict) {
      for (const [key, entry] of value.entries()) value.set(key, rewrite(entry));
    }
    return value;
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) rewrite(object);
}
