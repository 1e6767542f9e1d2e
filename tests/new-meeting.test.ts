/**
 * newMeeting: a meeting folder from the forum's defaults that the pipeline
 * accepts as it is, standing items numbered so new items fit between them,
 * and nothing ever overwritten.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAll } from '../src/check.js';
import { formatDiagnostics } from '../src/diagnostics/format.js';
import { loadMeeting, meetingLocation } from '../src/load/load.js';
import { newMeeting, slug, standingItemNumbers } from '../src/new-meeting.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'nyt-moede');

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'referat-nyt-moede-'));
  cpSync(FIXTURE, cwd, { recursive: true });
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const read = (relative: string) => readFileSync(path.join(cwd, relative), 'utf8');
const listing = (relative: string) => readdirSync(path.join(cwd, relative)).sort();
/** As for the dagsorden, the first document a new meeting becomes. */
const diagnostics = async (relative: string) => formatDiagnostics((await checkAll({ cwd, targets: [relative], kind: 'dagsorden' })).files);
/** Everything but the warnings about the placeholder text, which a new meeting has until it is written. */
const check = async (relative: string) => (await diagnostics(relative)).filter((line) => !line.includes('[pladsholder]'));

describe('newMeeting', () => {
  it('writes the forum defaults into index.md and the default standing items, and the result validates cleanly', async () => {
    const result = newMeeting({ forum: 'sundhedsudvalget', date: '2025-03-12', cwd });
    expect(result).toEqual({
      status: 'created',
      dir: path.join(cwd, 'content/sundhedsudvalget/2025-03-12'),
      files: ['index.md', '01-godkendelse-af-dagsorden.md', '99-eventuelt.md'],
      missing: [],
      nextNumber: '02',
    });
    expect(listing('content/sundhedsudvalget/2025-03-12')).toEqual(['01-godkendelse-af-dagsorden.md', '99-eventuelt.md', 'index.md']);
    expect(read('content/sundhedsudvalget/2025-03-12/index.md')).toBe(
      [
        '---',
        'mødedato: 2025-03-12',
        'mødetid: 13:00-15:00',
        'mødested: Rådhuset, mødelokale 2',
        'deltagere:',
        '  - Anne Andersen',
        '  - "Bo Berg: formand"',
        'afbud: []',
        '---',
        '',
      ].join('\n'),
    );
    // The kommune layout's sections written before the meeting, in its order.
    expect(read('content/sundhedsudvalget/2025-03-12/01-godkendelse-af-dagsorden.md')).toBe(
      '---\ntitel: Godkendelse af dagsorden\n---\n## Indstilling\n\nSkriv indstillingen her.\n\n## Sagsfremstilling\n\nSkriv sagsfremstillingen her.\n',
    );
    expect(read('content/sundhedsudvalget/2025-03-12/99-eventuelt.md')).toBe('---\ntitel: Eventuelt\n---\nSkriv punktets tekst her.\n');
    expect(await check('content/sundhedsudvalget/2025-03-12')).toEqual([]);
    expect((await diagnostics('content/sundhedsudvalget/2025-03-12')).map((line) => line.split('\n')[0])).toEqual([
      'content/sundhedsudvalget/2025-03-12/01-godkendelse-af-dagsorden.md:6:1: advarsel: Pladsholderteksten "Skriv indstillingen her." står stadig i punktet og kommer med, som den står. [pladsholder]',
      'content/sundhedsudvalget/2025-03-12/01-godkendelse-af-dagsorden.md:10:1: advarsel: Pladsholderteksten "Skriv sagsfremstillingen her." står stadig i punktet og kommer med, som den står. [pladsholder]',
      'content/sundhedsudvalget/2025-03-12/99-eventuelt.md:4:1: advarsel: Pladsholderteksten "Skriv punktets tekst her." står stadig i punktet og kommer med, som den står. [pladsholder]',
    ]);
    // Until the decisions are written, a referat would say so for each item.
    const referat = await checkAll({ cwd, targets: ['content/sundhedsudvalget/2025-03-12'] });
    expect(referat.ok).toBe(true);
    expect(formatDiagnostics(referat.files).map((line) => line.split('\n')[0]).filter((line) => !line?.includes('[pladsholder]'))).toEqual([
      'content/sundhedsudvalget/2025-03-12/01-godkendelse-af-dagsorden.md:1:1: advarsel: Punkt 1 har endnu ingen beslutning (intet afsnit "## Beslutning" eller "## Referat"). [ingen-beslutning]',
      'content/sundhedsudvalget/2025-03-12/99-eventuelt.md:1:1: advarsel: Punkt 2 har endnu ingen beslutning (intet afsnit "## Beslutning" eller "## Referat"). [ingen-beslutning]',
    ]);
  });

  it("follows the forum's standing items and section order, and never pre-writes a decision", async () => {
    const result = newMeeting({ forum: 'styregruppen', date: '2025-03-12', cwd });
    expect(result).toMatchObject({
      status: 'created',
      files: ['index.md', '01-godkendelse-af-dagsorden.md', '02-oekonomi-aaret-der-gik.md', '98-naeste-moede.md', '99-eventuelt.md'],
      nextNumber: '03',
    });
    const dir = 'content/styregruppen/2025-03-12';
    expect(read(`${dir}/02-oekonomi-aaret-der-gik.md`)).toBe(
      '---\ntitel: Økonomi – året, der gik\n---\n## Sagsfremstilling\n\nSkriv sagsfremstillingen her.\n\n## Indstilling\n\nSkriv indstillingen her.\n',
    );
    expect(read(`${dir}/98-naeste-moede.md`)).toBe('---\ntitel: Næste møde\n---\nSkriv punktets tekst her.\n');
    expect(read(`${dir}/index.md`)).toBe('---\nmødedato: 2025-03-12\nmødetid: 09:00\nmødested: Regionshuset\ndeltagere: []\nafbud: []\n---\n');
    expect(await check(dir)).toEqual([]);
  });

  it('leaves room for the meeting\'s own items: a new 03 prints between the standing ones', async () => {
    newMeeting({ forum: 'styregruppen', date: '2025-03-12', cwd });
    const dir = path.join(cwd, 'content/styregruppen/2025-03-12');
    writeFileSync(path.join(dir, '03-budget.md'), '---\ntitel: Budget 2026\n---\n');
    const titles = loadMeeting(meetingLocation(dir), cwd).items.map((file) => file.basename);
    expect(titles).toEqual(['01-godkendelse-af-dagsorden.md', '02-oekonomi-aaret-der-gik.md', '03-budget.md', '98-naeste-moede.md', '99-eventuelt.md']);
    expect(await check('content/styregruppen/2025-03-12')).toEqual([]);
  });

  it('marks a field the forum has no default for, and check names it', async () => {
    const result = newMeeting({ forum: 'uden-standarder', date: '2025-03-12', cwd });
    expect(result).toMatchObject({ status: 'created', files: ['index.md', '99-eventuelt.md'], missing: ['mødetid', 'mødested'], nextNumber: '01' });
    const dir = 'content/uden-standarder/2025-03-12';
    expect(read(`${dir}/index.md`)).toBe(
      [
        '---',
        'mødedato: 2025-03-12',
        '# mødetid: (forummet har ingen standard: skriv mødetiden her, fx 13:00-15:00)',
        '# mødested: (forummet har ingen standard: skriv mødestedet her)',
        'deltagere: []',
        'afbud: []',
        '---',
        '',
      ].join('\n'),
    );
    expect(await check(dir)).toEqual([
      `${dir}/index.md:1:1: fejl: Feltet "mødested" mangler, og forummet har ingen standardværdi for det. [mangler-felt]\n  Skriv mødested i index.md, eller angiv en standard i forum.yml.`,
      `${dir}/index.md:1:1: fejl: Feltet "mødetid" mangler, og forummet har ingen standardværdi for det. [mangler-felt]\n  Skriv mødetid i index.md, eller angiv en standard i forum.yml.`,
    ]);
  });

  it('makes a second meeting on the same day as ÅÅÅÅ-MM-DD-2, dated that day', async () => {
    expect(newMeeting({ forum: 'sundhedsudvalget', date: '2025-01-15-2', cwd })).toMatchObject({ status: 'created' });
    expect(read('content/sundhedsudvalget/2025-01-15-2/index.md')).toContain('mødedato: 2025-01-15\n');
    expect(await check('content/sundhedsudvalget/2025-01-15-2')).toEqual([]);
  });

  it('never touches a meeting folder that exists, and names the next free one', () => {
    const before = listing('content/sundhedsudvalget/2025-01-15').map((name) => read(`content/sundhedsudvalget/2025-01-15/${name}`));
    const result = newMeeting({ forum: 'sundhedsudvalget', date: '2025-01-15', cwd });
    expect(result).toEqual({ status: 'exists', dir: path.join(cwd, 'content/sundhedsudvalget/2025-01-15'), free: '2025-01-15-2' });
    const after = listing('content/sundhedsudvalget/2025-01-15').map((name) => read(`content/sundhedsudvalget/2025-01-15/${name}`));
    expect(after).toEqual(before);
  });

  it('writes nothing for a forum whose forum.yml has errors', () => {
    const result = newMeeting({ forum: 'forkert', date: '2025-03-12', cwd });
    expect(result.status).toBe('invalid-forum');
    if (result.status !== 'invalid-forum') return;
    expect(formatDiagnostics(result.files)).toEqual([
      `content/forkert/forum.yml:3:9: fejl: Feltet "layout" skal være "kommune" eller "region", men der står "kommun". Mente du "kommune"? [ugyldig-vaerdi]`,
    ]);
    expect(existsSync(path.join(cwd, 'content/forkert/2025-03-12'))).toBe(false);
  });

  it('refuses an unknown forum, listing the known ones', () => {
    expect(() => newMeeting({ forum: 'sundhed', date: '2025-03-12', cwd })).toThrow(
      'Forummet "sundhed" findes ikke i "content". Skriv navnet på en forummappe: forkert, styregruppen, sundhedsudvalget, uden-standarder.',
    );
    // A path is not a forum name: nothing outside the content root is reached.
    expect(() => newMeeting({ forum: '../content/sundhedsudvalget', date: '2025-03-12', cwd })).toThrow('Forummet "../content/sundhedsudvalget" findes ikke');
    expect(() => newMeeting({ forum: 'sundhedsudvalget', date: '2025-03-12', cwd, contentDir: 'tom' })).toThrow(
      'Forummet "sundhedsudvalget" findes ikke: der er ingen fora i "tom" (mapper med forum.yml).',
    );
  });

  it.each(['2025-02-30', '12-03-2025', '2025-3-12', '2025-03-12-x', 'i morgen'])('refuses the date "%s"', (date) => {
    expect(() => newMeeting({ forum: 'sundhedsudvalget', date, cwd })).toThrow(
      `"${date}" er ikke en gyldig dato. Skriv mødets dato som ÅÅÅÅ-MM-DD, fx 2025-03-12 (eller 2025-03-12-2 for et møde mere samme dag).`,
    );
    expect(listing('content/sundhedsudvalget')).toEqual(['2025-01-15', 'forum.yml']);
  });
});

