/**
 * A page's content as one latin1 string (its streams joined), and back as
 * one compressed stream.
 * Flate goes through Node's zlib: pdf-lib's own (JavaScript) inflate and
 * deflate cost several times as much.
 */
import { promisify } from 'node:util';
import { deflate, deflateSync, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

/** The references of the page's content streams (Contents is a stream or an array of them). */
function contentRefs(doc: PDFDocument, page: PDFPage): PDFObject[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
  return resolved instanceof PDFArray ? resolved.asArray() : contents ? [contents] : [];
}

/** Flate without predictors: what zlib reads on its own; anything else goes through pdf-lib. */
function isPlainFlate(stream: PDFRawStream): boolean {
  return stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'));
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** A stream's bytes as latin1 text (content streams, ToUnicode maps). */
export function streamText(stream: PDFRawStream): string {
  return latin1(isPlainFlate(stream) ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode());
}

/** The page's content streams. */
function pageStreams(doc: PDFDocument, page: PDFPage): PDFRawStream[] {
  return contentRefs(doc, page).flatMap((ref) => {
    const stream = doc.context.lookup(ref);
    return stream instanceof PDFRawStream ? [stream] : [];
  });
}

export function readPageContent(doc: PDFDocument, page: PDFPage): string {
  return pageStreams(doc, page).map(streamText).join('\n');
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
  replacePageContent(doc, page, deflateSync(Buffer.from(content, 'latin1')));
}

/**
 * Content compressed in zlib's thread pool, for replacePageContent: the main
 * thread, which serves every print in flight, is not held up for it.
 */
export function compressInPool(content: string): Promise<Uint8Array> {
  return deflateInPool(Buffer.from(content, 'latin1'));
}

const deflateInPool = promisify(deflate);

/** Replace the page's content streams with one compressed stream. */
export function replacePageContent(doc: PDFDocument, page: PDFPage, compressed: Uint8Array): void {
  const { context } = doc;
  for (const ref of contentRefs(doc, page)) {
    if (!(ref instanceof PDFRef)) continue;
    const stream = context.lookup(ref);
    const length = stream instanceof PDFRawStream ? stream.dict.get(PDFName.of('Length')) : undefined;
    if (length instanceof PDFRef) context.delete(length);
    context.delete(ref);
  }
  const stream = PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length: compressed.length }), compressed);
  page.node.set(PDFName.of('Contents'), context.register(stream));
}
