/**
 * The thread a bilag PDF is parsed in (disarm.ts): a heap limit and a time
 * limit, so a PDF built to exhaust memory or time (a page tree of 2^40
 * leaves, an object-stream bomb, a parser bug) fails its own meeting, never
 * the process. This module is both sides: run as a worker it disarms the
 * bytes it is given; imported, it starts such workers.
 *
 * Why a worker thread and not Chromium's PDF viewer: the pipeline must
 * rebuild the pages (an allowlist, see disarm.ts), which needs the parsed
 * objects; Chromium would only render them.
 */
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { BILAG_LIMITS, disarmPdf, type Disarmed } from './disarm.js';
import { DeadlinePassed, type Deadline } from './deadline.js';

const JOB = 'referat-disarm-bilag';

if (!isMainThread && (workerData as { job?: string } | undefined)?.job === JOB) {
  // pdf-lib tells the console about what it repairs; nothing of a bilag reaches the terminal.
  for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) console[method] = () => undefined;
  void disarmPdf((workerData as { bytes: Uint8Array }).bytes).then((result) => parentPort!.postMessage(result));
}

export type ThreadOutcome = Disarmed | { failed: 'memory' | 'time' | 'crash'; detail?: string };

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= BILAG_LIMITS.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * What the thread runs: this module. Run as TypeScript (tests, tsx), the
 * thread registers tsx first, as a loader given on the command line does not
 * reach worker threads; compiled, it needs nothing.
 */
function threadEntry(): { entry: URL | string; eval: boolean } {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { entry: new URL(self), eval: false };
  const tsx = pathToFileURL(createRequire(self).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  return { entry: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); });`, eval: true };
}

/**
 * Its own time limit, or the time left of its meeting (deadline.ts) when
 * that is less: then the meeting fails (DeadlinePassed), not the bilag.
 */
export function disarmInThread(
  bytes: Uint8Array,
  limits: { heapMb: number; timeoutMs: number } = BILAG_LIMITS,
  deadline?: Deadline,
): Promise<ThreadOutcome> {
  return slot(
    () =>
      new Promise<ThreadOutcome>((resolve, reject) => {
        // Asked once the slot is free: the wait for it counts against the meeting too.
        const left = deadline?.left() ?? Infinity;
        const { entry, eval: evaluated } = threadEntry();
        const worker = new Worker(entry, {
          eval: evaluated,
          workerData: { job: JOB, bytes },
          resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.min(64, limits.heapMb / 4) },
          stdout: true,
          stderr: true,
        });
        let settled = false;
        const settle = (outcome: ThreadOutcome | DeadlinePassed) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          if (outcome instanceof DeadlinePassed) reject(outcome);
          else resolve(outcome);
        };
        const meetingFirst = left < limits.timeoutMs;
        const timer = setTimeout(() => settle(meetingFirst ? new DeadlinePassed(deadline!.limit) : { failed: 'time' }), Math.min(left, limits.timeoutMs));
        worker.on('message', (result: Disarmed) => settle(result));
        worker.on('error', (error: Error & { code?: string }) =>
          settle(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { failed: 'memory' } : { failed: 'crash', detail: error.message.split('\n')[0] }),
        );
        worker.on('exit', () => settle({ failed: 'crash', detail: 'exit' }));
        // Its own output, if any, goes nowhere.
        worker.stdout.resume();
        worker.stderr.resume();
      }),
  );
}
