/**
 * npm run bench [-- --meetings N] [--jobs N] [--quick] [--keep]
 *
 * Measures the whole build against what printing alone costs on this
 * machine. A deterministic synthetic archive (20 forums × 10 meetings × 8
 * items by default) is written to a temporary folder, then, in one run:
 *
 *  - a cold full build through the real CLI in a child process (end to end);
 *  - the floor: one Chromium printing the very HTML the build wrote (the
 *    final documents, true page numbers in the table of contents) with
 *    page.pdf and nothing else, serially and with the same parallelism, on
 *    a new page per document (a plain print) and on reused pages (as the
 *    pipeline prints); the ratio is taken against the fastest of them;
 *  - a no-op rebuild and a rebuild after editing one item of one meeting;
 *  - peak memory of Node and of all Chromium processes at two archive sizes.
 *
 * It prints figures and marks each target met or not; it exits 0 whatever
 * the figures are, non-zero only when something fails.
 */
import { readRecord, type OutputRecord } from '../src/write/manifest.js';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'puppeteer';
import { DEFAULT_JOBS, PROJECT_ROOT } from '../src/api.js';
import { closeBrowser, launchBrowser } from '../src/print/browser.js';
import { answerRequests, DOCUMENT_URL, PDF_OPTIONS, printPdf } from '../src/print/print.js';
import { machineBusySeconds, sampleTree, type TreeUsage } from './lib/process-tree.js';
import { FORUM_NAMES, writeForum, writeMeeting } from './lib/synthetic.js';

// ---------------------------------------------------------------------------
// Settings

const MEETINGS_PER_FORUM = 10;
const ITEMS_PER_MEETING = 8;
/** Tuned so that referater land at 10–25 pages (200 meetings: kommune 11–16, region with cover and contents 16–22). */
const PARAGRAPHS_PER_ITEM = 8;
/** Second word of the forum names, so 20 forums get 20 different names. */
const AREAS = ['Nord', 'Syd', 'Øst', 'Vest'];

const TARGETS = {
  /** Cold build ≤ 1.3 × the floor (same parallelism). */
  coldOverFloor: 1.3,
  noopSeconds: 1,
  oneChangedSeconds: 3,
  /** "Flat": peak memory at the large size at most this much above the small size. */
  memoryGrowth: 0.2,
};

