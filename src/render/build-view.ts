/**
 * Stage 4: turn a validated, rendered meeting into the view a layout template
 * receives. All formatting happens here; templates only place the values.
 */
import { toHtml } from 'hast-util-to-html';
import { BODY_SECTIONS, CLOSED_REASONS, splitTimeRange, type BodySectionKey, type Forum, type PlainDate } from '../content/schema.js';
import { attachmentFormat } from '../load/load.js';
import { dateWithWeekday, isoDate, longDate, numericDate } from '../format/dates.js';
import type { RenderedMeeting } from './markdown.js';
import { CLOSED_ITEM_TITLE, DECISION_SECTIONS, DRAFT_MARK, INTERNAL_REFERAT, KIND_WORDS, WITHHELD_ATTACHMENT_TITLE, type Edition } from './edition.js';
import type { AttachmentsDocumentView, DateView, DocumentView, ItemView, SectionView } from './view.js';
import type { Item, Meeting, NumberedAttachment } from '../validate/validate.js';

function dateView(date: PlainDate): DateView {
  return { iso: isoDate(date), long: longDate(date), numeric: numericDate(date), withWeekday: dateWithWeekday(date) };
}

/**
 * A CSS string literal, for text placed in @page margin boxes. "<" is escaped
 * too, as the literal sits inside a <style> element.
 */
