/**
 * Process entry for `npm run build-referat`: wires signals and stdio to runBuild.
 */
import { runBuild, EXIT } from './run.js';

const controller = new AbortController();
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // First signal: stop after closing the browser. Second: leave at once.
    if (++interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort();
  });
}

try {
  process.exitCode = await runBuild(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    signal: controller.signal,
  });
} catch (error) {
  process.stderr.write(`Intern fejl i referat: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.REFERAT_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = EXIT.failed;
}
