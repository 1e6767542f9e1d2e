/**
 * Ctrl-C in the middle of printing: the command exits 130, says so in
 * Danish, and leaves no Chromium process behind.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/api.js';
import { LINUX_ONLY } from '../helpers/platform.js';

/** Chromium processes started, directly or not, by `root`. */
function chromiumUnder(root: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, command]) => ({ pid: Number(pid), ppid: Number(ppid), command: command ?? '' }));
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const row of rows) {
      if (row.ppid !== parent) continue;
      if (/chrom/i.test(row.command)) found.push(row.pid);
      walk(row.pid);
    }
  };
  walk(root);
  return found;
}

/** Running: a killed process may linger as a zombie until its new parent reaps it, which is not a leftover. */
const alive = (pid: number) => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
};

it('stops on SIGINT, exits 130 and leaves no Chromium behind', async (context) => {
  context.skip(LINUX_ONLY !== undefined, LINUX_ONLY);
  const outDir = mkdtempSync(path.join(tmpdir(), 'referat-interrupt-'));
  try {
    // As `npm run build-referat` starts it: through the compiling launcher.
    const child = spawn(process.execPath, ['scripts/cli.mjs', 'main', 'referat', '--out', outDir], { cwd: PROJECT_ROOT });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    // Wait until Chromium runs under the command, then interrupt it.
    let browserPids: number[] = [];
    for (let attempt = 0; attempt < 100 && browserPids.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      browserPids = chromiumUnder(child.pid!);
    }
    expect(browserPids.length).toBeGreaterThan(0);
    child.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(output).toContain('Afbrudt.');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(browserPids.filter(alive)).toEqual([]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
