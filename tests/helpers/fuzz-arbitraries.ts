/**
 * fast-check generators for hostile content: meetings whose index.md and item
 * files hold random, truncated, garbled or malicious frontmatter and Markdown,
 * as bytes. Each generated file carries a little metadata (what was done to
 * it) so that tests can check the diagnostics they must produce.
 *
 * Sizes of the shapes that once broke the pipeline (see the regression cases
 * in tests/validate/fuzz.test.ts): they now reach far past the limits.
 */
import fc from 'fast-check';
import type { FileSpec, ForumKind, MeetingSpec } from './fuzz-pipeline.js';

export const KNOWN_BUG_CAPS = {
  /** List/quote markers nested on ONE line ("- - - x", "> - > - x"; up to two markers a unit): benign below LIMITS.containerDepth (16). */
  oneLineNesting: 8,
  /** Alternating delimiters ("*a*a*a…", "~a~a…"): benign well below LIMITS.delimitersPerBlock (2000 per paragraph). */
  alternatingDelimiters: 800,
  /** Long words: those over 64 characters are not hyphenated, so even long ones stay fast. */
  longWord: 20_000,
} as const;

export interface Options {
  /** Garbled bytes, files over the size limit, 501 items. */
  wild: boolean;
  /** Values and bodies of tens to hundreds of KB (default true). */
  enormous?: boolean;
}

/** Set by the code in `---js`/`--- coffee` frontmatter if it were ever evaluated. */
export const PWNED_MARKER = '__referatFuzzPwned';

const encoder = new TextEncoder();
export const bytesOf = (text: string): Uint8Array => encoder.encode(text);

// ---------------------------------------------------------------- values

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export const isoDateArb = fc
  .record({ year: fc.integer({ min: 1990, max: 2040 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}-${pad(month)}-${pad(day)}`);

const impossibleDateArb = fc.constantFrom('2023-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32', '9999-99-99', '1900-02-29');
const malformedDateArb = fc.constantFrom(
  '2024-2-7',
  '07-02-2024',
  '7. februar 2024',
  '2024/02/07',
  '2024-02-07T10:00:00Z',
  '2024-02-07 10:00',
  '20240207',
  '２０２４-０２-０７',
  '2024‐02‐07',
  'i morgen',
  '',
  ' ',
);
const dateTextArb = fc.oneof({ arbitrary: isoDateArb, weight: 6 }, { arbitrary: impossibleDateArb, weight: 1 }, { arbitrary: malformedDateArb, weight: 1 });

const timeArb = fc.oneof(
  { arbitrary: fc.constantFrom('13:00-15:00', '9.00', '09:00', '13-15', '10 – 12', '8:30-9:15'), weight: 4 },
  { arbitrary: fc.constantFrom('25:99', 'kl. 10', '13:00 til 15:00', '1300', '-', 'hele dagen'), weight: 1 },
);

const NAMES = ['Anne Hansen', 'Bo Jensen', 'Søren Ærø', 'Ida Götke', 'Åse Øster', 'Zoë Ñúñez', 'محمد', '李雷', 'Ole "Bølle" Olsen', "O'Brien"];
const nameArb = fc.oneof({ arbitrary: fc.constantFrom(...NAMES), weight: 3 }, { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }), weight: 1 });
const unicodeArb = fc.string({ unit: 'grapheme', maxLength: 40 });
const anyTextArb = fc.oneof(
  { arbitrary: fc.constantFrom('Godkendelse af dagsorden', 'Økonomi 2025', 'Høring: ældreplejen', '16-031970', 'ja', 'no', 'null', '~', '0x1F', '1e3', '.inf', '-0', 'true'), weight: 3 },
  { arbitrary: unicodeArb, weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
);

/** Texts of a few hundred bytes up to a few hundred KB, of words (not one long word: see KNOWN_BUG_CAPS.longWord). */
const WORDS = 'Sundhedsaftalen kommunerne regionen borgerne æøå ÆØÅ samarbejdet forløbsprogrammet, implementeringen. Indsatsen målgruppen — opfølgningen'.split(' ');
/** Ordinary text: words, punctuation, emoji, combining marks and text that looks like template syntax. */
const safeTextArb = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 6 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...'abcæøåÆØÅ éü.,;:!?()-–—"\'%&$€§½'.split('')), minLength: 1, maxLength: 30 }), weight: 2 },
  { arbitrary: fc.constantFrom('{{7*7}}', '{{{html}}}', '{{> head}}', '{{#each items}}x{{/each}}', '\\<b>', '\\*', '&amp;', '&lt;script&gt;', '1.000 kr.', '§ 17, stk. 4', '😀👍🏽', 'e\u0301', '\u200b', 'ﬁ'), weight: 1 },
);
export const enormousTextArb = fc
  .record({ size: fc.integer({ min: 20_000, max: 400_000 }), seed: fc.nat(WORDS.length - 1), lineEvery: fc.integer({ min: 5, max: 400 }) })
  .map(({ size, seed, lineEvery }) => {
    const words: string[] = [];
    let length = 0;
    for (let index = 0; length < size; index++) {
      const word = WORDS[(index * 7 + seed) % WORDS.length]!;
      words.push(index % lineEvery === lineEvery - 1 ? `${word}\n` : word);
      length += word.length + 1;
    }
    return words.join(' ');
  });

// ---------------------------------------------------------------- YAML

/** A YAML rendering of a text: any style, some of them broken on purpose. */
const scalarArb = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: text.map((value) => value), weight: 4 },
    { arbitrary: text.map((value) => JSON.stringify(value)), weight: 2 },
    { arbitrary: text.map((value) => `'${value.replace(/'/g, "''")}'`), weight: 1 },
    { arbitrary: text.map((value) => `|\n  ${value.replace(/\n/g, '\n  ')}`), weight: 1 },
    { arbitrary: text.map((value) => `>-\n  ${value.replace(/\n/g, '\n  ')}`), weight: 1 },
    { arbitrary: text.map((value) => `"${value}`), weight: 1 },
    { arbitrary: fc.constantFrom('"a\\qb"', '"\\u00e6\\xF8"', '[a, b', '{navn: x', '&a x', '*nothing', '!!binary aGVq', '!<tag:x> y', '@x', '`x`', '%x', '|', '- a', 'a: b'), weight: 1 },
  );

