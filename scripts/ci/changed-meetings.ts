/**
 * CI step: find the meetings a pull request touches (see changes.ts) and
 * write them, one folder a line, to <out>/foer.txt (to build at the base
 * commit) and <out>/efter.txt (at the head). Step outputs: udgangspunkt (the
 * base commit), foer and efter (how many meetings on each side).
 *
 *   node --import tsx scripts/ci/changed-meetings.ts --base SHA --head SHA --out DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/api.js';
import { compareRevisions, describeAffected } from './changes.js';
import { appendSummary, requiredFlags, setOutput } from './github.js';

const flags = requiredFlags(
  [
    { name: 'base', type: 'string', value: 'COMMIT', description: 'Den gren, pull requesten skal flettes ind i.' },
    { name: 'head', type: 'string', value: 'COMMIT', description: 'Pull requestens seneste commit.' },
    { name: 'out', type: 'string', value: 'MAPPE', description: 'Hvor listerne over møder skrives.' },
  ] as const,
  process.argv.slice(2),
);

const comparison = compareRevisions(PROJECT_ROOT, flags.base, flags.head);
mkdirSync(flags.out, { recursive: true });
const lines = (meetings: string[]) => meetings.map((meeting) => `${meeting}\n`).join('');
writeFileSync(path.join(flags.out, 'foer.txt'), lines(comparison.before));
writeFileSync(path.join(flags.out, 'efter.txt'), lines(comparison.after));

setOutput('udgangspunkt', comparison.base);
setOutput('foer', comparison.before.length);
setOutput('efter', comparison.after.length);
appendSummary(`## Referater og dagsordener\n\n${describeAffected(comparison)}\n`);
