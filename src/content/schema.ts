/**
 * The content format, defined once. Types, defaults, field descriptions (used
 * in messages and documentation) and validation all come from these schemas.
 */
import { z } from 'zod';

/** Calendar date as written in content: no time, no time zone. */
export interface PlainDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date, if the calendar has it. */
export function plainDate(year: number, month: number, day: number): PlainDate | undefined {
  // Date.UTC rolls 2024-02-30 over to March; a round trip detects it.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

function toPlainDate(text: string): PlainDate | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return plainDate(year, month, day);
}

/**
 * A date field. YAML is parsed with the core schema (see frontmatter.ts), so
 * dates arrive as text and never pass through a time-zone-bound Date.
 */
const dateField = (description: string) =>
  z
    .string()
    .transform((text, ctx) => {
      const date = toPlainDate(text.trim());
      if (!date) {
        ctx.addIssue({ code: 'custom', params: { kind: 'date' }, input: text });
        return z.NEVER;
      }
      return date;
    })
    .meta({ description });

/**
 * A yes/no field: YAML's true/false, or the Danish "ja"/"nej" (in any case)
 * that a secretariat writes. Anything else is a "yes-no" issue.
 */
export const yesNo = (description: string) =>
  z
    .union([z.boolean(), z.string()])
    .transform((value, ctx) => {
      if (typeof value === 'boolean') return value;
      const word = value.trim().toLowerCase();
      if (word === 'ja') return true;
      if (word === 'nej') return false;
      ctx.addIssue({ code: 'custom', params: { kind: 'yes-no' }, input: value });
      return z.NEVER;
    })
    .meta({ description });

const text = (description: string) => z.string().trim().min(1).meta({ description });
const nameList = (description: string) => z.array(text('et navn')).meta({ description });

/** "13-15", "13:00-15:00", "9.00" or "09:00". */
const TIME = String.raw`\d{1,2}(?:[:.]\d{2})?`;
const TIME_RANGE = new RegExp(`^(${TIME})(?:\\s*[-–]\\s*(${TIME}))?$`);

const meetingTime = z
  .string()
  .trim()
  .regex(TIME_RANGE)
  .meta({ description: 'et klokkeslæt eller tidsrum, fx "13:00-15:00" eller "09:00"' });

export function splitTimeRange(value: string): { start: string; end?: string } {
  const [, start, end] = TIME_RANGE.exec(value) ?? [];
  return { start: start ?? value, end };
}

export const caseworkerSchema = z
  .strictObject({
    navn: text('sagsbehandlerens navn'),
    telefon: text('direkte telefonnummer').optional(),
    email: z.email().meta({ description: 'e-postadresse' }).optional(),
  })
  .meta({ description: 'sagsbehandleren (navn, telefon, email)' });

/** The standard item sections, keyed by their normalised heading. */
export const BODY_SECTIONS = {
  resume: 'Resumé',
  indstilling: 'Indstilling',
  sagsfremstilling: 'Sagsfremstilling',
  beslutning: 'Beslutning',
  referat: 'Referat',
  bilag: 'Bilag',
} as const;
export type BodySectionKey = keyof typeof BODY_SECTIONS;
export const BODY_SECTION_KEYS = Object.keys(BODY_SECTIONS) as BodySectionKey[];

/** Pseudo-sections a forum can place among the body sections. */
export const PLACED_SECTIONS = {
  bilagsliste: 'Bilag',
  titel: '',
} as const;

const sectionKey = z
  .enum([...BODY_SECTION_KEYS, ...(Object.keys(PLACED_SECTIONS) as (keyof typeof PLACED_SECTIONS)[])])
  .meta({ description: 'et afsnit' });
export type SectionKey = z.infer<typeof sectionKey>;

export const sectionSettingSchema = z.strictObject({
  afsnit: sectionKey,
  overskrift: text('afsnittets trykte overskrift').optional(),
  indlejret: yesNo('om overskriften skrives ind i første afsnit ("Indstilling: …")').default(false),
});
export type SectionSetting = z.infer<typeof sectionSettingSchema>;

export const LAYOUTS = ['kommune', 'region'] as const;
export type Layout = (typeof LAYOUTS)[number];

