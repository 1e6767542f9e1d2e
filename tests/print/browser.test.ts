/**
 * Killing the browser's process tree, with the platform and the system calls
 * given: POSIX kills Chromium's process group, Windows (no process groups)
 * runs taskkill over the tree.
 */
import { describe, expect, it } from 'vitest';
import { killTree } from '../../src/print/browser.js';

function recorder(failing: number[] = []) {
  const calls: unknown[][] = [];
  const kill = ((pid: number, signal: string) => {
    calls.push(['kill', pid, signal]);
    if (failing.includes(pid)) throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    return true;
  }) as typeof process.kill;
  const run = ((command: string, args: string[]) => {
    calls.push([command, ...args]);
    return { status: 0 };
  }) as unknown as typeof import('node:child_process').spawnSync;
  return { calls, kill, run };
}

describe('killTree', () => {
  it('kills the process group on Linux and macOS', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const { calls, kill, run } = recorder();
      killTree(4242, platform, run, kill);
      expect(calls).toEqual([['kill', -4242, 'SIGKILL']]);
    }
  });

  it('kills the process alone when it leads no group, and is quiet when it is gone', () => {
    const lone = recorder([-4242]);
    killTree(4242, 'linux', lone.run, lone.kill);
    expect(lone.calls).toEqual([
      ['kill', -4242, 'SIGKILL'],
      ['kill', 4242, 'SIGKILL'],
    ]);
    const gone = recorder([-4242, 4242]);
    expect(() => killTree(4242, 'linux', gone.run, gone.kill)).not.toThrow();
  });

  it('runs taskkill over the whole tree on Windows, which has no process groups', () => {
    const { calls, kill, run } = recorder();
    killTree(4242, 'win32', run, kill);
    expect(calls).toEqual([['taskkill', '/pid', '4242', '/T', '/F']]);
  });
});
