/**
 * The build pipeline without Chromium, on in-memory sources, for the fuzz
 * tests (tests/validate/fuzz.test.ts) and their child process
 * (fuzz-child.ts): the same stages in the same order as buildMeeting in
 * src/pipeline.ts, up to the HTML that would be printed. It catches nothing:
 * whatever escapes a stage escapes runPipeline.
 */
import { VFile } from 'vfile';
import type { Forum } from '../../src/content/schema.js';
import type { MeetingSource } from '../../src/load/load.js';
import { validateForum } from '../../src/validate/validate.js';
import { renderMeetingContent } from '../../src/check-meeting.js';
import { createMarkdownParser, type MarkdownParser } from '../../src/render/markdown.js';
import { buildView } from '../../src/render/build-view.js';
import { loadTemplates, type TemplateSet } from '../../src/render/template.js';
import { DEFAULT_TEMPLATES } from '../../src/api.js';
import { displayPath, formatMessage } from '../../src/diagnostics/format.js';

export const CWD = '/virtual/referat';
export const FORUM_ID = 'udvalget';
export const FORUM_DIR = `content/${FORUM_ID}`;

/** Two fixed, valid forums: the kommune defaults, and a region forum with its own (partial) section list. */
export const FORUM_YAML = {
  kommune: 'navn: Testudvalget\norganisation: Testrup Kommune\nlayout: kommune\nmødested: Rådhuset, mødelokale 1\nmødetid: "13:00-15:00"\n',
  region:
    'navn: Sundhedsudvalget Nord\norganisation: Region Nordjylland\nlayout: region\nmødested: Regionshuset\nmødetid: "14-16"\n' +
    'medlemmer:\n  - Anne Hansen\n  - Bo Jensen\nsagsbehandler:\n  navn: Trine Bloch\n  telefon: "99 74 15 92"\n  email: trine@example.dk\n' +
    'afsnit:\n  - afsnit: titel\n  - afsnit: indstilling\n  - afsnit: beslutning\n    overskrift: Udvalgets beslutning\n' +
    '  - afsnit: sagsfremstilling\n    indlejret: true\n  - afsnit: bilagsliste\n',
} as const;
export type ForumKind = keyof typeof FORUM_YAML;

/** A content file as bytes, so that any byte sequence (not only valid UTF-8) can be fed in. */
export interface FileSpec {
  /** File name inside the meeting folder, e.g. "01-punkt.md". */
  name: string;
  bytes: Uint8Array;
}

export interface MeetingSpec {
  forum: ForumKind;
  /** Meeting folder name, e.g. "2024-02-07". */
  id: string;
  index: Uint8Array;
  items: FileSpec[];
  /** Other files in the meeting folder: relative path → inside the folder (false: a symlink leading out). */
  files: [relative: string, inside: boolean][];
}

export interface Environment {
  forums: Record<ForumKind, Forum>;
  parse: MarkdownParser;
  templates: TemplateSet;
}

/** Validate the fixed forums once; they must be free of messages. */
export function createEnvironment(): Environment {
  const forums = {} as Record<ForumKind, Forum>;
  for (const kind of Object.keys(FORUM_YAML) as ForumKind[]) {
    const file = new VFile({ path: `${FORUM_DIR}/forum.yml`, cwd: CWD, value: Buffer.from(FORUM_YAML[kind]) });
    const forum = validateForum({ id: FORUM_ID, dir: `${CWD}/${FORUM_DIR}`, file });
    if (!forum || file.messages.length > 0) throw new Error(`fixture forum ${kind} is invalid: ${file.messages.map(String).join('; ')}`);
    forums[kind] = forum;
  }
  return { forums, parse: createMarkdownParser(), templates: loadTemplates(DEFAULT_TEMPLATES) };
}

/** A 1×1 PNG: what the meeting's .png files hold. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** What load.ts records for a file inside the meeting: images are read so that they can be inlined. */
/** A bilag PDF only has to begin like one here: opening it is the print stage's work. */
const PDF_HEAD = Buffer.from('%PDF-1.7\n');

function fileInfo(relative: string, inside: boolean) {
  if (!inside) return { relative, inside };
  if (relative.endsWith('.png')) return { relative, inside, bytes: PNG, image: { mediaType: 'image/png', bytes: PNG } };
  return { relative, inside, bytes: relative.endsWith('.pdf') ? PDF_HEAD : Buffer.alloc(0) };
}

