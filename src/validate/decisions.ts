/**
 * A referat is a dagsorden with the decisions written in. Building the
 * referat of a meeting whose items have no decision yet is most likely a
 * mistake (or a dagsorden meant): say so for each such item.
 */
import { BODY_SECTIONS } from '../content/schema.js';
import { report } from '../diagnostics/diagnostic.js';
import { DECISION_SECTIONS } from '../render/edition.js';
import type { RenderedMeeting } from '../render/markdown.js';
import { reportMissingPublicText } from './validate.js';

export function checkDecisions(rendered: RenderedMeeting): void {
  const { forum } = rendered.meeting;
  // A closed item's decision must be published too (unless closed for tavshedspligt).
  for (const item of rendered.meeting.items) {
    const { lukket, offentlig_beslutning } = item.frontmatter;
    if (lukket !== undefined && lukket !== 'tavshedspligt' && offentlig_beslutning === undefined) {
      reportMissingPublicText(item.file, lukket, 'offentlig_beslutning');
    }
  }
  const placed = DECISION_SECTIONS.filter((key) => forum.afsnit.some((setting) => setting.afsnit === key));
  // A forum that prints no decision sections has nothing to miss.
  if (placed.length === 0) return;
  const headings = placed.map((key) => `"## ${BODY_SECTIONS[key]}"`).join(' eller ');
  rendered.meeting.items.forEach((item, index) => {
    const sections = rendered.items[index]!.sections;
    if (placed.some((key) => sections.has(key))) return;
    report(item.file, {
      rule: 'ingen-beslutning',
      severity: 'warning',
      reason: `Punkt ${item.nummer} har endnu ingen beslutning (intet afsnit ${headings}).`,
      note: `Skriv beslutningen under ${headings}, når mødet er holdt. Før mødet bygges dagsordenen med npm run build-dagsorden.`,
      place: { line: 1, column: 1 },
    });
  });
}
