/**
 * The programmatic API the CLI and the tests share: build one meeting, or
 * every meeting under a content root, into PDF referater.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TimeoutError } from 'puppeteer';
import type { VFile } from 'vfile';
import { findMeetings, isForumDir, isMeetingDir, loadForum, loadMeeting, meetingLocation, meetingsOfForum, type MeetingLocation } from './load/load.js';
import { validateForum, validateMeeting } from './validate/validate.js';
import { checkMarkdown, createMarkdownParser, renderMarkdown, type MarkdownParser } from './render/markdown.js';
import { buildView } from './render/build-view.js';
import { loadTemplates, type TemplateSet } from './render/template.js';
import { ChromiumMissingError, createBrowserSession, type BrowserSession } from './print/browser.js';
import { printPdf } from './print/print.js';
import { guessPages, printPaginated } from './print/paginate.js';
import { finalizePdf } from './print/finalize.js';
import { writeAtomic } from './write/write.js';
import { report } from './diagnostics/diagnostic.js';
import { VFile as VFileClass } from 'vfile';
import type { Forum } from './content/schema.js';
import { isoDate } from './format/dates.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_TEMPLATES = path.join(PROJECT_ROOT, 'templates');

export interface BuildOptions {
  /** Root of the content tree; default "content". */
  contentDir?: string;
  /** Where PDFs are written: <outDir>/<forum>/<meeting>-referat.pdf; default "output". */
  outDir?: string;
  /** Meeting or forum folders to build; default every meeting under contentDir. */
  targets?: string[];
  templatesDir?: string;
  cwd?: string;
  /** Time limit for printing one document, milliseconds; default 60 000. */
  timeout?: number;
  /** Aborting stops before the next meeting and closes the browser. */
  signal?: AbortSignal;
  /** Called after each meeting. */
  onResult?: (result: MeetingResult) => void;
}

export type MeetingStatus = 'built' | 'invalid' | 'failed' | 'interrupted';

export interface MeetingResult {
  forumId: string;
  meetingId: string;
  dir: string;
  status: MeetingStatus;
  output?: string;
  pages?: number;
  /** Wall time for this meeting, milliseconds. */
  ms: number;
}

export interface BuildReport {
  results: MeetingResult[];
  /** Every file that has diagnostics (errors or warnings), in build order. */
  files: VFile[];
  /** True when every meeting was built. */
  ok: boolean;
}

export class UsageError extends Error {}

/** Meeting folders named on the command line (a forum folder means all its meetings). */
export function resolveTargets(targets: string[], cwd: string): MeetingLocation[] {
  return targets.flatMap((target) => {
    const dir = path.resolve(cwd, target);
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      throw new UsageError(`Mappen "${target}" findes ikke.`);
    }
    if (isDir && isMeetingDir(dir)) return [meetingLocation(dir)];
    if (isDir && isForumDir(dir)) return meetingsOfForum(dir);
    throw new UsageError(
      `"${target}" er hverken en mødemappe (ÅÅÅÅ-MM-DD med index.md) eller en forummappe (med forum.yml).`,
    );
  });
}

interface BuildContext {
  cwd: string;
  outDir: string;
  templates: TemplateSet;
  parse: MarkdownParser;
  forums: Map<string, { file: VFile; forum: Forum | undefined }>;
  browser: BrowserSession;
  timeout: number;
  signal?: AbortSignal;
}

export function outputPath(outDir: string, location: MeetingLocation): string {
  return path.join(outDir, location.forumId, `${location.id}-referat.pdf`);
}

export async function buildAll(options: BuildOptions = {}): Promise<BuildReport> {
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.contentDir ?? 'content');
  const locations = options.targets?.length ? resolveTargets(options.targets, cwd) : findMeetings(contentDir);
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES;

  const context: BuildContext = {
    cwd,
    outDir: path.resolve(cwd, options.outDir ?? 'output'),
    templates: loadTemplates(templatesDir),
    parse: createMarkdownParser(),
    forums: new Map(),
    browser: createBrowserSession(),
    timeout: options.timeout ?? 60_000,
    signal: options.signal,
  };

  const results: MeetingResult[] = [];
  const files: VFile[] = [];
  // Ctrl-C kills the browser at once; the meeting being printed fails and the loop stops.
  const stop = () => context.browser.kill();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for (const location of locations) {
      if (options.signal?.aborted) break;
      const { result, files: meetingFiles } = await buildMeeting(location, context);
      results.push(result);
      files.push(...meetingFiles.filter((file) => file.messages.length > 0 && !files.includes(file)));
      options.onResult?.(result);
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await context.browser.close();
  }
  return { results, files, ok: results.every((result) => result.status === 'built') };
}

