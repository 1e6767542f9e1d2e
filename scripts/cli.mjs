#!/usr/bin/env node
/**
 * Runs a referat command (src/cli/<command>.ts) as compiled JavaScript from
 * dist/, compiling src/ with esbuild first whenever a source file changed.
 * Compiling every module on every start (tsx) costs more than half a second
 * and a second of CPU; a secretariat's rebuild of one meeting should not.
 *
 *   node scripts/cli.mjs <command> [arguments …]     e.g. main referat --force
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const STAMP = '.kilde';

/** Every TypeScript file under src/, sorted, with paths relative to src/. */
function sources(dir = SRC) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(SRC, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** A digest of the sources' names and bytes: dist/ is current when it was made from the same. */
function digest(files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(SRC, file))).update('\0');
  return hash.digest('hex');
}

function builtFrom() {
  try {
    return readFileSync(path.join(DIST, STAMP), 'utf8');
  } catch {
    return undefined;
  }
}

async function compile(files, stamp) {
  const { build } = await import('esbuild');
  // Built beside dist/ and renamed into place: a concurrent run sees the old
  // or the new dist/, never half of one.
  const staging = `${DIST}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await build({
      entryPoints: files.map((file) => path.join(SRC, file)),
      outdir: staging,
      outbase: SRC,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'error',
    });
    writeFileSync(path.join(staging, STAMP), stamp);
    rmSync(DIST, { recursive: true, force: true });
    renameSync(staging, DIST);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another run put the same build in place first.
    if (builtFrom() !== stamp) throw error;
  }
}

const [command, ...args] = process.argv.slice(2);
if (!command || !existsSync(path.join(SRC, 'cli', `${command}.ts`))) {
  process.stderr.write(`Ukendt kommando "${command ?? ''}". Brug fx: node scripts/cli.mjs main referat\n`);
  process.exit(2);
}
const files = sources();
const stamp = digest(files);
if (builtFrom() !== stamp) await compile(files, stamp);
const entry = path.join(DIST, 'cli', `${command}.js`);
// The command reads its own arguments as if it had been started directly.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