const listArb = (item: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    fc.array(scalarArb(item), { maxLength: 6 }).map((items) => (items.length === 0 ? '[]' : `\n${items.map((value) => `  - ${value.replace(/\n/g, '\n    ')}`).join('\n')}`)),
    fc.array(item, { maxLength: 4 }).map((items) => `[${items.map((value) => JSON.stringify(value)).join(', ')}]`),
  );

/** Wrong kinds of value for any field. */
const wrongTypeArb = fc.constantFrom('', '~', 'null', '[]', '{}', '[1, 2]', '{a: 1}', '\n  - a\n  - b', '\n  navn: x', 'true', '42', '0o17', '\n  - - nested');

const caseworkerArb = fc
  .record({ navn: fc.option(nameArb), telefon: fc.option(fc.constantFrom('99 74 15 92', '+45 12345678', 'ring')), email: fc.option(fc.constantFrom('a@b.dk', 'ikke en mail', 'x@y', '')) })
  .map(({ navn, telefon, email }) => {
    const lines = [navn !== null && `  navn: ${JSON.stringify(navn)}`, telefon !== null && `  telefon: ${telefon}`, email !== null && `  email: ${email}`];
    return `\n${lines.filter(Boolean).join('\n')}`;
  });

const PATHS = ['bilag/oplaeg.pdf', 'bilag/billede.png', 'bilag/ude.pdf', 'bilag/findes-ikke.pdf', '../forum.yml', '/etc/passwd', 'file:///etc/passwd', 'C:\\Windows\\win.ini', './bilag/oplaeg.pdf', 'bilag/../../x', 'https://example.dk/a.pdf'];
const URLS = ['https://example.dk/bilag.pdf', 'http://example.dk', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://x', 'mailto:a@b.dk', 'ikke en url', ''];
const attachmentArb = fc
  .record({ titel: fc.option(anyTextArb), fil: fc.option(fc.constantFrom(...PATHS)), url: fc.option(fc.constantFrom(...URLS)), extra: fc.option(fc.constantFrom('filnavn: x', 'titel2: y')) })
  .map(({ titel, fil, url, extra }) => {
    const lines = [titel !== null && `titel: ${JSON.stringify(titel)}`, fil !== null && `fil: ${JSON.stringify(fil)}`, url !== null && `url: ${JSON.stringify(url)}`, extra];
    const present = lines.filter((line): line is string => Boolean(line));
    return present.length === 0 ? '  -' : `  - ${present.join('\n    ')}`;
  });
const attachmentsArb = fc.array(attachmentArb, { maxLength: 4 }).map((items) => (items.length === 0 ? '[]' : `\n${items.join('\n')}`));

type FieldValues = Record<string, fc.Arbitrary<string>>;
const INDEX_FIELDS: FieldValues = {
  mødedato: scalarArb(dateTextArb),
  mødetid: scalarArb(timeArb),
  mødested: scalarArb(anyTextArb),
  deltagere: listArb(nameArb),
  afbud: listArb(nameArb),
  sagsnummer: scalarArb(anyTextArb),
  sagsbehandler: caseworkerArb,
  dato: scalarArb(dateTextArb),
};
const ITEM_FIELDS: FieldValues = {
  titel: scalarArb(anyTextArb),
  tidsrum: scalarArb(timeArb),
  sagsnummer: scalarArb(anyTextArb),
  bilag: attachmentsArb,
};

/** A field name as a hurried secretary might type it. */
const misspell = (key: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.nat(key.length - 1).map((at) => key.slice(0, at) + key.slice(at + 1)),
    fc.nat(key.length - 2).map((at) => key.slice(0, at) + key[at + 1] + key[at] + key.slice(at + 2)),
    fc.constant(key.replace('ø', 'o').replace('æ', 'ae')),
    fc.constant(key.charAt(0).toUpperCase() + key.slice(1)),
    fc.constant(`${key} `),
    fc.constant(`"${key}"`),
    fc.constant(key.normalize('NFD')),
  );
const UNKNOWN_KEYS = ['title', 'date', 'beskrivelse', 'mødeDato', '__proto__', 'constructor', 'toString', '<<', '? [a, b]', '"quoted key"', 'a b', 'é', '123', 'null', 'true'];

/**
 * One field line (or block): the right value, a value of the wrong type, or a
 * value that is enormous, under its key, a misspelling, or an unknown key.
 */
const fieldArb = (fields: FieldValues, options: Options): fc.Arbitrary<string> => {
  const names = Object.keys(fields);
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...names), weight: 8 },
    { arbitrary: fc.constantFrom(...names).chain(misspell), weight: 1 },
    { arbitrary: fc.oneof(fc.constantFrom(...UNKNOWN_KEYS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 })), weight: 1 },
  );
  return key.chain((name) => {
    const right = Object.hasOwn(fields, name) ? fields[name]! : scalarArb(anyTextArb);
    const value = fc.oneof(
      { arbitrary: right, weight: 100 },
      { arbitrary: wrongTypeArb, weight: 20 },
      { arbitrary: scalarArb(anyTextArb), weight: 10 },
      { arbitrary: fc.constantFrom(...Object.values(fields)).chain((other) => other), weight: 10 },
      { arbitrary: enormousTextArb.map((text) => JSON.stringify(text)), weight: options.enormous === false ? 0 : 1 },
    );
    return value.map((text) => `${name}:${text.startsWith('\n') ? '' : ' '}${text}`);
  });
};

