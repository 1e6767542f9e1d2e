/**
 * One meeting through the pipeline: load → validate → render → print →
 * write. Each stage is a function from typed data to typed data; this file
 * only strings them together and decides when nothing needs doing.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import { VFile } from 'vfile';
import type { Forum } from './content/schema.js';
import { report, type DiagnosticInput } from './diagnostics/diagnostic.js';
import { isoDate } from './format/dates.js';
import type { ForumSource, MeetingSource } from './load/load.js';
import { ChromiumMissingError, type BrowserSession } from './print/browser.js';
import { isCrash, printFailure } from './print/failure.js';
import { DeadlinePassed, deadlineIn, type Deadline } from './print/deadline.js';
import type { Browser } from 'puppeteer';
import { appendAttachments } from './print/attachments.js';
import { checkMeeting } from './check-meeting.js';
import { checkBilagPdfs, samletConformance, type BilagCheck } from './finish/bilag.js';
import { finishPdf, FULL_CONFORMANCE } from './finish/finish.js';
import type { Bookmark } from './finish/outline.js';
import { finishAppended } from './finish/samlet.js';
import { finishPages } from './finish/pages.js';
import { printPaginated } from './print/paginate.js';
import { readLayout, type PrintedLayout } from './print/pdf-pages.js';
import { printPdf } from './print/print.js';
import { buildAttachmentsView, buildView, needsPublicEdition } from './render/build-view.js';
import { DRAFT_MARK, KIND_WORDS, type DocumentKind, type Edition } from './render/edition.js';
import { createMarkdownParser, type MarkdownParser, type RenderedMeeting } from './render/markdown.js';
import { loadTemplates, type TemplateSet } from './render/template.js';
import type { DocumentView } from './render/view.js';
import { validateForum, type Meeting } from './validate/validate.js';
import { outputName, writeRecord, type OutputRecord } from './write/manifest.js';
import { OutputWriteError, removeOutput, writeAtomic } from './write/write.js';
import { writeFailure } from './diagnostics/file-system.js';
import { quote } from './diagnostics/catalogue.js';
import { MEETING_BUDGET, megabytes } from './validate/limits.js';
import { shownPath } from './diagnostics/format.js';

export type MeetingStatus = 'built' | 'unchanged' | 'invalid' | 'failed' | 'interrupted';

export interface MeetingResult {
  forumId: string;
  meetingId: string;
  dir: string;
  status: MeetingStatus;
  /** The internal edition's PDF (built or unchanged). */
  output?: string;
  /** Every file written (built or unchanged): the PDF, the public edition, the samlet ones, HTML. */
  outputs?: string[];
  pages?: number;
  /** Documents printed, including reprints when measuring the contents missed. */
  prints?: number;
  /** Wall time for this meeting, milliseconds. */
  ms: number;
}

