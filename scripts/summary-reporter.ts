/**
 * Vitest reporter that ends the run with one plain line,
 * "N passed, N failed, N skipped", which CI systems read without parsing
 * vitest's coloured summary; before it, one line for each reason tests were
 * skipped for (e.g. no pdftoppm on this machine).
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    /** Why tests were skipped (ctx.skip(note)), with how many: one line each. */
    const notes = new Map<string, number>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        count[result.state]++;
        if (result.state === 'skipped' && result.note) notes.set(result.note, (notes.get(result.note) ?? 0) + 1);
      }
    }
    for (const [note, tests] of notes) process.stdout.write(`\nSprunget over (${tests} ${tests === 1 ? 'test' : 'tests'}): ${note}`);
    // A module that failed to load has no tests but is still a failure.
    const brokenModules = testModules.filter((module) => module.state() === 'failed' && [...module.children.allTests()].length === 0).length;
    process.stdout.write(`\n${count.passed} passed, ${count.failed + brokenModules} failed, ${count.skipped + count.pending} skipped\n`);
  }
}
