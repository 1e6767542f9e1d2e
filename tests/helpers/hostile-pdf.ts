/**
 * Hostile bilag PDFs, built with pdf-lib's low-level API: every form of
 * "something that acts" a reader might run, and files made to exhaust a
 * parser. Used by the disarm unit tests and the end-to-end hostile bilag test.
 */
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFContext } from 'pdf-lib';

/** Words that must not survive into a samlet PDF: each marks one hostile construct. */
export const ARMED_MARKERS = [
  'app.alert',
  'side-aa',
  'naeste-kaede',
  'indirekte-s',
  'formular-script',
  'felt-aa',
  'aabnings-script',
  'navne-script',
  'vedhaeftet-fil',
  'navne-fil',
  'javascript:',
  '/etc/passwd',
  'x.exe',
  'fjern.pdf',
  'indlejret.pdf',
  'https://indsend.example',
  'katalog-via-ressourcer',
];

/** Names that must not occur in a disarmed file's objects. */
export const ARMED_NAMES = ['/JavaScript', '/JS', '/AA', '/OpenAction', '/Launch', '/GoToR', '/GoToE', '/ImportData', '/SubmitForm', '/ResetForm', '/EmbeddedFile', '/EmbeddedFiles', '/Filespec', '/EF', '/AcroForm', '/Widget', '/FileAttachment', '/Names', '/Next'];

const js = (context: PDFContext, code: string) => context.obj({ S: 'JavaScript', JS: PDFString.of(code) });

/** A three-page bilag that holds every armed construct, and three links that must be kept. */
export async function armedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont('Helvetica');
  for (let index = 0; index < 3; index++) doc.addPage([300, 300]).drawText(`Side ${index + 1} af bilaget`, { x: 20, y: 250, size: 14, font });
  const { context, catalog } = doc;
  const [first, second, third] = doc.getPages().map((page) => page.node);
  const refs = doc.getPages().map((page) => page.ref);
  const register = (object: PDFDict) => context.register(object);
  const link = (action: PDFDict | PDFRef, rect = [0, 0, 50, 50]) => register(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, A: action }));
  const embedded = (name: string) => {
    const file = context.flateStream(`indhold af ${name}`, { Type: 'EmbeddedFile' });
    return context.obj({ Type: 'Filespec', F: PDFString.of(name), EF: { F: context.register(file) } });
  };

  // Page 1: links of every forbidden kind, and three that are kept.
  const indirectS = context.register(PDFName.of('JavaScript'));
  const annots1 = [
    link(context.obj({ S: 'URI', URI: PDFString.of('https://example.dk/ok'), Next: js(context, 'app.alert("naeste-kaede")') })),
    link(context.obj({ S: indirectS, JS: PDFString.of('app.alert("indirekte-s")') })),
    link(context.obj({ S: 'URI', URI: PDFString.of('javascript:app.alert(1)') })),
    link(context.obj({ S: 'URI', URI: PDFString.of('file:///etc/passwd') })),
    link(context.obj({ S: 'URI', URI: PDFString.of('\\\\\\\\host\\\\share\\\\x.exe') })),
    link(context.obj({ S: 'URI', URI: PDFString.of('https://host/share/x.exe\\\\y') })),
    link(context.obj({ S: 'GoToR', F: PDFString.of('fjern.pdf'), D: [0, 'Fit'] })),
    link(context.obj({ S: 'GoToE', T: { R: 'C', N: PDFString.of('indlejret.pdf') }, D: [0, 'Fit'] })),
    link(context.obj({ S: 'Launch', F: PDFString.of('x.exe') })),
    link(context.obj({ S: 'ImportData', F: PDFString.of('/etc/passwd') })),
    link(context.obj({ S: 'SubmitForm', F: PDFString.of('https://indsend.example') })),
    link(context.obj({ S: 'ResetForm' })),
    link(js(context, 'app.alert(1)')),
    register(context.obj({ Type: 'Annot', Subtype: 'FileAttachment', Rect: [0, 0, 20, 20], FS: embedded('vedhaeftet-fil.exe') })),
    // Kept: a web link, a mail link and a go-to to the bilag's own third page.
    link(context.obj({ S: 'URI', URI: PDFString.of('https://www.example.dk/side') }), [10, 10, 100, 30]),
    link(context.obj({ S: 'URI', URI: PDFString.of('mailto:sekretariat@example.dk') }), [10, 40, 100, 60]),
    link(context.obj({ S: 'GoTo', D: [refs[2]!, 'XYZ', 0, 300, 0] }), [10, 70, 100, 90]),
  ];
  first!.set(PDFName.of('Annots'), context.obj(annots1));
  first!.set(PDFName.of('AA'), context.obj({ O: js(context, 'app.alert("side-aa")') }));

  // Page 2: a form field with scripts, and resources that lead to the catalogue.
  const widget = register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Tx',
      T: PDFString.of('felt'),
      Rect: [0, 0, 100, 20],
      A: js(context, 'app.alert("formular-script")'),
      AA: { K: js(context, 'app.alert("felt-aa")') },
    }),
  );
  second!.set(PDFName.of('Annots'), context.obj([widget]));
  const resources = second!.lookup(PDFName.of('Resources'), PDFDict);
  resources.set(PDFName.of('Properties'), context.obj({ MC0: catalog, Evil: { OpenAction: js(context, 'app.alert("katalog-via-ressourcer")') } }));

  // Page 3: /Annots that is a number.
  third!.set(PDFName.of('Annots'), PDFNumber.of(7));

  // The document: opening script, script and file name trees, a form.
  catalog.set(PDFName.of('OpenAction'), js(context, 'app.alert("aabnings-script")'));
  catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [widget] }));
  catalog.set(
    PDFName.of('Names'),
    context.obj({
      JavaScript: { Names: [PDFString.of('s'), js(context, 'app.alert("navne-script")')] },
      EmbeddedFiles: { Names: [PDFString.of('f'), embedded('navne-fil.exe')] },
    }),
  );
  return doc.save({ useObjectStreams: false });
}

