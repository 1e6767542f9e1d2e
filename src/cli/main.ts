/**
 * Process entry for `npm run build-referat` and `npm run build-dagsorden`
 * (package.json passes the kind first): wires signals and stdio to runBuild.
 */
import { DOCUMENT_KINDS } from '../render/edition.js';
import { terminalText } from '../diagnostics/format.js';
import { runCommand } from './command.js';
import { runBuild, EXIT } from './run.js';

const args = process.argv.slice(2);
const kind = DOCUMENT_KINDS.find((candidate) => candidate === args[0]);
const argv = kind ? args.slice(1) : args;

const controller = new AbortController();
/** Ctrl-C reaches npm, tsx and node at once, and tsx relays it: one key press can arrive twice. */
const REPEAT_WINDOW_MS = 1000;
let firstInterrupt: number | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // First signal: close the browser and stop. A later one: leave at once
    // (the browser and its processes are killed on exit, see print/browser.ts).
    const now = performance.now();
    if (firstInterrupt !== undefined && now - firstInterrupt > REPEAT_WINDOW_MS) process.exit(EXIT.interrupted);
    firstInterrupt ??= now;
    controller.abort();
  });
}

await runCommand((commandArgv, io) => runBuild(commandArgv, io, kind), {
  argv,
  io: {
    // A live line only where a person watches; CI logs get plain lines.
    progress: process.stdout.isTTY && !process.env.CI ? (line) => process.stdout.write(`\r\x1b[2K${terminalText(line)}`) : undefined,
    signal: controller.signal,
  },
});
