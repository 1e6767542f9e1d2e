/**
 * The trailer /ID (ISO 19005-2 6.1.3) as a hash of the file itself, so the
 * same content gives the same bytes: the file is saved with a placeholder
 * of the same length, which is then overwritten in place (no offset moves).
 */
import { createHash } from 'node:crypto';
import { PDFHexString, type PDFDocument } from 'pdf-lib';

/** 16 bytes, as ISO 32000-1 14.4 suggests. */
const PLACEHOLDER = '0'.repeat(32);

export function writeIdPlaceholder(doc: PDFDocument): void {
  const id = PDFHexString.of(PLACEHOLDER);
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
}

/** Replace the placeholder (both entries, in the trailer at the end) with the hash of the bytes. */
export function fillId(bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const marker = `<${PLACEHOLDER}>`;
  const at = buffer.lastIndexOf(`[ ${marker} ${marker} ]`, undefined, 'latin1');
  if (at < 0) throw new Error('The /ID placeholder was not found in the saved PDF');
  const hash = createHash('sha256').update(buffer).digest('hex').slice(0, PLACEHOLDER.length).toUpperCase();
  buffer.write(`[ <${hash}> <${hash}> ]`, at, 'latin1');
  return bytes;
}
