/**
 * Every meeting has a budget (MEETING_BUDGET, SECURITY.md): content that
 * would cost more, while each file stays within its own limits, fails its
 * meeting with a message naming the file and the limit, and the other
 * meetings build.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/api.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { MEETING_BUDGET } from '../../src/validate/limits.js';
import { writeForum, writeMeeting } from '../../scripts/lib/synthetic.js';

let root: string;
const forum = () => path.join(root, 'content', 'udvalg');

/** A PNG header declaring width × height pixels: never decoded, the header is all that is read. */
function pngHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from('\x89PNG\r\n\x1a\n', 'latin1').copy(header);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

const SVG_BOMB =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">' +
  '<g id="a"><rect width="1" height="1"/></g>' +
  Array.from({ length: 30 }, (_, level) => `<g id="l${level + 1}"><use xlink:href="#${level ? `l${level}` : 'a'}"/><use xlink:href="#${level ? `l${level}` : 'a'}"/></g>`).join('') +
  '</svg>';

/** A meeting whose one item has `body`, plus `files` (relative path → bytes) in its folder. */
function meeting(date: string, body: string, files: Record<string, Buffer | string> = {}): void {
  const dir = path.join(forum(), date);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), `---\nmødedato: ${date}\n---\n`);
  writeFileSync(path.join(dir, '01-punkt.md'), `---\ntitel: Punkt\n---\n## Beslutning\n\n${body}\n`);
  for (const [relative, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), bytes);
  }
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-budget-'));
  writeForum(forum(), 'Udvalget', 'kommune');
  meeting('2025-01-01', '![Kort](bilag/kort.png)', { 'bilag/kort.png': pngHeader(23_000, 23_000) });
  meeting('2025-01-02', '![Tegning](bilag/bombe.svg)', { 'bilag/bombe.svg': SVG_BOMB });
  meeting('2025-01-03', Array.from({ length: 5 }, () => '![Foto](bilag/foto.png)').join('\n\n'), { 'bilag/foto.png': pngHeader(5_000, 5_000) });
  meeting('2025-01-04', Array.from({ length: MEETING_BUDGET.headings + 1 }, (_, index) => `### Overskrift ${index}`).join('\n\n'));
  const row = (cells: number) => `|${' x |'.repeat(cells)}`;
  meeting('2025-01-05', [row(40), `|${' --- |'.repeat(40)}`, ...Array.from({ length: 600 }, () => row(40))].join('\n'));
  meeting('2025-01-06', Array.from({ length: MEETING_BUDGET.links + 1 }, (_, index) => `www.example${index}.dk`).join(' '));
  meeting('2025-01-07', 'Kort.');
  for (let index = 2; index <= 5; index++) {
    writeFileSync(path.join(forum(), '2025-01-07', `0${index}-langt.md`), `---\ntitel: Langt ${index}\n---\n${'Lang tekst om sagen. '.repeat(45_000)}\n`);
  }
  meeting('2025-01-08', 'Kort.');
  // 3 GB on disk's say-so (sparse): never read, refused by its size.
  const giant = openSync(path.join(forum(), '2025-01-08', 'kaempe.bin'), 'w');
  ftruncateSync(giant, 3 * 2 ** 30);
  closeSync(giant);
  meeting('2025-01-09', 'Kort.', { [`${Array.from({ length: MEETING_BUDGET.folderDepth + 2 }, (_, index) => `m${index}`).join('/')}/fil.txt`]: 'x' });
  meeting('2025-01-10', 'Kort.', Object.fromEntries(Array.from({ length: MEETING_BUDGET.folderEntries + 1 }, (_, index) => [`bilag/f${index}.txt`, 'x'])));
  writeMeeting(path.join(forum(), '2025-01-11'), '2025-01-11', 1, { items: 1, paragraphsPerItem: 1 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the meeting budget', () => {
  it('fails each meeting over budget with a message naming the file and the limit, and builds the others', async () => {
    const report = await buildAll({ cwd: root, jobs: 2 });
    expect(report.results.map((result) => `${result.meetingId} ${result.status}`)).toEqual([
      ...Array.from({ length: 10 }, (_, index) => `2025-01-${String(index + 1).padStart(2, '0')} invalid`),
      '2025-01-11 built',
    ]);
    const first = (date: string) => formatDiagnostics(report.files).filter((line) => line.startsWith(`content/udvalg/${date}`))[0];
    expect(first('2025-01-01')).toBe(
      'content/udvalg/2025-01-01/01-punkt.md:6:1: fejl: Billedet "bilag/kort.png" har 529.000.000 billedpunkter; grænsen for ét billede er 40.000.000. [billede-for-stort]\n' +
        '  Gør billedet mindre (fx højst 4000 × 4000 punkter), og prøv igen.',
    );
    expect(first('2025-01-02')).toBe(
      'content/udvalg/2025-01-02/01-punkt.md:6:1: fejl: Billedet "bilag/bombe.svg" bruger <use> af noget, der selv indeholder <use>; det kan folde sig ud uden grænse. [billede-for-stort]\n' +
        '  Gem tegningen som PNG, eller gem SVG-filen uden <use>-henvisninger.',
    );
    expect(first('2025-01-03')).toBe(
      'content/udvalg/2025-01-03/01-punkt.md:14:1: fejl: Mødets dokument får her mere end 100.000.000 billedpunkter i alt i billederne (hvert billede tælles, hver gang det vises); det er grænsen for ét møde. [over-budget]\n' +
        '  Brug mindre billeder (fx højst 2000 × 2000 punkter), eller vis et billede færre gange.',
    );
    expect(first('2025-01-04')).toMatch(/^content\/udvalg\/2025-01-04\/01-punkt\.md:\d+:1: fejl: Mødets dokument får her mere end 2\.000 overskrifter; det er grænsen for ét møde\. \[over-budget\]/);
    expect(first('2025-01-05')).toMatch(/^content\/udvalg\/2025-01-05\/01-punkt\.md:\d+:\d+: fejl: Mødets dokument får her mere end 20\.000 tabelceller; det er grænsen for ét møde\. \[over-budget\]/);
    expect(first('2025-01-06')).toMatch(/^content\/udvalg\/2025-01-06\/01-punkt\.md:6:\d+: fejl: Mødets dokument får her mere end 2\.000 links \(også webadresser, der bliver til links\); det er grænsen for ét møde\. \[over-budget\]/);
    expect(first('2025-01-07')).toBe(
      'content/udvalg/2025-01-07: fejl: Mødets tekst (index.md, punkterne og Markdown-bilag) fylder 3,8 MB; grænsen for ét møde er 3 MB (ca. 1000 sider). [over-budget]\n' +
        '  Del mødet op, eller læg lange dokumenter ved som PDF-bilag.',
    );
    expect(first('2025-01-08')).toBe(
      'content/udvalg/2025-01-08: fejl: Mødemappens filer fylder over 200 MB (nået ved "kaempe.bin"); det er grænsen for ét møde, også for filer, som intet punkt nævner. [over-budget]\n' +
        '  Flyt store filer ud af mødemappen, eller gør bilagene mindre (fx PDF gemt med "Reducer filstørrelse").',
    );
    expect(first('2025-01-09')).toBe(
      'content/udvalg/2025-01-09: fejl: Mappen "m0/m1/m2/m3/m4/m5/m6/m7/m8" ligger 9 mapper nede i mødemappen; højst 8 er tilladt. [over-budget]\n' +
        '  Læg mødets filer i færre lag af mapper (fx alle bilag i bilag/).',
    );
    expect(first('2025-01-10')).toBe(
      'content/udvalg/2025-01-10: fejl: Mødemappen rummer over 2000 filer og mapper; det er grænsen for ét møde. [over-budget]\n' +
        '  Flyt filer, der ikke hører til mødet, ud af mødemappen.',
    );
  });
});
