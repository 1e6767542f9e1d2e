/**
 * JSON Schemas for editors, derived from the zod schemas in schema.ts: the
 * input side, i.e. what a person writes in forum.yml and in frontmatter.
 * `npm run schemas` writes them to schemas/; a test keeps them current.
 */
import { z } from 'zod';
import { forumSchema, itemSchema, meetingSchema } from './schema.js';

export interface EditorSchema {
  /** Path of the generated file, relative to the project root. */
  file: string;
  id: string;
  title: string;
  description: string;
  schema: z.ZodType;
}

export const EDITOR_SCHEMAS: readonly EditorSchema[] = [
  {
    file: 'schemas/forum.schema.json',
    id: 'urn:referat:forum',
    title: 'Forum (forum.yml)',
    description: 'Et forums indstillinger i content/<forum>/forum.yml.',
    schema: forumSchema,
  },
  {
    file: 'schemas/moede.schema.json',
    id: 'urn:referat:moede',
    title: 'Møde (index.md)',
    description: 'Frontmatter i et mødes index.md: content/<forum>/<ÅÅÅÅ-MM-DD>/index.md.',
    schema: meetingSchema,
  },
  {
    file: 'schemas/punkt.schema.json',
    id: 'urn:referat:punkt',
    title: 'Dagsordenspunkt (NN-navn.md)',
    description: 'Frontmatter i et dagsordenspunkt: content/<forum>/<ÅÅÅÅ-MM-DD>/NN-navn.md.',
    schema: itemSchema,
  },
];

type JsonSchema = Record<string, unknown>;

const DATE_PATTERN = String.raw`^\d{4}-\d{2}-\d{2}$`;

/**
 * A transform hides its rule from JSON Schema. Date fields announce
 * themselves by the "date" issue kind (which schema-issues.ts also reads);
 * any other transformed text stops the generator rather than pass unchecked.
 */
function describeTransformedText(schema: z.core.$ZodType, path: readonly (string | number)[]): JsonSchema {
  const kinds = transformKinds(schema, '');
  if (kinds.includes('date')) {
    return { type: 'string', format: 'date', pattern: DATE_PATTERN, patternErrorMessage: 'Skal være en gyldig dato på formen ÅÅÅÅ-MM-DD (fx 2024-02-07).' };
  }
  throw new Error(`json-schema.ts has no JSON Schema rule for the transformed text at ${path.join('.') || '(root)'}.`);
}

/** The issue kinds a transformed schema reports for `probe` (see schema-issues.ts). */
function transformKinds(schema: z.core.$ZodType, probe: string): unknown[] {
  const result = z.safeParse(schema, probe);
  return result.success ? [] : result.error.issues.map((issue) => (issue.code === 'custom' ? issue.params?.kind : undefined));
}

/** Per zod schema: what JSON Schema cannot learn from zod's own conversion. */
const override: NonNullable<z.core.ToJSONSchemaParams['override']> = (ctx) => {
  const def = ctx.zodSchema._zod.def;
  const json = ctx.jsonSchema as JsonSchema;
  const transformed = def.type === 'pipe' && def.out._zod.def.type === 'transform';
  if (transformed && json.type === 'string') {
    Object.assign(json, describeTransformedText(ctx.zodSchema, ctx.path));
  }
  if (transformed && Array.isArray(json.anyOf) && transformKinds(ctx.zodSchema, 'måske').includes('yes-no')) {
    // schema.ts's yesNo: true/false or ja/nej, in the cases people write.
    delete json.anyOf;
    Object.assign(json, { enum: [true, false, 'ja', 'nej', 'Ja', 'Nej', 'JA', 'NEJ'] });
  }
  if (def.type === 'default' && json.default === undefined) {
    // zod leaves out the default of a transformed value (schema.ts's yesNo); it is one a person may write too.
    json.default = (def as { defaultValue: unknown }).defaultValue;
  }
  if (def.type === 'string' && json.format === 'uri') {
    // z.url's protocol option is a regex on the scheme alone, e.g. /^https?$/.
    const protocol = (def as { protocol?: RegExp }).protocol;
    if (protocol) json.pattern = `^(?:${protocol.source.replace(/^\^|\$$/g, '')}):`;
  }
};

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of a node with `change` applied to each schema directly inside it:
 * only keywords that hold schemas, never data such as `default`.
 */
function mapSubschemas(node: JsonSchema, change: (schema: JsonSchema) => JsonSchema): JsonSchema {
  const each = (value: unknown) => (isSchema(value) ? change(value) : value);
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (['properties', 'patternProperties', '$defs', 'definitions'].includes(key) && isSchema(value)) {
        return [key, Object.fromEntries(Object.entries(value).map(([name, child]) => [name, each(child)]))];
      }
      if (['items', 'additionalProperties', 'not', 'anyOf', 'oneOf', 'allOf'].includes(key)) {
        return [key, Array.isArray(value) ? value.map(each) : each(value)];
      }
      return [key, value];
    }),
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Adjust a node for YAML editors:
 * - Free text may be written so that a YAML 1.2 editor reads a number
 *   (telefon: 099741592); the pipeline reads every scalar as text, so such
 *   fields accept numbers too. Text with a format (email, url, date) never
 *   looks like a number.
 * - A pattern gets a Danish message (patternErrorMessage, which the Red Hat
 *   YAML extension and VS Code show instead of the regular expression).
 * - Descriptions are shown alone on hover, so they start with a capital.
 */
function forEditors(node: JsonSchema): JsonSchema {
  const adjusted = { ...node };
  const description = typeof node.description === 'string' ? node.description : undefined;
  if (node.type === 'string' && node.format === undefined && node.enum === undefined && node.const === undefined) {
    adjusted.type = ['string', 'number'];
  }
  if (typeof node.pattern === 'string' && node.patternErrorMessage === undefined && description) {
    adjusted.patternErrorMessage = `Skal angive ${description}.`;
  }
  if (description) adjusted.description = capitalise(description);
  return adjusted;
}

/** Keywords first in a fixed order, so the files read (and diff) the same way every time. */
const KEY_ORDER = [
  '$schema', '$id', '$comment', 'title', 'description', 'type', 'enum', 'const', 'format', 'pattern', 'patternErrorMessage',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'items', 'properties', 'required', 'additionalProperties', 'default',
];

/** The node's own keywords in KEY_ORDER, then any others alphabetically; property order stays that of schema.ts. */
function ordered(node: JsonSchema): JsonSchema {
  const rank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);
  const keys = Object.keys(node).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, node[key]]));
}

function finish(node: JsonSchema): JsonSchema {
  return ordered(mapSubschemas(forEditors(node), finish));
}

export function editorJsonSchema(entry: EditorSchema): JsonSchema {
  const generated = z.toJSONSchema(entry.schema, {
    io: 'input',
    target: 'draft-07',
    unrepresentable: 'throw',
    override,
  }) as JsonSchema;
  return finish({
    ...generated,
    $id: entry.id,
    $comment: 'Lavet af "npm run schemas" ud fra src/content/schema.ts. Ret ikke i filen: ret i schema.ts og kør kommandoen igen.',
    title: entry.title,
    description: entry.description,
  });
}

/** The file's exact text: 2-space JSON with a final newline. */
export function editorJsonSchemaText(entry: EditorSchema): string {
  return `${JSON.stringify(editorJsonSchema(entry), null, 2)}\n`;
}
