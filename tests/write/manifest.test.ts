/**
 * Build records are data, not orders: a record naming files outside its
 * meeting, or of the wrong shape, is ignored with a warning and the meeting
 * is built again; no file outside the output folder is read or deleted.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VFile } from 'vfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { isOwnOutput, readRecord, removeOutputs } from '../../src/write/manifest.js';

let root: string;
let out: string;
const key = { forumId: 'udvalg', id: '2025-01-10' };
const recordFile = () => path.join(out, '.referat', 'udvalg', '2025-01-10-referat.json');
const writeRecordFile = (data: unknown) => {
  mkdirSync(path.dirname(recordFile()), { recursive: true });
  writeFileSync(recordFile(), typeof data === 'string' ? data : JSON.stringify(data));
};

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-records-'));
  out = path.join(root, 'output');
  mkdirSync(path.join(out, 'udvalg'), { recursive: true });
  writeFileSync(path.join(root, 'vagt.txt'), 'vagt');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const good = { fingerprint: 'f', outputs: ['udvalg/2025-01-10-referat.pdf'], pages: 2 };

describe('isOwnOutput', () => {
  it('admits only the meeting own PDF and HTML files in its forum folder', () => {
    expect(isOwnOutput(out, key, 'udvalg/2025-01-10-referat-samlet.pdf')).toBe(true);
    expect(isOwnOutput(out, key, 'udvalg/2025-01-10-referat.html')).toBe(true);
    for (const stranger of ['../vagt.txt', '/etc/passwd', 'udvalg/../../vagt.txt', 'udvalg/2025-02-01-referat.pdf', 'andet/2025-01-10-referat.pdf', 'udvalg/2025-01-10-referat.json', '.referat/udvalg/2025-01-10-referat.pdf', 'udvalg/sub/2025-01-10-x.pdf']) {
      expect(isOwnOutput(out, key, stranger), stranger).toBe(false);
    }
  });

  it('refuses a forum folder that is a symlink out of the output folder', () => {
    rmSync(path.join(out, 'udvalg'), { recursive: true });
    symlinkSync(root, path.join(out, 'udvalg'));
    expect(isOwnOutput(out, key, 'udvalg/2025-01-10-referat.pdf')).toBe(false);
  });
});

describe('readRecord', () => {
  it('reads a record of the right shape without a warning', () => {
    writeRecordFile(good);
    const warnings: VFile[] = [];
    expect(readRecord(out, key, 'referat', warnings)).toEqual(good);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['not JSON', '{"fingerprint": ', 'den ikke er gyldig JSON'],
    ['the wrong shape', { fingerprint: 1, outputs: 'x' }, 'den ikke har en byggeposts form'],
    ['a path outside the output folder', { ...good, outputs: ['../vagt.txt'] }, 'den nævner filen "../vagt.txt", som ikke er en af mødets egne filer i output-mappen'],
  ])('ignores a record that is %s, with a warning', (_, data, problem) => {
    writeRecordFile(data);
    const warnings: VFile[] = [];
    expect(readRecord(out, key, 'referat', warnings, root)).toBeUndefined();
    expect(formatDiagnostics(warnings)).toEqual([
      `output/.referat/udvalg/2025-01-10-referat.json: advarsel: Byggeposten for mødet udvalg/2025-01-10 bruges ikke, fordi ${problem}; mødet bygges forfra, og ingen fil slettes efter den. [byggepost-ugyldig]\n  Posten skrives igen, når mødet er bygget. Er der rettet i output-mappens .referat-mappe, så slet den mappe.`,
    ]);
  });

  it('does not follow a record that is a symlink', () => {
    mkdirSync(path.dirname(recordFile()), { recursive: true });
    writeFileSync(path.join(root, 'secret.json'), JSON.stringify(good));
    symlinkSync(path.join(root, 'secret.json'), recordFile());
    const warnings: VFile[] = [];
    expect(readRecord(out, key, 'referat', warnings)).toBeUndefined();
    expect(warnings[0]!.messages[0]!.reason).toContain('fordi den ikke er en almindelig fil');
  });
});

describe('removeOutputs', () => {
  it('deletes nothing outside the output folder that a deleted meeting record names', () => {
    writeRecordFile({ ...good, outputs: ['udvalg/2025-01-10-referat.pdf', '../vagt.txt'] });
    writeFileSync(path.join(out, 'udvalg/2025-01-10-referat.pdf'), 'pdf');
    const warnings: VFile[] = [];
    expect(removeOutputs(out, key, 'referat', warnings)).toEqual([]);
    expect(readFileSync(path.join(root, 'vagt.txt'), 'utf8')).toBe('vagt');
    expect(existsSync(recordFile())).toBe(false);
    expect(warnings).toHaveLength(1);
  });
});