const DEFAULT_SECTIONS: Record<Layout, z.input<typeof sectionSettingSchema>[]> = {
  kommune: [
    { afsnit: 'resume', indlejret: true },
    { afsnit: 'indstilling', indlejret: true },
    { afsnit: 'sagsfremstilling', indlejret: true },
    { afsnit: 'referat' },
    { afsnit: 'beslutning' },
    { afsnit: 'bilag' },
    { afsnit: 'bilagsliste' },
  ],
  region: [
    { afsnit: 'resume', overskrift: 'RESUMÉ' },
    { afsnit: 'indstilling', overskrift: 'INDSTILLING' },
    { afsnit: 'sagsfremstilling', overskrift: 'SAGSFREMSTILLING' },
    { afsnit: 'beslutning', overskrift: 'BESLUTNING' },
    { afsnit: 'referat', overskrift: 'REFERAT' },
    { afsnit: 'bilag', overskrift: 'BILAG' },
    { afsnit: 'bilagsliste' },
  ],
};

export const forumSchema = z
  .strictObject({
    navn: text('forummets navn, fx "Sundhedsdirektørkredsen"'),
    organisation: text('organisationen bag forummet, fx "Region Syddanmark"'),
    layout: z.enum(LAYOUTS).meta({ description: 'layoutet: "kommune" eller "region"' }),
    ny_side_per_punkt: yesNo('om hvert punkt begynder på en ny side (standard: ja for region, nej for kommune)').optional(),
    vis_tidsrum: yesNo('om et punkts tidsrum skrives efter titlen').default(true),
    mødested: text('standardmødested').optional(),
    mødetid: meetingTime.optional(),
    medlemmer: nameList('forummets medlemmer (standard for deltagere)').optional(),
    sagsbehandler: caseworkerSchema.optional(),
    faste_punkter: z
      .strictObject({
        først: z.array(text('en punkttitel')).default(['Godkendelse af dagsorden']).meta({ description: 'punkter, der står først på hvert møde' }),
        sidst: z.array(text('en punkttitel')).default(['Eventuelt']).meta({ description: 'punkter, der står sidst på hvert møde' }),
      })
      .default({ først: ['Godkendelse af dagsorden'], sidst: ['Eventuelt'] })
      .meta({ description: 'faste punkter, som npm run new-meeting opretter på hvert nyt møde' }),
    afsnit: z
      .array(sectionSettingSchema)
      .min(1)
      .optional()
      .meta({ description: 'afsnittenes rækkefølge og overskrifter' }),
    underskriftsark: yesNo('om referatet slutter med et underskriftsark til de medlemmer, der deltog (kommunestyrelseslovens § 13)').default(false),
  })
  .transform((forum, ctx) => {
    const sections = forum.afsnit ?? DEFAULT_SECTIONS[forum.layout].map((s) => sectionSettingSchema.parse(s));
    const seen = new Set<string>();
    sections.forEach((section, index) => {
      if (seen.has(section.afsnit)) {
        ctx.addIssue({
          code: 'custom',
          path: ['afsnit', index, 'afsnit'],
          params: { kind: 'duplicate-section' },
          input: section.afsnit,
        });
      }
      seen.add(section.afsnit);
    });
    return {
      ...forum,
      ny_side_per_punkt: forum.ny_side_per_punkt ?? forum.layout === 'region',
      afsnit: sections.map((section) => ({
        ...section,
        overskrift:
          section.overskrift ??
          (section.afsnit in BODY_SECTIONS
            ? BODY_SECTIONS[section.afsnit as BodySectionKey]
            : PLACED_SECTIONS[section.afsnit as keyof typeof PLACED_SECTIONS]),
      })),
    };
  });
export type Forum = z.output<typeof forumSchema>;

export const meetingSchema = z.strictObject({
  mødedato: dateField('mødets dato (ÅÅÅÅ-MM-DD)'),
  mødetid: meetingTime.optional(),
  mødested: text('mødestedet').optional(),
  deltagere: nameList('deltagerne').optional(),
  afbud: nameList('dem, der har meldt afbud').default([]),
  sagsnummer: text('sagsnummeret').optional(),
  sagsbehandler: caseworkerSchema.optional(),
  dato: dateField('referatets dato (ÅÅÅÅ-MM-DD)').optional(),
  godkendt: z
    .strictObject({
      dato: dateField('datoen, referatet blev godkendt (ÅÅÅÅ-MM-DD)'),
      af: text('hvem der godkendte, eller på hvilket møde, fx "Udvalget for Sundhed på mødet 10. juli 2025"'),
    })
    .optional()
    .meta({ description: 'godkendelsen af referatet (dato og af); uden den er referatet et udkast' }),
});
export type MeetingFrontmatter = z.output<typeof meetingSchema>;

