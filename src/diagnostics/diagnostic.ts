/**
 * Diagnostics are vfile messages: each carries its file, position, a rule id
 * from the catalogue and, where it concerns frontmatter, the field.
 */
import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';

declare module 'vfile-message' {
  interface VFileMessage {
    /** Dotted frontmatter field path, e.g. "sagsbehandler.email". */
    field?: string;
  }
}

export type Severity = 'error' | 'warning';

export interface DiagnosticInput {
  rule: string;
  reason: string;
  place?: Point | Position;
  field?: string;
  /** What to do about it, printed on its own line. */
  note?: string;
  severity?: Severity;
}

export function report(file: VFile, input: DiagnosticInput): void {
  const message = file.message(input.reason, {
    place: input.place,
    ruleId: input.rule,
    source: 'referat',
  });
  message.fatal = (input.severity ?? 'error') === 'error';
  if (input.field) message.field = input.field;
  if (input.note) message.note = input.note;
}
