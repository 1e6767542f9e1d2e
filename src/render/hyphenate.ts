/**
 * Danish hyphenation before printing. Headless Chromium on Linux ships no
 * hyphenation dictionaries (it fetches them as a component, which the
 * offline, component-update-free print browser never does), so `hyphens:
 * auto` alone does nothing. Soft hyphens from TeX's Danish patterns let
 * Chromium break long compounds like "sundhedsaftalesamarbejdet".
 */
import { createRequire } from 'node:module';
import type * as HyphenDa from 'hyphen/da' with { 'resolution-mode': 'require' };
import { visitParents } from 'unist-util-visit-parents';
import type { ElementContent, Text } from 'hast';

// hyphen is CommonJS without "exports": its language entry points load with require.
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/da') as typeof HyphenDa;

/** Text in these elements keeps its words whole. */
const KEEP_WHOLE = new Set(['code', 'pre', 'kbd', 'samp', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** No Danish word is longer; longer runs are not prose, and hyphenating them is slow. */
const LONGEST_WORD = 64;
/** Addresses, e-mail and case numbers must not gain hyphens. */
const NOT_PROSE = /[/@:\\_]|\d/;

/**
 * Words already hyphenated in this run: minutes repeat their vocabulary, and
 * the patterns cost far more than a lookup. Emptied when full, so that
 * content with endless distinct words cannot grow it without bound.
 */
const seen = new Map<string, string>();
const SEEN_LIMIT = 50_000;

function hyphenateWord(word: string): string {
  let hyphenated = seen.get(word);
  if (hyphenated === undefined) {
    if (seen.size >= SEEN_LIMIT) seen.clear();
    hyphenated = hyphenateSync(word, { minWordLength: 8 });
    seen.set(word, hyphenated);
  }
  return hyphenated;
}

export function hyphenateDanish(nodes: ElementContent[]): void {
  for (const node of nodes) {
    visitParents(node, 'text', (text: Text, ancestors) => {
      if (ancestors.some((ancestor) => ancestor.type === 'element' && KEEP_WHOLE.has(ancestor.tagName))) return;
      text.value = text.value.replace(/\S{8,}/g, (word) => (NOT_PROSE.test(word) || word.length > LONGEST_WORD ? word : hyphenateWord(word)));
    });
  }
}
