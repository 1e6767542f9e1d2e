/**
 * `npm test` on a machine without pdftoppm (a Windows PC, a Mac): the tests
 * that draw pages are skipped with one line saying why, never failed; with
 * CI=true they run and fail. Vitest runs one such test file in a child
 * process whose PATH has no pdftoppm.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/api.js';

const emptyPath = mkdtempSync(path.join(tmpdir(), 'referat-no-pdftoppm-'));
afterAll(() => rmSync(emptyPath, { recursive: true, force: true }));

const REASON = 'pdftoppm (poppler-utils) findes ikke på denne maskine, så testene af sidebilleder er sprunget over (i CI kører de altid).';

/** vitest on the page comparison's test file, without pdftoppm on PATH. */
function vitestWithoutPdftoppm(ci: string): Promise<{ code: number; out: string }> {
  const env = { ...process.env, PATH: emptyPath, CI: ci, NO_COLOR: '1' };
  const vitest = path.join(PROJECT_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  return new Promise((resolve) => {
    execFile(process.execPath, [vitest, 'run', 'tests/scripts/ci/compare.test.ts'], { cwd: PROJECT_ROOT, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
    );
  });
}

it('skips the page tests with a one-line reason where pdftoppm is missing, and fails them in CI', async () => {
  const here = await vitestWithoutPdftoppm('');
  expect(here.code).toBe(0);
  const lines = here.out.split('\n');
  expect(lines).toContain(`Sprunget over (4 tests): ${REASON}`);
  expect(lines.at(-2)).toMatch(/^\d+ passed, 0 failed, 4 skipped$/);

  const ci = await vitestWithoutPdftoppm('true');
  expect(ci.code).toBe(1);
  expect(ci.out).toContain('pdftoppm blev ikke fundet. Installér poppler-utils');
  expect(ci.out.split('\n')).not.toContain(`Sprunget over (4 tests): ${REASON}`);
});
