/**
 * Stage 4: turn a validated, rendered meeting into the view a layout template
 * receives. All formatting happens here; templates only place the values.
 */
import { splitTimeRange, type BodySectionKey, type PlainDate } from '../content/schema.js';
import { dateWithWeekday, isoDate, longDate, numericDate } from '../format/dates.js';
import type { RenderedMeeting } from './markdown.js';
import type { DateView, DocumentView, ItemView, SectionView } from './view.js';

export const DOCUMENT_LABEL = 'REFERAT';

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

export function buildView(rendered: RenderedMeeting): DocumentView {
  const { meeting } = rendered;
  const { forum, frontmatter } = meeting;
  const mødedato = dateView(frontmatter.mødedato);

  const items: ItemView[] = meeting.items.map((item, index) => {
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
      const section = content.sections.get(setting.afsnit as BodySectionKey);
      if (!section) return [];
      return [{ kind: 'text', key: setting.afsnit, heading: setting.overskrift, runIn: section.runIn, html: section.html }];
    });
    return {
      nummer: item.nummer,
      id: `punkt-${item.nummer}`,
      titel: item.frontmatter.titel,
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
    title: `Referat – ${forum.navn} – ${mødedato.long}`,
    documentLabel: DOCUMENT_LABEL,
    forum: { navn: forum.navn, organisation: forum.organisation },
    meeting: {
      mødedato,
      mødetid: { text: frontmatter.mødetid, start: splitTimeRange(frontmatter.mødetid).start },
      mødested: frontmatter.mødested,
      deltagere: frontmatter.deltagere,
      afbud: frontmatter.afbud,
      sagsnummer: frontmatter.sagsnummer,
      sagsbehandler: frontmatter.sagsbehandler,
      dato: frontmatter.dato && dateView(frontmatter.dato),
      introHtml: rendered.introHtml,
    },
    items,
    toc: items.map((item) => ({ nummer: item.nummer, id: item.id, titel: item.titel, page: 0 })),
    runningHead,
    runningHeadCss: cssString(runningHead),
  };
}
