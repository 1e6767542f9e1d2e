/**
 * The "samlet" document: the printed minutes, then for each bilag its
 * separator page (and a Markdown bilag's printed text), then a PDF bilag's
 * own pages. Bilag PDFs are content: they are read here once, before
 * anything is printed, and a file that cannot be read is a content error.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFPage } from 'pdf-lib';
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
            ? `Bilaget ${quote(bilag.fil ?? '')} i ${quote(bilag.field)} er beskyttet (krypteret) og kan ikke sættes ind i den samlede udgave.`
            : `Bilaget ${quote(bilag.fil ?? '')} i ${quote(bilag.field)} kunne ikke læses som PDF (filen er ødelagt eller tom).`,
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
  node.delete(PDFName.of('StructParents'));
  node.delete(PDFName.of('AA'));
  if (!options.keepLinks) node.delete(PDFName.of('Annots'));
  const annots = node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) {
    const kept = annots.asArray().filter((ref) => {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict)) return false;
      annot.delete(PDFName.of('AA'));
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const type = action?.get(PDFName.of('S'));
      return !(type instanceof PDFName && UNSAFE_ACTIONS.has(type.decodeText()));
    });
    node.set(PDFName.of('Annots'), doc.context.obj(kept));
  }
  doc.addPage(page);
}
