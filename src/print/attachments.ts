/**
 * The "samlet" document: the printed minutes, then for each bilag its
 * separator page (and a Markdown bilag's printed text), then a PDF bilag's
 * own pages. Bilag PDFs are content: they are read here once, before
 * anything is printed, and a file that cannot be read is a content error.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, type PDFPage } from 'pdf-lib';
import { quote } from '../diagnostics/catalogue.js';
import { report } from '../diagnostics/diagnostic.js';
import { attachmentFormat } from '../load/load.js';
import type { Meeting } from '../validate/validate.js';
import type { AttachmentPartView } from '../render/view.js';
import type { PrintedLayout } from './pdf-pages.js';
import type { ThreadOutcome } from './bilag-thread.js';
import { BILAG_LIMITS } from './disarm.js';
import type { Deadline } from './deadline.js';

/** Why a bilag is refused, in Danish: what was found, and what to do. */
function refusalText(outcome: Exclude<ThreadOutcome, { pdf: Uint8Array }>): { found: string; note: string } {
  const resave = 'Åbn filen i en PDF-læser, og gem den som PDF igen.';
  const shorten = 'Del bilaget op, eller læg kun den relevante del ved som PDF.';
  const orShorten = `Hjælper det ikke, så ${shorten.charAt(0).toLowerCase()}${shorten.slice(1)}`;
  if ('failed' in outcome) {
    if (outcome.failed === 'memory') return { found: `kræver mere end ${BILAG_LIMITS.heapMb} MB hukommelse at læse`, note: `${resave} ${orShorten}` };
    if (outcome.failed === 'time') return { found: `tog mere end ${BILAG_LIMITS.timeoutMs / 1000} sekunder at læse og blev stoppet`, note: resave };
    return { found: 'fik PDF-læseren til at stoppe', note: resave };
  }
  const refusal = outcome.refused;
  switch (refusal.reason) {
    case 'encrypted':
      return { found: 'er krypteret/beskyttet med adgangskode og kan ikke sættes ind i den samlede udgave', note: 'Gem bilaget som PDF uden adgangskode og beskyttelse, og prøv igen.' };
    case 'not-pdf':
      return { found: 'er ikke en PDF-fil', note: 'Gem bilaget som PDF (fx fra Word: Filer › Gem som › PDF), og peg på PDF-filen.' };
    case 'damaged':
      if (refusal.detail === 'truncated') {
        return { found: 'er afkortet (filen slutter ikke, som en PDF skal, med %%EOF) og kan ikke læses', note: 'Hent eller gem filen igen: den er sandsynligvis ikke kopieret helt.' };
      }
      if (refusal.detail === 'page tree') return { found: 'har et ødelagt sidetræ (sider, der indgår mere end én gang, eller et for dybt træ)', note: resave };
      return { found: 'kunne ikke læses som PDF (filen er ødelagt eller tom)', note: resave };
    case 'no-pages':
      return { found: 'har ingen sider', note: resave };
    case 'too-many-pages':
      return { found: `har over ${BILAG_LIMITS.pages} sider; grænsen er ${BILAG_LIMITS.pages}`, note: shorten };
    case 'too-many-objects':
      return { found: `består af ${refusal.found} PDF-objekter; grænsen er ${BILAG_LIMITS.objects}`, note: `${resave} ${orShorten}` };
    case 'inflates':
      return {
        found: refusal.total
          ? `indeholder data, der pakket ud fylder over ${BILAG_LIMITS.inflatedBytes / 2 ** 20} MB i alt; grænsen er ${BILAG_LIMITS.inflatedBytes / 2 ** 20} MB`
          : `indeholder en datastrøm, der pakket ud fylder over ${BILAG_LIMITS.streamBytes / 2 ** 20} MB; grænsen er ${BILAG_LIMITS.streamBytes / 2 ** 20} MB`,
        note: `${resave} ${orShorten}`,
      };
  }
}

/**
 * The meeting's PDF bilag, disarmed (disarm.ts, in a thread of its own) and
 * parsed, by number; undefined when one was refused (reported). A file named
 * by several bilag is read once.
 */
