/**
 * The placeholder text a new meeting starts with (see new-meeting.ts).
 * Defined once so that validation can warn when one is left in a meeting.
 */
import type { BodySectionKey } from './schema.js';

/** Sections written before the meeting, with their placeholders. */
export const AGENDA_PLACEHOLDERS: Partial<Record<BodySectionKey, string>> = {
  indstilling: 'Skriv indstillingen her.',
  sagsfremstilling: 'Skriv sagsfremstillingen her.',
};

/** The body of a standing item without sections. */
export const ITEM_PLACEHOLDER = 'Skriv punktets tekst her.';

export const PLACEHOLDERS: readonly string[] = [...Object.values(AGENDA_PLACEHOLDERS), ITEM_PLACEHOLDER];
