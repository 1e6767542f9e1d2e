/**
 * Vitest reporter that ends the run with one plain line,
 * "N passed, N failed, N skipped", which CI systems read without parsing
 * vitest's coloured summary.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) count[test.result().state]++;
    }
    // A module that failed to load has no tests but is still a failure.
    const brokenModules = testModules.filter((module) => module.state() === 'failed' && [...module.children.allTests()].length === 0).length;
    process.stdout.write(`\n${count.passed} passed, ${count.failed + brokenModules} failed, ${count.skipped + count.pending} skipped\n`);
  }
}
