/**
 * Stage 4: turn a validated, rendered meeting into the view a layout template
 * receives. All formatting happens here; templates only place the values.
 */
import { splitTimeRange, type BodySectionKey, type PlainDate } from '../content/schema.js';
import { attachmentFormat } from '../load/load.js';
import { dateWithWeekday, isoDate, longDate, numericDate } from '../format/dates.js';
import type { RenderedMeeting } from './markdown.js';
import { CLOSED_ITEM_TITLE, DECISION_SECTIONS, INTERNAL_REFERAT, KIND_WORDS, type Edition } from './edition.js';
import type { AttachmentsDocumentView, DateView, DocumentView, ItemView, SectionView } from './view.js';
import type { Item } from '../validate/validate.js';

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

/** A closed item in a public edition: nothing of it but its number and public title. */
export function isWithheld(item: Item, edition: Edition): boolean {
  return edition.public && item.frontmatter.lukket;
}

export function buildView(rendered: RenderedMeeting, edition: Edition = INTERNAL_REFERAT): DocumentView {
  const { meeting } = rendered;
  const { forum, frontmatter } = meeting;
  const mødedato = dateView(frontmatter.mødedato);
  const words = KIND_WORDS[edition.kind];
  const isReferat = edition.kind === 'referat';

  const items: ItemView[] = meeting.items.map((item, index) => {
    const id = `punkt-${item.nummer}`;
    if (isWithheld(item, edition)) {
      const titel = titleText(item.frontmatter.offentlig_titel ?? CLOSED_ITEM_TITLE);
      return { nummer: item.nummer, id, titel, closed: false, guests: [], newPage: forum.ny_side_per_punkt, sections: [] };
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
            attachments: item.attachments.map((bilag) => ({
              nummer: bilag.nummer,
              titel: bilag.titel,
              url: bilag.url,
              fil: bilag.fil,
            })),
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
      closed: item.frontmatter.lukket,
      guests: isReferat ? item.frontmatter.deltog : [],
      tidsrum: forum.vis_tidsrum ? item.frontmatter.tidsrum : undefined,
      sagsnummer: item.frontmatter.sagsnummer,
      newPage: forum.ny_side_per_punkt,
      introHtml: content.introHtml,
      footnotesHtml: content.footnotesHtml,
      sections,
    };
  });

  const runningHead = `${forum.navn} · ${mødedato.long}`;
  return {
    title: `${words.noun} – ${forum.navn} – ${mødedato.long}`,
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
          .filter((bilag) => attachmentFormat(bilag.fil) !== undefined)
          .map((bilag) => ({
            nummer: bilag.nummer,
            id: `bilag-${bilag.nummer}`,
            titel: bilag.titel,
            item: { nummer: item.nummer, titel: item.frontmatter.titel },
            html: rendered.attachments.get(bilag.nummer),
          })),
      ),
    runningHead,
    runningHeadCss: cssString(runningHead),
  };
}
