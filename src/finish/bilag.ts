/**
 * A PDF bilag's pages go into the samlet as they are. Whatever keeps them
 * from PDF/A-2 or PDF/UA-1 keeps the samlet from it too: the samlet claims
 * only what it meets, and a warning names the bilag and what it lacks.
 */
import { PDFArray, PDFDict, PDFName, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import { quote } from '../diagnostics/catalogue.js';
import { report } from '../diagnostics/diagnostic.js';
import type { Meeting } from '../validate/validate.js';
import { parseContent } from './content-stream.js';
import type { Conformance } from './metadata.js';
import { readPageContent } from './page-content.js';

const name = (value: string) => PDFName.of(value);

/** What a bilag PDF lacks for PDF/A-2 and PDF/UA-1. */
export interface BilagCheck {
  unembeddedFonts: string[];
  /** Uses DeviceCMYK, which the sRGB output intent does not cover (ISO 19005-2 6.2.4.3). */
  cmyk: boolean;
  /** Some text has no Unicode mapping (ISO 19005-2 6.2.11.7.2, level a only). */
  withoutUnicode: boolean;
}

function checkBilag(pdf: PDFDocument): BilagCheck {
  const check: BilagCheck = { unembeddedFonts: [], cmyk: false, withoutUnicode: false };
  const seen = new Set<PDFObject>();
  const visitResources = (resources: PDFDict | undefined) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [, ref] of resources.lookupMaybe(name('Font'), PDFDict)?.entries() ?? []) checkFont(pdf.context.lookup(ref), check);
    for (const [, ref] of resources.lookupMaybe(name('ColorSpace'), PDFDict)?.entries() ?? []) {
      if (String(pdf.context.lookup(ref)).includes('DeviceCMYK')) check.cmyk = true;
    }
    for (const [, ref] of resources.lookupMaybe(name('XObject'), PDFDict)?.entries() ?? []) {
      const xobject = pdf.context.lookup(ref);
      if (!(xobject instanceof PDFStream)) continue;
      if (xobject.dict.get(name('ColorSpace')) === name('DeviceCMYK')) check.cmyk = true;
      visitResources(xobject.dict.lookupMaybe(name('Resources'), PDFDict));
    }
  };
  for (const page of pdf.getPages()) {
    visitResources(page.node.Resources());
    if (parseContent(readPageContent(pdf, page)).some((operation) => operation.operator === 'k' || operation.operator === 'K')) check.cmyk = true;
  }
  check.unembeddedFonts.sort();
  return check;
}

const STANDARD_ENCODINGS = new Set(['WinAnsiEncoding', 'MacRomanEncoding', 'StandardEncoding']);

function checkFont(font: PDFObject | undefined, check: BilagCheck): void {
  if (!(font instanceof PDFDict)) return;
  const subtype = font.get(name('Subtype'));
  // Type 3 glyphs are content streams of the file itself: nothing to embed.
  if (subtype === name('Type3')) return;
  const descendant = font.lookupMaybe(name('DescendantFonts'), PDFArray)?.lookup(0);
  const described = descendant instanceof PDFDict ? descendant : font;
  const descriptor = described.lookupMaybe(name('FontDescriptor'), PDFDict);
  const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(name(key)));
  const base = font.get(name('BaseFont'));
  const label = base instanceof PDFName ? base.decodeText().replace(/^[A-Z]{6}\+/, '') : 'uden navn';
  if (!embedded && !check.unembeddedFonts.includes(label)) check.unembeddedFonts.push(label);
  const encoding = font.get(name('Encoding'));
  if (!font.has(name('ToUnicode')) && !(encoding instanceof PDFName && STANDARD_ENCODINGS.has(encoding.decodeText()))) check.withoutUnicode = true;
}

/** What a samlet may claim, given its PDF bilag's checks. */
export function samletConformance(checks: BilagCheck[]): Conformance {
  const fontsEmbedded = checks.every((check) => check.unembeddedFonts.length === 0);
  const pdfa = fontsEmbedded && !checks.some((check) => check.cmyk) ? (checks.some((check) => check.withoutUnicode) ? 'B' : 'A') : undefined;
  // PDF/UA-1 7.21.4.1: every font used for rendering is embedded, artifacts included.
  return { pdfa, pdfua: fontsEmbedded };
}

/** Check each PDF bilag once per meeting, warning about those that keep the samlet from a standard. */
export function checkBilagPdfs(meeting: Meeting, pdfs: Map<number, PDFDocument>): Map<number, BilagCheck> {
  const checks = new Map<number, BilagCheck>();
  // A file named by several bilag is one document: checked, and warned about, once.
  const byDocument = new Map<PDFDocument, BilagCheck>();
  for (const item of meeting.items) {
    for (const bilag of item.attachments) {
      const pdf = pdfs.get(bilag.nummer);
      if (!pdf) continue;
      const known = byDocument.get(pdf);
      const check = known ?? checkBilag(pdf);
      checks.set(bilag.nummer, check);
      if (known) continue;
      byDocument.set(pdf, check);
      const lacks = [
        ...(check.unembeddedFonts.length > 0
          ? [`${check.unembeddedFonts.length === 1 ? 'skrifttypen' : 'skrifttyperne'} ${check.unembeddedFonts.join(', ')} er ikke indlejret`]
          : []),
        ...(check.cmyk ? ['det bruger CMYK-farver'] : []),
      ];
      if (lacks.length === 0) continue;
      const claims = check.unembeddedFonts.length > 0 ? 'PDF/A-2 eller PDF/UA-1' : 'PDF/A-2';
      report(item.file, {
        rule: 'bilag-ikke-arkivformat',
        field: bilag.field,
        reason: `Filen ${quote(bilag.fil ?? '')} til ${bilag.label} opfylder ikke ${claims}: ${lacks.join(', og ')}. Den samlede udgave erklæres derfor ikke som ${claims}; det gør kun udgaven uden bilag.`,
        note: 'Gem bilaget som PDF/A (fx "Gem som PDF/A" i Word eller LibreOffice), så skrifttyperne kommer med.',
        place: bilag.place,
        severity: 'warning',
      });
    }
  }
  return checks;
}
