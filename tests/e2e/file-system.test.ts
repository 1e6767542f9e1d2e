/**
 * File-system failures say what happened and what to do, name the file, fail
 * only their meeting and keep the previous PDF. Faults are injected into
 * node:fs (CI runs as root, where permissions cannot make a read fail).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildAll } from '../../src/api.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { writeForum, writeMeeting } from '../../scripts/lib/synthetic.js';

const faults = vi.hoisted(() => ({ read: new Set<string>(), write: undefined as string | undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fail = (code: string, file: unknown) => Object.assign(new Error(`${code}: simuleret, '${String(file)}'`), { code });
  return {
    ...fs,
    readFileSync: ((file: unknown, ...rest: unknown[]) => {
      if (faults.read.has(String(file))) throw fail('EACCES', file);
      return (fs.readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFileSync,
    writeFileSync: ((file: unknown, ...rest: unknown[]) => {
      if (faults.write && String(file).endsWith('.tmp')) throw fail(faults.write, file);
      return (fs.writeFileSync as (...args: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.writeFileSync,
  };
});

let root: string;
const pdf = () => path.join(root, 'output', 'udvalg', '2025-01-11-referat.pdf');

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-fs-'));
  writeForum(path.join(root, 'content', 'udvalg'), 'Udvalget', 'kommune');
  writeMeeting(path.join(root, 'content', 'udvalg', '2025-01-10'), '2025-01-10', 1, { items: 2, paragraphsPerItem: 1 });
  writeMeeting(path.join(root, 'content', 'udvalg', '2025-01-11'), '2025-01-11', 2, { items: 1, paragraphsPerItem: 1 });
});
afterEach(() => {
  faults.read.clear();
  faults.write = undefined;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('file-system failures', () => {
  it('names an item file that cannot be read, fails only its meeting, and builds the others', async () => {
    faults.read.add(path.join(root, 'content', 'udvalg', '2025-01-10', '02-punkt-2.md'));
    const report = await buildAll({ cwd: root, jobs: 1 });
    expect(report.results.map((result) => result.status)).toEqual(['invalid', 'built']);
    expect(formatDiagnostics(report.files)).toEqual([
      'content/udvalg/2025-01-10/02-punkt-2.md: fejl: Filen "content/udvalg/2025-01-10/02-punkt-2.md" kan ikke læses: der er ikke adgang til den (EACCES). [fil-kan-ikke-laeses]\n' +
        '  Giv den bruger, der bygger, læseadgang til filen (fx chmod a+r), og prøv igen.',
    ]);
  });

  it.each([
    ['ENOSPC', 'disken er fuld (ENOSPC).', 'Frigør plads på disken, eller vælg en output-mappe på et andet drev med --out, og byg igen. Den tidligere PDF er urørt.'],
    ['EROFS', 'output-mappen ligger på et skrivebeskyttet drev (EROFS).', 'Vælg en output-mappe på et drev, der kan skrives på, med --out. Den tidligere PDF er urørt.'],
    ['EACCES', 'der er ikke adgang til at skrive i output-mappen (EACCES).', 'Giv den bruger, der bygger, skriveadgang til output-mappen, eller vælg en anden med --out. Den tidligere PDF er urørt.'],
  ])('says what to do when the output cannot be written (%s), and keeps the previous PDF', async (code, reason, note) => {
    const before = readFileSync(pdf());
    faults.write = code;
    const report = await buildAll({ cwd: root, jobs: 1, targets: ['content/udvalg/2025-01-11'], force: true });
    expect(report.results.map((result) => result.status)).toEqual(['failed']);
    expect(formatDiagnostics(report.files)).toEqual([
      `content/udvalg/2025-01-11: fejl: "output/udvalg/2025-01-11-referat.pdf" kunne ikke skrives: ${reason} [kan-ikke-skrive]\n  ${note}`,
    ]);
    expect(readFileSync(pdf()).equals(before)).toBe(true);
    expect(readdirSync(path.dirname(pdf())).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
