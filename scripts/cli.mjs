#!/usr/bin/env node
/**
 * Runs a referat command (src/cli/<command>.ts) as compiled JavaScript from
 * dist/, compiling src/ with esbuild first whenever a source file changed.
 * Compiling every module on every start (tsx) costs more than half a second
 * and a second of CPU; a secretariat's rebuild of one meeting should not.
 *
 *   node scripts/cli.mjs <command> [arguments …]     e.g. main referat --force
 *   npx referat <kommando> [arguments …]            e.g. byg --force (package.json "bin")
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const STAMP = '.kilde';
/** The process entries under src/cli/: one bundle each. */
const COMMANDS = ['main', 'check', 'new-meeting', 'preview'];

/** Every TypeScript file under src/, sorted, with paths relative to src/. */
function sources(dir = SRC) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(SRC, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * A digest of the sources' names and bytes, of the lockfile (the bundle holds
 * the dependencies too) and of this file (how they are bundled): dist/ is
 * current when it was made from the same.
 */
function digest(files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(SRC, file))).update('\0');
  hash.update(readFileSync(path.join(ROOT, 'package-lock.json'))).update('\0');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest('hex');
}

function builtFrom() {
  try {
    return readFileSync(path.join(DIST, STAMP), 'utf8');
  } catch {
    return undefined;
  }
}

async function compile(stamp) {
  const { build } = await import('esbuild');
  // Built beside dist/ and renamed into place: a concurrent run sees the old
  // or the new dist/, never half of one.
  const staging = `${DIST}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await build({
      entryPoints: COMMANDS.map((name) => path.join(SRC, 'cli', `${name}.ts`)),
      outdir: staging,
      outbase: SRC,
      // One file per command plus shared chunks, dependencies included:
      // resolving and reading the hundreds of small modules of remark and
      // Puppeteer cost more than half a second per run. What only printing
      // needs stays in chunks that a run with nothing to print never loads.
      bundle: true,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      // Puppeteer's configuration reader loads .puppeteerrc.cjs through
      // CommonJS internals that only work unbundled; its TypeScript loader is
      // optional and not installed.
      external: ['cosmiconfig', 'typescript'],
      // Dependencies written as CommonJS call require() inside the bundle.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'error',
    });
    writeFileSync(path.join(staging, STAMP), stamp);
    // Another run may have put the same build in place meanwhile, and be
    // loading its chunks: leave that one be.
    if (builtFrom() === stamp) {
      rmSync(staging, { recursive: true, force: true });
      return;
    }
    rmSync(DIST, { recursive: true, force: true });
    renameSync(staging, DIST);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another run put the same build in place first.
    if (builtFrom() !== stamp) throw error;
  }
}

/**
 * The Danish commands of `npx referat`: a process entry and its first
 * arguments. Each command's --help comes from its declared flags; the word
 * is also its Usage.word in src/cli/ (a test keeps them the same).
 */
const WORDS = {
  byg: { entry: ['main', 'referat'], summary: 'Byg referaterne (PDF) af møderne under content/.' },
  'byg-dagsorden': { entry: ['main', 'dagsorden'], summary: 'Byg dagsordenerne (PDF).' },
  tjek: { entry: ['check'], summary: 'Kontrollér indholdet uden at lave PDF\'er.' },
  'nyt-møde': { entry: ['new-meeting'], summary: 'Opret et nyt møde ud fra forummets standarder.' },
  vis: { entry: ['preview'], summary: 'Vis møderne i browseren, mens du skriver.' },
};

function commandList() {
  const width = Math.max(...Object.keys(WORDS).map((word) => word.length)) + 2;
  return [
    'Brug: npx referat KOMMANDO [TILVALG] …',
    '',
    'Kommandoer:',
    ...Object.entries(WORDS).map(([word, { summary }]) => `  ${word.padEnd(width)}${summary}`),
    '',
    'Skriv npx referat KOMMANDO --help for kommandoens tilvalg.',
  ].join('\n');
}

let [command, ...args] = process.argv.slice(2);
if (command === undefined || command === '--help' || command === '-h' || command === 'hjælp') {
  process.stdout.write(`${commandList()}\n`);
  process.exit(command === undefined ? 2 : 0);
}
if (Object.hasOwn(WORDS, command)) [command, ...args] = [...WORDS[command].entry, ...args];
if (!COMMANDS.includes(command)) {
  process.stderr.write(`Ukendt kommando "${command}".\n\n${commandList()}\n`);
  process.exit(2);
}
const files = sources();
const stamp = digest(files);
if (builtFrom() !== stamp) await compile(stamp);
const entry = path.join(DIST, 'cli', `${command}.js`);
// The command reads its own arguments as if it had been started directly.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
