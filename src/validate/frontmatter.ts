/**
 * Split a Markdown file into YAML frontmatter and body, and parse the YAML
 * into plain data with a map from field paths to source positions.
 */
import matter from 'gray-matter';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import { report } from '../diagnostics/diagnostic.js';
import { quote, yamlMessage } from '../diagnostics/catalogue.js';

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
    const lines = source.split('\n');
    const lineOf = (offset: number) => lineCounter.linePos(offset).line;
    // After the first mistake the parser is lost: what it reports next is
    // mostly about text the user never wrote. Only the same kind of mistake
    // (another tab, another repeated field) is reported again.
    const first = doc.errors[0]!;
    const explained = explainYamlError(lines, lineOf(first.pos[0]));
    if (explained) {
      // Every line indented with a tab is the user's own mistake, not a follow-on.
      const at = explained.tab ? lines.flatMap((text, index) => (/^ *\t/.test(text) ? [index + 1] : [])) : [explained.line];
      for (const line of at) report(file, { rule: 'yaml-syntaks', reason: explained.reason, note: explained.note, place: { line: line + lineOffset, column: 1 } });
      return undefined;
    }
    for (const error of doc.errors.filter((error) => error.code === first.code)) {
      // The duplicate key itself is the most useful thing to name.
      const key = error.code === 'DUPLICATE_KEY' ? /^[^:\n]+/.exec(source.slice(error.pos[0]))?.[0]?.trim() : undefined;
      report(file, { rule: 'yaml-syntaks', reason: yamlMessage(error.code, key), place: pointAt(error.pos[0]) });
    }
    return undefined;
  }
  checkComments(file, doc, source, pointAt);
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

/** "titel: Punkt 3: Budget" */
const COLON_IN_VALUE = /^(\s*(?:-\s+)?)([^\s#"'\[{][^:]*):[ \t]+([^\s"'\[{|>].*:(?:[ \t].*)?)$/;
/** "afbud: []" above the list it was meant to hold. */
const EMPTY_LIST = /^(\s*)([^\s#-][^:]*):[ \t]*\[\s*\][ \t]*$/;

/**
 * The common mistakes behind a YAML syntax error, told the way a user can
 * fix them, at the line where they were made. `line` is 1-based.
 */
function explainYamlError(lines: string[], line: number): { reason: string; note: string; line: number; tab?: boolean } | undefined {
  for (let at = line; at >= Math.max(1, line - 1); at--) {
    const text = lines[at - 1] ?? '';
    const empty = EMPTY_LIST.exec(text);
    if (empty && /^\s*- /.test(lines[at] ?? '')) {
      const field = empty[2]!.trim();
      return {
        reason: `Feltet ${quote(field)} er skrevet som en tom liste ([]), men der står en liste under det.`,
        note: `Fjern [] efter ${field}:, så punkterne under feltet bliver listen.`,
        line: at,
      };
    }
  }
  const text = lines[line - 1] ?? '';
  if (/^ *\t/.test(text)) {
    return {
      reason: 'Linjen er rykket ind med en tabulator; felterne kan kun rykkes ind med mellemrum.',
      note: 'Slet tabulatoren, og ryk linjen ind med to mellemrum (under en liste: "  - ").',
      line,
      tab: true,
    };
  }
  const colon = COLON_IN_VALUE.exec(text);
  if (colon) {
    const field = colon[2]!.trim();
    const value = colon[3]!.replace(/"/g, "'");
    return {
      reason: `Værdien af feltet ${quote(field)} indeholder et kolon, som læses som starten på et nyt felt.`,
      note: `Sæt anførselstegn om ${field === 'titel' ? 'titlen' : 'værdien'}: ${colon[1]}${field}: "${value}"`,
      line,
    };
  }
  return undefined;
}

/**
 * " #" starts a YAML comment even inside a value: "titel: Punkt #3 …"
 * would silently become "Punkt". Say so, with the value as it would print.
 */
function checkComments(file: VFile, doc: Document, source: string, pointAt: (offset: number) => Point): void {
  visit(doc, {
    Pair(_, pair) {
      const value = pair.value;
      if (!isScalar(pair.key)) return;
      const field = String(pair.key.value);
      if (value === null || (isScalar(value) && value.value === null)) {
        const end = pair.key.range?.[2] ?? 0;
        const comment = /^[ \t]*:[ \t]+(#[^\n]*)/.exec(source.slice(end));
        if (comment) reportComment(file, field, undefined, comment[1]!, pointAt(end));
      } else if (isScalar(value) && value.type === 'PLAIN' && typeof value.value === 'string') {
        const comment = /^[ \t]+(#[^\n]*)/.exec(source.slice(value.range![1]));
        if (comment) reportComment(file, field, value.value, comment[1]!, pointAt(value.range![0]));
      }
    },
    Seq(_, seq) {
      for (const item of seq.items) {
        if (!isScalar(item) || item.type !== 'PLAIN' || typeof item.value !== 'string') continue;
        const comment = /^[ \t]+(#[^\n]*)/.exec(source.slice(item.range![1]));
        if (comment) reportComment(file, undefined, item.value, comment[1]!, pointAt(item.range![0]));
      }
    },
  });
}

function reportComment(file: VFile, field: string | undefined, kept: string | undefined, comment: string, place: Point): void {
  const whole = `${kept ?? ''}${kept ? ' ' : ''}${comment}`.replace(/"/g, "'");
  report(file, {
    rule: 'kommentar-i-vaerdi',
    ...(field ? { field } : {}),
    reason:
      kept === undefined
        ? `Feltet ${quote(field ?? '')} bliver tomt, fordi alt efter "#" læses som en kommentar.`
        : `Teksten fra "#" læses som en kommentar, så ${field ? `feltet ${quote(field)}` : 'linjen'} kun bliver ${quote(kept)}.`,
    note: `Sæt anførselstegn om hele værdien: ${field ? `${field}: ` : '- '}"${whole}"`,
    place,
  });
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

/** A file whose frontmatter cannot be told from its body: reported at its first line, and nothing of it is read. */
function refused(file: VFile, rule: string, reason: string, note: string): ParsedMarkdown {
  report(file, { rule, reason, note, place: { line: 1, column: 1 } });
  return { frontmatter: undefined, body: '', bodyLine: 1 };
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
    return refused(file, 'frontmatter-sprog', `Første linje skal være "---" alene, men der står "---${language}".`, 'Slet ordet efter "---", og skriv felterne på formen "navn: værdi" nedenunder.');
  }
  const hasFrontmatter = matter.test(text);
  const consumed = text.length - parsed.content.length;
  const bodyLine = text.slice(0, consumed).split('\n').length;
  if (!hasFrontmatter) {
    // Fields and a closing "---" without the opening one: the body would
    // show them as a heading the user never wrote.
    const fields = /^(?:[^\s#>*-][^:\n]*:.*\n)+---[ \t]*$/m.exec(text);
    if (fields?.index === 0) return refused(file, 'frontmatter-start-mangler', 'Der mangler en linje med "---" øverst i filen, før felterne.', 'Skriv "---" alene på første linje.');
    return { frontmatter: undefined, body: parsed.content, bodyLine: 1 };
  }
  if (!text.slice(3).includes('\n---')) {
    return refused(file, 'frontmatter-ikke-lukket', 'Der mangler en linje med "---" efter felterne øverst i filen.', 'Skriv "---" alene på linjen efter det sidste felt.');
  }
  const frontmatter = parseYaml(file, parsed.matter.replace(/^[^\n]*/, (rest) => ' '.repeat(rest.length)), 0);
  return { frontmatter, body: parsed.content, bodyLine };
}
