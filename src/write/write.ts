/**
 * Stage 7 (disk edge): write a finished file atomically. The bytes go to a
 * temporary file beside the target and are renamed over it, so a failed or
 * killed build never leaves a truncated PDF where a good one was.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DiagnosticInput } from '../diagnostics/diagnostic.js';
import { relativePath } from '../diagnostics/format.js';

/**
 * The target could not be replaced because another program holds it:
 * Windows refuses to replace a PDF that a viewer has open (EBUSY or EPERM).
 * The old file is left as it was.
 */
export class OutputInUseError extends Error {
  constructor(
    readonly target: string,
    readonly code: string,
  ) {
    super(`${target} er i brug (${code}).`);
  }
}

const IN_USE = new Set(['EBUSY', 'EPERM']);

/** `replace` is fs.renameSync; a test gives another to fail as Windows does. */
export function writeAtomic(target: string, bytes: Uint8Array, replace: (from: string, to: string) => void = renameSync): void {
  mkdirSync(path.dirname(target), { recursive: true });
  // Unique per writer, so two builds over the same content never collide.
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    try {
      replace(temporary, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      throw IN_USE.has(code) ? new OutputInUseError(target, code) : error;
    }
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The message for a write that failed because the file is open elsewhere; undefined for other errors. */
export function writeFailure(error: unknown, cwd: string): DiagnosticInput | undefined {
  if (!(error instanceof OutputInUseError)) return undefined;
  return {
    rule: 'fil-i-brug',
    reason: `${relativePath(cwd, error.target)} kunne ikke gemmes, fordi filen er åben i et andet program (${error.code}). Den gamle fil er uændret.`,
    note: "Luk PDF'en i dit PDF-program og byg igen.",
  };
}
