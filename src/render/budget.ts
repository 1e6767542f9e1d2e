/**
 * Spending a meeting's budget (MEETING_BUDGET) while its Markdown is turned
 * into HTML: headings, table cells, links and image pixels, counted over the
 * whole document (an image shown three times costs three times). The first
 * time a kind runs over, the file where it did gets an error naming the limit.
 */
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/diagnostic.js';
import { MEETING_BUDGET } from '../validate/limits.js';

const number = new Intl.NumberFormat('da-DK');

const KINDS = {
  headings: { limit: MEETING_BUDGET.headings, what: 'overskrifter', note: 'Del mødet op, eller saml underoverskrifter.' },
  tableCells: { limit: MEETING_BUDGET.tableCells, what: 'tabelceller', note: 'Læg store tabeller i et PDF-bilag, eller del dem op.' },
  links: { limit: MEETING_BUDGET.links, what: 'links (også webadresser, der bliver til links)', note: 'Skriv færre adresser, eller læg listen i et PDF-bilag.' },
  pixels: {
    limit: MEETING_BUDGET.meetingPixels,
    what: 'billedpunkter i alt i billederne (hvert billede tælles, hver gang det vises)',
    note: 'Brug mindre billeder (fx højst 2000 × 2000 punkter), eller vis et billede færre gange.',
  },
} as const;

export type BudgetKind = keyof typeof KINDS;

export class DocumentBudget {
  private readonly spent = new Map<BudgetKind, number>();
  /** Some kind is over: nothing more need be counted (the meeting will not print). */
  exhausted = false;

  /** Spend `amount`; false (and reported, once per kind) when the document is over budget. */
  spend(kind: BudgetKind, amount: number, file: VFile, place: Point | undefined): boolean {
    const before = this.spent.get(kind) ?? 0;
    const total = before + amount;
    this.spent.set(kind, total);
    const { limit, what, note } = KINDS[kind];
    if (total <= limit) return true;
    this.exhausted = true;
    if (before <= limit) {
      report(file, {
        rule: 'over-budget',
        reason: `Mødets dokument får her mere end ${number.format(limit)} ${what}; det er grænsen for ét møde.`,
        note,
        place,
      });
    }
    return false;
  }
}