export function cssString(text: string): string {
  const escaped = text
    .replace(/[\\"]/g, (char) => `\\${char}`)
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3C ');
  return `"${escaped}"`;
}

/** A closed item in a public edition: nothing of it but its number, public title and public texts. */
export function isWithheld(item: Item, edition: Edition): boolean {
  return edition.public && item.frontmatter.lukket !== undefined;
}

/** A bilag that a public edition lists by number only and leaves out of its samlet. */
function isWithheldAttachment(bilag: NumberedAttachment, edition: Edition): boolean {
  return edition.public && !bilag.offentlig;
}

/** A referat is a draft until its approval is recorded in index.md; a dagsorden never is. */
function isDraft(meeting: Meeting, edition: Edition): boolean {
  return edition.kind === 'referat' && !meeting.frontmatter.godkendt;
}

/** The meeting has something a public edition must leave out: it gets one. */
export function needsPublicEdition(meeting: Meeting): boolean {
  return meeting.items.some((item) => item.frontmatter.lukket !== undefined || item.attachments.some((bilag) => !bilag.offentlig));
}

/**
 * A closed item's public texts, as the forum prints its own sections of the
 * same kind (heading, run-in or not): the description as a resumé, the
 * public decision as the decision.
 */
function publicSections(forum: Forum, texts: [BodySectionKey, string | undefined][]): SectionView[] {
  // In the forum's order; one the forum does not use keeps the order given (description first, decision last).
  const rank = (key: BodySectionKey, given: number) => {
    const found = forum.afsnit.findIndex((setting) => setting.afsnit === key);
    return found !== -1 ? found : given === 0 ? -1 : forum.afsnit.length;
  };
  const ranked = texts.map((entry, given) => ({ entry, rank: rank(entry[0], given) }));
  return ranked.toSorted((a, b) => a.rank - b.rank).flatMap(({ entry: [key, text] }): SectionView[] => {
    if (text === undefined) return [];
    const setting = forum.afsnit.find((candidate) => candidate.afsnit === key);
    const heading = setting?.overskrift ?? BODY_SECTIONS[key];
    const runIn = setting?.indlejret ?? false;
    const lead = runIn ? `<strong class="run-in">${escapeHtml(heading)}:</strong> ` : '';
    return [{ kind: 'text', key, heading, runIn, html: `<p class="public-text">${lead}${escapeHtml(text)}</p>` }];
  });
}

function escapeHtml(text: string): string {
  return toHtml({ type: 'text', value: text });
}

/** The beslutningsprotokol's lines for one item, in the wording minutes use. */
function protocolLines(item: Item): string[] {
  const { fraværende, inhabil, protokoltilførsel } = item.frontmatter;
  return [
    ...(fraværende.length > 0 ? [`Fraværende under punktet: ${fraværende.join(', ')}.`] : []),
    ...inhabil.map((name) => `${name} deltog ikke i behandlingen af punktet på grund af inhabilitet.`),
    ...protokoltilførsel.map((entry) => `Protokoltilførsel fra ${entry.navn}: ${entry.tekst}`),
  ];
}

/** The protocol goes right under the last decision section the item has, or after its sections. */
function withProtocol(sections: SectionView[], protocol: string[]): SectionView[] {
  if (protocol.length === 0) return sections;
  const decision = sections.findLastIndex((section) => section.kind === 'text' && (DECISION_SECTIONS as readonly string[]).includes(section.key));
  const at = decision === -1 ? sections.length : decision + 1;
  return [...sections.slice(0, at), { kind: 'protocol', protocol }, ...sections.slice(at)];
}

export function buildView(rendered: RenderedMeeting, edition: Edition = INTERNAL_REFERAT): DocumentView {
  const { meeting } = rendered;
  const { forum, frontmatter } = meeting;
  const mødedato = dateView(frontmatter.mødedato);
  const words = KIND_WORDS[edition.kind];
  const isReferat = edition.kind === 'referat';

  const items: ItemView[] = meeting.items.map((item, index) => {
    const id = `punkt-${item.nummer}`;
    const { lukket } = item.frontmatter;
    if (isWithheld(item, edition)) {
      const titel = titleText(item.frontmatter.offentlig_titel ?? CLOSED_ITEM_TITLE);
      // Tavshedspligt allows a neutral title alone; any other reason publishes what the matter is and what was decided.
      const sections =
        lukket === 'tavshedspligt'
          ? []
          : publicSections(forum, [
              ['resume', item.frontmatter.offentlig_beskrivelse],
              ['beslutning', isReferat ? item.frontmatter.offentlig_beslutning : undefined],
            ]);
      // Never a page of its own: a closed item follows whatever comes before it.
      return { nummer: item.nummer, id, titel, closed: {}, guests: [], corrections: [], withheld: true, newPage: false, sections };
    }
    const content = rendered.items[index]!;
    const sections: SectionView[] = forum.afsnit.flatMap((setting): SectionView[] => {
      if (setting.afsnit === 'titel') return [{ kind: 'title', isTitle: true }];
      if (setting.afsnit === 'bilagsliste') {
        if (item.attachments.length === 0) return [];
        return [
          {
            kind: 'attachments',
            heading: setting.overskrift,
            attachments: item.attachments.map((bilag) =>
              isWithheldAttachment(bilag, edition)
                ? { nummer: bilag.nummer, titel: WITHHELD_ATTACHMENT_TITLE, withheld: true }
                : { nummer: bilag.nummer, titel: bilag.titel, url: bilag.url, fil: bilag.fil },
            ),
          },
        ];
      }
      const key = setting.afsnit as BodySectionKey;
      const section = content.sections.get(key);
      if (!section || (!isReferat && DECISION_SECTIONS.includes(key))) return [];
      return [{ kind: 'text', key: setting.afsnit, heading: setting.overskrift, runIn: section.runIn, html: section.html }];
    });
    return {
      nummer: item.nummer,
      id,
      titel: titleText(item.frontmatter.titel),
      closed: lukket && { reason: CLOSED_REASONS[lukket] },
      guests: isReferat ? item.frontmatter.deltog : [],
      corrections: isReferat ? item.frontmatter.rettelser.map((rettelse) => ({ dato: longDate(rettelse.dato), tekst: rettelse.tekst })) : [],
      tidsrum: forum.vis_tidsrum ? item.frontmatter.tidsrum : undefined,
      sagsnummer: item.frontmatter.sagsnummer,
      newPage: forum.ny_side_per_punkt,
      introHtml: content.introHtml,
      footnotesHtml: content.footnotesHtml,
      sections: isReferat ? withProtocol(sections, protocolLines(item)) : sections,
    };
  });
  const { godkendt } = frontmatter;
  const draft = isDraft(meeting, edition);

  const runningHead = `${forum.navn} · ${mødedato.long}`;
  return {
    title: `${words.noun}${draft ? ` (${DRAFT_MARK})` : ''} – ${forum.navn} – ${mødedato.long}`,
    documentLabel: words.label,
    meetingOf: words.meetingOf,
    attendance: isReferat ? { deltagere: frontmatter.deltagere, afbud: frontmatter.afbud } : undefined,
    forum: { navn: forum.navn, organisation: forum.organisation },
    meeting: {
      mødedato,
      mødetid: { text: frontmatter.mødetid, start: splitTimeRange(frontmatter.mødetid).start },
      mødested: frontmatter.mødested,
      sagsnummer: frontmatter.sagsnummer,
      sagsbehandler: frontmatter.sagsbehandler,
      // The date the referat was issued: not the agenda's.
      dato: isReferat && frontmatter.dato ? dateView(frontmatter.dato) : undefined,
      introHtml: rendered.introHtml,
    },
    items,
    toc: items.map((item) => ({ nummer: item.nummer, id: item.id, titel: item.titel, tidsrum: item.tidsrum, page: 0 })),
    draft,
    approval: isReferat && godkendt ? `Godkendt den ${longDate(godkendt.dato)} af ${godkendt.af}.` : undefined,
    signatures: isReferat && forum.underskriftsark ? frontmatter.deltagere.filter((name) => !frontmatter.afbud.includes(name)) : undefined,
    runningHead,
    runningHeadCss: cssString(runningHead),
  };
}

/**
 * A title as typeset: " - " between two parts is an en dash, tied by a
 * no-break space to the word before it, so that a wrapped title never starts
 * a line with a dash that reads like a bullet.
 */
export function titleText(title: string): string {
  return title.replace(/ [-–] /g, '\u00A0– ');
}

/** The bilag of an edition that go into its "samlet" document, in item order. */
export function buildAttachmentsView(rendered: RenderedMeeting, edition: Edition = INTERNAL_REFERAT): AttachmentsDocumentView {
  const { meeting } = rendered;
  const { forum, frontmatter } = meeting;
  const mødedato = dateView(frontmatter.mødedato);
  const words = KIND_WORDS[edition.kind];
  const runningHead = `Bilag · ${forum.navn} · ${mødedato.long}`;
  return {
    title: `Bilag til ${words.noun.toLowerCase()} – ${forum.navn} – ${mødedato.long}`,
    forum: { navn: forum.navn, organisation: forum.organisation },
    partOf: `Bilag til ${words.noun.toLowerCase()}`,
    meeting: { mødedato },
    attachments: meeting.items
      .filter((item) => !isWithheld(item, edition))
      .flatMap((item) =>
        item.attachments
          .filter((bilag) => attachmentFormat(bilag.fil) !== undefined && !isWithheldAttachment(bilag, edition))
          .map((bilag) => ({
            nummer: bilag.nummer,
            id: `bilag-${bilag.nummer}`,
            titel: bilag.titel,
            item: { nummer: item.nummer, titel: item.frontmatter.titel },
            html: rendered.attachments.get(bilag.nummer),
          })),
      ),
    draft: isDraft(meeting, edition),
    runningHead,
    runningHeadCss: cssString(runningHead),
  };
}
