/**
 * Each printed page's content is read, tokenized and written once: one pass
 * over its operations does what three concerns need of them — the page-end
 * check (page-ends.ts), the clean text layer (text-layer.ts) and the
 * artifacts (artifacts.ts) — and the page is written back with all their
 * edits, compressed once. A page holds thousands of glyph operations, and
 * reading them three times cost more than the print they came from.
 */
import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import { markArtifacts, ArtifactMarker } from './artifacts.js';
import { applyEdits, scanContent, TextPosition } from './content-stream.js';
import { readPageContent, streamText, unicodeFonts, writePageContent } from './page-content.js';
import { PageEnd, toUnicodeMap } from './page-ends.js';
import { mapLigatures, SoftHyphenCleaner } from './text-layer.js';

/** Pages already finished: appended pages are finished on their own, and a samlet document's minutes only once. */
const finishedPages = new WeakSet<object>();

/**
 * Finish every page of a printed document (read back by pdf-pages.ts; it is
 * changed in place): soft hyphens out of the text layer, untagged content
 * marked as artifacts. Returns, for each page whose body ends in a divided
 * word, that word's part before the hyphen, for the print stage to keep it
 * whole (paginate.ts).
 */
export function finishPages(doc: PDFDocument): { divided: string[] } {
  const divided: string[] = [];
  /** Glyph → text maps of the fonts read so far, and the glyphs each maps to a space, by font object. */
  const cmaps = new Map<string, { map: Map<string, string>; spaces: Set<string> }>();
  /** ToUnicode stream → glyph → text (UTF-16BE hex) a ligature must be mapped to. */
  const ligatures = new Map<PDFRef, Map<string, string>>();
  for (const page of doc.getPages()) {
    if (finishedPages.has(page.node)) continue;
    finishedPages.add(page.node);
    const content = readPageContent(doc, page);
    const fonts = unicodeFonts(doc, page).map((font) => {
      const key = font.font.toString();
      let known = cmaps.get(key);
      if (!known) {
        const map = toUnicodeMap(streamText(font.stream));
        cmaps.set(key, (known = { map, spaces: new Set([...map].flatMap(([glyph, text]) => (text === ' ' ? [glyph] : []))) }));
      }
      return { ...font, ...known };
    });
    const spaces = new Map(fonts.map(({ name, spaces: glyphs }) => [name, glyphs]));
    const position = new TextPosition();
    const artifacts = new ArtifactMarker(page.getHeight(), position);
    const cleaner = new SoftHyphenCleaner(content, spaces);
    const end = new PageEnd(content, new Map(fonts.map(({ name, map }) => [name, map])), position);
    scanContent(content, (operation) => {
      position.follow(operation);
      // Every glyph comes with a Td, which moves the text line and matters to nothing else.
      if (operation.operator === 'Td') return;
      artifacts.follow(operation);
      cleaner.follow(operation);
      end.follow(operation);
    });
    // Artifact edits first: where both change one offset, an artifact closes before a span does.
    const edits = [...artifacts.finish(content.length), ...cleaner.edits];
    if (edits.length > 0) writePageContent(doc, page, applyEdits(content, edits));
    for (const { font, glyph, text } of cleaner.ligatures) {
      const toUnicode = fonts.find(({ name }) => name === font)?.toUnicode;
      if (!toUnicode) continue;
      if (!ligatures.has(toUnicode)) ligatures.set(toUnicode, new Map());
      ligatures.get(toUnicode)!.set(glyph, text);
    }
    const fragment = end.divided();
    if (fragment) divided.push(fragment);
  }
  mapLigatures(doc, ligatures);
  return { divided };
}

/**
 * Mark a page that joins the document later (a samlet's appended pages) as
 * finish requires, once: by default its untagged content as artifacts.
 */
export function markPage(doc: PDFDocument, page: PDFPage, rewrite: (content: string) => string = (content) => markArtifacts(content, page.getHeight())): void {
  if (finishedPages.has(page.node)) return;
  finishedPages.add(page.node);
  const content = readPageContent(doc, page);
  const finished = rewrite(content);
  if (finished !== content) writePageContent(doc, page, finished);
}
