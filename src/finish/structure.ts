/**
 * The structure tree as PDF/UA-1 (ISO 14289-1 7.1–7.18) and PDF/A-2a
 * (ISO 19005-2 6.7) want it, repaired where Chromium's tagging falls short:
 * list items split into Lbl and LBody (7.6), the contents list as TOC/TOCI,
 * headings that never skip a level (7.4.2), non-standard types in a
 * RoleMap (7.1, Matterhorn 02-001), link annotations with /Contents and the
 * print flag (7.18.1, 7.18.5; ISO 19005-2 6.3.2), tab order by structure on
 * pages with annotations (7.18.3), and the catalog's /MarkInfo (6.2).
 */
import { PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { decodeName } from '../print/pdf-pages.js';

const name = (value: string) => PDFName.of(value);

/** The structure types of ISO 32000-1 14.8.4: anything else needs a RoleMap entry. */
const STANDARD_TYPES = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

/** PDF 2.0 and HTML-derived types Chromium may write, and their PDF 1.7 equivalent. */
const ROLES: Record<string, string> = { Strong: 'Span', Em: 'Span', Title: 'H1', FENote: 'Note', Aside: 'Div', Sub: 'Span' };

interface StructElement {
  ref: PDFRef;
  dict: PDFDict;
  type: string;
}

/** The structure elements in document order (depth first), with their kids as elements. */
function structElements(doc: PDFDocument): StructElement[] {
  const root = doc.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  const found: StructElement[] = [];
  const visit = (kid: PDFObject | undefined) => {
    if (!(kid instanceof PDFRef)) {
      if (kid instanceof PDFArray) kid.asArray().forEach(visit);
      return;
    }
    const dict = doc.context.lookup(kid);
    if (!(dict instanceof PDFDict)) return;
    const type = dict.get(name('S'));
    if (!(type instanceof PDFName)) return;
    found.push({ ref: kid, dict, type: type.decodeText() });
    visit(dict.get(name('K')));
  };
  visit(root?.get(name('K')));
  return found;
}

export function kidsOf(dict: PDFDict): PDFObject[] {
  const kids = dict.get(name('K'));
  return kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
}

function typeOf(doc: PDFDocument, kid: PDFObject): string | undefined {
  const dict = kid instanceof PDFRef ? doc.context.lookup(kid) : undefined;
  const type = dict instanceof PDFDict ? dict.get(name('S')) : undefined;
  return type instanceof PDFName ? type.decodeText() : undefined;
}

/**
 * Repair the tree in place. `linkText` names an internal link's target
 * (destination id → text), for the /Contents of links within the document.
 */
export function finishStructure(doc: PDFDocument, linkText: Map<string, string>): void {
  const root = doc.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  doc.catalog.set(name('MarkInfo'), doc.context.obj({ Marked: PDFBool.True }));
  if (root) {
    const elements = structElements(doc);
    for (const element of elements) if (element.type === 'LI') splitListItem(doc, element);
    for (const element of elements) if (element.type === 'L' && isContentsList(doc, element)) retype(element, 'TOC', 'TOCI');
    levelHeadings(elements);
    writeRoleMap(doc, root, elements);
  }
  finishAnnotations(doc, linkText);
}

/** LI > Lbl + LBody: what Chromium puts in the item beside its label goes into an LBody. */
function splitListItem(doc: PDFDocument, item: StructElement): void {
  const kids = kidsOf(item.dict);
  const label = kids[0] !== undefined && typeOf(doc, kids[0]) === 'Lbl' ? kids[0] : undefined;
  const body = label ? kids.slice(1) : kids;
  if (body.length === 0 || (body.length === 1 && typeOf(doc, body[0]!) === 'LBody')) return;
  // Marked content directly in the item would need its ParentTree entries moved too: left as it is.
  if (body.some((kid) => typeOf(doc, kid) === undefined)) return;
  const bodyRef = doc.context.nextRef();
  for (const kid of body) (doc.context.lookup(kid) as PDFDict).set(name('P'), bodyRef);
  doc.context.assign(bodyRef, doc.context.obj({ Type: 'StructElem', S: 'LBody', P: item.ref, K: body }));
  item.dict.set(name('K'), doc.context.obj(label ? [label, bodyRef] : [bodyRef]));
}

/** A list whose every item links to a place in this document is the table of contents. */
function isContentsList(doc: PDFDocument, list: StructElement): boolean {
  const items = kidsOf(list.dict).filter((kid) => typeOf(doc, kid) === 'LI');
  if (items.length === 0) return false;
  return items.every((item) => {
    const pending = [...kidsOf(doc.context.lookup(item) as PDFDict)];
    while (pending.length > 0) {
      const kid = pending.pop()!;
      const dict = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
      if (!(dict instanceof PDFDict)) continue;
      if (dict.get(name('Type')) === name('OBJR')) {
        const annot = dict.lookup(name('Obj'));
        if (annot instanceof PDFDict && annot.get(name('Dest')) !== undefined) return true;
      } else if (dict.get(name('S')) !== undefined) pending.push(...kidsOf(dict));
    }
    return false;
  });
}

function retype(list: StructElement, listType: 'TOC', itemType: 'TOCI'): void {
  list.dict.set(name('S'), name(listType));
  list.type = listType;
  for (const kid of kidsOf(list.dict)) {
    const item = kid instanceof PDFRef ? list.dict.context.lookup(kid) : undefined;
    if (!(item instanceof PDFDict) || item.get(name('S')) !== name('LI')) continue;
    item.set(name('S'), name(itemType));
    // A TOCI holds Lbl, Reference, NonStruct, P or TOC (ISO 32000-1 table 333), not LBody.
    for (const part of kidsOf(item)) {
      const body = part instanceof PDFRef ? list.dict.context.lookup(part) : undefined;
      if (body instanceof PDFDict && body.get(name('S')) === name('LBody')) body.set(name('S'), name('NonStruct'));
    }
  }
}

/** Headings in document order never go more than one level deeper than the one before. */
function levelHeadings(elements: StructElement[]): void {
  let previous = 0;
  for (const element of elements) {
    const level = /^H([1-6])$/.exec(element.type);
    if (!level) continue;
    const wanted = Math.min(Number(level[1]), previous + 1);
    if (wanted !== Number(level[1])) {
      element.type = `H${wanted}`;
      element.dict.set(name('S'), name(element.type));
    }
    previous = wanted;
  }
}

function writeRoleMap(doc: PDFDocument, root: PDFDict, elements: StructElement[]): void {
  const roles = root.lookupMaybe(name('RoleMap'), PDFDict) ?? (doc.context.obj({}) as PDFDict);
  for (const { type } of elements) {
    if (STANDARD_TYPES.has(type) || roles.has(name(type))) continue;
    roles.set(name(type), name(ROLES[type] ?? 'Span'));
  }
  if (roles.keys().length > 0) root.set(name('RoleMap'), roles);
}

/** Every annotation printable; links say where they go; pages with annotations use structure order. */
function finishAnnotations(doc: PDFDocument, linkText: Map<string, string>): void {
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(name('Annots'), PDFArray);
    if (!annots || annots.size() === 0) continue;
    page.node.set(name('Tabs'), name('S'));
    for (const ref of annots.asArray()) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict)) continue;
      annot.set(name('F'), PDFNumber.of(4));
      if (annot.get(name('Subtype')) !== name('Link') || annot.has(name('Contents'))) continue;
      const text = linkContents(annot, linkText);
      if (text) annot.set(name('Contents'), PDFHexString.fromText(text));
    }
  }
}

function linkContents(annot: PDFDict, linkText: Map<string, string>): string | undefined {
  const dest = annot.get(name('Dest'));
  if (dest instanceof PDFName) {
    const id = decodeName(dest.asString());
    return linkText.get(id) ?? `Gå til ${id}`;
  }
  const action = annot.lookupMaybe(name('A'), PDFDict);
  const uri = action?.get(name('URI'));
  if (uri instanceof PDFString || uri instanceof PDFHexString) {
    const target = uri.decodeText();
    return target.startsWith('mailto:') ? `Send e-mail til ${target.slice('mailto:'.length)}` : `Link til ${target}`;
  }
  return undefined;
}
