/**
 * The "samlet" document: the printed minutes, then for each bilag its
 * separator page (and a Markdown bilag's printed text), then a PDF bilag's
 * own pages. Bilag PDFs are content: they are read here once, before
 * anything is printed, and a file that cannot be read is a content error.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFPage } from 'pdf-lib';
import { quote } from '../diagnostics/catalogue.js';
import { report } from '../diagnostics/diagnostic.js';
import { attachmentFormat } from '../load/load.js';
import type { Meeting } from '../validate/validate.js';
import type { AttachmentPartView } from '../render/view.js';
import type { PrintedLayout } from './pdf-pages.js';

/** The meeting's PDF bilag, parsed, by number; undefined when one could not be read (reported). */
export async function loadAttachmentPdfs(meeting: Meeting): Promise<Map<number, PDFDocument> | undefined> {
  const pdfs = new Map<number, PDFDocument>();
  let readable = true;
  for (const item of meeting.items) {
    for (const bilag of item.attachments) {
      const bytes = bilag.source?.bytes;
      if (!bytes || attachmentFormat(bilag.source?.relative) !== 'pdf') continue;
      try {
        const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
        if (pdf.getPageCount() === 0) throw new Error('no pages');
        pdfs.set(bilag.nummer, pdf);
      } catch (error) {
        readable = false;
        const encrypted = error instanceof Error && error.name === 'EncryptedPDFError';
        report(item.file, {
          rule: 'bilag-kan-ikke-laeses',
          field: bilag.field,
          reason: encrypted
            ? `Filen ${quote(bilag.fil ?? '')} til ${bilag.label} er beskyttet (krypteret) og kan ikke sættes ind i den samlede udgave.`
            : `Filen ${quote(bilag.fil ?? '')} til ${bilag.label} kunne ikke læses som PDF (den er ødelagt eller tom).`,
          note: encrypted
            ? 'Gem bilaget som PDF uden adgangskode og beskyttelse, og prøv igen.'
            : 'Åbn filen i en PDF-læser, og gem den som PDF igen.',
          place: bilag.place,
        });
      }
    }
  }
  return readable ? pdfs : undefined;
}

export interface AttachmentBookmark {
  title: string;
  /** 0-based page index in the assembled document. */
  pageIndex: number;
}

/**
 * Append the bilag to `minutes` (changed in place): each part's pages from
 * the printed separators document, then the bilag PDF's pages. Returns where
 * each bilag begins, for its bookmark.
 */
export async function appendAttachments(
  minutes: PDFDocument,
  separators: PrintedLayout,
  parts: AttachmentPartView[],
  pdfs: Map<number, PDFDocument>,
): Promise<AttachmentBookmark[]> {
  const starts = parts.map((part) => separators.destinations.get(part.id));
  const bookmarks: AttachmentBookmark[] = [];
  for (const [index, part] of parts.entries()) {
    const first = starts[index];
    if (first === undefined) throw new Error(`The separator of ${part.id} was not found in the printed bilag`);
    const last = (starts[index + 1] ?? separators.pageCount + 1) - 1;
    bookmarks.push({ title: `Bilag ${part.nummer}: ${part.titel}`, pageIndex: minutes.getPageCount() });
    const own = await minutes.copyPages(separators.doc, range(first - 1, last - 1));
    // Their links and tags belong to the separators document, not to this one.
    for (const page of own) addPage(minutes, page, { keepLinks: false });
    const pdf = pdfs.get(part.nummer);
    if (!pdf) continue;
    for (const page of await minutes.copyPages(pdf, pdf.getPageIndices())) addPage(minutes, page, { keepLinks: true });
  }
  return bookmarks;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
}

/** Actions that could run code or open files when a reader shows the page. */
const UNSAFE_ACTIONS = new Set(['JavaScript', 'Launch', 'ImportData', 'SubmitForm', 'ResetForm', 'Rendition', 'Sound', 'Movie']);

function addPage(doc: PDFDocument, page: PDFPage, options: { keepLinks: boolean }): void {
  const { node } = page;
  const { context } = doc;
  // What is dropped is deleted too: the saved file keeps every object still in the document.
  const drop = (holder: PDFDict, key: string) => {
    const value = holder.get(PDFName.of(key));
    if (value instanceof PDFRef) context.delete(value);
    holder.delete(PDFName.of(key));
  };
  drop(node, 'StructParents');
  drop(node, 'AA');
  const annots = node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
  const kept = annots.filter((ref) => {
    const annot = context.lookup(ref);
    const action = annot instanceof PDFDict ? annot.lookupMaybe(PDFName.of('A'), PDFDict) : undefined;
    const type = action?.get(PDFName.of('S'));
    const safe = options.keepLinks && annot instanceof PDFDict && !(type instanceof PDFName && UNSAFE_ACTIONS.has(type.decodeText()));
    if (safe) drop(annot, 'AA');
    else if (ref instanceof PDFRef) context.delete(ref);
    return safe;
  });
  drop(node, 'Annots');
  if (kept.length > 0) node.set(PDFName.of('Annots'), context.obj(kept));
  doc.addPage(page);
}
