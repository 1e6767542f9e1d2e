/**
 * Read back what Chromium printed: page count and the page each named
 * destination (an element id that a link points at) landed on. The parsed
 * document is kept for the finish stage (src/finish), so the PDF is parsed once, and its
 * run-dependent structure ids are made stable here, once per print.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

export interface PrintedLayout {
  doc: PDFDocument;
  pageCount: number;
  /** 1-based page of each named destination, e.g. "punkt-3" → 5. */
  destinations: Map<string, number>;
}

export async function readLayout(pdf: Uint8Array): Promise<PrintedLayout> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  renumberStructureIds(doc);
  const pageIndex = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const destinations = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const target = doc.context.lookup(value);
    const pageRef = target instanceof PDFArray ? target.get(0) : undefined;
    const page = pageRef instanceof PDFRef ? pageIndex.get(pageRef.toString()) : undefined;
    if (page !== undefined) destinations.set(decodeName(name.asString()), page);
  }
  return { doc, pageCount: doc.getPageCount(), destinations };
}

/** PDF names escape bytes as #xx; Chromium writes ids as UTF-8 bytes. */
export function decodeName(name: string): string {
  const raw = name.replace(/^\//, '');
  const bytes = raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/**
 * Chromium names tagged table cells after renderer-wide DOM node counters
 * ("node00000035"), which differ from one print to the next. Renumber them
 * in their original order so the same document always gets the same ids.
 */
function renumberStructureIds(doc: PDFDocument): void {
  const isText = (value: unknown): value is PDFString | PDFHexString => value instanceof PDFString || value instanceof PDFHexString;
  // Chromium writes them as literal strings: read as they are, no decoding.
  const text = (value: PDFString | PDFHexString) => (value instanceof PDFString ? value.asString() : value.decodeText());
  const found = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('StructElem')) continue;
    const id = object.get(PDFName.of('ID'));
    if (isText(id)) found.add(text(id));
  }
  if (found.size === 0) return;
  const counter = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  const renamed = new Map(
    [...found].sort((a, b) => counter(a) - counter(b) || a.localeCompare(b)).map((id, index) => [id, `id${String(index + 1).padStart(6, '0')}`]),
  );
  const rewrite = (value: PDFObject): PDFObject => {
    if (isText(value)) {
      const replacement = renamed.get(text(value));
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
