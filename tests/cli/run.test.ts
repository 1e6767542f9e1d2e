/**
 * The build-referat command as a user runs it: exit codes, one line per
 * meeting, Danish diagnostics, and a broken meeting never stopping the others.
 * Prints with real Chromium.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuild, type CliIo } from '../../src/cli/run.js';
import { readPdf } from '../helpers/pdf.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

let outDir: string;
beforeEach(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'referat-cli-'));
});
afterEach(() => rmSync(outDir, { recursive: true, force: true }));

async function run(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), cwd };
  const code = await runBuild(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('build-referat', () => {
  it('refuses flags that npm kept for itself (npm run build-referat --force, without "--"), saying how to write them', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const env = { npm_lifecycle_event: 'build-referat', npm_config_force: 'true', npm_config_jobs: 'true', npm_config_cache: '/root/.npm' };
    // npm passes the value of --jobs 2 on as an argument of its own.
    const code = await runBuild(['2'], { out: (line) => out.push(line), err: (line) => err.push(line), cwd: FIXTURES, env });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toBe(
      'npm tog selv --jobs --force og sendte dem ikke videre, så intet er gjort.\n' +
        'Skriv "--" foran tilvalgene: npm run build-referat -- --jobs --force …\n' +
        'eller brug kommandoen uden npm run: npx referat byg --jobs --force …',
    );
  });

  it('explains every option in Danish with --help', async () => {
    const { code, out } = await run(['--help'], FIXTURES);
    expect(code).toBe(0);
    expect(out).toContain('Brug: npx referat byg [TILVALG] [MØDEMAPPE …]\n  eller: npm run build-referat -- [TILVALG] [MØDEMAPPE …]');
    expect(out).toContain('-o, --out MAPPE');
    expect(out).toContain('Skriv PDF-filerne i MAPPE i stedet for output/.');
    expect(out).toContain('2  forkert brug af kommandoen');
  });

  it('exits 2 on an unknown option or a folder that is not a meeting', async () => {
    const unknown = await run(['--ud', 'x'], FIXTURES);
    expect(unknown.code).toBe(2);
    expect(unknown.err.split('\n')[0]).toBe('Ukendt tilvalg --ud.');
    const missing = await run(['content/findes-ikke'], FIXTURES);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('Mappen "content/findes-ikke" findes ikke.');
  });

  it('builds the good meeting, reports the broken one, keeps its earlier PDF and exits 1', async () => {
    const earlier = path.join(outDir, 'aeldreraadet', '2025-05-02-referat.pdf');
    mkdirSync(path.dirname(earlier), { recursive: true });
    writeFileSync(earlier, 'tidligere, gyldig PDF');

    const { code, out, err } = await run(['--out', outDir], path.join(FIXTURES, 'blandet'));

    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines[0]).toBe('✗ content/aeldreraadet/2025-05-02: ikke bygget – fejl i indholdet (se nedenfor)');
    expect(lines[1]).toMatch(/^✓ .*sundhedsudvalget-nord\/2025-05-01-referat\.pdf \(3 sider, \d+,\d s\)$/);
    expect(lines.at(-1)).toMatch(/^1 møde bygget, 1 møde ikke bygget, 1 fejl \(\d+,\d s\)\.$/);
    expect(err).toContain(
      'content/aeldreraadet/2025-05-02/01-godkendelse.md:3:1: fejl: Ukendt felt "sagsnumer". Mente du "sagsnummer"? [ukendt-felt]',
    );
    expect(readFileSync(earlier, 'utf8')).toBe('tidligere, gyldig PDF');
  });

  it('prints a forum it has never seen in that forum\'s layout and section order', async () => {
    await run(['--out', outDir, 'content/sundhedsudvalget-nord'], path.join(FIXTURES, 'blandet'));
    const pdf = await readPdf(readFileSync(path.join(outDir, 'sundhedsudvalget-nord', '2025-05-01-referat.pdf')));
    const [cover, item] = pdf.pages.map(flat);
    expect(cover).toContain('REFERAT Sundhedsudvalget Nord d. 01-05-2025');
    expect(cover).toContain('Mødedato Torsdag d. 01. maj 2025 kl. 14:00');
    expect(item).toContain('Punkt 1: Budgetopfølgning 1. kvartal (14.00-14.30)');
    const order = ['Indstilling Administrationen', 'Udvalgets beslutning Taget', 'Sagsfremstilling Forbruget', 'Bilag 1: Regnskabsoversigt'].map(
      (text) => item!.indexOf(text),
    );
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Content is data, never template source; footnotes are printed.
    expect(item).toContain('Skabelonkode som {{7*7}} og {{{html}}} skal stå som tekst.');
    expect(item).toContain('Opgjort pr. 31. marts 2025.');
    expect(pdf.pages[2]).toContain('Punkt 2: Eventuelt (15.45-16.00)');
  });

  it('prints the same dates whatever the machine\'s time zone', async () => {
    const zone = process.env.TZ;
    const texts: string[] = [];
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        const target = path.join(outDir, tz.replace('/', '-'));
        await run(['--out', target, 'content/sundhedsudvalget-nord'], path.join(FIXTURES, 'blandet'));
        const pdf = await readPdf(readFileSync(path.join(target, 'sundhedsudvalget-nord', '2025-05-01-referat.pdf')));
        texts.push(flat(pdf.pages[0]!));
      }
    } finally {
      process.env.TZ = zone;
    }
    expect(texts[0]).toContain('Torsdag d. 01. maj 2025');
    expect(new Set(texts).size).toBe(1);
  });
});