/** What the CLI is made of: copied once, so that edits made while the benchmark runs do not reach it. */
const PROJECT_FILES = ['src', 'templates', 'scripts/cli.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

interface Settings {
  meetings: number;
  /** The smaller archive for the memory comparison. */
  smallMeetings: number;
  jobs: number;
  keep: boolean;
}

function settings(): Settings {
  const { values } = parseArgs({
    options: {
      meetings: { type: 'string' },
      jobs: { type: 'string' },
      quick: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
  });
  const count = (flag: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`--${flag} skal være et helt tal på mindst 1, men er "${value}".`);
    return number;
  };
  const meetings = count('meetings', values.meetings, values.quick ? 24 : 200);
  return {
    meetings,
    smallMeetings: Math.max(1, Math.round(meetings / 4)),
    jobs: count('jobs', values.jobs, DEFAULT_JOBS),
    keep: values.keep ?? false,
  };
}

// ---------------------------------------------------------------------------
// The synthetic archive

interface ArchiveMeeting {
  forumId: string;
  id: string;
  dir: string;
  layout: 'region' | 'kommune';
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-');
}

/**
 * `meetings` meetings, ten per forum, forums alternating region (which has a
 * table of contents) and kommune. The first K meetings of a larger archive
 * are exactly a K-meeting archive, so the two memory sizes differ only in size.
 */
function writeArchive(contentDir: string, meetings: number): ArchiveMeeting[] {
  const written: ArchiveMeeting[] = [];
  for (let forum = 0; written.length < meetings; forum++) {
    const name = `${FORUM_NAMES[forum % FORUM_NAMES.length]} ${AREAS[Math.floor(forum / FORUM_NAMES.length) % AREAS.length]}`;
    const forumId = `${slug(name)}-${String(forum + 1).padStart(2, '0')}`;
    const layout = forum % 2 === 0 ? 'region' : 'kommune';
    writeForum(path.join(contentDir, forumId), name, layout);
    for (let meeting = 0; meeting < MEETINGS_PER_FORUM && written.length < meetings; meeting++) {
      const id = `2024-${String(meeting + 1).padStart(2, '0')}-${String(1 + ((forum * 3) % 28)).padStart(2, '0')}`;
      const dir = path.join(contentDir, forumId, id);
      writeMeeting(dir, id, forum * 1000 + meeting + 1, { items: ITEMS_PER_MEETING, paragraphsPerItem: PARAGRAPHS_PER_ITEM });
      written.push({ forumId, id, dir, layout });
    }
  }
  return written;
}

function countBilag(archive: ArchiveMeeting[]): number {
  return archive.reduce((sum, meeting) => sum + readdirSync(path.join(meeting.dir, 'bilag')).length, 0);
}

// ---------------------------------------------------------------------------
// The CLI, end to end

/** CPU seconds spent during a measurement, by whom. */
interface CpuUse {
  /** The Node process measured: the CLI, or for the floor this benchmark (puppeteer's side). */
  node: number;
  /** All Chromium processes under it (a lower bound, see TreeUsage). */
  chromium: number;
  /** Everything else the machine did meanwhile: other users' work disturbs the figures. */
  foreign: number;
}

interface Watched {
  /** Peak memory and CPU of the process tree. */
  usage: TreeUsage;
  cpu: CpuUse;
}

/** Watch `root`'s process tree and the whole machine's CPU until the returned function is called. */
function watch(root: number): () => Watched {
  const sampler = sampleTree(root);
  const bench = process.cpuUsage();
  const machine = machineBusySeconds();
  return () => {
    const usage = sampler.stop();
    const own = process.cpuUsage(bench);
    // This process's own time is the benchmark's (sampling /proc), unless it is the one measured;
    // then only the sampling is left out of its figure.
    const measuringSelf = root === process.pid;
    const node = measuringSelf ? Math.max(0, usage.nodeCpuSeconds - usage.samplingSeconds) : usage.nodeCpuSeconds;
    const benchSeconds = measuringSelf ? usage.samplingSeconds : (own.user + own.system) / 1e6;
    const foreign = Math.max(0, machineBusySeconds() - machine - node - usage.chromiumCpuSeconds - benchSeconds);
    return { usage, cpu: { node, chromium: usage.chromiumCpuSeconds, foreign } };
  };
}

/**
 * A frozen copy of the project (node_modules linked, not copied) to run the
 * CLI from. The build fingerprints its own source: were src/ edited by
 * someone else mid-run, every meeting would rightly be out of date and the
 * rebuild figures would measure a full build. Returns the CLI's root.
 */
function snapshotProject(dir: string): string {
  for (const name of PROJECT_FILES) cpSync(path.join(PROJECT_ROOT, name), path.join(dir, name), { recursive: true });
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

interface CliRun extends Watched {
  seconds: number;
  stdout: string;
}

/** Run `build-referat` (from the project copy `cli`) on `root`/content → `root`/output with --html, as a user would. */
function buildCli(cli: string, root: string, jobs: number, options: { quiet?: boolean } = {}): Promise<CliRun> {
  const args = ['--content', path.join(root, 'content'), '--out', path.join(root, 'output'), '--html', '--jobs', String(jobs)];
  return runCli(cli, options.quiet ? [...args, '--quiet'] : args);
}

/** What `npm run build-referat -- …args` runs, in the project copy `cli`, timed from spawn to exit. */
async function runCli(cli: string, cliArgs: string[]): Promise<CliRun> {
  const args = ['scripts/cli.mjs', 'main', 'referat', ...cliArgs];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: cli, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error('build-referat kunne ikke startes.');
  const watched = watch(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code, seconds, usage] = await new Promise<[number | null, number, Watched]>((resolve, reject) => {
    child.once('error', reject);
    // Time and sampling stop when the process exits; its output may still be draining.
    let exited: [number | null, number, Watched] | undefined;
    child.once('exit', (exitCode) => (exited = [exitCode, (performance.now() - started) / 1000, watched()]));
    child.once('close', () => resolve(exited!));
  });
  if (code !== 0) throw new Error(`build-referat sluttede med kode ${code}:\n${stderr}${stdout}`);
  return { seconds, stdout, ...usage };
}

/** Meetings the CLI reported as built: one "✓ …" line each. */
function builtLines(run: CliRun): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('✓'));
}

