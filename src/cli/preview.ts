/**
 * Process entry for `npm run preview`: a live HTML preview of the meetings on
 * 127.0.0.1 until Ctrl-C. The work is in src/preview/.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { PreviewPage } from '../preview/renderer.js';
import type { Preview } from '../preview/preview.js';
import { PortInUseError } from '../preview/server.js';
import { HELP_FLAG, readCommandLine, type FlagSpec, type Usage } from './flags.js';
import { runCommand } from './command.js';
import { EXIT, type CliIo } from './run.js';

const DEFAULT_PORT = 4321;

const PREVIEW_FLAGS = [
  { name: 'port', short: 'p', type: 'string', value: 'PORT', description: `Vis forhåndsvisningen på PORT (standard: ${DEFAULT_PORT}; 0 vælger en ledig port).` },
  { name: 'content', type: 'string', value: 'MAPPE', description: 'Find møderne i MAPPE i stedet for content/.' },
  HELP_FLAG,
] as const satisfies readonly FlagSpec[];

const PREVIEW_USAGE: Usage = {
  word: 'vis',
  command: 'npm run preview --',
  arguments: '',
  summary: [
    `Viser møderne under content/ som HTML på http://127.0.0.1:${DEFAULT_PORT}/ (kun på denne maskine).`,
    'Siden opdaterer sig selv, når du gemmer en fil i content/ eller templates/. Har mødet fejl, står de på siden.',
    'Tryk Ctrl+C for at stoppe.',
  ],
  exitCodes: ['0  stoppet med Ctrl+C', '1  kunne ikke starte, fx fordi porten er optaget', '2  forkert brug af kommandoen'],
};


class OptionError extends Error {}

function portOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new OptionError(`Tilvalget --port skal være et helt tal fra 0 til 65535, men er "${value}".`);
  return port;
}

function contentOption(value: string | undefined, cwd: string): string {
  const dir = path.resolve(cwd, value ?? 'content');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Reported below, like a file in its place.
  }
  if (!isDir) throw new OptionError(`Mappen "${value ?? 'content'}" findes ikke.`);
  return dir;
}

function reloadLine(page: PreviewPage): string {
  switch (page.kind) {
    case 'index':
      return '↻ Listen over møder er opdateret.';
    case 'document':
      return `↻ ${page.key} er opdateret.`;
    case 'invalid':
      return `✗ ${page.key}: fejl i indholdet – se siden i browseren.`;
    case 'missing':
      return `− ${page.key} findes ikke længere.`;
    case 'failed':
      return `✗ ${page.key || 'Listen over møder'}: intern fejl – se siden i browseren.`;
  }
}

async function main(argv: string[], io: CliIo): Promise<number> {
  const { out, err, cwd } = io;
  const parsed = readCommandLine(PREVIEW_USAGE, PREVIEW_FLAGS, argv, io);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  let settings;
  try {
    if (positionals.length > 0) throw new OptionError(`Ukendt argument "${positionals[0]}". Vælg mappen med møderne med --content MAPPE.`);
    settings = { port: portOption(values.port), contentDir: contentOption(values.content, cwd), shownContent: values.content ?? 'content' };
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    err(error.message);
    return EXIT.usage;
  }

  // The pipeline's stages load only once the command line is in order: a usage error answers at once.
  const { startPreview } = await import('../preview/preview.js');
  let preview: Preview;
  try {
    preview = await startPreview({
      port: settings.port,
      contentDir: settings.contentDir,
      cwd,
      onReload: (pages) => pages.forEach((page) => out(reloadLine(page))),
      onWatchError: (error) => err(`Forhåndsvisningen kan ikke længere følge ændringer (${error.message}). Start npm run preview igen.`),
    });
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    err(error.message);
    return EXIT.failed;
  }
  out(`Forhåndsvisningen kører på ${preview.url}`);
  out(`Den følger ændringer i ${settings.shownContent.replace(/\/+$/, '')}/ og templates/. Tryk Ctrl+C for at stoppe.`);

  // Ctrl-C reaches npm, tsx and node at once: the first signal stops, the others find it stopping.
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => resolve());
  });
  await preview.close();
  out('Forhåndsvisningen er stoppet.');
  return EXIT.ok;
}

await runCommand(main);
