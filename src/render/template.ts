/**
 * Stage 5: place a DocumentView into its layout's Handlebars template. The
 * templates are compiled once per run; content never becomes template
 * source, it is only ever data.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { LAYOUTS, type Layout } from '../content/schema.js';
import type { DocumentView } from './view.js';

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
      handlebars.compile<DocumentView>(readFileSync(path.join(templatesDir, layout, 'document.hbs'), 'utf8'), {
        strict: false,
        preventIndent: true,
      }),
    ]),
  );
  return {
    render: (layout, view) => compiled.get(layout)!(view),
  };
}

/** Stylesheets a layout links, as URL paths the print stage serves. */
export function layoutStylesheets(layout: Layout): string[] {
  return [
    ...['400', '400-italic', '600', '700', '700-italic'].map((weight) => `/fonts/source-sans-3/${weight}.css`),
    '/templates/base.css',
    `/templates/${layout}/${layout}.css`,
  ];
}
