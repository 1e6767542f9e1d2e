/**
 * The sRGB output intent (ISO 19005-2 6.2.3): Chromium paints in
 * DeviceRGB, which PDF/A accepts only beside an output intent saying what
 * RGB means. The ICC profile is the sRGB IEC61966-2.1 profile that pdfkit
 * ships for its own PDF/A output, read from the installed package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFName, PDFRawStream, PDFString, type PDFDocument } from 'pdf-lib';

const CONDITION = 'sRGB IEC61966-2.1';

let profile: Uint8Array | undefined;

/** The profile's bytes, compressed, read once per process (a file, not a browser: nothing to close). */
function srgbProfile(): Uint8Array {
  if (!profile) {
    const require = createRequire(import.meta.url);
    // pdfkit exports no package.json: its main script sits in js/, beside data/.
    profile = deflateSync(readFileSync(path.join(path.dirname(require.resolve('pdfkit')), 'data', 'sRGB_IEC61966_2_1.icc')));
  }
  return profile;
}

export function writeOutputIntent(doc: PDFDocument): void {
  const { context } = doc;
  if (doc.catalog.has(PDFName.of('OutputIntents'))) return;
  const compressed = srgbProfile();
  const icc = context.register(PDFRawStream.of(context.obj({ N: 3, Filter: 'FlateDecode', Length: compressed.length }), compressed));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(CONDITION),
    Info: PDFString.of(CONDITION),
    DestOutputProfile: icc,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));
}