async function buildMeeting(
  location: MeetingLocation,
  context: BuildContext,
): Promise<{ result: MeetingResult; files: VFile[] }> {
  const started = performance.now();
  const forumEntry = forumFor(location, context);
  const source = loadMeeting(location, context.cwd);
  const files = [forumEntry.file, source.folder, source.index, ...source.items];
  const finish = (status: MeetingStatus, extra: Partial<MeetingResult> = {}) => ({
    result: { forumId: location.forumId, meetingId: location.id, dir: location.dir, status, ms: performance.now() - started, ...extra },
    files,
  });

  const { forum } = forumEntry;
  const meeting = forum && validateMeeting(source, forum);
  const rendered = meeting && renderMarkdown(meeting, context.parse);
  if (forum && !meeting) checkMarkdown(source, forum, context.parse);
  const invalid = files.some((file) => file.messages.some((message) => message.fatal));
  if (!meeting || !rendered || invalid) return finish('invalid');
  // Interrupted while rendering: do not start (or restart) Chromium for it.
  if (context.signal?.aborted) return finish('interrupted');

  try {
    const layout = meeting.forum.layout;
    const view = guessPages(buildView(rendered));
    const browser = await context.browser.get();
    const { pdf, layout: printed } = await printPaginated(view, (current) =>
      printPdf(browser, context.templates.render(layout, current), { timeout: context.timeout }),
    );
    const { frontmatter, forum } = meeting;
    const issued = frontmatter.dato ?? frontmatter.mødedato;
    const finished = await finalizePdf(pdf, {
      title: view.title,
      author: forum.organisation,
      subject: `Referat af møde i ${forum.navn} den ${view.meeting.mødedato.long}`,
      keywords: ['referat', forum.navn, isoDate(frontmatter.mødedato), ...(frontmatter.sagsnummer ? [frontmatter.sagsnummer] : [])],
      date: new Date(Date.UTC(issued.year, issued.month - 1, issued.day, 12)),
    }, view.items.map((item) => ({ title: `Punkt ${item.nummer}: ${item.titel}`, destination: item.id })));
    const output = outputPath(context.outDir, location);
    writeAtomic(output, finished);
    return finish('built', { output, pages: printed.pageCount });
  } catch (error) {
    if (context.signal?.aborted) return finish('interrupted');
    const failure = new VFileClass({ path: location.dir, cwd: context.cwd });
    files.push(failure);
    report(failure, printFailure(error, context.timeout, context.browser.healthy()));
    // Whatever went wrong in Chromium must not reach the next meeting.
    if (!(error instanceof ChromiumMissingError)) await context.browser.restart();
    return finish('failed');
  }
}

function printFailure(error: unknown, timeout: number, browserHealthy: boolean): Parameters<typeof report>[1] {
  if (error instanceof ChromiumMissingError) {
    return {
      rule: 'chromium-mangler',
      reason: error.message,
      note: 'Kør "npm run setup", installér Chromium (Debian: apt-get install chromium), eller sæt PUPPETEER_EXECUTABLE_PATH til en Chrome/Chromium.',
    };
  }
  if (error instanceof TimeoutError) {
    return {
      rule: 'tidsgraense',
      reason: `Trykningen tog mere end ${Math.round(timeout / 1000)} sekunder og blev stoppet.`,
      note: 'Mødet er usædvanlig stort eller komplekst. Del lange punkter op, eller giv mere tid med --timeout.',
    };
  }
  const detail = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
  // The CDP error can arrive before the browser's "disconnected" event.
  if (!browserHealthy || /Target closed|Session closed|Connection closed/i.test(detail)) {
    return {
      rule: 'chromium-stoppede',
      reason: `Chromium stoppede uventet under trykningen (${detail}).`,
      note: 'Det er ikke en fejl i indholdet. De øvrige møder bygges med en ny Chromium; prøv dette møde igen.',
    };
  }
  return {
    rule: 'intern-fejl',
    reason: `Intern fejl: mødet kunne ikke trykkes (${detail}).`,
    note: 'Det er ikke en fejl i indholdet. Prøv igen; sker det igen, så meld fejlen med denne besked.',
  };
}

function forumFor(location: MeetingLocation, context: BuildContext): { file: VFile; forum: Forum | undefined } {
  let entry = context.forums.get(location.forumDir);
  if (!entry) {
    const source = loadForum(location.forumDir, context.cwd);
    entry = { file: source.file, forum: validateForum(source) };
    context.forums.set(location.forumDir, entry);
  }
  return entry;
}
