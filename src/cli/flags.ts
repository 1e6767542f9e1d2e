/**
 * The command line, declared as data: parsing and --help both come from here.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KIND_WORDS, type DocumentKind } from '../render/edition.js';

export interface FlagSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  /** Placeholder shown in --help for a string flag. */
  value?: string;
  description: string;
}

/** Every command has it; readCommandLine answers it. */
export const HELP_FLAG = { name: 'help', short: 'h', type: 'boolean', description: 'Vis denne hjælp.' } as const satisfies FlagSpec;

export const BUILD_FLAGS = [
  { name: 'out', short: 'o', type: 'string', value: 'MAPPE', description: 'Skriv PDF-filerne i MAPPE i stedet for output/.' },
  { name: 'content', type: 'string', value: 'MAPPE', description: 'Find møderne i MAPPE i stedet for content/.' },
  { name: 'jobs', short: 'j', type: 'string', value: 'ANTAL', description: 'Tryk ANTAL møder ad gangen (standard: to pr. CPU-kerne).' },
  { name: 'force', short: 'f', type: 'boolean', description: 'Byg alle møder igen, også dem der ikke er ændret.' },
  { name: 'html', type: 'boolean', description: 'Gem også den HTML, der blev trykt, ved siden af hver PDF.' },
  { name: 'shard', type: 'string', value: 'I/N', description: 'Byg kun del I af N af møderne (til at dele arbejdet på flere CI-maskiner).' },
  { name: 'templates', type: 'string', value: 'MAPPE', description: 'Brug layoutskabelonerne i MAPPE i stedet for templates/.' },
  { name: 'timeout', type: 'string', value: 'SEKUNDER', description: 'Giv højst SEKUNDER til at bygge ét møde: læse bilag, trykke alle udgaver og gøre dem færdige (standard: 120).' },
  { name: 'quiet', short: 'q', type: 'boolean', description: 'Skriv kun fejl og advarsler (til scripts).' },
  HELP_FLAG,
] as const satisfies readonly FlagSpec[];

/** A command's usage, shown by --help. */
export interface Usage {
  /** The Danish command of `npx referat` (see scripts/cli.mjs), e.g. "byg". */
  word: string;
  /** The npm script that runs it, e.g. "npm run build-referat --". */
  command: string;
  arguments: string;
  summary: string[];
  exitCodes: string[];
}

/** build-referat and build-dagsorden: the same command for each kind of document. */
export function buildUsage(kind: DocumentKind): Usage {
  const { noun } = KIND_WORDS[kind];
  return {
    word: kind === 'referat' ? 'byg' : 'byg-dagsorden',
    command: `npm run build-${kind} --`,
    arguments: '[MØDEMAPPE …]',
    summary: [
      `Bygger PDF-${kind === 'referat' ? 'referater' : 'dagsordener'} af møderne under content/ til output/<forum>/<ÅÅÅÅ-MM-DD>-${kind}.pdf.`,
      `Har mødet lukkede punkter, kommer også en offentlig udgave uden dem (-${kind}-offentlig.pdf); har det bilag, også en samlet udgave med bilagene bagest (-${kind}-samlet.pdf).`,
      `Nævn en eller flere møde- eller forummapper for kun at bygge dem, fx content/sundhedsdirektoerkredsen/2024-02-07.`,
      `Møder, der ikke er ændret siden sidste bygning, springes over; filer fra slettede møder fjernes.`,
    ],
    exitCodes: [
      `0  alle møders ${noun.toLowerCase()} blev bygget`,
      '1  mindst ét møde havde fejl i indholdet eller kunne ikke trykkes',
      '2  forkert brug af kommandoen',
    ],
  };
}

type Values<F extends readonly FlagSpec[]> = {
  [K in F[number] as K['name']]?: K['type'] extends 'string' ? string : boolean;
};

export class FlagError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/**
 * A command's arguments, parsed; or answered already: `--help` printed
 * (exit 0), or a usage error printed with the help (exit 2).
 */
export function readCommandLine<F extends readonly FlagSpec[]>(
  usage: Usage,
  flags: F,
  argv: string[],
  io: { out: (line: string) => void; err: (line: string) => void; env?: NodeJS.ProcessEnv },
): { values: Values<F>; positionals: string[] } | { exit: number } {
  const swallowed = swallowedByNpm(flags, argv, io.env ?? {});
  if (swallowed.length > 0) {
    const written = swallowed.map((flag) => `--${flag.name}`).join(' ');
    io.err(
      `npm tog selv ${written} og sendte ${swallowed.length === 1 ? 'det' : 'dem'} ikke videre, så intet er gjort.\n` +
        `Skriv "--" foran tilvalgene: ${usage.command} ${written} …\n` +
        `eller brug kommandoen uden npm run: npx referat ${usage.word} ${written} …`,
    );
    return { exit: EXIT.usage };
  }
  try {
    const parsed = parseFlags(flags, argv);
    if ((parsed.values as { help?: boolean }).help) {
      io.out(helpText(usage, flags));
      return { exit: EXIT.ok };
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    io.err(`${error.message}\n\n${helpText(usage, flags)}`);
    return { exit: EXIT.usage };
  }
}

/**
 * `npm run build-referat --force` (without "--") gives the flag to npm,
 * which keeps it as npm_config_force and runs the command without it; a
 * value after it becomes an argument of its own. The command would then
 * quietly do something else: the flags are found in the environment npm
 * passes to its scripts instead, and refused with the right way to write them.
 */
function swallowedByNpm(flags: readonly FlagSpec[], argv: string[], env: NodeJS.ProcessEnv): FlagSpec[] {
  if (env.npm_lifecycle_event === undefined) return [];
  return flags.filter((flag) => {
    const value = env[`npm_config_${flag.name.replace(/-/g, '_')}`];
    const given = argv.some((arg) => arg === `--${flag.name}` || arg.startsWith(`--${flag.name}=`));
    return flag !== HELP_FLAG && value !== undefined && value !== '' && !given;
  });
}

export function parseFlags<F extends readonly FlagSpec[]>(flags: F, argv: string[]): { values: Values<F>; positionals: string[] } {
  const options: ParseArgsConfig['options'] = Object.fromEntries(
    flags.map((flag) => [flag.name, { type: flag.type, ...(flag.short ? { short: flag.short } : {}) }]),
  );
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Values<F>, positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const option = /'([^']+)'/.exec(String((error as Error).message))?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new FlagError(`Ukendt tilvalg ${option}.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new FlagError(`Tilvalget ${option} skal have en værdi.`);
    throw new FlagError(`Kunne ikke forstå kommandoen: ${(error as Error).message}`);
  }
}

export function helpText(usage: Usage, flags: readonly FlagSpec[]): string {
  const rows = flags.map((flag) => {
    const names = `${flag.short ? `-${flag.short}, ` : '    '}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
    return [names, flag.description] as const;
  });
  const width = Math.max(...rows.map(([names]) => names.length)) + 2;
  const tail = `[TILVALG]${usage.arguments ? ` ${usage.arguments}` : ''}`;
  return [
    `Brug: npx referat ${usage.word} ${tail}`,
    `  eller: ${usage.command} ${tail}`,
    '',
    ...usage.summary,
    '',
    'Tilvalg:',
    ...rows.map(([names, description]) => `  ${names.padEnd(width)}${description}`),
    '',
    'Afslutningskoder:',
    ...usage.exitCodes.map((line) => `  ${line}`),
  ].join('\n');
}
