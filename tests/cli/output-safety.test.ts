/**
 * The CLI's output edge: file names and YAML keys from content are shown,
 * never obeyed, by the terminal or the GitHub Actions runner.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/api.js';

let base: string;
const FORGED = '02-x\n::error file=README.md,line=1::forfalsket\n\x1b[2J.md';

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'referat-output-'));
  const meeting = path.join(base, 'content', 'aeldreraadet', '2025-05-02');
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/blandet/content/aeldreraadet'), path.join(base, 'content', 'aeldreraadet'), { recursive: true });
  writeFileSync(path.join(meeting, FORGED), '---\ntitel: "Punkt\\n::warning::titel"\n"nøgle\\n::error::fra yaml\\e[31m": 1\n---\nTekst.\n');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const ANNOTATION = /^::(error|warning) file=[^,:\n]*(,line=\d+)?(,col=\d+)?,title=referat%3A [a-z0-9-]+::[^\n]*$/;

describe('the CLI output edge', () => {
  it('prints no workflow command and no ESC from content, and its own annotations escaped, in CI', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/check.ts', '--content', path.join(base, 'content')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: 'true' },
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).toBe(1);
    expect(output).not.toContain('\x1b');
    const commands = output.split('\n').filter((line) => /^\s*::/.test(line));
    // The fixture's misspelt field and the forged item's unknown key, each once as an annotation.
    expect(commands).toHaveLength(2);
    for (const line of commands) expect(line).toMatch(ANNOTATION);
    expect(output).toContain('02-x\\n::error file=README.md,line=1::forfalsket\\n\\x1B[2J.md');
    expect(output).toContain('/02-x\\n%3A%3Aerror file=README.md%2Cline=1%3A%3Aforfalsket\\n\\x1B[2J.md,line=3,col=1,title=referat%3A ukendt-felt::');
    expect(output).toContain('fejl: Ukendt felt "nøgle\\n::error::fra yaml\\x1B[31m". [ukendt-felt]');
  });

  it('writes no annotation outside CI', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/check.ts', '--content', path.join(base, 'content')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: '' },
    });
    expect(`${result.stdout}${result.stderr}`.split('\n').filter((line) => /^\s*::/.test(line))).toEqual([]);
  });
});
