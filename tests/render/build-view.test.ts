/**
 * Stage 4: the view a layout template receives — sections in the forum's
 * order, formatted dates and times, and the running head as a CSS string.
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { BodySectionKey, ClosedReason, Forum, PlainDate } from '../../src/content/schema.js';
import { validateForum, type Item, type Meeting, type NumberedAttachment } from '../../src/validate/validate.js';
import type { RenderedItem, RenderedMeeting } from '../../src/render/markdown.js';
import { buildAttachmentsView, buildView, cssString } from '../../src/render/build-view.js';

function forum(yaml: string): Forum {
  const file = new VFile({ path: 'content/udvalget/forum.yml', value: yaml });
  const result = validateForum({ id: 'udvalget', dir: '/virtual/content/udvalget', file });
  expect(file.messages).toEqual([]);
  return result!;
}

const KOMMUNE = forum('navn: Testudvalget\norganisation: Testrup Kommune\nlayout: kommune\n');
const REGION = forum(
  'navn: Direktørkredsen\norganisation: Region Testland\nlayout: region\nvis_tidsrum: false\nafsnit:\n' +
    '  - afsnit: titel\n  - afsnit: beslutning\n  - afsnit: bilagsliste\n    overskrift: Bilagsoversigt\n  - afsnit: indstilling\n',
);

interface ItemInput {
  titel: string;
  tidsrum?: string;
  sagsnummer?: string;
  lukket?: ClosedReason;
  offentlig_titel?: string;
  offentlig_beskrivelse?: string;
  offentlig_beslutning?: string;
  deltog?: string[];
  fraværende?: string[];
  inhabil?: string[];
  protokoltilførsel?: { navn: string; tekst: string }[];
  rettelser?: { dato: PlainDate; tekst: string }[];
  bilag?: NumberedAttachment[];
  sections?: [BodySectionKey, string, boolean?][];
  introHtml?: string;
  footnotesHtml?: string;
}

function rendered(
  forumData: Forum,
  items: ItemInput[],
  extra: Partial<Meeting['frontmatter']> = {},
  attachmentTexts: [number, string][] = [],
): RenderedMeeting {
  const file = new VFile({ path: 'x.md' });
  const meeting: Meeting = {
    id: '2024-02-07',
    forumId: 'udvalget',
    dir: '/virtual/content/udvalget/2024-02-07',
    forum: forumData,
    frontmatter: {
      mødedato: { year: 2024, month: 2, day: 7 },
      mødetid: '13:00-15:00',
      mødested: 'Rådhuset',
      deltagere: ['Anne Andersen', 'Bo Berg'],
      afbud: ['Carl Carlsen'],
      ...extra,
    },
    intro: { file, markdown: '', line: 1 },
    items: items.map(
      (input, index): Item => ({
        nummer: index + 1,
        file,
        frontmatter: {
          titel: input.titel,
          tidsrum: input.tidsrum,
          sagsnummer: input.sagsnummer,
          lukket: input.lukket,
          offentlig_titel: input.offentlig_titel,
          offentlig_beskrivelse: input.offentlig_beskrivelse,
          offentlig_beslutning: input.offentlig_beslutning,
          deltog: input.deltog ?? [],
          fraværende: input.fraværende ?? [],
          inhabil: input.inhabil ?? [],
          protokoltilførsel: input.protokoltilførsel ?? [],
          rettelser: input.rettelser ?? [],
          bilag: input.bilag ?? [],
        },
        attachments: input.bilag ?? [],
        body: { file, markdown: '', line: 1 },
      }),
    ),
    files: new Map(),
  };
  return {
    meeting,
    attachments: new Map(attachmentTexts),
    attachmentFiles: [],
    introHtml: '<p>Velkommen.</p>',
    items: items.map(
      (input): RenderedItem => ({
        introHtml: input.introHtml,
        footnotesHtml: input.footnotesHtml,
        sections: new Map((input.sections ?? []).map(([key, html, runIn = false]) => [key, { html, runIn }])),
      }),
    ),
  };
}


describe('buildView', () => {
  it("orders sections by the forum's afsnit, not by the body, and skips empty ones", () => {
    const view = buildView(
      rendered(KOMMUNE, [
        {
          titel: 'Budget',
          sections: [
            ['beslutning', '<p>Godkendt.</p>'],
            ['indstilling', '<p><strong class="run-in">Indstilling:</strong> At godkende.</p>', true],
            ['resume', '<p>Kort.</p>', true],
          ],
        },
      ]),
    );
    expect(view.items[0]!.sections).toEqual([
      { kind: 'text', key: 'resume', heading: 'Resumé', runIn: true, html: '<p>Kort.</p>' },
      { kind: 'text', key: 'indstilling', heading: 'Indstilling', runIn: true, html: '<p><strong class="run-in">Indstilling:</strong> At godkende.</p>' },
      { kind: 'text', key: 'beslutning', heading: 'Beslutning', runIn: false, html: '<p>Godkendt.</p>' },
    ]);
  });

  it("places the title and the attachment list where the forum says, with the forum's headings", () => {
    const bilag: NumberedAttachment[] = [
      { titel: 'Oplæg', fil: 'bilag/oplaeg.pdf', nummer: 3, field: 'bilag[1].fil', label: 'bilag nr. 1', offentlig: true },
      { titel: 'Hjemmeside', url: 'https://example.dk', nummer: 4, field: 'bilag[2].fil', label: 'bilag nr. 2', offentlig: true },
    ];
    const view = buildView(
      rendered(REGION, [
        { titel: 'Uden bilag', sections: [['indstilling', '<p>A.</p>'], ['beslutning', '<p>B.</p>']] },
        { titel: 'Med bilag', bilag, sections: [['beslutning', '<p>C.</p>']] },
      ]),
    );
    expect(view.items[0]!.sections).toEqual([
      { kind: 'title', isTitle: true },
      { kind: 'text', key: 'beslutning', heading: 'Beslutning', runIn: false, html: '<p>B.</p>' },
      { kind: 'text', key: 'indstilling', heading: 'Indstilling', runIn: false, html: '<p>A.</p>' },
    ]);
    expect(view.items[1]!.sections).toEqual([
      { kind: 'title', isTitle: true },
      { kind: 'text', key: 'beslutning', heading: 'Beslutning', runIn: false, html: '<p>C.</p>' },
      {
        kind: 'attachments',
        heading: 'Bilagsoversigt',
        attachments: [
          { nummer: 3, titel: 'Oplæg', fil: 'bilag/oplaeg.pdf', url: undefined },
          { nummer: 4, titel: 'Hjemmeside', fil: undefined, url: 'https://example.dk' },
        ],
      },
    ]);
  });

  it('shows tidsrum only when the forum has vis_tidsrum', () => {
    const shown = buildView(rendered(KOMMUNE, [{ titel: 'A', tidsrum: '13-14', sagsnummer: '00.01-A00-1-24' }]));
    expect(shown.items[0]).toMatchObject({ tidsrum: '13-14', sagsnummer: '00.01-A00-1-24' });
    const hidden = buildView(rendered(REGION, [{ titel: 'A', tidsrum: '13-14' }]));
    expect(hidden.items[0]!.tidsrum).toBeUndefined();
  });

  it("numbers items, gives them anchor ids and the forum's page-break setting", () => {
    const items = [{ titel: 'Første', introHtml: '<p>Før.</p>', footnotesHtml: '<section>noter</section>' }, { titel: 'Anden' }];
    const kommune = buildView(rendered(KOMMUNE, items));
    expect(kommune.items.map(({ nummer, id, titel, newPage }) => ({ nummer, id, titel, newPage }))).toEqual([
      { nummer: 1, id: 'punkt-1', titel: 'Første', newPage: false },
      { nummer: 2, id: 'punkt-2', titel: 'Anden', newPage: false },
    ]);
    expect(kommune.items[0]).toMatchObject({ introHtml: '<p>Før.</p>', footnotesHtml: '<section>noter</section>' });
    expect(kommune.toc).toEqual([
      { nummer: 1, id: 'punkt-1', titel: 'Første', page: 0 },
      { nummer: 2, id: 'punkt-2', titel: 'Anden', page: 0 },
    ]);
    expect(buildView(rendered(REGION, items)).items.every((item) => item.newPage)).toBe(true);
  });

  it('formats the title, the dates, the meeting time and the running head', () => {
    const view = buildView(
      rendered(KOMMUNE, [{ titel: 'A' }], { dato: { year: 2024, month: 2, day: 29 }, sagsnummer: '16-031970', sagsbehandler: { navn: 'Eva' } }),
    );
    expect(view.title).toBe('Referat (UDKAST) – Testudvalget – 7. februar 2024');
    expect(view.documentLabel).toBe('REFERAT');
    expect(view.forum).toEqual({ navn: 'Testudvalget', organisation: 'Testrup Kommune' });
    expect(view.meeting).toEqual({
      mødedato: { iso: '2024-02-07', long: '7. februar 2024', numeric: '07-02-2024', withWeekday: 'Onsdag d. 07. februar 2024' },
      mødetid: { text: '13:00-15:00', start: '13:00' },
      mødested: 'Rådhuset',
      sagsnummer: '16-031970',
      sagsbehandler: { navn: 'Eva' },
      dato: { iso: '2024-02-29', long: '29. februar 2024', numeric: '29-02-2024', withWeekday: 'Torsdag d. 29. februar 2024' },
      introHtml: '<p>Velkommen.</p>',
    });
    expect(view.attendance).toEqual({ deltagere: ['Anne Andersen', 'Bo Berg'], afbud: ['Carl Carlsen'] });
    expect(view.meetingOf).toBe('Referat fra møde');
    expect(view.runningHead).toBe('Testudvalget · 7. februar 2024');
    expect(view.runningHeadCss).toBe('"Testudvalget · 7. februar 2024"');
  });

  it('takes the start of a meeting time written as "9-11" or "9.00"', () => {
    expect(buildView(rendered(KOMMUNE, [], { mødetid: '9-11' })).meeting.mødetid).toEqual({ text: '9-11', start: '9' });
    expect(buildView(rendered(KOMMUNE, [], { mødetid: '9.00' })).meeting.mødetid).toEqual({ text: '9.00', start: '9.00' });
  });

  it('escapes the forum name in the running head CSS', () => {
    const odd = forum('navn: \'Udvalg "A" </style>\'\norganisation: T Kommune\nlayout: kommune\n');
    const view = buildView(rendered(odd, []));
    expect(view.runningHeadCss).toBe('"Udvalg \\"A\\" \\3C /style> · 7. februar 2024"');
  });
});

describe('editions', () => {
  const items: ItemInput[] = [
    { titel: 'Budget', deltog: ['Eva Ek'], sections: [['indstilling', '<p>At godkende.</p>'], ['beslutning', '<p>Godkendt.</p>'], ['referat', '<p>Drøftet.</p>']] },
    {
      titel: 'Fortrolig personalesag',
      lukket: 'tavshedspligt',
      offentlig_beskrivelse: 'Hemmelig beskrivelse',
      tidsrum: '14-15',
      sagsnummer: '81.00-P00-1-24',
      deltog: ['Gæst Hemmelig'],
      introHtml: '<p>Hemmelig intro.</p>',
      footnotesHtml: '<section>hemmelig note</section>',
      bilag: [{ titel: 'Hemmeligt bilag', fil: 'bilag/hemmelig.pdf', nummer: 1, field: 'bilag[1].fil', label: 'bilag nr. 1', offentlig: true }],
      sections: [['indstilling', '<p>Hemmelig indstilling.</p>']],
    },
    {
      titel: 'Køb af grund',
      lukket: 'ejendomshandel',
      offentlig_titel: 'Ejendomshandel',
      offentlig_beskrivelse: 'Køb af en grund & et hus.',
      offentlig_beslutning: 'Forvaltningen byder.',
      inhabil: ['Hemmelig Inhabil'],
      sections: [['beslutning', '<p>Hemmelig pris.</p>']],
    },
  ];

  it('a dagsorden has no decision sections, no attendance and no guests', () => {
    const view = buildView(rendered(KOMMUNE, items), { kind: 'dagsorden', public: false });
    expect(view.title).toBe('Dagsorden – Testudvalget – 7. februar 2024');
    expect(view.documentLabel).toBe('DAGSORDEN');
    expect(view.meetingOf).toBe('Dagsorden til møde');
    expect(view.attendance).toBeUndefined();
    expect(buildView(rendered(KOMMUNE, items, { dato: { year: 2024, month: 2, day: 9 } }), { kind: 'dagsorden', public: false }).meeting.dato).toBeUndefined();
    expect(view.items[0]!.sections.map((section) => (section.kind === 'text' ? section.key : section.kind))).toEqual(['indstilling']);
    expect(view.items.map((item) => item.guests)).toEqual([[], [], []]);
  });

  it('the internal referat has everything, closed items marked with their reason', () => {
    const view = buildView(rendered(KOMMUNE, items));
    expect(view.items.map((item) => [item.titel, item.closed, item.guests])).toEqual([
      ['Budget', undefined, ['Eva Ek']],
      ['Fortrolig personalesag', { reason: 'oplysninger under tavshedspligt, fx personalesager og sager om enkeltpersoners helbred eller økonomi' }, ['Gæst Hemmelig']],
      ['Køb af grund', { reason: 'køb eller salg af fast ejendom' }, []],
    ]);
  });

  it('the public referat shows tavshedspligt by a neutral title only, any other reason with its public texts', () => {
    const view = buildView(rendered(KOMMUNE, items), { kind: 'referat', public: true });
    expect(view.items.slice(1)).toEqual([
      { nummer: 2, id: 'punkt-2', titel: 'Lukket punkt', closed: {}, guests: [], corrections: [], withheld: true, newPage: false, sections: [] },
      {
        nummer: 3,
        id: 'punkt-3',
        titel: 'Ejendomshandel',
        closed: {},
        guests: [],
        corrections: [],
        withheld: true,
        newPage: false,
        sections: [
          { kind: 'text', key: 'resume', heading: 'Resumé', runIn: true, html: '<p class="public-text"><strong class="run-in">Resumé:</strong> Køb af en grund &#x26; et hus.</p>' },
          { kind: 'text', key: 'beslutning', heading: 'Beslutning', runIn: false, html: '<p class="public-text">Forvaltningen byder.</p>' },
        ],
      },
    ]);
    expect(view.toc.map((entry) => entry.titel)).toEqual(['Budget', 'Lukket punkt', 'Ejendomshandel']);
    expect(JSON.stringify(view)).not.toMatch(/Hemmelig|hemmelig|Fortrolig|Køb af grund|81\.00/);
  });

  it('the public dagsorden shows what a closed item concerns, no decision', () => {
    const view = buildView(rendered(KOMMUNE, items), { kind: 'dagsorden', public: true });
    expect(view.items[2]!.sections.map((section) => (section.kind === 'text' ? section.key : section.kind))).toEqual(['resume']);
  });

  it('a closed item in a public edition never starts a page of its own', () => {
    const view = buildView(rendered(REGION, items), { kind: 'referat', public: true });
    expect(view.items.map((item) => item.newPage)).toEqual([true, false, false]);
  });

  it('prints the protocol lines right under the decision, in the referat only', () => {
    const protocol: ItemInput[] = [
      {
        titel: 'Cykelsti',
        fraværende: ['Bo Berg', 'Eva Ek'],
        inhabil: ['Carl Carlsen'],
        protokoltilførsel: [{ navn: 'Anne Andersen', tekst: 'Jeg stemmer imod.' }],
        rettelser: [{ dato: { year: 2024, month: 3, day: 1 }, tekst: 'Beløbet er 2 mio. kr., ikke 3.' }],
        sections: [['indstilling', '<p>At godkende.</p>'], ['beslutning', '<p>Godkendt.</p>'], ['referat', '<p>Drøftet.</p>']],
      },
    ];
    const [item] = buildView(rendered(KOMMUNE, protocol)).items;
    expect(item!.sections.map((section) => (section.kind === 'text' ? section.key : section.kind))).toEqual(['indstilling', 'referat', 'beslutning', 'protocol']);
    expect(item!.sections.at(-1)).toEqual({
      kind: 'protocol',
      protocol: [
        'Fraværende under punktet: Bo Berg, Eva Ek.',
        'Carl Carlsen deltog ikke i behandlingen af punktet på grund af inhabilitet.',
        'Protokoltilførsel fra Anne Andersen: Jeg stemmer imod.',
      ],
    });
    expect(item!.corrections).toEqual([{ dato: '1. marts 2024', tekst: 'Beløbet er 2 mio. kr., ikke 3.' }]);
    const [agenda] = buildView(rendered(KOMMUNE, protocol), { kind: 'dagsorden', public: false }).items;
    expect(agenda!.sections.map((section) => section.kind)).toEqual(['text']);
    expect(agenda!.corrections).toEqual([]);
  });

  it('an item without a decision section still gets its protocol, after its sections', () => {
    const [item] = buildView(rendered(KOMMUNE, [{ titel: 'Orientering', inhabil: ['Bo Berg'], sections: [['indstilling', '<p>Til orientering.</p>']] }])).items;
    expect(item!.sections.map((section) => section.kind)).toEqual(['text', 'protocol']);
  });

  it('a referat is a draft until approved; approval prints when and by whom', () => {
    const draft = buildView(rendered(KOMMUNE, []));
    expect([draft.draft, draft.approval, draft.title]).toEqual([true, undefined, 'Referat (UDKAST) – Testudvalget – 7. februar 2024']);
    const approved = buildView(rendered(KOMMUNE, [], { godkendt: { dato: { year: 2024, month: 3, day: 6 }, af: 'Testudvalget på mødet 6. marts 2024' } }));
    expect([approved.draft, approved.approval, approved.title]).toEqual([
      false,
      'Godkendt den 6. marts 2024 af Testudvalget på mødet 6. marts 2024.',
      'Referat – Testudvalget – 7. februar 2024',
    ]);
    // A dagsorden is never a draft of a referat.
    expect(buildView(rendered(KOMMUNE, []), { kind: 'dagsorden', public: false }).draft).toBe(false);
  });

  it('the underskriftsark lists the members who took part, not those who sent apologies', () => {
    const signing = forum('navn: Testudvalget\norganisation: Testrup Kommune\nlayout: kommune\nunderskriftsark: ja\n');
    expect(buildView(rendered(signing, [], { deltagere: ['Anne Andersen', 'Bo Berg', 'Carl Carlsen'] })).signatures).toEqual(['Anne Andersen', 'Bo Berg']);
    expect(buildView(rendered(signing, []), { kind: 'dagsorden', public: false }).signatures).toBeUndefined();
    expect(buildView(rendered(KOMMUNE, [])).signatures).toBeUndefined();
  });

  it('a bilag not for publication is listed by number only in a public edition and left out of its samlet', () => {
    const withBilag: ItemInput[] = [
      {
        titel: 'Cykelsti',
        sections: [['beslutning', '<p>Godkendt.</p>']],
        bilag: [
          { titel: 'Projekt', fil: 'bilag/projekt.pdf', nummer: 1, field: 'bilag[1].fil', label: 'bilag nr. 1', offentlig: true },
          { titel: 'Brev fra Hemmelig', fil: 'bilag/brev.pdf', nummer: 2, field: 'bilag[2].fil', label: 'bilag nr. 2', offentlig: false },
        ],
      },
    ];
    const source = rendered(KOMMUNE, withBilag);
    const listed = (edition: { kind: 'referat'; public: boolean }) =>
      buildView(source, edition).items[0]!.sections.flatMap((section) => (section.kind === 'attachments' ? section.attachments : []));
    expect(listed({ kind: 'referat', public: true })).toEqual([
      { nummer: 1, titel: 'Projekt', fil: 'bilag/projekt.pdf', url: undefined },
      { nummer: 2, titel: '(ikke offentligt)', withheld: true },
    ]);
    expect(listed({ kind: 'referat', public: false }).map((bilag) => bilag.titel)).toEqual(['Projekt', 'Brev fra Hemmelig']);
    expect(buildAttachmentsView(source, { kind: 'referat', public: true }).attachments.map((part) => part.nummer)).toEqual([1]);
    expect(buildAttachmentsView(source).attachments.map((part) => part.nummer)).toEqual([1, 2]);
  });

  it("lists the edition's file bilag for the samlet document, with a Markdown bilag's text, and no closed item's bilag in public", () => {
    const withBilag: ItemInput[] = [
      {
        titel: 'Budget',
        bilag: [
          { titel: 'Budgetnotat', fil: 'bilag/notat.md', nummer: 1, field: 'bilag[1].fil', label: 'bilag nr. 1', offentlig: true },
          { titel: 'Hjemmeside', url: 'https://example.dk', nummer: 2, field: 'bilag[2].fil', label: 'bilag nr. 2', offentlig: true },
          { titel: 'Regneark', fil: 'bilag/ark.xlsx', nummer: 3, field: 'bilag[3].fil', label: 'bilag nr. 3', offentlig: true },
        ],
      },
      { titel: 'Personalesag', lukket: 'tavshedspligt', bilag: [{ titel: 'Hemmeligt bilag', fil: 'bilag/hemmelig.pdf', nummer: 4, field: 'bilag[1].fil', label: 'bilag nr. 1', offentlig: true }] },
    ];
    const source = rendered(KOMMUNE, withBilag, {}, [[1, '<p>Notat.</p>']]);
    const internal = buildAttachmentsView(source);
    expect(internal.title).toBe('Bilag til referat – Testudvalget – 7. februar 2024');
    expect(internal.attachments).toEqual([
      { nummer: 1, id: 'bilag-1', titel: 'Budgetnotat', item: { nummer: 1, titel: 'Budget' }, html: '<p>Notat.</p>' },
      { nummer: 4, id: 'bilag-4', titel: 'Hemmeligt bilag', item: { nummer: 2, titel: 'Personalesag' }, html: undefined },
    ]);
    expect(buildAttachmentsView(source, { kind: 'referat', public: true }).attachments.map((part) => part.nummer)).toEqual([1]);
  });
});

describe('cssString', () => {
  it('quotes plain text', () => {
    expect(cssString('Testudvalget · 7. februar 2024')).toBe('"Testudvalget · 7. februar 2024"');
  });

  it('escapes double quotes and backslashes', () => {
    expect(cssString('Sig "hej" \\ farvel')).toBe('"Sig \\"hej\\" \\\\ farvel"');
  });

  it('replaces line breaks with spaces', () => {
    expect(cssString('a\nb\r\nc\fd')).toBe('"a b  c d"');
  });

  it('escapes "<" so the literal cannot close the <style> element', () => {
    const css = cssString('</style><script>alert(1)</script>');
    expect(css).toBe('"\\3C /style>\\3C script>alert(1)\\3C /script>"');
    expect(css).not.toContain('<');
  });

  it('leaves no unescaped quote that could end the string early', () => {
    const css = cssString('x\\"; } body { color: red');
    expect(css).toBe('"x\\\\\\"; } body { color: red"');
    // Inside the literal every quote is preceded by an odd number of backslashes.
    const inner = css.slice(1, -1);
    for (const match of inner.matchAll(/(\\*)"/g)) expect(match[1]!.length % 2).toBe(1);
  });
});
