/**
 * The build-referat command: a thin shell over buildAll that prints one line
 * per meeting, then every diagnostic, then a summary, and returns the exit code.
 */
import path from 'node:path';
import { buildAll, UsageError, type MeetingResult } from '../api.js';
import { countMessages, formatDiagnostics } from '../diagnostics/format.js';
import { BUILD_FLAGS, FlagError, helpText, parseFlags } from './flags.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  signal?: AbortSignal;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

const seconds = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A path as the user would type it: relative inside the project, else absolute. */
function shown(target: string, cwd: string): string {
  const relative = path.relative(cwd, target);
  return relative === '' || relative.startsWith('..') ? target : relative;
}

function resultLine(result: MeetingResult, cwd: string): string {
  const time = `${seconds.format(result.ms / 1000)} s`;
  const where = shown(result.dir, cwd);
  switch (result.status) {
    case 'built':
      return `✓ ${shown(result.output!, cwd)} (${plural(result.pages!, 'side', 'sider')}, ${time})`;
    case 'invalid':
      return `✗ ${where}: ikke bygget – fejl i indholdet (se nedenfor)`;
    case 'failed':
      return `✗ ${where}: ikke bygget – trykningen mislykkedes (se nedenfor)`;
    case 'interrupted':
      return `✗ ${where}: afbrudt – en tidligere PDF er urørt`;
  }
}

export async function runBuild(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(BUILD_FLAGS, argv);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    io.err(`${error.message}\n\n${helpText(BUILD_FLAGS)}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.out(helpText(BUILD_FLAGS));
    return EXIT.ok;
  }

  const timeout = parsed.values.timeout === undefined ? undefined : Number(parsed.values.timeout);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    io.err(`Tilvalget --timeout skal være et positivt antal sekunder, men er "${parsed.values.timeout}".`);
    return EXIT.usage;
  }

  let report;
  try {
    report = await buildAll({
      timeout: timeout === undefined ? undefined : timeout * 1000,
      cwd: io.cwd,
      contentDir: parsed.values.content,
      outDir: parsed.values.out,
      targets: parsed.positionals,
      signal: io.signal,
      onResult: (result) => io.out(resultLine(result, io.cwd)),
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    return EXIT.usage;
  }

  const diagnostics = formatDiagnostics(report.files);
  if (diagnostics.length > 0) io.err(`\n${diagnostics.join('\n')}`);
  const built = report.results.filter((result) => result.status === 'built').length;
  const notBuilt = report.results.length - built;
  const { errors, warnings } = countMessages(report.files);
  const summary = [
    `${plural(built, 'møde', 'møder')} bygget`,
    ...(notBuilt > 0 ? [`${plural(notBuilt, 'møde', 'møder')} ikke bygget`] : []),
    ...(errors > 0 ? [plural(errors, 'fejl', 'fejl')] : []),
    ...(warnings > 0 ? [plural(warnings, 'advarsel', 'advarsler')] : []),
  ];
  if (report.results.length === 0) summary.splice(0, summary.length, 'Ingen møder fundet');
  io.out(`\n${summary.join(', ')}.`);
  if (io.signal?.aborted) {
    io.err('Afbrudt.');
    return EXIT.interrupted;
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}
