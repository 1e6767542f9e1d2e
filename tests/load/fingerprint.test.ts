/**
 * The folder signature that lets an unchanged meeting be skipped without
 * reading its files: it changes with every change a build could see, and
 * is withheld while a file is too new to be sure of.
 */
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderSignature } from '../../src/load/fingerprint.js';

let dir: string;
/** Every file is dated an hour back: settled. */
const HOUR_AGO = new Date(Date.now() - 3_600_000);

function write(relative: string, text: string): void {
  const full = path.join(dir, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  utimesSync(full, HOUR_AGO, HOUR_AGO);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'referat-signature-'));
  write('index.md', '---\nmødedato: 2025-01-10\n---\n');
  write('01-punkt.md', '---\ntitel: Punkt\n---\nTekst.\n');
  write('bilag/notat.pdf', '%PDF-1.7\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('folderSignature', () => {
  it('is the same while nothing changes', () => {
    expect(folderSignature(dir)).toMatch(/^[0-9a-f]{64}$/);
    expect(folderSignature(dir)).toBe(folderSignature(dir));
  });

  it.each([
    ['an edited item', () => write('01-punkt.md', '---\ntitel: Punkt\n---\nAnden tekst.\n')],
    ['a new file', () => write('02-punkt.md', '---\ntitel: Nyt\n---\n')],
    ['a removed file', () => rmSync(path.join(dir, '01-punkt.md'))],
    ['a renamed file', () => renameSync(path.join(dir, '01-punkt.md'), path.join(dir, '03-punkt.md'))],
    ['a replaced bilag in a subfolder', () => write('bilag/notat.pdf', '%PDF-1.7\n%%EOF\n')],
    ['a file touched with the same content', () => utimesSync(path.join(dir, 'index.md'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))],
    ['a new symlink', () => symlinkSync('/etc/passwd', path.join(dir, 'bilag/link.pdf'))],
  ])('changes with %s', (_, change) => {
    const before = folderSignature(dir);
    change();
    const after = folderSignature(dir);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });

  it('is withheld while a file is only seconds old, and given once it has settled', () => {
    appendFileSync(path.join(dir, '01-punkt.md'), 'Mere tekst.\n');
    expect(folderSignature(dir)).toBeUndefined();
    expect(folderSignature(dir, Date.now() + 60_000)).toMatch(/^[0-9a-f]{64}$/);
  });
});
