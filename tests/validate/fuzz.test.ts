/**
 * Property-based tests (fast-check): content is untrusted input, so whatever
 * an index.md, item file or frontmatter holds, the pipeline must end in a PDF
 * (here: the HTML that would be printed) or in clean Danish diagnostics that
 * name the file – never an exception, a hang or a stack trace.
 *
 * Reproducibility: every property runs with the fixed seed SEED, so each run
 * of this file sees the same cases, and a failure prints a seed and path that
 * replay it (fc.assert(..., { seed, path })). To explore new cases, change
 * SEED locally; keep it fixed in the repository.
 *
 * Inputs that once broke the pipeline are kept as regression cases at the
 * end; the random generators now reach past the limits that fixed them
 * (caps in tests/helpers/fuzz-arbitraries.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { buildAll, PROJECT_ROOT } from '../../src/api.js';
import { validateForum } from '../../src/validate/validate.js';
import { displayPath, formatMessage } from '../../src/diagnostics/format.js';
import {
  createEnvironment,
  CWD,
  FORUM_DIR,
  FORUM_ID,
  FORUM_YAML,
  messageProblems,
  messageRecords,
  PNG,
  runPipeline,
  type MeetingSpec,
  type MessageRecord,
  type PipelineResult,
} from '../helpers/fuzz-pipeline.js';
import { billionLaughs, bytesOf, cleanItemArb, meetingArb, PWNED_MARKER, type GeneratedMeeting } from '../helpers/fuzz-arbitraries.js';
import { runIsolated } from '../helpers/fuzz-isolated.js';
import { readPdf } from '../helpers/pdf.js';

/** The fixed seed of every property in this file (see the header). */
const SEED = 42;
/** For a test whose work is fixed: only a hang may fail it, never a busy machine. */
const FIXED_WORK_LIMIT_MS = 900_000;
const PWNED_FILE = `/tmp/${PWNED_MARKER}`;
const globals = globalThis as Record<string, unknown>;

const environment = createEnvironment();

/**
 * 1-based line of the first line that is not valid UTF-8, or undefined. An
 * independent oracle (node:buffer's isUtf8 per line): "\n" never occurs
 * inside a multi-byte character, so lines can be checked one by one.
 */
function firstNonUtf8Line(bytes: Uint8Array): number | undefined {
  const lines = Buffer.from(bytes).toString('latin1').split('\n');
  const index = lines.findIndex((line) => !isUtf8(Buffer.from(line, 'latin1')));
  return index < 0 ? undefined : index + 1;
}

/** Rules with which admitFile refuses a file before anything parses it. */
const REFUSED_UNPARSED = new Set(['fil-for-stor', 'ikke-utf8', 'binaer-fil', 'for-kompleks']);

/**
 * Known bug (see "explains YAML error … in Danish" below): YAML errors that
 * catalogue.ts has no Danish text for reach the user in the yaml library's
 * English. The properties leave the language of those messages alone (every
 * other check still applies to them); the it.fails cases pin the bug.
 */
const KNOWN_ENGLISH = (message: MessageRecord) => message.rule === 'yaml-syntaks';

/** The same "clean diagnostics" checks for every message, in memory and on disk. */
function expectCleanMessages(messages: readonly MessageRecord[], meetingPath: string): void {
  for (const message of messages) {
    expect(messageProblems(message, { skipLanguage: KNOWN_ENGLISH }), message.formatted).toEqual([]);
    // Every message names a file of this meeting (or the folder itself).
    expect(message.path === meetingPath || message.path.startsWith(`${meetingPath}/`), message.formatted).toBe(true);
    expect(message.formatted.startsWith(`${message.path}`), message.formatted).toBe(true);
  }
}

function expectNothingEvaluated(): void {
  expect(globals[PWNED_MARKER]).toBeUndefined();
  expect(existsSync(PWNED_FILE)).toBe(false);
}

/**
 * Markup that must never reach the printed HTML from content: scripts,
 * frames, event handlers, links or sources with a dangerous scheme, sources
 * outside the document (images are inlined as data:image/… URLs).
 */