/** An exponential alias expansion: `levels` anchors each referring `width` times to the previous one. */
export function billionLaughs(levels: number, width: number, field: string): string {
  const lines = ['lol0: &lol0 "lol"'];
  for (let level = 1; level <= levels; level++) lines.push(`lol${level}: &lol${level} [${Array(width).fill(`*lol${level - 1}`).join(', ')}]`);
  lines.push(`${field}: *lol${levels}`);
  return lines.join('\n');
}

/** Extras spliced between the fields: anchors, duplicates, comments, markers. */
const extraArb = (fields: FieldValues): fc.Arbitrary<{ line: string; bomb?: true }> =>
  fc.oneof(
    fc.constantFrom(...Object.keys(fields)).map((name) => ({ line: `anker: &a ${name}\n${name}: *a` })),
    fc.constantFrom('# kommentar: titel: x', '...', '%YAML 1.2', '--- !!map', '? ', ': x', '- a', '\t', 'a: &a [*a]', 'b: *udefineret').map((line) => ({ line })),
    fc
      .record({ levels: fc.integer({ min: 3, max: 9 }), width: fc.integer({ min: 3, max: 10 }), field: fc.constantFrom(...Object.keys(fields)) })
      .map(({ levels, width, field }) => ({ line: billionLaughs(levels, width, field), bomb: true as const })),
  );

const nonBlank = (text: fc.Arbitrary<string>) => text.filter((value) => value.trim() !== '');
/** Valid values only, each field at most once: frontmatter that must validate. */
const BENIGN_INDEX_FIELDS: FieldValues = {
  mødetid: fc.constantFrom('13:00-15:00', '9.00', '09:00', '13-15', '10 – 12').map((value) => JSON.stringify(value)),
  mødested: nonBlank(safeTextArb).map((value) => JSON.stringify(value)),
  deltagere: fc.array(fc.constantFrom(...NAMES), { maxLength: 5 }).map((names) => `[${names.map((name) => JSON.stringify(name)).join(', ')}]`),
  afbud: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((names) => `\n${names.map((name) => `  - ${JSON.stringify(name)}`).join('\n')}`),
  sagsnummer: fc.constantFrom('16-031970', '"24/1234"', '00.01.00-A00-1-24'),
  sagsbehandler: fc.constantFrom('\n  navn: Trine Bloch\n  telefon: "99 74 15 92"\n  email: trine@example.dk', '\n  navn: Bo'),
  dato: isoDateArb,
};
const BENIGN_ITEM_FIELDS: FieldValues = {
  tidsrum: fc.constantFrom('13:00-13:30', '9.00', '"14-15"'),
  sagsnummer: fc.constantFrom('16-031970', '"24/1234"'),
  bilag: fc
    .array(fc.tuple(fc.constantFrom(...NAMES, 'Oplæg', 'Budget 2025'), fc.constantFrom('fil: bilag/oplaeg.pdf', 'url: https://example.dk/bilag.pdf', 'fil: "./bilag/oplaeg.pdf"', '')), { minLength: 1, maxLength: 3 })
    .map((items) => `\n${items.map(([titel, extra]) => `  - titel: ${JSON.stringify(titel)}${extra ? `\n    ${extra}` : ''}`).join('\n')}`),
};

