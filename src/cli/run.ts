/**
 * The build-referat command: a thin shell over buildAll. On a terminal it
 * keeps one live progress line; otherwise it prints one line per meeting.
 * Then every diagnostic, a summary, and the exit code.
 */
import path from 'node:path';
import { buildAll, UsageError, type BuildOptions, type MeetingResult } from '../api.js';
import { annotations, countMessages, formatDiagnostics, printable, relativePath } from '../diagnostics/format.js';
import type { DocumentKind } from '../render/edition.js';
import { BUILD_FLAGS, buildUsage, EXIT, readCommandLine } from './flags.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Write a GitHub Actions workflow command as it is (in CI only): the one way around the output edge's escaping. */
  annotate?: (line: string) => void;
  /** Replace the live progress line (terminals only); "" clears it. */
  progress?: (line: string) => void;
  cwd: string;
  signal?: AbortSignal;
  /** The process environment, where npm leaves flags it took for itself (see flags.ts). */
  env?: NodeJS.ProcessEnv;
}

export { EXIT } from './flags.js';

export const seconds = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A path as the user would type it: relative inside the project, else absolute; made printable (folder names are content). */
export function shown(target: string, cwd: string): string {
  const relative = relativePath(cwd, target);
  return printable(relative === '' || relative.startsWith('..') ? target : relative);
}

/** The line printed for a meeting; none for one that was already current. */
function resultLine(result: MeetingResult, cwd: string): string | undefined {
  const time = `${seconds.format(result.ms / 1000)} s`;
  const where = shown(result.dir, cwd);
  switch (result.status) {
    case 'built':
      return [
        `✓ ${shown(result.output!, cwd)} (${plural(result.pages!, 'side', 'sider')}, ${time})`,
        ...(result.outputs ?? []).slice(1).map((output) => `  + ${shown(output, cwd)}`),
      ].join('\n');
    case 'unchanged':
      return undefined;
    case 'invalid':
      return `✗ ${where}: ikke bygget – fejl i indholdet (se nedenfor)`;
    case 'failed':
      return `✗ ${where}: ikke bygget – trykningen mislykkedes (se nedenfor)`;
    case 'interrupted':
      return `✗ ${where}: afbrudt – en tidligere PDF er urørt`;
  }
}

function clock(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

class OptionError extends Error {}

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new OptionError(`Tilvalget --${flag} skal være et helt tal på mindst 1, men er "${value}".`);
  return number;
}

function shardOption(value: string | undefined): BuildOptions['shard'] {
  if (value === undefined) return undefined;
  const [, index, count] = /^(\d+)\/(\d+)$/.exec(value) ?? [];
  const shard = { index: Number(index), count: Number(count) };
  if (!index || shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
    throw new OptionError(`Tilvalget --shard skal have formen I/N med 1 ≤ I ≤ N, fx 2/4, men er "${value}".`);
  }
  return shard;
}

export async function runBuild(argv: string[], io: CliIo, kind: DocumentKind = 'referat'): Promise<number> {
  const parsed = readCommandLine(buildUsage(kind), BUILD_FLAGS, argv, io);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  let numbers;
  try {
    numbers = {
      jobs: positiveInteger('jobs', values.jobs),
      timeout: positiveInteger('timeout', values.timeout),
      shard: shardOption(values.shard),
    };
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    io.err(error.message);
    return EXIT.usage;
  }
  const quiet = values.quiet ?? false;
  const say = (line: string) => {
    if (!quiet) io.out(line);
  };
  const progress = quiet ? undefined : io.progress;

  const started = performance.now();
  let total = 0;
  let done = 0;
  let report;
  try {
    report = await buildAll({
      kind,
      cwd: io.cwd,
      contentDir: values.content,
      outDir: values.out,
      templatesDir: values.templates === undefined ? undefined : path.resolve(io.cwd, values.templates),
      targets: parsed.positionals,
      jobs: numbers.jobs,
      force: values.force,
      html: values.html,
      shard: numbers.shard,
      timeout: numbers.timeout === undefined ? undefined : numbers.timeout * 1000,
      signal: io.signal,
      onStart: (count) => (total = count),
      onResult: (result) => {
        done++;
        const line = resultLine(result, io.cwd);
        if (line) {
          progress?.('');
          say(line);
        }
        if (progress && done < total) {
          const elapsed = performance.now() - started;
          const left = (elapsed / done) * (total - done);
          progress(`[${done}/${total}] ${printable(`${result.forumId}/${result.meetingId}`)} · ${clock(elapsed)} · ca. ${clock(left)} tilbage`);
        }
      },
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    return EXIT.usage;
  } finally {
    progress?.('');
  }

  for (const file of report.removed) say(`− ${shown(file, io.cwd)} fjernet (mødet findes ikke længere)`);
  const diagnostics = formatDiagnostics(report.files);
  if (diagnostics.length > 0) io.err(`\n${diagnostics.join('\n')}`);
  if (io.annotate) for (const line of annotations(report.files)) io.annotate(line);

  const count = (status: MeetingResult['status']) => report.results.filter((result) => result.status === status).length;
  const built = count('built');
  const unchanged = count('unchanged');
  const notBuilt = report.results.length - built - unchanged;
  const { errors, warnings } = countMessages(report.files);
  const summary = [
    `${plural(built, 'møde', 'møder')} bygget`,
    ...(unchanged > 0 ? [`${unchanged} ${unchanged === 1 ? 'uændret' : 'uændrede'}`] : []),
    ...(notBuilt > 0 ? [`${plural(notBuilt, 'møde', 'møder')} ikke bygget`] : []),
    ...(errors > 0 ? [plural(errors, 'fejl', 'fejl')] : []),
    ...(warnings > 0 ? [plural(warnings, 'advarsel', 'advarsler')] : []),
  ];
  if (report.results.length === 0) summary.splice(0, summary.length, 'Ingen møder fundet');
  say(`\n${summary.join(', ')} (${seconds.format((performance.now() - started) / 1000)} s).`);
  if (io.signal?.aborted) {
    io.err('Afbrudt.');
    return EXIT.interrupted;
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}
