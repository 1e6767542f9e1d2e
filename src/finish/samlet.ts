/**
 * The samlet document: the minutes, then per bilag its separator page(s)
 * (with a Markdown or image bilag's text) and a PDF bilag's own pages.
 * Nothing appended may leave marked content that no structure element owns
 * (ISO 14289-1 7.1): the separators document's structure tree is copied
 * into the samlet's, in one Part after the minutes, its MCIDs kept and
 * registered in the ParentTree; a PDF bilag's pages become artifacts behind
 * the tagged separator that names it (their own tags point into a tree
 * that is not copied). What the samlet may claim is bilag.ts's decision.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFObjectCopier, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { pageAsArtifact } from './artifacts.js';
import { markPage } from './pages.js';
import { kidsOf } from './structure.js';

const name = (value: string) => PDFName.of(value);

export interface AppendedPart {
  /** "Bilag 2: Regnskab", as its bookmark and separator name it. */
  title: string;
  /** 0-based index of its first page (the separator) in the samlet document. */
  start: number;
  /** 0-based index of the same page in the printed separators document. */
  separatorStart: number;
  /** Pages of the PDF bilag at its end (0 for a Markdown bilag). */
  pdfPages: number;
}

/**
 * Bring the separators' structure along, turn PDF bilag pages into
 * artifacts. `separators` is the printed separators document the pages were
 * copied from; the minutes' pages are untouched.
 */
export function finishAppended(doc: PDFDocument, separators: PDFDocument, parts: AppendedPart[]): void {
  const pages = doc.getPages();
  const sourcePages = separators.getPages();
  const root = doc.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  const documentElement = root && firstElement(doc, root.get(name('K')));
  const sourceRoot = separators.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  const sourceDocument = sourceRoot && firstElement(separators, sourceRoot.get(name('K')));
  // Without a tree on both sides, the separators' content becomes artifacts too.
  const tagged = root !== undefined && documentElement !== undefined && sourceRoot !== undefined && sourceDocument !== undefined;
  // Separator page in the separators document → the same page in the samlet.
  const pageMap = new Map<string, { page: PDFPage; source: PDFPage }>();
  const bilagPages: PDFPage[] = [];
  parts.forEach((part, index) => {
    const end = parts[index + 1]?.start ?? pages.length;
    const separatorEnd = end - part.pdfPages;
    for (let at = part.start; at < end; at++) {
      const page = pages[at]!;
      const source = sourcePages[part.separatorStart + at - part.start];
      if (at >= separatorEnd || !source || !tagged) {
        markPage(doc, page, pageAsArtifact);
        if (at >= separatorEnd) bilagPages.push(page);
      } else {
        pageMap.set(source.ref.toString(), { page, source });
        markPage(doc, page);
      }
    }
  });
  if (!tagged) return;
  const partRef = doc.context.nextRef();
  const copied = new Map<string, PDFRef>();
  const kids = kidsOf(separators.context.lookup(sourceDocument, PDFDict)).flatMap((kid) => copyElement(doc, separators, kid, partRef, pageMap, copied) ?? []);
  const pageNumbers = new Map(pages.map((page, index) => [page.ref.toString(), index + 1]));
  for (const page of bilagPages) kids.push(...tagLinks(doc, root, partRef, page, pageNumbers));
  doc.context.assign(partRef, doc.context.obj({ Type: 'StructElem', S: 'Part', P: documentElement, T: PDFHexString.fromText('Bilag'), K: kids }));
  appendKid(doc, documentElement, partRef);
  // Each separator page's MCIDs keep their numbers; their owners are the copies.
  const sourceParents = collectNums(separators, sourceRoot.lookupMaybe(name('ParentTree'), PDFDict));
  for (const { page, source } of pageMap.values()) {
    const key = source.node.get(name('StructParents'));
    const owners = key instanceof PDFNumber ? sourceParents.get(key.asNumber()) : undefined;
    if (owners) registerPage(doc, root, page.node, owners.asArray().map((owner) => copied.get(owner.toString()) ?? PDFNull));
  }
}

/**
 * Copy a structure element of the separators document into the samlet:
 * its type and texts, its pages mapped, its marked content kept; links
 * (OBJR) are dropped with their annotations, and IDs, which would clash
 * with the minutes' own, with the attributes that refer to them.
 */
