/**
 * Content written on a Mac or a Windows PC builds as on Linux: names in
 * Unicode NFD (macOS writes "å" as "a" + a combining ring; "æ" and "ø" have
 * no decomposed form), files with CRLF line ends and a byte order mark
 * (Windows editors), and a name whose case differs from the reference
 * (which Windows and macOS accept and Linux does not).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll, type BuildReport } from '../../src/api.js';
import { checkAll } from '../../src/check.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';

interface Variant {
  /** How file and folder names are written on disk. */
  names: 'NFC' | 'NFD';
  eol: '\n' | '\r\n';
  bom: boolean;
}

const LINUX: Variant = { names: 'NFC', eol: '\n', bom: false };
const MAC_AND_WINDOWS: Variant = { names: 'NFD', eol: '\r\n', bom: true };
const FORUM = 'ældrerådet';
const MEETING = '2025-06-06';

let bilagPdf: Uint8Array;
let png: Buffer;
const roots: string[] = [];

beforeAll(async () => {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([200, 200]).drawText('Årsplan', { x: 20, y: 100 });
  bilagPdf = await doc.save();
  const image = new PNG({ width: 4, height: 4 });
  image.data.fill(90);
  png = PNG.sync.write(image);
});
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** One meeting with a bilag and a picture whose names have an "å"; the content always writes them in NFC, as editors do. */
function writeContent(variant: Variant, reference = 'bilag/årsplan.pdf'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'referat-platform-'));
  roots.push(root);
  const name = (text: string) => text.normalize(variant.names);
  const meeting = path.join(root, 'content', name(FORUM), MEETING);
  mkdirSync(path.join(meeting, name('bilag')), { recursive: true });
  const text = (file: string, lines: string[]) =>
    writeFileSync(file, `${variant.bom ? '\uFEFF' : ''}${lines.join(variant.eol)}${variant.eol}`);
  text(path.join(root, 'content', name(FORUM), 'forum.yml'), ['navn: Ældrerådet', 'organisation: Århus Kommune', 'layout: kommune', 'mødested: Rådhuset', 'mødetid: 13:00-15:00']);
  text(path.join(meeting, 'index.md'), ['---', `mødedato: ${MEETING}`, 'deltagere:', '  - Åse Ørsted', '---', '', 'Velkommen til årets møde.']);
  text(path.join(meeting, name('01-årsplan.md')), [
    '---',
    'titel: Årsplan for ældrerådet',
    'bilag:',
    '  - titel: Årsplanen',
    `    fil: ${reference}`,
    '---',
    '',
    '## Indstilling',
    '',
    'At årsplanen godkendes.',
    '',
    '![Tidsplan for året](bilag/tidsplan-år.png)',
    '',
    '## Beslutning',
    '',
    'Godkendt.',
  ]);
  writeFileSync(path.join(meeting, name('bilag'), name('årsplan.pdf')), bilagPdf);
  writeFileSync(path.join(meeting, name('bilag'), name('tidsplan-år.png')), png);
  return root;
}

async function build(root: string): Promise<BuildReport> {
  return buildAll({ cwd: root, outDir: 'output', kind: 'referat' });
}

describe('content from a Mac or a Windows PC', () => {
  let linux: { root: string; report: BuildReport };
  let other: { root: string; report: BuildReport };

  beforeAll(async () => {
    const linuxRoot = writeContent(LINUX);
    const otherRoot = writeContent(MAC_AND_WINDOWS);
    linux = { root: linuxRoot, report: await build(linuxRoot) };
    other = { root: otherRoot, report: await build(otherRoot) };
  });

  it('has NFD names, CRLF line ends and a byte order mark on disk', () => {
    const [forum] = readdirSync(path.join(other.root, 'content'));
    expect(forum).toBe(FORUM.normalize('NFD'));
    expect(forum).not.toBe(FORUM);
    const item = readFileSync(path.join(other.root, 'content', forum!, MEETING, '01-årsplan.md'.normalize('NFD')));
    expect([...item.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(item.toString('utf8')).toContain('---\r\ntitel: Årsplan for ældrerådet\r\n');
  });

  it('builds with the same words as the same content from Linux does', () => {
    // Only the archival warning for the test bilag's unembedded font, at the same place.
    const rules = (run: { report: BuildReport }) => run.report.files.flatMap((file) => file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`));
    expect(rules(linux)).toEqual(['5:10 bilag-ikke-arkivformat']);
    expect(rules(other)).toEqual(rules(linux));
    expect(other.report.results.map((result) => result.status)).toEqual(['built']);
  });

  it('prints the same PDFs, byte for byte, in a folder named as the content folder', () => {
    const outputs = (run: { root: string; report: BuildReport }) => run.report.results.flatMap((result) => result.outputs ?? []).map((file) => path.relative(path.join(run.root, 'output'), file));
    expect(outputs(linux)).toEqual([`${FORUM}/${MEETING}-referat.pdf`, `${FORUM}/${MEETING}-referat-samlet.pdf`]);
    expect(outputs(other)).toEqual(outputs(linux).map((file) => file.normalize('NFD')));
    for (const [index, file] of outputs(linux).entries()) {
      const ours = readFileSync(path.join(other.root, 'output', outputs(other)[index]!));
      expect(ours.equals(readFileSync(path.join(linux.root, 'output', file))), file).toBe(true);
    }
  });
});

describe('a file name written in another case', () => {
  it('is not found on any machine, and the message names the file as it is', async () => {
    const root = writeContent(MAC_AND_WINDOWS, 'bilag/Årsplan.PDF');
    const report = await checkAll({ cwd: root });
    expect(formatDiagnostics(report.files)).toEqual([
      `content/${FORUM.normalize('NFD')}/${MEETING}/${'01-årsplan.md'.normalize('NFD')}:5:10: fejl: Filen "bilag/Årsplan.PDF" til bilag nr. 1 findes ikke i mødets mappe. Mente du "bilag/årsplan.pdf"? [fil-findes-ikke]\n` +
        '  Filen hedder "bilag/årsplan.pdf". Skriv navnet med store og små bogstaver præcis som filen, så mødet bygges ens på alle maskiner.',
    ]);
  });
});
