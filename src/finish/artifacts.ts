/**
 * Artifacts (ISO 14289-1 7.1, Matterhorn 01-005; ISO 19005-2 6.7 for level
 * a): every piece of page content is either real content in the structure
 * tree or marked as an artifact. Chromium tags what comes from the HTML but
 * leaves the page-margin boxes (running head, "Side X af Y"), rules,
 * backgrounds and leaders untagged; those are wrapped here in
 * `/Artifact <<…>> BDC … EMC`, nothing else in the stream changing.
 */
import { applyEdits, markedContentId, parseContent, type Edit, type Operation } from './content-stream.js';

/** Operators that put marks on the page (or start a path that will), by kind. */
const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);
const MARKING = new Set([...TEXT_SHOWING, 'm', 're', 'Do', 'sh', 'BI']);
/** Where an artifact must end: a marked-content or state boundary it may not straddle. */
const BOUNDARY = new Set(['q', 'Q', 'BT', 'ET', 'BDC', 'BMC', 'EMC']);

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
/** The line matrix moved by (x, y) in its own space: translate(x, y) × m. */
const moveLine = (m: Matrix, x: number, y: number): Matrix => [m[0], m[1], m[2], m[3], x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
const matrix = (operation: Operation): Matrix => [0, 1, 2, 3, 4, 5].map((index) => numberAt(operation, index)) as Matrix;

/** Running heads and page numbers sit in the top and bottom margins (templates/base.css @page). */
const MARGIN_SHARE = 0.1;

/**
 * Wrap every untagged piece of content in an artifact: text in the top or
 * bottom margin as pagination (header or footer), everything else as
 * layout. `height` is the page's height, to tell the margins.
 */
export function markArtifacts(content: string, height: number): string {
  const operations = parseContent(content);
  const edits: Edit[] = [];
  // Marked-content stack: does each open sequence belong to the structure tree (or is an artifact)?
  const marks: boolean[] = [];
  let covering = 0;
  let open = false;
  let ctm = IDENTITY;
  const saved: Matrix[] = [];
  // The text line matrix: Chromium starts every glyph run with Td, so this is kept cheap.
  let line = IDENTITY;
  let leading = 0;
  const close = (at: number) => {
    if (open) edits.push({ from: at, to: at, text: 'EMC\n' });
    open = false;
  };
  for (const operation of operations) {
    const { operator } = operation;
    if (BOUNDARY.has(operator)) close(operation.start);
    switch (operator) {
      case 'BDC':
      case 'BMC': {
        const covers = markedContentId(operation) !== undefined || isArtifact(operation);
        marks.push(covers);
        if (covers) covering++;
        continue;
      }
      case 'EMC':
        if (marks.pop()) covering--;
        continue;
      case 'q':
        saved.push(ctm);
        continue;
      case 'Q':
        ctm = saved.pop() ?? IDENTITY;
        continue;
      case 'cm':
        ctm = multiply(matrix(operation), ctm);
        continue;
      case 'BT':
        line = IDENTITY;
        continue;
      case 'Tm':
        line = matrix(operation);
        continue;
      case 'TD':
        leading = -numberAt(operation, 1);
        line = moveLine(line, numberAt(operation, 0), numberAt(operation, 1));
        continue;
      case 'Td':
        line = moveLine(line, numberAt(operation, 0), numberAt(operation, 1));
        continue;
      case 'TL':
        leading = numberAt(operation, 0);
        continue;
      case 'T*':
      case "'":
      case '"':
        line = moveLine(line, 0, -leading);
        break;
    }
    if (open || covering > 0 || !MARKING.has(operator)) continue;
    const kind = TEXT_SHOWING.has(operator) ? textArtifact(multiply(line, ctm)[5], height) : LAYOUT;
    edits.push({ from: operation.start, to: operation.start, text: `${kind} BDC\n` });
    open = true;
  }
  close(content.length);
  return edits.length === 0 ? content : applyEdits(content, edits);
}

const LAYOUT = '/Artifact <</Type /Layout>>';

function textArtifact(y: number, height: number): string {
  if (y > height * (1 - MARGIN_SHARE)) return '/Artifact <</Type /Pagination /Subtype /Header>>';
  if (y < height * MARGIN_SHARE) return '/Artifact <</Type /Pagination /Subtype /Footer>>';
  return LAYOUT;
}

function numberAt(operation: Operation, index: number): number {
  const operand = operation.operands[index];
  return operand?.type === 'number' ? operand.value : 0;
}

function isArtifact(operation: Operation): boolean {
  const tag = operation.operands[0];
  return tag?.type === 'name' && tag.value === 'Artifact';
}

/**
 * A page that joins the document without its structure (an appended bilag):
 * its marked content is unmarked (its MCIDs would point into a structure
 * tree that is not here) and the whole page becomes one layout artifact.
 */
export function pageAsArtifact(content: string): string {
  const edits: Edit[] = parseContent(content)
    .filter((operation) => operation.operator === 'BDC' || operation.operator === 'BMC' || operation.operator === 'EMC')
    .map((operation) => ({ from: operation.start, to: operation.end, text: '' }));
  return `${LAYOUT} BDC\n${applyEdits(content, edits)}\nEMC\n`;
}
