/**
 * A build killed outright (SIGKILL: no handler runs) in the middle of
 * printing leaves no partial file as a final PDF, no Chromium behind, and the
 * next build succeeds and clears the killed writer's temporary file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, PROJECT_ROOT } from '../../src/api.js';
import { writeForum, writeMeeting } from '../../scripts/lib/synthetic.js';
import { readPdf } from '../helpers/pdf.js';
import { chromiumChildOf, isRunning, waitFor } from '../helpers/processes.js';

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'referat-killed-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('a build killed with SIGKILL', () => {
  it('leaves the previous PDF whole, no Chromium running, and the next build succeeds', async () => {
    writeForum(path.join(base, 'content', 'udvalg'), 'Udvalget', 'kommune');
    const dir = path.join(base, 'content', 'udvalg', '2025-04-01');
    writeMeeting(dir, '2025-04-01', 8, { items: 2, paragraphsPerItem: 2 });
    expect((await buildAll({ cwd: base })).ok).toBe(true);
    const pdfPath = path.join(base, 'output', 'udvalg', '2025-04-01-referat.pdf');
    const before = readFileSync(pdfPath);

    writeMeeting(dir, '2025-04-01', 9, { items: 20, paragraphsPerItem: 30 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--content', path.join(base, 'content'), '--out', path.join(base, 'output')], { cwd: PROJECT_ROOT });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    const browser = await waitFor(() => chromiumChildOf(child.pid!));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Chromium talks over a pipe to the build: with the build gone, it ends.
    await waitFor(() => (isRunning(browser) ? undefined : true));
    expect(readFileSync(pdfPath).equals(before)).toBe(true);
    // Killed while writing, a build leaves at most its own temporary file, never a partial PDF under the final name.
    const partial = `${pdfPath}.${child.pid}-0badc0de.tmp`;
    writeFileSync(partial, before.subarray(0, before.length >> 1));

    const next = await buildAll({ cwd: base });
    expect(next.results.map((result) => result.status)).toEqual(['built']);
    expect((await readPdf(readFileSync(pdfPath))).pageCount).toBeGreaterThan(5);
    expect(readdirSync(path.dirname(pdfPath))).toContain('2025-04-01-referat.pdf');
    expect(readdirSync(path.dirname(pdfPath)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
