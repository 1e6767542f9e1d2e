/**
 * A page's content as one latin1 string (its streams joined), and back as
 * one compressed stream.
 * Flate goes through Node's zlib: pdf-lib's own (JavaScript) inflate and
 * deflate cost several times as much.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

/** The references of the page's content streams (Contents is a stream or an array of them). */
function contentRefs(doc: PDFDocument, page: PDFPage): PDFObject[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
  return resolved instanceof PDFArray ? resolved.asArray() : contents ? [contents] : [];
}

/** A stream's bytes as latin1 text (content streams, ToUnicode maps). */
export function streamText(stream: PDFRawStream): string {
  const plainFlate = stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'));
  const bytes = plainFlate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function readPageContent(doc: PDFDocument, page: PDFPage): string {
  return contentRefs(doc, page)
    .map((ref) => {
      const stream = doc.context.lookup(ref);
      return stream instanceof PDFRawStream ? streamText(stream) : '';
    })
    .join('\n');
}

/** Replace the stream behind `ref` (a content stream or ToUnicode map), its dictionary made anew. */
export function replaceStream(doc: PDFDocument, ref: PDFRef, content: string): void {
  doc.context.assign(ref, compressedStream(doc, content));
}

function compressedStream(doc: PDFDocument, content: string): PDFRawStream {
  const compressed = deflateSync(Buffer.from(content, 'latin1'));
  return PDFRawStream.of(doc.context.obj({ Filter: 'FlateDecode', Length: compressed.length }), compressed);
}

/** The page's fonts that map their glyphs to text: resource name, the font's reference and its ToUnicode stream. */
export function unicodeFonts(doc: PDFDocument, page: PDFPage): { name: string; font: PDFObject; toUnicode: PDFRef; stream: PDFRawStream }[] {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  return [...(fonts?.entries() ?? [])].flatMap(([name, font]) => {
    const dict = doc.context.lookup(font);
    const toUnicode = dict instanceof PDFDict ? dict.get(PDFName.of('ToUnicode')) : undefined;
    const stream = toUnicode instanceof PDFRef ? doc.context.lookup(toUnicode) : undefined;
    return toUnicode instanceof PDFRef && stream instanceof PDFRawStream ? [{ name: name.asString().slice(1), font, toUnicode, stream }] : [];
  });
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
  page.node.set(PDFName.of('Contents'), context.register(compressedStream(doc, content)));
}
