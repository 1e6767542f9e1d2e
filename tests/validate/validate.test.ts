/**
 * Stage 2 on in-memory sources: the forum's schema and defaults, the meeting's
 * defaults from its forum, attachment numbering and references to files.
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { ForumSource, MeetingSource } from '../../src/load/load.js';
import type { Forum } from '../../src/content/schema.js';
import { validateForum, validateMeeting } from '../../src/validate/validate.js';

const CWD = '/virtual/referat';

function forumSource(yaml: string | undefined, id = 'udvalget'): ForumSource {
  return {
    id,
    dir: `${CWD}/content/${id}`,
    file: new VFile({ path: `content/${id}/forum.yml`, cwd: CWD, value: yaml }),
  };
}

interface MeetingInput {
  id?: string;
  index: string;
  items?: string[];
  files?: [relative: string, inside: boolean][];
}

function meetingSource({ id = '2024-02-07', index, items = [], files = [] }: MeetingInput, forumId = 'udvalget'): MeetingSource {
  const relativeDir = `content/${forumId}/${id}`;
  return {
    id,
    forumId,
    forumDir: `${CWD}/content/${forumId}`,
    dir: `${CWD}/${relativeDir}`,
    index: new VFile({ path: `${relativeDir}/index.md`, cwd: CWD, value: index }),
    items: items.map((value, position) => new VFile({ path: `${relativeDir}/0${position + 1}-punkt.md`, cwd: CWD, value })),
    // A bilag PDF is checked to begin like one.
    files: new Map(files.map(([relative, inside]) => [relative, { relative, inside, ...(inside ? { bytes: Buffer.from('%PDF-1.7\n') } : {}) }])),
    folder: new VFile({ path: relativeDir, cwd: CWD }),
    misnamed: [],
  };
}

function messages(file: VFile) {
  return file.messages.map((message) => ({
    rule: message.ruleId,
    reason: message.reason,
    line: message.line,
    column: message.column,
    field: message.field,
    fatal: message.fatal,
  }));
}

const KOMMUNE = 'navn: Testudvalget\norganisation: Testrup Kommune\nlayout: kommune\nmødested: Rådhuset, mødelokale 1\nmødetid: "13:00-15:00"\n';

function forum(yaml: string): Forum {
  const source = forumSource(yaml);
  const result = validateForum(source);
  expect(messages(source.file)).toEqual([]);
  expect(result).toBeDefined();
  return result!;
}

const ITEM = '---\ntitel: Godkendelse af dagsorden\n---\n## Beslutning\n\nGodkendt.\n';

describe('validateForum', () => {
  it('applies the kommune defaults: same page, run-in sections in kommune order', () => {
    const result = forum('navn: Testudvalget\norganisation: Testrup Kommune\nlayout: kommune\n');
    expect(result.ny_side_per_punkt).toBe(false);
    expect(result.vis_tidsrum).toBe(true);
    expect(result.afsnit).toEqual([
      { afsnit: 'resume', overskrift: 'Resumé', indlejret: true },
      { afsnit: 'indstilling', overskrift: 'Indstilling', indlejret: true },
      { afsnit: 'sagsfremstilling', overskrift: 'Sagsfremstilling', indlejret: true },
      { afsnit: 'referat', overskrift: 'Referat', indlejret: false },
      { afsnit: 'beslutning', overskrift: 'Beslutning', indlejret: false },
      { afsnit: 'bilag', overskrift: 'Bilag', indlejret: false },
      { afsnit: 'bilagsliste', overskrift: 'Bilag', indlejret: false },
    ]);
  });

  it('applies the region defaults: new page per item, upper-case headings in region order', () => {
    const result = forum('navn: Direktørkredsen\norganisation: Region Testland\nlayout: region\n');
    expect(result.ny_side_per_punkt).toBe(true);
    expect(result.afsnit).toEqual([
      { afsnit: 'resume', overskrift: 'RESUMÉ', indlejret: false },
      { afsnit: 'indstilling', overskrift: 'INDSTILLING', indlejret: false },
      { afsnit: 'sagsfremstilling', overskrift: 'SAGSFREMSTILLING', indlejret: false },
      { afsnit: 'beslutning', overskrift: 'BESLUTNING', indlejret: false },
      { afsnit: 'referat', overskrift: 'REFERAT', indlejret: false },
      { afsnit: 'bilag', overskrift: 'BILAG', indlejret: false },
      { afsnit: 'bilagsliste', overskrift: 'Bilag', indlejret: false },
    ]);
  });

  it('lets the forum override ny_side_per_punkt and vis_tidsrum', () => {
    const region = forum('navn: D\norganisation: Region T\nlayout: region\nny_side_per_punkt: false\nvis_tidsrum: false\n');
    expect(region.ny_side_per_punkt).toBe(false);
    expect(region.vis_tidsrum).toBe(false);
    const kommune = forum('navn: U\norganisation: T Kommune\nlayout: kommune\nny_side_per_punkt: true\n');
    expect(kommune.ny_side_per_punkt).toBe(true);
  });

  it('gives custom afsnit without overskrift the standard Danish name', () => {
    const result = forum(
      'navn: U\norganisation: T Kommune\nlayout: region\nafsnit:\n' +
        '  - afsnit: titel\n  - afsnit: sagsfremstilling\n  - afsnit: indstilling\n    indlejret: true\n' +
        '  - afsnit: beslutning\n    overskrift: Afgørelse\n  - afsnit: bilagsliste\n',
    );
    expect(result.afsnit).toEqual([
      { afsnit: 'titel', overskrift: '', indlejret: false },
      { afsnit: 'sagsfremstilling', overskrift: 'Sagsfremstilling', indlejret: false },
      { afsnit: 'indstilling', overskrift: 'Indstilling', indlejret: true },
      { afsnit: 'beslutning', overskrift: 'Afgørelse', indlejret: false },
      { afsnit: 'bilagsliste', overskrift: 'Bilag', indlejret: false },
    ]);
  });

  it('refuses an afsnit listed twice, at the second occurrence', () => {
    const source = forumSource(
      'navn: U\norganisation: T Kommune\nlayout: kommune\nafsnit:\n  - afsnit: beslutning\n  - afsnit: referat\n  - afsnit: beslutning\n',
    );
    expect(validateForum(source)).toBeUndefined();
    expect(messages(source.file)).toEqual([
      {
        rule: 'afsnit-dobbelt',
        reason: 'Afsnittet "beslutning" står mere end én gang under "afsnit".',
        line: 7,
        column: 13,
        field: 'afsnit[3].afsnit',
        fatal: true,
      },
    ]);
  });

  it('reports a forum without forum.yml', () => {
    const source = forumSource(undefined, 'nyt-udvalg');
    expect(validateForum(source)).toBeUndefined();
    expect(messages(source.file)).toEqual([
      { rule: 'forum-mangler', reason: 'Forummet "nyt-udvalg" har ingen forum.yml.', line: undefined, column: undefined, field: undefined, fatal: true },
    ]);
  });

  it('reports a misspelled field with a suggestion', () => {
    const source = forumSource('navn: U\norganisation: T Kommune\nlayout: kommune\nmødestd: Rådhuset\n');
    expect(validateForum(source)).toBeUndefined();
    expect(messages(source.file)).toEqual([
      { rule: 'ukendt-felt', reason: 'Ukendt felt "mødestd". Mente du "mødested"?', line: 4, column: 1, field: 'mødestd', fatal: true },
    ]);
    expect(source.file.messages[0]?.note).toBe(
      'Tilladte felter her: navn, organisation, layout, ny_side_per_punkt, vis_tidsrum, mødested, mødetid, medlemmer, sagsbehandler, faste_punkter, afsnit, underskriftsark.',
    );
  });
});

describe('validateMeeting', () => {
  it('takes mødested, mødetid, deltagere and sagsbehandler from the forum', () => {
    const withDefaults = forum(
      `${KOMMUNE}medlemmer:\n  - Anne Andersen\n  - Bo Berg\nsagsbehandler:\n  navn: Carl Carlsen\n  telefon: 0045 1234\n`,
    );
    const source = meetingSource({ index: '---\nmødedato: 2024-02-07\n---\n', items: [ITEM] });
    const meeting = validateMeeting(source, withDefaults);
    expect([source.index, source.folder, ...source.items].flatMap(messages)).toEqual([]);
    expect(meeting?.frontmatter).toEqual({
      mødedato: { year: 2024, month: 2, day: 7 },
      mødested: 'Rådhuset, mødelokale 1',
      mødetid: '13:00-15:00',
      deltagere: ['Anne Andersen', 'Bo Berg'],
      afbud: [],
      sagsbehandler: { navn: 'Carl Carlsen', telefon: '0045 1234' },
    });
    expect(meeting?.id).toBe('2024-02-07');
    expect(meeting?.forumId).toBe('udvalget');
    expect(meeting?.forum).toBe(withDefaults);
  });

  it("prefers the meeting's own values to the forum's", () => {
    const withDefaults = forum(`${KOMMUNE}medlemmer:\n  - Anne Andersen\nsagsbehandler:\n  navn: Carl Carlsen\n`);
    const source = meetingSource({
      index:
        '---\nmødedato: 2024-02-07\nmødested: Byrådssalen\nmødetid: "9-11"\ndeltagere:\n  - Dorte Dam\nsagsbehandler:\n  navn: Eva Eriksen\n---\n',
      items: [ITEM],
    });
    const meeting = validateMeeting(source, withDefaults);
    expect(meeting?.frontmatter).toMatchObject({
      mødested: 'Byrådssalen',
      mødetid: '9-11',
      deltagere: ['Dorte Dam'],
      sagsbehandler: { navn: 'Eva Eriksen' },
    });
  });

  it('reports mødested and mødetid missing when neither meeting nor forum has them', () => {
    const bare = forum('navn: U\norganisation: T Kommune\nlayout: kommune\n');
    const source = meetingSource({ index: '---\nmødedato: 2024-02-07\n---\n', items: [ITEM] });
    expect(validateMeeting(source, bare)).toBeUndefined();
    expect(messages(source.index)).toEqual([
      { rule: 'mangler-felt', reason: 'Feltet "mødested" mangler, og forummet har ingen standardværdi for det.', line: 1, column: 1, field: 'mødested', fatal: true },
      { rule: 'mangler-felt', reason: 'Feltet "mødetid" mangler, og forummet har ingen standardværdi for det.', line: 1, column: 1, field: 'mødetid', fatal: true },
    ]);
  });

  it('defaults deltagere to an empty list when the forum has no medlemmer', () => {
    const source = meetingSource({ index: '---\nmødedato: 2024-02-07\n---\n', items: [ITEM] });
    expect(validateMeeting(source, forum(KOMMUNE))?.frontmatter.deltagere).toEqual([]);
  });

  it('reports a mødedato that does not match the folder name', () => {
    const source = meetingSource({ index: '---\nmødedato: 2024-02-08\n---\n', items: [ITEM] });
    expect(validateMeeting(source, forum(KOMMUNE))).toBeUndefined();
    expect(messages(source.index)).toEqual([
      {
        rule: 'moededato-mappe',
        reason: 'Feltet "mødedato" er 2024-02-08, men mødemappen hedder "2024-02-07".',
        line: 2,
        column: 11,
        field: 'mødedato',
        fatal: true,
      },
    ]);
  });

  it('accepts a numbered second meeting folder on the same day', () => {
    const source = meetingSource({ id: '2024-02-07-2', index: '---\nmødedato: 2024-02-07\n---\n', items: [ITEM] });
    expect(validateMeeting(source, forum(KOMMUNE))?.id).toBe('2024-02-07-2');
    expect(messages(source.index)).toEqual([]);
  });

  it('warns, but still validates, when the referat is dated before the meeting', () => {
    const source = meetingSource({ index: '---\nmødedato: 2024-02-07\ndato: 2024-02-06\n---\n', items: [ITEM] });
    const meeting = validateMeeting(source, forum(KOMMUNE));
    expect(meeting?.frontmatter.dato).toEqual({ year: 2024, month: 2, day: 6 });
    expect(messages(source.index)).toEqual([
      { rule: 'dato-foer-moede', reason: 'Referatets dato ("dato") ligger før mødedatoen.', line: 3, column: 7, field: 'dato', fatal: false },
    ]);
  });

  it('numbers attachments across the meeting in item order', () => {
    const source = meetingSource({
      index: '---\nmødedato: 2024-02-07\n---\nVelkommen.\n',
      items: [
        '---\ntitel: Første\nbilag:\n  - titel: Oplæg\n    fil: bilag/oplaeg.pdf\n  - titel: Hjemmeside\n    url: https://example.dk/a\n---\n',
        '---\ntitel: Uden bilag\n---\n',
        '---\ntitel: Tredje\nbilag:\n  - titel: Budget\n    fil: bilag/budget.pdf\n---\n',
      ],
      files: [
        ['bilag/oplaeg.pdf', true],
        ['bilag/budget.pdf', true],
      ],
    });
    const meeting = validateMeeting(source, forum(KOMMUNE));
    expect(source.items.flatMap(messages)).toEqual([]);
    expect(meeting?.items.map((item) => item.nummer)).toEqual([1, 2, 3]);
    expect(meeting?.items.map((item) => item.attachments.map(({ titel, fil, url, nummer }) => ({ titel, fil, url, nummer })))).toEqual([
      [
        { titel: 'Oplæg', fil: 'bilag/oplaeg.pdf', url: undefined, nummer: 1 },
        { titel: 'Hjemmeside', fil: undefined, url: 'https://example.dk/a', nummer: 2 },
      ],
      [],
      [{ titel: 'Budget', fil: 'bilag/budget.pdf', url: undefined, nummer: 3 }],
    ]);
  });

  it('keeps the intro and item bodies with the line they start on', () => {
    const source = meetingSource({
      index: '---\nmødedato: 2024-02-07\n---\nVelkommen.\n',
      items: ['---\ntitel: Første\ntidsrum: "13-14"\n---\n\n## Beslutning\n\nGodkendt.\n'],
    });
    const meeting = validateMeeting(source, forum(KOMMUNE));
    expect(meeting?.intro).toEqual({ file: source.index, markdown: 'Velkommen.\n', line: 4 });
    expect(meeting?.items[0]?.body).toEqual({ file: source.items[0], markdown: '\n## Beslutning\n\nGodkendt.\n', line: 5 });
    expect(meeting?.items[0]?.frontmatter).toEqual({ titel: 'Første', tidsrum: '13-14', deltog: [], fraværende: [], inhabil: [], protokoltilførsel: [], rettelser: [], bilag: [] });
  });

  it('refuses an attachment with both fil and url', () => {
    const source = meetingSource({
      index: '---\nmødedato: 2024-02-07\n---\n',
      items: ['---\ntitel: Punkt\nbilag:\n  - titel: Oplæg\n    fil: bilag/oplaeg.pdf\n    url: https://example.dk/oplaeg.pdf\n---\n'],
      files: [['bilag/oplaeg.pdf', true]],
    });
    expect(validateMeeting(source, forum(KOMMUNE))).toBeUndefined();
    expect(messages(source.items[0]!)).toEqual([
      {
        rule: 'bilag-fil-og-url',
        reason: 'Bilaget "Oplæg" har både "fil" og "url". Angiv kun én af dem.',
        line: 5,
        column: 10,
        field: 'bilag[1].fil',
        fatal: true,
      },
    ]);
  });

  it('refuses a fil that leads outside the meeting folder (e.g. a symlink)', () => {
    const source = meetingSource({
      index: '---\nmødedato: 2024-02-07\n---\n',
      items: ['---\ntitel: Punkt\nbilag:\n  - titel: Værtsnavn\n    fil: bilag/host\n---\n'],
      files: [['bilag/host', false]],
    });
    expect(validateMeeting(source, forum(KOMMUNE))).toBeUndefined();
    expect(messages(source.items[0]!)).toEqual([
      {
        rule: 'sti-uden-for-moedet',
        reason: 'Stien "bilag/host" til bilag nr. 1 peger uden for mødets mappe.',
        line: 5,
        column: 10,
        field: 'bilag[1].fil',
        fatal: true,
      },
    ]);
  });

  it.each(['../../forum.yml', '/etc/passwd', 'bilag/../../x.pdf', 'file:///etc/passwd'])('refuses the escaping path %s', (written) => {
    const source = meetingSource({
      index: '---\nmødedato: 2024-02-07\n---\n',
      items: [`---\ntitel: Punkt\nbilag:\n  - titel: X\n    fil: "${written}"\n---\n`],
    });
    expect(validateMeeting(source, forum(KOMMUNE))).toBeUndefined();
    expect(messages(source.items[0]!).map((message) => [message.rule, message.reason])).toEqual([
      ['sti-uden-for-moedet', `Stien "${written}" til bilag nr. 1 peger uden for mødets mappe.`],
    ]);
  });

  it('reports a fil that is not in the meeting folder', () => {
    const source = meetingSource({
      index: '---\nmødedato: 2024-02-07\n---\n',
      items: ['---\ntitel: Punkt\nbilag:\n  - titel: X\n    fil: bilag/mangler.pdf\n---\n'],
      files: [['bilag/andet.pdf', true]],
    });
    expect(validateMeeting(source, forum(KOMMUNE))).toBeUndefined();
    expect(messages(source.items[0]!)).toEqual([
      {
        rule: 'fil-findes-ikke',
        reason: 'Filen "bilag/mangler.pdf" til bilag nr. 1 findes ikke i mødets mappe.',
        line: 5,
        column: 10,
        field: 'bilag[1].fil',
        fatal: true,
      },
    ]);
  });

  it('accepts a fil written with "./" in front', () => {
    const source = meetingSource({
      index: '---\nmødedato: 2024-02-07\n---\n',
      items: ['---\ntitel: Punkt\nbilag:\n  - titel: X\n    fil: ./bilag/a.pdf\n---\n'],
      files: [['bilag/a.pdf', true]],
    });
    expect(validateMeeting(source, forum(KOMMUNE))?.items[0]?.attachments).toMatchObject([
      { titel: 'X', fil: './bilag/a.pdf', nummer: 1, field: 'bilag[1].fil', source: { relative: 'bilag/a.pdf' } },
    ]);
    expect(messages(source.items[0]!)).toEqual([]);
  });

  it('reports an item without frontmatter and a meeting without index.md', () => {
    const noFrontmatter = meetingSource({ index: '---\nmødedato: 2024-02-07\n---\n', items: ['## Beslutning\n\nGodkendt.\n'] });
    expect(validateMeeting(noFrontmatter, forum(KOMMUNE))).toBeUndefined();
    expect(messages(noFrontmatter.items[0]!).map((message) => [message.rule, message.reason, message.line])).toEqual([
      [
        'frontmatter-mangler',
        'Filen begynder ikke med felterne (mindst titel).',
        1,
      ],
    ]);

    const noIndex = meetingSource({ index: '', items: [ITEM] });
    noIndex.index = new VFile({ path: 'content/udvalget/2024-02-07/index.md', cwd: CWD });
    expect(validateMeeting(noIndex, forum(KOMMUNE))).toBeUndefined();
    expect(messages(noIndex.folder).map((message) => [message.rule, message.reason])).toEqual([
      ['moede-mangler-index', 'Mødemappen har ingen index.md.'],
    ]);
  });

  it('warns about a meeting without items', () => {
    const source = meetingSource({ index: '---\nmødedato: 2024-02-07\n---\n' });
    const meeting = validateMeeting(source, forum(KOMMUNE));
    expect(meeting?.items).toEqual([]);
    expect(messages(source.folder).map((message) => [message.rule, message.reason, message.fatal])).toEqual([
      ['ingen-punkter', 'Mødet har ingen punkter (filer som 01-godkendelse.md).', false],
    ]);
  });
});
