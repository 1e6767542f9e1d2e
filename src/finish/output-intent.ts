/**
 * The sRGB output intent (ISO 19005-2 6.2.3): Chromium paints in
 * DeviceRGB, which PDF/A accepts only beside an output intent saying what
 * RGB means. The ICC profile is the sRGB IEC61966-2.1 profile that pdfkit
 * ships for its own PDF/A output, read from the installed package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';

const CONDITION = 'sRGB IEC61966-2.1';

let profile: Uint8Array | undefined;

/** The profile's bytes, read once per process (a file, not a browser: nothing to close). */
function srgbProfile(): Uint8Array {
  if (!profile) {
    const require = createRequire(import.meta.url);
    profile = readFileSync(path.join(path.dirname(require.resolve('pdfkit/package.json')), 'js', 'data', 'sRGB_IEC61966_2_1.icc'));
  }
  return profile;
}

export function writeOutputIntent(doc: PDFDocument): void {
  const { context } = doc;
  if (doc.catalog.has(PDFName.of('OutputIntents'))) return;
  const icc = context.register(context.flateStream(srgbProfile(), { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(CONDITION),
    Info: PDFString.of(CONDITION),
    DestOutputProfile: icc,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));
}

/** Hex digits of the trailer /ID placeholder: 16 bytes, as ISO 32000-1 14.4 suggests. */
const ID_DIGITS = 32;

/** A placeholder /ID the same length as the real one, replaced after saving (see finish.ts). */
export function writeIdPlaceholder(doc: PDFDocument): string {
  const placeholder = '0'.repeat(ID_DIGITS);
  const id = PDFHexString.of(placeholder);
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return placeholder;
}
