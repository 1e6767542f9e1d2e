/**
 * The machine-checkable conditions of PDF/UA-1 (ISO 14289-1, with the
 * Matterhorn Protocol's checkpoint numbers) and PDF/A-2 (ISO 19005-2), read
 * back from a file independently of src/finish: page content through
 * pdf.js's operator lists, everything else through pdf-lib's object parser.
 * veraPDF, the reference validator, cannot be installed here; this holds
 * the files to the subset of its rules that concern what referat writes.
 * Each failure is one line naming the clause it breaks.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';

export interface Claims {
  pdfa?: { part: string; conformance: string };
  pdfua?: string;
}

export interface ConformanceReport {
  claims: Claims;
  /** What fails, one line each; empty when the file meets what it can be checked for. */
  failures: string[];
}

/** Operators that put marks on the page (pdf.js merges path construction into constructPath). */
const MARKING = new Set([
  OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText,
  OPS.constructPath, OPS.fill, OPS.eoFill, OPS.stroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeStroke,
  OPS.closeFillStroke, OPS.closeEOFillStroke, OPS.shadingFill, OPS.paintImageXObject, OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup, OPS.paintSolidColorImageMask,
]);

const STANDARD_TYPES = new Set(
  ('Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form').split(' '),
);

const name = (value: string) => PDFName.of(value);
const text = (value: PDFObject | undefined) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

export async function checkConformance(bytes: Uint8Array): Promise<ConformanceReport> {
  const failures: string[] = [];
  const fail = (clause: string, what: string) => failures.push(`${clause}: ${what}`);
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { catalog, context } = doc;
  const xmp = readXmp(doc);
  const claims = claimsOf(xmp);

  // ISO 19005-2 6.6.2.1 and 6.6.4; Matterhorn 06-001, 06-002, 06-003 (ISO 14289-1 5, 7.1).
  if (xmp === undefined) fail('Matterhorn 06-001 / ISO 19005-2 6.6.2.1', 'no XMP metadata stream in the catalog');
  else {
    if (!claims.pdfua) fail('Matterhorn 06-002 / ISO 14289-1 5', 'XMP has no pdfuaid:part');
    if (!claims.pdfa) fail('ISO 19005-2 6.6.4', 'XMP has no pdfaid:part and pdfaid:conformance');
    if (!/<dc:title>/.test(xmp)) fail('Matterhorn 06-003', 'XMP has no dc:title');
    if (claims.pdfa && claims.pdfua && !xmp.includes('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>')) {
      fail('ISO 19005-2 6.6.2.3.1', 'pdfuaid is used without a PDF/A extension schema describing it');
    }
    checkInfoMatchesXmp(doc, xmp, fail);
  }
  // Matterhorn 07-001, 07-002.
  const preferences = catalog.lookupMaybe(name('ViewerPreferences'), PDFDict);
  if (preferences?.get(name('DisplayDocTitle')) !== PDFBool.True) fail('Matterhorn 07-001/07-002', 'ViewerPreferences /DisplayDocTitle is not true');
  // Matterhorn 11-006 (ISO 14289-1 7.2): the document's natural language.
  if (!text(catalog.get(name('Lang')))) fail('Matterhorn 11-006 / ISO 14289-1 7.2', 'catalog has no /Lang');
  // ISO 14289-1 7.1 and ISO 19005-2 6.7.2.2: a tagged file says so.
  const markInfo = catalog.lookupMaybe(name('MarkInfo'), PDFDict);
  if (markInfo?.get(name('Marked')) !== PDFBool.True) fail('ISO 14289-1 7.1 / ISO 19005-2 6.7.2.2', 'catalog /MarkInfo /Marked is not true');
  // ISO 19005-2 6.2.3: an output intent with an ICC profile (DeviceRGB is used).
  checkOutputIntent(doc, fail);
  // ISO 19005-2 6.1.3: a trailer /ID, no /Encrypt.
  const trailer = context.trailerInfo;
  if (!(trailer.ID instanceof PDFArray) || trailer.ID.size() !== 2) fail('ISO 19005-2 6.1.3', 'trailer has no /ID');
  if (trailer.Encrypt) fail('ISO 19005-2 6.1.3', 'file is encrypted');
  // ISO 19005-2 6.5.1 and 6.5.2: no JavaScript action anywhere, no catalog /AA.
  if (catalog.has(name('AA'))) fail('ISO 19005-2 6.5.2', 'catalog has /AA');
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(name('S')) === name('JavaScript')) fail('ISO 19005-2 6.5.1', 'a JavaScript action');
  }

  const tree = readStructure(doc, fail);
  await checkContent(bytes, doc, tree, fail);
  checkAnnotations(doc, fail);
  checkFonts(doc, claims.pdfa?.conformance === 'A', fail);
  return { claims, failures };
}

