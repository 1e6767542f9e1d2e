/**
 * Which document a build makes from a meeting: the agenda (dagsorden) before
 * the meeting or the minutes (referat) after it, each in an internal edition
 * and, when the meeting has closed items, a public one without them.
 */
import type { BodySectionKey } from '../content/schema.js';

export const DOCUMENT_KINDS = ['referat', 'dagsorden'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface Edition {
  kind: DocumentKind;
  /** The public edition: closed items show only their number and public title. */
  public: boolean;
}

export const INTERNAL_REFERAT: Edition = { kind: 'referat', public: false };

/** The sections that hold what the meeting decided: absent from a dagsorden. */
export const DECISION_SECTIONS: readonly BodySectionKey[] = ['beslutning', 'referat'];

/** The title a closed item shows in a public edition unless it sets `offentlig_titel`. */
export const CLOSED_ITEM_TITLE = 'Lukket punkt';

/** How a public edition lists a bilag that is not for publication. */
export const WITHHELD_ATTACHMENT_TITLE = '(ikke offentligt)';

/** The mark of a referat not yet approved: on every page and in the metadata. */
export const DRAFT_MARK = 'UDKAST';

/** Words for each kind, as printed. */
export const KIND_WORDS: Record<DocumentKind, { label: string; noun: string; meetingOf: string; subject: string }> = {
  referat: { label: 'REFERAT', noun: 'Referat', meetingOf: 'Referat fra møde', subject: 'Referat af møde i' },
  dagsorden: { label: 'DAGSORDEN', noun: 'Dagsorden', meetingOf: 'Dagsorden til møde', subject: 'Dagsorden til møde i' },
};

/** "referat", "referat-offentlig", "dagsorden", … : the part of an output name after the date. */
export function editionName(edition: Edition): string {
  return edition.public ? `${edition.kind}-offentlig` : edition.kind;
}

/** The edition an edition name stands for ("dagsorden-offentlig" → public dagsorden). */
export function editionNamed(name: string): Edition | undefined {
  for (const kind of DOCUMENT_KINDS) {
    for (const isPublic of [false, true]) {
      const edition = { kind, public: isPublic };
      if (editionName(edition) === name) return edition;
    }
  }
  return undefined;
}
