/**
 * Stage 7 (disk edge): write a finished file atomically. The bytes go to a
 * temporary file beside the target and are renamed over it, so a failed or
 * killed build never leaves a truncated PDF where a good one was.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export function writeAtomic(target: string, bytes: Uint8Array): void {
  mkdirSync(path.dirname(target), { recursive: true });
  // Unique per writer, so two builds over the same content never collide.
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
}