const benignFrontmatterArb = (kind: 'index' | 'item'): fc.Arbitrary<FrontmatterInfo> => {
  const fields = kind === 'index' ? BENIGN_INDEX_FIELDS : BENIGN_ITEM_FIELDS;
  const first = kind === 'index' ? isoDateArb.map((date) => `mødedato: ${date}`) : nonBlank(safeTextArb).map((titel) => `titel: ${JSON.stringify(titel)}`);
  return fc
    .record({ first, rest: fc.shuffledSubarray(Object.keys(fields)).chain((names) => fc.tuple(...names.map((name) => fields[name]!.map((value) => `${name}:${value.startsWith('\n') ? '' : ' '}${value}`)))) })
    .map(({ first, rest }) => ({ text: `---\n${[first, ...rest].join('\n')}\n---\n`, bomb: false }));
};

const LANGUAGES = ['js', 'javascript', 'json', ' coffee', 'coffee', 'coffeescript', 'toml', 'python'] as const;
/** Code that would have side effects if any engine evaluated it. */
const payload = (language: string) =>
  language.includes('coffee')
    ? `titel: do -> globalThis.${PWNED_MARKER} = 'coffee'`
    : language === 'json'
      ? `{"titel": "x", "constructor": {"prototype": {"${PWNED_MARKER}": true}}}`
      : language === 'toml'
        ? 'titel = "x"'
        : `{ titel: (globalThis.${PWNED_MARKER} = '${language}', require('node:fs').writeFileSync('/tmp/${PWNED_MARKER}', 'x'), "x") }`;

export interface FrontmatterInfo {
  text: string;
  /** A non-YAML language tag on the opening line (must be refused, never evaluated). */
  language?: string;
  bomb: boolean;
}

const frontmatterArb = (fields: FieldValues, required: string, options: Options): fc.Arbitrary<FrontmatterInfo> =>
  fc.oneof(
    // The ordinary case: a required field first (mostly), then other fields and extras.
    {
      weight: 12,
      arbitrary: fc
        .record({
          first: fc.oneof({ arbitrary: fields[required]!.map((value) => `${required}:${value.startsWith('\n') ? '' : ' '}${value}`), weight: 5 }, { arbitrary: fieldArb(fields, options), weight: 1 }),
          rest: fc.array(fieldArb(fields, options), { maxLength: 7 }),
          extras: fc.array(fc.tuple(fc.nat(), extraArb(fields)), { maxLength: 2 }),
          duplicate: fc.boolean(),
          open: fc.oneof({ arbitrary: fc.constant('---'), weight: 10 }, { arbitrary: fc.constantFrom('---yaml', '--- ', '----', '---\t'), weight: 1 }),
          close: fc.oneof({ arbitrary: fc.constant('---'), weight: 10 }, { arbitrary: fc.constantFrom('', '...', '----', '--- x'), weight: 1 }),
        })
        .map(({ first, rest, extras, duplicate, open, close }) => {
          const lines = [first, ...rest];
          if (duplicate) lines.push(lines[0]!);
          let bomb = false;
          for (const [at, extra] of extras) {
            lines.splice(at % (lines.length + 1), 0, extra.line);
            bomb ||= extra.bomb === true;
          }
          return { text: `${open}\n${lines.join('\n')}\n${close}\n`, bomb };
        }),
    },
    // A language tag with code that must never run.
    {
      weight: 1,
      arbitrary: fc.constantFrom(...LANGUAGES).map((language) => ({ text: `---${language}\n${payload(language)}\n---\n`, language: language.trim(), bomb: false })),
    },
    // No frontmatter, or random text where it should be.
    { weight: 1, arbitrary: fc.oneof(fc.constant(''), unicodeArb.map((text) => `---\n${text}\n---\n`), unicodeArb).map((text) => ({ text, bomb: false })) },
  );

// ---------------------------------------------------------------- Markdown

const SECTION_NAMES = ['Resumé', 'Indstilling', 'Sagsfremstilling', 'Beslutning', 'Referat', 'Bilag'];
const stripAccents = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const sectionHeadingArb = fc.oneof(
  { arbitrary: fc.mixedCase(fc.constantFrom(...SECTION_NAMES, ...SECTION_NAMES.map(stripAccents), 'RESUMÉ:', 'Beslutning.', ' Indstilling ')), weight: 5 },
  { arbitrary: fc.constantFrom('Baggrund', 'Økonomi', 'Beslutnign', 'Resume og indstilling', 'Bilag 1', ''), weight: 2 },
  { arbitrary: unicodeArb, weight: 1 },
);
const headingArb = fc.oneof(
  { arbitrary: sectionHeadingArb.map((name) => `## ${name}`), weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom('#', '###', '####', '######', '#######'), unicodeArb).map(([hashes, text]) => `${hashes} ${text}`), weight: 2 },
  { arbitrary: sectionHeadingArb.map((name) => `${name}\n${'-'.repeat(3)}`), weight: 1 },
);

