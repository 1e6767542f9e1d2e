/**
 * Tests that follow Chromium's processes with ps and /proc, or send POSIX
 * signals, run on Linux only (CI and the development container are Linux).
 * Elsewhere they are skipped with this reason, which the summary reporter
 * prints on one line.
 */
export const LINUX_ONLY =
  process.platform === 'linux' ? undefined : 'kører kun på Linux: testene følger Chromiums processer med ps og /proc eller sender POSIX-signaler.';
