/**
 * The editors' JSON Schemas: the committed files are what the generator
 * makes from schema.ts now, and they judge content as the pipeline does.
 * Documents are parsed as an editor does (YAML 1.2, numbers as numbers).
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv, type ErrorObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import matter from 'gray-matter';
import { parse as parseYamlAsEditor } from 'yaml';
import { VFile } from 'vfile';
import { z } from 'zod';
import { EDITOR_SCHEMAS, editorJsonSchema, editorJsonSchemaText, type EditorSchema } from '../../src/content/json-schema.js';
import { PROJECT_ROOT } from '../../src/api.js';
import { findMeetings, loadForum, loadMeeting } from '../../src/load/load.js';
import { parseYaml } from '../../src/validate/frontmatter.js';
import { validateForum } from '../../src/validate/validate.js';
import { reportNonMeetingFolder } from '../../src/validate/names.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';

const entry = (file: string): EditorSchema => EDITOR_SCHEMAS.find((schema) => schema.file === file)!;
const FORUM = entry('schemas/forum.schema.json');
const MEETING = entry('schemas/moede.schema.json');
const ITEM = entry('schemas/punkt.schema.json');
const FORUM_HEAD = 'navn: Sundhedsudvalget\norganisation: Eksempel Kommune\n';

// patternErrorMessage is the VS Code keyword for a pattern's message.
const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true, keywords: ['patternErrorMessage'] });
ajvFormats.default(ajv);

/** The committed schema file, as an editor would load it. */
async function committed(schema: EditorSchema): Promise<string> {
  return readFile(path.join(PROJECT_ROOT, schema.file), 'utf8');
}

const validators = new Map<EditorSchema, ReturnType<typeof ajv.compile>>();
async function editorErrors(schema: EditorSchema, data: unknown): Promise<{ path: string; keyword: string }[]> {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(JSON.parse(await committed(schema)));
    validators.set(schema, validate);
  }
  validate(data);
  return (validate.errors ?? [])
    .map((error: ErrorObject) => ({
      path: error.keyword === 'additionalProperties' ? `${error.instancePath}/${error.params.additionalProperty}` : error.instancePath,
      keyword: error.keyword,
    }))
    .sort((a, b) => `${a.path} ${a.keyword}`.localeCompare(`${b.path} ${b.keyword}`));
}

/** Frontmatter as an editor reads it: YAML 1.2 core schema, defaults of the yaml package. */
function editorFrontmatter(text: string): unknown {
  return matter(text, { engines: { yaml: (source: string) => parseYamlAsEditor(source) as object } }).data;
}

/** The pipeline's own verdict on the same YAML. */
function pipelineAccepts(schema: EditorSchema, yaml: string): boolean {
  const parsed = parseYaml(new VFile({ path: 'test.yml', value: yaml }), yaml);
  return parsed !== undefined && schema.schema.safeParse(parsed.data).success;
}

describe('committed JSON Schemas', () => {
  it.each(EDITOR_SCHEMAS.map((schema) => [schema.file, schema] as const))('%s is what npm run schemas makes now', async (file, schema) => {
    const text = await committed(schema).catch(() => '(mangler)');
    expect(text, `${file} passer ikke til src/content/schema.ts. Kør "npm run schemas" og commit filen.`).toBe(editorJsonSchemaText(schema));
  });

  it('schemas/ holds only generated files', async () => {
    const files = (await readdir(path.join(PROJECT_ROOT, 'schemas'))).map((name) => `schemas/${name}`).sort();
    expect(files, 'Filer i schemas/, som "npm run schemas" ikke laver: slet dem.').toEqual(EDITOR_SCHEMAS.map((schema) => schema.file).sort());
  });

  it('are valid draft-07 schemas with a Danish title, description and comment', async () => {
    for (const schema of EDITOR_SCHEMAS) {
      const json = JSON.parse(await committed(schema));
      expect(ajv.validateSchema(json), schema.file).toBe(true);
      expect(json).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', $id: schema.id, title: schema.title, description: schema.description });
    }
  });
});

