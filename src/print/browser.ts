/**
 * The Chromium edge: find a browser, launch it with the flags this pipeline
 * needs, and always close it. No module-level browser: each run owns one.
 */
import { spawnSync } from 'node:child_process';
import puppeteer, { type Browser } from 'puppeteer';
import { ChromiumMissingError, findChromium } from './chromium-path.js';

export { ChromiumMissingError } from './chromium-path.js';

/** Flags for a locked-down, offline, root-run headless Chromium. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  '--font-render-hinting=none',
];


/** Chromium was found but did not start (or died while starting). */
export class ChromiumStartError extends Error {
  constructor(cause: unknown) {
    const message = typeof cause === 'object' && cause !== null && 'message' in cause ? String(cause.message) : String(cause);
    super(`Chromium kunne ikke startes (${message.split('\n')[0]}).`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    // The CLI handles signals itself so that it can close the browser and
    // clean up temporary files before exiting.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    protocolTimeout: 120_000,
    // The protocol over a pipe, not a WebSocket: no framing and masking of every message.
    pipe: true,
  });
  // If the process leaves without closing the browser (a second Ctrl-C, an
  // uncaught error), kill Chromium and its processes on the way out.
  const killOnExit = () => killBrowser(browser);
  process.once('exit', killOnExit);
  browser.once('disconnected', () => process.removeListener('exit', killOnExit));
  return browser;
}

/** Run `work` with a browser that is closed afterwards, whatever happens. */
export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await work(browser);
  } finally {
    await closeBrowser(browser);
  }
}

/** How long a polite close may take before the process is killed. */
const CLOSE_GRACE_MS = 5_000;

export async function closeBrowser(browser: Browser): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = browser.close().then(
    () => true,
    () => false,
  );
  // A live timer: a close that never answers must not let the process idle out.
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS)));
  const polite = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  // A crashed or hung browser: make sure its processes are gone.
  if (!polite) killBrowser(browser);
}

/** Kill Chromium and every process it started. */
export function killBrowser(browser: Browser): void {
  const pid = browser.process()?.pid;
  if (pid !== undefined) killTree(pid);
}

/**
 * Kill a process tree at once. POSIX: Puppeteer launched Chromium detached,
 * in a process group of its own, so the group goes in one call. Windows has
 * no process groups (Puppeteer does not detach there): taskkill /T ends the
 * tree. Synchronous, so that it also works in an 'exit' handler.
 */
export function killTree(pid: number, platform: NodeJS.Platform = process.platform, run = spawnSync, kill = process.kill): void {
  if (platform === 'win32') {
    run('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    return;
  }
  try {
    kill(-pid, 'SIGKILL');
  } catch {
    // No such group (it is gone, or was never one): the process alone.
    try {
      kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/**
 * One browser for a run, launched when first needed and replaced after a
 * crash or a hung print so that the next meeting gets a healthy one.
 */
export interface BrowserSession {
  get(): Promise<Browser>;
  /**
   * Drop a browser that crashed, so the next get() launches a fresh one.
   * Several prints may report the same crash: only the first replaces it.
   */
  discard(browser: Browser): Promise<void>;
  close(): Promise<void>;
  /** Ctrl-C: no waiting for a print to finish. */
  kill(): void;
}

export function createBrowserSession(): BrowserSession {
  let current: Promise<Browser> | undefined;
  let launched: Browser | undefined;
  const close = async () => {
    const browser = current;
    current = undefined;
    launched = undefined;
    if (browser) await browser.then(closeBrowser, () => undefined);
  };
  return {
    get: () =>
      (current ??= launchBrowser().then(
        (browser) => {
          launched = browser;
          return browser;
        },
        (error: unknown) => {
          // Let the next meeting try again rather than inherit this failure.
          current = undefined;
          throw error instanceof ChromiumMissingError ? error : new ChromiumStartError(error);
        },
      )),
    discard: async (browser) => {
      if (launched === browser) await close();
    },
    close,
    kill: () => void current?.then(killBrowser, () => undefined),
  };
}