const LINK_URLS = ['https://example.dk', 'http://example.dk/a?b=c', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd', 'mailto:a@b.dk', 'tel:+4512345678', '#punkt-1', 'relativ/side', 'data:text/html,<script>alert(1)</script>', '//example.dk', ''];
const IMAGE_PATHS = ['bilag/billede.png', './bilag/billede.png', 'bilag/ude.pdf', '../billede.png', '../../../../etc/passwd', '/etc/passwd', 'file:///etc/passwd', 'https://example.dk/x.png', 'data:image/png;base64,AAAA', 'bilag/mangler.png', 'bilag/æ ø å.png', '%2e%2e/x.png'];

const inlineArb = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 6 },
  { arbitrary: unicodeArb, weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom('*', '**', '_', '__', '~~', '`', '***'), fc.constantFrom(...WORDS)).map(([mark, word]) => `${mark}${word}${mark}`), weight: 2 },
  { arbitrary: fc.tuple(unicodeArb, fc.constantFrom(...LINK_URLS)).map(([text, url]) => `[${text}](${url})`), weight: 2 },
  { arbitrary: fc.tuple(unicodeArb, fc.constantFrom(...IMAGE_PATHS)).map(([alt, src]) => `![${alt}](${src})`), weight: 2 },
  { arbitrary: fc.constantFrom('<https://example.dk>', '<javascript:alert(1)>', 'www.example.dk', 'a@b.dk', '[ref]', '[^1]', '[^note]', '[^mangler]', '\\*', '&amp;', '&#0;', '&nbsp;'), weight: 1 },
  { arbitrary: fc.constantFrom('{{7*7}}', '{{{html}}}', '{{> head}}', '{{#each items}}x{{/each}}', '{{constructor.constructor "return process"}}', '}}{{', '{{!-- kommentar --}}'), weight: 1 },
  { arbitrary: fc.constantFrom('<b>fed</b>', '<span style="color:red">x</span>', '<img src=x onerror="alert(1)">', '<!-- kommentar -->', '<br>', '</div>'), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('*', '_', '[', ']', '~', '`'), fc.integer({ min: 1, max: 100 })).map(([char, count]) => char.repeat(count)), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('*a', '~a', '_a', '[a', '*_', '**a '), fc.integer({ min: 1, max: KNOWN_BUG_CAPS.alternatingDelimiters / 2 }))
      .map(([unit, count]) => unit.repeat(count)),
    weight: 1,
  },
  { arbitrary: fc.integer({ min: 8, max: KNOWN_BUG_CAPS.longWord }).map((length) => 'sundhedsaftale'.repeat(Math.ceil(length / 14)).slice(0, length)), weight: 1 },
);
const lineArb = fc.array(inlineArb, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));

const listArbMd = fc
  .record({
    items: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), lineArb), { minLength: 1, maxLength: 6 }),
    marker: fc.constantFrom('- ', '* ', '+ ', '1. ', '1) ', '- [ ] ', '- [x] '),
    indent: fc.constantFrom('  ', '   ', '    ', '\t'),
  })
  .map(({ items, marker, indent }) => items.map(([depth, text]) => `${indent.repeat(depth)}${marker}${text}`).join('\n'));

const quoteArb = fc.tuple(fc.integer({ min: 1, max: 24 }), fc.constantFrom('> ', '>', ' > '), lineArb).map(([depth, mark, text]) => `${mark.repeat(depth)}${text}`);

const oneLineNestingArb = fc
  .tuple(fc.constantFrom('- ', '* ', '1. ', '> - ', '- > ', '> 1. '), fc.integer({ min: 1, max: KNOWN_BUG_CAPS.oneLineNesting }), lineArb)
  .map(([unit, count, text]) => `${unit.repeat(count)}${text}`);

const cellArb = fc.oneof(fc.constantFrom('', 'a', 'æøå', '\\|', '`|`', '**fed**', '1.000 kr.'), unicodeArb.map((text) => text.replace(/[|\n]/g, ' ')));
const tableArb = fc
  .record({
    columns: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 8 }), weight: 5 }, { arbitrary: fc.integer({ min: 9, max: 2000 }), weight: 1 }),
    rows: fc.integer({ min: 0, max: 5 }),
    cells: fc.array(cellArb, { minLength: 1, maxLength: 10 }),
    align: fc.constantFrom('---', ':--', ':-:', '--:', '-'),
    ragged: fc.boolean(),
  })
  .map(({ columns, rows, cells, align, ragged }) => {
    const row = (offset: number) => `| ${Array.from({ length: ragged ? Math.max(1, columns - offset) : columns }, (_, index) => cells[(index + offset) % cells.length]).join(' | ')} |`;
    return [row(0), `|${Array(columns).fill(align).join('|')}|`, ...Array.from({ length: rows }, (_, index) => row(index + 1))].join('\n');
  });

