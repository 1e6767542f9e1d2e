/**
 * check --base: an approved referat is changed by addition only. In a
 * temporary git repository, a silent change to an approved meeting fails
 * against the commit where it was approved, while a dated rettelse passes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/api.js';
import { checkAll } from '../src/check.js';
import { formatDiagnostics } from '../src/diagnostics/format.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'beslutningsprotokol');
const MEETING = 'content/teknik-og-miljoe/2025-09-04';
let root: string;

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
const edit = (file: string, change: (text: string) => string) => {
  const target = path.join(root, MEETING, file);
  writeFileSync(target, change(readFileSync(target, 'utf8')));
};
const check = async (base = 'HEAD') => {
  const report = await checkAll({ cwd: root, base });
  return { ok: report.ok, diagnostics: formatDiagnostics(report.files).filter((line) => line.includes('[godkendt-referat-aendret]')) };
};
const NOTE =
  '  Et godkendt referat rettes kun ved tilføjelse: sæt den godkendte tekst tilbage, og skriv ændringen som en rettelse med dato og tekst under "rettelser:" i punktet (se README, "Rettelser efter godkendelsen").';

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-base-'));
  cpSync(FIXTURE, root, { recursive: true });
  git('init', '-q');
  edit('index.md', (text) => text.replace('---\n', '---\ngodkendt:\n  dato: 2025-10-02\n  af: Teknik- og Miljøudvalget på mødet 2. oktober 2025\n'));
  git('add', '-A');
  git('commit', '-q', '-m', 'Godkendt');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
// Every case starts from the approved version.
beforeEach(() => git('checkout', '-q', '--', '.'));

describe('check --base', () => {
  it('finds nothing while the approved meeting is unchanged', async () => {
    expect(await check()).toEqual({ ok: true, diagnostics: [] });
  });

  it('refuses a silent change to an approved decision', async () => {
    edit('01-cykelsti.md', (text) => text.replace('Godkendt.', 'Godkendt med en ændring.'));
    expect(await check()).toEqual({
      ok: false,
      diagnostics: [`${MEETING}/01-cykelsti.md:22:1: fejl: Referatet var godkendt i HEAD, men afsnittet "## Beslutning" er ændret siden. [godkendt-referat-aendret]\n${NOTE}`],
    });
  });

  it('passes a dated rettelse added under the item', async () => {
    edit('01-cykelsti.md', (text) => text.replace('bilag:\n', 'rettelser:\n  - dato: 2025-10-20\n    tekst: "Stien bliver 3 meter bred, ikke 2,5."\nbilag:\n'));
    expect(await check()).toEqual({ ok: true, diagnostics: [] });
    // And a second one after it, once the first is committed.
    git('commit', '-q', '-am', 'Rettelse');
    edit('01-cykelsti.md', (text) => text.replace('bilag:\n', '  - dato: 2025-11-01\n    tekst: "Endnu en rettelse."\nbilag:\n'));
    expect(await check()).toEqual({ ok: true, diagnostics: [] });
    // Changing the first one is not an addition.
    edit('01-cykelsti.md', (text) => text.replace('ikke 2,5', 'ikke 2'));
    expect(await check()).toEqual({
      ok: false,
      diagnostics: [
        `${MEETING}/01-cykelsti.md:10:1: fejl: Referatet var godkendt i HEAD, men en tidligere rettelse er ændret eller fjernet. Nye rettelser skrives under de gamle. [godkendt-referat-aendret]\n${NOTE}`,
      ],
    });
    git('reset', '-q', '--hard', 'HEAD~1');
  });

  it('refuses silent changes to the protocol fields and the attendance', async () => {
    edit('01-cykelsti.md', (text) => text.replace('  - Bo Berg\n', '').replace('fraværende:\n', 'fraværende: []\n'));
    edit('index.md', (text) => text.replace('  - Dorte Dahl\n', '  - Carl Carlsen\n'));
    expect(await check()).toEqual({
      ok: false,
      diagnostics: [
        `${MEETING}/index.md:6:1: fejl: Referatet var godkendt i HEAD, men feltet "afbud" er ændret siden. [godkendt-referat-aendret]\n${NOTE}`,
        `${MEETING}/01-cykelsti.md:3:1: fejl: Referatet var godkendt i HEAD, men feltet "fraværende" er ændret siden. [godkendt-referat-aendret]\n${NOTE}`,
      ],
    });
  });

  it('refuses an item removed after approval', async () => {
    rmSync(path.join(root, MEETING, '04-eventuelt.md'));
    expect((await check()).diagnostics).toEqual([
      `${MEETING}/index.md:1:1: fejl: Referatet var godkendt i HEAD, men punktet "04-eventuelt.md" er fjernet eller omdøbt siden. [godkendt-referat-aendret]\n${NOTE}`,
    ]);
  });

  it('leaves a meeting alone that was not approved at the base', async () => {
    const approved = git('rev-parse', '--abbrev-ref', 'HEAD').trim();
    git('checkout', '-q', '--orphan', 'udkast');
    edit('index.md', (text) => text.replace(/godkendt:\n(?: {2}.*\n)+/, ''));
    git('commit', '-q', '-am', 'Udkast');
    edit('01-cykelsti.md', (text) => text.replace('Godkendt.', 'Vedtaget.'));
    expect(await check()).toEqual({ ok: true, diagnostics: [] });
    git('checkout', '-q', '-f', approved);
  });

  it('refuses a base that is not a revision, or that git would read as an option', async () => {
    await expect(checkAll({ cwd: root, base: 'findes-ikke' })).rejects.toThrow(new UsageError(`--base "findes-ikke" er ikke en git-revision i ${root}.`));
    await expect(checkAll({ cwd: root, base: '--output=/tmp/x' })).rejects.toThrow(UsageError);
  });
});
