/**
 * Danish word division before printing, by Retskrivningsreglerne § 15–17.
 * Headless Chromium ships no hyphenation dictionaries, so the breaks are
 * decided here and written as soft hyphens (U+00AD); the print stage keeps
 * only those where a line actually breaks (src/finish/text-layer.ts).
 *
 * Precision comes first: a missed break costs a ragged line, a wrong one is
 * a spelling error. So a word is divided only
 * - at the compound and prefix joints the dictionary finds (§ 16: råd-givning,
 *   med-arbejder, gen-indlæggelser), and
 * - inside each part of it, before the last consonant between two vowels
 *   (§ 17.2: be-slut-ning, spo-ring, tas-ke),
 * never between vowels, never leaving a fragment without a vowel and never
 * after a doubled consonant that cannot end a word (»supp-leant«).
 */
import { visitParents } from 'unist-util-visit-parents';
import type { Element, ElementContent, Text } from 'hast';
import { compoundJoints, doubtfulJoints, PREFIXES } from './danish-lexicon.js';

export const SOFT_HYPHEN = '\u00AD';

/** Text in these elements keeps its words whole. */
const KEEP_WHOLE = new Set(['code', 'pre', 'kbd', 'samp', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** No Danish word is longer; longer runs are not prose. */
const LONGEST_WORD = 64;
/** Shorter words gain little from a break and look worse for it. */
const SHORTEST_WORD = 6;
/** Addresses, e-mail, times and case numbers are never divided. */
const NOT_PROSE = /[/@:\\_.]\S|\d/;
/** Fewest letters on either side of a break (§ 15.2: "two or more"). */
const MIN_SIDE = 2;

const VOWELS = /[aeiouyæøåéèêëáàâäöüíìîïóòôúùû]/;
/** Spellings that mark an English word (feedback, deadline, leadership, coaching, software, dashboard; not tavs-hed). */
const ENGLISH = /w|ee|ea|oa|ck|sh(?!ed)/;
/** Foreign digraphs spoken as one consonant: they go to the next line together (work-shop). */
const DIGRAPHS = new Set(['sh', 'ch', 'ph']);

function isVowel(letter: string): boolean {
  return VOWELS.test(letter);
}

/**
 * A stop or f/v before l or r begins a syllable together with it before a full
 * vowel (ki-ro-prak-tor, im-ple-ment, pro-gram); before a weak e both ways
 * occur (æb-le but se-kre-tær), so no break is made there.
 */
const ONSET_PAIR = /^[bdgkptfv][lr]$/;
/** A suffix that begins with the l or r of such a pair: divided before it (fag-lig, udvik-ling, ænd-ring). */
const SUFFIX_AFTER_STOP = /^(?:lig|ling|ring)/;
/** Suffixes that begin with a consonant cluster: divided before them (§ 16.1.c: ven-skab). */
const CLUSTER_SUFFIX = /skab/g;

/**
 * Where a part seems to begin with a prefix, no syllable break may cross its
 * end, even when the dictionary does not know the rest (»fo-rebyggelse«,
 * »bes-krives«, »unders-tøttelse«): no break inside the prefix, nor inside the
 * consonants after it. The prefix may be a false guess ("forum"): that only
 * costs a break.
 */
function crossesPrefix(part: string, cut: number): boolean {
  for (let length = 2; length <= 5; length++) {
    if (!PREFIXES.has(part.slice(0, length))) continue;
    let run = length;
    while (run < part.length && !isVowel(part[run]!)) run++;
    if ((cut > 0 && cut < length) || (cut > length && cut < run)) return true;
  }
  return false;
}

/** Syllable breaks inside one part of a word (§ 17), as offsets into it. */
function syllableBreaks(part: string): number[] {
  const breaks: number[] = [];
  const suffixes = new Set([...part.matchAll(CLUSTER_SUFFIX)].map((match) => match.index));
  let previousVowel = -1;
  for (let index = 0; index < part.length; index++) {
    if (!isVowel(part[index]!)) continue;
    const consonants = index - previousVowel - 1;
    if (previousVowel >= 0 && consonants >= 1) {
      let cut = index - 1;
      const last = part.slice(index - 2, index);
      // "sh" before "ed" is the suffix -hed (tavs-hed), not a digraph.
      if (consonants >= 2 && DIGRAPHS.has(last) && !(last === 'sh' && part.startsWith('ed', index))) cut = index - 2;
      else if (consonants >= 2 && ONSET_PAIR.test(last) && !/[tdv]l/.test(last) && !SUFFIX_AFTER_STOP.test(part.slice(index - 1))) {
        if (part[index] === 'e') {
          previousVowel = index;
          continue;
        }
        cut = index - 2;
      }
      for (let at = previousVowel + 1; at < index; at++) if (suffixes.has(at)) cut = at;
      const left = part.slice(previousVowel + 1, cut);
      // A doubled consonant before more consonants cannot end a line (»supp-leant«).
      const doubled = left.length >= 2 && left.at(-1) === left.at(-2);
      if (cut > previousVowel && !doubled && !crossesPrefix(part, cut)) breaks.push(cut);
    }
    previousVowel = index;
  }
  return breaks;
}

/** Words the rules divide wrongly (loans, compounds the dictionary misses), divided by hand. */
const EXCEPTIONS = new Map(
  ['teen-age-å-re-ne', 'guide-lines', 'ens-ar-tet-hed', 'ens-ar-tet'].map((divided) => [divided.replaceAll('-', ''), divided]),
);

/** Whether only consonants stand between two offsets (a syllable break there would cross a joint). */
function sameConsonants(part: string, a: number, b: number): boolean {
  return ![...part.slice(Math.min(a, b), Math.max(a, b))].some(isVowel);
}

/** The offsets at which a run of letters may be divided. */
export function divisions(word: string): number[] {
  const lower = word.toLowerCase();
  const exception = EXCEPTIONS.get(lower);
  if (exception) return [...exception.matchAll(/-/g)].map((match, index) => match.index - index);
  const joints = compoundJoints(lower);
  const breaks = new Set<number>(joints);
  let start = 0;
  for (const end of [...joints, lower.length]) {
    const part = lower.slice(start, end);
    // English syllables do not follow § 17 (»dead-li-ne«, »soft-wa-re«): such parts divide only
    // between a doubled consonant, as Danish inflects them (workshop-pen).
    const english = ENGLISH.test(part);
    const doubtful = doubtfulJoints(part);
    for (const cut of syllableBreaks(part)) {
      if (english && part[cut] !== part[cut - 1]) continue;
      if (doubtful.some((joint) => sameConsonants(part, joint, cut))) continue;
      breaks.add(start + cut);
    }
    start = end;
  }
  const sorted = [...breaks].filter((cut) => cut >= MIN_SIDE && cut <= lower.length - MIN_SIDE).sort((a, b) => a - b);
  // Every fragment between two breaks needs a vowel (§ 15.2) and two letters.
  const kept: number[] = [];
  let from = 0;
  sorted.forEach((cut, index) => {
    const next = sorted[index + 1] ?? lower.length;
    // A lone letter between two breaks reads badly even where it is allowed (»ledigheds-y-delse«).
    if (cut - from >= MIN_SIDE && [...lower.slice(from, cut)].some(isVowel) && [...lower.slice(cut, next)].some(isVowel)) {
      kept.push(cut);
      from = cut;
    }
  });
  return kept;
}

export function hyphenateWord(word: string): string {
  let out = '';
  let from = 0;
  for (const cut of divisions(word)) {
    out += word.slice(from, cut) + SOFT_HYPHEN;
    from = cut;
  }
  return out + word.slice(from);
}

/**
 * Words already divided in this run: minutes repeat their vocabulary, and
 * the dictionary costs more than a lookup. Emptied when full, so that
 * content with endless distinct words cannot grow it without bound.
 */
const seen = new Map<string, string>();
const SEEN_LIMIT = 50_000;

function cachedHyphenation(word: string): string {
  let hyphenated = seen.get(word);
  if (hyphenated === undefined) {
    if (seen.size >= SEEN_LIMIT) seen.clear();
    hyphenated = hyphenateWord(word);
    seen.set(word, hyphenated);
  }
  return hyphenated;
}

/** Divide the prose words of a token: its runs of letters, each on its own. */
export function hyphenateText(text: string): string {
  return text.replace(/\S+/g, (token) =>
    NOT_PROSE.test(token) || token.length > LONGEST_WORD
      ? token
      : token.replace(/\p{L}+/gu, (letters) => (letters.length < SHORTEST_WORD ? letters : cachedHyphenation(letters))),
  );
}

/** Runs that typography.ts keeps on one line, and addresses. */
function isKept(element: Element): boolean {
  const className = element.properties.className;
  return Array.isArray(className) && (className.includes('keep') || className.includes('address'));
}

export function hyphenateDanish(nodes: ElementContent[]): void {
  for (const node of nodes) {
    visitParents(node, 'text', (text: Text, ancestors) => {
      if (ancestors.some((ancestor) => ancestor.type === 'element' && (KEEP_WHOLE.has(ancestor.tagName) || isKept(ancestor)))) return;
      text.value = hyphenateText(text.value);
    });
  }
}

/** One occurrence of a divided word ("an\u00ADbe\u00ADfa\u00ADlin\u00ADger"), counted from 0 in document order. */
export interface WholeWord {
  word: string;
  occurrence: number;
}

/**
 * The document with the given occurrences of words kept whole, made whole
 * one after the other in the order given, as src/print/screen-page-ends.ts
 * made them whole in the page: each occurrence counts the words as they
 * stood then. Only text holds soft hyphens, so the HTML's words are the
 * page's.
 */
export function keepOccurrencesWhole(html: string, kept: readonly WholeWord[]): string {
  let result = html;
  for (const { word, occurrence } of kept) {
    let count = 0;
    for (let at = result.indexOf(word); at !== -1; at = result.indexOf(word, at + word.length)) {
      const bounded = !isWordCharacter(result[at - 1] ?? ' ') && !isWordCharacter(result[at + word.length] ?? ' ');
      if (!bounded) continue;
      if (count++ === occurrence) {
        result = result.slice(0, at) + word.replaceAll(SOFT_HYPHEN, '') + result.slice(at + word.length);
        break;
      }
    }
  }
  return result;
}

/**
 * The document without the soft hyphens at the given ordinals (sorted,
 * counted in document order from 0), as src/print/unused-soft-hyphens.ts
 * dropped them from the page. Only text holds soft hyphens, so the HTML's
 * are the page's, in the same order.
 */
export function dropSoftHyphens(html: string, ordinals: readonly number[]): string {
  if (ordinals.length === 0) return html;
  const pieces: string[] = [];
  let done = 0;
  let next = 0;
  let nth = 0;
  for (let at = html.indexOf(SOFT_HYPHEN); at !== -1 && next < ordinals.length; at = html.indexOf(SOFT_HYPHEN, at + 1), nth++) {
    if (ordinals[next] !== nth) continue;
    pieces.push(html.slice(done, at));
    done = at + 1;
    next++;
  }
  pieces.push(html.slice(done));
  return pieces.join('');
}

export function countSoftHyphens(text: string): number {
  let count = 0;
  for (let at = text.indexOf(SOFT_HYPHEN); at !== -1; at = text.indexOf(SOFT_HYPHEN, at + 1)) count++;
  return count;
}

function isWordCharacter(character: string): boolean {
  return character === SOFT_HYPHEN || /[\p{L}\p{M}]/u.test(character);
}

/**
 * The document with every word whose division fell at a page end (its part
 * before the hyphen is in `fragments`, see src/finish/page-ends.ts) kept
 * whole: without its soft hyphens it moves to the next page undivided.
 */
export function keepWordsWhole(html: string, fragments: ReadonlySet<string>): string {
  if (fragments.size === 0) return html;
  // Only words with a soft hyphen can be divided: found from each soft hyphen,
  // not by matching every run of letters in a document that inlines its fonts.
  let result = '';
  let done = 0;
  for (let at = html.indexOf(SOFT_HYPHEN); at !== -1; at = html.indexOf(SOFT_HYPHEN, at + 1)) {
    let start = at;
    while (start > done && isWordCharacter(html[start - 1]!)) start--;
    let end = at + 1;
    while (end < html.length && isWordCharacter(html[end]!)) end++;
    const word = html.slice(start, end);
    let letters = '';
    let keep = false;
    for (const character of word) {
      if (character !== SOFT_HYPHEN) letters += character;
      else if (fragments.has(letters)) {
        keep = true;
        break;
      }
    }
    if (keep) {
      result += html.slice(done, start) + word.replaceAll(SOFT_HYPHEN, '');
      done = end;
    }
    at = end - 1;
  }
  return result + html.slice(done);
}
