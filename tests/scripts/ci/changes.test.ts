/**
 * Which meetings a pull request touches: from the changed paths and the
 * files on each side, and end to end from a real git history.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affectedMeetings, compareRevisions, describeAffected, meetingsIn } from '../../../scripts/ci/changes.js';

/** Two forums, three meetings, and the files around them. */
const ARCHIVE = [
  'README.md',
  'package-lock.json',
  'src/api.ts',
  'templates/base.css',
  'content/udvalget/forum.yml',
  'content/udvalget/2024-02-07/index.md',
  'content/udvalget/2024-02-07/01-dagsorden.md',
  'content/udvalget/2024-02-07/bilag/plan.png',
  'content/udvalget/2024-02-07-2/index.md',
  'content/udvalget/noter/index.md',
  'content/udvalget/README.md',
  'content/kredsen/forum.yml',
  'content/kredsen/2016-09-15/index.md',
];

describe('meetingsIn', () => {
  it('finds the meeting folders with an index.md, not other folders', () => {
    expect([...meetingsIn([...ARCHIVE, 'content/kredsen/2017-01-01/01-punkt.md'])].sort()).toEqual([
      'content/kredsen/2016-09-15',
      'content/udvalget/2024-02-07',
      'content/udvalget/2024-02-07-2',
    ]);
  });
});

describe('affectedMeetings', () => {
  it('takes a meeting whose own files changed, on both sides', () => {
    expect(affectedMeetings(['content/udvalget/2024-02-07/bilag/plan.png'], ARCHIVE, ARCHIVE)).toEqual({
      pipeline: [],
      before: ['content/udvalget/2024-02-07'],
      after: ['content/udvalget/2024-02-07'],
    });
  });

  it('takes every meeting of a forum whose forum.yml changed, and no other', () => {
    expect(affectedMeetings(['content/udvalget/forum.yml'], ARCHIVE, ARCHIVE).after).toEqual([
      'content/udvalget/2024-02-07',
      'content/udvalget/2024-02-07-2',
    ]);
  });

  it.each(['src/load/load.ts', 'templates/kommune/document.hbs', 'package-lock.json'])('takes every meeting when %s changed', (file) => {
    const affected = affectedMeetings([file], ARCHIVE, ARCHIVE);
    expect(affected.pipeline).toEqual([file.includes('/') ? `${file.split('/')[0]}/` : file]);
    expect(affected.after).toEqual(['content/kredsen/2016-09-15', 'content/udvalget/2024-02-07', 'content/udvalget/2024-02-07-2']);
  });

  it('builds a new meeting only after, and a deleted one only before', () => {
    const after = [...ARCHIVE.filter((file) => !file.startsWith('content/kredsen/2016-09-15/')), 'content/kredsen/2016-10-01/index.md'];
    expect(affectedMeetings(['content/kredsen/2016-09-15/index.md', 'content/kredsen/2016-10-01/index.md'], ARCHIVE, after)).toEqual({
      pipeline: [],
      before: ['content/kredsen/2016-09-15'],
      after: ['content/kredsen/2016-10-01'],
    });
  });

  it('takes nothing for files outside meetings and the pipeline', () => {
    const changed = ['README.md', 'package.json', 'tests/load/load.test.ts', 'scripts/ci/changes.ts', 'content/udvalget/README.md', 'content/udvalget/noter/index.md'];
    expect(affectedMeetings(changed, ARCHIVE, ARCHIVE)).toEqual({ pipeline: [], before: [], after: [] });
  });

  it('does not mistake a meeting for another that shares the start of its name', () => {
    expect(affectedMeetings(['content/udvalget/2024-02-07-2/index.md'], ARCHIVE, ARCHIVE).after).toEqual(['content/udvalget/2024-02-07-2']);
  });
});

describe('describeAffected', () => {
  it('lists the meetings, marking new and deleted ones', () => {
    expect(describeAffected({ pipeline: [], before: ['content/a/2024-01-01', 'content/a/2024-02-01'], after: ['content/a/2024-02-01', 'content/a/2024-03-01'] })).toBe(
      [
        '3 møder er berørt af ændringen.',
        '',
        '- `content/a/2024-01-01` (slettet)',
        '- `content/a/2024-02-01`',
        '- `content/a/2024-03-01` (nyt)',
        '',
      ].join('\n'),
    );
  });

  it('says why every meeting is built', () => {
    expect(describeAffected({ pipeline: ['src/', 'package-lock.json'], before: ['content/a/2024-01-01'], after: ['content/a/2024-01-01'] })).toBe(
      'Alle møder bygges, fordi `src/` og `package-lock.json` er ændret.\n\n- `content/a/2024-01-01`\n',
    );
  });

  it('says when there is nothing to build', () => {
    expect(describeAffected({ pipeline: [], before: [], after: [] })).toBe("Ingen møder er berørt af denne pull request, så der bygges ingen PDF'er.\n");
  });
});

describe('compareRevisions on a git history', () => {
  let repo: string;
  // Settings of its own, so neither the machine's git config nor its hints get in.
  const settings = ['init.defaultBranch=main', 'user.name=CI', 'user.email=ci@example.invalid', 'commit.gpgsign=false'].flatMap((setting) => ['-c', setting]);
  const git = (...args: string[]) => execFileSync('git', [...settings, ...args], { cwd: repo, encoding: 'utf8' }).trim();
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  };
  let branchPoint: string;
  let mainTip: string;
  let head: string;

  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'referat-ci-changes-'));
    git('init', '-q');
    for (const file of ARCHIVE) write(file, `${file}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'archive');
    branchPoint = git('rev-parse', 'HEAD');
    // The pull request: one item edited, one meeting renamed to another date.
    git('checkout', '-q', '-b', 'pr');
    write('content/udvalget/2024-02-07/01-dagsorden.md', 'rettet\n');
    git('mv', 'content/kredsen/2016-09-15', 'content/kredsen/2016-09-16');
    git('commit', '-q', '-a', '-m', 'pr');
    head = git('rev-parse', 'HEAD');
    // Meanwhile the target branch moves on: that change is not the pull request's.
    git('checkout', '-q', branchPoint);
    write('content/udvalget/forum.yml', 'ændret på main\n');
    git('commit', '-q', '-a', '-m', 'main');
    mainTip = git('rev-parse', 'HEAD');
  });

  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('compares the head with where it branched off, renames as delete and add', () => {
    expect(compareRevisions(repo, mainTip, head)).toEqual({
      base: branchPoint,
      head,
      pipeline: [],
      before: ['content/kredsen/2016-09-15', 'content/udvalget/2024-02-07'],
      after: ['content/kredsen/2016-09-16', 'content/udvalget/2024-02-07'],
    });
  });
});
