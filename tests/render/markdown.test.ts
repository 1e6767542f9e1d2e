/**
 * Stage 3: item bodies split into their sections and rendered to HTML, with
 * raw HTML, unsafe links and escaping image paths refused at the right line.
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { MeetingSource } from '../../src/load/load.js';
import { validateForum, validateMeeting, type Meeting } from '../../src/validate/validate.js';
import { createMarkdownParser, renderMarkdown } from '../../src/render/markdown.js';

const CWD = '/virtual/referat';
const DIR = 'content/udvalget/2024-02-07';

const KOMMUNE = 'navn: Testudvalget\norganisation: Testrup Kommune\nlayout: kommune\nmødested: Rådhuset\nmødetid: "13-15"\n';

interface Input {
  forum?: string;
  intro?: string;
  items: string[];
  files?: string[];
}

function meetingOf({ forum = KOMMUNE, intro = '', items, files = [] }: Input): { meeting: Meeting; source: MeetingSource } {
  const forumFile = new VFile({ path: 'content/udvalget/forum.yml', cwd: CWD, value: forum });
  const validForum = validateForum({ id: 'udvalget', dir: `${CWD}/content/udvalget`, file: forumFile });
  expect(forumFile.messages).toEqual([]);
  const source: MeetingSource = {
    id: '2024-02-07',
    forumId: 'udvalget',
    forumDir: `${CWD}/content/udvalget`,
    dir: `${CWD}/${DIR}`,
    index: new VFile({ path: `${DIR}/index.md`, cwd: CWD, value: `---\nmødedato: 2024-02-07\n---\n${intro}` }),
    items: items.map((value, position) => new VFile({ path: `${DIR}/0${position + 1}-punkt.md`, cwd: CWD, value })),
    // Image files come with their bytes, as the load stage reads them.
    files: new Map(
      files.map((relative) => [
        relative,
        { relative, inside: true, ...(relative.endsWith('.png') ? { image: { mediaType: 'image/png', bytes: tinyPng(relative) } } : {}) },
      ]),
    ),
    folder: new VFile({ path: DIR, cwd: CWD }),
    misnamed: [],
  };
  const meeting = validateMeeting(source, validForum!);
  expect(allMessages(source)).toEqual([]);
  return { meeting: meeting!, source };
}

function allMessages(source: MeetingSource) {
  return [source.index, ...source.items].flatMap((file) =>
    file.messages.map((message) => ({
      file: file.basename,
      rule: message.ruleId,
      reason: message.reason,
      line: message.line,
      column: message.column,
      field: message.field,
    })),
  );
}

/** Soft hyphens (see hyphenate.test.ts) are left out so the HTML reads plainly here. */
const SOFT_HYPHEN = /\u00AD/g;

/** A PNG header of 1 × 1 pixels, marked with the file's name. */
function tinyPng(relative: string): Buffer {
  const header = Buffer.alloc(24);
  Buffer.from('\x89PNG\r\n\x1a\n', 'latin1').copy(header);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(1, 16);
  header.writeUInt32BE(1, 20);
  return Buffer.concat([header, Buffer.from(relative)]);
}

function render(input: Input) {
  const { meeting, source } = meetingOf(input);
  const rendered = renderMarkdown(meeting, createMarkdownParser());
  const plain = (html: string | undefined) => html?.replace(SOFT_HYPHEN, '');
  rendered.introHtml = plain(rendered.introHtml);
  for (const item of rendered.items) {
    item.introHtml = plain(item.introHtml);
    item.footnotesHtml = plain(item.footnotesHtml);
    for (const section of item.sections.values()) section.html = plain(section.html)!;
  }
  return { rendered, source, messages: allMessages(source) };
}

const item = (body: string, frontmatter = 'titel: Et punkt\n') => `---\n${frontmatter}---\n${body}`;

