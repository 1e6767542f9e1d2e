/**
 * Split a Markdown file into YAML frontmatter and body, and parse the YAML
 * into plain data with a map from field paths to source positions.
 */
import matter from 'gray-matter';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import { report } from '../diagnostics/diagnostic.js';
import { yamlMessage } from '../diagnostics/catalogue.js';

export interface ParsedYaml {
  data: unknown;
  /** Position of the node at a field path; falls back to the nearest parent. */
  locate(path: readonly PropertyKey[], target?: 'key' | 'value'): Point | undefined;
}

export interface ParsedMarkdown {
  frontmatter: ParsedYaml | undefined;
  body: string;
  /** 1-based line of the file on which `body` starts. */
  bodyLine: number;
}

const YAML_TAG_INT = 'tag:yaml.org,2002:int';
const YAML_TAG_FLOAT = 'tag:yaml.org,2002:float';

/**
 * Parse YAML as data only: YAML 1.2 core schema (no timestamps, so no Date
 * objects and no time-zone shift) without numbers, so that phone numbers
 * and case numbers keep their leading zeros and dashes as written.
 */
export function parseYaml(file: VFile, source: string, lineOffset = 0): ParsedYaml | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    schema: 'core',
    customTags: (tags) =>
      tags.filter((tag) => typeof tag !== 'object' || (tag.tag !== YAML_TAG_INT && tag.tag !== YAML_TAG_FLOAT)),
    uniqueKeys: true,
    // Warnings (e.g. about collection keys) would reach stderr in English; the schema judges keys.
    logLevel: 'error',
  });
  const pointAt = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      // The duplicate key itself is the most useful thing to name.
      const key = error.code === 'DUPLICATE_KEY' ? /^[^:\n]+/.exec(source.slice(error.pos[0]))?.[0]?.trim() : undefined;
      report(file, { rule: 'yaml-syntaks', reason: yamlMessage(error.code, key), place: pointAt(error.pos[0]) });
    }
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // toJS throws for alias expansion beyond maxAliasCount ("billion laughs").
    report(file, { rule: 'yaml-syntaks', reason: yamlMessage('ALIAS_LIMIT'), place: { line: 1 + lineOffset, column: 1 } });
    return undefined;
  }
  return {
    data,
    locate(path, target = 'value') {
      const node = nodeAt(doc, path, target);
      return node?.range ? pointAt(node.range[0]) : { line: 1 + lineOffset, column: 1 };
    },
  };
}

function nodeAt(doc: Document, path: readonly PropertyKey[], target: 'key' | 'value'): Node | undefined {
  let node: unknown = doc.contents;
  let found = node as Node | undefined;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) return found;
      node = last && target === 'key' ? pair.key : pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return found;
    }
    if (node && typeof node === 'object' && 'range' in node) found = node as Node;
  }
  return found;
}

const REFUSED_LANGUAGES = (language: string) => () => {
  throw new FrontmatterLanguageError(language);
};

class FrontmatterLanguageError extends Error {
  constructor(readonly language: string) {
    super(language);
  }
}

/**
 * Split once per file: the result (and its diagnostics) is kept in the
 * vfile's data, so later stages can ask again without repeating messages.
 */
export function splitFrontmatter(file: VFile): ParsedMarkdown {
  const cached = file.data.frontmatter as ParsedMarkdown | undefined;
  if (cached) return cached;
  const result = split(file);
  file.data.frontmatter = result;
  return result;
}

function split(file: VFile): ParsedMarkdown {
  // Windows line ends would leave a "\r" in the last frontmatter value.
  const text = String(file.value).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Only YAML is data. gray-matter would evaluate `---js` blocks: refuse them.
    parsed = matter(text, {
      engines: {
        yaml: () => ({}),
        js: REFUSED_LANGUAGES('js'),
        javascript: REFUSED_LANGUAGES('javascript'),
        coffee: REFUSED_LANGUAGES('coffee'),
        coffeescript: REFUSED_LANGUAGES('coffeescript'),
        json: REFUSED_LANGUAGES('json'),
        toml: REFUSED_LANGUAGES('toml'),
      },
    });
  } catch (error) {
    const language = error instanceof FrontmatterLanguageError ? error.language : /engine "?([^" ]+)/.exec(String(error))?.[1] ?? '?';
    report(file, {
      rule: 'frontmatter-sprog',
      reason: `Frontmatter skal være YAML, men er markeret som "${language}".`,
      note: 'Skriv "---" alene på første linje (uden sprognavn) og felterne som YAML.',
      place: { line: 1, column: 1 },
    });
    return { frontmatter: undefined, body: '', bodyLine: 1 };
  }
  const hasFrontmatter = matter.test(text);
  const consumed = text.length - parsed.content.length;
  const bodyLine = text.slice(0, consumed).split('\n').length;
  if (!hasFrontmatter) return { frontmatter: undefined, body: parsed.content, bodyLine: 1 };
  if (!text.slice(3).includes('\n---')) {
    report(file, {
      rule: 'frontmatter-ikke-lukket',
      reason: 'Frontmatter bliver ikke afsluttet: der mangler en linje med "---" efter felterne.',
      note: 'Skriv "---" alene på en linje efter det sidste felt.',
      place: { line: 1, column: 1 },
    });
    return { frontmatter: undefined, body: '', bodyLine: 1 };
  }
  const frontmatter = parseYaml(file, parsed.matter.replace(/^[^\n]*/, (rest) => ' '.repeat(rest.length)), 0);
  return { frontmatter, body: parsed.content, bodyLine };
}
