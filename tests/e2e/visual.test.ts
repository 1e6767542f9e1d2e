/**
 * Visual regression: every page of every PDF the example meetings print,
 * compared pixel by pixel with its golden image in tests/visual/golden/.
 * After an intended change, `npm run update-golden` re-blesses them.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/api.js';
import {
  ACTUAL_DIR,
  buildPages,
  checkDocument,
  decodePng,
  goldenDocuments,
  readGoldenPages,
  type DocumentPages,
} from '../../scripts/lib/page-images.js';
import { PDFTOPPM_MISSING, skipWithoutPdftoppm } from '../helpers/pdftoppm.js';

// Known when the tests are collected, so each golden document is its own test.
const golden = goldenDocuments();
let built: DocumentPages;
const scratch = mkdtempSync(path.join(tmpdir(), 'referat-visual-test-'));

skipWithoutPdftoppm();
beforeAll(async () => {
  if (PDFTOPPM_MISSING) return;
  // Images from an earlier failing run would mislead.
  rmSync(ACTUAL_DIR, { recursive: true, force: true });
  built = await buildPages();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const rebless = 'Er ændringen tilsigtet, så kør "npm run update-golden", se billederne efter og commit dem.';

describe('golden page images of the example meetings', () => {
  it('has golden pages for exactly the documents the examples print', () => {
    expect(golden.length).toBeGreaterThan(0);
    const missing = [...built.keys()].filter((document) => !golden.includes(document));
    const gone = golden.filter((document) => !built.has(document));
    const lines = [
      ...missing.map((document) => `${document}: blev trykt, men har ingen golden-billeder`),
      ...gone.map((document) => `${document}: har golden-billeder, men blev ikke trykt`),
    ];
    if (lines.length > 0) expect.fail([...lines, rebless].join('\n'));
  });

  it.each(golden)('%s looks like its golden pages', (document) => {
    const pages = built.get(document);
    if (!pages) return expect.fail(`${document}: blev ikke trykt. ${rebless}`);
    const problems = checkDocument(document, readGoldenPages(document), pages, ACTUAL_DIR);
    if (problems.length > 0) {
      expect.fail([...problems, `Faktiske sider og diff-billeder: ${path.relative(PROJECT_ROOT, ACTUAL_DIR)}/`, rebless].join('\n'));
    }
  });
});

describe('the comparison', () => {
  const document = 'implementeringsgruppen-forebyggelse/2016-09-15-referat';

  it('fails the page where one word of an item changed, and leaves the actual page and a diff', async () => {
    const content = path.join(scratch, 'content');
    cpSync(path.join(PROJECT_ROOT, 'content'), content, { recursive: true });
    const item = path.join(content, 'implementeringsgruppen-forebyggelse', '2016-09-15', '01-godkendelse-af-dagsorden.md');
    const text = readFileSync(item, 'utf8');
    expect(text).toContain('Dagsorden godkendt.');
    writeFileSync(item, text.replace('Dagsorden godkendt.', 'Dagsorden udsat.'));
    const changed = await buildPages({ contentDir: content, targets: [path.dirname(item)] });

    // Against a fresh build of the unchanged examples, so that only the one word differs.
    const actualDir = path.join(scratch, 'actual');
    const problems = checkDocument(document, built.get(document)!, changed.get(document)!, actualDir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${document} side 1: \\d+ af 348\\.192 pixels afviger \\(højst 17 tilladt\\)$`));
    const actual = path.join(actualDir, `${document}-p1.png`);
    expect(decodePng(readFileSync(actual)).data).toEqual(changed.get(document)![0]!.data);
    expect(existsSync(actual.replace(/\.png$/, '-diff.png'))).toBe(true);
  });

  it('fails a document whose page count differs from its golden pages', () => {
    const pages = built.get(document)!;
    const problems = checkDocument(document, pages.slice(0, -1), pages, path.join(scratch, 'actual-count'));
    expect(problems).toEqual([`${document}: ${pages.length} sider, men golden-billederne har ${pages.length - 1}`]);
  });
});
