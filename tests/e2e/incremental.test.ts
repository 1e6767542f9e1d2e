/**
 * Incremental builds, sharding and --html with real Chromium: only what
 * changed is printed again, deleted meetings lose their outputs, and shards
 * split an archive without overlap.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, appendFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, DEFAULT_TEMPLATES, shardOf } from '../../src/api.js';
import { runBuild } from '../../src/cli/run.js';
import { withBrowser } from '../../src/print/browser.js';
import { printPdf } from '../../src/print/print.js';
import { readPdf } from '../helpers/pdf.js';
import { writeForum, writeMeeting } from '../../scripts/lib/synthetic.js';
import { readRecord } from '../../src/write/manifest.js';

let root: string;
const MEETINGS = [
  ['udvalg-a', '2025-01-10'],
  ['udvalg-a', '2025-02-14'],
  ['udvalg-b', '2025-01-11'],
  ['udvalg-b', '2025-03-01'],
  ['udvalg-c', '2025-01-12'],
] as const;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-incremental-'));
  for (const [index, [forum, date]] of MEETINGS.entries()) {
    writeForum(path.join(root, 'content', forum), forum.replace('-', ' '), index % 2 ? 'kommune' : 'region');
    writeMeeting(path.join(root, 'content', forum, date), date, index, { items: 3, paragraphsPerItem: 2 });
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBuild(argv, { out: (line) => out.push(line), err: (line) => err.push(line), cwd: root });
  const built = out.filter((line) => line.startsWith('✓')).map((line) => /output\/([^ ]+)-referat\.pdf/.exec(line)![1]);
  return { code, out, err, built: built.sort() };
}

const all = MEETINGS.map(([forum, date]) => `${forum}/${date}`).sort();

describe('incremental builds', () => {
  it('prints everything the first time and nothing the second', async () => {
    expect((await cli()).built).toEqual(all);
    const second = await cli();
    expect(second.code).toBe(0);
    expect(second.built).toEqual([]);
    expect(second.out.filter((line) => line.trim() !== '')).toHaveLength(1);
    expect(second.out.at(-1)!.trim()).toMatch(/^0 møder bygget, 5 uændrede \(\d+,\d s\)\.$/);
  });

  it('prints again only the meeting whose item changed', async () => {
    appendFileSync(path.join(root, 'content/udvalg-b/2025-03-01/02-punkt-2.md'), '\nEn ny sætning i referatet.\n');
    expect((await cli()).built).toEqual(['udvalg-b/2025-03-01']);
  });

  it("prints again a forum's meetings when its settings change", async () => {
    appendFileSync(path.join(root, 'content/udvalg-a/forum.yml'), 'vis_tidsrum: false\n');
    expect((await cli()).built).toEqual(['udvalg-a/2025-01-10', 'udvalg-a/2025-02-14']);
  });

  it('prints everything again with --force, or when the templates change', async () => {
    expect((await cli('--force')).built).toEqual(all);
    const templates = path.join(root, 'templates');
    cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
    appendFileSync(path.join(templates, 'base.css'), '\n/* changed */\n');
    const report = await buildAll({ cwd: root, templatesDir: templates });
    expect(report.results.map((result) => result.status)).toEqual(Array(5).fill('built'));
  });

  it('removes the outputs of a deleted meeting on the next full build, and says so', async () => {
    rmSync(path.join(root, 'content/udvalg-c/2025-01-12'), { recursive: true });
    const run = await cli();
    expect(run.out).toContain('− output/udvalg-c/2025-01-12-referat.pdf fjernet (mødet findes ikke længere)');
    expect(existsSync(path.join(root, 'output/udvalg-c/2025-01-12-referat.pdf'))).toBe(false);
    expect(run.built).not.toContain('udvalg-c/2025-01-12');
    writeMeeting(path.join(root, 'content/udvalg-c/2025-01-12'), '2025-01-12', 4, { items: 3, paragraphsPerItem: 2 });
  });
});

describe('unchanged folders by their file times', () => {
  /** Date every file under the content an hour back, as after a checkout that has settled. */
  function settle(when: Date): void {
    const content = path.join(root, 'content');
    for (const name of readdirSync(content, { recursive: true }) as string[]) utimesSync(path.join(content, name), when, when);
  }
  const key = { forumId: 'udvalg-a', id: '2025-01-10' };
  const item = () => path.join(root, 'content/udvalg-a/2025-01-10/01-punkt-1.md');

  it('reads a settled folder once, then trusts its names, sizes and times until --force', async () => {
    const anHourAgo = new Date(Date.now() - 3_600_000);
    settle(anHourAgo);
    await cli();
    const signature = readRecord(path.join(root, 'output'), key, 'referat')?.signature;
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    // Other words of the same length, the old time restored: only reading the file would notice.
    const text = readFileSync(item(), 'utf8');
    writeFileSync(item(), text.replace('Administrationen', 'Administrationer'));
    expect(readFileSync(item(), 'utf8')).not.toBe(text);
    settle(anHourAgo);
    expect((await cli()).built).toEqual([]);
    expect((await cli('--force', 'content/udvalg-a/2025-01-10')).built).toEqual(['udvalg-a/2025-01-10']);
  });

  it('reads a touched folder, prints nothing when its content is the same, and remembers the new times', async () => {
    const before = readRecord(path.join(root, 'output'), key, 'referat')?.signature;
    settle(new Date(Date.now() - 7_200_000));
    expect((await cli()).built).toEqual([]);
    const after = readRecord(path.join(root, 'output'), key, 'referat')?.signature;
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
  });

  it('gives no signature to a folder with a file changed seconds ago: the next build reads it again', async () => {
    appendFileSync(item(), '\nEn sidste sætning.\n');
    expect((await cli()).built).toEqual(['udvalg-a/2025-01-10']);
    expect(readRecord(path.join(root, 'output'), key, 'referat')?.signature).toBeUndefined();
  });
});

describe('--shard', () => {
  it('splits the archive into disjoint shares that together cover it', async () => {
    const shares = [];
    for (const index of [1, 2, 3]) {
      const report = await buildAll({ cwd: root, outDir: `shard-${index}`, shard: { index, count: 3 } });
      shares.push(report.results.map((result) => `${result.forumId}/${result.meetingId}`));
    }
    expect(shares.flat().sort()).toEqual(all);
    for (const [index, share] of shares.entries()) {
      for (const key of share) {
        const [forumId, id] = key.split('/') as [string, string];
        expect(shardOf({ forumId, id }, 3)).toBe(index + 1);
      }
    }
  });

  it('refuses a shard outside 1..N', async () => {
    const run = await cli('--shard', '4/3');
    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toBe('Tilvalget --shard skal have formen I/N med 1 ≤ I ≤ N, fx 2/4, men er "4/3".');
  });
});

describe('--html', () => {
  it('writes the exact self-contained HTML beside the PDF; printing it alone gives the same pages', async () => {
    const run = await cli('--html', '--out', 'html-output', 'content/udvalg-a/2025-01-10');
    expect(run.code).toBe(0);
    const html = readFileSync(path.join(root, 'html-output/udvalg-a/2025-01-10-referat.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<link\b|<script\b|src="(?!data:)|url\((?!data:)/);
    const original = await readPdf(readFileSync(path.join(root, 'html-output/udvalg-a/2025-01-10-referat.pdf')));
    const again = await readPdf(await withBrowser((browser) => printPdf(browser, html)));
    expect(again.pageCount).toBe(original.pageCount);
    expect(again.pages.map((text) => text.replace(/\s+/g, ' '))).toEqual(original.pages.map((text) => text.replace(/\s+/g, ' ')));
  });
});
