/**
 * The data a layout template receives. Everything is formatted and escaped
 * already: templates only place it (`{{…}}` for text, `{{{…Html}}}` for HTML
 * produced by the Markdown stage).
 */

export interface DateView {
  /** 2024-02-07 */
  iso: string;
  /** 7. februar 2024 */
  long: string;
  /** 07-02-2024 */
  numeric: string;
  /** Onsdag d. 07. februar 2024 */
  withWeekday: string;
}

export interface TimeView {
  /** As written by the secretariat: "13-15", "13:00-15:00", "09:00". */
  text: string;
  /** Start time as written: "09:00". */
  start: string;
}

export interface CaseworkerView {
  navn: string;
  telefon?: string;
  email?: string;
}

export interface MeetingView {
  mødedato: DateView;
  mødetid: TimeView;
  mødested: string;
  sagsnummer?: string;
  sagsbehandler?: CaseworkerView;
  /** The date the referat was issued. */
  dato?: DateView;
  introHtml?: string;
}

export interface AttachmentView {
  /** Meeting-wide number: "Bilag 3" is the same everywhere it is mentioned. */
  nummer: number;
  titel: string;
  /** Present for web links. */
  url?: string;
  /** File name inside bilag/, present when the bilag points at a file. */
  fil?: string;
  /** In a public edition, a bilag not for publication: listed by number only. */
  withheld?: boolean;
}

export type SectionView =
  | {
      kind: 'text';
      key: string;
      heading: string;
      /** Heading already run into the first paragraph of `html` ("Indstilling: …"). */
      runIn: boolean;
      html: string;
    }
  /** Repeats the item title as a sub-heading (region layout). */
  | { kind: 'title'; isTitle: true }
  | { kind: 'attachments'; heading: string; attachments: AttachmentView[] }
  /** The beslutningsprotokol's lines for the item, placed under its decision (referat only). */
  | { kind: 'protocol'; protocol: string[] };

export interface ItemView {
  nummer: number;
  /** Anchor id, "punkt-3": the target of the table of contents and bookmarks. */
  id: string;
  /** In a public edition, a closed item's public title ("Lukket punkt"). */
  titel: string;
  /** A closed item, marked as such: with its reason in the internal edition, without in the public one. */
  closed?: { reason?: string };
  /** Dated corrections made after approval (referat only). */
  corrections: { dato: string; tekst: string }[];
  /** Invited for this item only: "Under punktet deltog …" (referat only). */
  guests: string[];
  tidsrum?: string;
  sagsnummer?: string;
  /** A closed item in a public edition: kept on the page of what comes before it. */
  withheld?: boolean;
  /** Start this item on a new page (region layout, or the forum's setting). */
  newPage: boolean;
  introHtml?: string;
  sections: SectionView[];
  /** GFM footnotes of the item, printed after its sections. */
  footnotesHtml?: string;
}

export interface TocEntryView {
  nummer: number;
  id: string;
  titel: string;
  /** The item's time slot, where the forum shows time slots. */
  tidsrum?: string;
  /** Page on which the item's heading is printed; filled in by pagination. */
  page: number;
}

export interface DocumentView {
  /** "Referat – Sundhedsdirektørkredsen – 7. februar 2024" */
  title: string;
  /** Upper-case document title word: "REFERAT" or "DAGSORDEN". */
  documentLabel: string;
  /** "Referat fra møde" / "Dagsorden til møde". */
  meetingOf: string;
  /** Who attended and who sent apologies: in a referat, not in a dagsorden. */
  attendance?: { deltagere: string[]; afbud: string[] };
  forum: { navn: string; organisation: string };
  meeting: MeetingView;
  items: ItemView[];
  toc: TocEntryView[];
  /** A referat not yet approved: "UDKAST" on every page. */
  draft: boolean;
  /** "Godkendt den 10. juli 2025 af …", for an approved referat. */
  approval?: string;
  /** The members who took part, each with a signature line (forum setting `underskriftsark`). */
  signatures?: string[];
  /** Running head text, e.g. "Sundhedsdirektørkredsen · 7. februar 2024". */
  runningHead: string;
  /** `runningHead` as a quoted CSS string, for @page margin boxes. */
  runningHeadCss: string;
}

/** One bilag in the "samlet" document: a numbered separator page, then its content. */
export interface AttachmentPartView {
  nummer: number;
  /** Anchor id of the separator, "bilag-3": where the bookmark points. */
  id: string;
  titel: string;
  item: { nummer: number; titel: string };
  /** A Markdown bilag's text, printed after the separator; a PDF bilag is appended as it is. */
  html?: string;
}

/** The separators (and Markdown bilag) printed for a "samlet" document. */
export interface AttachmentsDocumentView {
  title: string;
  forum: { navn: string; organisation: string };
  /** "Bilag til referat", as printed on each separator. */
  partOf: string;
  meeting: { mødedato: DateView };
  attachments: AttachmentPartView[];
  /** The referat is not yet approved: its separators say "UDKAST" too. */
  draft: boolean;
  runningHead: string;
  runningHeadCss: string;
}