/** A plain bilag of `pages` pages. */
export async function plainPdf(pages = 1, text = 'Et almindeligt bilag'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont('Helvetica');
  for (let index = 0; index < pages; index++) doc.addPage([300, 300]).drawText(`${text} ${index + 1}`, { x: 20, y: 250, size: 12, font });
  return doc.save();
}

/** A bilag whose trailer names an encryption dictionary. */
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 300]);
  const encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 2, R: 3, Length: 128, P: -4, O: PDFHexString.of('00'.repeat(32)), U: PDFHexString.of('00'.repeat(32)) }));
  doc.context.trailerInfo.Encrypt = encrypt;
  return doc.save({ useObjectStreams: false });
}

/**
 * A page tree of 2^depth leaves, from depth + 3 objects: every node lists its
 * one child twice. Written by hand: pdf-lib itself would walk the tree to save it.
 */
export function pageTreeBomb(depth = 40): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 3 0 R >>', '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 100 100] >>'];
  for (let level = depth; level >= 1; level--) {
    const child = level === depth ? 2 : objects.length;
    objects.push(`<< /Type /Pages /Kids [${child} 0 R ${child} 0 R] /Count ${2 ** (depth - level + 1)} >>`);
  }
  // The root is the last node written; point the catalogue and the leaf at it.
  const root = objects.length;
  objects[0] = `<< /Type /Catalog /Pages ${root} 0 R >>`;
  objects[1] = `<< /Type /Page /Parent ${root} 0 R /MediaBox [0 0 100 100] >>`;
  const body = objects.map((object, index) => `${index + 1} 0 obj\n${object}\nendobj\n`).join('');
  return Buffer.from(`%PDF-1.7\n${body}trailer\n<< /Root 1 0 R /Size ${objects.length + 1} >>\n%%EOF\n`);
}

/** An object stream that inflates to `megabytes` MB of zeros. */
export async function objectStreamBomb(megabytes = 100): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([100, 100]);
  const { context } = doc;
  const dict = context.obj({ Type: 'ObjStm', N: 1, First: 4, Filter: 'FlateDecode' });
  context.register(PDFRawStream.of(dict, deflateSync(Buffer.alloc(megabytes * 2 ** 20, 0x30), { level: 9 })));
  return doc.save({ useObjectStreams: false });
}

/** A valid PDF cut short. */
export function truncated(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, Math.floor(bytes.length * 0.6));
}

export function annotsOf(doc: PDFDocument): PDFDict[][] {
  return doc.getPages().map((page) => page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray().map((ref) => doc.context.lookup(ref, PDFDict)) ?? []);
}