export const attachmentSchema = z
  .strictObject({
    titel: text('bilagets titel'),
    fil: text('en fil i mødets bilag-mappe, fx "bilag/oplaeg.pdf"').optional(),
    url: z.url({ protocol: /^https?$/ }).meta({ description: 'en webadresse (https://…)' }).optional(),
    offentlig: yesNo('om bilaget må offentliggøres (standard: ja); "nej" udelader det af de offentlige udgaver').default(true),
  })
  .meta({ description: 'et bilag (titel og evt. fil eller url)' });
export type Attachment = z.output<typeof attachmentSchema>;

/**
 * Why an item is closed (kommunestyrelseslovens § 10). The README explains
 * each reason and its legal basis; only tavshedspligt lets the public
 * edition show a neutral title alone (Ankestyrelsen, 2021).
 */
export const CLOSED_REASONS = {
  tavshedspligt: 'oplysninger under tavshedspligt, fx personalesager og sager om enkeltpersoners helbred eller økonomi',
  ejendomshandel: 'køb eller salg af fast ejendom',
  udbud: 'udbud og licitation',
  forhandling: 'forhandlinger om kontrakter og aftaler',
  retssag: 'retssager og erstatningskrav, hvor myndigheden er part',
} as const;
export type ClosedReason = keyof typeof CLOSED_REASONS;
export const CLOSED_REASON_KEYS = Object.keys(CLOSED_REASONS) as ClosedReason[];

const closedField = z
  .union([z.boolean(), z.enum([...CLOSED_REASON_KEYS, 'ja', 'nej'])])
  .transform((value, ctx): ClosedReason | undefined => {
    if (value === false || value === 'nej') return undefined;
    if (value === true || value === 'ja') {
      // Closed, but why? The reason decides what must be published anyway.
      ctx.addIssue({ code: 'custom', params: { kind: 'closed-reason' }, input: value });
      return z.NEVER;
    }
    return value;
  })
  // The editor refuses a closed item without its reason, as the pipeline does.
  .meta({ description: `om punktet er lukket, og hvorfor: ${CLOSED_REASON_KEYS.join(', ')} (eller nej)`, not: { enum: [true, 'ja'] } });

export const protocolEntrySchema = z
  .strictObject({
    navn: text('medlemmets navn'),
    tekst: text('teksten, der skal tilføres protokollen'),
  })
  .meta({ description: 'en protokoltilførsel (navn og tekst)' });

export const correctionSchema = z
  .strictObject({
    dato: dateField('rettelsens dato (ÅÅÅÅ-MM-DD)'),
    tekst: text('hvad der er rettet, og hvorfor'),
  })
  .meta({ description: 'en rettelse efter godkendelsen (dato og tekst)' });

export const itemSchema = z.strictObject({
  titel: text('punktets titel'),
  tidsrum: meetingTime.optional(),
  sagsnummer: text('punktets sagsnummer').optional(),
  lukket: closedField.optional(),
  offentlig_titel: text('titlen, som et lukket punkt vises med i den offentlige udgave (standard ved tavshedspligt: "Lukket punkt")').optional(),
  offentlig_beskrivelse: text('en kort offentlig beskrivelse af, hvad et lukket punkt drejer sig om').optional(),
  offentlig_beslutning: text('den offentlige tekst om, hvad der blev besluttet under et lukket punkt').optional(),
  deltog: nameList('dem, der deltog under punktet (fx inviterede oplægsholdere)').default([]),
  fraværende: nameList('medlemmer, der ikke var til stede under punktet').default([]),
  inhabil: nameList('medlemmer, der var inhabile og ikke deltog i behandlingen af punktet').default([]),
  protokoltilførsel: z.array(protocolEntrySchema).default([]).meta({ description: 'protokoltilførsler og dissenser (navn og tekst)' }),
  rettelser: z.array(correctionSchema).default([]).meta({ description: 'rettelser efter godkendelsen (dato og tekst)' }),
  bilag: z.array(attachmentSchema).default([]).meta({ description: 'en liste af bilag' }),
});
export type ItemFrontmatter = z.output<typeof itemSchema>;
