/**
 * The new-meeting command as a user runs it: what it made and what to do
 * next, or why it made nothing, with exit codes 0/1/2.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/api.js';
import { runNewMeeting } from '../../src/cli/run-new-meeting.js';
import type { CliIo } from '../../src/cli/run.js';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'nyt-moede');

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'referat-cli-nyt-moede-'));
  cpSync(FIXTURE, cwd, { recursive: true });
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), cwd };
  const code = runNewMeeting(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('new-meeting', () => {
  it('explains itself in Danish with --help', () => {
    const { code, out } = run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Brug: npx referat nyt-møde [TILVALG] FORUM ÅÅÅÅ-MM-DD\n  eller: npm run new-meeting -- [TILVALG] FORUM ÅÅÅÅ-MM-DD');
    expect(out).toContain('1  mødemappen findes allerede, eller forum.yml har fejl');
  });

  it('says what it made and what to do next', () => {
    const { code, out, err } = run(['sundhedsudvalget', '2025-03-12']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toBe(
      [
        'Mødet er oprettet i content/sundhedsudvalget/2025-03-12/:',
        '  index.md',
        '  01-godkendelse-af-dagsorden.md',
        '  99-eventuelt.md',
        '',
        'Næste skridt:',
        '  1. Ret index.md og de faste punkter, og tilføj mødets punkter som filer mellem de faste, fx 02-budget.md.',
        '  2. Kontrollér mødet: npm run check -- --dagsorden content/sundhedsudvalget/2025-03-12',
        '  3. Lav dagsordenen: npm run build-dagsorden -- content/sundhedsudvalget/2025-03-12',
      ].join('\n'),
    );
  });

  it('says which fields the forum has no default for', () => {
    const { code, out } = run(['uden-standarder', '2025-03-12']);
    expect(code).toBe(0);
    expect(out.split('\n')[5]).toBe(
      '  1. Ret index.md og de faste punkter, skriv mødetid og mødested i index.md (forummet har ingen standard for dem), og tilføj mødets punkter som filer mellem de faste, fx 01-budget.md.',
    );
  });

  it('exits 1 and changes nothing when the meeting folder exists', () => {
    const { code, out, err } = run(['sundhedsudvalget', '2025-01-15']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      'Mødemappen content/sundhedsudvalget/2025-01-15 findes allerede; intet er ændret.\n' +
        'Vil du oprette et møde mere samme dag, så skriv: npm run new-meeting -- sundhedsudvalget 2025-01-15-2',
    );
  });

  it("exits 1 with the forum's own diagnostics when forum.yml has errors", () => {
    const { code, err } = run(['forkert', '2025-03-12']);
    expect(code).toBe(1);
    expect(err).toBe(
      'content/forkert/forum.yml:3:9: fejl: Feltet "layout" skal være "kommune" eller "region", men der står "kommun". Mente du "kommune"? [ugyldig-vaerdi]\n' +
        '\nForummets forum.yml har fejl, så mødet er ikke oprettet. Ret fejlene, og prøv igen.',
    );
    expect(existsSync(path.join(cwd, 'content/forkert/2025-03-12'))).toBe(false);
  });

  it('exits 2 on an unknown forum, an invalid date or missing arguments', () => {
    expect(run(['sundhed', '2025-03-12'])).toEqual({
      code: 2,
      out: '',
      err: 'Forummet "sundhed" findes ikke i "content". Skriv navnet på en forummappe: forkert, styregruppen, sundhedsudvalget, uden-standarder.',
    });
    expect(run(['sundhedsudvalget', '12/3 2025'])).toEqual({
      code: 2,
      out: '',
      err: '"12/3 2025" er ikke en gyldig dato. Skriv mødets dato som ÅÅÅÅ-MM-DD, fx 2025-03-12 (eller 2025-03-12-2 for et møde mere samme dag).',
    });
    const missing = run(['sundhedsudvalget']);
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n')[0]).toBe('Skriv forummet og datoen, fx npm run new-meeting -- sundhedsdirektoerkredsen 2025-03-12.');
    expect(run(['--ud']).err.split('\n')[0]).toBe('Ukendt tilvalg --ud.');
  });

  it('runs as a process: --content, exit code and output', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/new-meeting.ts'), '--content', path.join(cwd, 'content'), 'styregruppen', '2025-03-12'],
      { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.split('\n')[0]).toBe(`Mødet er oprettet i ${path.join(cwd, 'content/styregruppen/2025-03-12')}/:`);
    expect(existsSync(path.join(cwd, 'content/styregruppen/2025-03-12/99-eventuelt.md'))).toBe(true);
  });
});
