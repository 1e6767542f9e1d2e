/**
 * The tests that draw PDF pages need poppler's pdftoppm. Where it is missing
 * (a Windows PC or a Mac without poppler) they are skipped with one line
 * saying why, which the summary reporter prints. In CI (CI=true) they are
 * never skipped: there a missing pdftoppm fails them.
 */
import { existsSync } from 'node:fs';
import { beforeEach } from 'vitest';
import { findOnPath } from '../../src/print/find-browser.cjs';

const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const found = findOnPath('pdftoppm', { exists: existsSync, env: process.env, platform: process.platform });

/** Why the page tests cannot run here, or undefined when they can (or must). */
export const PDFTOPPM_MISSING =
  found || inCi ? undefined : 'pdftoppm (poppler-utils) findes ikke på denne maskine, så testene af sidebilleder er sprunget over (i CI kører de altid).';

/** Skip every test of the calling file or describe block, with the reason, where pdftoppm is missing. */
export function skipWithoutPdftoppm(): void {
  beforeEach((context) => context.skip(PDFTOPPM_MISSING !== undefined, PDFTOPPM_MISSING));
}
