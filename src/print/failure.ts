/**
 * Why a print failed, in the user's words: a missing browser, a time limit,
 * a crash, or (plainly) an internal error. None is a content mistake.
 */
import { TimeoutError, type Browser } from 'puppeteer';
import type { DiagnosticInput } from '../diagnostics/diagnostic.js';
import { ChromiumMissingError, ChromiumStartError } from './browser.js';
import { DeadlinePassed } from './deadline.js';

/** A print failed because the browser went away, not because of the document. */
export function isCrash(error: unknown, browser: Browser | undefined): boolean {
  // The CDP error can arrive before the browser's "disconnected" event.
  const message = error instanceof Error ? error.message : String(error);
  return (browser !== undefined && !browser.connected) || /Target closed|Session closed|Connection closed/i.test(message);
}

/** `limit`: the meeting's time limit (deadline.ts), milliseconds. */
export function printFailure(error: unknown, limit: number, crashed: boolean): DiagnosticInput {
  if (error instanceof ChromiumMissingError) {
    return {
      rule: 'chromium-mangler',
      reason: error.message,
      note: 'Kør "npm run setup", installér Google Chrome eller Microsoft Edge (Debian: apt-get install chromium), eller sæt PUPPETEER_EXECUTABLE_PATH til stien til en Chrome/Chromium.',
    };
  }
  if (error instanceof ChromiumStartError) {
    return {
      rule: 'chromium-start',
      reason: error.message,
      note: 'Det er ikke en fejl i indholdet. Tjek at Chromium virker (chromium --version), og prøv igen.',
    };
  }
  // Each print is given only the time left of its meeting: its time-out is the meeting's.
  if (error instanceof TimeoutError || error instanceof DeadlinePassed) {
    return {
      rule: 'tidsgraense',
      reason: `Mødet blev ikke færdigt inden for tidsgrænsen på ${Math.round(limit / 1000)} sekunder for ét møde og blev stoppet.`,
      note: 'Mødet er usædvanlig stort eller komplekst. Del lange punkter op, eller giv mere tid med --timeout.',
    };
  }
  const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (crashed) {
    return {
      rule: 'chromium-stoppede',
      reason: `Chromium stoppede uventet under trykningen (${detail}).`,
      note: 'Det er ikke en fejl i indholdet. Mødet blev prøvet igen med en ny Chromium, og de øvrige møder bygges videre.',
    };
  }
  return {
    rule: 'intern-fejl',
    reason: `Intern fejl: mødet kunne ikke trykkes (${detail}).`,
    note: 'Det er ikke en fejl i indholdet. Prøv igen; sker det igen, så meld fejlen med denne besked.',
  };
}
