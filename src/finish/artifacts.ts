/**
 * Artifacts (ISO 14289-1 7.1, Matterhorn 01-005; ISO 19005-2 6.7 for level
 * a): every piece of page content is either real content in the structure
 * tree or marked as an artifact. Chromium tags what comes from the HTML but
 * leaves the page-margin boxes (running head, "Side X af Y"), rules,
 * backgrounds and leaders untagged; those are wrapped here in
 * `/Artifact <<…>> BDC … EMC`, nothing else in the stream changing.
 */
import { applyEdits, markedContentId, parseContent, TextPosition, type Edit, type Operation } from './content-stream.js';

/** Operators that put marks on the page (or start a path that will), by kind. */
const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);
const MARKING = new Set([...TEXT_SHOWING, 'm', 're', 'Do', 'sh', 'BI']);
/** Where an artifact must end: a marked-content or state boundary it may not straddle. */
const BOUNDARY = new Set(['q', 'Q', 'BT', 'ET', 'BDC', 'BMC', 'EMC']);

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
  const position = new TextPosition();
  const close = (at: number) => {
    if (open) edits.push({ from: at, to: at, text: 'EMC\n' });
    open = false;
  };
  for (const operation of operations) {
    const { operator } = operation;
    position.follow(operation);
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
    }
    if (open || covering > 0 || !MARKING.has(operator)) continue;
    const kind = TEXT_SHOWING.has(operator) ? textArtifact(position.y, height) : LAYOUT;
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
