/** Watching the processes a spawned build starts. */
import { execFileSync } from 'node:child_process';

/** The Chromium process `parent` started (not `except`), if one is running. */
export function chromiumChildOf(parent: number, except?: number): number | undefined {
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, stat, command]) => ({ pid: Number(pid), ppid: Number(ppid), stat: stat ?? '', command: command ?? '' }))
    .find((row) => row.ppid === parent && row.command === 'chromium' && !row.stat.startsWith('Z') && row.pid !== except)?.pid;
}

/** True while `pid` runs (a zombie counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false;
  }
}

/** Poll `probe` every 50 ms until it gives a value; up to 20 s. */
export async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('waited in vain');
}