function copyElement(
  doc: PDFDocument,
  source: PDFDocument,
  ref: PDFObject,
  parent: PDFRef,
  pageMap: Map<string, { page: PDFPage }>,
  copied: Map<string, PDFRef>,
): PDFRef | undefined {
  const element = ref instanceof PDFRef ? source.context.lookup(ref) : undefined;
  if (!(element instanceof PDFDict) || !element.has(name('S'))) return undefined;
  const newRef = doc.context.nextRef();
  copied.set(ref.toString(), newRef);
  const copy = doc.context.obj({ Type: 'StructElem', S: element.get(name('S'))!, P: parent }) as PDFDict;
  const mapPage = (page: PDFObject | undefined) => (page ? pageMap.get(page.toString())?.page.ref : undefined);
  const pg = mapPage(element.get(name('Pg')));
  if (pg) copy.set(name('Pg'), pg);
  const copier = PDFObjectCopier.for(source.context, doc.context);
  for (const key of ['Alt', 'ActualText', 'E', 'Lang', 'T']) {
    const value = element.get(name(key));
    if (value) copy.set(name(key), copier.copy(value));
  }
  const attributes = element.get(name('A'));
  if (attributes) {
    // One attribute object or an array of them (with revision numbers).
    const own = copier.copy(attributes);
    for (const object of own instanceof PDFArray ? own.asArray() : [own]) {
      const dict = object instanceof PDFRef ? doc.context.lookup(object) : object;
      if (dict instanceof PDFDict) dict.delete(name('Headers'));
    }
    copy.set(name('A'), own);
  }
  const kids: PDFObject[] = [];
  for (const kid of kidsOf(element)) {
    if (kid instanceof PDFNumber) kids.push(kid);
    else if (kid instanceof PDFRef && source.context.lookup(kid) instanceof PDFDict && (source.context.lookup(kid) as PDFDict).has(name('S'))) {
      const child = copyElement(doc, source, kid, newRef, pageMap, copied);
      if (child) kids.push(child);
    } else {
      const reference = kid instanceof PDFRef ? source.context.lookup(kid) : kid;
      if (!(reference instanceof PDFDict) || reference.get(name('Type')) !== name('MCR')) continue;
      const page = mapPage(reference.get(name('Pg')));
      if (page) kids.push(doc.context.obj({ Type: 'MCR', Pg: page, MCID: reference.get(name('MCID'))! }));
    }
  }
  // The separators' link annotations stay behind (attachments.ts): a link without one is a link no more.
  if (element.get(name('S')) === name('Link')) copy.set(name('S'), name('Span'));
  copy.set(name('K'), doc.context.obj(kids));
  doc.context.assign(newRef, copy);
  return newRef;
}

/**
 * A PDF bilag's links (web links and links to its own pages, all that
 * disarming keeps) on its artifact pages: each becomes a Link element of the
 * bilag part (ISO 14289-1 7.18.5) and says where it goes (7.18.1).
 */
function tagLinks(doc: PDFDocument, root: PDFDict, partRef: PDFRef, page: PDFPage, pageNumbers: Map<string, number>): PDFRef[] {
  const annots = page.node.lookupMaybe(name('Annots'), PDFArray)?.asArray() ?? [];
  return annots.flatMap((ref) => {
    const annot = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
    if (!(ref instanceof PDFRef) || !(annot instanceof PDFDict) || annot.get(name('Subtype')) !== name('Link')) return [];
    const target = annot.lookupMaybe(name('Dest'), PDFArray)?.get(0);
    const number = target instanceof PDFRef ? pageNumbers.get(target.toString()) : undefined;
    if (number !== undefined && !annot.has(name('Contents'))) annot.set(name('Contents'), PDFHexString.fromText(`Gå til side ${number}`));
    const element = doc.context.register(
      doc.context.obj({ Type: 'StructElem', S: 'Link', P: partRef, Pg: page.ref, K: [doc.context.obj({ Type: 'OBJR', Obj: ref, Pg: page.ref })] }),
    );
    annot.set(name('StructParent'), nextParentKey(root, element));
    return [element];
  });
}

/** A new ParentTree entry (a flat number tree) for `value`; its key. */
function nextParentKey(root: PDFDict, value: PDFObject): PDFNumber {
  const parentTree = root.lookup(name('ParentTree'), PDFDict);
  const nums = parentTree.lookupMaybe(name('Nums'), PDFArray);
  if (!nums) throw new Error('The ParentTree is not a flat number tree');
  const next = root.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? nums.size() / 2;
  nums.push(PDFNumber.of(next));
  nums.push(value);
  root.set(name('ParentTreeNextKey'), PDFNumber.of(next + 1));
  return PDFNumber.of(next);
}

function firstElement(doc: PDFDocument, kids: PDFObject | undefined): PDFRef | undefined {
  const first = kids instanceof PDFArray ? kids.get(0) : kids;
  return first instanceof PDFRef && doc.context.lookup(first) instanceof PDFDict ? first : undefined;
}

function appendKid(doc: PDFDocument, parent: PDFRef, kid: PDFRef): void {
  const dict = doc.context.lookup(parent, PDFDict);
  const kids = dict.get(name('K'));
  if (kids instanceof PDFArray) kids.push(kid);
  else dict.set(name('K'), doc.context.obj(kids ? [kids, kid] : [kid]));
}

/** The page's entry in the ParentTree: MCID n → owners[n]. */
function registerPage(doc: PDFDocument, root: PDFDict, page: PDFDict, owners: PDFObject[]): void {
  page.set(name('StructParents'), nextParentKey(root, doc.context.obj(owners)));
}

function collectNums(doc: PDFDocument, node: PDFDict | undefined, into = new Map<number, PDFArray>()): Map<number, PDFArray> {
  if (!node) return into;
  const nums = node.lookupMaybe(name('Nums'), PDFArray)?.asArray() ?? [];
  for (let index = 0; index + 1 < nums.length; index += 2) {
    const value = doc.context.lookup(nums[index + 1]!);
    const key = nums[index];
    if (value instanceof PDFArray && key instanceof PDFNumber) into.set(key.asNumber(), value);
  }
  for (const kid of node.lookupMaybe(name('Kids'), PDFArray)?.asArray() ?? []) {
    const child = doc.context.lookup(kid);
    if (child instanceof PDFDict) collectNums(doc, child, into);
  }
  return into;
}
