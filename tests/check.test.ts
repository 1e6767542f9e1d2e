/**
 * checkAll: every diagnostic a build finds in the content, from the build's
 * own stages, without printing or writing anything; forums without meetings
 * are checked too.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAll, PROJECT_ROOT } from '../src/api.js';
import { checkAll } from '../src/check.js';
import { formatDiagnostics } from '../src/diagnostics/format.js';
import { newMeeting } from '../src/new-meeting.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const KONTROL = path.join(FIXTURES, 'kontrol');

const NYT_FORUM = `content/nyt-forum/forum.yml:4:9: fejl: Feltet "layout" skal være "kommune" eller "region", men der står "kommun". Mente du "kommune"? [ugyldig-vaerdi]`;
const UDEN_FORUM = `content/uden-forum/forum.yml: fejl: Forummet "uden-forum" har ingen forum.yml. [forum-mangler]\n  Opret forum.yml med mindst felterne navn, organisation og layout (se README).`;
const DATO = `content/udvalget/2025-03-10/index.md:3:7: advarsel: Referatets dato ("dato") ligger før mødedatoen. [dato-foer-moede]`;
// Only as for a referat: a dagsorden has no decisions yet.
const BESLUTNING = `content/udvalget/2025-03-10/01-godkendelse.md:1:1: advarsel: Punkt 1 har endnu ingen beslutning (intet afsnit "## Beslutning" eller "## Referat"). [ingen-beslutning]\n  Skriv beslutningen under "## Beslutning" eller "## Referat", når mødet er holdt. Før mødet bygges dagsordenen med npm run build-dagsorden.`;
const ORIENTERING = [
  `content/udvalget/2025-04-07/01-orientering.md:4:1: fejl: Ukendt afsnit "## Indstiling". Mente du "## Indstilling"? [ukendt-afsnit]\n  Afsnit hedder: Resumé, Indstilling, Sagsfremstilling, Beslutning, Referat, Bilag. Brug "### " til egne underoverskrifter.`,
  `content/udvalget/2025-04-07/01-orientering.md:6:4: fejl: Linket "file:///etc/passwd" er ikke tilladt. Links skal være webadresser (https://…), e-post (mailto:…) eller telefon (tel:…). [link-ikke-tilladt]`,
];
// Invalid frontmatter in index.md: the Markdown is still checked (checkMarkdown).
const UGYLDIGT_INDEX = [
  `content/udvalget/2025-05-05/index.md:3:1: fejl: Ukendt felt "sted". [ukendt-felt]\n  Tilladte felter her: mødedato, mødetid, mødested, deltagere, afbud, sagsnummer, sagsbehandler, dato, godkendt.`,
  `content/udvalget/2025-05-05/01-eventuelt.md:4:1: fejl: HTML-koden "<b>" kan ikke bruges i teksten. [raa-html]\n  Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.`,
];
// The bilag themselves: a PDF that cannot be read, a Markdown bilag with raw HTML.
const BILAG = [
  `content/udvalget/2025-06-02/01-handleplan.md:7:10: fejl: Filen "bilag/plan.pdf" til bilag nr. 2 er afkortet (filen slutter ikke, som en PDF skal, med %%EOF) og kan ikke læses. [bilag-kan-ikke-laeses]\n  Hent eller gem filen igen: den er sandsynligvis ikke kopieret helt.`,
  `content/udvalget/2025-06-02/bilag/notat.md:3:4: fejl: HTML-koden "<script>" kan ikke bruges i teksten. [raa-html]\n  Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.`,
];

describe('checkAll', () => {
  it('finds nothing wrong in the example content', async () => {
    const report = await checkAll({ cwd: PROJECT_ROOT });
    expect(formatDiagnostics(report.files)).toEqual([]);
    expect(report).toMatchObject({ forums: 2, meetings: 2, ok: true });
  });

  it('reports every problem in the archive, forums without meetings included, in content order', async () => {
    const report = await checkAll({ cwd: KONTROL });
    expect(formatDiagnostics(report.files)).toEqual([NYT_FORUM, UDEN_FORUM, DATO, BESLUTNING, ...ORIENTERING, ...UGYLDIGT_INDEX, ...BILAG]);
    expect(report).toMatchObject({ forums: 3, meetings: 5, ok: false });
    // Nothing is printed or written.
    expect(existsSync(path.join(KONTROL, 'output'))).toBe(false);
  });

  it('checks only the folders named, each meeting once, in the order named', async () => {
    const report = await checkAll({ cwd: KONTROL, targets: ['content/udvalget/2025-04-07', 'content/nyt-forum', 'content/udvalget'] });
    expect(formatDiagnostics(report.files)).toEqual([...ORIENTERING, DATO, BESLUTNING, ...UGYLDIGT_INDEX, ...BILAG, NYT_FORUM]);
    expect(report).toMatchObject({ forums: 2, meetings: 4, ok: false });
  });

  it('passes a meeting that has warnings but no errors', async () => {
    const report = await checkAll({ cwd: KONTROL, targets: ['content/udvalget/2025-03-10'] });
    expect(formatDiagnostics(report.files)).toEqual([DATO, BESLUTNING]);
    expect(report).toMatchObject({ forums: 1, meetings: 1, ok: true });
  });

  it('checks as for a dagsorden: no warning about decisions not yet written', async () => {
    const report = await checkAll({ cwd: KONTROL, kind: 'dagsorden' });
    expect(formatDiagnostics(report.files)).toEqual([NYT_FORUM, UDEN_FORUM, DATO, ...ORIENTERING, ...UGYLDIGT_INDEX, ...BILAG]);
  });

  it('finds a content root given as --content', async () => {
    const report = await checkAll({ cwd: FIXTURES, contentDir: 'kontrol/content' });
    expect(formatDiagnostics(report.files)[0]).toBe(NYT_FORUM.replace('content/', 'kontrol/content/'));
    expect(report.meetings).toBe(5);
  });

  it('refuses folders that do not exist', async () => {
    await expect(checkAll({ cwd: KONTROL, targets: ['content/findes-ikke'] })).rejects.toThrow('Mappen "content/findes-ikke" findes ikke.');
    await expect(checkAll({ cwd: KONTROL, contentDir: 'indhold' })).rejects.toThrow('Mappen "indhold" findes ikke.');
  });
});

describe('checkAll with a cache file', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'referat-check-cache-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('skips a meeting found in order until it, its forum.yml or the kind of check changes; problems are repeated every time', async () => {
    const cwd = path.join(root, 'arkiv');
    cpSync(path.join(FIXTURES, 'nyt-moede'), cwd, { recursive: true });
    const cacheFile = path.join(root, 'cache', 'check.json');
    const check = async (options: { force?: boolean; kind?: 'dagsorden' } = {}) => {
      const report = await checkAll({ cwd, cacheFile, ...options });
      return { unchanged: report.unchanged, meetings: report.meetings, diagnostics: formatDiagnostics(report.files).map((line) => line.split('\n')[0]) };
    };
    const FORKERT = 'content/forkert/forum.yml:3:9: fejl: Feltet "layout" skal være "kommune" eller "region", men der står "kommun". Mente du "kommune"? [ugyldig-vaerdi]';

    expect(await check()).toEqual({ unchanged: 0, meetings: 1, diagnostics: [FORKERT] });
    expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')))).toEqual([`referat:${path.join(cwd, 'content/sundhedsudvalget/2025-01-15')}`]);
    // The forum's error is not the meeting's: it is reported again, the meeting is skipped.
    expect(await check()).toEqual({ unchanged: 1, meetings: 1, diagnostics: [FORKERT] });

    // A meeting with problems is never remembered.
    newMeeting({ forum: 'uden-standarder', date: '2025-03-12', cwd });
    const MANGLER = 'content/uden-standarder/2025-03-12/index.md:1:1: fejl: Feltet "mødested" mangler, og forummet har ingen standardværdi for det. [mangler-felt]';
    expect((await check()).diagnostics).toContain(MANGLER);
    expect(await check()).toMatchObject({ unchanged: 1, meetings: 2 });
    expect((await check()).diagnostics).toContain(MANGLER);

    // A change to the meeting, or to its forum.yml, is checked.
    const item = path.join(cwd, 'content/sundhedsudvalget/2025-01-15/01-godkendelse-af-dagsorden.md');
    appendFileSync(item, '\n<br>\n');
    const RAA_HTML = 'content/sundhedsudvalget/2025-01-15/01-godkendelse-af-dagsorden.md:8:1: fejl: Linjeskift med <br> kan ikke bruges. [raa-html]';
    expect(await check()).toMatchObject({ unchanged: 0, diagnostics: expect.arrayContaining([RAA_HTML]) });
    expect(await check()).toMatchObject({ unchanged: 0, diagnostics: expect.arrayContaining([RAA_HTML]) });
    writeFileSync(item, '---\ntitel: Godkendelse af dagsorden\n---\n## Referat\n\nGodkendt.\n');
    expect(await check()).toMatchObject({ unchanged: 0 });
    expect(await check()).toMatchObject({ unchanged: 1 });
    appendFileSync(path.join(cwd, 'content/sundhedsudvalget/forum.yml'), 'sagsbehandler:\n  navn: Dorte Dahl\n');
    expect(await check()).toMatchObject({ unchanged: 0 });

    // A check as for the dagsorden is remembered apart; force checks everything.
    expect(await check()).toMatchObject({ unchanged: 1 });
    expect(await check({ kind: 'dagsorden' })).toMatchObject({ unchanged: 0 });
    expect(await check({ kind: 'dagsorden' })).toMatchObject({ unchanged: 1 });
    expect(await check()).toMatchObject({ unchanged: 1 });
    expect(await check({ force: true })).toMatchObject({ unchanged: 0 });
  });
});

/** The content-mistake scenarios: check must say exactly what a build says (only kontrol prints, one meeting). */
const SCENARIOS = [
  'bilag-mangler', 'dobbelt-felt', 'flere-fejl', 'forkert-type', 'forum-layout', 'ingen-frontmatter', 'js-frontmatter', 'mangler-felt',
  'mangler-moedested', 'mappe-dato', 'raa-html', 'tom-titel', 'ugyldig-dato', 'ukendt-afsnit', 'ukendt-felt', 'umulig-dato', 'yaml-syntaks', 'kontrol',
];

describe('checkAll against a build', () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'referat-check-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const cases = SCENARIOS.flatMap((scenario) => (['referat', 'dagsorden'] as const).map((kind) => [scenario, kind] as const));
  it.each(cases)('%s: the same diagnostics as build-%s', async (scenario, kind) => {
    const cwd = path.join(FIXTURES, scenario);
    const built = await buildAll({ cwd, outDir, force: true, kind });
    expect(built.results.filter((result) => result.status !== 'invalid').map((result) => `${result.meetingId}: ${result.status}`)).toEqual(
      scenario === 'kontrol' ? ['2025-03-10: built'] : [],
    );
    const checked = await checkAll({ cwd, kind });
    // A build reads a forum only for its meetings; check reads forums without meetings too.
    const withoutMeetingless = checked.files.filter((file) => !file.path.includes('nyt-forum'));
    expect(formatDiagnostics(withoutMeetingless)).toEqual(formatDiagnostics(built.files));
    expect(checked.ok).toBe(false);
  });
});