export async function loadAttachmentPdfs(meeting: Meeting, deadline?: Deadline): Promise<Map<number, PDFDocument> | undefined> {
  const pdfs = new Map<number, PDFDocument>();
  const byContent = new Map<string, Promise<ThreadOutcome>>();
  let readable = true;
  const { disarmInThread } = await import('./bilag-thread.js');
  const jobs = meeting.items.flatMap((item) =>
    item.attachments.flatMap((bilag) => {
      const bytes = bilag.source?.bytes;
      if (!bytes || attachmentFormat(bilag.source?.relative) !== 'pdf') return [];
      const key = bilag.source?.digest ?? bilag.source!.relative;
      let outcome = byContent.get(key);
      if (!outcome) {
        byContent.set(key, (outcome = disarmInThread(bytes, BILAG_LIMITS, deadline)));
        // The meeting's deadline rejects them all; the first awaited below fails the meeting, the rest are not left unhandled.
        outcome.catch(() => undefined);
      }
      return [{ item, bilag, outcome }];
    }),
  );
  const documents = new Map<Promise<ThreadOutcome>, Promise<PDFDocument>>();
  for (const { item, bilag, outcome } of jobs) {
    const result = await outcome;
    if ('pdf' in result) {
      // The disarmed bytes are the pipeline's own: parsing them again is safe, and done once per file.
      let doc = documents.get(outcome);
      if (!doc) documents.set(outcome, (doc = PDFDocument.load(result.pdf, { updateMetadata: false })));
      pdfs.set(bilag.nummer, await doc);
      continue;
    }
    readable = false;
    const { found, note } = refusalText(result);
    report(item.file, {
      rule: 'bilag-kan-ikke-laeses',
      field: bilag.field,
      reason: `Filen ${quote(bilag.fil ?? '')} til ${bilag.label} ${found}.`,
      note,
      place: bilag.place,
    });
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
    for (const page of own) addSeparatorPage(minutes, page);
    const pdf = pdfs.get(part.nummer);
    if (!pdf) continue;
    // Disarmed already (disarm.ts): only what is allowed is in it.
    await copyBilagPages(minutes, pdf);
  }
  return bookmarks;
}

/**
 * Copy a bilag's pages with its links to its own pages intact: pdf-lib's
 * copy would point them at loose copies of those pages, outside the page
 * tree. Page references become page numbers for the copy and pages after it.
 */
async function copyBilagPages(minutes: PDFDocument, pdf: PDFDocument): Promise<void> {
  const indices = new Map(pdf.getPages().map((page, index) => [page.ref.toString(), index]));
  for (const dest of pdf.getPages().flatMap((page) => linkDestinations(pdf, page))) {
    const target = dest.get(0);
    const index = target instanceof PDFRef ? indices.get(target.toString()) : undefined;
    if (index !== undefined) dest.set(0, PDFNumber.of(index));
  }
  const copied = await minutes.copyPages(pdf, pdf.getPageIndices());
  for (const page of copied) minutes.addPage(page);
  for (const dest of copied.flatMap((page) => linkDestinations(minutes, page))) {
    const index = dest.get(0);
    const page = index instanceof PDFNumber ? copied[index.asNumber()] : undefined;
    if (page) dest.set(0, page.ref);
  }
}

function linkDestinations(doc: PDFDocument, page: PDFPage): PDFArray[] {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
  return annots.flatMap((annot) => {
    const dict = doc.context.lookup(annot);
    const dest = dict instanceof PDFDict ? dict.lookupMaybe(PDFName.of('Dest'), PDFArray) : undefined;
    return dest ? [dest] : [];
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
}

/**
 * A separator page from the printed bilag document, as it joins the samlet
 * one: its links and tags belong to that document, so they go, objects and all
 * (the saved file keeps every object still in the document).
 */
function addSeparatorPage(doc: PDFDocument, page: PDFPage): void {
  const { node } = page;
  const { context } = doc;
  const annots = node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
  for (const ref of annots) if (ref instanceof PDFRef) context.delete(ref);
  node.delete(PDFName.of('Annots'));
  node.delete(PDFName.of('StructParents'));
  doc.addPage(page);
}
