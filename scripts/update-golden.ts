/**
 * npm run update-golden
 *
 * Re-blesses the golden page images of tests/e2e/visual.test.ts after an
 * intended change: builds the example meetings, renders every page, and
 * writes the pages that are new or differ beyond the test's tolerance;
 * golden pages no document has any more are removed. Pages within the
 * tolerance are left as they are, so that a rebuild on another machine does
 * not churn the repository. Prints what changed, in Danish.
 */
import { mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/api.js';
import { ACTUAL_DIR, buildPages, comparePages, encodePng, GOLDEN_DIR, goldenFiles, pageFile, readGoldenPages } from './lib/page-images.js';

const count = new Intl.NumberFormat('da-DK');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

async function main(): Promise<void> {
  process.stdout.write('Bygger eksempelmøderne og tegner siderne …\n');
  const documents = await buildPages();
  const before = new Set(goldenFiles());
  const lines: string[] = [];
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  for (const [document, pages] of documents) {
    const goldenPages = readGoldenPages(document);
    pages.forEach((page, index) => {
      const file = pageFile(document, index + 1);
      const target = path.join(GOLDEN_DIR, file);
      before.delete(file);
      const golden = goldenPages[index];
      if (golden) {
        const comparison = comparePages(golden, page);
        if (comparison.ok) {
          unchanged++;
          return;
        }
        changed++;
        lines.push(`ændret   ${file} (${count.format(comparison.differing)} af ${count.format(comparison.total)} pixels afviger)`);
      } else {
        added++;
        lines.push(`ny       ${file}`);
      }
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, encodePng(page));
    });
  }
  for (const file of before) {
    rmSync(path.join(GOLDEN_DIR, file));
    removeEmptyFolders(path.dirname(path.join(GOLDEN_DIR, file)));
    lines.push(`fjernet  ${file}`);
  }
  // The test's failure images described the old goldens.
  rmSync(ACTUAL_DIR, { recursive: true, force: true });

  const golden = path.relative(PROJECT_ROOT, GOLDEN_DIR);
  if (lines.length === 0) {
    process.stdout.write(`Ingen ændringer: alle ${plural(unchanged, 'side', 'sider')} svarer til golden-billederne i ${golden}/.\n`);
    return;
  }
  const summary = [
    changed > 0 && plural(changed, 'ændret side', 'ændrede sider'),
    added > 0 && plural(added, 'ny side', 'nye sider'),
    before.size > 0 && plural(before.size, 'fjernet side', 'fjernede sider'),
    unchanged > 0 && plural(unchanged, 'uændret', 'uændrede'),
  ].filter(Boolean);
  process.stdout.write(`${lines.join('\n')}\n\n${summary.join(', ')}.\nSe ændringerne i ${golden}/ efter, før du committer dem.\n`);
}

/** Forum folders left without pages go too. */
function removeEmptyFolders(dir: string): void {
  for (let folder = dir; folder !== GOLDEN_DIR && readdirSync(folder).length === 0; folder = path.dirname(folder)) rmdirSync(folder);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