const blockArb = fc.oneof(
  { arbitrary: headingArb, weight: 4 },
  { arbitrary: lineArb, weight: 6 },
  { arbitrary: listArbMd, weight: 2 },
  { arbitrary: quoteArb, weight: 1 },
  { arbitrary: oneLineNestingArb, weight: 1 },
  { arbitrary: tableArb, weight: 1 },
  { arbitrary: fc.constantFrom('<div>\nrå html\n</div>', '<script>globalThis.x = 1</script>', '<iframe src="https://example.dk"></iframe>', '<style>body{display:none}</style>', '<?php echo 1; ?>', '<![CDATA[x]]>'), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'js', 'html', '{{x}}'), lineArb).map(([fence, info, text]) => `${fence}${info}\n${text}\n${fence}`), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('1', 'note', 'æ', '^', ' '), lineArb).map(([label, text]) => `[^${label}]: ${text}`), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('ref', 'x'), fc.constantFrom(...LINK_URLS)).map(([label, url]) => `[${label}]: ${url}`), weight: 1 },
  { arbitrary: fc.constantFrom('***', '---', '___', '```', '$$\nx\n$$', '    indrykket kode', '\\', '&', '|', '>', '- ', '1.'), weight: 1 },
);

// Benign Markdown: everything an item may hold (within the limits, nothing refused),
// so that a good share of generated meetings gets all the way to HTML.
const SAFE_URLS = ['https://example.dk', 'http://example.dk/a?b=c&d=æ', 'mailto:a@b.dk', 'tel:+4512345678', '#punkt-1', 'HTTPS://EXAMPLE.DK/%20x'];
const safeInlineArb = fc.oneof(
  { arbitrary: safeTextArb, weight: 8 },
  { arbitrary: fc.tuple(fc.constantFrom('*', '**', '_', '__', '~~', '`', '***'), fc.constantFrom(...WORDS)).map(([mark, word]) => `${mark}${word}${mark}`), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SAFE_URLS)).map(([text, url]) => `[${text}](${url})`), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom('bilag/billede.png', './bilag/billede.png')).map(([alt, src]) => `![${alt}](${src})`), weight: 1 },
  { arbitrary: fc.constantFrom('<https://example.dk>', 'www.example.dk', 'a@b.dk', '[^1]'), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('*a', '~a', '_a', '[a', '*_', '**a '), fc.integer({ min: 1, max: KNOWN_BUG_CAPS.alternatingDelimiters / 2 }))
      .map(([unit, count]) => unit.repeat(count)),
    weight: 1,
  },
  { arbitrary: fc.tuple(fc.constantFrom('*', '_', '~', '`'), fc.integer({ min: 1, max: 64 })).map(([char, count]) => char.repeat(count)), weight: 1 },
  { arbitrary: fc.integer({ min: 8, max: KNOWN_BUG_CAPS.longWord }).map((length) => 'sundhedsaftale'.repeat(Math.ceil(length / 14)).slice(0, length)), weight: 1 },
);
const safeLineArb = fc.array(safeInlineArb, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));
const safeBlockArb = fc.oneof(
  { arbitrary: safeLineArb, weight: 8 },
  { arbitrary: fc.tuple(fc.constantFrom('###', '####', '######'), safeLineArb).map(([hashes, text]) => `${hashes} ${text}`), weight: 1 },
  {
    arbitrary: fc
      .record({
        items: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), safeLineArb), { minLength: 1, maxLength: 6 }),
        marker: fc.constantFrom('- ', '* ', '1. ', '- [ ] ', '- [x] '),
      })
      .map(({ items, marker }) => {
        // Each level at most one deeper than the one before, two columns per level.
        let depth = 0;
        return items.map(([wanted, text]) => `${'  '.repeat((depth = Math.min(wanted, depth + 1)))}${marker}${text}`).join('\n');
      }),
    weight: 2,
  },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 16 }), safeLineArb).map(([depth, text]) => `${'> '.repeat(depth)}${text}`), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('- ', '> - ', '1. '), fc.integer({ min: 1, max: KNOWN_BUG_CAPS.oneLineNesting }), safeLineArb).map(([unit, count, text]) => `${unit.repeat(count)}${text}`), weight: 1 },
  {
    arbitrary: fc
      .record({ columns: fc.integer({ min: 1, max: 40 }), rows: fc.integer({ min: 0, max: 4 }), cells: fc.array(fc.constantFrom(...WORDS, '', '1.000', '**x**'), { minLength: 1, maxLength: 8 }) })
      .map(({ columns, rows, cells }) => {
        const row = (offset: number) => `| ${Array.from({ length: columns }, (_, index) => cells[(index + offset) % cells.length]).join(' | ')} |`;
        return [row(0), `|${Array(columns).fill('---').join('|')}|`, ...Array.from({ length: rows }, (_, index) => row(index + 1))].join('\n');
      }),
    weight: 1,
  },
  { arbitrary: fc.tuple(fc.constantFrom('```', '~~~'), fc.constantFrom('', 'js', 'html'), fc.constantFrom('<script>alert(1)</script>', '{{7*7}}', '# ikke en overskrift', 'x')).map(([fence, info, code]) => `${fence}${info}\n${code}\n${fence}`), weight: 1 },
  { arbitrary: safeLineArb.map((text) => `[^1]: ${text}`), weight: 1 },
);
const safeBlocksArb = fc.array(safeBlockArb, { maxLength: 4 }).map((blocks) => blocks.join('\n\n'));

