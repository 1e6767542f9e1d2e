/**
 * Stage 5: both layouts place a DocumentView into HTML; content is data,
 * escaped, and never evaluated as template source.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/api.js';
import { LAYOUTS } from '../../src/content/schema.js';
import { loadTemplates } from '../../src/render/template.js';
import type { DocumentView } from '../../src/render/view.js';

const templates = loadTemplates(DEFAULT_TEMPLATES);

function view(overrides: Partial<DocumentView> = {}): DocumentView {
  const date = { iso: '2024-02-07', long: '7. februar 2024', numeric: '07-02-2024', withWeekday: 'Onsdag d. 07. februar 2024' };
  return {
    title: 'Referat – Testudvalget – 7. februar 2024',
    documentLabel: 'REFERAT',
    meetingOf: 'Referat fra møde',
    attendance: { deltagere: ['Anne Andersen', 'Bo Berg'], afbud: [] },
    forum: { navn: 'Testudvalget', organisation: 'Testrup Kommune' },
    meeting: {
      mødedato: date,
      mødetid: { text: '13:00-15:00', start: '13:00' },
      mødested: 'Rådhuset',
    },
    items: [
      {
        nummer: 1,
        id: 'punkt-1',
        titel: 'Godkendelse af dagsorden',
        guests: [],
        corrections: [],
        newPage: false,
        sections: [{ kind: 'text', key: 'beslutning', heading: 'Beslutning', runIn: false, html: '<p>Godkendt.</p>' }],
      },
    ],
    toc: [{ nummer: 1, id: 'punkt-1', titel: 'Godkendelse af dagsorden', page: 2 }],
    draft: false,
    runningHead: 'Testudvalget · 7. februar 2024',
    runningHeadCss: '"Testudvalget · 7. februar 2024"',
    ...overrides,
  };
}

describe.each(LAYOUTS)('the %s layout', (layout) => {
  it('renders a self-contained Danish HTML document: title, layout CSS and fonts inline, nothing linked', () => {
    const html = templates.render(layout, view());
    expect(html).toContain('<html lang="da-DK">');
    expect(html).toContain('<title>Referat – Testudvalget – 7. februar 2024</title>');
    expect(html).toMatch(/src: url\(data:font\/woff2;base64,[A-Za-z0-9+/]{100}/);
    expect(html).not.toMatch(/<link\b|url\((?!data:)|\.woff\)/);
    const layoutCss = readFileSync(path.join(DEFAULT_TEMPLATES, layout, `${layout}.css`), 'utf8');
    expect(html).toContain(layoutCss.trim().split('\n')[0]);
  });

  it('places the running head CSS string before the layout styles', () => {
    const html = templates.render(layout, view());
    const style = html.indexOf('@page { @top-left { content: "Testudvalget · 7. februar 2024"; } }');
    expect(style).toBeGreaterThan(-1);
    expect(style).toBeLessThan(html.indexOf('@font-face'));
  });

  it('places the item with its anchor, its section HTML unescaped', () => {
    const html = templates.render(layout, view());
    expect(html).toContain('id="punkt-1"');
    expect(html).toContain('Godkendelse af dagsorden');
    expect(html).toContain('<h3 class="section-heading">Beslutning</h3>');
    expect(html).toContain('<p>Godkendt.</p>');
  });

  it('escapes text and does not evaluate template syntax in content', () => {
    const html = templates.render(
      layout,
      view({
        title: '<script>alert(1)</script> {{7*7}} {{forum.navn}}',
        forum: { navn: 'Udvalg {{documentLabel}} <b>', organisation: 'T' },
        items: [{ nummer: 1, id: 'punkt-1', titel: '<img src=x onerror=alert(1)> {{title}}', guests: [], corrections: [], newPage: true, sections: [] }],
      }),
    );
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; {{7*7}} {{forum.navn}}</title>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Udvalg {{documentLabel}} &lt;b&gt;');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; {{title}}');
    expect(html).not.toContain('<img');
  });

  it('starts an item on a new page when asked', () => {
    const html = templates.render(layout, view({ items: [{ nummer: 1, id: 'punkt-1', titel: 'A', guests: [], corrections: [], newPage: true, sections: [] }] }));
    expect(html).toContain('<section class="item new-page" id="punkt-1">');
  });
});

describe('layout specifics', () => {
  it('kommune prints the meeting facts and the attachment list', () => {
    const html = templates.render(
      'kommune',
      view({
        items: [
          {
            nummer: 1,
            id: 'punkt-1',
            titel: 'A',
            tidsrum: '13-14',
            guests: [],
            corrections: [],
            newPage: false,
            sections: [{ kind: 'attachments', heading: 'Bilag', attachments: [{ nummer: 2, titel: 'Oplæg', url: 'https://example.dk/o' }] }],
          },
        ],
      }),
    );
    expect(html).toContain('<h2 class="item-heading"><a class="item-anchor" href="#punkt-1">1. A (13-14)</a></h2>');
    // Names never break inside: each is kept on one line.
    expect(html).toContain('<span class="value"><span class="keep">Anne Andersen</span>; <span class="keep">Bo Berg</span></span>');
    expect(html).toContain('<li><span class="attachment-number">Bilag 2:</span> <a href="https://example.dk/o">Oplæg</a></li>');
  });

  it('region prints the cover with the weekday date, the table of contents and a repeated title', () => {
    const html = templates.render(
      'region',
      view({ items: [{ nummer: 1, id: 'punkt-1', titel: 'Godkendelse', guests: [], corrections: [], newPage: true, sections: [{ kind: 'title', isTitle: true }] }] }),
    );
    expect(html).toContain('<h1 class="cover-title">REFERAT Testudvalget d. 07-02-2024</h1>');
    expect(html).toContain('<td><span class="keep">Onsdag d. 07. februar 2024</span> <span class="keep">kl. 13:00</span></td>');
    expect(html).toContain('<li class="toc-entry"><a class="toc-title" href="#punkt-1">Godkendelse af dagsorden</a><span class="toc-page" data-toc-for="punkt-1">2</span></li>');
    expect(html).toContain('<h2 class="item-heading">Punkt 1: Godkendelse</h2>');
    expect(html).toContain('<h3 class="item-title-repeat">Godkendelse</h3>');
  });

  it('region shows an item\'s time slot in the table of contents, as the reference does', () => {
    const html = templates.render('region', view({ toc: [{ nummer: 1, id: 'punkt-1', titel: 'Gruppeforløb', tidsrum: '14.00-14.30', page: 4 }] }));
    expect(html).toContain('<a class="toc-title" href="#punkt-1">Gruppeforløb (14.00-14.30)</a><span class="toc-page" data-toc-for="punkt-1">4</span>');
  });

  it('kommune lets an e-mail address break only after "@" and "."', () => {
    const base = view();
    const html = templates.render('kommune', view({ meeting: { ...base.meeting, sagsbehandler: { navn: 'Mette Kjærsgaard', email: 'mette.kjaersgaard@vesthimmerland.dk' } } }));
    expect(html).toContain('<dd class="address">mette.<wbr>kjaersgaard@<wbr>vesthimmerland.<wbr>dk</dd>');
    expect(html).toContain('<dd class="keep">Mette Kjærsgaard</dd>');
  });
});

describe('editions', () => {
  it.each(LAYOUTS)('%s marks a closed item and names its guests', (layout) => {
    const item = { nummer: 2, id: 'punkt-2', titel: 'Personalesag', closed: {}, guests: ['Eva Ek', 'Finn Fog'], corrections: [], newPage: false, sections: [] };
    const html = templates.render(layout, view({ items: [item] }));
    expect(html).toContain('<p class="item-closed">Lukket punkt</p>');
    expect(html).toContain('<p class="item-guests">Under punktet deltog: Eva Ek, Finn Fog.</p>');
    const internal = templates.render(layout, view({ items: [{ ...item, closed: { reason: 'tavshedspligt' } }] }));
    expect(internal).toContain('<p class="item-closed">Lukket punkt · Grund: tavshedspligt</p>');
  });

  it.each(LAYOUTS)('%s prints the protocol lines and the corrections of an item', (layout) => {
    const item = {
      nummer: 1,
      id: 'punkt-1',
      titel: 'Cykelsti',
      guests: [],
      corrections: [{ dato: '1. marts 2024', tekst: 'Beløbet <rettet>.' }],
      newPage: false,
      sections: [
        { kind: 'text' as const, key: 'beslutning', heading: 'Beslutning', runIn: false, html: '<p>Godkendt.</p>' },
        { kind: 'protocol' as const, protocol: ['Bo Berg deltog ikke i behandlingen af punktet på grund af inhabilitet.'] },
      ],
    };
    const html = templates.render(layout, view({ items: [item] }));
    expect(html).toMatch(/<p>Godkendt.<\/p>\n<\/div>\n<\/div>\n<div class="section section-protocol">\n<p class="protocol-line">Bo Berg deltog ikke i behandlingen af punktet på grund af inhabilitet.<\/p>/);
    expect(html).toContain('<p class="item-correction"><strong>Rettelse 1. marts 2024:</strong> Beløbet &lt;rettet&gt;.</p>');
  });

  it.each(LAYOUTS)('%s marks a draft on every page and states an approval', (layout) => {
    const draft = templates.render(layout, view({ draft: true }));
    expect(draft).toContain('@page :first { @top-right { content: "UDKAST"; } }');
    expect(draft).toContain('<p class="approval-note approval-draft">UDKAST · Referatet er endnu ikke godkendt.</p>');
    // After the layout's styles, which remove the margin boxes from page 1.
    expect(draft.indexOf('content: "UDKAST"')).toBeGreaterThan(draft.indexOf('@page :first {\n  @top-left { content: none; }'));
    const approved = templates.render(layout, view({ approval: 'Godkendt den 6. marts 2024 af Testudvalget.' }));
    expect(approved).not.toContain('content: "UDKAST"');
    expect(approved).not.toContain('class="approval-note approval-draft"');
    expect(approved).toContain('<p class="approval-note">Godkendt den 6. marts 2024 af Testudvalget.</p>');
  });

  it.each(LAYOUTS)('%s lists a bilag not for publication by its number only', (layout) => {
    const attachments = [{ nummer: 2, titel: '(ikke offentligt)', withheld: true }];
    const item = { nummer: 1, id: 'punkt-1', titel: 'A', guests: [], corrections: [], newPage: false, sections: [{ kind: 'attachments' as const, heading: 'Bilag', attachments }] };
    expect(templates.render(layout, view({ items: [item] }))).toContain(
      '<li><span class="attachment-number">Bilag 2:</span> <span class="attachment-withheld">(ikke offentligt)</span></li>',
    );
  });

  it.each(LAYOUTS)('%s ends with the underskriftsark when the view has signatures', (layout) => {
    const html = templates.render(layout, view({ signatures: ['Anne Andersen', 'Bo <Berg>'] }));
    expect(html).toContain('<h2 class="signatures-heading">Underskriftsark</h2>');
    expect(html).toContain('<li class="signature"><span class="signature-line"></span><span class="signature-name">Bo &lt;Berg&gt;</span></li>');
    expect(html.indexOf('Underskriftsark')).toBeGreaterThan(html.indexOf('punkt-1'));
    expect(templates.render(layout, view())).not.toContain('Underskriftsark');
  });

  it.each(LAYOUTS)('%s leaves out attendance when the view has none (a dagsorden)', (layout) => {
    const html = templates.render(layout, view({ attendance: undefined, documentLabel: 'DAGSORDEN', meetingOf: 'Dagsorden til møde' }));
    expect(html).not.toContain('Anne Andersen');
    expect(html).toContain('DAGSORDEN');
  });

  it('kommune says what the document is in its header', () => {
    expect(templates.render('kommune', view({ meetingOf: 'Dagsorden til møde' }))).toContain('<th scope="row">Dagsorden til møde</th>');
  });

  it.each(LAYOUTS)('%s prints a numbered separator for each bilag, then a Markdown bilag\'s text', (layout) => {
    const html = templates.renderAttachments(layout, {
      title: 'Bilag til referat – Testudvalget – 7. februar 2024',
      forum: { navn: 'Testudvalget', organisation: 'Testrup Kommune' },
      partOf: 'Bilag til referat',
      meeting: { mødedato: { iso: '2024-02-07', long: '7. februar 2024', numeric: '07-02-2024', withWeekday: 'Onsdag d. 07. februar 2024' } },
      attachments: [
        { nummer: 3, id: 'bilag-3', titel: 'Budget <2025>', item: { nummer: 2, titel: 'Økonomi' } },
        { nummer: 4, id: 'bilag-4', titel: 'Notat', item: { nummer: 2, titel: 'Økonomi' }, html: '<p>Notatets tekst.</p>' },
      ],
      draft: false,
      runningHead: 'Bilag · Testudvalget · 7. februar 2024',
      runningHeadCss: '"Bilag · Testudvalget · 7. februar 2024"',
    });
    expect(html).toContain(`<body class="layout-${layout} attachments-document">`);
    expect(html).toContain('<section class="attachment-part" id="bilag-3">');
    expect(html).toContain('<h1 class="attachment-number"><a class="item-anchor" href="#bilag-3">Bilag 3</a></h1>');
    expect(html).toContain('<p class="attachment-title">Budget &lt;2025&gt;</p>');
    expect(html).toContain('<p class="attachment-item">Punkt 2: Økonomi</p>');
    expect(html).toContain('<div class="md attachment-body">\n<p>Notatets tekst.</p>\n</div>');
    expect(html.match(/<div class="md attachment-body">/g)).toHaveLength(1);
  });
});
