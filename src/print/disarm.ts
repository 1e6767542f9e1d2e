/**
 * A bilag PDF made harmless: admitted by rules checked on its raw bytes, then
 * parsed and rebuilt as a new document holding only what is on the allowlist
 * below. Nothing else of the file is copied, so whatever a hostile PDF hides
 * (scripts behind /Next or /AA, indirect actions, launch and remote-go-to
 * actions, embedded files, forms, name trees) is simply not there.
 *
 * Kept, per page: the content streams; the resources (fonts, images, form
 * XObjects, colour spaces, patterns, shadings, graphics states) with every
 * action, annotation, file specification and link to the rest of the
 * document cut out; MediaBox, CropBox and Rotate; Link annotations whose
 * action is a URI with http, https or mailto, or a go-to to one of the
 * bilag's own pages.
 *
 * This runs where a crash or an exhausted heap cannot take the build down
 * (bilag-worker.ts); it holds no state and writes nothing.
 */
import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFBool,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

/** Stated in SECURITY.md; far above any real bilag (a 300-page report has a few thousand objects). */
export const BILAG_LIMITS = {
  pages: 2_000,
  objects: 200_000,
  /** Bytes one stream may inflate to. */
  streamBytes: 64 * 1024 * 1024,
  /** Bytes all streams together may inflate to. */
  inflatedBytes: 256 * 1024 * 1024,
  /** Link annotations kept per page. */
  linksPerPage: 500,
  /** V8 heap of one bilag's parse (bilag-thread.ts). */
  heapMb: 384,
  /** Wall time of one bilag's parse. */
  timeoutMs: 30_000,
  /** Bilag parsed at once in a run: each may use its heap limit. */
  concurrent: 2,
} as const;

export type Refusal =
  | { reason: 'encrypted' }
  | { reason: 'not-pdf' }
  | { reason: 'damaged'; detail?: string }
  | { reason: 'no-pages' }
  | { reason: 'too-many-pages'; found: number }
  | { reason: 'too-many-objects'; found: number }
  | { reason: 'inflates'; total: boolean };

export type Disarmed = { pdf: Uint8Array; pages: number } | { refused: Refusal };

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

/** Checks on the raw bytes, before any parser sees them. */
export function admit(bytes: Uint8Array): Refusal | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!text.slice(0, 1024).includes('%PDF-')) return { reason: 'not-pdf' };
  if (/\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/.test(text)) return { reason: 'encrypted' };
  if (!text.slice(-1024).includes('%%EOF')) return { reason: 'damaged', detail: 'truncated' };
  // Objects written out, and those packed into object streams (/N of each).
  let objects = text.match(/\d+\s+\d+\s+obj\b/g)?.length ?? 0;
  for (const match of text.matchAll(/\/Type\s*\/ObjStm\b[^>]*?\/N\s+(\d+)|\/N\s+(\d+)[^>]*?\/Type\s*\/ObjStm\b/g)) objects += Number(match[1] ?? match[2]);
  if (objects > BILAG_LIMITS.objects) return { reason: 'too-many-objects', found: objects };
  return inflation(bytes, text);
}

/**
 * Inflate every stream (with a cap) before the parser does: an object
 * stream of a few kilobytes can unpack to gigabytes.
 */
function inflation(bytes: Uint8Array, text: string): Refusal | undefined {
  let total = 0;
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: BILAG_LIMITS.streamBytes, finishFlush: 2 /* Z_SYNC_FLUSH */ });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) return { reason: 'inflates', total: false };
      // Not deflated data (an image, plain text): nothing to inflate.
      continue;
    }
    total += inflated.byteLength;
    if (total > BILAG_LIMITS.inflatedBytes) return { reason: 'inflates', total: true };
  }
  return undefined;
}

const name = (value: string) => PDFName.of(value);

