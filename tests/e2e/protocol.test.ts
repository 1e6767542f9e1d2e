/**
 * End to end: a kommune meeting with an item closed for tavshedspligt, one
 * closed for a sale of real estate, a bilag not for publication, the protocol
 * of an item and an underskriftsark, printed with real Chromium as a draft
 * and then approved, every file read back.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/api.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { everythingIn, readPdf, type PdfReadback } from '../helpers/pdf.js';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'beslutningsprotokol');
const MEETING = path.join('content', 'teknik-og-miljoe', '2025-09-04');
const OUT = path.join('output', 'teknik-og-miljoe');
let root: string;
const draft = new Map<string, { bytes: Buffer; readback: PdfReadback }>();
const approved = new Map<string, { bytes: Buffer; readback: PdfReadback }>();
let approvedOutputs: string[] = [];

/** Words only the closed items' internal text and the bilag not for publication hold. */
const SECRETS = ['Quentin', 'Quorn', 'Tjenstlig', 'Kvasarsagen', 'Ødemarksvej', 'Pirat', 'Pingvinprisen', '3,1 mio', 'Wurtz', 'Wombatsagen', 'Lodsejerens', '010203', 'brev.md', 'tavshedspligt', 'ejendom'];
const flat = (text: string) => text.replace(/\u00ad/g, '').replace(/\s+/g, ' ');
const text = (pdfs: typeof draft, name: string) => flat(pdfs.get(name)!.readback.pages.join('\n'));

async function build(kind: 'referat' | 'dagsorden', into: typeof draft) {
  const report = await buildAll({ cwd: root, kind, outDir: 'output' });
  expect(formatDiagnostics(report.files)).toEqual([
    `${MEETING}/02-personalesag.md:8:23: advarsel: Teksten indeholder et CPR-nummer. Den står kun i den interne udgave, men referatet har sjældent brug for det. [cpr-nummer-internt]\n  Overvej at fjerne CPR-nummeret; det er nok at henvise til sagen.`,
  ]);
  const outputs = report.results.flatMap((result) => result.outputs ?? []);
  for (const output of outputs.filter((name) => name.endsWith('.pdf'))) {
    const bytes = readFileSync(output);
    into.set(path.basename(output), { bytes, readback: await readPdf(bytes) });
  }
  return outputs;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'referat-protokol-'));
  cpSync(FIXTURE, root, { recursive: true });
  await build('referat', draft);
  await build('dagsorden', draft);
  const index = path.join(root, MEETING, 'index.md');
  writeFileSync(index, readFileSync(index, 'utf8').replace('---\n', '---\ngodkendt:\n  dato: 2025-10-02\n  af: Teknik- og Miljøudvalget på mødet 2. oktober 2025\n'));
  approvedOutputs = await build('referat', approved);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('closed items and bilag in the public editions', () => {
  const PUBLIC = ['referat-offentlig', 'referat-offentlig-samlet', 'dagsorden-offentlig', 'dagsorden-offentlig-samlet'].map((name) => `2025-09-04-${name}.pdf`);

  it.each(PUBLIC)('%s holds nothing but what the rule allows, anywhere in the file', async (name) => {
    const everything = await everythingIn(draft.get(name)!.bytes);
    for (const secret of SECRETS) expect(everything, secret).not.toContain(secret.toLowerCase());
    expect(everything).toContain('salg af kommunal erhvervsgrund');
    expect(everything).toContain('udvalget behandlede et tilbud på en kommunal erhvervsgrund.');
  });

  it('the internal files do hold them (the search above can fail)', async () => {
    const everything = await everythingIn(draft.get('2025-09-04-referat-samlet.pdf')!.bytes);
    for (const secret of SECRETS.filter((secret) => secret !== 'brev.md')) expect(everything, secret).toContain(secret.toLowerCase());
  });

  it('the public referat shows each closed item by number, public title, marker and the public texts its reason allows', () => {
    const referat = text(draft, '2025-09-04-referat-offentlig.pdf');
    expect(referat).toContain('2. Lukket punkt Lukket punkt 3. Salg af kommunal erhvervsgrund');
    expect(referat).toContain(
      '3. Salg af kommunal erhvervsgrund Lukket punkt Resumé: Udvalget behandlede et tilbud på en kommunal erhvervsgrund. Beslutning: Udvalget godkendte salget. Køber og pris offentliggøres, når skødet er tinglyst. 4. Eventuelt',
    );
    expect(referat).toContain('Bilag 1: Projektbeskrivelse Bilag 2: (ikke offentligt)');
    expect(draft.get('2025-09-04-referat-offentlig.pdf')!.readback.outline.map((entry) => entry.title)).toEqual([
      'Punkt 1: Cykelsti langs Åvej',
      'Punkt 2: Lukket punkt',
      'Punkt 3: Salg af kommunal erhvervsgrund',
      'Punkt 4: Eventuelt',
    ]);
  });

  it('the public dagsorden says what the closed item concerns, without a decision', () => {
    const dagsorden = text(draft, '2025-09-04-dagsorden-offentlig.pdf');
    expect(dagsorden).toContain('3. Salg af kommunal erhvervsgrund Lukket punkt Resumé: Udvalget behandlede et tilbud på en kommunal erhvervsgrund. 4. Eventuelt');
    expect(dagsorden).not.toContain('Udvalget godkendte salget');
  });

  it('the public samlet leaves out the bilag not for publication', () => {
    const samlet = draft.get('2025-09-04-referat-offentlig-samlet.pdf')!.readback;
    expect(samlet.outline.slice(4).map((entry) => entry.title)).toEqual(['Bilag 1: Projektbeskrivelse']);
    expect(draft.get('2025-09-04-referat-samlet.pdf')!.readback.outline.slice(4).map((entry) => entry.title)).toEqual([
      'Bilag 1: Projektbeskrivelse',
      'Bilag 2: Lodsejerens brev til Vibeke Wurtz',
    ]);
  });

  it('the internal referat marks the closed items with their reason', () => {
    const referat = text(draft, '2025-09-04-referat.pdf');
    expect(referat).toContain('2. Tjenstlig samtale med Quentin Quorn Lukket punkt · Grund: oplysninger under tavshedspligt');
    expect(referat).toContain('3. Salg af Ødemarksvej 12 til Pirat ApS Lukket punkt · Grund: køb eller salg af fast ejendom');
  });
});

