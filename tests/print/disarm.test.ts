/**
 * Bilag PDFs rebuilt from an allowlist: every armed form is absent from the
 * result, web, mail and in-document links stay, and files made to exhaust a
 * parser are refused before or while parsing, in a thread of their own.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import { disarmInThread } from '../../src/print/bilag-thread.js';
import { admit, BILAG_LIMITS, disarmPdf } from '../../src/print/disarm.js';
import { annotsOf, ARMED_MARKERS, ARMED_NAMES, armedPdf, encryptedPdf, objectStreamBomb, pageTreeBomb, plainPdf, truncated } from '../helpers/hostile-pdf.js';

/** The bytes of a PDF with every stream inflated, as one searchable text. */
function wholeText(bytes: Uint8Array, doc: PDFDocument): string {
  const streams = doc.context
    .enumerateIndirectObjects()
    .flatMap(([, object]) => (object instanceof PDFRawStream ? [object] : []))
    .map((stream) => {
      try {
        return inflateSync(stream.getContents()).toString('latin1');
      } catch {
        return Buffer.from(stream.getContents()).toString('latin1');
      }
    });
  return [Buffer.from(bytes).toString('latin1'), ...streams].join('\n');
}

describe('disarmPdf', () => {
  it('keeps nothing that acts: scripts, actions, embedded files, forms, name trees', async () => {
    const armed = await armedPdf();
    // The markers are really there to begin with.
    const before = await PDFDocument.load(armed);
    for (const marker of ARMED_MARKERS) expect(wholeText(armed, before), marker).toContain(marker);

    const result = await disarmPdf(armed);
    if (!('pdf' in result)) throw new Error(`refused: ${JSON.stringify(result)}`);
    expect(result.pages).toBe(3);
    const doc = await PDFDocument.load(result.pdf);
    const text = wholeText(result.pdf, doc);
    for (const marker of ARMED_MARKERS) expect(text, marker).not.toContain(marker);
    for (const armedName of ARMED_NAMES) expect(text, armedName).not.toMatch(new RegExp(`${armedName.replace('/', '\\/')}\\b`));
    expect(doc.catalog.has(PDFName.of('OpenAction'))).toBe(false);
    expect(doc.catalog.has(PDFName.of('Names'))).toBe(false);
    expect(doc.catalog.has(PDFName.of('AcroForm'))).toBe(false);
    // The page text is still there (the standard font's text is written in hex).
    expect(text.toLowerCase()).toContain(Buffer.from('Side 2 af bilaget').toString('hex'));
  });

  it('keeps the web link, the mail link and the go-to to its own page, rebuilt', async () => {
    const result = await disarmPdf(await armedPdf());
    if (!('pdf' in result)) throw new Error('refused');
    const doc = await PDFDocument.load(result.pdf);
    const [first, second, third] = annotsOf(doc);
    expect(second).toEqual([]);
    expect(third).toEqual([]);
    const uris = first!.flatMap((annot) => {
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.get(PDFName.of('URI'));
      return uri ? [Buffer.from(uri.toString().slice(1, -1), 'hex').toString('latin1')] : [];
    });
    // The first one without the script its /Next chain led to.
    expect(uris).toEqual(['https://example.dk/ok', 'https://www.example.dk/side', 'mailto:sekretariat@example.dk']);
    const goTo = first!.find((annot) => annot.has(PDFName.of('Dest')))!;
    const dest = goTo.lookup(PDFName.of('Dest'), PDFArray);
    expect(dest.get(0)).toBeInstanceOf(PDFRef);
    expect(dest.get(0)).toBe(doc.getPage(2).ref);
    expect(first).toHaveLength(4);
    for (const annot of first!) expect(annot.keys().map(String).sort()).toEqual(expect.arrayContaining(['/Rect', '/Subtype', '/Type']));
  });

  it('refuses an encrypted bilag as encrypted', async () => {
    expect(await disarmPdf(await encryptedPdf())).toEqual({ refused: { reason: 'encrypted' } });
  });

  it('refuses a truncated bilag and one that is not a PDF', async () => {
    expect(await disarmPdf(truncated(await plainPdf(3)))).toEqual({ refused: { reason: 'damaged', detail: 'truncated' } });
    expect(await disarmPdf(Buffer.from('GIF89a …'))).toEqual({ refused: { reason: 'not-pdf' } });
  });

  it('refuses a page tree of 2^40 leaves without walking it', async () => {
    expect(await disarmPdf(pageTreeBomb(40))).toEqual({ refused: { reason: 'damaged', detail: 'page tree' } });
  });

  it('refuses more pages than the limit', async () => {
    expect(await disarmPdf(await plainPdf(BILAG_LIMITS.pages + 1, 'x'))).toEqual({ refused: { reason: 'too-many-pages', found: BILAG_LIMITS.pages + 1 } });
  });

  it('refuses more objects than the limit, counting those in object streams', () => {
    const many = Buffer.from(`%PDF-1.7\n${'1 0 obj null endobj\n'.repeat(BILAG_LIMITS.objects + 1)}%%EOF\n`);
    expect(admit(many)).toEqual({ reason: 'too-many-objects', found: BILAG_LIMITS.objects + 1 });
    const packed = Buffer.from(`%PDF-1.7\n1 0 obj << /Type /ObjStm /N ${BILAG_LIMITS.objects} /First 4 >> endobj\n%%EOF\n`);
    expect(admit(packed)).toEqual({ reason: 'too-many-objects', found: BILAG_LIMITS.objects + 1 });
  });

  it('refuses an object stream that inflates past the limit, before the parser inflates it', async () => {
    expect(await disarmPdf(await objectStreamBomb(BILAG_LIMITS.streamBytes / 2 ** 20 + 1))).toEqual({ refused: { reason: 'inflates', total: false } });
  });

  it('turns an /Annots that is a number into no annotations', async () => {
    const result = await disarmPdf(await armedPdf());
    if (!('pdf' in result)) throw new Error('refused');
    expect((await PDFDocument.load(result.pdf)).getPage(2).node.has(PDFName.of('Annots'))).toBe(false);
  });
});

