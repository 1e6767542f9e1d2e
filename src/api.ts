/**
 * The programmatic API the CLI and the tests share: build every meeting under
 * a content root (or the ones named) into PDF referater, with one browser,
 * a bounded number of meetings in flight, and nothing redone that is current.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { report } from './diagnostics/diagnostic.js';
import { fileDigest, folderSignature, meetingFingerprint, outputSignature, pipelineFingerprint } from './load/fingerprint.js';
import { findMeetings, findNonMeetingFolders, nonMeetingFoldersOfForum, isForumDir, isMeetingDir, loadForum, loadMeeting, meetingLocation, meetingsOfForum, type ForumSource, type MeetingLocation } from './load/load.js';
import { findChromiumOrNothing } from './print/chromium-path.js';
import { fontPackageDir } from './render/fonts.js';
import type { BuildContext, MeetingResult } from './pipeline.js';
import { reportNonMeetingFolder } from './validate/names.js';
import { isCurrent, readRecord, recordedMeetings, removeOutputs, writeRecord, type OutputRecord } from './write/manifest.js';
import type { DocumentKind } from './render/edition.js';
import { OutputWriteError } from './write/write.js';

export type { MeetingResult, MeetingStatus } from './pipeline.js';

/**
 * The folder with package.json above this module: one level up from src/
 * when run as TypeScript, further up from the compiled CLI's chunks in dist/.
 */
function projectRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`Ingen package.json over ${from}.`);
}

