/**
 * Read back what Chromium printed: page count and the page each named
 * destination (an element id that a link points at) landed on. The parsed
 * document is kept for finalize.ts, so the PDF is parsed once.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';

export interface PrintedLayout {
  doc: PDFDocument;
  pageCount: number;
  /** 1-based page of each named destination, e.g. "punkt-3" → 5. */
  destinations: Map<string, number>;
}

export async function readLayout(pdf: Uint8Array): Promise<PrintedLayout> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
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
function decodeName(name: string): string {
  const raw = name.replace(/^\//, '');
  const bytes = raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
