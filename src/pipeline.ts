/**
 * One meeting through the pipeline: load → validate → render → print →
 * write. Each stage is a function from typed data to typed data; this file
 * only strings them together and decides when nothing needs doing.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import type { Forum } from './content/schema.js';
import { report } from './diagnostics/diagnostic.js';
import { isoDate } from './format/dates.js';
import type { ForumSource, MeetingSource } from './load/load.js';
import { ChromiumMissingError, createBrowserSession, type BrowserSession } from './print/browser.js';
import { isCrash, printFailure } from './print/failure.js';
import type { Browser } from 'puppeteer';
import { finalizePdf } from './print/finalize.js';
import { printPaginated } from './print/paginate.js';
import { buildView } from './render/build-view.js';
import { checkMarkdown, createMarkdownParser, renderMarkdown, type MarkdownParser } from './render/markdown.js';
import { loadTemplates, type TemplateSet } from './render/template.js';
import type { DocumentView } from './render/view.js';
import { validateForum, validateMeeting, type Meeting } from './validate/validate.js';
import { outputNames, writeRecord } from './write/manifest.js';
import { writeAtomic } from './write/write.js';

export type MeetingStatus = 'built' | 'unchanged' | 'invalid' | 'failed' | 'interrupted';

export interface MeetingResult {
  forumId: string;
  meetingId: string;
  dir: string;
  status: MeetingStatus;
  /** The PDF (built or unchanged). */
  output?: string;
  pages?: number;
  /** Times the document was printed: 1, unless measuring the contents missed. */
  prints?: number;
  /** Wall time for this meeting, milliseconds. */
  ms: number;
}

export interface RunSettings {
  cwd: string;
  outDir: string;
  templatesDir: string;
  timeout: number;
  /** Also write the printed HTML beside each PDF. */
  html: boolean;
  signal?: AbortSignal;
}

/** What a run shares between the meetings it prints: loaded once, used by all. */
export interface BuildContext extends RunSettings {
  templates: TemplateSet;
  parse: MarkdownParser;
  forums: Map<string, { file: VFile; forum: Forum | undefined }>;
  browser: BrowserSession;
}

/** Loaded only once a run has something to print (see api.ts). */
export function createContext(settings: RunSettings): BuildContext {
  return {
    ...settings,
    templates: loadTemplates(settings.templatesDir),
    parse: createMarkdownParser(),
    forums: new Map(),
    browser: createBrowserSession(),
  };
}


/** Validate, render, print and write one meeting (as loaded by api.ts) whose outputs are not current. */
export async function buildMeeting(
  source: MeetingSource,
  forumSource: ForumSource,
  context: BuildContext,
  fingerprint: string,
): Promise<{ result: MeetingResult; files: VFile[] }> {
  const started = performance.now();
  const forumEntry = forumFor(forumSource, context);
  const files = [forumEntry.file, source.folder, source.index, ...source.items];
  const names = outputNames(source, context.html);
  const finish = (status: MeetingStatus, extra: Partial<MeetingResult> = {}) => ({
    result: { forumId: source.forumId, meetingId: source.id, dir: source.dir, status, ms: performance.now() - started, ...extra },
    files,
  });

  const key = { forumId: source.forumId, id: source.id };

  const { forum } = forumEntry;
  const meeting = forum && validateMeeting(source, forum);
  const rendered = meeting && renderMarkdown(meeting, context.parse);
  if (forum && !meeting) checkMarkdown(source, forum, context.parse);
  const invalid = files.some((file) => file.messages.some((message) => message.fatal));
  if (!meeting || !rendered || invalid) return finish('invalid');
  // Interrupted while rendering: do not start (or restart) Chromium for it.
  if (context.signal?.aborted) return finish('interrupted');

  const view = buildView(rendered);
  const render = (current: DocumentView) => context.templates.render(meeting.forum.layout, current);
  // A crash may come from another meeting printing in the same browser: one
  // more try with a fresh browser tells an innocent bystander from the cause.
  for (let attempt = 1; ; attempt++) {
    let browser: Browser | undefined;
    try {
      browser = await context.browser.get();
      const printed = await printPaginated(view, browser, render, { timeout: context.timeout });
      const finished = await finalizePdf(printed.layout.doc, documentMetadata(meeting, printed.view), bookmarks(printed.view));
      writeAtomic(path.join(context.outDir, names.pdf), finished);
      // The document as printed: the contents with the pages it shows.
      if (names.html) writeAtomic(path.join(context.outDir, names.html), Buffer.from(render(printed.view)));
      const pages = printed.layout.pageCount;
      writeRecord(context.outDir, key, { fingerprint, outputs: Object.values(names), pages });
      return finish('built', { output: path.join(context.outDir, names.pdf), pages, prints: printed.prints });
    } catch (error) {
      if (context.signal?.aborted) return finish('interrupted');
      const crashed = !(error instanceof ChromiumMissingError) && isCrash(error, browser);
      if (crashed && browser) await context.browser.discard(browser);
      if (crashed && attempt === 1) continue;
      const failure = new VFile({ path: source.dir, cwd: context.cwd });
      files.push(failure);
      report(failure, printFailure(error, context.timeout, crashed));
      return finish('failed');
    }
  }
}

function documentMetadata(meeting: Meeting, view: DocumentView) {
  const { frontmatter, forum } = meeting;
  const issued = frontmatter.dato ?? frontmatter.mødedato;
  return {
    title: view.title,
    author: forum.organisation,
    subject: `Referat af møde i ${forum.navn} den ${view.meeting.mødedato.long}`,
    keywords: ['referat', forum.navn, isoDate(frontmatter.mødedato), ...(frontmatter.sagsnummer ? [frontmatter.sagsnummer] : [])],
    date: new Date(Date.UTC(issued.year, issued.month - 1, issued.day, 12)),
  };
}

function bookmarks(view: DocumentView) {
  return view.items.map((item) => ({ title: `Punkt ${item.nummer}: ${item.titel}`, destination: item.id }));
}

/** Each forum is validated once per run, however many of its meetings print. */
function forumFor(source: ForumSource, context: BuildContext): { file: VFile; forum: Forum | undefined } {
  let entry = context.forums.get(source.dir);
  if (!entry) {
    entry = { file: source.file, forum: validateForum(source) };
    context.forums.set(source.dir, entry);
  }
  return entry;
}
