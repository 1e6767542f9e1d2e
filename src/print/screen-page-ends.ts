/**
 * Keep words whole at page ends before printing, on screen. On screen the
 * layouts set the document in page-sized columns (templates/base.css), so a
 * line that ends in a division and is followed by a new column is a word
 * divided across a page break. Such a word loses its soft hyphens in the
 * page's DOM (no script runs in the page) and the layout is read again,
 * until no column ends in a division. Printing then mostly needs one pass;
 * the printed PDF is still read back (src/finish/page-ends.ts) for the rare
 * line the print sets differently from the screen.
 *
 * Layout is read with DOMSnapshot: each line of a text node is a text box
 * with its offsets into the text. Boxes come in document order; their
 * heights are true within a column, but a box may report the column of its
 * block's first fragment, so a new column is recognised by the next line
 * standing higher up, not by its x.
 */
import type { CDPSession } from 'puppeteer';
import { countSoftHyphens, SOFT_HYPHEN, type WholeWord } from '../render/hyphenate.js';
import { NONE_UNUSED, unusedSoftHyphens, type UnusedSoftHyphens } from './unused-soft-hyphens.js';

/** What laying a document out on screen changed in its page before it printed. */
export interface ScreenLayout {
  /** Words kept whole, in the order made whole. */
  kept: WholeWord[];
  /** Soft hyphens no line ended in, counted in the document's text after `kept`: for the print to drop (unused-soft-hyphens.ts). */
  unused: UnusedSoftHyphens;
}

/** Enough for the fixes of one round to settle; any left are caught in the PDF. */
const MAX_ROUNDS = 6;

/** A line standing this much higher than the one before it starts a new column (CSS px). */
const NEW_COLUMN_RISE = 2;

export interface Snapshot {
  strings: string[];
  documents: {
    nodes: { nodeType?: number[]; nodeName?: number[]; nodeValue?: number[]; parentIndex?: number[]; backendNodeId?: number[] };
    layout: { nodeIndex: number[]; text: number[] };
    textBoxes: { layoutIndex: number[]; bounds: number[][]; start: number[]; length: number[] };
  }[];
}

export const TEXT_NODE = 3;

/** The snapshot's string at `index` (its tables refer to strings by index; -1 for none). */
export function snapshotString(snapshot: Snapshot, index: number | undefined): string {
  return index === undefined || index < 0 ? '' : (snapshot.strings[index] ?? '');
}

/**
 * Make whole, in the loaded page, every word divided at a column end.
 * Returns them in the order made whole, each counted in the document as it
 * stood then (see keepOccurrencesWhole, which replays them on the HTML).
 */
export async function keepPageEndsWhole(client: CDPSession, softHyphens: number): Promise<ScreenLayout> {
  const kept: WholeWord[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const snapshot = (await client.send('DOMSnapshot.captureSnapshot', { computedStyles: [] })) as unknown as Snapshot;
    const divided = dividedAtColumnEnds(snapshot);
    if (divided.length === 0) {
      const unused = unusedSoftHyphens(snapshot);
      // Only text may hold soft hyphens for their ordinals to be the HTML's (see dropSoftHyphens).
      const expected = softHyphens - kept.reduce((sum, { word }) => sum + countSoftHyphens(word), 0);
      return unused.total === expected ? { kept, unused } : { kept, unused: NONE_UNUSED };
    }
    await setTextValues(client, new Map(divided.map((word) => [word.backendNodeId, word.wholeValue])));
    // Later words first: made whole in that order, no word's occurrence count moves.
    kept.push(...divided.reverse().map(({ word, occurrence }) => ({ word, occurrence })));
  }
  return { kept, unused: NONE_UNUSED };
}

/** Give text nodes, by backend node id, new values. */
async function setTextValues(client: CDPSession, values: Map<number, string>): Promise<void> {
  // Node ids of the DOM domain are needed to change text; the document must have been requested first.
  await client.send('DOM.getDocument', { depth: 0 });
  const backendNodeIds = [...values.keys()];
  const { nodeIds } = await client.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds });
  await Promise.all(backendNodeIds.map((id, index) => (nodeIds[index] ? client.send('DOM.setNodeValue', { nodeId: nodeIds[index], value: values.get(id)! }) : undefined)));
}