export interface RunSettings {
  cwd: string;
  outDir: string;
  templatesDir: string;
  /** Referat or dagsorden. */
  kind: DocumentKind;
  /** One meeting's time limit, milliseconds: all its bilag parsing, prints, reprints and finishing (print/deadline.ts). */
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
export function createContext(settings: RunSettings, browser: BrowserSession): BuildContext {
  return {
    ...settings,
    templates: loadTemplates(settings.templatesDir),
    parse: createMarkdownParser(),
    forums: new Map(),
    browser,
  };
}

/** Validate, render, print and write one meeting (as loaded by api.ts) whose outputs are not current. */
export async function buildMeeting(
  source: MeetingSource,
  forumSource: ForumSource,
  context: BuildContext,
  /** What the outputs will be made from, and the record of the last build (its outputs may be stale). */
  build: { fingerprint: string; signature?: string; previous?: OutputRecord },
): Promise<{ result: MeetingResult; files: VFile[] }> {
  const started = performance.now();
  const deadline = deadlineIn(context.timeout);
  const forumEntry = forumFor(forumSource, context);
  const files = [forumEntry.file];
  const finish = (status: MeetingStatus, extra: Partial<MeetingResult> = {}) => ({
    result: { forumId: source.forumId, meetingId: source.id, dir: source.dir, status, ms: performance.now() - started, ...extra },
    files,
  });
  const failed = (diagnostic: DiagnosticInput) => {
    const failure = new VFile({ path: source.dir, cwd: context.cwd });
    files.push(failure);
    report(failure, diagnostic);
    return finish('failed');
  };
  let checked;
  try {
    checked = await checkMeeting(source, forumEntry.forum, context.parse, context.kind, deadline);
  } catch (error) {
    // Its bilag took the meeting's whole time to parse.
    if (error instanceof DeadlinePassed) return failed(printFailure(error, context.timeout, false));
    throw error;
  }
  files.push(...checked.files);
  if (!checked.printable) return finish('invalid');
  const { rendered, attachmentPdfs } = checked.printable;
  const { meeting } = rendered;
  // Interrupted while rendering: do not start (or restart) Chromium for it.
  if (context.signal?.aborted) return finish('interrupted');

  const bilagChecks = checkBilagPdfs(meeting, attachmentPdfs);
  const editions: Edition[] = [{ kind: context.kind, public: false }];
  if (needsPublicEdition(meeting)) editions.push({ kind: context.kind, public: true });
  // A crash may come from another meeting printing in the same browser: one
  // more try with a fresh browser tells an innocent bystander from the cause.
  for (let attempt = 1; ; attempt++) {
    let browser: Browser | undefined;
    try {
      const current = await context.browser.get();
      browser = current;
      // Editions print side by side: a single changed meeting keeps both cores busy.
      const printed = await Promise.all(editions.map((edition) => printEdition(rendered, edition, { pdfs: attachmentPdfs, checks: bilagChecks }, current, context, deadline)));
      // Finishing counts too: a meeting past its limit writes nothing.
      deadline.left();
      // Checked before anything is written: the previous PDFs stay as they were.
      const oversized = printed.flatMap((edition) => [...edition.files]).find(([, bytes]) => bytes.byteLength > MEETING_BUDGET.outputBytes);
      if (oversized) {
        return failed({
          rule: 'over-budget',
          reason: `${quote(oversized[0])} ville fylde ${megabytes.format(oversized[1].byteLength / 2 ** 20)} MB; grænsen for én PDF er ${megabytes.format(MEETING_BUDGET.outputBytes / 2 ** 20)} MB.`,
          note: 'Gør billeder og PDF-bilag mindre, eller del mødet op. Den tidligere PDF er urørt.',
        });
      }
      const written: string[] = [];
      for (const edition of printed) {
        for (const [name, bytes] of edition.files) {
          writeAtomic(path.join(context.outDir, name), bytes);
          written.push(name);
        }
      }
      const prints = printed.reduce((sum, edition) => sum + edition.prints, 0);
      const { pages } = printed[0]!;
      // An edition the meeting no longer has (an item was reopened) must not linger.
      const key = { forumId: source.forumId, id: source.id };
      for (const stale of build.previous?.outputs ?? []) {
        if (!written.includes(stale)) removeOutput(path.join(context.outDir, stale));
      }
      writeRecord(context.outDir, key, context.kind, { fingerprint: build.fingerprint, signature: build.signature, outputs: written, pages });
      const outputs = written.map((name) => path.join(context.outDir, name));
      return finish('built', { output: outputs[0], outputs, pages, prints });
    } catch (error) {
      if (context.signal?.aborted) return finish('interrupted');
      const unwritten = error instanceof OutputWriteError ? writeFailure(error.cause, shownPath(error.target, context.cwd)) : undefined;
      if (unwritten) return failed(unwritten);
      const crashed = !(error instanceof ChromiumMissingError) && isCrash(error, browser);
      if (crashed && browser) await context.browser.discard(browser);
      // The retry has what is left of the meeting's time, not a time of its own.
      if (crashed && attempt === 1) continue;
      return failed(printFailure(error, context.timeout, crashed));
    }
  }
}

/**
 * Print one edition: the document, and its "samlet" document when it has
 * bilag to append. Returns the files to write (name → bytes), nothing written yet.
 */
async function printEdition(
  rendered: RenderedMeeting,
  edition: Edition,
  bilag: { pdfs: Map<number, PDFDocument>; checks: Map<number, BilagCheck> },
  browser: Browser,
  context: BuildContext,
  deadline: Deadline,
): Promise<{ files: Map<string, Uint8Array>; pages: number; prints: number }> {
  const { meeting } = rendered;
  const { layout } = meeting.forum;
  const key = { forumId: meeting.forumId, id: meeting.id };
  const render = (current: DocumentView) => context.templates.render(layout, current);
  const attachments = buildAttachmentsView(rendered, edition);
  const separatorsHtml = attachments.attachments.length > 0 ? context.templates.renderAttachments(layout, attachments) : undefined;
  // The bilag separators do not depend on the minutes: both print at once.
  const [printed, separators] = await Promise.all([
    printPaginated(buildView(rendered, edition), browser, render, { deadline }),
    separatorsHtml === undefined ? undefined : printPdf(browser, separatorsHtml, { deadline }).then(readLayout).then(withFinishedPages),
  ]);
  const metadata = documentMetadata(meeting, printed.view, edition);
  const itemBookmarks = bookmarks(printed.view);
  const finished = await finishPdf(printed.layout.doc, { metadata, bookmarks: itemBookmarks, conformance: FULL_CONFORMANCE });
  const files = new Map<string, Uint8Array>([[outputName(key, edition, 'pdf'), finished]]);
  // The document as printed: the contents with the pages it shows.
  if (context.html) files.set(outputName(key, edition, 'html'), Buffer.from(printed.html()));
  let prints = printed.prints;

  if (separators && separatorsHtml !== undefined) {
    prints++;
    if (context.html) files.set(outputName(key, edition, 'bilag-html'), Buffer.from(separatorsHtml));
    // The finished document is extended in place: it was saved above already.
    const { doc } = printed.layout;
    const attachmentBookmarks = await appendAttachments(doc, separators, attachments.attachments, bilag.pdfs);
    const pdfPages = attachments.attachments.map((part) => bilag.pdfs.get(part.nummer)?.getPageCount() ?? 0);
    const appended = attachmentBookmarks.map((bookmark, index) => ({
      title: bookmark.title,
      start: bookmark.pageIndex,
      separatorStart: separators.destinations.get(attachments.attachments[index]!.id)! - 1,
      pdfPages: pdfPages[index]!,
    }));
    finishAppended(doc, separators.doc, appended);
    const checks = attachments.attachments.flatMap((part) => bilag.checks.get(part.nummer) ?? []);
    const samlet = { ...metadata, title: `${metadata.title} – med bilag` };
    const bookmarks = [...itemBookmarks, ...attachmentBookmarks];
    files.set(outputName(key, edition, 'samlet'), await finishPdf(doc, { metadata: samlet, bookmarks, conformance: samletConformance(checks) }));
  }
  // An approved referat: anyone can check that a published file is the approved one (sha256sum -c).
  if (printed.view.approval) {
    for (const [name, bytes] of [...files].filter(([name]) => name.endsWith('.pdf'))) {
      files.set(`${name}.sha256`, Buffer.from(`${createHash('sha256').update(bytes).digest('hex')}  ${path.basename(name)}\n`));
    }
  }
  return { files, pages: printed.layout.pageCount, prints };
}

/** The printed document with its pages finished (text layer, artifacts; pages.ts). */
function withFinishedPages(layout: PrintedLayout): PrintedLayout {
  finishPages(layout.doc);
  return layout;
}

function documentMetadata(meeting: Meeting, view: DocumentView, edition: Edition) {
  const { frontmatter, forum } = meeting;
  const issued = frontmatter.dato ?? frontmatter.mødedato;
  const words = KIND_WORDS[edition.kind];
  return {
    title: view.title,
    author: forum.organisation,
    subject: `${view.draft ? `${DRAFT_MARK}: ` : ''}${words.subject} ${forum.navn} den ${view.meeting.mødedato.long}${edition.public ? ' (offentlig udgave)' : ''}`,
    keywords: [
      edition.kind,
      ...(view.draft ? [DRAFT_MARK] : []),
      forum.navn,
      isoDate(frontmatter.mødedato),
      ...(frontmatter.sagsnummer ? [frontmatter.sagsnummer] : []),
    ],
    date: new Date(Date.UTC(issued.year, issued.month - 1, issued.day, 12)),
  };
}

function bookmarks(view: DocumentView): Bookmark[] {
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
