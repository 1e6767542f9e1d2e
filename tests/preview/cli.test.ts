/**
 * `npm run preview` as a process: its help, its usage errors, and a run that
 * serves pages, says in Danish where, and stops cleanly on Ctrl-C (SIGINT).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/api.js';
import { copyFixture, getPage, textOf } from './preview-client.js';

/** The command, started from the project folder as npm would. */
function preview(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/preview.ts', ...args], { cwd: PROJECT_ROOT });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  /** Resolves with the first match of `pattern` on stdout; fails if the process ends first. */
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output.stdout);
        if (match) {
          child.stdout.off('data', check);
          resolve(match);
        }
      };
      child.stdout.on('data', check);
      void exited.then(() => reject(new Error(`ended without ${pattern}: ${output.stdout}${output.stderr}`)));
      check();
    });
  return { child, output, exited, waitFor };
}

let dir: string;
beforeAll(() => {
  dir = copyFixture('preview-moeder');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run preview', () => {
  it('explains itself in Danish with --help', async () => {
    const run = preview(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.output.stdout).toContain('Brug: npx referat vis [TILVALG]\n  eller: npm run preview -- [TILVALG]');
    expect(run.output.stdout).toContain('-p, --port PORT');
    expect(run.output.stdout).toContain('Vis forhåndsvisningen på PORT (standard: 4321; 0 vælger en ledig port).');
    expect(run.output.stdout).toContain('--content MAPPE');
  });

  it('refuses wrong use with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['--port', 'abc'], 'Tilvalget --port skal være et helt tal fra 0 til 65535, men er "abc".\n'],
      [['--port', '70000'], 'Tilvalget --port skal være et helt tal fra 0 til 65535, men er "70000".\n'],
      [['--content', 'findes-ikke'], 'Mappen "findes-ikke" findes ikke.\n'],
      [['content'], 'Ukendt argument "content". Vælg mappen med møderne med --content MAPPE.\n'],
    ];
    const runs = cases.map(([args]) => preview(args));
    for (const [index, run] of runs.entries()) {
      expect(await run.exited).toBe(2);
      expect(run.output.stderr).toBe(cases[index]![1]);
    }
  });

  it('says so when the port is taken, and exits 1', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    try {
      const run = preview(['--port', String(port), '--content', path.join(dir, 'content')]);
      expect(await run.exited).toBe(1);
      expect(run.output.stderr).toBe(`Port ${port} er optaget (kører forhåndsvisningen allerede?). Vælg en anden med --port.\n`);
    } finally {
      blocker.close();
    }
  });

  it('serves the meetings, shows a content error without a stack trace, and stops on Ctrl-C', async () => {
    const run = preview(['--port', '0', '--content', path.join(dir, 'content')]);
    try {
      const [, url, content] = await run.waitFor(/Forhåndsvisningen kører på (http:\/\/127\.0\.0\.1:\d+\/)\nDen følger ændringer i (.+)\/ og templates\/\. Tryk Ctrl\+C for at stoppe\.\n/);
      expect(content).toBe(path.join(dir, 'content'));
      expect((await getPage(url!, '/')).status).toBe(200);

      writeFileSync(path.join(dir, 'content/aeldreraadet/forum.yml'), 'navn: [Ældrerådet\n');
      const broken = await getPage(url!, '/aeldreraadet/2025-05-02');
      expect(textOf(broken.html)).toContain('Mødet kan ikke vises, fordi indholdet har fejl');

      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      expect(run.output.stdout).toMatch(/Forhåndsvisningen er stoppet\.\n$/);
      expect(run.output.stderr).toBe('');
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});
