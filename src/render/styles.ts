/**
 * The CSS each layout prints with, read once per run: the bundled Source
 * Sans 3 faces (as data URLs), base.css and the layout's own stylesheet. It
 * is placed inline, so a printed document needs nothing from outside itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LAYOUTS, type Layout } from '../content/schema.js';
import { fontPackageDir } from './fonts.js';

const FONT_FACES = ['400', '400-italic', '600', '700', '700-italic'];

/** A fontsource stylesheet with its woff2 files inlined and the woff fallbacks dropped. */
function inlineFontCss(cssFile: string): string {
  const dir = path.dirname(cssFile);
  return readFileSync(cssFile, 'utf8')
    .replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, '')
    .replace(/url\(\.\/(files\/[^)]+\.woff2)\)/g, (_, file: string) => {
      const data = readFileSync(path.join(dir, file)).toString('base64');
      return `url(data:font/woff2;base64,${data})`;
    });
}

export function loadStyles(templatesDir: string): Record<Layout, string> {
  const fontDir = fontPackageDir();
  const fonts = FONT_FACES.map((face) => inlineFontCss(path.join(fontDir, `${face}.css`))).join('\n');
  const base = readFileSync(path.join(templatesDir, 'base.css'), 'utf8');
  return Object.fromEntries(
    LAYOUTS.map((layout) => [layout, [fonts, base, readFileSync(path.join(templatesDir, layout, `${layout}.css`), 'utf8')].join('\n')]),
  ) as Record<Layout, string>;
}