describe('disarmInThread', () => {
  it('disarms in a worker thread', async () => {
    const result = await disarmInThread(await armedPdf());
    expect('pdf' in result && result.pages).toBe(3);
  });

  it('lets nothing the PDF library says reach the terminal', async () => {
    const broken = Buffer.from(
      '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
        '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj\n4 0 obj << /Broken ]]] endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    // In this thread the library does talk about the file…
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await disarmPdf(broken);
    expect(warn.mock.calls.length + log.mock.calls.length).toBeGreaterThan(0);
    warn.mockRestore();
    log.mockRestore();
    // …in its own thread nothing of it reaches the process's output.
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const result = await disarmInThread(broken);
    expect('pdf' in result && result.pages).toBe(1);
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    stdout.mockRestore();
    stderr.mockRestore();
  });

  it('fails only the bilag when the parse exceeds its heap limit', async () => {
    // 150 000 objects need far more than 16 MB of heap to parse on any machine.
    const body = Array.from({ length: 150_000 }, (_, index) => `${index + 1} 0 obj << /A [1 2 3 4 5 6 7 8] /B (tekst ${index}) >> endobj\n`).join('');
    const bytes = Buffer.from(`%PDF-1.7\n${body}trailer << /Root 1 0 R >>\n%%EOF\n`);
    expect(await disarmInThread(bytes, { heapMb: 16, timeoutMs: 600_000 })).toEqual({ failed: 'memory' });
  });

  it('stops a parse that exceeds its time limit', async () => {
    // Starting a thread and loading the PDF library takes far longer than 1 ms.
    expect(await disarmInThread(await plainPdf(1), { heapMb: 384, timeoutMs: 1 })).toEqual({ failed: 'time' });
  });
});