describe('the generator', () => {
  it('stops at a transformed text it cannot describe', () => {
    const unknown = { ...FORUM, schema: z.strictObject({ antal: z.string().transform((text) => text.length) }) };
    expect(() => editorJsonSchema(unknown)).toThrow('json-schema.ts has no JSON Schema rule for the transformed text at properties.antal.');
  });

  it('marks date fields by the "date" issue kind', () => {
    const json = editorJsonSchema(MEETING) as { properties: Record<string, unknown> };
    expect(json.properties['mødedato']).toMatchObject({ type: 'string', format: 'date', pattern: String.raw`^\d{4}-\d{2}-\d{2}$` });
    expect(json.properties['dato']).toMatchObject({ type: 'string', format: 'date' });
  });
});

describe('the example content in content/', () => {
  const contentRoot = path.join(PROJECT_ROOT, 'content');
  const meetings = findMeetings(contentRoot).map((location) => loadMeeting(location, PROJECT_ROOT));
  const forumDirs = [...new Set(meetings.map((meeting) => meeting.forumDir))];

  it('has forums, meetings and items to check', () => {
    expect(forumDirs.length).toBeGreaterThan(0);
    expect(meetings.flatMap((meeting) => meeting.items).length).toBeGreaterThan(0);
  });

  it.each(forumDirs.map((dir) => [path.relative(PROJECT_ROOT, dir), dir]))('%s/forum.yml is accepted', async (_, dir) => {
    const file = loadForum(dir, PROJECT_ROOT).file;
    expect(await editorErrors(FORUM, parseYamlAsEditor(String(file.value)))).toEqual([]);
  });

  it.each(meetings.map((meeting) => [path.relative(PROJECT_ROOT, meeting.dir), meeting]))('%s: index.md and every item are accepted', async (_, meeting) => {
    expect(await editorErrors(MEETING, editorFrontmatter(String(meeting.index.value)))).toEqual([]);
    for (const item of meeting.items) {
      expect(await editorErrors(ITEM, editorFrontmatter(String(item.value))), item.path).toEqual([]);
    }
  });
});

describe('the editor and the pipeline agree', () => {
  const cases: [name: string, schema: EditorSchema, yaml: string, errors: { path: string; keyword: string }[]][] = [
    ['an unknown field and layout "by"', FORUM, `${FORUM_HEAD}layout: by\nfarve: blå\n`, [
      { path: '/farve', keyword: 'additionalProperties' },
      { path: '/layout', keyword: 'enum' },
    ]],
    ['a missing layout', FORUM, FORUM_HEAD, [{ path: '', keyword: 'required' }]],
    ['an unknown section', FORUM, `${FORUM_HEAD}layout: region\nafsnit:\n  - afsnit: konklusion\n`, [{ path: '/afsnit/0/afsnit', keyword: 'enum' }]],
    ['an unquoted phone number, which YAML 1.2 reads as a number', FORUM, `${FORUM_HEAD}layout: kommune\nsagsbehandler:\n  navn: Dorte Dahl\n  telefon: 099741592\n`, []],
    ['"9.00", which YAML 1.2 reads as a number', FORUM, `${FORUM_HEAD}layout: kommune\nmødetid: 9.00\n`, []],
    ['a meeting time that is not a time', FORUM, `${FORUM_HEAD}layout: kommune\nmødetid: om eftermiddagen\n`, [{ path: '/mødetid', keyword: 'pattern' }]],
    ['an e-mail address without a domain', FORUM, `${FORUM_HEAD}layout: kommune\nsagsbehandler:\n  navn: Dorte Dahl\n  email: dorte\n`, [
      { path: '/sagsbehandler/email', keyword: 'format' },
      { path: '/sagsbehandler/email', keyword: 'pattern' },
    ]],
    ['a meeting with its date', MEETING, 'mødedato: 2024-02-07\nafbud:\n  - Carl Carlsen\n', []],
    ['a date that does not exist', MEETING, 'mødedato: 2024-02-30\n', [{ path: '/mødedato', keyword: 'format' }]],
    ['a date written in words', MEETING, 'mødedato: 7. februar 2024\n', [
      { path: '/mødedato', keyword: 'format' },
      { path: '/mødedato', keyword: 'pattern' },
    ]],
    ['a missing meeting date', MEETING, 'mødested: Rådhuset\n', [{ path: '', keyword: 'required' }]],
    ['an item with attachments', ITEM, 'titel: Status\nbilag:\n  - titel: Oplæg\n    fil: bilag/oplaeg.pdf\n  - titel: Pakker\n    url: https://www.sst.dk/\n', []],
    ['an attachment link that is not http(s)', ITEM, 'titel: Status\nbilag:\n  - titel: Oplæg\n    url: ftp://eksempel.dk/oplaeg.pdf\n', [{ path: '/bilag/0/url', keyword: 'pattern' }]],
    ['an empty title', ITEM, 'titel: ""\n', [{ path: '/titel', keyword: 'minLength' }]],
    ['"ja" for a yes/no field', ITEM, 'titel: Status\nbilag:\n  - titel: Brev\n    url: https://eksempel.dk/\n    offentlig: nej\n', []],
    ['a closed item without its reason', ITEM, 'titel: Status\nlukket: ja\n', [{ path: '/lukket', keyword: 'not' }]],
    ['a closed item with an unknown reason', ITEM, 'titel: Status\nlukket: hemmelig\n', [
      { path: '/lukket', keyword: 'anyOf' },
      { path: '/lukket', keyword: 'enum' },
      { path: '/lukket', keyword: 'type' },
    ]],
    ['a closed item with its reason', ITEM, 'titel: Status\nlukket: udbud\noffentlig_titel: Udbud af rengøring\n', []],
    ['"måske" for a yes/no field', ITEM, 'titel: Status\nbilag:\n  - titel: Brev\n    url: https://eksempel.dk/\n    offentlig: måske\n', [{ path: '/bilag/0/offentlig', keyword: 'enum' }]],
  ];

  it.each(cases)('%s', async (_, schema, yaml, errors) => {
    expect(await editorErrors(schema, parseYamlAsEditor(yaml))).toEqual(errors);
    expect(pipelineAccepts(schema, yaml)).toBe(errors.length === 0);
  });
});

