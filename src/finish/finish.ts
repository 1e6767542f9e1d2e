/**
 * Stage 7: finish a printed PDF as PDF/UA-1 and PDF/A-2 (ISO 14289-1,
 * ISO 19005-2), which Chromium does not write on its own: page furniture
 * marked as artifacts, the structure tree repaired, XMP metadata beside the
 * Info dictionary, an sRGB output intent, bookmarks and a trailer /ID made
 * from the content. Each concern is a module of its own beside this one.
 */
import type { PDFDocument } from 'pdf-lib';
import { fillId, writeIdPlaceholder } from './document-id.js';
import { writeMetadata, type Conformance, type DocumentMetadata } from './metadata.js';
import { writeOutline, type Bookmark } from './outline.js';
import { writeOutputIntent } from './output-intent.js';
import { markPage } from './pages.js';
import { finishStructure } from './structure.js';

export interface FinishOptions {
  metadata: DocumentMetadata;
  bookmarks: Bookmark[];
  conformance: Conformance;
}

/** Referat and dagsorden meet PDF/A-2 level a (tagged, Unicode text) and PDF/UA-1. */
export const FULL_CONFORMANCE: Conformance = { pdfa: 'A', pdfua: true };

/** Finish the document as read back by pdf-pages.ts (it is changed in place; its pages by finishPages, pages.ts) and save it. */
export async function finishPdf(doc: PDFDocument, options: FinishOptions): Promise<Uint8Array> {
  for (const page of doc.getPages()) markPage(doc, page);
  const linkText = new Map(options.bookmarks.flatMap((bookmark) => ('destination' in bookmark ? [[bookmark.destination, bookmark.title]] : [])));
  finishStructure(doc, linkText);
  writeMetadata(doc, options.metadata, options.conformance);
  writeOutputIntent(doc);
  writeOutline(doc, options.bookmarks);
  writeIdPlaceholder(doc);
  return fillId(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}
