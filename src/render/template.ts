/**
 * Stage 5: place a DocumentView into its layout's Handlebars template, with
 * the layout's CSS and the fonts it needs inline. Templates and styles are
 * loaded once per run; content never becomes template source, it is only
 * ever data.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { LAYOUTS, type Layout } from '../content/schema.js';
import type { AttachmentsDocumentView, DocumentView } from './view.js';
import { loadStyles, withFonts } from './styles.js';
import { breakableAddress } from './typography.js';

export interface TemplateSet {
  render(layout: Layout, view: DocumentView): string;
  /** The separators and Markdown bilag of a "samlet" document, in the layout's styles. */
  renderAttachments(layout: Layout, view: AttachmentsDocumentView): string;
}

export function loadTemplates(templatesDir: string): TemplateSet {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('breakableAddress', (address: unknown) => new Handlebars.SafeString(breakableAddress(String(address ?? ''))));
  const partialsDir = path.join(templatesDir, 'partials');
  for (const name of readdirSync(partialsDir).filter((file) => file.endsWith('.hbs'))) {
    handlebars.registerPartial(path.basename(name, '.hbs'), readFileSync(path.join(partialsDir, name), 'utf8'));
  }
  const compile = <View>(file: string) =>
    handlebars.compile<View & { styles: string; layout: Layout }>(readFileSync(path.join(templatesDir, file), 'utf8'), {
      strict: false,
      preventIndent: true,
    });
  const documents = new Map(LAYOUTS.map((layout) => [layout, compile<DocumentView>(path.join(layout, 'document.hbs'))]));
  const attachments = compile<AttachmentsDocumentView>('bilag.hbs');
  const styles = loadStyles(templatesDir);
  const place = <View>(template: Handlebars.TemplateDelegate<View & { styles: string; layout: Layout }>, layout: Layout, view: View) =>
    withFonts(template({ ...view, styles: styles[layout].css, layout }), styles[layout].fonts);
  return {
    render: (layout, view) => place(documents.get(layout)!, layout, view),
    renderAttachments: (layout, view) => place(attachments, layout, view),
  };
}
