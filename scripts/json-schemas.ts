/**
 * npm run schemas: write the editors' JSON Schemas (schemas/*.schema.json)
 * from the zod schemas in src/content/schema.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EDITOR_SCHEMAS, editorJsonSchemaText } from '../src/content/json-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

for (const entry of EDITOR_SCHEMAS) {
  const target = path.join(root, entry.file);
  const text = editorJsonSchemaText(entry);
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current === text) {
    process.stdout.write(`${entry.file} er uændret.\n`);
  } else {
    await writeFile(target, text);
    process.stdout.write(`${entry.file} er skrevet.\n`);
  }
}
