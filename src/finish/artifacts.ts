/**
 * Artifacts (ISO 14289-1 7.1, Matterhorn 01-005; ISO 19005-2 6.7 for level
 * a): every piece of page content is either real content in the structure
 * tree or marked as an artifact. Chromium tags what comes from the HTML but
 * leaves the page-margin boxes (running head, "Side X af Y"), rules,
 * backgrounds and leaders untagged; those are wrapped here in
 * `/Artifact <<…>> BDC … EMC`, nothing else in the stream changing.
 */
import { applyEdits, markedContentId, scanContent, TextPosition, type Edit, type Operation } from './content-stream.js';

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
  const position = new TextPosition();
  const marker = new ArtifactMarker(height, position);
  scanContent(content, (operation) => {
    position.follow(operation);
    marker.follow(operation);
  });
  const edits = marker.finish(content.length);
  return edits.length === 0 ? content : applyEdits(content, edits);
}

/**
 * markArtifacts operation by operation, for a pass that does more with each
 * (pages.ts). `position` must have followed the operation already.
 */
export class ArtifactMarker {
  readonly edits: Edit[] = [];
  /** Marked-content stack: does each open sequence belong to the structure tree (or is an artifact)? */
  private readonly marks: boolean[] = [];
  private covering = 0;
  private open = false;

  constructor(
    private readonly height: number,
    private readonly position: TextPosition,
  ) {}

  follow(operation: Operation): void {
    const { operator } = operation;
    if (BOUNDARY.has(operator)) this.close(operation.start);
    switch (operator) {
      case 'BDC':
      case 'BMC': {
        const covers = markedContentId(operation) !== undefined || isArtifact(operation);
        this.marks.push(covers);
        if (covers) this.covering++;
        return;
      }
      case 'EMC':
        if (this.marks.pop()) this.covering--;
        return;
    }
    if (this.open || this.covering > 0 || !MARKING.has(operator)) return;
    const kind = TEXT_SHOWING.has(operator) ? textArtifact(this.position.y, this.height) : LAYOUT;
    this.edits.push({ from: operation.start, to: operation.start, text: `${kind} BDC\n` });
    this.open = true;
  }

  /** The edits, the last artifact closed at the stream's end (`length`). */
  finish(length: number): Edit[] {
    this.close(length);
    return this.edits;
  }

  private close(at: number): void {
    if (this.open) this.edits.push({ from: at, to: at, text: 'EMC\n' });
    this.open = false;
  }
}

const LAYOUT = '/Artifact <</Type /Layout>>';

function textArtifact(y: number, height: number): string {
  if (y > height * (1 - MARGIN_SHARE)) return '/Artifact <</Type /Pagination /Subtype /Header>>';
  if (y < height * MARGIN_SHARE) return '/Artifact <</Type /Pagination /Subtype /Footer>>';
  return LAYOUT;
}

function isArtifact(operation: Operation): boolean {
  return operation.name(0) === 'Artifact';
}

/**
 * A page that joins the document without its structure (an appended bilag):
 * its marked content is unmarked (its MCIDs would point into a structure
 * tree that is not here) and the whole page becomes one layout artifact.
 */
export function pageAsArtifact(content: string): string {
  const edits: Edit[] = [];
  scanContent(content, ({ operator, start, end }) => {
    if (operator === 'BDC' || operator === 'BMC' || operator === 'EMC') edits.push({ from: start, to: end, text: '' });
  });
  return `${LAYOUT} BDC\n${applyEdits(content, edits)}\nEMC\n`;
}