/** The build's own record of a meeting: its outputs and page count. */
function recordOf(root: string, meeting: ArchiveMeeting): OutputRecord {
  const record = readRecord(path.join(root, 'output'), { forumId: meeting.forumId, id: meeting.id }, 'referat');
  if (!record) throw new Error(`Buildet skrev ingen oplysninger om ${meeting.forumId}/${meeting.id}.`);
  return record;
}

// ---------------------------------------------------------------------------
// The floor: the same final HTML, printed with page.pdf and nothing else

/**
 * What a plain HTML-to-PDF print with this browser does, and no more: a new
 * page per document, JavaScript off, the document served over the Fetch
 * domain by the pipeline's code, the same page.pdf options — without the
 * table-of-contents measuring, PDF post-processing or writing.
 */
async function printOnNewPage(browser: Browser, html: string): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    const served = { url: DOCUMENT_URL, body: Buffer.from(html).toString('base64') };
    await answerRequests(await page.createCDPSession(), () => served);
    await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: 60_000 });
    const pdf = await page.pdf({ ...PDF_OPTIONS, timeout: 60_000 });
    return pdf.byteLength;
  } finally {
    // Not awaited, as in the pipeline.
    void page.close().catch(() => undefined);
  }
}

/**
 * The same on pages kept open between documents, as the pipeline keeps them:
 * print.ts's printPdf, which measures nothing and post-processes nothing.
 */
async function printOnReusedPage(browser: Browser, html: string): Promise<number> {
  return (await printPdf(browser, html)).byteLength;
}

const FLOOR_PAGES = { ny: printOnNewPage, genbrugt: printOnReusedPage };
type FloorPages = keyof typeof FLOOR_PAGES;

interface FloorRun extends Watched {
  pages: FloorPages;
  parallel: number;
  seconds: number;
  launchSeconds: number;
  version: string;
}

/** One Chromium (launch and close included, like the CLI), `parallel` documents in flight. */
async function printFloor(documents: string[], pages: FloorPages, parallel: number): Promise<FloorRun> {
  const printOne = FLOOR_PAGES[pages];
  const watched = watch(process.pid);
  const started = performance.now();
  const browser = await launchBrowser();
  const launchSeconds = (performance.now() - started) / 1000;
  let version = '';
  try {
    version = await browser.version();
    let next = 0;
    const worker = async () => {
      while (next < documents.length) await printOne(browser, documents[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(parallel, documents.length) }, worker));
  } finally {
    await closeBrowser(browser);
  }
  const seconds = (performance.now() - started) / 1000;
  return { pages, parallel, seconds, launchSeconds, version, ...watched() };
}

// ---------------------------------------------------------------------------
// Warming up: "cold" means no earlier outputs, not a cold disk cache

/** Load Chromium's binary and compile the CLI (scripts/cli.mjs) once, untimed. */
async function warmUp(cli: string, root: string): Promise<void> {
  await closeBrowser(await launchBrowser());
  mkdirSync(path.join(root, 'content'), { recursive: true });
  await buildCli(cli, root, 1, { quiet: true }); // No meetings: loads every module, starts no browser.
}

// ---------------------------------------------------------------------------
// Formatting