/** Sections a body may have in every forum, each once, in any order, case and accents. */
const COMMON_SECTIONS = ['Indstilling', 'Sagsfremstilling', 'Beslutning'];
export const benignBodyArb: fc.Arbitrary<string> = fc
  .record({
    intro: safeBlocksArb,
    sections: fc.shuffledSubarray(COMMON_SECTIONS),
    variants: fc.array(fc.tuple(fc.mixedCase(fc.constant('x')), fc.constantFrom('', ':', ' ')), { minLength: 3, maxLength: 3 }),
    upper: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    contents: fc.array(safeBlocksArb, { minLength: 3, maxLength: 3 }),
  })
  .map(({ intro, sections, variants, upper, contents }) =>
    [intro, ...sections.map((name, index) => `## ${upper[index] ? name.toUpperCase() : name.toLowerCase()}${variants[index]![1]}\n\n${contents[index]}`)].join('\n\n') + '\n',
  );

export const markdownBodyArb = (options: Options): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.array(fc.tuple(blockArb, fc.constantFrom('\n\n', '\n', '\n\n\n')), { maxLength: 14 }).map((blocks) => blocks.map(([block, gap]) => block + gap).join('')), weight: 30 },
    { arbitrary: enormousTextArb.map((text) => `## Referat\n\n${text}\n`), weight: options.enormous === false ? 0 : 1 },
  );

// ---------------------------------------------------------------- bytes

export interface GeneratedFile {
  bytes: Uint8Array;
  /** The frontmatter and body were left exactly as generated (no truncation or garbling). */
  pristine: boolean;
  /** Generated to be valid: valid frontmatter, a body within the limits (BOM and CRLF allowed). */
  benign?: boolean;
  language?: string;
  bomb: boolean;
}

type Garble =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'latin1'; line: number }
  | { kind: 'bom' }
  | { kind: 'crlf' }
  | { kind: 'cr' }
  | { kind: 'tabs' }
  | { kind: 'nul'; at: number }
  | { kind: 'truncate'; at: number };

const garbleArb: fc.Arbitrary<Garble> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('latin1' as const), line: fc.nat() }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'bom' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'crlf' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'cr' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'tabs' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('nul' as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }), weight: 2 },
);

/** Apply text-level changes first, then byte-level ones. */
export function garble(text: string, garbles: readonly Garble[]): Uint8Array {
  for (const change of garbles) {
    if (change.kind === 'truncate') text = text.slice(0, change.at % (text.length + 1));
    else if (change.kind === 'crlf') text = text.replace(/\n/g, '\r\n');
    else if (change.kind === 'cr') text = text.replace(/\n/g, '\r');
    else if (change.kind === 'tabs') text = text.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2));
  }
  let bytes = Buffer.from(text, 'utf8');
  for (const change of garbles) {
    if (change.kind === 'flip' && bytes.length > 0) {
      bytes = Buffer.from(bytes);
      bytes[change.at % bytes.length] = change.byte;
    } else if (change.kind === 'nul') {
      const at = change.at % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
    } else if (change.kind === 'latin1') {
      const starts = [0];
      for (let index = bytes.indexOf(0x0a); index >= 0; index = bytes.indexOf(0x0a, index + 1)) starts.push(index + 1);
      const at = starts[change.line % starts.length]!;
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe6, 0xf8, 0xe5, 0x20]), bytes.subarray(at)]);
    } else if (change.kind === 'bom') {
      bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    }
  }
  return new Uint8Array(bytes);
}

const OVERSIZE = fc.integer({ min: 1_000_001, max: 1_300_000 });

/** Line-end and BOM changes that must not change anything: the only changes benign files get. */
const harmlessGarbleArb: fc.Arbitrary<Garble[]> = fc.oneof(
  { arbitrary: fc.constant<Garble[]>([]), weight: 6 },
  { arbitrary: fc.subarray<Garble>([{ kind: 'bom' }, { kind: 'crlf' }], { minLength: 1 }), weight: 1 },
);

const benignFileArb = (kind: 'index' | 'item'): fc.Arbitrary<GeneratedFile> =>
  fc
    .record({ frontmatter: benignFrontmatterArb(kind), body: benignBodyArb, garbles: harmlessGarbleArb })
    .map(({ frontmatter, body, garbles }) => ({ bytes: garble(frontmatter.text + body, garbles), pristine: true, benign: true, bomb: false }));

const fileArb = (fields: FieldValues, required: string, options: Options): fc.Arbitrary<GeneratedFile> =>
  fc.oneof({ arbitrary: benignFileArb(required === 'titel' ? 'item' : 'index'), weight: 3 }, { arbitrary: hostileFileArb(fields, required, options), weight: 1 });

