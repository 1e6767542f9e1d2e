import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/api.js';
import { loadStyles, withFonts } from '../../src/render/styles.js';

const { fonts } = loadStyles(DEFAULT_TEMPLATES).kommune;
const documentWith = (body: string) => `<!doctype html><html><head><title>t</title><style>p { color: black }</style></head><body>${body}</body></html>`;
/** The faces a document was given, by the first code point of their range (0000 latin, 0100 latin-ext, 0301 cyrillic, 0370 greek). */
const scripts = (html: string) => {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...new Set(fonts.filter((face) => head.includes(face.css)).map((face) => /unicode-range:\s*U\+([0-9A-F]+)/.exec(face.css)?.[1]))].sort();
};

describe('withFonts', () => {
  it('gives a Danish document only the latin faces, in every weight and style', () => {
    const html = withFonts(documentWith('<p>Udvalget godkendte budgetforslaget – med bemærkninger om økonomi og rådgivning.</p>'), fonts);
    expect(scripts(html)).toEqual(['0000']);
    expect(fonts.filter((face) => html.includes(face.css))).toHaveLength(5);
  });

  it('adds the faces of the other characters it holds, written out or as references', () => {
    // "Łódź" needs latin-ext (U+0141), "&#x3bc;" greek (μ), "\\410" in CSS cyrillic (А).
    const html = withFonts(documentWith('<p>Łódź og 5 &#x3bc;g</p><style>p::after { content: "\\410" }</style>'), fonts);
    expect(scripts(html)).toEqual(['0000', '0100', '0301', '0370']);
  });

  it('puts the faces in the template\'s head even when content names "</head>"', () => {
    const html = withFonts('<!doctype html><html><head><title>&lt;/head&gt;</title></head><body><p>&lt;/head&gt; æ</p></body></html>', fonts);
    expect(html.indexOf('<style>')).toBeGreaterThan(html.indexOf('<title>'));
    expect(html.indexOf('<style>')).toBeLessThan(html.indexOf('<body>'));
  });
});