describe('renderMarkdown: sections', () => {
  it('splits the body at ## headings, matching names regardless of case, accents and a trailing colon', () => {
    const { rendered, messages } = render({
      items: [item('## RESUME\n\nKort fortalt.\n\n## Sagsfremstilling\n\nBaggrund.\n\n## beslutning:\n\nGodkendt.\n\n## referát\n\nDrøftet.\n')],
    });
    expect(messages).toEqual([]);
    const sections = rendered.items[0]!.sections;
    expect([...sections.keys()]).toEqual(['resume', 'sagsfremstilling', 'beslutning', 'referat']);
    expect(sections.get('beslutning')).toEqual({ html: '<p>Godkendt.</p>', runIn: false });
    expect(sections.get('referat')).toEqual({ html: '<p>Drøftet.</p>', runIn: false });
  });

  it('keeps text before the first ## as the item intro', () => {
    const { rendered } = render({ items: [item('Indledende *tekst*.\n\n## Beslutning\n\nGodkendt.\n')] });
    expect(rendered.items[0]!.introHtml).toBe('<p>Indledende <em>tekst</em>.</p>');
    expect(rendered.items[0]!.sections.get('beslutning')?.html).toBe('<p>Godkendt.</p>');
  });

  it('leaves introHtml undefined when the body starts with a section', () => {
    const { rendered } = render({ items: [item('\n## Beslutning\n\nGodkendt.\n')] });
    expect(rendered.items[0]!.introHtml).toBeUndefined();
  });

  it('renders the meeting intro from index.md', () => {
    const { rendered } = render({ intro: 'Velkommen til **mødet**.\n', items: [item('## Beslutning\n\nOk.\n')] });
    expect(rendered.introHtml).toBe('<p>Velkommen til <strong>mødet</strong>.</p>');
  });

  it('renders ### as <h4> below the section heading, in sections, item intros and the meeting intro', () => {
    const { rendered } = render({
      intro: '### Praktisk\n\nKaffe.\n',
      items: [item('### Forord\n\n## Beslutning\n\n### Vedtaget\n\nJa.\n\n#### Detaljer\n')],
    });
    expect(rendered.introHtml).toBe('<h4>Praktisk</h4>\n<p>Kaffe.</p>');
    expect(rendered.items[0]!.introHtml).toBe('<h4>Forord</h4>');
    expect(rendered.items[0]!.sections.get('beslutning')?.html).toBe('<h4>Vedtaget</h4><p>Ja.</p><h5>Detaljer</h5>');
  });

  it('skips a section heading without content', () => {
    const { rendered, messages } = render({ items: [item('## Referat\n\n## Beslutning\n\nGodkendt.\n')] });
    expect(messages).toEqual([]);
    expect([...rendered.items[0]!.sections.keys()]).toEqual(['beslutning']);
  });

  it('runs the heading into a first paragraph of an indlejret section', () => {
    const { rendered } = render({ items: [item('## Indstilling\n\nDirektionen indstiller, at sagen godkendes.\n\nAndet afsnit.\n')] });
    expect(rendered.items[0]!.sections.get('indstilling')).toEqual({
      html: '<p><strong class="run-in">Indstilling:</strong> Direktionen indstiller, at sagen godkendes.</p><p>Andet afsnit.</p>',
      runIn: true,
    });
  });

  it('does not run the heading into a section that starts with a list', () => {
    const { rendered } = render({ items: [item('## Indstilling\n\n- at sagen godkendes\n- at den offentliggøres\n')] });
    const section = rendered.items[0]!.sections.get('indstilling');
    expect(section?.runIn).toBe(false);
    expect(section?.html).toBe('<ul>\n<li>at sagen godkendes</li>\n<li>at den offentliggøres</li>\n</ul>');
  });

  it("uses the forum's own overskrift for a run-in heading, and no run-in where indlejret is false", () => {
    const forum = `${KOMMUNE}afsnit:\n  - afsnit: indstilling\n    overskrift: Forslag\n    indlejret: true\n  - afsnit: beslutning\n`;
    const { rendered } = render({ forum, items: [item('## Indstilling\n\nAt godkende.\n\n## Beslutning\n\nGodkendt.\n')] });
    expect(rendered.items[0]!.sections.get('indstilling')).toEqual({
      html: '<p><strong class="run-in">Forslag:</strong> At godkende.</p>',
      runIn: true,
    });
    expect(rendered.items[0]!.sections.get('beslutning')).toEqual({ html: '<p>Godkendt.</p>', runIn: false });
  });

  it('reports an unknown section with a suggestion for a typo', () => {
    const { rendered, source, messages } = render({ items: [item('## Indstiling\n\nTekst.\n\n## Noter\n\nMere.\n')] });
    expect(messages).toEqual([
      { file: '01-punkt.md', rule: 'ukendt-afsnit', reason: 'Ukendt afsnit "## Indstiling". Mente du "## Indstilling"?', line: 4, column: 1, field: undefined },
      { file: '01-punkt.md', rule: 'ukendt-afsnit', reason: 'Ukendt afsnit "## Noter".', line: 8, column: 1, field: undefined },
    ]);
    expect(source.items[0]!.messages[0]?.note).toBe(
      'Afsnit hedder: Resumé, Indstilling, Sagsfremstilling, Beslutning, Referat, Bilag. Brug "### " til egne underoverskrifter.',
    );
    expect(source.items[0]!.messages.every((message) => message.fatal)).toBe(true);
    expect(rendered.items[0]!.sections.size).toBe(0);
  });

  it('reports a section the forum does not use', () => {
    const forum = `${KOMMUNE}afsnit:\n  - afsnit: indstilling\n  - afsnit: beslutning\n`;
    const { source, messages } = render({ forum, items: [item('## Beslutning\n\nOk.\n\n## Referat\n\nDrøftet.\n')] });
    expect(messages).toEqual([
      { file: '01-punkt.md', rule: 'afsnit-ikke-i-forum', reason: 'Afsnittet "## Referat" bruges ikke i forummet "Testudvalget".', line: 8, column: 1, field: undefined },
    ]);
    expect(source.items[0]!.messages[0]?.note).toBe('Forummets afsnit (forum.yml, "afsnit"): indstilling, beslutning.');
  });

  it('reports a section written twice in one item', () => {
    const { messages } = render({ items: [item('## Beslutning\n\nA.\n\n## beslutning\n\nB.\n')] });
    expect(messages).toEqual([
      { file: '01-punkt.md', rule: 'afsnit-dobbelt', reason: 'Afsnittet "## beslutning" står mere end én gang i punktet.', line: 8, column: 1, field: undefined },
    ]);
  });

  it('reports a level-1 heading in an item', () => {
    const { messages } = render({ items: [item('# Overskrift\n\n## Beslutning\n\nOk.\n')] });
    expect(messages).toEqual([
      {
        file: '01-punkt.md',
        rule: 'overskrift-niveau-1',
        reason: 'Overskrifter med "# " bruges ikke: punktets titel står i feltet "titel" øverst i filen.',
        line: 4,
        column: 1,
        field: undefined,
      },
    ]);
  });
});

