/**
 * Things a Danish typesetter never divides: a time ("kl. 14:00"), a date
 * ("15. september 2016"), a phone number, a case number; and addresses
 * (e-mail, web) that may only break after "@" or ".". Applied to the HTML
 * of the Markdown bodies and, for the header block, by a template helper.
 */
import { visitParents } from 'unist-util-visit-parents';
import type { Element, ElementContent, Text } from 'hast';

const MONTHS = 'januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan\\.|feb\\.|mar\\.|apr\\.|jun\\.|jul\\.|aug\\.|sep\\.|sept\\.|okt\\.|nov\\.|dec\\.';

/** Runs kept on one line. Spaces and hyphens inside them are never line breaks. */
const KEEP = new RegExp(
  [
    // "kl. 14:00", "kl. 9.30-11.00"
    String.raw`\b[Kk]l\.\s+\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?`,
    // "15. september 2016", "1. jan. 2024", "15. september"
    String.raw`\b\d{1,2}\.\s+(?:${MONTHS})(?:\s+\d{4})?`,
    // "+45 12 34 56 78", "12 34 56 78", "7012 3456"
    String.raw`(?:\+\d{2}\s)?\b\d{2}\s\d{2}\s\d{2}\s\d{2}\b`,
    String.raw`(?:\+\d{2}\s)?\b\d{4}\s\d{4}\b`,
    // case numbers: "16-031970", "24/1234", "01.02.03-A00-1-24"
    String.raw`\b\d+(?:[-/.]\w+)+\b`,
  ].join('|'),
  'g',
);

/** Text in these elements is left alone. */
const SKIP = new Set(['code', 'pre', 'kbd', 'samp']);

/** An e-mail address or a web address: its text may break after "@" and "." only. */
const ADDRESS = /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/|www\.)\S+)$/;

function keepSpan(value: string): Element {
  return { type: 'element', tagName: 'span', properties: { className: ['keep'] }, children: [{ type: 'text', value }] };
}

/** The pieces of an address with a break opportunity (<wbr>) after each "@" and ".". */
function addressPieces(address: string): ElementContent[] {
  return address
    .split(/(?<=[@.])(?=.)/)
    .flatMap((piece, index): ElementContent[] => [
      ...(index > 0 ? [{ type: 'element', tagName: 'wbr', properties: {}, children: [] } as Element] : []),
      { type: 'text', value: piece },
    ]);
}

/** Wrap the runs that must not break in `<span class="keep">`; give addresses their break points. */
export function keepTogether(nodes: ElementContent[]): void {
  for (const node of nodes) {
    visitParents(node, 'text', (text: Text, ancestors) => {
      const parent = ancestors.at(-1);
      if (!parent || !('children' in parent)) return;
      if (ancestors.some((ancestor) => ancestor.type === 'element' && (SKIP.has(ancestor.tagName) || hasClass(ancestor, 'keep')))) return;
      const pieces: ElementContent[] = [];
      if (ancestors.some((ancestor) => ancestor.type === 'element' && ancestor.tagName === 'a') && ADDRESS.test(text.value.trim())) {
        pieces.push({ type: 'element', tagName: 'span', properties: { className: ['address'] }, children: addressPieces(text.value) });
      } else {
        let from = 0;
        for (const match of text.value.matchAll(KEEP)) {
          if (match.index > from) pieces.push({ type: 'text', value: text.value.slice(from, match.index) });
          pieces.push(keepSpan(match[0]));
          from = match.index + match[0].length;
        }
        if (from === 0) return;
        if (from < text.value.length) pieces.push({ type: 'text', value: text.value.slice(from) });
      }
      const siblings = parent.children as ElementContent[];
      const index = siblings.indexOf(text);
      siblings.splice(index, 1, ...pieces);
      // Skip what was just inserted.
      return index + pieces.length;
    });
  }
}

function hasClass(element: Element, name: string): boolean {
  const className = element.properties.className;
  return Array.isArray(className) && className.includes(name);
}

/** An address as HTML for a template, escaped, with <wbr> after each "@" and ".". */
export function breakableAddress(address: string): string {
  const escaped = address.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  return escaped.replace(/([@.])(?=.)/g, '$1<wbr>');
}

/** What a paragraph ending in ":" may introduce, so that it stays on the same page. */
function isIntroduced(element: Element): boolean {
  if (['table', 'ul', 'ol', 'figure', 'img'].includes(element.tagName)) return true;
  const content = element.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return element.tagName === 'p' && content.length > 0 && content.every((child) => child.type === 'element' && child.tagName === 'img');
}

/**
 * Mark a paragraph that ends in ":" and introduces a table, a list or an
 * image ("… siden 2021:") with class "introduces": the layouts keep it on
 * the page of what it introduces.
 */
export function markIntroductions(nodes: ElementContent[]): void {
  const elements = (list: ElementContent[]) => list.filter((node): node is Element => node.type === 'element');
  const walk = (list: ElementContent[]) => {
    const siblings = elements(list);
    siblings.forEach((element, index) => {
      const next = siblings[index + 1];
      if (element.tagName === 'p' && next && isIntroduced(next) && /:\s*$/.test(textOf(element))) {
        const className = Array.isArray(element.properties.className) ? element.properties.className : [];
        element.properties.className = [...className, 'introduces'];
      }
      walk(element.children);
    });
  };
  walk(nodes);
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}