const UNSAFE_TAGS = [/<(?:script|iframe|object|embed|frame|base|meta\s+http-equiv)\b[^>]*>/gi, /<[a-z][^>]*\son[a-z]+\s*=[^>]*>/gi];
const UNSAFE_ATTRIBUTES = [
  /\b(?:href|src|srcset|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|file):[^"'>]*/gi,
  /\bsrc\s*=\s*["']?(?!data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,)[^"'\s>]+/gi,
];

function expectSafeHtml(html: string): void {
  expect(html.slice(0, 15).toLowerCase()).toBe('<!doctype html>');
  // Text inside a quoted attribute value (class="language-<script>") is not markup.
  const markup = html.replace(/="[^"]*"/g, '=""');
  const found = [...UNSAFE_TAGS.flatMap((pattern) => markup.match(pattern) ?? []), ...UNSAFE_ATTRIBUTES.flatMap((pattern) => html.match(pattern) ?? [])];
  // Only the offending snippets, not the whole document (its fonts alone are hundreds of KB).
  expect(found.map((match) => match.slice(0, 200))).toEqual([]);
}

interface Stats {
  runs: number;
  html: number;
  refused: number;
  oversize: number;
  nonUtf8: number;
  nul: number;
  language: number;
  bomb: number;
  tooMany: number;
  large: number;
  benign: number;
}

/** The property of one generated meeting: see the describe block below. */
function checkOutcome(generated: GeneratedMeeting, result: PipelineResult, stats: Stats): void {
  const { spec, info } = generated;
  const records = messageRecords(result.files);
  const meetingPath = `${FORUM_DIR}/${spec.id}`;
  stats.runs++;

  // Either HTML came out and no file has an error, or at least one file has one.
  if (result.fatal) {
    stats.refused++;
    expect(result.html).toBeUndefined();
    expect(records.some((record) => record.fatal)).toBe(true);
  } else {
    stats.html++;
    expect(result.html, `no error but no HTML either: ${records.map((record) => record.formatted).join('\n')}`).toBeTypeOf('string');
    expectSafeHtml(result.html!);
  }
  expectCleanMessages(records, meetingPath);
  expectNothingEvaluated();

  if (spec.items.length > 500) {
    stats.tooMany++;
    expect(result.source.folder.messages.map((message) => message.ruleId)).toContain('for-mange-punkter');
    return;
  }

  // What the bytes of each file demand, whatever else it holds.
  const files = [result.source.index, ...result.source.items];
  for (const file of files) {
    const generatedFile = info.get(file.basename!)!;
    const { bytes } = generatedFile;
    const rules = file.messages.map((message) => message.ruleId);
    const where = `${file.basename}: ${rules.join(', ')}`;
    if (bytes.byteLength > 1_000_000) {
      stats.oversize++;
      expect(rules, where).toEqual(['fil-for-stor']);
      expect(file.messages[0]!.fatal).toBe(true);
      continue;
    }
    if (bytes.byteLength > 100_000) stats.large++;
    const badLine = firstNonUtf8Line(bytes);
    if (badLine !== undefined) {
      stats.nonUtf8++;
      expect(rules, where).toEqual(['ikke-utf8']);
      expect(file.messages[0]!.line).toBe(badLine);
      expect(file.messages[0]!.reason).toContain(`linje ${badLine} `);
      continue;
    }
    if (bytes.includes(0)) {
      stats.nul++;
      expect(rules, where).toEqual(['binaer-fil']);
      continue;
    }
    if (generatedFile.benign) {
      // Valid frontmatter and a body within the limits: no errors, except that index.md's date may not match a random folder name.
      stats.benign++;
      const errors = file.messages.filter((message) => message.fatal && message.ruleId !== 'moededato-mappe');
      expect(errors.map((message) => formatMessage(file, message))).toEqual([]);
    }
    const refusedUnparsed = rules.some((rule) => rule && REFUSED_UNPARSED.has(rule));
    if (generatedFile.pristine && generatedFile.language && !refusedUnparsed) {
      stats.language++;
      expect(rules, where).toContain('frontmatter-sprog');
    }
    if (generatedFile.pristine && generatedFile.bomb) {
      stats.bomb++;
      expect(file.messages.some((message) => message.fatal), where).toBe(true);
    }
  }
}

describe('any meeting content, in memory (validate → Markdown → view → template)', () => {
  beforeAll(() => {
    delete globals[PWNED_MARKER];
    rmSync(PWNED_FILE, { force: true });
  });

  it(
    'ends in safe HTML or in clean Danish diagnostics naming the file, and never runs frontmatter code',
    () => {
      const stats: Stats = { runs: 0, html: 0, refused: 0, oversize: 0, nonUtf8: 0, nul: 0, language: 0, bomb: 0, tooMany: 0, large: 0, benign: 0 };
      fc.assert(
        fc.property(meetingArb({ wild: true }), (generated) => {
          checkOutcome(generated, runPipeline(generated.spec, environment), stats);
        }),
        { seed: SEED, numRuns: 300 },
      );
      // The generators must really reach both outcomes and every special input.
      // With SEED 42: {"runs":300,"html":122,"refused":178,"oversize":5,"nonUtf8":18,"nul":5,"language":8,"bomb":42,"tooMany":9,"large":11,"benign":592}
      const seen = JSON.stringify(stats);
      expect(stats.runs, seen).toBe(300);
      expect(stats.html, seen).toBeGreaterThanOrEqual(30);
      expect(stats.refused, seen).toBeGreaterThanOrEqual(30);
      for (const key of ['oversize', 'nonUtf8', 'nul', 'language', 'bomb', 'tooMany', 'large', 'benign'] as const) {
        expect(stats[key], `${key}: ${seen}`).toBeGreaterThan(0);
      }
    },
    // 300 cases in ~40 s on a quiet machine, over 200 s on a busy one: the work is fixed, so the
    // limit only catches a hang and stands far above what any machine needs.
    FIXED_WORK_LIMIT_MS,
  );
});

/** Every message of a run, per file, as comparable data. */
function summary(result: PipelineResult) {
  return result.files.map((file) => [
    file.basename,
    file.messages.map((message) => ({ rule: message.ruleId, reason: message.reason, note: message.note, line: message.line, column: message.column, fatal: message.fatal })),
  ]);
}

/** Windows line ends (CRLF) and a UTF-8 byte-order mark, as Notepad saves a file. */
function asWindows(bytes: Uint8Array, changes: readonly ('bom' | 'crlf')[]): Uint8Array {
  let text = Buffer.from(bytes).toString('utf8');
  if (changes.includes('crlf')) text = text.replace(/\r?\n/g, '\r\n');
  if (changes.includes('bom') && !text.startsWith('\uFEFF')) text = `\uFEFF${text}`;
  return bytesOf(text);
}

describe('line ends and byte-order mark', () => {
  it('change nothing: a meeting saved with CRLF and/or a BOM gives the same diagnostics and the same HTML', () => {
    fc.assert(
      fc.property(meetingArb({ wild: false, enormous: false }), fc.subarray(['bom', 'crlf'] as const, { minLength: 1 }), (generated, changes) => {
        const { spec } = generated;
        const plain = runPipeline(spec, environment);
        const windows = runPipeline({ ...spec, index: asWindows(spec.index, changes), items: spec.items.map((file) => ({ ...file, bytes: asWindows(file.bytes, changes) })) }, environment);
        expect(summary(windows)).toEqual(summary(plain));
        expect(windows.html).toEqual(plain.html);
      }),
      { seed: SEED, numRuns: 100 },
    );
    // A fixed number of cases: the limit only catches a hang.
  }, FIXED_WORK_LIMIT_MS);
});

// ------------------------------------------------------------------ on disk, with Chromium

function writeMeetingToDisk(root: string, spec: MeetingSpec): string {
  const dir = path.join(root, FORUM_DIR, spec.id);
  mkdirSync(path.join(dir, 'bilag'), { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), spec.index);
  for (const item of spec.items) writeFileSync(path.join(dir, item.name), item.bytes);
  for (const [relative, inside] of spec.files) {
    const target = path.join(dir, relative);
    if (!inside) symlinkSync(path.join(root, 'hemmelig.txt'), target);
    else writeFileSync(target, relative.endsWith('.png') ? PNG : '%PDF-1.4\n% ikke et rigtigt bilag\n');
  }
  return dir;
}

describe('any meeting content, end to end with Chromium (buildAll)', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'referat-fuzz-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(
    'builds each meeting to a PDF or refuses it with a diagnostic naming one of its files; never fails or throws',
    async () => {
      const statuses: string[] = [];
      let run = 0;
      // Each run: a tame meeting (clean index, clean or random items) and a wild one, in one content tree.
      const runArb = fc.record({
        forum: fc.constantFrom('kommune' as const, 'region' as const),
        tame: meetingArb({ wild: false, enormous: false }),
        tameItems: fc.array(cleanItemArb, { minLength: 1, maxLength: 2 }),
        wild: meetingArb({ wild: true, enormous: false }),
      });
      await fc.assert(
        fc.asyncProperty(runArb, async ({ forum, tame, tameItems, wild }) => {
          const base = path.join(root, `run-${++run}`);
          mkdirSync(path.join(base, FORUM_DIR), { recursive: true });
          writeFileSync(path.join(base, FORUM_DIR, 'forum.yml'), FORUM_YAML[forum]);
          writeFileSync(path.join(base, 'hemmelig.txt'), 'HEMMELIGT-INDHOLD');
          const tameSpec: MeetingSpec = {
            ...tame.spec,
            id: '2030-01-01',
            index: bytesOf('---\nmødedato: 2030-01-01\n---\nMødet blev holdt.\n'),
            items: [...tameItems.map((bytes, index) => ({ name: `0${index + 1}-ren.md`, bytes })), ...tame.spec.items.map((item, index) => ({ ...item, name: `1${index}-${item.name}` }))],
          };
          const wildSpec: MeetingSpec = { ...wild.spec, id: wild.spec.id === tameSpec.id ? `${wild.spec.id}-2` : wild.spec.id };
          const meetings = [tameSpec, wildSpec];
          for (const spec of meetings) writeMeetingToDisk(base, spec);

          const report = await buildAll({ cwd: base, outDir: 'output' });

          expect(report.results).toHaveLength(2);
          const messages = report.files.flatMap((file) =>
            file.messages.map((message) => ({ file, message, path: displayPath(file), formatted: formatMessage(file, message) })),
          );
          for (const { message, path: where, formatted } of messages) {
            const record: MessageRecord = { path: where, rule: message.ruleId ?? undefined, reason: String(message.reason), note: message.note ?? undefined, line: message.line ?? undefined, column: message.column ?? undefined, fatal: message.fatal === true, formatted };
            expect(messageProblems(record, { skipLanguage: KNOWN_ENGLISH }), formatted).toEqual([]);
          }
          for (const result of report.results) {
            statuses.push(result.status);
            const meetingPath = `${FORUM_DIR}/${result.meetingId}`;
            expect(['built', 'invalid'], `${result.meetingId}: ${result.status}\n${messages.map((entry) => entry.formatted).join('\n')}`).toContain(result.status);
            if (result.status === 'built') {
              const pdf = readFileSync(result.output!);
              expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
              const text = (await readPdf(pdf)).pages.join('\n');
              expect(text).not.toContain('HEMMELIGT-INDHOLD');
            } else {
              const named = messages.filter(
                ({ message, path: where }) => message.fatal && (where === meetingPath || where.startsWith(`${meetingPath}/`) || where === `${FORUM_DIR}/forum.yml`),
              );
              expect(named.length, `${result.meetingId} is invalid without an error naming its files`).toBeGreaterThan(0);
              for (const { formatted, path: where } of named) expect(formatted.startsWith(where)).toBe(true);
            }
          }
          expectNothingEvaluated();
        }),
        { seed: SEED, numRuns: 5 },
      );
      expect(statuses).toContain('built');
      expect(statuses).toContain('invalid');
    },
    // 5 runs, 10 meetings, in ~15 s; printing can take 30 s a meeting on a loaded machine.
    300_000,
  );
});