describe('renderMarkdown: GFM', () => {
  it('renders tables', () => {
    const { rendered } = render({ items: [item('## Sagsfremstilling\n\n| Post | Beløb |\n|---|--:|\n| Løn | 100 |\n')] });
    const html = rendered.items[0]!.sections.get('sagsfremstilling')!.html;
    expect(html).toContain('<table>');
    expect(html).toContain('<th>Post</th>');
    expect(html).toContain('<th align="right">Beløb</th>');
    expect(html).toContain('<td>Løn</td>');
    expect(html).toContain('<td align="right">100</td>');
  });

  it('renders footnotes with ids prefixed per item, outside the sections', () => {
    const { rendered } = render({
      items: [
        item('## Beslutning\n\nGodkendt[^a].\n\n[^a]: Med bemærkninger.\n'),
        item('## Referat\n\nDrøftet[^b].\n\n[^b]: Kort.\n'),
      ],
    });
    const [first, second] = rendered.items;
    expect(first!.sections.get('beslutning')?.html).toContain('<a href="#punkt-1-fn-a" id="punkt-1-fnref-a"');
    expect(first!.footnotesHtml).toContain('<li id="punkt-1-fn-a">');
    expect(first!.footnotesHtml).toContain('Med bemærkninger.');
    expect(first!.footnotesHtml).not.toContain('data-footnote-backref');
    expect(first!.footnotesHtml).toContain('<h3 class="sr-only" id="punkt-1-footnote-label">Noter</h3>');
    expect([...first!.sections.values()].some((section) => section.html.includes('Med bemærkninger'))).toBe(false);
    expect(first!.introHtml).toBeUndefined();

    expect(second!.footnotesHtml).toContain('<li id="punkt-2-fn-b">');
    expect(second!.sections.get('referat')?.html).toContain('href="#punkt-2-fn-b"');
  });

  it('numbers footnote ids by label within each item', () => {
    const { rendered } = render({ items: [item('## Beslutning\n\nEt[^1] og to[^2].\n\n[^1]: En.\n[^2]: To.\n')] });
    expect(rendered.items[0]!.footnotesHtml).toContain('<li id="punkt-1-fn-1">');
    expect(rendered.items[0]!.footnotesHtml).toContain('<li id="punkt-1-fn-2">');
  });

  // mdast-util-to-hast gives the notes heading a fixed id that clobberPrefix
  // does not cover; two items with notes must still not share it.
  it('gives every element id in the document only once, also with footnotes in several items', () => {
    const { rendered } = render({
      items: [item('## Beslutning\n\nA[^1].\n\n[^1]: En.\n'), item('## Beslutning\n\nB[^1].\n\n[^1]: To.\n')],
    });
    const html = rendered.items.flatMap((rendered) => [...[...rendered.sections.values()].map((section) => section.html), rendered.footnotesHtml ?? '']).join('\n');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });
});