const hostileFileArb = (fields: FieldValues, required: string, options: Options): fc.Arbitrary<GeneratedFile> =>
  fc
    .record({
      frontmatter: frontmatterArb(fields, required, options),
      body: markdownBodyArb(options),
      garbles: options.wild ? fc.oneof({ arbitrary: fc.constant([] as Garble[]), weight: 4 }, { arbitrary: fc.array(garbleArb, { minLength: 1, maxLength: 3 }), weight: 1 }) : fc.constant([] as Garble[]),
      oversize: options.wild ? fc.oneof({ arbitrary: fc.constant(null), weight: 25 }, { arbitrary: OVERSIZE, weight: 1 }) : fc.constant(null),
    })
    .map(({ frontmatter, body, garbles, oversize }) => {
      let text = frontmatter.text + body;
      if (oversize !== null) text += `\n${'Meget lang tekst om sundhedsaftalen. '.repeat(Math.ceil(oversize / 37))}`;
      return { bytes: garble(text, garbles), pristine: garbles.length === 0, language: frontmatter.language, bomb: frontmatter.bomb };
    });

export const indexFileArb = (options: Options) => fileArb(INDEX_FIELDS, 'mødedato', options);
export const itemFileArb = (options: Options) => fileArb(ITEM_FIELDS, 'titel', options);

/** A clean, valid item, for tests that need meetings that print. */
export const cleanItemArb = fc
  .record({ titel: fc.constantFrom(...NAMES, 'Godkendelse af dagsorden'), section: fc.constantFrom(...SECTION_NAMES), text: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 30 }) })
  .map(({ titel, section, text }) => bytesOf(`---\ntitel: ${JSON.stringify(titel)}\n---\n## ${section}\n\n${text.join(' ')}\n`));

// ---------------------------------------------------------------- meetings

const ITEM_NAMES = ['punkt', 'godkendelse', 'æøå', 'a b', 'x.y', 'økonomi'];

export interface GeneratedMeeting {
  spec: MeetingSpec;
  /** Metadata per file name ("index.md" and the item names). */
  info: Map<string, GeneratedFile>;
}

const cleanItemFileArb: fc.Arbitrary<GeneratedFile> = cleanItemArb.map((bytes) => ({ bytes, pristine: true, bomb: false }));
const TOO_MANY_ITEMS: GeneratedFile[] = Array.from({ length: 501 }, () => ({ bytes: bytesOf('---\ntitel: x\n---\n'), pristine: true, bomb: false }));

const itemsArb = (options: Options): fc.Arbitrary<GeneratedFile[]> => {
  const someItems: fc.Arbitrary<GeneratedFile[]> = fc.array(fc.oneof({ arbitrary: itemFileArb(options), weight: 3 }, { arbitrary: cleanItemFileArb, weight: 1 }), { maxLength: 5 });
  const tooMany: fc.Arbitrary<GeneratedFile[]> = fc.constant(TOO_MANY_ITEMS);
  return options.wild ? fc.oneof({ arbitrary: someItems, weight: 80 }, { arbitrary: tooMany, weight: 1 }) : someItems;
};

/**
 * A meeting: index.md, 0–5 items (rarely 501), files in bilag/ (one a symlink
 * out of the folder). The folder name mostly matches the index's mødedato.
 */
export const meetingArb = (options: Options & { forum?: ForumKind }): fc.Arbitrary<GeneratedMeeting> =>
  fc
    .record({
      forum: options.forum ? fc.constant(options.forum) : fc.constantFrom<ForumKind>('kommune', 'region'),
      index: indexFileArb(options),
      items: itemsArb(options),
      folder: fc.oneof({ arbitrary: fc.constantFrom('match', 'match-2'), weight: 14 }, { arbitrary: isoDateArb, weight: 1 }),
      rotation: fc.nat(ITEM_NAMES.length - 1),
    })
    .map(({ forum, index, items, folder, rotation }) => {
      const dateInIndex = /mødedato:\s*["']?(\d{4}-\d{2}-\d{2})/.exec(Buffer.from(index.bytes).toString('utf8'))?.[1];
      const id = folder.startsWith('match') ? `${dateInIndex ?? '2024-02-07'}${folder.slice('match'.length)}` : folder;
      const itemSpecs: FileSpec[] = items.map((item, position) => ({ name: `${String(position + 1).padStart(2, '0')}-${ITEM_NAMES[(position + rotation) % ITEM_NAMES.length]}.md`, bytes: item.bytes }));
      const info = new Map<string, GeneratedFile>([['index.md', index], ...items.map((item, position): [string, GeneratedFile] => [itemSpecs[position]!.name, item])]);
      return {
        spec: {
          forum,
          id,
          index: index.bytes,
          items: itemSpecs,
          files: [
            ['bilag/oplaeg.pdf', true],
            ['bilag/billede.png', true],
            ['bilag/æ ø å.png', true],
            ['bilag/ude.pdf', false],
          ],
        },
        info,
      };
    });
