/**
 * Read a printed PDF back, independently of the code that made it: text per
 * page and outline with pdf.js; language and embedded fonts with pdf-lib.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';

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