interface DividedWord extends WholeWord {
  backendNodeId: number;
  /** The text node's value with this word made whole. */
  wholeValue: string;
}

/** Words whose line is the last of its column and ends in a division, in document order. */
function dividedAtColumnEnds(snapshot: Snapshot): DividedWord[] {
  const document = snapshot.documents[0];
  if (!document) return [];
  const { nodes, layout, textBoxes } = document;
  const text = (index: number | undefined) => snapshotString(snapshot, index);
  /** Node index → [offset in its layout text where the division falls]. */
  const ends = new Map<number, number[]>();
  const boxCount = textBoxes.layoutIndex.length;
  for (let box = 0; box < boxCount; box++) {
    const layoutIndex = textBoxes.layoutIndex[box]!;
    const end = textBoxes.start[box]! + textBoxes.length[box]!;
    const content = text(layout.text[layoutIndex]);
    if (content[end - 1] !== SOFT_HYPHEN) continue;
    const next = textBoxes.bounds[box + 1];
    const columnEnds = next === undefined || next[1]! < textBoxes.bounds[box]![1]! - NEW_COLUMN_RISE;
    if (!columnEnds) continue;
    const nodeIndex = layout.nodeIndex[layoutIndex]!;
    ends.set(nodeIndex, [...(ends.get(nodeIndex) ?? []), end - 1]);
  }
  if (ends.size === 0) return [];
  const divided: DividedWord[] = [];
  /** Occurrences of each divided word so far, in the text nodes before and in the current one. */
  const seen = new Map<string, number>();
  const nodeTypes = nodes.nodeType ?? [];
  const layoutOf = new Map<number, number>();
  layout.nodeIndex.forEach((nodeIndex, layoutIndex) => {
    if (!layoutOf.has(nodeIndex)) layoutOf.set(nodeIndex, layoutIndex);
  });
  for (let nodeIndex = 0; nodeIndex < nodeTypes.length; nodeIndex++) {
    if (nodeTypes[nodeIndex] !== TEXT_NODE) continue;
    const value = text(nodes.nodeValue?.[nodeIndex]);
    if (!value.includes(SOFT_HYPHEN)) continue;
    const layoutText = text(layout.text[layoutOf.get(nodeIndex) ?? -1]);
    // Whitespace may be collapsed in the layout's text, but its words are the node's, in order.
    const wanted = new Set((ends.get(nodeIndex) ?? []).map((offset) => wordAt(layoutText, offset)));
    const found: { word: string; occurrence: number; start: number; end: number }[] = [];
    const inNode = new Map<string, number>();
    for (const { word, start, end } of words(value)) {
      const occurrence = seen.get(word) ?? 0;
      seen.set(word, occurrence + 1);
      const nth = inNode.get(word) ?? 0;
      inNode.set(word, nth + 1);
      if (wanted.has(`${nth} ${word}`)) found.push({ word, occurrence, start, end });
    }
    if (found.length === 0) continue;
    let wholeValue = value;
    for (const { word, start, end } of [...found].reverse()) wholeValue = wholeValue.slice(0, start) + word.replaceAll(SOFT_HYPHEN, '') + wholeValue.slice(end);
    const backendNodeId = nodes.backendNodeId?.[nodeIndex] ?? 0;
    for (const { word, occurrence } of found) divided.push({ word, occurrence, backendNodeId, wholeValue });
  }
  return divided;
}

/** The divided word at `offset` of a text, as "<how many of it come before> <word>". */
function wordAt(text: string, offset: number): string {
  for (const { word, start, end } of words(text)) {
    if (offset < start || offset >= end) continue;
    const before = [...words(text.slice(0, start))].filter((other) => other.word === word).length;
    return `${before} ${word}`;
  }
  return '';
}

/** The words of a text that can be divided: runs of letters holding a soft hyphen. */
function* words(text: string): Generator<{ word: string; start: number; end: number }> {
  for (const match of text.matchAll(/[\p{L}\p{M}\u00AD]+/gu)) {
    if (match[0].includes(SOFT_HYPHEN)) yield { word: match[0], start: match.index, end: match.index + match[0].length };
  }
}
