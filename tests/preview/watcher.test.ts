/**
 * Which pages a changed file concerns, and one report per burst of events.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyChanges, concerns, watchSources, type SourceChange } from '../../src/preview/watcher.js';

const roots = { contentDir: '/p/content', templatesDir: '/p/templates' };
const classify = (...paths: string[]) => classifyChanges(paths, roots);
const plain = (change: SourceChange) => ({ all: change.all, forums: [...change.forums], meetings: [...change.meetings] });

describe('classifyChanges', () => {
  it('sends a file in a meeting folder to that meeting', () => {
    expect(plain(classify('/p/content/udvalget/2025-03-10/01-punkt.md', '/p/content/udvalget/2025-03-10-2/bilag/kort.png'))).toEqual({
      all: false,
      forums: [],
      meetings: ['udvalget/2025-03-10', 'udvalget/2025-03-10-2'],
    });
  });

  it('sends forum.yml and the forum folder itself to the forum', () => {
    expect(plain(classify('/p/content/udvalget/forum.yml', '/p/content/raadet'))).toEqual({ all: false, forums: ['udvalget', 'raadet'], meetings: [] });
  });

  it('sends a template, a stylesheet or the content folder itself to every page', () => {
    expect(classify('/p/templates/region/region.css').all).toBe(true);
    expect(classify('/p/templates').all).toBe(true);
    expect(classify('/p/content').all).toBe(true);
  });

  it('ignores files no page is made from', () => {
    expect(plain(classify('/p/content/udvalget/.forum.yml.swp', '/p/content/udvalget/noter.txt', '/p/output/x.pdf', '/p/contentx/a/2025-01-01/index.md'))).toEqual({
      all: false,
      forums: [],
      meetings: [],
    });
  });
});

describe('concerns', () => {
  const meeting = classify('/p/content/udvalget/2025-03-10/index.md');
  const forum = classify('/p/content/udvalget/forum.yml');
  it('a meeting change concerns that meeting and the list of meetings', () => {
    expect(concerns(meeting, 'udvalget/2025-03-10')).toBe(true);
    expect(concerns(meeting, '')).toBe(true);
    expect(concerns(meeting, 'udvalget/2025-04-01')).toBe(false);
  });
  it('a forum change concerns all its meetings, not other forums', () => {
    expect(concerns(forum, 'udvalget/2025-04-01')).toBe(true);
    expect(concerns(forum, 'raadet/2025-03-10')).toBe(false);
  });
});

describe('watchSources', () => {
  it('reports a burst of writes to several files once, with every meeting it touched', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'referat-watch-'));
    const local = { contentDir: path.join(root, 'content'), templatesDir: path.join(root, 'templates') };
    for (const dir of ['content/udvalget/2025-03-10', 'content/udvalget/2025-03-11', 'templates']) mkdirSync(path.join(root, dir), { recursive: true });
    const changes: SourceChange[] = [];
    const errors: Error[] = [];
    let reported!: () => void;
    const first = new Promise<void>((resolve) => (reported = resolve));
    // A long quiet time: the burst below certainly falls inside it.
    const watcher = watchSources(local, (change) => (changes.push(change), reported()), (error) => errors.push(error), 300);
    try {
      writeFileSync(path.join(local.contentDir, 'udvalget/2025-03-10/index.md'), 'a');
      writeFileSync(path.join(local.contentDir, 'udvalget/2025-03-10/01-punkt.md'), 'b');
      writeFileSync(path.join(local.contentDir, 'udvalget/2025-03-11/index.md'), 'c');
      await first;
      expect(changes.map(plain)).toEqual([{ all: false, forums: [], meetings: ['udvalget/2025-03-10', 'udvalget/2025-03-11'] }]);
      expect(errors).toEqual([]);
    } finally {
      watcher.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
