/**
 * Document metadata, twice and the same: the Info dictionary and an XMP
 * stream (ISO 19005-2 6.6: every Info entry has its XMP counterpart with the
 * same value, and pdfaid names part and level; ISO 14289-1 5 and 7.1:
 * pdfuaid and dc:title). Dates come from the content, never the clock, so
 * the same content gives the same bytes.
 */
import { PDFName, PDFRef, type PDFDocument } from 'pdf-lib';

export interface DocumentMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The content's own date (the referat's date, else the meeting date). */
  date: Date;
}

/** What the finished file claims to be; a samlet claims less when a bilag keeps it from more. */
export interface Conformance {
  /** PDF/A-2 level, or none. */
  pdfa?: 'A' | 'B';
  /** PDF/UA-1. */
  pdfua: boolean;
}

const PRODUCER = 'referat';
const LANGUAGE = 'da-DK';

export function writeMetadata(doc: PDFDocument, metadata: DocumentMetadata, conformance: Conformance): void {
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setKeywords(metadata.keywords);
  doc.setCreator(PRODUCER);
  doc.setProducer(PRODUCER);
  doc.setLanguage(LANGUAGE);
  doc.setCreationDate(metadata.date);
  doc.setModificationDate(metadata.date);
  const xmp = doc.context.stream(Buffer.from(xmpPacket(metadata, conformance), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  // Left uncompressed, so archive tools that scan for XMP packets find it.
  // The samlet is finished from the same document again: its earlier packet goes.
  const existing = doc.catalog.get(PDFName.of('Metadata'));
  if (existing instanceof PDFRef) doc.context.delete(existing);
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet, with pdf-lib's Info values (keywords joined by spaces, dates to the second in UTC). */
function xmpPacket(metadata: DocumentMetadata, conformance: Conformance): string {
  const date = metadata.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  const lines = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    '  xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '  xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '  xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"',
    '  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"',
    '  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
    '  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"',
    '  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(metadata.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(metadata.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(metadata.subject)}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${LANGUAGE}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool>`,
    `<pdf:Producer>${PRODUCER}</pdf:Producer>`,
    `<pdf:Keywords>${escapeXml(metadata.keywords.join(' '))}</pdf:Keywords>`,
    ...(conformance.pdfa ? ['<pdfaid:part>2</pdfaid:part>', `<pdfaid:conformance>${conformance.pdfa}</pdfaid:conformance>`] : []),
    ...(conformance.pdfua ? ['<pdfuaid:part>1</pdfuaid:part>'] : []),
    // PDF/A-2 accepts only the schemas it predefines unless the others are described (ISO 19005-2 6.6.2.3.1).
    ...(conformance.pdfa && conformance.pdfua ? PDFUA_EXTENSION : []),
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ];
  return lines.join('\n');
}

const PDFUA_EXTENSION = [
  '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
  '<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>',
  '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
  '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>',
  '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">',
  '<pdfaProperty:name>part</pdfaProperty:name>',
  '<pdfaProperty:valueType>Integer</pdfaProperty:valueType>',
  '<pdfaProperty:category>internal</pdfaProperty:category>',
  '<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>',
  '</rdf:li></rdf:Seq></pdfaSchema:property>',
  '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
];
