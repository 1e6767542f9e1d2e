/**
 * Check parsed frontmatter against a zod schema and turn every issue into a
 * Danish diagnostic at the field's position.
 */
import { z } from 'zod';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/diagnostic.js';
import { describeValue, quote, suggest } from '../diagnostics/catalogue.js';
import type { ParsedYaml } from './frontmatter.js';
import { CLOSED_REASONS, plainDate } from '../content/schema.js';
import { isoDate, MONTH_NAMES } from '../format/dates.js';

type Issue = z.core.$ZodIssue;

const EXPECTED_TYPE: Record<string, { name: string; note: string }> = {
  string: { name: 'tekst', note: 'Skriv værdien efter kolonet på samme linje, fx titel: Godkendelse af dagsorden.' },
  array: { name: 'en liste', note: 'Skriv én pr. linje under feltet, rykket ind og med "- " foran, fx "  - Bo Berg".' },
  object: { name: 'en gruppe af felter', note: 'Skriv underfelterne på hver sin linje under feltet, rykket ind med to mellemrum.' },
  boolean: { name: 'ja eller nej', note: 'Skriv ja eller nej.' },
};

/** A field path as a machine label, e.g. "bilag[1].fil" (kept on the message, never shown). */
export function fieldLabel(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment + 1}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/**
 * A field path as a secretariat would say it: ["bilag", 0, "fil"] is
 * 'feltet "fil" i bilag nr. 1', ["deltagere", 1] is 'nr. 2 under "deltagere"'.
 */
export function fieldPhrase(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  let phrase = typeof last === 'number' ? `nr. ${last + 1}` : `feltet ${quote(String(last ?? ''))}`;
  for (let index = path.length - 2; index >= 0; index--) {
    const segment = path[index]!;
    if (typeof segment === 'number') {
      phrase += ` i ${String(path[index - 1] ?? '')} nr. ${segment + 1}`;
      index--;
    } else {
      phrase += ` under ${quote(String(segment))}`;
    }
  }
  return phrase;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What was found instead, as the end of a sentence: 'men der står "…"'. */
function found(value: unknown): string {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return 'men der står ingenting';
  if (typeof value === 'string') return `men der står ${quote(value)}`;
  if (typeof value === 'boolean' || typeof value === 'number') return `men der står ${String(value)}`;
  return `men der står ${describeValue(value)}`;
}

/** Why a written date is not one, and the date meant when it can be known. */
export function dateProblem(written: string): { problem: string; meant?: string; calendar?: boolean } {
  const text = written.trim();
  const meant = (year: number, month: number, day: number) => {
    const date = plainDate(year, month, day);
    return date && isoDate(date);
  };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    const [year, month] = iso.slice(1).map(Number) as [number, number];
    const swapped = meant(year, Number(iso[3]), Number(iso[2]));
    if (month < 1 || month > 12) {
      return { problem: `der er ingen måned ${iso[2]}: måneden står i midten (ÅÅÅÅ-MM-DD)`, meant: swapped };
    }
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const name = MONTH_NAMES[month - 1]!;
    return { problem: `${month === 2 ? `${name} ${year}` : name} har kun ${days} dage`, calendar: true };
  }
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (ymd) return { problem: 'den skal skrives ÅÅÅÅ-MM-DD', meant: meant(Number(ymd[1]), Number(ymd[2]), Number(ymd[3])) };
  const dmy = /^(\d{1,2})[-/. ]\s*(\d{1,2})[-/. ]\s*(\d{4})$/.exec(text);
  if (dmy) return { problem: 'den skal skrives ÅÅÅÅ-MM-DD', meant: meant(Number(dmy[3]), Number(dmy[2]), Number(dmy[1])) };
  const named = new RegExp(`^(\\d{1,2})\\.?\\s*(${MONTH_NAMES.join('|')})\\s+(\\d{4})$`, 'i').exec(text);
  if (named) {
    return { problem: 'den skal skrives ÅÅÅÅ-MM-DD', meant: meant(Number(named[3]), MONTH_NAMES.indexOf(named[2]!.toLowerCase()) + 1, Number(named[1])) };
  }
  return { problem: 'den skal skrives ÅÅÅÅ-MM-DD, fx 2025-03-12' };
}

/** The schema for a field path, to read its description and known keys. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const segment of [...path, undefined]) {
    // Unwrap optional/default/pipe/transform wrappers to the described schema.
    for (let guard = 0; current && guard < 10; guard++) {
      const def = current.def as { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType };
      if (segment === undefined && current.description) return current;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') current = def.innerType;
      else if (def.type === 'pipe') current = def.in?.def.type === 'transform' ? def.out : def.in;
      else break;
    }
    if (segment === undefined || !current) return current;
    const def = current.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType };
    if (def.type === 'object' && typeof segment === 'string') current = def.shape?.[segment];
    else if (def.type === 'array') current = def.element;
    else return undefined;
  }
  return current;
}

function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const target = schemaAt(schema, path);
  let def = target?.def as { type: string; shape?: Record<string, unknown>; in?: z.ZodType } | undefined;
  if (def?.type === 'pipe') def = def.in?.def as typeof def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function describeExpected(schema: z.ZodType, path: readonly PropertyKey[], fallback: string): string {
  return schemaAt(schema, path)?.description ?? fallback;
}

export function validateFrontmatter<S extends z.ZodType>(
  file: VFile,
  parsed: ParsedYaml,
  schema: S,
): z.output<S> | undefined {
  const data = parsed.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    report(file, {
      rule: 'frontmatter-form',
      reason: `Felterne skal skrives på formen "navn: værdi", én pr. linje, ${found(data)}.`,
      place: parsed.locate([]),
    });
    return undefined;
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  for (const issue of issues) {
    if (!isMisspelledRequiredField(issue, issues, schema)) reportIssue(file, parsed, schema, issue);
  }
  return undefined;
}

/**
 * "mødedto: …" is one mistake, not two: the unknown-key message already
 * suggests "mødedato", so its missing-field message is left out.
 */