describe('slug', () => {
  it.each([
    ['Godkendelse af dagsorden', 'godkendelse-af-dagsorden'],
    ['Økonomi – året, der gik', 'oekonomi-aaret-der-gik'],
    ['ÆLDRERÅDETS HØRINGSSVAR', 'aeldreraadets-hoeringssvar'],
    ['Café-møde på Brønshøj Bibliotek', 'cafe-moede-paa-broenshoej-bibliotek'],
    ['§ 17, stk. 4', '17-stk-4'],
    ['§§', 'punkt'],
    ['Drøftelse af de lettilgængelige tilbud for børn og unge i psykisk mistrivsel', 'droeftelse-af-de-lettilgaengelige-tilbud-for-boern-og-unge-i'],
  ])('%s → %s', (title, expected) => {
    expect(slug(title)).toBe(expected);
  });
});

describe('standingItemNumbers', () => {
  it('numbers the first items from 01 and ends the last ones at 99', () => {
    expect(standingItemNumbers(1, 1)).toEqual(['01', '99']);
    expect(standingItemNumbers(2, 2)).toEqual(['01', '02', '98', '99']);
    expect(standingItemNumbers(0, 0)).toEqual([]);
  });

  it('widens the numbers when the standing items would not fit below 100', () => {
    const numbers = standingItemNumbers(60, 50);
    expect(numbers.slice(58, 62)).toEqual(['059', '060', '950', '951']);
    expect(numbers.at(-1)).toBe('999');
  });
});
