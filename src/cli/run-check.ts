/**
 * The check command: a thin shell over checkAll. Every diagnostic as
 * file:line:column, then a summary line and the exit code.
 */
import path from 'node:path';
import { checkAll, type CheckReport } from '../check.js';
import { PROJECT_ROOT, UsageError } from '../api.js';
import { annotations, countMessages, formatDiagnostics } from '../diagnostics/format.js';
import { HELP_FLAG, readCommandLine, type FlagSpec, type Usage } from './flags.js';
import { EXIT, plural, seconds, type CliIo } from './run.js';

export const CHECK_FLAGS = [
  { name: 'content', type: 'string', value: 'MAPPE', description: 'Find møderne i MAPPE i stedet for content/.' },
  { name: 'dagsorden', type: 'boolean', description: 'Kontrollér som build-dagsorden: ingen advarsler om punkter uden beslutning.' },
  { name: 'force', short: 'f', type: 'boolean', description: 'Kontrollér alle møder, også dem der var i orden og ikke er ændret.' },
  {
    name: 'base',
    type: 'string',
    value: 'REVISION',
    description: 'Sammenlign hvert møde, der var godkendt i git-revisionen REVISION (fx origin/main), med den: en stille ændring af beslutninger, protokol eller deltagere er en fejl.',
  },
  HELP_FLAG,
] as const satisfies readonly FlagSpec[];

export const CHECK_USAGE: Usage = {
  word: 'tjek',
  command: 'npm run check --',
  arguments: '[MAPPE …]',
  summary: [
    'Kontrollerer indholdet under content/ uden at lave PDF\'er: de samme fejl og advarsler, som build-referat ville finde',
    '(med --dagsorden dem, som build-dagsorden ville finde).',
    'Nævn en eller flere møde- eller forummapper for kun at kontrollere dem, fx content/sundhedsdirektoerkredsen/2024-02-07.',
    'Hver fejl står som fil:linje:kolonne. Et møde, der var i orden sidst, kontrolleres kun igen, når det eller værktøjet er ændret,',
    'så kommandoen er hurtig nok til at køre før hver commit (se README).',
  ],
  exitCodes: ['0  ingen fejl (advarsler er tilladt)', '1  mindst én fejl i indholdet', '2  forkert brug af kommandoen'],
};

/** Beside the dependencies, where tools keep caches; never committed. */
export const CACHE_FILE = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'referat', 'check.json');

function summary(report: CheckReport, ms: number): string {
  const time = `(${seconds.format(ms / 1000)} s)`;
  if (report.forums === 0) return `Ingen fora eller møder fundet ${time}.`;
  const { errors, warnings } = countMessages(report.files);
  const found = [errors > 0 ? plural(errors, 'fejl', 'fejl') : 'ingen fejl', ...(warnings > 0 ? [plural(warnings, 'advarsel', 'advarsler')] : [])];
  const unchanged = report.unchanged > 0 ? ` (${report.unchanged} ${report.unchanged === 1 ? 'uændret' : 'uændrede'})` : '';
  return `${plural(report.forums, 'forum', 'fora')} og ${plural(report.meetings, 'møde', 'møder')} kontrolleret${unchanged}: ${found.join(', ')} ${time}.`;
}

export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const parsed = readCommandLine(CHECK_USAGE, CHECK_FLAGS, argv, io);
  if ('exit' in parsed) return parsed.exit;
  const started = performance.now();
  let report;
  try {
    report = await checkAll({
      cwd: io.cwd,
      contentDir: parsed.values.content,
      targets: parsed.positionals,
      kind: parsed.values.dagsorden ? 'dagsorden' : 'referat',
      cacheFile: CACHE_FILE,
      force: parsed.values.force,
      base: parsed.values.base,
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    return EXIT.usage;
  }
  const diagnostics = formatDiagnostics(report.files);
  if (diagnostics.length > 0) io.out(`${diagnostics.join('\n')}\n`);
  if (io.annotate) for (const line of annotations(report.files)) io.annotate(line);
  io.out(summary(report, performance.now() - started));
  return report.ok ? EXIT.ok : EXIT.failed;
}
