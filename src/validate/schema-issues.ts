/**
 * Check parsed frontmatter against a zod schema and turn every issue into a
 * Danish diagnostic at the field's position.
 */
import { z } from 'zod';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/diagnostic.js';
import { describeValue, quote, suggest } from '../diagnostics/catalogue.js';
import type { ParsedYaml } from './frontmatter.js';
import { CLOSED_REASONS } from '../content/schema.js';

type Issue = z.core.$ZodIssue;

const EXPECTED_TYPE: Record<string, { name: string; note: string }> = {
  string: { name: 'tekst', note: 'Skriv værdien efter kolonet på samme linje, fx titel: Godkendelse af dagsorden.' },
  array: { name: 'en liste', note: 'Skriv hvert element på sin egen linje under feltet, med "- " foran.' },
  object: { name: 'en gruppe af felter', note: 'Skriv underfelterne på hver sin linje under feltet, rykket ind med to mellemrum.' },
  boolean: { name: 'true eller false', note: 'Skriv true (ja) eller false (nej).' },
};

export function fieldLabel(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment + 1}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
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
      reason: `Frontmatter skal være felter på formen "navn: værdi", men er ${describeValue(data)}.`,
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
  const expected = (fallback: string) => describeExpected(schema, path, fallback);
  const at = (target: 'key' | 'value' = 'value') => parsed.locate(path, target);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const suggestion = suggest(key, known);
        report(file, {
          rule: 'ukendt-felt',
          field: fieldLabel(keyPath),
          reason: `Ukendt felt ${quote(fieldLabel(keyPath))}.${suggestion ? ` Mente du ${quote(suggestion)}?` : ''}`,
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
          reason: `Feltet ${quote(field)} mangler. Det skal angive ${expected('en værdi')}.`,
          place: parsed.locate(path.slice(0, -1)),
        });
      } else {
        const type = EXPECTED_TYPE[issue.expected];
        report(file, {
          rule: 'forkert-type',
          field,
          reason: `Feltet ${quote(field)} (${expected('en værdi')}) skal være ${type?.name ?? issue.expected}, men er ${describeValue(issue.input)}.`,
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
        reason: `Feltet ${quote(field)} skal være ${values.join(' eller ')}, men er ${describeValue(issue.input)}.${suggestion ? ` Mente du ${quote(suggestion)}?` : ''}`,
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
        reason: `Feltet ${quote(field)} er tomt. Det skal angive ${expected('en værdi')}.`,
        place: at(),
      });
      return;
    case 'custom': {
      const kind = (issue.params as { kind?: string } | undefined)?.kind;
      if (kind === 'date') {
        report(file, {
          rule: 'ugyldig-dato',
          field,
          reason: `Feltet ${quote(field)} skal være en gyldig dato på formen ÅÅÅÅ-MM-DD (fx 2024-02-07), men er ${describeValue(issue.input)}.`,
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
          reason: `Afsnittet ${quote(String(issue.input))} står mere end én gang i "afsnit".`,
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
    reason: `Feltet ${quote(field)} skal angive ${expected('en gyldig værdi')}, men er ${describeValue(issue.input)}.`,
    place: at(),
  });
}
