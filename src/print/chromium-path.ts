/**
 * Which Chromium prints: PUPPETEER_EXECUTABLE_PATH, else a system Chromium,
 * else Puppeteer's own download. Kept apart from browser.ts so that a run
 * with nothing to print never loads Puppeteer.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export class ChromiumMissingError extends Error {
  constructor(readonly tried: string[]) {
    super(`Chromium blev ikke fundet (prøvede: ${tried.join(', ')}).`);
  }
}

/** PUPPETEER_EXECUTABLE_PATH, else a system Chromium, else Puppeteer's own download. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new ChromiumMissingError([configured]);
  }
  const system = SYSTEM_CHROMIUM.find((candidate) => existsSync(candidate));
  if (system) return system;
  let downloaded: string | undefined;
  try {
    const puppeteer = createRequire(import.meta.url)('puppeteer') as typeof import('puppeteer');
    downloaded = puppeteer.executablePath();
  } catch {
    downloaded = undefined;
  }
  if (downloaded && existsSync(downloaded)) return downloaded;
  throw new ChromiumMissingError([...SYSTEM_CHROMIUM, downloaded ?? 'Puppeteers egen Chromium']);
}

/** The browser a run would use, or "" when there is none (for fingerprints). */
export function findChromiumOrNothing(): string {
  try {
    return findChromium();
  } catch {
    return '';
  }
}

