/**
 * scripts/cli.mjs: the npm commands run compiled JavaScript from dist/,
 * compiled again exactly when a source file changed. Run on a copy of the
 * project so that the real dist/ is left alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/api.js';
import { readPdf } from '../helpers/pdf.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-cli-'));
  for (const entry of ['src', 'scripts/cli.mjs', 'package.json', 'package-lock.json']) cpSync(path.join(PROJECT_ROOT, entry), path.join(root, entry), { recursive: true });
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts', 'cli.mjs'), ...args], { cwd: root, encoding: 'utf8' });
const compiledAt = () => statSync(path.join(root, 'dist', 'cli', 'main.js')).mtimeMs;

describe('scripts/cli.mjs', () => {
  it('compiles src/ on first use and runs the command with its arguments', () => {
    const result = run('main', 'dagsorden', '--help');
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'Brug: npx referat byg-dagsorden [TILVALG] [MØDEMAPPE …]',
      '  eller: npm run build-dagsorden -- [TILVALG] [MØDEMAPPE …]',
    ]);
    expect(result.status).toBe(0);
  });

  it('runs every Danish command of `npx referat` (package.json "bin") as the command whose help names it', () => {
    const bin = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).bin;
    expect(bin).toEqual({ referat: 'scripts/cli.mjs' });
    const list = run();
    expect(list.status).toBe(2);
    const words = [...list.stdout.matchAll(/^ {2}(\S+) {2,}/gm)].map((match) => match[1]);
    expect(words).toEqual(['byg', 'byg-dagsorden', 'tjek', 'nyt-møde', 'vis']);
    for (const word of words) {
      const help = run(word!, '--help');
      expect(help.status, word).toBe(0);
      expect(help.stdout.split('\n')[0]).toMatch(new RegExp(`^Brug: npx referat ${word} \\[TILVALG\\]`));
    }
  });

  it('does not compile again while the sources are unchanged', () => {
    const before = compiledAt();
    expect(run('main', 'referat', '--help').status).toBe(0);
    expect(compiledAt()).toBe(before);
  });

  it('compiles again when a source file changes', () => {
    const flags = path.join(root, 'src', 'cli', 'flags.ts');
    writeFileSync(flags, readFileSync(flags, 'utf8').replace('Vis denne hjælp.', 'Vis hjælpen (ændret).'));
    const result = run('main', 'referat', '--help');
    expect(result.stdout).toContain('Vis hjælpen (ændret).');
  });

  it('compiles again when the dependencies change: they are bundled in', () => {
    const before = compiledAt();
    writeFileSync(path.join(root, 'package-lock.json'), `${readFileSync(path.join(root, 'package-lock.json'), 'utf8')}\n`);
    expect(run('main', 'referat', '--help').status).toBe(0);
    expect(compiledAt()).not.toBe(before);
  });

  it('refuses an unknown command in Danish', () => {
    const result = run('findes-ikke');
    expect(result.stderr.split('\n').slice(0, 3)).toEqual(['Ukendt kommando "findes-ikke".', '', 'Brug: npx referat KOMMANDO [TILVALG] …']);
    expect(result.status).toBe(2);
  });

  it('prints with the bundled pipeline as npm run build-referat does, Puppeteer configuration included', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'referat-cli-out-'));
    try {
      const result = spawnSync(process.execPath, ['scripts/cli.mjs', 'main', 'referat', '--out', out, 'content/implementeringsgruppen-forebyggelse'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const pdf = await readPdf(readFileSync(path.join(out, 'implementeringsgruppen-forebyggelse', '2016-09-15-referat-samlet.pdf')));
      expect(pdf.pageCount).toBeGreaterThan(6);
      expect(pdf.pages[0]).toContain('Implementeringsgruppen');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
