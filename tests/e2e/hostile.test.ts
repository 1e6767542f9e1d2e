/**
 * The threat model (SECURITY.md), one test per line, with real Chromium and a
 * real local listener: hostile content never reaches the network, never
 * leaks a local file into a PDF, is bounded in the work it causes, and never
 * costs a previously good PDF.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, PROJECT_ROOT, type BuildReport } from '../../src/api.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { readPdf } from '../helpers/pdf.js';
import { LINUX_ONLY } from '../helpers/platform.js';
import { writeForum, writeMeeting } from '../../scripts/lib/synthetic.js';

let root: string;
let server: Server;
let port: number;
const requests: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-hostile-'));
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.setHeader('content-type', 'text/css');
    response.end('body::after { content: "LEAKED-FROM-NETWORK" }');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

const FORUM = 'navn: Fjendtligt udvalg\norganisation: Testkommune\nlayout: region\nmødested: Rådhuset\nmødetid: "10:00"\n';

/** Write content/<forum>/<date>/ with the given files (relative path → text). */
function meeting(base: string, date: string, files: Record<string, string>): string {
  const dir = path.join(base, 'content', 'udvalg', date);
  mkdirSync(path.join(dir, 'bilag'), { recursive: true });
  writeFileSync(path.join(base, 'content', 'udvalg', 'forum.yml'), FORUM);
  writeFileSync(path.join(dir, 'index.md'), `---\nmødedato: ${date}\n---\n`);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const item = (body: string, extra = '') => `---\ntitel: Punkt\n${extra}---\n${body}\n`;

describe('hostile content', () => {
  let report: BuildReport;
  let diagnostics: string;
  let base: string;

  beforeAll(async () => {
    base = path.join(root, 'content-hostile');
    const url = `http://127.0.0.1:${port}`;
    // Printed: a link (never fetched) and an SVG image whose own references
    // to the network and to local files must not load.
    const svgDir = meeting(base, '2025-01-10', {
      '01-link.md': item(`## Beslutning\n\nSe [siden](${url}/link) og ![diagram](bilag/diagram.svg).`),
    });
    writeFileSync(
      path.join(svgDir, 'bilag', 'diagram.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">
<style>@import url(${url}/svg-import.css); rect { fill: url(${url}/svg-fill.svg#x); }</style>
<image href="${url}/svg-image.png" width="10" height="10"/><image xlink:href="file:///etc/passwd" width="10" height="10"/>
<rect width="20" height="20"/><script>fetch('${url}/svg-script')</script></svg>`,
    );
    // Refused: everything that would load something.
    meeting(base, '2025-01-11', {
      '01-net.md': item(
        `## Beslutning\n\n![billede](${url}/img.png)\n\n<iframe src="${url}/frame"></iframe>\n\n<link rel="prefetch" href="${url}/prefetch">\n\n<object data="${url}/object"></object>\n\n<div style="background: url(${url}/css.png)">x</div>`,
      ),
    });
    const files = meeting(base, '2025-01-12', {
      '01-filer.md': item(
        '## Beslutning\n\n![a](file:///etc/passwd)\n\n![b](../../../../etc/passwd)\n\n![c](bilag/pw.png)\n\n[d](file:///etc/passwd)',
        'bilag:\n  - titel: Adgangskoder\n    fil: /etc/passwd\n  - titel: Genvej\n    fil: bilag/genvej.pdf\n',
      ),
    });
    symlinkSync('/etc/passwd', path.join(files, 'bilag', 'pw.png'));
    symlinkSync('/etc/passwd', path.join(files, 'bilag', 'genvej.pdf'));
    meeting(base, '2025-01-13', { '01-stor.md': item(`## Referat\n\n${'Meget lang tekst om sundhedsaftalen. '.repeat(40_000)}`) });
    meeting(
      base,
      '2025-01-14',
      Object.fromEntries(Array.from({ length: 600 }, (_, index) => [`${String(index + 1).padStart(3, '0')}-p.md`, item('Tekst.')])),
    );
    meeting(base, '2025-01-15', {
      '01-dyb.md': item(`## Referat\n\n${Array.from({ length: 100 }, (_, depth) => `${'  '.repeat(depth)}- niveau ${depth}`).join('\n')}`),
      '02-fremhaevning.md': item(`## Referat\n\n${'*'.repeat(5000)}x${'*'.repeat(5000)}`),
      '03-tabel.md': item(`## Referat\n\n|${' a |'.repeat(500)}\n|${'---|'.repeat(500)}\n|${' 1 |'.repeat(500)}`),
    });
    meeting(base, '2025-01-16', { '01-god.md': item('## Beslutning\n\nGodkendt {{7*7}}.') });

    report = await buildAll({ cwd: base, outDir: 'output' });
    diagnostics = formatDiagnostics(report.files).join('\n');
  });

  it('prints what is safe and refuses the rest, meeting by meeting', () => {
    expect(report.results.map((result) => [result.meetingId, result.status])).toEqual([
      ['2025-01-10', 'built'],
      ['2025-01-11', 'invalid'],
      ['2025-01-12', 'invalid'],
      ['2025-01-13', 'invalid'],
      ['2025-01-14', 'invalid'],
      ['2025-01-15', 'invalid'],
      ['2025-01-16', 'built'],
    ]);
  });

  it('sends no request to a local listener, whatever the content references', () => {
    expect(requests).toEqual([]);
    expect(diagnostics).toContain(`01-net.md:6:1: fejl: Stien "http://127.0.0.1:${port}/img.png" til punktets billede peger uden for mødets mappe.`);
    for (const line of [8, 10, 12, 14]) expect(diagnostics).toContain(`01-net.md:${line}:1: fejl: HTML-koden `);
  });

  it('refuses paths and links that lead to local files, naming file and field', () => {
    for (const expected of [
      '01-filer.md:5:10: fejl: Stien "/etc/passwd" til bilag nr. 1 peger uden for mødets mappe.',
      '01-filer.md:7:10: fejl: Stien "bilag/genvej.pdf" til bilag nr. 2 peger uden for mødets mappe.',
      '01-filer.md:11:1: fejl: Stien "file:///etc/passwd" til punktets billede peger uden for mødets mappe.',
      '01-filer.md:13:1: fejl: Stien "../../../../etc/passwd" til punktets billede peger uden for mødets mappe.',
      '01-filer.md:15:1: fejl: Stien "bilag/pw.png" til punktets billede peger uden for mødets mappe.',
      '01-filer.md:17:1: fejl: Linket "file:///etc/passwd" er ikke tilladt.',
    ]) {
      expect(diagnostics).toContain(expected);
    }
  });

  it('puts no text of a local file or of the network into any PDF', async () => {
    for (const result of report.results.filter((result) => result.output)) {
      const bytes = readFileSync(result.output!);
      const text = (await readPdf(bytes)).pages.join('\n');
      expect(text).not.toMatch(/root:|LEAKED-FROM-NETWORK/);
      expect(bytes.toString('latin1')).not.toMatch(/root:x:0:0|\/etc\/passwd/);
    }
    const good = await readPdf(readFileSync(report.results.at(-1)!.output!));
    expect(good.pages.join('\n')).toContain('Godkendt {{7*7}}.');
  });

  it('refuses work without bound with a clear message', () => {
    expect(diagnostics).toContain('01-stor.md: fejl: Filen fylder 1,5 MB; grænsen er 1 MB. [fil-for-stor]');
    expect(diagnostics).toContain('2025-01-14: fejl: Mødet har 600 punkter; grænsen er 500. [for-mange-punkter]');
    expect(diagnostics).toContain('01-dyb.md:39:1: fejl: Linjen er rykket 66 tegn ind; højst 64 er tilladt');
    expect(diagnostics).toContain('02-fremhaevning.md:6:1: fejl: Linjen har 5000 "*" i træk; højst 64 er tilladt.');
    expect(diagnostics).toContain('03-tabel.md:6:1: fejl: Tabellen har 500 kolonner; højst 40 kan stå på en A4-side.');
  });
});

describe('a print that takes too long or a browser that crashes', () => {
  it('fails that meeting with a clear message and still builds the next', async () => {
    const base = path.join(root, 'content-slow');
    writeForum(path.join(base, 'content', 'langsomt'), 'Langsomt udvalg', 'region');
    writeMeeting(path.join(base, 'content', 'langsomt', '2025-02-01'), '2025-02-01', 5, { items: 1, paragraphsPerItem: 1 });
    writeForum(path.join(base, 'content', 'udvalg'), 'Udvalget', 'kommune');
    writeMeeting(path.join(base, 'content', 'udvalg', '2025-02-02'), '2025-02-02', 6, { items: 1, paragraphsPerItem: 1 });

    // One at a time: the endless print passes the limit however fast the
    // machine; a one-page print needs a small fraction of it however busy.
    const report = await buildAll({ cwd: base, outDir: 'output', timeout: 20_000, jobs: 1, templatesDir: endlessTemplates() });

    expect(report.results.map((result) => result.status)).toEqual(['failed', 'built']);
    expect(formatDiagnostics(report.files)).toEqual([
      'content/langsomt/2025-02-01: fejl: Mødet blev ikke færdigt inden for tidsgrænsen på 20 sekunder for ét møde og blev stoppet. [tidsgraense]\n' +
        '  Mødet er usædvanlig stort eller komplekst. Del lange punkter op, eller giv mere tid med --timeout.',
    ]);
  });

  it('retries a meeting once after a crash, then reports it, and carries on with a fresh browser', async (context) => {
    context.skip(LINUX_ONLY !== undefined, LINUX_ONLY);
    const base = path.join(root, 'content-crash');
    writeForum(path.join(base, 'content', 'langsomt'), 'Langsomt udvalg', 'region');
    writeMeeting(path.join(base, 'content', 'langsomt', '2025-03-01'), '2025-03-01', 5, { items: 1, paragraphsPerItem: 1 });
    writeForum(path.join(base, 'content', 'udvalg'), 'Udvalget', 'kommune');
    writeMeeting(path.join(base, 'content', 'udvalg', '2025-03-02'), '2025-03-02', 6, { items: 1, paragraphsPerItem: 1 });
    const child = cli(base, ['--jobs', '1', '--templates', endlessTemplates()]);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    // Crash the browser while it prints the first meeting (which never
    // finishes), and again on its retry.
    const first = await printing(child.pid!);
    process.kill(first, 'SIGKILL');
    const second = await printing(child.pid!, first);
    process.kill(second, 'SIGKILL');

    expect(await exited).toBe(1);
    expect(output).toMatch(/✗ .*content\/langsomt\/2025-03-01: ikke bygget – trykningen mislykkedes/);
    expect(output).toMatch(/\[chromium-stoppede\]/);
    expect(output).toMatch(/✓ .*output\/udvalg\/2025-03-02-referat\.pdf/);
  });
});

describe('nothing lost', () => {
  it('keeps the previous PDF whole when a build is terminated mid-print', async (context) => {
    context.skip(LINUX_ONLY !== undefined, LINUX_ONLY);
    const base = path.join(root, 'content-term');
    writeForum(path.join(base, 'content', 'udvalg'), 'Udvalget', 'region');
    const dir = path.join(base, 'content', 'udvalg', '2025-04-01');
    writeMeeting(dir, '2025-04-01', 8, { items: 2, paragraphsPerItem: 2 });
    expect((await buildAll({ cwd: base, outDir: 'output' })).ok).toBe(true);
    const pdfPath = path.join(base, 'output', 'udvalg', '2025-04-01-referat.pdf');
    const before = readFileSync(pdfPath);

    // Changed, and printed with templates whose print never finishes: the signal certainly comes mid-print.
    writeMeeting(dir, '2025-04-01', 9, { items: 2, paragraphsPerItem: 3 });
    const child = cli(base, ['--templates', endlessTemplates()]);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const browser = await printing(child.pid!);
    child.kill('SIGTERM');

    expect(await exited).toBe(130);
    expect(readFileSync(pdfPath).equals(before)).toBe(true);
    expect((await readPdf(readFileSync(pdfPath))).pageCount).toBeGreaterThan(0);
    // The process group is killed on the way out; the kernel reaps it in its own time.
    await waitFor(() => (isAlive(browser) ? undefined : true));
    expect(readdirSync(path.dirname(pdfPath))).toEqual(['2025-04-01-referat.pdf']);
  });

  it('lets two builds over the same content run at once, both ending with valid PDFs', async () => {
    const base = path.join(root, 'content-twice');
    writeForum(path.join(base, 'content', 'udvalg'), 'Udvalget', 'region');
    writeMeeting(path.join(base, 'content', 'udvalg', '2025-05-01'), '2025-05-01', 10, { items: 4, paragraphsPerItem: 6 });
    writeMeeting(path.join(base, 'content', 'udvalg', '2025-05-02'), '2025-05-02', 11, { items: 4, paragraphsPerItem: 6 });
    const [first, second] = await Promise.all([
      buildAll({ cwd: base, outDir: 'output' }),
      buildAll({ cwd: base, outDir: 'output' }),
    ]);
    expect(first.ok && second.ok).toBe(true);
    for (const result of first.results) {
      const pdf = await readPdf(readFileSync(result.output!));
      expect(pdf.pageCount).toBeGreaterThanOrEqual(3);
    }
    // The outputs and nothing else: no temporary file left behind.
    const written = first.results.flatMap((result) => result.outputs ?? []).map((output) => path.basename(output));
    expect(written).toContain('2025-05-01-referat.pdf');
    expect(written).toContain('2025-05-02-referat.pdf');
    expect(readdirSync(path.join(base, 'output', 'udvalg')).sort()).toEqual(written.sort());
  });
});

/** The command as a user runs it, over the content and output of `base`. */
function cli(base: string, extra: string[] = []) {
  const args = ['--import', 'tsx', 'src/cli/main.ts', '--content', path.join(base, 'content'), '--out', path.join(base, 'output'), ...extra];
  return spawn(process.execPath, args, { cwd: PROJECT_ROOT });
}

/** Poll until `probe` answers: however busy the machine, only the test's own time limit ends the wait. */
async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The Chromium started by `parent` (other than `except`) once it is up and
 * printing: it has its first renderers, and then had time to connect and
 * to start the document. The documents of these tests never finish
 * printing, so waiting longer only makes it more certain that a kill lands
 * mid-print, never after.
 */
async function printing(parent: number, except?: number): Promise<number> {
  const browser = await waitFor(() => {
    const rows = processes();
    const browser = rows.find((row) => row.ppid === parent && row.command === 'chromium' && !row.stat.startsWith('Z') && row.pid !== except);
    if (!browser) return undefined;
    const renderers = rows.filter((row) => descendsFrom(rows, row, browser.pid) && row.args.includes('--type=renderer'));
    return renderers.length >= 2 ? browser.pid : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return browser;
}

/**
 * Templates whose region layout sets a document on some fifteen million
 * pages of 2 × 2 px: a print that can never finish, on any machine.
 */
function endlessTemplates(): string {
  const dir = path.join(root, 'templates-endless');
  if (!existsSync(dir)) {
    cpSync(path.join(PROJECT_ROOT, 'templates'), dir, { recursive: true });
    appendFileSync(path.join(dir, 'region', 'region.css'), '\n@page { size: 2px 2px; margin: 0; }\nbody { height: 30000000px; }\n');
  }
  return dir;
}

interface ProcessRow {
  pid: number;
  ppid: number;
  stat: string;
  command: string;
  args: string;
}

function processes(): ProcessRow[] {
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,comm=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, stat, command, ...args]) => ({ pid: Number(pid), ppid: Number(ppid), stat: stat ?? '', command: command ?? '', args: args.join(' ') }));
}

function descendsFrom(rows: ProcessRow[], row: ProcessRow, ancestor: number): boolean {
  for (let current: ProcessRow | undefined = row; current; current = rows.find((candidate) => candidate.pid === current!.ppid)) {
    if (current.ppid === ancestor) return true;
  }
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
