/**
 * CI step: compare the builds before and after a pull request (see
 * compare.ts), write the artifact folder and the job summary. Step output:
 * forskelle (how many documents differ).
 *
 *   node --import tsx scripts/ci/compare-builds.ts --before DIR --after DIR --out DIR --artifact NAME
 */
import { compareBuilds, describeComparison } from './compare.js';
import { appendSummary, requiredFlags, setOutput } from './github.js';

const flags = requiredFlags(
  [
    { name: 'before', type: 'string', value: 'MAPPE', description: 'PDF\'erne bygget før ændringen.' },
    { name: 'after', type: 'string', value: 'MAPPE', description: 'PDF\'erne bygget efter ændringen.' },
    { name: 'out', type: 'string', value: 'MAPPE', description: 'Hvor artefaktet skrives.' },
    { name: 'artifact', type: 'string', value: 'NAVN', description: 'Artefaktets navn i GitHub.' },
  ] as const,
  process.argv.slice(2),
);

const results = compareBuilds(flags.before, flags.after, flags.out);
setOutput('forskelle', results.filter((result) => result.status !== 'unchanged').length);
appendSummary(describeComparison(results, flags.artifact));
