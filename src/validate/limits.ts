/**
 * Bounds on what one content file may ask of the pipeline, checked on the raw
 * bytes before anything parses them. Content arrives from many hands and is
 * built unattended: a file that would take minutes to parse or print is
 * refused with a clear message instead.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics/diagnostic.js';

export const LIMITS = {
  /** About 300 printed pages of text; real agenda items are far below this. */
  markdownBytes: 1_000_000,
  yamlBytes: 100_000,
  itemsPerMeeting: 500,
  /** Leading whitespace of a line: lists nested about 16 levels deep. */
  indentColumns: 64,
  /** Quote (">") and list markers opening one line: "> - > - …" nests too. */
  containerDepth: 16,
  /** Runs of one Markdown delimiter (**, __, [[, ~~, ``): parsing them is quadratic. */
  delimiterRun: 64,
  /** Emphasis and link delimiters in one paragraph: resolving them is quadratic too. */
  delimitersPerBlock: 2000,
  tableColumns: 40,
} as const;

/**
 * What one meeting may cost, whatever its files hold (stated in SECURITY.md):
 * a meeting over budget fails with a message naming the file and the limit,
 * and the other meetings build.
 */
export const MEETING_BUDGET = {
  /** All files under the meeting folder, referenced or not, by their size on disk: nothing is read past it. */
  folderBytes: 200 * 2 ** 20,
  /** Files and folders under the meeting folder. */
  folderEntries: 2_000,
  /** Folders inside folders below the meeting folder (bilag/ is 1). */
  folderDepth: 8,
  /** The Markdown of index.md, the items and Markdown bilag together: about 1000 printed pages. */
  markdownBytes: 3_000_000,
  /** Per document: headings, table cells and links (autolinks too). */
  headings: 2_000,
  tableCells: 20_000,
  links: 2_000,
  /** Image pixels decoded for one image, and for the meeting (each time an image is shown). */
  imagePixels: 40_000_000,
  meetingPixels: 100_000_000,
  /** Elements of one SVG image. */
  svgElements: 10_000,
  /** One written PDF. */
  outputBytes: 200 * 2 ** 20,
} as const;

const DECODER = new TextDecoder('utf-8', { fatal: true });
const DELIMITER_RUN = new RegExp(`([*_\\[\\]~\`])\\1{${LIMITS.delimiterRun},}`);
// ">" needs no space after it (">>>" nests); a list marker does.
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))*/;
const CONTAINER_MARKER = />|[-*+]|\d{1,9}[.)]/g;
const DELIMITER = /[*_~[\]`]/g;

export const megabytes = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });

/** Read `file.value` as UTF-8 text, reporting bytes that are not. */
function decode(file: VFile): string | undefined {
  const bytes = typeof file.value === 'string' ? Buffer.from(file.value) : Buffer.from(file.value ?? '');
  try {
    return DECODER.decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let index = 0; index <= bytes.length; index++) {
      if (index < bytes.length && bytes[index] !== 0x0a) continue;
      try {
        DECODER.decode(bytes.subarray(start, index));
      } catch {
        break;
      }
      line++;
      start = index + 1;
    }
    report(file, {
      rule: 'ikke-utf8',
      reason: `Filen er ikke gemt som UTF-8: linje ${line} indeholder tegn, der ikke kan læses (fx æ, ø eller å gemt i et ældre tegnsæt).`,
      note: 'Gem filen igen med tegnsættet UTF-8 (i de fleste editorer under "Gem som" eller "Kodning").',
      place: { line, column: 1 },
    });
    return undefined;
  }
}

/**
 * Decode a content file and check it against the limits. On success the text
 * replaces the raw bytes in `file.value`; on failure the file carries an
 * error and must not be parsed.
 */
export function admitFile(file: VFile, kind: 'markdown' | 'yaml'): boolean {
  const size = typeof file.value === 'string' ? Buffer.byteLength(file.value) : (file.value?.byteLength ?? 0);
  const limit = kind === 'markdown' ? LIMITS.markdownBytes : LIMITS.yamlBytes;
  if (size > limit) {
    report(file, {
      rule: 'fil-for-stor',
      reason: `Filen fylder ${megabytes.format(size / 1e6)} MB; grænsen er ${megabytes.format(limit / 1e6)} MB.`,
      note: 'Del teksten op i flere punkter, eller læg store dokumenter i bilag-mappen som bilag.',
    });
    return false;
  }
  // Lone "\r" ends a line for the parsers too: make every line end "\n" so the checks below see what they see.
  const text = decode(file)?.replace(/\r\n?/g, '\n');
  if (text === undefined) return false;
  if (text.includes('\0')) {
    report(file, { rule: 'binaer-fil', reason: 'Filen indeholder binære data og er ikke en tekstfil.', place: { line: 1, column: 1 } });
    return false;
  }
  if (kind === 'markdown' && !checkStructure(file, text)) return false;
  file.value = text;
  return true;
}

function checkStructure(file: VFile, text: string): boolean {
  const lines = text.split('\n');
  let blockDelimiters = 0;
  for (const [index, line] of lines.entries()) {
    const place = { line: index + 1, column: 1 };
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    const containers = (CONTAINER_PREFIX.exec(line)![0].match(CONTAINER_MARKER) ?? []).length;
    const run = DELIMITER_RUN.exec(line);
    blockDelimiters = line.trim() === '' ? 0 : blockDelimiters + (line.match(DELIMITER) ?? []).length;
    const problem =
      indent > LIMITS.indentColumns
        ? `Linjen er rykket ${indent} tegn ind; højst ${LIMITS.indentColumns} er tilladt (lister kan indlejres ca. 16 niveauer).`
        : containers > LIMITS.containerDepth
          ? `Linjen åbner ${containers} citater og lister inden i hinanden (">", "-", "1."); højst ${LIMITS.containerDepth} er tilladt.`
          : run
            ? `Linjen har ${run[0].length} "${run[1]}" i træk; højst ${LIMITS.delimiterRun} er tilladt.`
            : blockDelimiters > LIMITS.delimitersPerBlock
              ? `Afsnittet har over ${LIMITS.delimitersPerBlock} tegn til fremhævning og links (*, _, ~, [ ], \`); det er for mange at sætte op.`
              : undefined;
    if (problem) {
      report(file, { rule: 'for-kompleks', reason: problem, note: 'Forenkl teksten: så dyb indlejring kan ikke sættes op på en side.', place });
      return false;
    }
  }
  return true;
}