function isMisspelledRequiredField(issue: Issue, issues: readonly Issue[], schema: z.ZodType): boolean {
  if (issue.code !== 'invalid_type' || issue.input !== undefined) return false;
  const parent = issue.path.slice(0, -1);
  const missing = issue.path.at(-1);
  return issues.some(
    (other) =>
      other.code === 'unrecognized_keys' &&
      fieldLabel(other.path) === fieldLabel(parent) &&
      other.keys.some((key) => suggest(key, knownKeys(schema, parent)) === missing),
  );
}

function reportIssue(file: VFile, parsed: ParsedYaml, schema: z.ZodType, issue: Issue): void {
  const path = issue.path;
  const field = fieldLabel(path);
  const Field = capitalize(fieldPhrase(path));
  const key = typeof path.at(-1) === 'string' ? String(path.at(-1)) : undefined;
  const expected = (fallback: string) => describeExpected(schema, path, fallback);
  const at = (target: 'key' | 'value' = 'value') => parsed.locate(path, target);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schema, path);
      for (const unknown of issue.keys) {
        const keyPath = [...path, unknown];
        const suggestion = suggest(unknown, known);
        const where = path.length > 0 ? ` ${fieldPhrase(path).replace(/^feltet /, 'under ')}` : '';
        report(file, {
          rule: 'ukendt-felt',
          field: fieldLabel(keyPath),
          reason: `Ukendt felt ${quote(unknown)}${where}.${suggestion ? ` Mente du ${quote(suggestion)}?` : ''}`,
          note: `Tilladte felter her: ${known.join(', ')}.`,
          place: parsed.locate(keyPath, 'key'),
        });
      }
      return;
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        report(file, {
          rule: 'mangler-felt',
          field,
          reason: `${Field} mangler.`,
          note: `Tilføj en linje ${quote(`${key ?? field}: …`)} med ${expected('en værdi')}.`,
          place: parsed.locate(path.slice(0, -1)),
        });
      } else {
        const type = EXPECTED_TYPE[issue.expected];
        report(file, {
          rule: 'forkert-type',
          field,
          reason: `${Field} skal være ${type?.name ?? issue.expected}, ${found(issue.input)}.`,
          note: type?.note,
          place: at(),
        });
      }
      return;
    case 'invalid_value': {
      const values = issue.values.map((value) => quote(String(value)));
      const suggestion = typeof issue.input === 'string' ? suggest(issue.input, issue.values.map(String)) : undefined;
      report(file, {
        rule: 'ugyldig-vaerdi',
        field,
        reason: `${Field} skal være ${values.join(' eller ')}, ${found(issue.input)}.${suggestion ? ` Mente du ${quote(suggestion)}?` : ''}`,
        place: at(),
      });
      return;
    }
    case 'invalid_union': {
      // A field that takes yes/no or a word: the word branch says what was meant.
      const valueIssue = issue.errors.flat().find((inner) => inner.code === 'invalid_value');
      if (valueIssue && typeof issue.input === 'string') {
        reportIssue(file, parsed, schema, { ...valueIssue, path, input: issue.input });
        return;
      }
      break;
    }
    case 'too_small':
      report(file, {
        rule: 'tom-vaerdi',
        field,
        reason: `${Field} er tomt.`,
        note: `Skriv ${expected('en værdi')}${key ? ` efter "${key}:"` : ''}.`,
        place: at(),
      });
      return;
    case 'custom': {
      const kind = (issue.params as { kind?: string } | undefined)?.kind;
      if (kind === 'date') {
        const { problem, meant, calendar } = dateProblem(String(issue.input));
        report(file, {
          rule: 'ugyldig-dato',
          field,
          reason: `Datoen ${quote(String(issue.input))} i ${fieldPhrase(path)} kan ikke bruges: ${problem}.${meant ? ` Mente du ${meant}?` : ''}`,
          note: calendar
            ? 'Ret datoen efter kalenderen.'
            : 'Skriv datoen som år, måned og dag med bindestreger, fx 2025-03-12 for den 12. marts 2025.',
          place: at(),
        });
        return;
      }
      if (kind === 'yes-no') {
        report(file, {
          rule: 'forkert-type',
          field,
          reason: `${Field} skal være ja eller nej, ${found(issue.input)}.`,
          note: 'Skriv ja eller nej.',
          place: at(),
        });
        return;
      }
      if (kind === 'closed-reason') {
        report(file, {
          rule: 'lukket-uden-grund',
          field,
          reason: `Punktet er lukket, men feltet ${quote(field)} siger ikke hvorfor. Grunden afgør, hvad der alligevel skal offentliggøres.`,
          note: `Skriv grunden i stedet for ${String(issue.input)}, fx "lukket: udbud". Grundene er ${Object.entries(CLOSED_REASONS)
            .map(([key, label]) => `${key} (${label})`)
            .join('; ')}. Se README, "Lukkede punkter".`,
          place: at(),
        });
        return;
      }
      if (kind === 'duplicate-section') {
        report(file, {
          rule: 'afsnit-dobbelt',
          field,
          reason: `Afsnittet ${quote(String(issue.input))} står mere end én gang under "afsnit".`,
          place: at(),
        });
        return;
      }
      break;
    }
    default:
      break;
  }
  report(file, {
    rule: 'ugyldig-vaerdi',
    field,
    reason: `${Field} skal være ${expected('en gyldig værdi')}, ${found(issue.input)}.`,
    place: at(),
  });
}
