/**
 * Run the in-memory pipeline on one meeting in a child process (fuzz-child.ts)
 * with a time limit that starts once the child has loaded: for inputs that
 * hang or overflow the stack, which must not block or kill the test worker.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../src/api.js';
import type { MeetingSpec, MessageRecord } from './fuzz-pipeline.js';

const CHILD = fileURLToPath(new URL('./fuzz-child.ts', import.meta.url));

export type IsolatedResult =
  | { kind: 'done'; threw: { name: string; message: string } | null; fatal: boolean; html: boolean; messages: MessageRecord[]; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'crashed'; code: number | null; signal: NodeJS.Signals | null; stderr: string };

export function runIsolated(spec: MeetingSpec, limitMs: number): Promise<IsolatedResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let started: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (started === undefined && stdout.includes('START\n')) {
      started = performance.now();
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, limitMs);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(
    JSON.stringify({
      ...spec,
      index: Buffer.from(spec.index).toString('base64'),
      items: spec.items.map((item) => ({ name: item.name, bytes: Buffer.from(item.bytes).toString('base64') })),
    }),
  );
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = started === undefined ? 0 : performance.now() - started;
      if (timedOut) return resolve({ kind: 'timeout', ms });
      const line = stdout.split('START\n')[1]?.trim();
      if (code !== 0 || !line) return resolve({ kind: 'crashed', code, signal, stderr: stderr.slice(-2000) });
      resolve({ kind: 'done', ms, ...JSON.parse(line) });
    });
  });
}
