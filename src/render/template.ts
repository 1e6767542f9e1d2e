/**
 * Stage 5: place a DocumentView into its layout's Handlebars template, with
 * the layout's CSS inline. Templates and styles are loaded once per run;
 * content never becomes template source, it is only ever data.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { LAYOUTS, type Layout } from '../content/schema.js';
import type { DocumentView } from './view.js';
import { loadStyles } from './styles.js';

export interface TemplateSet {
  render(layout: Layout, view: DocumentView): string;
}

export function loadTemplates(templatesDir: string): TemplateSet {
  const handlebars = Handlebars.create();
  const partialsDir = path.join(templatesDir, 'partials');
  for (const name of readdirSync(partialsDir).filter((file) => file.endsWith('.hbs'))) {
    handlebars.registerPartial(path.basename(name, '.hbs'), readFileSync(path.join(partialsDir, name), 'utf8'));
  }
  const compiled = new Map(
    LAYOUTS.map((layout) => [
      layout,
      handlebars.compile<DocumentView & { styles: string }>(readFileSync(path.join(templatesDir, layout, 'document.hbs'), 'utf8'), {
        strict: false,
        preventIndent: true,
      }),
    ]),
  );
  const styles = loadStyles(templatesDir);
  return {
    render: (layout, view) => compiled.get(layout)!({ ...view, styles: styles[layout] }),
  };
}