export const PROJECT_ROOT = projectRoot(path.dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_TEMPLATES = path.join(PROJECT_ROOT, 'templates');
/** One meeting's time limit (print/deadline.ts): the whole meeting, not each of its prints. */
export const DEFAULT_MEETING_TIMEOUT = 120_000;

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface BuildOptions {
  /** The document to build: "referat" (default) or "dagsorden". */
  kind?: DocumentKind;
  /** Root of the content tree; default "content". */
  contentDir?: string;
  /** Where PDFs are written: <outDir>/<forum>/<meeting>-referat.pdf; default "output". */
  outDir?: string;
  /** Meeting or forum folders to build; default every meeting under contentDir. */
  targets?: string[];
  templatesDir?: string;
  cwd?: string;
  /** Meetings in flight at once (one browser, a page per document); default: DEFAULT_JOBS. */
  jobs?: number;
  /** Print every meeting, current or not. */
  force?: boolean;
  /** Also write the exact HTML that was printed beside each PDF. */
  html?: boolean;
  /** Build only this deterministic share of the meetings. */
  shard?: Shard;
  /** Time limit for one whole meeting (bilag, every print, finishing), milliseconds; default DEFAULT_MEETING_TIMEOUT. */
  timeout?: number;
  /** Aborting stops before the next meeting and closes the browser. */
  signal?: AbortSignal;
  /** Called once the meetings are known. */
  onStart?: (total: number) => void;
  /** Called after each meeting, in the order they finish. */
  onResult?: (result: MeetingResult) => void;
}

export interface BuildReport {
  /** One per meeting, in content order. */
  results: MeetingResult[];
  /** Outputs removed because their meeting no longer exists. */
  removed: string[];
  /** Every file that has diagnostics (errors or warnings), in content order. */
  files: VFile[];
  /** True when every meeting was built or already current. */
  ok: boolean;
}

/**
 * Twice the CPU count: Chromium prints a document in steps that mostly keep
 * one core busy each (loading, layout, PDF generation, handing it over), so
 * with only as many documents as cores in flight a core idles between steps.
 * Measured on 2 cores, 200 meetings: 91 s with 2 meetings in flight, 75 s with 4.
 */
export const DEFAULT_JOBS = 2 * availableParallelism();

export class UsageError extends Error {}

/**
 * Folders in the forums to build that are not named as meetings, each with
 * its message: the whole content root, or the forum folders named.
 */
export function nonMeetingFolders(targets: string[], contentDir: string, cwd: string): VFile[] {
  const folders = targets.length
    ? targets.map((target) => path.resolve(cwd, target)).filter(isForumDir).flatMap((dir) => nonMeetingFoldersOfForum(dir, cwd))
    : existsSync(contentDir)
      ? findNonMeetingFolders(contentDir, cwd)
      : [];
  return folders.map((folder) => reportNonMeetingFolder(folder, cwd));
}

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

/**
 * A bug in the pipeline fails that meeting with a plain "internal error"
 * naming it; the other meetings still build.
 */
interface Outcome {
  result: MeetingResult;
  files: VFile[];
}

function internalFailure(location: MeetingLocation, cwd: string, error: unknown): Outcome {
  const file = new VFile({ path: location.dir, cwd });
  report(file, {
    rule: 'intern-fejl',
    reason: `Intern fejl i referat under behandling af mødet (${error instanceof Error ? error.message : String(error)}).`,
    note: 'Det er ikke nødvendigvis en fejl i indholdet. Meld fejlen med denne besked; kør med REFERAT_DEBUG=1 for detaljer.',
  });
  if (process.env.REFERAT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return { result: { forumId: location.forumId, meetingId: location.id, dir: location.dir, status: 'failed', ms: 0 }, files: [file] };
}

/** Which shard a meeting belongs to: a stable hash of "<forum>/<meeting>". */
export function shardOf(key: { forumId: string; id: string }, count: number): number {
  const digest = createHash('sha256').update(`${key.forumId}/${key.id}`).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export async function buildAll(options: BuildOptions = {}): Promise<BuildReport> {
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.contentDir ?? 'content');
  const outDir = path.resolve(cwd, options.outDir ?? 'output');
  const inShard = (key: { forumId: string; id: string }) => !options.shard || shardOf(key, options.shard.count) === options.shard.index;
  const locations = (options.targets?.length ? resolveTargets(options.targets, cwd) : findMeetings(contentDir)).filter(inShard);
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES;

  const html = options.html ?? false;
  const kind = options.kind ?? 'referat';
  const pipeline = pipelineFingerprint(PROJECT_ROOT, templatesDir, fontPackageDir(), findChromiumOrNothing());
  // The pipeline proper (Markdown, templates, Chromium) is loaded only when
  // some meeting needs printing: an unchanged archive is checked in a blink.
  let printing: Promise<{ pipeline: typeof import('./pipeline.js'); context: BuildContext }> | undefined;
  const printer = () =>
    (printing ??= (async () => {
      // Chromium is launched first, so that it starts in its own process
      // while the rest of the pipeline loads and the first meeting renders; a
      // failure to start is reported by the print that needs it.
      const browser = (await import('./print/browser.js')).createBrowserSession();
      if (!options.signal?.aborted) browser.get().catch(() => undefined);
      const module = await import('./pipeline.js');
      const context = module.createContext({ cwd, outDir, templatesDir, kind, timeout: options.timeout ?? DEFAULT_MEETING_TIMEOUT, html, signal: options.signal }, browser);
      return { pipeline: module, context };
    })());
  // Each forum is read once; its digest is taken before validation decodes it.
  const forums = new Map<string, { source: ForumSource; digest: string }>();
  const forumOf = (location: MeetingLocation) => {
    let forum = forums.get(location.forumDir);
    if (!forum) {
      const source = loadForum(location.forumDir, cwd);
      forum = { source, digest: fileDigest(source.file) };
      forums.set(location.forumDir, forum);
    }
    return forum;
  };
  const variant = [kind, html ? 'html' : 'pdf'];
  const build = async (location: MeetingLocation): Promise<Outcome> => {
    const started = performance.now();
    const forum = forumOf(location);
    const warnings: VFile[] = [];
    const record = readRecord(outDir, location, kind, warnings, cwd);
    const unchanged = (current: OutputRecord): Outcome => {
      const outputs = current.outputs.map((output) => path.join(outDir, output));
      const result: MeetingResult = {
        forumId: location.forumId,
        meetingId: location.id,
        dir: location.dir,
        status: 'unchanged',
        output: outputs[0],
        outputs,
        pages: current.pages,
        ms: performance.now() - started,
      };
      return { result, files: [] };
    };
    // Taken before the files are read: whatever changes after it shows next time.
    const folder = folderSignature(location.dir);
    const signature = folder && outputSignature(pipeline, forum.digest, variant, folder);
    if (!options.force && isCurrent(outDir, record, { signature })) return unchanged(record);
    const source = loadMeeting(location, cwd);
    const fingerprint = meetingFingerprint(pipeline, forum.digest, source, variant);
    if (!options.force && isCurrent(outDir, record, { fingerprint })) {
      // The same content with new file times (a checkout, a copy): remembered, so the next run need not read it.
      try {
        if (signature) writeRecord(outDir, location, kind, { ...record, signature });
      } catch (error) {
        // Only a shortcut for next time: an output folder that cannot take it costs a reread then.
        if (!(error instanceof OutputWriteError)) throw error;
      }
      return unchanged(record);
    }
    const { pipeline: stages, context } = await printer();
    const built = await stages.buildMeeting(source, forum.source, context, { fingerprint, signature, previous: record });
    return { ...built, files: [...warnings, ...built.files] };
  };

  // A full build also clears away what deleted meetings left behind.
  const recordWarnings: VFile[] = [];
  const removed = options.targets?.length
    ? []
    : recordedMeetings(outDir, kind)
        .filter((key) => inShard(key) && !existsSync(path.join(contentDir, key.forumId, key.id)))
        .flatMap((key) => removeOutputs(outDir, key, kind, recordWarnings, cwd));

  options.onStart?.(locations.length);
  const outcomes: Outcome[] = new Array(locations.length);
  let next = 0;
  // Each worker renders its next meeting while the others' prints run in Chromium.
  const worker = async () => {
    while (next < locations.length && !options.signal?.aborted) {
      const index = next++;
      const outcome = await build(locations[index]!).catch((error: unknown) => internalFailure(locations[index]!, cwd, error));
      // Keep only what the report needs: memory must not grow with the archive.
      outcomes[index] = { result: outcome.result, files: outcome.files.filter((file) => file.messages.length > 0) };
      options.onResult?.(outcomes[index].result);
    }
  };
  // Ctrl-C kills the browser at once; the meetings being printed fail and the workers stop.
  const stop = () => void printing?.then(({ context }) => context.browser.kill());
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const jobs = Math.max(1, Math.min(options.jobs ?? DEFAULT_JOBS, locations.length || 1));
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    options.signal?.removeEventListener('abort', stop);
    if (printing) await (await printing).context.browser.close();
  }

  const done = outcomes.filter(Boolean);
  const files: VFile[] = [...recordWarnings, ...nonMeetingFolders(options.targets ?? [], contentDir, cwd)];
  for (const outcome of done) {
    for (const file of outcome.files) if (file.messages.length > 0 && !files.includes(file)) files.push(file);
  }
  const results = done.map((outcome) => outcome.result);
  const built = results.every((result) => result.status === 'built' || result.status === 'unchanged');
  return { results, removed, files, ok: built && files.every((file) => file.messages.every((message) => !message.fatal)) };
}
