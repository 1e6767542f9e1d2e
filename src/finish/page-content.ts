/** A page's content as one latin1 string (its streams joined), and back as one compressed stream. */
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

/** The references of the page's content streams (Contents is a stream or an array of them). */
function contentRefs(doc: PDFDocument, page: PDFPage): PDFObject[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
  return resolved instanceof PDFArray ? resolved.asArray() : contents ? [contents] : [];
}

export function readPageContent(doc: PDFDocument, page: PDFPage): string {
  return contentRefs(doc, page)
    .map((ref) => {
      const stream = doc.context.lookup(ref);
      return stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '';
    })
    .join('\n');
}

/** Replace the page's content streams (deleted: the saved file keeps every object still in the document). */
export function writePageContent(doc: PDFDocument, page: PDFPage, content: string): void {
  const { context } = doc;
  for (const ref of contentRefs(doc, page)) {
    if (!(ref instanceof PDFRef)) continue;
    const stream = context.lookup(ref);
    const length = stream instanceof PDFRawStream ? stream.dict.get(PDFName.of('Length')) : undefined;
    if (length instanceof PDFRef) context.delete(length);
    context.delete(ref);
  }
  page.node.set(PDFName.of('Contents'), context.register(context.flateStream(Buffer.from(content, 'latin1'))));
}