describe('renderMarkdown: refused content', () => {
  it('refuses raw HTML at its line in the whole file', () => {
    const frontmatter = 'titel: Et punkt\nsagsnummer: 00.01-A00-1-24\nbilag: []\n';
    const body = '## Sagsfremstilling\n\nTekst.\n\n<img src="http://127.0.0.1:9/x.png">\n\nMed <b>fed</b> inline.\n';
    const source = item(body, frontmatter);
    const { messages } = render({ items: [source] });
    const lines = source.split('\n');
    const blockLine = lines.findIndex((line) => line.startsWith('<img')) + 1;
    const inlineLine = lines.findIndex((line) => line.includes('<b>')) + 1;
    expect([blockLine, inlineLine]).toEqual([10, 12]);
    expect(messages).toEqual([
      { file: '01-punkt.md', rule: 'raa-html', reason: 'HTML-koden "<img src="http://127.0.0.1:9/x.png">" kan ikke bruges i teksten.', line: blockLine, column: 1, field: undefined },
      { file: '01-punkt.md', rule: 'raa-html', reason: 'HTML-koden "<b>" kan ikke bruges i teksten.', line: inlineLine, column: lines[inlineLine - 1]!.indexOf('<b>') + 1, field: undefined },
    ]);
  });

  it('refuses raw HTML in the meeting intro at its line in index.md', () => {
    const { messages } = render({ intro: '\nTekst.\n\n<script>alert(1)</script>\n', items: [item('## Beslutning\n\nOk.\n')] });
    expect(messages).toEqual([
      { file: 'index.md', rule: 'raa-html', reason: 'HTML-koden "<script>alert(1)</script>" kan ikke bruges i teksten.', line: 7, column: 1, field: undefined },
    ]);
  });

  it('refuses javascript: links and definitions, and allows https, mailto, tel and anchors', () => {
    const { messages } = render({
      items: [
        item(
          '## Beslutning\n\n[x](javascript:alert(1)) [ok](https://example.dk) [mail](mailto:a@example.dk) [tlf](tel:+4512345678) [op](#punkt-1)\n\n[ref]: JavaScript:alert(2)\n',
        ),
      ],
    });
    expect(messages).toEqual([
      {
        file: '01-punkt.md',
        rule: 'link-ikke-tilladt',
        reason: 'Linket "javascript:alert(1)" er ikke tilladt. Links skal være webadresser (https://…), e-post (mailto:…) eller telefon (tel:…).',
        line: 6,
        column: 1,
        field: undefined,
      },
      {
        file: '01-punkt.md',
        rule: 'link-ikke-tilladt',
        reason: 'Linket "JavaScript:alert(2)" er ikke tilladt. Links skal være webadresser (https://…), e-post (mailto:…) eller telefon (tel:…).',
        line: 8,
        column: 1,
        field: undefined,
      },
    ]);
  });

  it("inlines an image in the meeting's files as a data URL", () => {
    const { rendered, messages } = render({
      items: [item('## Sagsfremstilling\n\n![Oversigt](bilag/a.png)\n\n![](<./bilag/kørsel 1.png>)\n')],
      files: ['bilag/a.png', 'bilag/kørsel 1.png'],
    });
    // An image without alt text is printed, as decoration, with a warning.
    expect(messages).toEqual([
      { file: '01-punkt.md', rule: 'billede-uden-alternativ-tekst', reason: 'Billedet har ingen alternativ tekst, så skærmlæsere kan ikke fortælle, hvad det viser.', line: 8, column: 1, field: undefined },
    ]);
    const html = rendered.items[0]!.sections.get('sagsfremstilling')!.html;
    const dataUrl = (relative: string) => `data:image/png;base64,${tinyPng(relative).toString('base64')}`;
    expect(html).toContain(`<img src="${dataUrl('bilag/a.png')}" alt="Oversigt">`);
    expect(html).toContain(`<img src="${dataUrl('bilag/kørsel 1.png')}" alt="">`);
  });

  it('refuses an image that is missing or outside the meeting', () => {
    const { messages } = render({
      items: [item('## Sagsfremstilling\n\n![](bilag/mangler.png)\n\n![](../../forum.yml)\n')],
      files: ['bilag/a.png'],
    });
    expect(messages).toEqual([
      { file: '01-punkt.md', rule: 'fil-findes-ikke', reason: 'Filen "bilag/mangler.png" til punktets billede findes ikke i mødets mappe.', line: 6, column: 1, field: 'billede' },
      { file: '01-punkt.md', rule: 'sti-uden-for-moedet', reason: 'Stien "../../forum.yml" til punktets billede peger uden for mødets mappe.', line: 8, column: 1, field: 'billede' },
    ]);
  });
});
