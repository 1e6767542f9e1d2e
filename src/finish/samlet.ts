/**
 * The samlet document: the minutes, then per bilag its separator page(s)
 * and a PDF bilag's own pages. Nothing appended may leave marked content
 * that no structure element owns (ISO 14289-1 7.1, Matterhorn 01-004):
 * the separator pages' text joins the structure tree as one Part per bilag,
 * named by its title; a PDF bilag's pages become artifacts behind it (their
 * own tags point into a tree that is not copied). What the samlet may
 * claim is bilag.ts's decision.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { markArtifacts, pageAsArtifact } from './artifacts.js';
import { applyEdits, markedContentId, parseContent, type Edit } from './content-stream.js';
import { markPage } from './finish.js';

export interface AppendedPart {
  /** "Bilag 2: Regnskab", as its bookmark and separator name it. */
  title: string;
  /** 0-based index of its first page (the separator) in the samlet document. */
  start: number;
  /** Pages of the PDF bilag at its end (0 for a Markdown bilag). */
  pdfPages: number;
}

const name = (value: string) => PDFName.of(value);

/** Tag the separators, turn PDF bilag pages into artifacts. The minutes' pages are untouched. */
export function finishAppended(doc: PDFDocument, parts: AppendedPart[]): void {
  const pages = doc.getPages();
  const root = doc.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  const documentElement = root && firstElement(doc, root.get(name('K')));
  parts.forEach((part, index) => {
    const end = parts[index + 1]?.start ?? pages.length;
    const separatorEnd = end - part.pdfPages;
    const kids: PDFRef[] = [];
    const partRef = doc.context.nextRef();
    for (let at = part.start; at < end; at++) {
      const page = pages[at]!;
      if (at >= separatorEnd || !root || !documentElement) {
        markPage(doc, page, pageAsArtifact);
        continue;
      }
      let count = 0;
      markPage(doc, page, (content) => markArtifacts(renumberMarkedContent(content, () => count++), page.getHeight()));
      if (count === 0) continue;
      const paragraph = doc.context.register(
        doc.context.obj({
          Type: 'StructElem',
          S: 'P',
          P: partRef,
          Pg: page.ref,
          K: Array.from({ length: count }, (_, mcid) => mcid),
        }),
      );
      kids.push(paragraph);
      registerPage(doc, root, page.node, Array.from({ length: count }, () => paragraph));
    }
    if (!root || !documentElement || kids.length === 0) return;
    doc.context.assign(
      partRef,
      doc.context.obj({ Type: 'StructElem', S: 'Part', P: documentElement, T: PDFHexString.fromText(part.title), K: kids }),
    );
    appendKid(doc, documentElement, partRef);
  });
}

/** Give every MCID-marked sequence a new MCID from `next` (the separators' own tree is not copied). */
function renumberMarkedContent(content: string, next: () => number): string {
  const edits: Edit[] = [];
  for (const operation of parseContent(content)) {
    if (markedContentId(operation) === undefined) continue;
    edits.push({ from: operation.start, to: operation.end, text: `${operation.operands[0]!.raw} <</MCID ${next()}>> BDC` });
  }
  return applyEdits(content, edits);
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
function registerPage(doc: PDFDocument, root: PDFDict, page: PDFDict, owners: PDFRef[]): void {
  const parentTree = root.lookup(name('ParentTree'), PDFDict);
  const nums = parentTree.lookupMaybe(name('Nums'), PDFArray);
  if (!nums) throw new Error('The ParentTree is not a flat number tree');
  const next = root.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? nums.size() / 2;
  nums.push(PDFNumber.of(next));
  nums.push(doc.context.obj(owners));
  page.set(name('StructParents'), PDFNumber.of(next));
  root.set(name('ParentTreeNextKey'), PDFNumber.of(next + 1));
}
