/**
 * The check command as a user (or a git pre-commit hook) runs it: every
 * problem as file:line:column, a Danish summary, exit codes 0/1/2, and no
 * Puppeteer loaded.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/api.js';
import { runCheck } from '../../src/cli/run-check.js';
import type { CliIo } from '../../src/cli/run.js';

const KONTROL = path.join(import.meta.dirname, '..', 'fixtures', 'kontrol');

async function run(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), cwd };
  const code = await runCheck(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const KONTROL_OUTPUT = [
  `content/nyt-forum/forum.yml:4:9: fejl: Feltet "layout" skal være "kommune" eller "region", men der står "kommun". Mente du "kommune"? [ugyldig-vaerdi]`,
  `content/uden-forum/forum.yml: fejl: Forummet "uden-forum" har ingen forum.yml. [forum-mangler]`,
  `  Opret forum.yml med mindst felterne navn, organisation og layout (se README).`,
  `content/udvalget/2025-03-10/index.md:3:7: advarsel: Referatets dato ("dato") ligger før mødedatoen. [dato-foer-moede]`,
  `content/udvalget/2025-03-10/01-godkendelse.md:1:1: advarsel: Punkt 1 har endnu ingen beslutning (intet afsnit "## Beslutning" eller "## Referat"). [ingen-beslutning]`,
  `  Skriv beslutningen under "## Beslutning" eller "## Referat", når mødet er holdt. Før mødet bygges dagsordenen med npm run build-dagsorden.`,
  `content/udvalget/2025-04-07/01-orientering.md:4:1: fejl: Ukendt afsnit "## Indstiling". Mente du "## Indstilling"? [ukendt-afsnit]`,
  `  Afsnit hedder: Resumé, Indstilling, Sagsfremstilling, Beslutning, Referat, Bilag. Brug "### " til egne underoverskrifter.`,
  `content/udvalget/2025-04-07/01-orientering.md:6:4: fejl: Linket "file:///etc/passwd" er ikke tilladt. Links skal være webadresser (https://…), e-post (mailto:…) eller telefon (tel:…). [link-ikke-tilladt]`,
  `content/udvalget/2025-05-05/index.md:3:1: fejl: Ukendt felt "sted". [ukendt-felt]`,
  `  Tilladte felter her: mødedato, mødetid, mødested, deltagere, afbud, sagsnummer, sagsbehandler, dato, godkendt.`,
  `content/udvalget/2025-05-05/01-eventuelt.md:4:1: fejl: HTML-koden "<b>" kan ikke bruges i teksten. [raa-html]`,
  `  Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.`,
  `content/udvalget/2025-06-02/01-handleplan.md:7:10: fejl: Filen "bilag/plan.pdf" til bilag nr. 2 er afkortet (filen slutter ikke, som en PDF skal, med %%EOF) og kan ikke læses. [bilag-kan-ikke-laeses]`,
  `  Hent eller gem filen igen: den er sandsynligvis ikke kopieret helt.`,
  `content/udvalget/2025-06-02/bilag/notat.md:3:4: fejl: HTML-koden "<script>" kan ikke bruges i teksten. [raa-html]`,
  `  Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.`,
  ``,
];
const KONTROL_SUMMARY = '3 fora og 5 møder kontrolleret: 8 fejl, 2 advarsler (TID).';

/** The summary ends with the time taken, which varies. */
const withoutTime = (text: string) => text.replace(/ \(\d+,\d s\)\.$/, ' (TID).');

describe('check', () => {
  it('explains itself in Danish with --help', async () => {
    const { code, out } = await run(['--help'], KONTROL);
    expect(code).toBe(0);
    expect(out).toContain('Brug: npx referat tjek [TILVALG] [MAPPE …]\n  eller: npm run check -- [TILVALG] [MAPPE …]');
    expect(out).toContain('--content MAPPE  Find møderne i MAPPE i stedet for content/.');
    expect(out).toContain('0  ingen fejl (advarsler er tilladt)');
  });

  it('exits 0 with one summary line when all is well, and next time skips what has not changed', async () => {
    // A folder of its own: the cache (node_modules/.cache/referat) knows meetings by their folder.
    const cwd = mkdtempSync(path.join(tmpdir(), 'referat-cli-check-'));
    try {
      cpSync(path.join(PROJECT_ROOT, 'content'), path.join(cwd, 'content'), { recursive: true });
      const first = await run([], cwd);
      expect(first).toMatchObject({ code: 0, err: '' });
      expect(withoutTime(first.out)).toBe('2 fora og 2 møder kontrolleret: ingen fejl (TID).');
      expect(withoutTime((await run([], cwd)).out)).toBe('2 fora og 2 møder kontrolleret (2 uændrede): ingen fejl (TID).');
      expect(withoutTime((await run(['--force'], cwd)).out)).toBe('2 fora og 2 møder kontrolleret: ingen fejl (TID).');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('prints every problem as file:line:column, then the summary, and exits 1', async () => {
    const { code, out, err } = await run([], KONTROL);
    expect(code).toBe(1);
    expect(withoutTime(out)).toBe([...KONTROL_OUTPUT, KONTROL_SUMMARY].join('\n'));
    expect(err).toBe('');
  });

  it('checks as for build-dagsorden with --dagsorden', async () => {
    const { code, out } = await run(['--dagsorden'], KONTROL);
    expect(code).toBe(1);
    expect(withoutTime(out)).toBe([...KONTROL_OUTPUT.slice(0, 4), ...KONTROL_OUTPUT.slice(6), '3 fora og 5 møder kontrolleret: 8 fejl, 1 advarsel (TID).'].join('\n'));
  });

  it('exits 0 when there are only warnings', async () => {
    const { code, out } = await run(['content/udvalget/2025-03-10'], KONTROL);
    expect(code).toBe(0);
    expect(withoutTime(out)).toBe([...KONTROL_OUTPUT.slice(3, 6), '', '1 forum og 1 møde kontrolleret: ingen fejl, 2 advarsler (TID).'].join('\n'));
  });

  it('exits 2 on an unknown option or a folder that is neither a meeting nor a forum', async () => {
    const unknown = await run(['--ud'], KONTROL);
    expect(unknown.code).toBe(2);
    expect(unknown.err.split('\n')[0]).toBe('Ukendt tilvalg --ud.');
    const missing = await run(['content/findes-ikke'], KONTROL);
    expect(missing).toEqual({ code: 2, out: '', err: 'Mappen "content/findes-ikke" findes ikke.' });
    const neither = await run(['content'], KONTROL);
    expect(neither.code).toBe(2);
    expect(neither.err).toBe('"content" er hverken en mødemappe (ÅÅÅÅ-MM-DD med index.md) eller en forummappe (med forum.yml).');
  });

  it('runs as a process without loading Puppeteer', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', path.join(PROJECT_ROOT, 'tests/helpers/refuse-puppeteer.ts'), path.join(PROJECT_ROOT, 'src/cli/check.ts')],
      { cwd: KONTROL, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(1);
    expect(withoutTime(child.stdout.trimEnd())).toBe([...KONTROL_OUTPUT, KONTROL_SUMMARY].join('\n'));
  });
});
