/**
 * `npm run setup` end to end, on a copy of the project (its `npm ci` replaces
 * node_modules, which the other tests are using): finds this machine's
 * browser, installs the packages and builds the examples.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/api.js';
import { findBrowser } from '../../src/print/find-browser.cjs';
import { listFiles } from '../../scripts/lib/page-images.js';

const root = mkdtempSync(path.join(tmpdir(), 'referat-setup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('installs, says in Danish what it found and did, and builds the examples\' referater and dagsordener', async () => {
  // What a fresh clone has: the files git knows (and new ones not yet committed).
  const { stdout: files } = await promisify(execFile)('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT_ROOT });
  for (const file of files.split('\0').filter((name) => name && existsSync(path.join(PROJECT_ROOT, name)))) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    cpSync(path.join(PROJECT_ROOT, file), path.join(root, file));
  }
  // npm's cache first: the packages are the ones this project already installed.
  const env = { ...process.env, npm_config_prefer_offline: 'true', CI: '' };
  // On Windows npm is npm.cmd, which starts only through the shell.
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'setup'], { cwd: root, env, maxBuffer: 16 * 1024 * 1024, shell: process.platform === 'win32' });

  const browser = findBrowser({ exists: existsSync, env: process.env, platform: process.platform }).found!;
  const lines = stdout.split('\n');
  expect(lines.slice(0, 2)).toEqual([`✓ Node.js ${process.versions.node}`, `✓ Browser til PDF'erne: ${browser.name} (${browser.path})`]);
  // Found, installed now, or (without apt-get) left out with a word on what that means.
  expect(lines[2]).toMatch(/^(✓ pdftoppm \(poppler\) til testene af sidebilleder|• pdftoppm \(poppler\) findes ikke her\. Det er valgfrit)/);
  expect(lines).toEqual(expect.arrayContaining(['• Installerer projektets pakker (npm ci) …', '✓ Pakkerne er installeret', '• Bygger eksempelmødernes referater …', '• Bygger eksempelmødernes dagsordener …']));
  expect(stdout).toContain(`✓ Klar. PDF'erne ligger i mappen ${path.join(root, 'output')}`);
  expect(existsSync(path.join(root, 'node_modules', 'puppeteer', 'package.json'))).toBe(true);
  expect(listFiles(path.join(root, 'output'), '.pdf')).toEqual([
    'implementeringsgruppen-forebyggelse/2016-09-15-dagsorden-samlet.pdf',
    'implementeringsgruppen-forebyggelse/2016-09-15-dagsorden.pdf',
    'implementeringsgruppen-forebyggelse/2016-09-15-referat-samlet.pdf',
    'implementeringsgruppen-forebyggelse/2016-09-15-referat.pdf',
    'sundhedsdirektoerkredsen/2024-02-07-dagsorden.pdf',
    'sundhedsdirektoerkredsen/2024-02-07-referat.pdf',
  ]);
}, 600_000);