/** Keys never copied, wherever they occur: actions, scripts, files, forms, structure and links to the rest of the document. */
const DROPPED_KEYS = new Set(
  ['A', 'AA', 'OpenAction', 'JS', 'JavaScript', 'Next', 'EF', 'EmbeddedFiles', 'RF', 'FS', 'URI', 'Names', 'Dests', 'AcroForm', 'Annots', 'Parent', 'P', 'Pages', 'Kids', 'Outlines', 'StructTreeRoot', 'StructParent', 'StructParents', 'Threads', 'Collection', 'XFA'].map(name),
);
/** Dictionary types never copied. */
const DROPPED_TYPES = new Set(['Action', 'Annot', 'Catalog', 'Page', 'Pages', 'Filespec', 'EmbeddedFile', 'Outlines', 'Sig'].map(name));
/** What a page's /Resources may hold. */
const RESOURCE_KEYS = new Set(['Font', 'XObject', 'ExtGState', 'ColorSpace', 'Pattern', 'Shading', 'Properties', 'ProcSet'].map(name));
/** Action types: a dictionary whose /S is one of these is an action, wherever it hides. */
const ACTION_TYPES = new Set(
  ['GoTo', 'GoToR', 'GoToE', 'GoToDp', 'Launch', 'Thread', 'URI', 'Sound', 'Movie', 'Hide', 'Named', 'SubmitForm', 'ResetForm', 'ImportData', 'JavaScript', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView', 'RichMediaExecute'].map(name),
);

function isDropped(dict: PDFDict): boolean {
  const type = dict.get(name('Type'));
  const subtype = dict.get(name('S'));
  return (type instanceof PDFName && DROPPED_TYPES.has(type)) || (subtype instanceof PDFName && ACTION_TYPES.has(subtype)) || subtype instanceof PDFRef;
}

/**
 * Copies objects from the bilag into the new document through the filter
 * above; each indirect object once, however often it is referred to.
 */
class Copier {
  private readonly copied = new Map<PDFRef, PDFRef>();

  constructor(
    private readonly from: PDFContext,
    private readonly to: PDFContext,
  ) {}

  copy(object: PDFObject | undefined): PDFObject | undefined {
    if (object === undefined) return undefined;
    if (object instanceof PDFRef) return this.copyRef(object);
    if (object instanceof PDFRawStream) {
      const dict = this.copyDict(object.dict);
      return dict && PDFRawStream.of(dict, object.getContents());
    }
    if (object instanceof PDFStream) return undefined;
    if (object instanceof PDFDict) return this.copyDict(object);
    if (object instanceof PDFArray) {
      const array = PDFArray.withContext(this.to);
      for (const element of object.asArray()) array.push(this.copy(element) ?? PDFNull);
      return array;
    }
    if (object instanceof PDFName || object instanceof PDFNumber || object instanceof PDFString || object instanceof PDFHexString || object instanceof PDFBool || object === PDFNull) {
      return object;
    }
    return undefined;
  }

  private copyRef(ref: PDFRef): PDFRef | undefined {
    const done = this.copied.get(ref);
    if (done) return done;
    const target = this.from.lookup(ref);
    if (target === undefined || (target instanceof PDFDict && isDropped(target))) return undefined;
    const copy = this.to.nextRef();
    this.copied.set(ref, copy);
    this.to.assign(copy, this.copy(target) ?? PDFNull);
    return copy;
  }

  private copyDict(dict: PDFDict, keys?: Set<PDFName>): PDFDict | undefined {
    if (isDropped(dict)) return undefined;
    const copy = PDFDict.withContext(this.to);
    for (const [key, value] of dict.entries()) {
      if (DROPPED_KEYS.has(key) || (keys && !keys.has(key))) continue;
      const copied = this.copy(value);
      if (copied !== undefined) copy.set(key, copied);
    }
    return copy;
  }

  resources(value: PDFObject | undefined): PDFDict | undefined {
    const dict = value instanceof PDFRef ? this.from.lookup(value) : value;
    return dict instanceof PDFDict ? this.copyDict(dict, RESOURCE_KEYS) : undefined;
  }
}

interface Leaf {
  ref: PDFRef;
  node: PDFDict;
  /** Attributes a page inherits from its ancestors. */
  inherited: Map<PDFName, PDFObject>;
}

const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map(name);

/**
 * The page tree's leaves, walked by hand: pdf-lib would follow a tree whose
 * nodes share kids (2^40 leaves from 40 objects) until memory runs out.
 */
function pageLeaves(doc: PDFDocument): Leaf[] {
  const { context } = doc;
  const leaves: Leaf[] = [];
  const seen = new Set<PDFRef>();
  const root = doc.catalog.get(name('Pages'));
  const pending: { ref: PDFObject | undefined; inherited: Map<PDFName, PDFObject>; depth: number }[] = [{ ref: root, inherited: new Map(), depth: 0 }];
  while (pending.length > 0) {
    const { ref, inherited, depth } = pending.pop()!;
    if (ref instanceof PDFRef && (seen.has(ref) || depth > 64)) throw new Refused({ reason: 'damaged', detail: 'page tree' });
    const node = ref instanceof PDFRef ? context.lookup(ref) : undefined;
    if (!(ref instanceof PDFRef) || !(node instanceof PDFDict)) throw new Refused({ reason: 'damaged' });
    seen.add(ref);
    const own = new Map(inherited);
    for (const key of INHERITED) {
      const value = node.get(key);
      if (value !== undefined) own.set(key, value);
    }
    const kids = node.get(name('Kids'));
    if (node.get(name('Type')) === name('Page') || kids === undefined) {
      leaves.push({ ref, node, inherited: own });
      if (leaves.length > BILAG_LIMITS.pages) throw new Refused({ reason: 'too-many-pages', found: leaves.length });
      continue;
    }
    const list = kids instanceof PDFRef ? context.lookup(kids) : kids;
    if (!(list instanceof PDFArray)) throw new Refused({ reason: 'damaged' });
    if (seen.size + list.size() > BILAG_LIMITS.objects) throw new Refused({ reason: 'too-many-objects', found: seen.size + list.size() });
    // Reversed onto the stack: pages come off it in document order.
    for (const kid of [...list.asArray()].reverse()) pending.push({ ref: kid, inherited: own, depth: depth + 1 });
  }
  if (leaves.length === 0) throw new Refused({ reason: 'no-pages' });
  return leaves;
}

/** The numbers of a rectangle, or undefined when it is not one. */
function rectangle(context: PDFContext, value: PDFObject | undefined): number[] | undefined {
  const array = value instanceof PDFRef ? context.lookup(value) : value;
  if (!(array instanceof PDFArray) || array.size() !== 4) return undefined;
  const numbers = array.asArray().map((element) => (element instanceof PDFNumber ? element.asNumber() : NaN));
  return numbers.every(Number.isFinite) ? numbers : undefined;
}

/** A URI a reader may open: a web address or an e-mail address, printable ASCII only (no UNC path, no script). */
const SAFE_URI = /^(?:https?:\/\/|mailto:)[\x21-\x5b\x5d-\x7e]+$/i;

function text(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** A Link annotation as kept: rebuilt from its rectangle and a checked target, nothing else of it. */
function cleanLink(doc: PDFDocument, out: PDFDocument, annot: PDFObject | undefined, pages: Map<PDFRef, PDFRef>): PDFRef | undefined {
  const { context } = doc;
  const dict = annot instanceof PDFRef ? context.lookup(annot) : annot;
  if (!(dict instanceof PDFDict) || dict.get(name('Subtype')) !== name('Link')) return undefined;
  const rect = rectangle(context, dict.get(name('Rect')));
  if (!rect) return undefined;
  const target = (() => {
    const dest = dict.get(name('Dest'));
    if (dest !== undefined) return destination(doc, out, dest, pages);
    const actionValue = dict.get(name('A'));
    const action = actionValue instanceof PDFRef ? context.lookup(actionValue) : actionValue;
    if (!(action instanceof PDFDict)) return undefined;
    const type = action.get(name('S'));
    if (type === name('URI')) {
      const uriValue = action.get(name('URI'));
      const uri = text(uriValue instanceof PDFRef ? context.lookup(uriValue) : uriValue);
      if (uri === undefined || !SAFE_URI.test(uri)) return undefined;
      return { A: out.context.obj({ S: name('URI'), URI: PDFHexString.of(Buffer.from(uri, 'latin1').toString('hex')) }) };
    }
    if (type === name('GoTo')) return destination(doc, out, action.get(name('D')), pages);
    return undefined;
  })();
  if (!target) return undefined;
  const link = out.context.obj({ Type: name('Annot'), Subtype: name('Link'), Rect: rect, Border: [0, 0, 0] }) as PDFDict;
  for (const [key, value] of Object.entries(target)) link.set(name(key), value);
  return out.context.register(link);
}

/** A go-to target as kept: one of the bilag's own pages, with a plain view. */
function destination(doc: PDFDocument, out: PDFDocument, value: PDFObject | undefined, pages: Map<PDFRef, PDFRef>): { Dest: PDFArray } | undefined {
  const { context } = doc;
  let dest = value instanceof PDFRef ? context.lookup(value) : value;
  // A named destination, from the old-style /Dests dictionary only.
  if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString) {
    const key = dest instanceof PDFName ? dest : name(dest.decodeText());
    const named = doc.catalog.lookupMaybe(name('Dests'), PDFDict)?.get(key);
    dest = named instanceof PDFRef ? context.lookup(named) : named;
    if (dest instanceof PDFDict) dest = dest.get(name('D'));
  }
  if (!(dest instanceof PDFArray) || dest.size() < 2) return undefined;
  const [page, view, ...rest] = dest.asArray();
  const mapped = page instanceof PDFRef ? pages.get(page) : undefined;
  if (!mapped || !(view instanceof PDFName)) return undefined;
  const numbers = rest.slice(0, 4).map((element) => (element instanceof PDFNumber ? element : PDFNull));
  const array = PDFArray.withContext(out.context);
  for (const element of [mapped, view, ...numbers]) array.push(element);
  return { Dest: array };
}

/**
 * Admit, parse and rebuild a bilag. Everything the parser says is its own
 * business: the caller silences the console (see bilag-worker.ts).
 */
export async function disarmPdf(bytes: Uint8Array): Promise<Disarmed> {
  const refusal = admit(bytes);
  if (refusal) return { refused: refusal };
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
    const leaves = pageLeaves(doc);
    const out = await PDFDocument.create({ updateMetadata: false });
    const copier = new Copier(doc.context, out.context);
    const pages = new Map<PDFRef, PDFRef>();
    const made = leaves.map((leaf) => {
      const page = out.addPage();
      pages.set(leaf.ref, page.ref);
      return page;
    });
    for (const [index, leaf] of leaves.entries()) {
      const { node } = made[index]!;
      const attribute = (key: string) => leaf.node.get(name(key)) ?? leaf.inherited.get(name(key));
      const mediaBox = rectangle(doc.context, attribute('MediaBox')) ?? [0, 0, 595.28, 841.89];
      node.set(name('MediaBox'), out.context.obj(mediaBox));
      const cropBox = rectangle(doc.context, attribute('CropBox'));
      if (cropBox) node.set(name('CropBox'), out.context.obj(cropBox));
      const rotate = attribute('Rotate');
      if (rotate instanceof PDFNumber && rotate.asNumber() % 90 === 0) node.set(name('Rotate'), rotate);
      node.set(name('Resources'), copier.resources(attribute('Resources')) ?? out.context.obj({}));
      const contents = copier.copy(leaf.node.get(name('Contents')));
      if (contents) node.set(name('Contents'), contents);
      const annotsValue = leaf.node.get(name('Annots'));
      const annots = annotsValue instanceof PDFRef ? doc.context.lookup(annotsValue) : annotsValue;
      // /Annots that is not an array (a number, say) holds nothing to keep.
      const links = annots instanceof PDFArray ? annots.asArray().slice(0, BILAG_LIMITS.linksPerPage).flatMap((annot) => cleanLink(doc, out, annot, pages) ?? []) : [];
      if (links.length > 0) node.set(name('Annots'), out.context.obj(links));
    }
    return { pdf: await out.save({ useObjectStreams: false, updateFieldAppearances: false }), pages: leaves.length };
  } catch (error) {
    if (error instanceof Refused) return { refused: error.refusal };
    if (error instanceof Error && error.name === 'EncryptedPDFError') return { refused: { reason: 'encrypted' } };
    return { refused: { reason: 'damaged', detail: error instanceof Error ? error.message.slice(0, 200) : undefined } };
  }
}