describe('the protocol of an item', () => {
  const PROTOCOL = [
    'Fraværende under punktet: Bo Berg.',
    'Carl Carlsen deltog ikke i behandlingen af punktet på grund af inhabilitet.',
    'Protokoltilførsel fra Anne Andersen: Jeg stemmer imod, da stien bør gå nord om søen.',
  ];

  it.each(['2025-09-04-referat.pdf', '2025-09-04-referat-offentlig.pdf'])('%s prints it under the decision', (name) => {
    expect(text(draft, name)).toContain(`Beslutning: Godkendt. ${PROTOCOL.join(' ')} Bilag:`);
  });

  it.each(['2025-09-04-dagsorden.pdf', '2025-09-04-dagsorden-offentlig.pdf'])('%s does not', (name) => {
    const dagsorden = text(draft, name);
    for (const line of PROTOCOL) expect(dagsorden).not.toContain(line);
    expect(dagsorden).not.toContain('inhabilitet');
    expect(dagsorden).not.toContain('Underskriftsark');
  });
});

describe('draft and approval', () => {
  const REFERATER = ['2025-09-04-referat.pdf', '2025-09-04-referat-offentlig.pdf'];

  it.each(REFERATER)('a draft %s says UDKAST on every page and in its metadata', (name) => {
    const { readback } = draft.get(name)!;
    expect(readback.pageCount).toBeGreaterThan(1);
    readback.pages.forEach((page, index) => expect(page, `side ${index + 1}`).toContain('UDKAST'));
    expect(readback.info.Title).toBe('Referat (UDKAST) – Teknik- og Miljøudvalget – 4. september 2025');
    expect(readback.info.Subject).toMatch(/^UDKAST: Referat af møde i Teknik- og Miljøudvalget den 4\. september 2025/);
    expect(readback.info.Keywords).toContain('UDKAST');
    // The body's text reads as before: the mark sits in the page margin.
    expect(flat(readback.pages[0]!)).toContain('1. Cykelsti langs Åvej Indstilling: At udvalget godkender projektet.');
  });

  it.each(REFERATER)('an approved %s does not, and says when and by whom it was approved', async (name) => {
    const { readback, bytes } = approved.get(name)!;
    expect(await everythingIn(bytes)).not.toContain('udkast');
    expect(flat(readback.pages[0]!)).toContain('Godkendt den 2. oktober 2025 af Teknik- og Miljøudvalget på mødet 2. oktober 2025.');
    expect(readback.info.Title).toBe('Referat – Teknik- og Miljøudvalget – 4. september 2025');
  });

  it('a dagsorden is never marked as a draft', () => {
    for (const name of ['2025-09-04-dagsorden.pdf', '2025-09-04-dagsorden-offentlig.pdf']) expect(text(draft, name)).not.toContain('UDKAST');
  });

  it('writes the SHA-256 of every approved PDF beside it, in sha256sum format, and none for a draft', () => {
    const pdfs = approvedOutputs.filter((output) => output.endsWith('.pdf'));
    expect(pdfs).toHaveLength(4);
    for (const pdf of pdfs) {
      const digest = createHash('sha256').update(readFileSync(pdf)).digest('hex');
      expect(readFileSync(`${pdf}.sha256`, 'utf8')).toBe(`${digest}  ${path.basename(pdf)}\n`);
      expect(approvedOutputs).toContain(`${pdf}.sha256`);
    }
    expect(existsSync(path.join(root, OUT, '2025-09-04-dagsorden.pdf.sha256'))).toBe(false);
  });

  it('ends with an underskriftsark for the members who took part, one line each', () => {
    for (const pdfs of [draft, approved]) {
      const { pages } = pdfs.get('2025-09-04-referat.pdf')!.readback;
      const last = flat(pages.at(-1)!);
      expect(last).toMatch(/Side (\d+) af \1 Underskriftsark Beslutningsprotokollen underskrives af de medlemmer, der deltog i mødet\. Anne Andersen Bo Berg Carl Carlsen$/);
      expect(last).not.toContain('Dorte Dahl');
      // Nothing but the signatures on that page.
      expect(last).not.toContain('Eventuelt');
    }
  });
});