/** Fresh vfiles for one run: the pipeline writes messages and decoded text into them. */
export function meetingSource(spec: MeetingSpec): MeetingSource {
  const dir = `${FORUM_DIR}/${spec.id}`;
  return {
    id: spec.id,
    forumId: FORUM_ID,
    forumDir: `${CWD}/${FORUM_DIR}`,
    dir: `${CWD}/${dir}`,
    index: new VFile({ path: `${dir}/index.md`, cwd: CWD, value: Buffer.from(spec.index) }),
    items: spec.items.map((item) => new VFile({ path: `${dir}/${item.name}`, cwd: CWD, value: Buffer.from(item.bytes) })),
    files: new Map(spec.files.map(([relative, inside]) => [relative, fileInfo(relative, inside)])),
    folder: new VFile({ path: dir, cwd: CWD }),
    misnamed: [],
  };
}

export interface PipelineResult {
  source: MeetingSource;
  /** Every file that can carry messages, in build order. */
  files: VFile[];
  /** The HTML Chromium would print, when the meeting validated and rendered. */
  html?: string;
  fatal: boolean;
}

/** Stages 2–5 of buildMeeting (src/pipeline.ts): validate, Markdown, view, template. */
export function runPipeline(spec: MeetingSpec, environment: Environment): PipelineResult {
  const forum = environment.forums[spec.forum];
  const source = meetingSource(spec);
  // The build's own content stages (short of opening bilag PDFs, which are printing).
  const { files, rendered, valid } = renderMeetingContent(source, forum, environment.parse);
  const fatal = !valid;
  let html: string | undefined;
  if (rendered && valid) {
    const view = buildView(rendered);
    // Page numbers for the table of contents, as the print stage's first guess would give them.
    html = environment.templates.render(rendered.meeting.forum.layout, { ...view, toc: view.toc.map((entry, index) => ({ ...entry, page: index + 2 })) });
  }
  return { source, files, html, fatal };
}

/** A message as plain data, for assertions and for the child process to send back. */
export interface MessageRecord {
  path: string;
  rule: string | undefined;
  reason: string;
  note: string | undefined;
  line: number | undefined;
  column: number | undefined;
  fatal: boolean;
  formatted: string;
}

export function messageRecords(files: readonly VFile[]): MessageRecord[] {
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      path: displayPath(file),
      rule: message.ruleId ?? undefined,
      reason: String(message.reason),
      note: message.note ?? undefined,
      line: message.line ?? undefined,
      column: message.column ?? undefined,
      fatal: message.fatal === true,
      formatted: formatMessage(file, message),
    })),
  );
}

/** English words that must not appear in a Danish reason (outside quoted content). */
const ENGLISH = /\b(?:the|is|are|must|not|be|of|with|please|should|cannot|allowed|expected|unexpected|invalid|contains|only|which|this|that|was|were|has|have|and|from|error|indicator|node|source)\b/i;

/**
 * Content quoted into a reason ("…" from quote(), the keys listed in "en
 * gruppe af felter (…)") is the user's, not the message's: leave it out.
 */
function ownText(reason: string): string {
  const first = reason.indexOf('"');
  const last = reason.lastIndexOf('"');
  const unquoted = first >= 0 && last > first ? reason.slice(0, first) + reason.slice(last + 1) : reason;
  return unquoted.replace(/\(([^()]*)\)/g, '');
}

/**
 * What is wrong with a message as the secretariat would read it, or an empty
 * list. `expectedPrefix` is the display path the formatted line must start with.
 */
export function messageProblems(message: MessageRecord, options: { skipLanguage?: (message: MessageRecord) => boolean } = {}): string[] {
  const problems: string[] = [];
  const texts = [message.reason, message.note ?? ''];
  if (typeof message.reason !== 'string' || message.reason.trim() === '') problems.push('empty reason');
  if (!message.rule) problems.push('no rule id');
  for (const text of texts) {
    if (/^\s+at\s/m.test(text) || /\bat .+:\d+:\d+\)?$/m.test(text)) problems.push(`stack trace line in ${JSON.stringify(text)}`);
    if (/\b[A-Z][A-Za-z]*Error\b|\bError:/.test(text)) problems.push(`error class name in ${JSON.stringify(text)}`);
    if (/\bundefined\b|\bNaN\b|\[object Object\]/.test(ownText(text))) problems.push(`placeholder in ${JSON.stringify(text)}`);
  }
  if (!options.skipLanguage?.(message) && ENGLISH.test(ownText(message.reason))) problems.push(`English in reason ${JSON.stringify(message.reason)}`);
  if (!message.formatted.startsWith(message.path)) problems.push(`formatted message does not start with ${message.path}: ${message.formatted}`);
  if (message.path === '' || message.path === '.') problems.push('message names no file');
  return problems;
}
