/**
 * With real Chromium: the build's records in output/.referat/ are data, not
 * orders. A hostile record deletes nothing outside the output folder, and a
 * broken one costs a warning and a rebuild, never the other meetings.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/api.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { writeForum, writeMeeting } from '../../scripts/lib/synthetic.js';

let root: string;
const record = (forum: string, id: string) => path.join(root, 'output', '.referat', forum, `${id}-referat.json`);
const hostile = (forum: string, id: string, data: unknown) => {
  mkdirSync(path.dirname(record(forum, id)), { recursive: true });
  writeFileSync(record(forum, id), typeof data === 'string' ? data : JSON.stringify(data));
};

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-records-e2e-'));
  writeForum(path.join(root, 'content', 'udvalg'), 'udvalg', 'kommune');
  writeMeeting(path.join(root, 'content', 'udvalg', '2025-01-10'), '2025-01-10', 0, { items: 1, paragraphsPerItem: 1 });
  writeMeeting(path.join(root, 'content', 'udvalg', '2025-02-14'), '2025-02-14', 1, { items: 1, paragraphsPerItem: 1 });
  writeFileSync(path.join(root, 'vagt.txt'), 'vagt');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('hostile build records', () => {
  it('deletes no file outside the output folder, for a changed or a deleted meeting, and rebuilds past a broken record', async () => {
    const outputs = ['udvalg/2025-01-10-referat.pdf', '../vagt.txt', '../../vagt.txt', path.join(root, 'vagt.txt')];
    hostile('udvalg', '2025-01-10', { fingerprint: 'gammel', outputs, pages: 1 });
    hostile('udvalg', '2025-02-14', '{"fingerprint": 7, "outputs": {"a": 1}}');
    hostile('udvalg', '2024-12-01', { fingerprint: 'slettet', outputs: ['../vagt.txt', '../../vagt.txt'], pages: 1 });
    const report = await buildAll({ cwd: root, jobs: 1 });
    expect(readFileSync(path.join(root, 'vagt.txt'), 'utf8')).toBe('vagt');
    expect(report.results.map((result) => result.status)).toEqual(['built', 'built']);
    expect(report.ok).toBe(true);
    expect(report.removed).toEqual([]);
    expect(existsSync(record('udvalg', '2024-12-01'))).toBe(false);
    const warnings = formatDiagnostics(report.files).map((line) => line.split('\n')[0]!.replace(/ ingen fil slettes.*/, ''));
    expect(warnings.sort()).toEqual([
      'output/.referat/udvalg/2024-12-01-referat.json: advarsel: Byggeposten for mødet udvalg/2024-12-01 bruges ikke, fordi den nævner filen "../vagt.txt", som ikke er en af mødets egne filer i output-mappen; mødet bygges forfra, og',
      'output/.referat/udvalg/2025-01-10-referat.json: advarsel: Byggeposten for mødet udvalg/2025-01-10 bruges ikke, fordi den nævner filen "../vagt.txt", som ikke er en af mødets egne filer i output-mappen; mødet bygges forfra, og',
      'output/.referat/udvalg/2025-02-14-referat.json: advarsel: Byggeposten for mødet udvalg/2025-02-14 bruges ikke, fordi den ikke har en byggeposts form; mødet bygges forfra, og',
    ]);
    // The records written now are good ones: the next build has nothing to do and nothing to say.
    const again = await buildAll({ cwd: root, jobs: 1 });
    expect(again.results.map((result) => result.status)).toEqual(['unchanged', 'unchanged']);
    expect(again.files).toEqual([]);
  });
});
