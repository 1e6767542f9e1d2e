/**
 * Stage 1 against real folders: meetings found under content/<forum>/, item
 * files in numeric order, other files listed with whether they stay inside
 * the meeting folder.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findMeetings,
  isForumDir,
  isMeetingDir,
  loadForum,
  loadMeeting,
  meetingLocation,
  meetingsOfForum,
} from '../../src/load/load.js';

let root: string;
let content: string;

function write(relative: string, text = ''): string {
  const full = path.join(root, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-load-'));
  content = path.join(root, 'content');
  const meeting = 'content/udvalget/2024-02-07';
  write('content/udvalget/forum.yml', 'navn: Udvalget\n');
  write(`${meeting}/index.md`, '---\nmødedato: 2024-02-07\n---\n');
  write(`${meeting}/1-forste.md`, 'et');
  write(`${meeting}/2-andet.md`, 'to');
  write(`${meeting}/10-tiende.md`, 'ti');
  write(`${meeting}/02-b-andet.md`, 'to b');
  write(`${meeting}/noter.txt`, 'løs fil');
  write(`${meeting}/bilag/oplaeg.pdf`, '%PDF');
  write(`${meeting}/bilag/billeder/kort.png`, 'png');
  write(`${meeting}/bilag/3-ikke-et-punkt.md`, 'bilag');
  symlinkSync('/etc/hostname', path.join(root, meeting, 'bilag/host'));
  symlinkSync(path.join(root, 'content/udvalget/forum.yml'), path.join(root, meeting, 'bilag/forum.yml'));
  symlinkSync(path.join(root, meeting, 'bilag/oplaeg.pdf'), path.join(root, meeting, 'bilag/genvej.pdf'));
  symlinkSync(path.join(root, 'findes-ikke'), path.join(root, meeting, 'bilag/brudt'));
  symlinkSync('/etc', path.join(root, meeting, 'bilag/etc'));

  write('content/udvalget/2024-03-01-2/index.md', '---\nmødedato: 2024-03-01\n---\n');
  mkdirSync(path.join(content, 'udvalget/2024-03-01'), { recursive: true });
  write('content/udvalget/arkiv/index.md', '');
  write('content/udvalget/2024-3-1/index.md', '');
  write('content/udvalget/2024-04-01-ekstra/index.md', '');
  write('content/udvalget/2024-05-01', 'en fil, ikke en mappe');
  write('content/raadet/2025-01-15/index.md', '---\nmødedato: 2025-01-15\n---\n');
  write('content/.skjult/2025-01-15/index.md', '');
  write('content/README.md', '# Indhold\n');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('loadMeeting', () => {
  const load = () => loadMeeting(meetingLocation(path.join(content, 'udvalget/2024-02-07')), root);

  it('orders item files numerically, then by name', () => {
    const source = load();
    expect(source.items.map((file) => file.basename)).toEqual(['1-forste.md', '02-b-andet.md', '2-andet.md', '10-tiende.md']);
    expect(source.items.map((file) => String(file.value))).toEqual(['et', 'to b', 'to', 'ti']);
  });

  it('reads index.md and the item files with paths relative to cwd', () => {
    const source = load();
    expect(String(source.index.value)).toBe('---\nmødedato: 2024-02-07\n---\n');
    expect(source.index.path).toBe(path.join(content, 'udvalget/2024-02-07/index.md'));
    expect(source.index.cwd).toBe(root);
    expect(source.items[0]!.history).toEqual([path.join(content, 'udvalget/2024-02-07/1-forste.md')]);
    expect(source.id).toBe('2024-02-07');
    expect(source.forumId).toBe('udvalget');
    expect(source.folder.messages).toEqual([]);
  });

  it('lists the other files, not index.md and the item files, and says whether each stays inside', () => {
    // The bytes themselves are the files' content (see the next test for an image's).
    const files = [...load().files.values()]
      .sort((a, b) => a.relative.localeCompare(b.relative, 'en'))
      .map(({ bytes, ...info }) => ({ ...info, ...(info.inside ? { hasBytes: bytes !== undefined } : {}) }));
    expect(files).toEqual([
      { relative: 'bilag/3-ikke-et-punkt.md', inside: true, hasBytes: true, digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { relative: 'bilag/billeder/kort.png', inside: true, hasBytes: true, digest: expect.stringMatching(/^[0-9a-f]{64}$/), image: { mediaType: 'image/png', bytes: Buffer.from('png') } },
      { relative: 'bilag/brudt', inside: false },
      { relative: 'bilag/etc', inside: false },
      { relative: 'bilag/forum.yml', inside: false },
      { relative: 'bilag/genvej.pdf', inside: true, hasBytes: true, digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { relative: 'bilag/host', inside: false },
      { relative: 'bilag/oplaeg.pdf', inside: true, hasBytes: true, digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { relative: 'noter.txt', inside: true, hasBytes: true, digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it('keys the files map by the relative path', () => {
    const { files } = load();
    expect(files.get('bilag/host')).toEqual({ relative: 'bilag/host', inside: false });
    expect(files.has('index.md')).toBe(false);
    expect(files.has('10-tiende.md')).toBe(false);
    expect([...files.keys()].some((key) => key.startsWith('bilag/etc/'))).toBe(false);
  });

  it('gives an empty index.md vfile when index.md is missing', () => {
    const source = loadMeeting(meetingLocation(path.join(content, 'udvalget/2024-03-01')), root);
    expect(source.index.value).toBeUndefined();
    expect(source.items).toEqual([]);
    expect(source.files.size).toBe(0);
  });
});

describe('finding forums and meetings', () => {
  it('finds content/<forum>/<YYYY-MM-DD[-N]> folders and ignores others', () => {
    const found = findMeetings(content).map(({ forumId, id, dir, forumDir }) => ({ forumId, id, dir, forumDir }));
    expect(found).toEqual([
      { forumId: 'raadet', id: '2025-01-15', dir: path.join(content, 'raadet/2025-01-15'), forumDir: path.join(content, 'raadet') },
      { forumId: 'udvalget', id: '2024-02-07', dir: path.join(content, 'udvalget/2024-02-07'), forumDir: path.join(content, 'udvalget') },
      { forumId: 'udvalget', id: '2024-03-01', dir: path.join(content, 'udvalget/2024-03-01'), forumDir: path.join(content, 'udvalget') },
      { forumId: 'udvalget', id: '2024-03-01-2', dir: path.join(content, 'udvalget/2024-03-01-2'), forumDir: path.join(content, 'udvalget') },
    ]);
  });

  it('lists the meetings of one forum in date order', () => {
    expect(meetingsOfForum(path.join(content, 'udvalget')).map((location) => location.id)).toEqual(['2024-02-07', '2024-03-01', '2024-03-01-2']);
  });

  it('tells meeting folders (date name and index.md) and forum folders (forum.yml) apart', () => {
    expect(isMeetingDir(path.join(content, 'udvalget/2024-02-07'))).toBe(true);
    expect(isMeetingDir(path.join(content, 'udvalget/2024-03-01'))).toBe(false);
    expect(isMeetingDir(path.join(content, 'udvalget/arkiv'))).toBe(false);
    expect(isForumDir(path.join(content, 'udvalget'))).toBe(true);
    expect(isForumDir(path.join(content, 'raadet'))).toBe(false);
  });

  it('loads forum.yml, or an empty vfile when it is missing', () => {
    const present = loadForum(path.join(content, 'udvalget'), root);
    expect(present.id).toBe('udvalget');
    expect(String(present.file.value)).toBe('navn: Udvalget\n');
    const missing = loadForum(path.join(content, 'raadet'), root);
    expect(missing.file.value).toBeUndefined();
    expect(missing.file.path).toBe(path.join(content, 'raadet/forum.yml'));
  });
});