// ------------------------------------------------------------------ deterministic regressions

const DIR = `${FORUM_DIR}/2024-02-07`;
const INDEX = '---\nmødedato: 2024-02-07\n---\n';

function meeting(items: Record<string, string | Uint8Array>, index: string | Uint8Array = INDEX, id = '2024-02-07'): MeetingSpec {
  const bytes = (value: string | Uint8Array) => (typeof value === 'string' ? bytesOf(value) : value);
  return {
    forum: 'kommune',
    id,
    index: bytes(index),
    items: Object.entries(items).map(([name, value]) => ({ name, bytes: bytes(value) })),
    files: [['bilag/oplaeg.pdf', true]],
  };
}

function run(spec: MeetingSpec) {
  const result = runPipeline(spec, environment);
  const records = messageRecords(result.files);
  expectCleanMessages(records, `${FORUM_DIR}/${spec.id}`);
  return { ...result, records, lines: records.map((record) => record.formatted) };
}

const item = (body: string, extra = '') => `---\ntitel: Punkt\n${extra}---\n${body}\n`;

describe('special inputs, one by one', () => {
  beforeAll(() => {
    delete globals[PWNED_MARKER];
    rmSync(PWNED_FILE, { force: true });
  });

  it('refuses a "billion laughs" alias bomb in an item quickly, with a Danish YAML message', () => {
    const { fatal, lines } = run(meeting({ '01-bombe.md': `---\n${billionLaughs(9, 10, 'titel')}\n---\nTekst.\n` }));
    expect(fatal).toBe(true);
    expect(lines).toEqual([`${DIR}/01-bombe.md:1:1: fejl: YAML-fejl: Henvisningerne (*navn) udfolder sig til alt for meget data. [yaml-syntaks]`]);
  }, 5_000);

  it('refuses a billion laughs in index.md and in forum.yml', () => {
    const { lines } = run(meeting({ '01-punkt.md': item('Tekst.') }, `---\nmødedato: 2024-02-07\n${billionLaughs(9, 10, 'sagsnummer')}\n---\n`));
    expect(lines).toEqual([`${DIR}/index.md:1:1: fejl: YAML-fejl: Henvisningerne (*navn) udfolder sig til alt for meget data. [yaml-syntaks]`]);

    const file = new VFile({ path: `${FORUM_DIR}/forum.yml`, cwd: CWD, value: Buffer.from(`${FORUM_YAML.kommune}${billionLaughs(9, 10, 'medlemmer')}\n`) });
    expect(validateForum({ id: FORUM_ID, dir: `${CWD}/${FORUM_DIR}`, file })).toBeUndefined();
    expect(file.messages.map((message) => formatMessage(file, message))).toEqual([
      `${FORUM_DIR}/forum.yml:1:1: fejl: YAML-fejl: Henvisningerne (*navn) udfolder sig til alt for meget data. [yaml-syntaks]`,
    ]);
  }, 5_000);

  it('refuses a 1.2 MB item with fil-for-stor and still checks the other files', () => {
    const big = item(`## Referat\n\n${'Meget lang tekst om sundhedsaftalen. '.repeat(40_000)}`).slice(0, 1_200_000);
    expect(Buffer.byteLength(big)).toBe(1_200_000);
    const { fatal, html, lines } = run(meeting({ '01-stor.md': big, '02-ok.md': item('## Beslutning\n\nGodkendt.'), '03-fejl.md': '---\ntitl: x\n---\n' }));
    expect(fatal).toBe(true);
    expect(html).toBeUndefined();
    expect(lines).toEqual([
      `${DIR}/01-stor.md: fejl: Filen fylder 1,2 MB; grænsen er 1 MB. [fil-for-stor]\n  Del teksten op i flere punkter, eller læg store dokumenter i bilag-mappen som bilag.`,
      `${DIR}/03-fejl.md:2:1: fejl: Ukendt felt "titl". Mente du "titel"? [ukendt-felt]\n  Tilladte felter her: titel, tidsrum, sagsnummer, lukket, offentlig_titel, offentlig_beskrivelse, offentlig_beslutning, deltog, fraværende, inhabil, protokoltilførsel, rettelser, bilag.`,
    ]);
  }, 10_000);

  it('refuses an item saved as Latin-1 (æøå as 0xE6 0xF8 0xE5) with ikke-utf8 and its line', () => {
    const latin1 = Buffer.concat([bytesOf('---\ntitel: Punkt\n---\n## Beslutning\n\nRådet godkendte: '), Buffer.from([0xe6, 0xf8, 0xe5]), bytesOf('\n\nMere tekst.\n')]);
    const { records } = run(meeting({ '01-latin1.md': latin1 }));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ rule: 'ikke-utf8', line: 6, column: 1, fatal: true });
    expect(records[0]!.formatted).toBe(
      `${DIR}/01-latin1.md:6:1: fejl: Filen er ikke gemt som UTF-8: linje 6 indeholder tegn, der ikke kan læses (fx æ, ø eller å gemt i et ældre tegnsæt). [ikke-utf8]\n` +
        '  Gem filen igen med tegnsættet UTF-8 (i de fleste editorer under "Gem som" eller "Kodning").',
    );
  });

  it('refuses deep nesting by indentation and by ">" with for-kompleks at the first line too deep', () => {
    // A list nested 2000 levels by indentation is 4 MB (2 columns per level per line):
    // the size limit refuses it first. Its first 300 levels (90 KB) meet the nesting limit.
    const levels = (count: number, indent: string) => Array.from({ length: count }, (_, depth) => `${indent.repeat(depth)}- niveau ${depth}`).join('\n');
    const { lines } = run(
      meeting({
        '01-liste.md': item(`## Referat\n\n${levels(2000, '  ')}`),
        '02-liste.md': item(`## Referat\n\n${levels(300, '  ')}`),
        '03-citat.md': item(`## Referat\n\n${'>'.repeat(2000)} citat`),
        '04-tab.md': item(`## Referat\n\n${levels(20, '\t')}`),
      }),
    );
    const simplify = 'Forenkl teksten: så dyb indlejring kan ikke sættes op på en side.';
    expect(lines).toEqual([
      `${DIR}/01-liste.md: fejl: Filen fylder 4 MB; grænsen er 1 MB. [fil-for-stor]\n  Del teksten op i flere punkter, eller læg store dokumenter i bilag-mappen som bilag.`,
      `${DIR}/02-liste.md:39:1: fejl: Linjen er rykket 66 tegn ind; højst 64 er tilladt (lister kan indlejres ca. 16 niveauer). [for-kompleks]\n  ${simplify}`,
      `${DIR}/03-citat.md:6:1: fejl: Linjen åbner 2000 citater og lister inden i hinanden (">", "-", "1."); højst 16 er tilladt. [for-kompleks]\n  ${simplify}`,
      `${DIR}/04-tab.md:23:1: fejl: Linjen er rykket 68 tegn ind; højst 64 er tilladt (lister kan indlejres ca. 16 niveauer). [for-kompleks]\n  ${simplify}`,
    ]);
  }, 10_000);

  it.each([
    ['js', `{ titel: (globalThis.${PWNED_MARKER} = 'js', "x") }`],
    ['javascript', `{ titel: (require('node:fs').writeFileSync('${PWNED_FILE}', 'x'), "x") }`],
    ['json', '{ "titel": "x" }'],
    [' coffee', `titel: do -> globalThis.${PWNED_MARKER} = 'coffee'`],
    ['coffeescript', `titel: do -> globalThis.${PWNED_MARKER} = 'coffee'`],
    ['toml', 'titel = "x"'],
  ])('refuses ---%s frontmatter without evaluating it', (language, code) => {
    const { lines } = run(meeting({ '01-kode.md': `---${language}\n${code}\n---\nTekst.\n` }, `---${language}\n${code}\n---\n`));
    const refusal = `fejl: Første linje skal være "---" alene, men der står "---${language.trim()}". [frontmatter-sprog]\n  Slet ordet efter "---", og skriv felterne på formen "navn: værdi" nedenunder.`;
    expect(lines).toEqual([`${DIR}/index.md:1:1: ${refusal}`, `${DIR}/01-kode.md:1:1: ${refusal}`]);
    expectNothingEvaluated();
  });

  it('reads a file with a UTF-8 BOM and CRLF line ends as if it had neither', () => {
    const crlf = (text: string) => `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    const { records, html } = run(meeting({ '01-windows.md': crlf(item('## Beslutning\n\nGodkendt af rådet.', 'tidsrum: "10:00-10:15"\n')) }, crlf(INDEX)));
    expect(records).toEqual([]);
    // Without the soft hyphens of Danish hyphenation ("God\u00ADkendt").
    const text = html!.replace(/\u00AD/g, '');
    expect(text.includes('Godkendt af rådet.')).toBe(true);
    expect(text.includes('10:00-10:15')).toBe(true);
    expect(/\r|\uFEFF/.test(html!)).toBe(false);
  });

  it('refuses tabs as YAML indentation, NUL bytes, duplicate keys and impossible dates, each at its place', () => {
    const { lines } = run(
      meeting(
        {
          '01-tab.md': '---\ntitel: Punkt\nbilag:\n\t- titel: Oplæg\n---\n',
          '02-nul.md': '---\ntitel: Punkt\n---\nTekst\0mere.\n',
          '03-dobbelt.md': '---\ntitel: Et\ntitel: To\n---\n',
        },
        '---\nmødedato: 2023-02-29\n---\n',
        '2023-02-29',
      ),
    );
    const dir = `${FORUM_DIR}/2023-02-29`;
    expect(lines).toEqual([
      `${dir}/index.md:2:11: fejl: Datoen "2023-02-29" i feltet "mødedato" kan ikke bruges: februar 2023 har kun 28 dage. [ugyldig-dato]\n  Ret datoen efter kalenderen.`,
      `${dir}/01-tab.md:4:1: fejl: Linjen er rykket ind med en tabulator; felterne kan kun rykkes ind med mellemrum. [yaml-syntaks]\n  Slet tabulatoren, og ryk linjen ind med to mellemrum (under en liste: "  - ").`,
      `${dir}/02-nul.md:1:1: fejl: Filen indeholder binære data og er ikke en tekstfil. [binaer-fil]`,
      `${dir}/03-dobbelt.md:3:1: fejl: YAML-fejl: Feltet "titel" står mere end én gang. [yaml-syntaks]`,
    ]);
  });
});

// ------------------------------------------------------------- regressions

/**
 * Each case below is an input that once broke the pipeline (an exception, a
 * hang, English or missing diagnostics), with what must happen instead. The hangs and stack overflows run in a child process (fuzz-isolated.ts) with
 * a time limit, so that they can neither block nor crash this worker.
 */
describe('inputs that once broke the pipeline (fixed; kept as regressions)', () => {
  /** "Finishes within a few seconds per case." */
  const LIMIT_MS = 5_000;

  /** Room for the parse before the overflow, so that these fail for their RangeError and not the clock. */
  const OVERFLOW_LIMIT_MS = 30_000;

  /**
   * The time limit, against this machine's speed right now: the same pipeline
   * on plain text of about the same size, in the same kind of child. A
   * blow-up (quadratic or worse) needs many times that; a busy machine slows
   * both alike.
   */
  async function limitFor(spec: MeetingSpec, limitMs: number): Promise<number> {
    const size = spec.items.reduce((sum, file) => sum + file.bytes.byteLength, 0);
    const plain = await runIsolated(meeting({ '01-tekst.md': item(`## Referat\n\n${'Tekst og ord. '.repeat(Math.ceil(size / 14))}`) }), FIXED_WORK_LIMIT_MS);
    return Math.max(limitMs, 20 * (plain.kind === 'done' ? plain.ms : 0));
  }

  async function expectFinishesCleanly(spec: MeetingSpec, file: string, rule?: string, limitMs = LIMIT_MS) {
    const result = await runIsolated(spec, await limitFor(spec, limitMs));
    expect(result.kind, JSON.stringify(result).slice(0, 500)).toBe('done');
    if (result.kind !== 'done') return;
    expect(result.threw).toBeNull();
    for (const message of result.messages) expect(messageProblems(message), message.formatted).toEqual([]);
    if (rule) expect(result.messages.map((message) => `${path.basename(message.path)} ${message.rule}`)).toContain(`${file} ${rule}`);
    else expect(result.fatal || result.html).toBe(true);
  }

  it.each([
    ['- ', 2000],
    ['> - ', 600],
  ])('refuses "%s" nested %i times on one line with for-kompleks instead of throwing RangeError', async (unit, count) => {
    await expectFinishesCleanly(meeting({ '01-dyb.md': item(`## Referat\n\n${unit.repeat(count)}x`) }), '01-dyb.md', 'for-kompleks', OVERFLOW_LIMIT_MS);
  }, FIXED_WORK_LIMIT_MS);

  it('keeps building the other meetings when one has one-line nesting (CLI: no "Intern fejl", the file is named)', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'referat-fuzz-cli-'));
    try {
      const forumDir = path.join(base, 'content', FORUM_ID);
      mkdirSync(path.join(forumDir, '2030-01-01'), { recursive: true });
      mkdirSync(path.join(forumDir, '2030-01-02'), { recursive: true });
      writeFileSync(path.join(forumDir, 'forum.yml'), FORUM_YAML.kommune);
      writeFileSync(path.join(forumDir, '2030-01-01', 'index.md'), '---\nmødedato: 2030-01-01\n---\n');
      writeFileSync(path.join(forumDir, '2030-01-01', '01-dyb.md'), item(`## Referat\n\n${'- '.repeat(1500)}x`));
      writeFileSync(path.join(forumDir, '2030-01-02', 'index.md'), '---\nmødedato: 2030-01-02\n---\n');
      writeFileSync(path.join(forumDir, '2030-01-02', '01-god.md'), item('## Beslutning\n\nGodkendt.'));
      const args = ['--import', 'tsx', 'src/cli/main.ts', '--jobs', '2', '--content', path.join(base, 'content'), '--out', path.join(base, 'output')];
      const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Should it ever hang again, stop it as a user would, with Ctrl-C twice.
      let timer: NodeJS.Timeout | undefined;
      const internalError = new Promise<'hung'>((resolve) => {
        child.stderr.on('data', () => output.includes('Intern fejl') && resolve('hung'));
        timer = setTimeout(() => resolve('hung'), 90_000);
      });
      const code = await Promise.race([closed, internalError]);
      clearTimeout(timer);
      if (code === 'hung') {
        child.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 1500));
        child.kill('SIGTERM');
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      expect(output).not.toContain('Intern fejl');
      expect(code, output).not.toBe('hung');
      expect(output).toMatch(/01-dyb\.md:\d+:\d+: fejl: .*\[for-kompleks\]/);
      expect(output).toMatch(/✓ .*2030-01-02-referat\.pdf/);
      expect(code).toBe(1);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  }, 120_000);

  it.each([['*a'], ['~a']])('parses 80 KB of "%s" repeated within a few seconds', async (unit) => {
    await expectFinishesCleanly(meeting({ '01-stjerner.md': item(`## Referat\n\n${unit.repeat(40_000)}`) }), '01-stjerner.md');
  }, FIXED_WORK_LIMIT_MS);

  it('refuses 10 000 list markers on one line within a few seconds', async () => {
    await expectFinishesCleanly(meeting({ '01-dyb.md': item(`## Referat\n\n${'- '.repeat(10_000)}x`) }), '01-dyb.md', 'for-kompleks');
  }, FIXED_WORK_LIMIT_MS);

  it('renders a body with one 100 KB word within a few seconds', async () => {
    await expectFinishesCleanly(meeting({ '01-ord.md': item(`## Referat\n\n${'a'.repeat(100_000)}`) }), '01-ord.md');
  }, FIXED_WORK_LIMIT_MS);

  it('refuses a 20-level quote in a file with CR line ends, as with LF', () => {
    const text = item(`## Referat\n\n${'> '.repeat(20)}citat`);
    const lf = run(meeting({ '01-citat.md': text }));
    const cr = run(meeting({ '01-citat.md': text.replace(/\n/g, '\r') }));
    expect(lf.records.map((record) => record.rule)).toEqual(['for-kompleks']);
    expect(cr.records.map((record) => record.rule)).toEqual(['for-kompleks']);
  });

  it('refuses 3000 quote levels in a file with CR line ends without throwing', async () => {
    const text = item(`## Referat\n\n${'>'.repeat(3000)} citat`).replace(/\n/g, '\r');
    await expectFinishesCleanly(meeting({ '01-citat.md': text }), '01-citat.md', 'for-kompleks', OVERFLOW_LIMIT_MS);
  }, FIXED_WORK_LIMIT_MS);

  it('prints no library warnings for a complex YAML key', async () => {
    const warnings: string[] = [];
    const listener = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listener);
    try {
      const { lines } = run(meeting({ '01-noegle.md': '---\n? [a, b]\n: c\ntitel: x\n---\n' }));
      expect(lines).toEqual([`${DIR}/01-noegle.md:2:1: fejl: Ukendt felt "[ a, b ]". [ukendt-felt]\n  Tilladte felter her: titel, tidsrum, sagsnummer, lukket, offentlig_titel, offentlig_beskrivelse, offentlig_beslutning, deltog, fraværende, inhabil, protokoltilførsel, rettelser, bilag.`]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('warning', listener);
    }
    expect(warnings).toEqual([]);
  });

  it.each([
    ['BAD_DQ_ESCAPE', '---\ntitel: "a\\qb"\n---\n'],
    ['MULTIPLE_DOCS', '---\ntitel: a\n...\ntitel: b\n---\n'],
    ['KEY_OVER_1024_CHARS', `---\ntitel: a\n${'k'.repeat(1100)}: v\n---\n`],
    ['MULTIPLE_ANCHORS', '---\ntitel: &a &b x\n---\n'],
    ['MULTIPLE_TAGS', '---\ntitel: !!str !!str x\n---\n'],
    ['BLOCK_IN_FLOW', '---\ntitel: [a, - b]\n---\n'],
  ])('explains YAML error %s in Danish', (_code, text) => {
    const { records } = run(meeting({ '01-yaml.md': text }));
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(messageProblems(record)).toEqual([]);
  });

  it('accepts a mødedato before year 1000 in the folder of the same name', () => {
    const { records } = run(meeting({ '01-punkt.md': item('Tekst.') }, '---\nmødedato: 0999-01-01\n---\n', '0999-01-01'));
    expect(records.map((record) => record.formatted)).toEqual([]);
  });
});
