/**
 * The write stage when the target is open in another program, as Windows
 * reports a PDF that a viewer holds (EBUSY or EPERM on the rename): a Danish
 * message that says what to do, and the old file left as it was. The error
 * is injected where Windows raises it; Linux never refuses the rename.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildAll } from '../../src/api.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { writeFailure } from '../../src/diagnostics/file-system.js';
import { writeAtomic } from '../../src/write/write.js';

/** Targets whose rename fails with this code, as on Windows while a viewer has them open. */
const locked = vi.hoisted(() => ({ suffix: '', code: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  const renameSync: typeof original.renameSync = (from, to) => {
    if (locked.suffix && String(to).endsWith(locked.suffix)) throw Object.assign(new Error(`${locked.code}: resource busy or locked, rename`), { code: locked.code });
    original.renameSync(from, to);
  };
  return { ...original, renameSync, default: { ...original, renameSync } };
});

const scratch = mkdtempSync(path.join(tmpdir(), 'referat-write-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('writeAtomic', () => {
  it.each(['EBUSY', 'EPERM'])('keeps the old file and leaves no temporary file when the target is in use (%s)', (code) => {
    const dir = mkdtempSync(path.join(scratch, 'unit-'));
    const target = path.join(dir, 'referat.pdf');
    writeFileSync(target, 'gammel');
    locked.suffix = 'referat.pdf';
    locked.code = code;
    try {
      expect(() => writeAtomic(target, Buffer.from('ny'))).toThrow(expect.objectContaining({ target, cause: expect.objectContaining({ code }) }));
    } finally {
      locked.suffix = '';
    }
    expect(readFileSync(target, 'utf8')).toBe('gammel');
    expect(readdirSync(dir)).toEqual(['referat.pdf']);
  });
});

describe('writeFailure', () => {
  it('tells the secretary to close the PDF when the file is in use', () => {
    const busy = Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
    expect(writeFailure(busy, 'output/udvalget/2025-05-01-referat.pdf')).toEqual({
      rule: 'fil-i-brug',
      reason: `output/udvalget/2025-05-01-referat.pdf kunne ikke gemmes, fordi filen er åben i et andet program (EBUSY). Den gamle fil er uændret.`,
      note: "Luk PDF'en i dit PDF-program og byg igen.",
    });
    expect(writeFailure(new Error('noget andet'), 'x.pdf')).toBeUndefined();
  });
});

describe('a build whose PDF is open in a viewer', () => {
  const MEETING = path.join('content', 'sundhedsudvalget-nord', '2025-05-01');
  it('fails that meeting with the message, keeps the old PDF, and succeeds once it is closed', async () => {
    const root = path.join(scratch, 'build');
    cpSync(path.join(import.meta.dirname, '..', 'fixtures', 'blandet'), root, { recursive: true });
    const pdf = path.join(root, 'output', 'sundhedsudvalget-nord', '2025-05-01-referat.pdf');
    const first = await buildAll({ cwd: root, outDir: 'output', kind: 'referat', targets: [MEETING] });
    expect(first.ok).toBe(true);
    const old = readFileSync(pdf);

    locked.suffix = '-referat.pdf';
    locked.code = 'EPERM';
    const item = path.join(root, 'content', 'sundhedsudvalget-nord', '2025-05-01', '02-eventuelt.md');
    writeFileSync(item, fs.readFileSync(item, 'utf8').replace(/\n*$/, '\n\nEn ny sætning.\n'));
    const blocked = await buildAll({ cwd: root, outDir: 'output', kind: 'referat', targets: [MEETING] });
    expect(blocked.results.map((result) => result.status)).toEqual(['failed']);
    expect(formatDiagnostics(blocked.files)).toEqual([
      `content/sundhedsudvalget-nord/2025-05-01: fejl: output/sundhedsudvalget-nord/2025-05-01-referat.pdf kunne ikke gemmes, fordi filen er åben i et andet program (EPERM). Den gamle fil er uændret. [fil-i-brug]\n  Luk PDF'en i dit PDF-program og byg igen.`,
    ]);
    expect(readFileSync(pdf).equals(old)).toBe(true);
    expect(readdirSync(path.dirname(pdf))).toEqual(['2025-05-01-referat-samlet.pdf', '2025-05-01-referat.pdf']);

    // Closed: the next build writes it, as the meeting was not recorded as built.
    locked.suffix = '';
    const again = await buildAll({ cwd: root, outDir: 'output', kind: 'referat', targets: [MEETING] });
    expect(again.results.map((result) => result.status)).toEqual(['built']);
    expect(readFileSync(pdf).equals(old)).toBe(false);
  });
});