function readXmp(doc: PDFDocument): string | undefined {
  const stream = doc.catalog.lookupMaybe(name('Metadata'), PDFStream);
  if (!(stream instanceof PDFRawStream)) return undefined;
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
}

function claimsOf(xmp: string | undefined): Claims {
  const value = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xmp ?? '')?.[1];
  const part = value('pdfaid:part');
  const conformance = value('pdfaid:conformance');
  return { pdfa: part && conformance ? { part, conformance } : undefined, pdfua: value('pdfuaid:part') };
}

/** ISO 19005-2 6.6.3: every Info entry has an equivalent XMP property with the same value. */
function checkInfoMatchesXmp(doc: PDFDocument, xmp: string, fail: (clause: string, what: string) => void): void {
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) return;
  const unescape = (value: string) => value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const property = (pattern: string) => {
    const found = new RegExp(pattern).exec(xmp)?.[1];
    return found === undefined ? undefined : unescape(found);
  };
  const pdfDate = (value: string | undefined) => {
    const match = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z/.exec(value ?? '');
    return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z` : value;
  };
  const pairs: [string, string | undefined, string | undefined][] = [
    ['Title', text(info.get(name('Title'))), property('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)<')],
    ['Author', text(info.get(name('Author'))), property('<dc:creator><rdf:Seq><rdf:li>([^<]*)<')],
    ['Subject', text(info.get(name('Subject'))), property('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)<')],
    ['Keywords', text(info.get(name('Keywords'))), property('<pdf:Keywords>([^<]*)<')],
    ['Producer', text(info.get(name('Producer'))), property('<pdf:Producer>([^<]*)<')],
    ['Creator', text(info.get(name('Creator'))), property('<xmp:CreatorTool>([^<]*)<')],
    ['CreationDate', pdfDate(text(info.get(name('CreationDate')))), property('<xmp:CreateDate>([^<]*)<')],
    ['ModDate', pdfDate(text(info.get(name('ModDate')))), property('<xmp:ModifyDate>([^<]*)<')],
  ];
  for (const [key, inInfo, inXmp] of pairs) {
    if (inInfo !== undefined && inInfo !== inXmp) fail('ISO 19005-2 6.6.3', `Info /${key} ${JSON.stringify(inInfo)} ≠ XMP ${JSON.stringify(inXmp)}`);
  }
}

function checkOutputIntent(doc: PDFDocument, fail: (clause: string, what: string) => void): void {
  const intents = doc.catalog.lookupMaybe(name('OutputIntents'), PDFArray)?.asArray() ?? [];
  const pdfa = intents.map((intent) => doc.context.lookup(intent)).find((intent) => intent instanceof PDFDict && intent.get(name('S')) === name('GTS_PDFA1'));
  const profile = pdfa instanceof PDFDict ? pdfa.lookupMaybe(name('DestOutputProfile'), PDFStream) : undefined;
  if (!profile) fail('ISO 19005-2 6.2.3', 'no GTS_PDFA1 output intent with a DestOutputProfile');
  else if (profile.dict.lookupMaybe(name('N'), PDFNumber)?.asNumber() !== 3) fail('ISO 19005-2 6.2.3', 'the output intent profile is not an RGB profile (/N 3)');
}

interface StructureTree {
  /** Per page (by its ref), MCID → the structure element that owns it, from the ParentTree. */
  parents: Map<string, Map<number, PDFDict>>;
  /** Per page, the MCIDs the structure elements reference. */
  referenced: Map<string, Set<number>>;
}

/** The structure tree: its element types, lists, headings, figures; and which MCIDs it owns. */
function readStructure(doc: PDFDocument, fail: (clause: string, what: string) => void): StructureTree {
  const tree: StructureTree = { parents: new Map(), referenced: new Map() };
  const root = doc.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  if (!root) {
    fail('Matterhorn 01-005 / ISO 14289-1 7.1', 'no structure tree');
    return tree;
  }
  const roles = root.lookupMaybe(name('RoleMap'), PDFDict);
  const standard = (type: string) => {
    // Matterhorn 02-001/02-003: a non-standard type maps (without cycles) to a standard one.
    const seen = new Set<string>();
    let current = type;
    while (!STANDARD_TYPES.has(current)) {
      const mapped = roles?.get(name(current));
      if (!(mapped instanceof PDFName) || seen.has(current)) return undefined;
      seen.add(current);
      current = mapped.decodeText();
    }
    return current;
  };
  let previousHeading = 0;
  const visit = (ref: PDFObject, parentType: string, inheritedPage: PDFObject | undefined) => {
    const element = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
    if (!(element instanceof PDFDict)) return;
    const rawType = (element.get(name('S')) as PDFName).decodeText();
    const type = standard(rawType);
    if (!type) fail('Matterhorn 02-001', `structure type /${rawType} is not standard and has no RoleMap entry`);
    const page = element.get(name('Pg')) ?? inheritedPage;
    const kids = element.get(name('K'));
    const list = kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
    const childTypes: string[] = [];
    for (const kid of list) {
      if (kid instanceof PDFNumber) {
        reference(tree, page, kid.asNumber());
        continue;
      }
      const child = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
      if (!(child instanceof PDFDict)) continue;
      if (child.get(name('Type')) === name('MCR')) {
        reference(tree, child.get(name('Pg')) ?? page, (child.get(name('MCID')) as PDFNumber).asNumber());
      } else if (child.get(name('Type')) !== name('OBJR') && child.has(name('S'))) {
        childTypes.push(standard((child.get(name('S')) as PDFName).decodeText()) ?? '?');
      }
    }
    // Matterhorn 09-005 (ISO 32000-1 14.8.4.3.3): L holds LI (or L, Caption); LI holds Lbl and LBody.
    if (type === 'L' && childTypes.some((child) => !['LI', 'L', 'Caption'].includes(child))) fail('Matterhorn 09-005', `L holds ${childTypes.join(', ')}`);
    if (type === 'LI' && (childTypes.length === 0 || childTypes.some((child) => !['Lbl', 'LBody'].includes(child)))) fail('Matterhorn 09-005', `LI holds ${childTypes.join(', ') || 'nothing'}`);
    if ((type === 'LI' || type === 'LBody' || type === 'Lbl') && !['L', 'LI'].includes(parentType)) fail('Matterhorn 09-005', `${type} inside ${parentType}`);
    // Matterhorn 09-006: TOC holds TOCI (or TOC, Caption); TOCI only inside TOC.
    if (type === 'TOC' && childTypes.some((child) => !['TOCI', 'TOC', 'Caption'].includes(child))) fail('Matterhorn 09-006', `TOC holds ${childTypes.join(', ')}`);
    if (type === 'TOCI' && parentType !== 'TOC') fail('Matterhorn 09-006', `TOCI inside ${parentType}`);
    if (type === 'TOCI' && childTypes.some((child) => !['Lbl', 'Reference', 'NonStruct', 'P', 'TOC'].includes(child))) fail('Matterhorn 09-006', `TOCI holds ${childTypes.join(', ')}`);
    // Matterhorn 14-002 and 14-003: the first heading is H1, and levels never skip going down.
    const level = /^H([1-6])$/.exec(type ?? '');
    if (level) {
      const current = Number(level[1]);
      if (previousHeading === 0 && current !== 1) fail('Matterhorn 14-002', `the first heading is H${current}`);
      else if (current > previousHeading + 1) fail('Matterhorn 14-003', `H${current} follows H${previousHeading}`);
      previousHeading = current;
    }
    // Matterhorn 13-004 (ISO 14289-1 7.3): a figure has alternative text.
    if (type === 'Figure' && !text(element.get(name('Alt'))) && !text(element.get(name('ActualText')))) fail('Matterhorn 13-004', 'Figure without /Alt');
    for (const kid of list) {
      const child = kid instanceof PDFRef ? doc.context.lookup(kid) : undefined;
      if (child instanceof PDFDict && child.has(name('S'))) visit(kid, type ?? rawType, page);
    }
  };
  const top = root.get(name('K'));
  for (const kid of top instanceof PDFArray ? top.asArray() : top ? [top] : []) visit(kid, 'StructTreeRoot', undefined);

  // The ParentTree: for each page, MCID → owner (a flat number tree, as Chromium and referat write it).
  const parentTree = root.lookupMaybe(name('ParentTree'), PDFDict);
  const nums = collectNums(doc, parentTree);
  for (const page of doc.getPages()) {
    const key = page.node.get(name('StructParents'));
    if (!(key instanceof PDFNumber)) continue;
    const owners = nums.get(key.asNumber());
    const byMcid = new Map<number, PDFDict>();
    owners?.asArray().forEach((owner, mcid) => {
      const dict = doc.context.lookup(owner);
      if (dict instanceof PDFDict) byMcid.set(mcid, dict);
    });
    tree.parents.set(page.ref.toString(), byMcid);
  }
  return tree;
}

function reference(tree: StructureTree, page: PDFObject | undefined, mcid: number): void {
  const key = page?.toString() ?? '?';
  let set = tree.referenced.get(key);
  if (!set) tree.referenced.set(key, (set = new Set()));
  set.add(mcid);
}

function collectNums(doc: PDFDocument, node: PDFDict | undefined, into = new Map<number, PDFArray>()): Map<number, PDFArray> {
  if (!node) return into;
  const nums = node.lookupMaybe(name('Nums'), PDFArray)?.asArray() ?? [];
  for (let index = 0; index + 1 < nums.length; index += 2) {
    const value = doc.context.lookup(nums[index + 1]);
    if (value instanceof PDFArray) into.set((nums[index] as PDFNumber).asNumber(), value);
  }
  for (const kid of node.lookupMaybe(name('Kids'), PDFArray)?.asArray() ?? []) collectNums(doc, doc.context.lookup(kid, PDFDict), into);
  return into;
}

/**
 * Every piece of content is tagged or an artifact (Matterhorn 01-005),
 * nothing tagged sits inside an artifact (01-004) or an artifact inside
 * tagged content (01-003), and every MCID is owned through the ParentTree
 * by an element that references it back (ISO 14289-1 7.1; ISO 32000-1 14.7.4.4).
 */
async function checkContent(bytes: Uint8Array, doc: PDFDocument, tree: StructureTree, fail: (clause: string, what: string) => void): Promise<void> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages = doc.getPages();
    for (let number = 1; number <= pdf.numPages; number++) {
      const pageRef = pages[number - 1]!.ref.toString();
      const owners = tree.parents.get(pageRef);
      const referenced = tree.referenced.get(pageRef) ?? new Set<number>();
      const { fnArray, argsArray } = await (await pdf.getPage(number)).getOperatorList();
      const stack: ('artifact' | 'tagged' | 'other')[] = [];
      let untagged = 0;
      const seen = new Set<number>();
      fnArray.forEach((fn, index) => {
        if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
          const [tag, mcid] = argsArray[index] as [string, number | null | undefined];
          const kind = tag === 'Artifact' ? 'artifact' : typeof mcid === 'number' ? 'tagged' : 'other';
          if (kind === 'tagged' && stack.includes('artifact')) fail('Matterhorn 01-004', `page ${number}: MCID ${mcid} inside an artifact`);
          if (kind === 'artifact' && stack.includes('tagged')) fail('Matterhorn 01-003', `page ${number}: an artifact inside tagged content`);
          if (kind === 'tagged') {
            seen.add(mcid!);
            const owner = owners?.get(mcid!);
            if (!owner) fail('ISO 14289-1 7.1 (orphaned marked content)', `page ${number}: MCID ${mcid} has no owner in the ParentTree`);
            else if (!referenced.has(mcid!)) fail('ISO 14289-1 7.1 (orphaned marked content)', `page ${number}: MCID ${mcid} is not referenced by any structure element`);
          }
          stack.push(kind);
        } else if (fn === OPS.endMarkedContent) {
          stack.pop();
        } else if (MARKING.has(fn) && !stack.includes('artifact') && !stack.includes('tagged')) {
          untagged++;
        }
      });
      if (untagged > 0) fail('Matterhorn 01-005', `page ${number}: ${untagged} drawing operations neither tagged nor artifact`);
      for (const mcid of referenced) {
        if (!seen.has(mcid)) fail('ISO 32000-1 14.7.4 (dangling reference)', `page ${number}: structure references MCID ${mcid}, which the page does not have`);
      }
    }
  } finally {
    await pdf.destroy();
  }
}

/** Annotations: printable (ISO 19005-2 6.3.2), described (Matterhorn 28-004), in the tree (28-011), tab order (28-009). */
function checkAnnotations(doc: PDFDocument, fail: (clause: string, what: string) => void): void {
  doc.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(name('Annots'), PDFArray)?.asArray() ?? [];
    if (annots.length > 0 && page.node.get(name('Tabs')) !== name('S')) fail('Matterhorn 28-009 / ISO 14289-1 7.18.3', `page ${index + 1} has annotations but no /Tabs /S`);
    for (const ref of annots) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict)) continue;
      const flags = (annot.get(name('F')) as PDFNumber | undefined)?.asNumber() ?? 0;
      if ((flags & 4) === 0) fail('ISO 19005-2 6.3.2', `page ${index + 1}: an annotation without the print flag`);
      if (annot.get(name('Subtype')) === name('Link')) {
        if (!text(annot.get(name('Contents')))) fail('Matterhorn 28-004 / ISO 14289-1 7.18.1', `page ${index + 1}: a link without /Contents`);
        if (!annot.has(name('StructParent'))) fail('Matterhorn 28-011 / ISO 14289-1 7.18.5', `page ${index + 1}: a link outside the structure tree`);
      }
    }
  });
}

/**
 * ISO 19005-2 6.2.11.4.1 and ISO 14289-1 7.21.4.1: every font used is
 * embedded; for level a also 6.2.11.7.2: its text maps to Unicode.
 */
function checkFonts(doc: PDFDocument, levelA: boolean, fail: (clause: string, what: string) => void): void {
  const reported = new Set<string>();
  for (const page of doc.getPages()) {
    for (const [, ref] of page.node.Resources()?.lookupMaybe(name('Font'), PDFDict)?.entries() ?? []) {
      const font = doc.context.lookup(ref);
      if (!(font instanceof PDFDict) || font.get(name('Subtype')) === name('Type3')) continue;
      const descendant = font.lookupMaybe(name('DescendantFonts'), PDFArray)?.lookup(0);
      const descriptor = (descendant instanceof PDFDict ? descendant : font).lookupMaybe(name('FontDescriptor'), PDFDict);
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(name(key)));
      const base = String(font.get(name('BaseFont')));
      if (!embedded && !reported.has(base)) {
        reported.add(base);
        fail('ISO 19005-2 6.2.11.4.1 / ISO 14289-1 7.21.4.1', `font ${base} is not embedded`);
      }
      const encoding = font.get(name('Encoding'));
      const standard = encoding instanceof PDFName && ['WinAnsiEncoding', 'MacRomanEncoding', 'StandardEncoding'].includes(encoding.decodeText());
      if (levelA && !font.has(name('ToUnicode')) && !standard && !reported.has(`${base} Unicode`)) {
        reported.add(`${base} Unicode`);
        fail('ISO 19005-2 6.2.11.7.2', `font ${base} has no ToUnicode map (level a)`);
      }
    }
  }
}
