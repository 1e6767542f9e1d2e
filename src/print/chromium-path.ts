/**
 * Which browser prints on this machine: find-browser.cjs (shared with
 * `npm run setup`) given the real file system, environment and platform.
 * Kept apart from browser.ts so that a run with nothing to print never loads
 * Puppeteer.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findBrowser } from './find-browser.cjs';

export class ChromiumMissingError extends Error {
  constructor(readonly tried: string[]) {
    super(`Chromium blev ikke fundet (prøvede: ${tried.join(', ')}).`);
  }
}

/** PUPPETEER_EXECUTABLE_PATH, else an installed Chrome, Edge or Chromium, else Puppeteer's own download. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const search = findBrowser({
    exists: existsSync,
    env,
    platform: process.platform,
    downloaded: () => (createRequire(import.meta.url)('puppeteer') as typeof import('puppeteer')).executablePath(),
  });
  if (!search.found) throw new ChromiumMissingError(search.tried);
  return search.found.path;
}

/** The browser a run would use, or "" when there is none (for fingerprints). */
export function findChromiumOrNothing(): string {
  try {
    return findChromium();
  } catch {
    return '';
  }
}
