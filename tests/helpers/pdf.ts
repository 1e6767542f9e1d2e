/**
 * Read a printed PDF back, independently of the code that made it: text per
 * page and outline with pdf.js; language and embedded fonts with pdf-lib.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFObject } from 'pdf-lib';

export interface PdfReadback {
  pageCount: number;
  /** Text of each page, with line breaks where pdf.js sees them. */
  pages: string[];
  /** Bookmarks in reading order, nested ones flattened with their depth. */
  outline: { title: string; page: number; depth: number }[];
  info: { Title?: string; Author?: string; Subject?: string; Keywords?: string; Producer?: string; CreationDate?: string };
  language: string | undefined;
  fonts: { name: string; subtype: string; embedded: boolean }[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReadback> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const content = await (await doc.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    const outline: PdfReadback['outline'] = [];
    type Node = Awaited<ReturnType<typeof doc.getOutline>>[number];
    const walk = async (entries: Node[], depth: number): Promise<void> => {
      for (const entry of entries) {
        const dest = typeof entry.dest === 'string' ? await doc.getDestination(entry.dest) : entry.dest;
        outline.push({ title: entry.title, page: dest ? (await doc.getPageIndex(dest[0])) + 1 : 0, depth });
        await walk(entry.items, depth + 1);
      }
    };
    await walk((await doc.getOutline()) ?? [], 0);
    const { info } = await doc.getMetadata();
    const structure = await inspect(bytes);
    return { pageCount: doc.numPages, pages, outline, info: info as PdfReadback['info'], ...structure };
  } finally {
    await doc.destroy();
  }
}

async function inspect(bytes: Uint8Array): Promise<Pick<PdfReadback, 'language' | 'fonts'>> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = doc.catalog.lookupMaybe(PDFName.of('Lang'), PDFString);
  const fonts = new Map<string, PdfReadback['fonts'][number]>();
  for (const page of doc.getPages()) {
    const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref, PDFDict);
      const subtype = font.get(PDFName.of('Subtype'))?.toString() ?? '';
      const name = font.get(PDFName.of('BaseFont'))?.toString() ?? '(uden navn)';
      const descendants = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray);
      const descriptor = (descendants ? descendants.lookup(0, PDFDict) : font).lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)) ?? false);
      fonts.set(`${name}${subtype}`, { name, subtype, embedded });
    }
  }
  return { language: lang?.decodeText(), fonts: [...fonts.values()] };
}

/**
 * Everything a PDF file holds that could carry words, for proving that some
 * text is NOT in it: the raw bytes, every stream inflated, every string
 * object decoded (titles, metadata, link targets, names), the text pdf.js
 * extracts per page and the outline. Lower-cased.
 */
export async function everythingIn(bytes: Uint8Array): Promise<string> {
  const parts: string[] = [Buffer.from(bytes).toString('latin1')];
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const visit = (value: PDFObject | undefined): void => {
    if (value instanceof PDFString || value instanceof PDFHexString) parts.push(value.decodeText());
    else if (value instanceof PDFName) parts.push(value.decodeText());
    else if (value instanceof PDFArray) value.asArray().forEach(visit);
    else if (value instanceof PDFDict) for (const [key, entry] of value.entries()) (visit(key), visit(entry));
    if (value instanceof PDFRawStream) {
      visit(value.dict);
      const raw = Buffer.from(value.contents);
      const filter = value.dict.get(PDFName.of('Filter'));
      let data = raw;
      try {
        if (filter === PDFName.of('FlateDecode')) data = inflateSync(raw);
      } catch {
        // Not inflatable (e.g. an image with a predictor): its raw bytes are searched above.
      }
      parts.push(data.toString('latin1'), data.toString('utf8'), swapped(data));
    }
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) visit(object);
  visit(doc.context.trailerInfo.Info);
  const readback = await readPdf(bytes);
  parts.push(...readback.pages, ...readback.outline.map((entry) => entry.title), ...Object.values(readback.info).map(String));
  return parts.join('\n').toLowerCase();
}

/** UTF-16BE text (as in XMP or text strings) read from an even-length copy. */
function swapped(data: Buffer): string {
  const copy = Buffer.from(data.subarray(0, data.length - (data.length % 2)));
  return copy.swap16().toString('utf16le');
}
