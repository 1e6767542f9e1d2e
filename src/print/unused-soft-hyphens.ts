/**
 * Soft hyphens no line ended in. Hyphenation puts a soft hyphen at every
 * legal division of a word (render/hyphenate.ts), and Chromium prints each
 * one that did not end a line as an invisible glyph in a span of its own
 * (ActualText U+00AD): a third of every page's content, which the finish
 * stage then reads and removes again (finish/text-layer.ts). Once the page
 * is laid out on screen, the ones no line used are found here, and the
 * print stage gives the page its body without them (print.ts).
 *
 * Lines break greedily: each ends at the last opportunity that fits, so
 * taking away opportunities that were not taken leaves every line as it
 * was. That holds in running text, not where widths or lines are chosen by
 * looking at the content as a whole: tables size their columns by their
 * cells' words, and headings balance their lines (text-wrap: balance). Text
 * in those keeps every soft hyphen. Whatever the print still sets
 * differently is caught where it always was: the PDF is read back.
 */
import { countSoftHyphens, SOFT_HYPHEN } from '../render/hyphenate.js';
import { snapshotString, TEXT_NODE, type Snapshot } from './screen-page-ends.js';

/** Elements whose text is laid out by more than greedy line breaking. */
const WHOLE_CONTENT = new Set(['TABLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

export interface UnusedSoftHyphens {
  /** The soft hyphens dropped, by their ordinal among all soft hyphens of the document's text, in document order. */
  ordinals: number[];
  /** Soft hyphens in the document's text, dropped or not. */
  total: number;
}

/** Nothing to drop: the page as it was laid out. */
export const NONE_UNUSED: UnusedSoftHyphens = { ordinals: [], total: 0 };

export function unusedSoftHyphens(snapshot: Snapshot): UnusedSoftHyphens {
  const unused: UnusedSoftHyphens = { ordinals: [], total: 0 };
  const document = snapshot.documents[0];
  if (!document) return unused;
  const { nodes, layout, textBoxes } = document;
  const text = (index: number | undefined) => snapshotString(snapshot, index);
  const nodeTypes = nodes.nodeType ?? [];
  const nodeNames = nodes.nodeName ?? [];
  const parents = nodes.parentIndex ?? [];

  /** Node index → its layout object; a node with more than one (::first-letter) is left alone. */
  const layoutOf = new Map<number, number>();
  const split = new Set<number>();
  layout.nodeIndex.forEach((nodeIndex, layoutIndex) => {
    if (layoutOf.has(nodeIndex)) split.add(nodeIndex);
    else layoutOf.set(nodeIndex, layoutIndex);
  });
  /** Layout object → the offsets in its text of the soft hyphens lines ended in. */
  const used = new Map<number, Set<number>>();
  const boxCount = textBoxes.layoutIndex.length;
  for (let box = 0; box < boxCount; box++) {
    const layoutIndex = textBoxes.layoutIndex[box]!;
    const end = textBoxes.start[box]! + textBoxes.length[box]! - 1;
    if (text(layout.text[layoutIndex])[end] !== SOFT_HYPHEN) continue;
    if (!used.has(layoutIndex)) used.set(layoutIndex, new Set());
    used.get(layoutIndex)!.add(end);
  }

  // Nodes come in document order, each after its parent.
  const inWholeContent = new Uint8Array(nodeTypes.length);
  for (let nodeIndex = 0; nodeIndex < nodeTypes.length; nodeIndex++) {
    const parent = parents[nodeIndex] ?? -1;
    inWholeContent[nodeIndex] = (parent >= 0 && inWholeContent[parent]) || WHOLE_CONTENT.has(text(nodeNames[nodeIndex])) ? 1 : 0;
    if (nodeTypes[nodeIndex] !== TEXT_NODE) continue;
    const value = text(nodes.nodeValue?.[nodeIndex]);
    const first = unused.total;
    const count = countSoftHyphens(value);
    unused.total += count;
    const layoutIndex = layoutOf.get(nodeIndex);
    if (count === 0 || inWholeContent[nodeIndex] || layoutIndex === undefined || split.has(nodeIndex)) continue;
    // The layout's text may have its white space collapsed, but its soft hyphens are the node's, in order.
    const layoutText = text(layout.text[layoutIndex]);
    const ends = used.get(layoutIndex);
    const keep = new Set<number>();
    let nth = 0;
    for (let at = layoutText.indexOf(SOFT_HYPHEN); at !== -1; at = layoutText.indexOf(SOFT_HYPHEN, at + 1), nth++) if (ends?.has(at)) keep.add(nth);
    if (nth !== count) continue;
    for (let ordinal = 0; ordinal < count; ordinal++) if (!keep.has(ordinal)) unused.ordinals.push(first + ordinal);
  }
  return unused;
}
