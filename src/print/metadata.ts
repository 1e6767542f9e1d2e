/**
 * Stamp the document's metadata from the content, not from the clock, so that
 * the same content always gives the same bytes.
 */
import { PDFDocument } from 'pdf-lib';

export interface DocumentMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The content's own date (the referat's date, else the meeting date). */
  date: Date;
}

export const PRODUCER = 'referat';

export async function stampMetadata(pdf: Uint8Array, metadata: DocumentMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setKeywords(metadata.keywords);
  doc.setCreator(PRODUCER);
  doc.setProducer(PRODUCER);
  doc.setLanguage('da-DK');
  doc.setCreationDate(metadata.date);
  doc.setModificationDate(metadata.date);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