describe('VS Code', () => {
  const vscode = async (file: string) => JSON.parse(await readFile(path.join(PROJECT_ROOT, '.vscode', file), 'utf8'));

  it('maps forum.yml to the generated forum schema', async () => {
    const settings = await vscode('settings.json');
    expect(settings['yaml.schemas']).toEqual({ [`./${FORUM.file}`]: ['content/*/forum.yml'] });
  });

  it('reads the pipeline\'s diagnostics into the Problems panel, with a line or for the whole file', async () => {
    const source = { id: 'udvalget', dir: '/virtual/content/udvalget', file: new VFile({ path: 'content/udvalget/forum.yml', cwd: '/virtual', value: `${FORUM_HEAD}layout: kommune\nfarve: blå\n` }) };
    validateForum(source);
    const folder = reportNonMeetingFolder({ forumDir: '/virtual/content/udvalget', dir: '/virtual/content/udvalget/2025-8-20', hasMarkdown: true }, '/virtual');
    const tasks = await vscode('tasks.json');
    const matchers = tasks.tasks[0].problemMatcher as { severity: string; pattern: { regexp: string; kind: string } }[];
    const found = (line: string) =>
      matchers.flatMap((matcher) => {
        const match = new RegExp(matcher.pattern.regexp).exec(line.split('\n')[0]!);
        return match ? [{ severity: matcher.severity, kind: matcher.pattern.kind, groups: match.slice(1) }] : [];
      });
    expect(found(formatDiagnostics([source.file])[0]!)).toEqual([
      { severity: 'error', kind: 'location', groups: ['content/udvalget/forum.yml', '4', '1', 'Ukendt felt "farve".', 'ukendt-felt'] },
    ]);
    expect(found(formatDiagnostics([folder])[0]!)).toEqual([
      {
        severity: 'error',
        kind: 'file',
        groups: ['content/udvalget/2025-8-20', 'Mappen bliver ikke bygget, fordi navnet ikke er en dato på formen ÅÅÅÅ-MM-DD. Mente du 2025-08-20?', 'ikke-en-moedemappe'],
      },
    ]);
  });
});