const number = (digits: number) => new Intl.NumberFormat('da-DK', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const s = (seconds: number) => `${number(seconds < 10 ? 2 : 1).format(seconds)} s`;
const ms = (milliseconds: number) => `${number(0).format(milliseconds)} ms`;
const times = (ratio: number) => `${number(2).format(ratio)}×`;
const mb = (kb: number) => `${number(0).format(kb / 1024)} MB`;
const percent = (fraction: number) => `${fraction >= 0 ? '+' : '−'}${number(0).format(Math.abs(fraction) * 100)} %`;
const verdict = (met: boolean) => (met ? 'NÅET' : 'IKKE NÅET');

/** Plain-text columns: the label and the verdict (first and last) left-aligned, figures right-aligned. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const last = widths.length - 1;
  const cell = (text: string, column: number) => (column === 0 || column === last ? text.padEnd(widths[column]!) : text.padStart(widths[column]!));
  return rows.map((row) => row.map(cell).join('   ').trimEnd()).join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function range(values: number[]): string {
  return values.length ? `${Math.min(...values)}–${Math.max(...values)}` : '–';
}

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Progress goes to stderr, so that stdout is only the report. */
function step(line: string): void {
  process.stderr.write(`· ${line}\n`);
}

// ---------------------------------------------------------------------------
// The run

async function main(): Promise<void> {
  // Memory and CPU are read from /proc (lib/process-tree.ts).
  if (process.platform !== 'linux') {
    process.stderr.write('npm run bench måler i /proc og kører kun på Linux (fx i udviklingscontaineren eller GitHub Codespaces).\n');
    process.exitCode = 2;
    return;
  }
  const options = settings();
  const temp = mkdtempSync(path.join(tmpdir(), 'referat-bench-'));
  const cleanUp = () => {
    if (!options.keep) rmSync(temp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    await measure(options, temp);
  } finally {
    cleanUp();
    if (options.keep) step(`Mapperne er bevaret i ${temp}`);
  }
}

async function measure(options: Settings, temp: string): Promise<void> {
  const { jobs } = options;
  const cli = snapshotProject(path.join(temp, 'referat'));
  step('Varmer op (Chromium og CLI-moduler indlæses én gang, utimet)');
  await warmUp(cli, path.join(temp, 'warm-up'));

  // The small size first, in its own folder: its only purpose is memory.
  const smallRoot = path.join(temp, `arkiv-${options.smallMeetings}`);
  writeArchive(path.join(smallRoot, 'content'), options.smallMeetings);
  step(`Koldt build af ${options.smallMeetings} møder (hukommelse ved den lille størrelse)`);
  const small = await buildCli(cli, smallRoot, jobs, { quiet: true });
  if (!options.keep) rmSync(smallRoot, { recursive: true, force: true });

  const root = path.join(temp, `arkiv-${options.meetings}`);
  const archive = writeArchive(path.join(root, 'content'), options.meetings);
  step(`Koldt build af ${options.meetings} møder (--jobs ${jobs})`);
  const cold = await buildCli(cli, root, jobs, { quiet: true });
  const records = archive.map((meeting) => recordOf(root, meeting));
  const pages = records.map((record) => record.pages);
  const totalPages = pages.reduce((sum, count) => sum + count, 0);

  // Read every document first: the floor times printing, not the disk.
  // Every document the build printed: the minutes and, with bilag, their separators.
  const documents = records.flatMap((record) => {
    const html = record.outputs.filter((output) => output.endsWith('.html'));
    if (html.length === 0) throw new Error('Buildet skrev ingen HTML (--html).');
    return html.map((output) => readFileSync(path.join(root, 'output', output), 'utf8'));
  });
  // Serially and with the build's parallelism, on new pages as a plain print
  // does and on reused pages as the pipeline does. The build prints a
  // meeting's documents (minutes, bilag separators, public edition) side by
  // side: up to twice --jobs at once, so the floor gets as many too.
  const floors: FloorRun[] = [];
  for (const [pages, parallel] of [['ny', 1], ['ny', jobs], ['ny', jobs * 2], ['genbrugt', jobs], ['genbrugt', jobs * 2]] as const) {
    step(`Gulv: ${documents.length} dokumenter, ${parallel} ad gangen, ${pages === 'ny' ? 'ny side til hvert' : 'genbrugte sider'}`);
    floors.push(await printFloor(documents, pages, parallel));
  }

  // What every run pays before it looks at a single meeting.
  step('Start af CLI alene (--help)');
  const startup = await runCli(cli, ['--help']);

  step('Genbygning uden ændringer');
  const noop = await buildCli(cli, root, jobs);
  const noopBuilt = builtLines(noop).length;
  if (noopBuilt !== 0) throw new Error(`En genbygning uden ændringer byggede ${noopBuilt} møder:\n${noop.stdout}`);

  const edited = archive[Math.floor(archive.length / 2)]!;
  const item = readdirSync(edited.dir).filter((name) => /^\d+-.*\.md$/.test(name)).sort()[2] ?? '01-punkt-1.md';
  appendFileSync(path.join(edited.dir, item), '\nUdvalget bad desuden om en kort status på økonomien til næste møde.\n');
  step(`Genbygning efter ændring af ${edited.forumId}/${edited.id}/${item}`);
  const changed = await buildCli(cli, root, jobs);
  const changedBuilt = builtLines(changed);
  if (changedBuilt.length !== 1 || !changedBuilt[0]!.includes(`${edited.forumId}/${edited.id}-referat.pdf`)) {
    throw new Error(`Efter ændring af ét punkt skulle netop ét møde bygges, men:\n${changed.stdout}`);
  }

  report({
    options,
    archive,
    pages,
    totalPages,
    bilag: countBilag(archive),
    cold,
    small,
    floors,
    noop,
    changed,
    startup,
  });
}

interface Results {
  options: Settings;
  archive: ArchiveMeeting[];
  pages: number[];
  totalPages: number;
  bilag: number;
  cold: CliRun;
  small: CliRun;
  floors: FloorRun[];
  noop: CliRun;
  changed: CliRun;
  startup: CliRun;
}

function report(results: Results): void {
  const { options, archive, pages, totalPages, cold, small, floors, noop, changed, startup } = results;
  const { meetings, smallMeetings, jobs } = options;
  const forums = new Set(archive.map((meeting) => meeting.forumId)).size;
  const pagesOf = (layout: ArchiveMeeting['layout']) => pages.filter((_, index) => archive[index]!.layout === layout);
  const regionForums = new Set(archive.filter((meeting) => meeting.layout === 'region').map((meeting) => meeting.forumId)).size;

  say();
  say('referat – benchmark');
  say(`Maskine: ${cpus().length} kerner (${cpus()[0]?.model.trim() ?? 'ukendt CPU'}), ${number(1).format(totalmem() / 2 ** 30)} GB RAM`);
  say(`Node ${process.version} · ${floors[0]!.version} · --jobs ${jobs}`);
  say(
    `Arkiv: ${meetings} møder (${forums} fora × op til ${MEETINGS_PER_FORUM} møder × ${ITEMS_PER_MEETING} punkter; ` +
      `${regionForums} region-fora med indholdsfortegnelse, ${forums - regionForums} kommune-fora), ${results.bilag} bilag`,
  );
  say(
    `Sider pr. referat: min ${Math.min(...pages)} · median ${number(0).format(median(pages))} · maks ${Math.max(...pages)} · ` +
      `i alt ${number(0).format(totalPages)} (region ${range(pagesOf('region'))}, kommune ${range(pagesOf('kommune'))})`,
  );
  say();

  // Measured against the fastest floor: the target is the physical limit.
  const fastest = floors.reduce((best, floor) => (floor.seconds < best.seconds ? floor : best));
  const coldRatio = cold.seconds / fastest.seconds;
  const floorName = (floor: FloorRun) => `${floor.parallel} ad gangen, ${floor.pages === 'ny' ? 'ny side til hvert' : 'genbrugte sider'}`;
  say(
    table([
      ['Tid', 'Værdi', 'Pr. møde', 'Pr. side', 'Mål', ''],
      ['Koldt build, hele kæden (CLI)', s(cold.seconds), s(cold.seconds / meetings), ms((cold.seconds * 1000) / totalPages), '', ''],
      ...floors.map((floor) => [`Gulv: kun page.pdf, ${floorName(floor)}`, s(floor.seconds), s(floor.seconds / meetings), ms((floor.seconds * 1000) / totalPages), '', '']),
      [`Koldt build / hurtigste gulv (${floorName(fastest)})`, times(coldRatio), '', '', `≤ ${times(TARGETS.coldOverFloor)}`, verdict(coldRatio <= TARGETS.coldOverFloor)],
      ...floors.filter((floor) => floor !== fastest).map((floor) => [`Koldt build / gulv (${floorName(floor)})`, times(cold.seconds / floor.seconds), '', '', '', '']),
      [`Genbygning uden ændringer (${meetings} møder)`, s(noop.seconds), '', '', `< ${s(TARGETS.noopSeconds)}`, verdict(noop.seconds < TARGETS.noopSeconds)],
      ['  heraf start af CLI alene (--help)', s(startup.seconds), '', '', '', ''],
      ['Genbygning efter ændring af ét punkt', s(changed.seconds), '', '', `< ${s(TARGETS.oneChangedSeconds)}`, verdict(changed.seconds < TARGETS.oneChangedSeconds)],
    ]),
  );
  say();

  // Where the time goes: CPU seconds against what the cores could have given,
  // and how much other load on the machine took of them meanwhile.
  const cores = cpus().length;
  const cpuLine = (label: string, { seconds, cpu }: { seconds: number; cpu: CpuUse }) => [
    label,
    s(seconds * cores),
    s(cpu.node),
    s(cpu.chromium),
    s(cpu.node + cpu.chromium),
    `${number(0).format(((cpu.node + cpu.chromium) / (seconds * cores)) * 100)} %`,
    s(cpu.foreign),
  ];
  say(
    table([
      ['CPU-tid', `Til rådighed (×${cores})`, 'Node', 'Chromium', 'I alt', 'Udnyttet', 'Anden last', ''],
      cpuLine('Koldt build', cold),
      ...floors.map((floor) => cpuLine(`Gulv, ${floorName(floor)}`, floor)),
      cpuLine('Genbygning uden ændringer', noop),
      cpuLine('Genbygning, ét ændret møde', changed),
    ]),
  );
  say(`Chromium-start i gulvet: ${s(fastest.launchSeconds)}. Node i gulvet er benchmarkens egen proces (puppeteer).`);
  say('Chromium er målt ved prøver hvert 100 ms og er en nedre grænse: en proces, der slutter mellem to prøver, tager sine');
  say('sidste øjeblikke med, og de tæller under "anden last" – ellers er anden last CPU, som andre processer på maskinen brugte.');
  const runs = {
    'koldt build': cold,
    [`koldt build af ${smallMeetings}`]: small,
    ...Object.fromEntries(floors.map((floor) => [`gulv ${floorName(floor)}`, floor])),
    'start af CLI': startup,
    'genbygning uden ændringer': noop,
    'genbygning efter ændring': changed,
  };
  const disturbed = Object.entries(runs).filter(([, run]) => run.cpu.foreign > Math.max(0.1 * run.seconds * cores, 0.25)).map(([label]) => label);
  // A quarter second of other work hardly moves a figure, however short the run.
  if (disturbed.length > 0) say(`ADVARSEL: anden last tog over 10 % af maskinen under ${disturbed.join(', ')}; de tal er usikre.`);
  say();

  const memory = (pick: (usage: TreeUsage) => number) => [pick(small.usage), pick(cold.usage)] as const;
  const growth = (pair: readonly [number, number]) => (pair[0] > 0 ? pair[1] / pair[0] - 1 : 0);
  const memoryRow = (label: string, pick: (usage: TreeUsage) => number, target = false): string[] => {
    const pair = memory(pick);
    const flat = growth(pair) <= TARGETS.memoryGrowth;
    return [label, mb(pair[0]), mb(pair[1]), percent(growth(pair)), target ? `≤ ${percent(TARGETS.memoryGrowth)}` : '', target ? verdict(flat) : ''];
  };
  say(
    table([
      ['Hukommelse, top under koldt build', `${smallMeetings} møder`, `${meetings} møder`, 'Vækst', 'Mål', ''],
      memoryRow('Node (RSS)', (usage) => usage.nodeRssKb, true),
      memoryRow('Chromium i alt (RSS, summeret)', (usage) => usage.chromiumRssKb, true),
      memoryRow('Chromium i alt (RssAnon, uden delte sider)', (usage) => usage.chromiumAnonKb),
      memoryRow('Node + Chromium (RSS, samme øjeblik)', (usage) => usage.combinedRssKb, true),
      ['Chromium-processer (flest på én gang)', String(small.usage.chromiumProcesses), String(cold.usage.chromiumProcesses), '', '', ''],
      ['Koldt build, s pr. møde', s(small.seconds / smallMeetings), s(cold.seconds / meetings), '', '', ''],
    ]),
  );
  say();
  say(
    'Gulvet trykker hvert færdigt dokument én gang og intet andet. Forskellen op til buildet er resten af kæden: Node-start, ' +
      'indlæsning, Markdown og orddeling, sidetal til indholdsfortegnelsen, efterbehandling og skrivning af PDF-filerne.',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmarken fejlede: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
