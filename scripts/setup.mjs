#!/usr/bin/env node
/**
 * `npm run setup`: gets referat ready on this machine (Windows, macOS or
 * Linux) and builds the example meetings, saying in Danish what it found and
 * what it did.
 *
 *   1. Node.js new enough?
 *   2. A browser to print with (src/print/find-browser.cjs, as the pipeline
 *      looks): a configured one, Chrome or Edge, Debian's chromium (installed
 *      with apt-get when missing and allowed), else Puppeteer's own download
 *      during `npm ci` (.puppeteerrc.cjs skips it when a browser was found).
 *   3. pdftoppm (poppler) for the visual tests: installed with apt-get where
 *      that is possible; elsewhere optional, the tests skip without it.
 *   4. `npm ci`, then the example meetings' referater and dagsordener.
 *
 * Plain JavaScript with no dependencies: it runs before anything is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { findBrowser, findOnPath } = require('../src/print/find-browser.cjs');

const MINIMUM_NODE = [20, 19];
const machine = { exists: existsSync, env: process.env, platform: process.platform };

const say = (line) => process.stdout.write(`${line}\n`);
function fail(lines) {
  process.stderr.write(`\n${lines.join('\n')}\n`);
  process.exit(1);
}

/** Run a program, its output shown as it comes; false when it failed. */
function run(program, args, options = {}) {
  const result = spawnSync(program, args, { cwd: ROOT, stdio: 'inherit', ...options });
  return result.status === 0;
}

/**
 * npm itself. Under `npm run`, npm_execpath names npm's own script and Node
 * runs it directly. Otherwise "npm" on PATH, which on Windows is npm.cmd: a
 * batch file only starts through the shell (Node refuses it without one).
 */
function npm(args) {
  const npmScript = process.env.npm_execpath;
  if (npmScript && /\.[cm]?js$/.test(npmScript)) return run(process.execPath, [npmScript, ...args]);
  return run('npm', args, { shell: process.platform === 'win32' });
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1])) {
    say(`✓ Node.js ${process.versions.node}`);
    return;
  }
  fail([
    `referat kræver Node.js ${MINIMUM_NODE.join('.')} eller nyere, men her er Node.js ${process.versions.node}.`,
    'Hent den nyeste LTS-udgave på https://nodejs.org/ (Windows: winget install OpenJS.NodeJS.LTS), og kør "npm run setup" igen.',
  ]);
}

/** How apt-get can be run here: as root, through sudo, or not at all. */
function aptPrefix() {
  if (process.platform !== 'linux' || !findOnPath('apt-get', machine)) return undefined;
  if (process.getuid?.() === 0) return [];
  return findOnPath('sudo', machine) ? ['sudo'] : undefined;
}

function aptInstall(prefix, packages) {
  // sudo resets the environment: there the variable that keeps apt-get from asking is sudo's argument.
  const [program, ...base] = prefix.length === 0 ? ['apt-get'] : [...prefix, 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  say(`  Installerer ${packages.join(' og ')} med apt-get${prefix.length > 0 ? ' (via sudo)' : ''} …`);
  return run(program, [...base, 'update', '-qq'], options) && run(program, [...base, 'install', '-y', '-qq', ...packages], options);
}

function describeBrowser(found) {
  return `${found.name} (${found.path})`;
}

/**
 * What apt-get should install: Debian's chromium when no browser was found,
 * poppler-utils when pdftoppm is missing. One apt-get run for both.
 */
function installWithApt(apt, browserFound) {
  const packages = [...(browserFound ? [] : ['chromium']), ...(findOnPath('pdftoppm', machine) ? [] : ['poppler-utils'])];
  if (!apt || packages.length === 0) return;
  if (!browserFound) say('• Ingen Chrome, Edge eller Chromium fundet.');
  if (!aptInstall(apt, packages)) say(`  ${packages.join(' og ')} kunne ikke installeres med apt-get.`);
}

/** The browser found (or installed just now); undefined leaves it to Puppeteer's download during npm ci. */
function reportBrowser(installedNow) {
  const found = findBrowser(machine).found;
  if (found) say(`✓ Browser til PDF'erne: ${describeBrowser(found)}${installedNow ? ' (installeret nu)' : ''}`);
  else say('• Ingen Chrome, Edge eller Chromium fundet: npm ci henter Puppeteers egen Chrome (det kræver internetadgang).');
  return found;
}

function reportPdftoppm(installedNow) {
  if (findOnPath('pdftoppm', machine)) say(`✓ pdftoppm (poppler) til testene af sidebilleder${installedNow ? ' (installeret nu)' : ''}`);
  else say('• pdftoppm (poppler) findes ikke her. Det er valgfrit: uden det springer "npm test" testene af sidebilleder over (de kører altid i GitHub).');
}

/** After `npm ci`: the browser Puppeteer downloaded, when none was found before. */
function downloadedBrowser() {
  const puppeteerHere = createRequire(path.join(ROOT, 'package.json'));
  const found = findBrowser({ ...machine, downloaded: () => puppeteerHere('puppeteer').executablePath() }).found;
  if (!found) {
    fail([
      'Der er ingen browser til at lave PDF\'erne, og Puppeteer kunne ikke hente sin egen.',
      'Installér Google Chrome eller Microsoft Edge, eller sæt PUPPETEER_EXECUTABLE_PATH til stien til en Chrome/Chromium, og kør "npm run setup" igen.',
    ]);
  }
  say(`✓ Browser til PDF'erne: ${describeBrowser(found)}`);
}

checkNode();
const search = findBrowser(machine);
if (!search.found && process.env.PUPPETEER_EXECUTABLE_PATH) {
  fail([
    `PUPPETEER_EXECUTABLE_PATH peger på ${process.env.PUPPETEER_EXECUTABLE_PATH}, men den fil findes ikke.`,
    'Ret stien til din Chrome, Edge eller Chromium, eller fjern variablen, og kør "npm run setup" igen.',
  ]);
}
const hadPdftoppm = Boolean(findOnPath('pdftoppm', machine));
installWithApt(aptPrefix(), Boolean(search.found));
const browser = reportBrowser(!search.found);
reportPdftoppm(!hadPdftoppm);

say('• Installerer projektets pakker (npm ci) …');
if (!npm(['ci'])) fail(['"npm ci" fejlede (se ovenfor). Tjek internetforbindelsen, og kør "npm run setup" igen.']);
say('✓ Pakkerne er installeret');
if (!browser) downloadedBrowser();

for (const [kind, words] of [
  ['referat', 'referater'],
  ['dagsorden', 'dagsordener'],
]) {
  say(`• Bygger eksempelmødernes ${words} …`);
  if (!run(process.execPath, [path.join('scripts', 'cli.mjs'), 'main', kind])) {
    fail([`Eksempelmødernes ${words} kunne ikke bygges (se ovenfor).`]);
  }
}
say(`\n✓ Klar. PDF'erne ligger i mappen ${path.join(ROOT, 'output')}`);
say('  Kør "npm test" for at køre testene, og "npm run preview" for at se møderne i browseren, mens du skriver.');
