/**
 * Stage 7 (disk edge): write a finished file atomically. The bytes go to a
 * temporary file beside the target and are renamed over it, so a failed or
 * killed build never leaves a truncated PDF where a good one was.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writing `target` failed (no access, a read-only drive, a full disk): the file there before is untouched. */
export class OutputWriteError extends Error {
  constructor(
    readonly target: string,
    override readonly cause: unknown,
  ) {
    super(`${target}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Remove an output file (gone already is fine). */
export function removeOutput(target: string): void {
  try {
    rmSync(target, { force: true });
  } catch (error) {
    throw new OutputWriteError(target, error);
  }
}

/** The temporary name of one writer's copy of `target`. */
const TEMPORARY = /^\.(\d+)-[0-9a-f]{8}\.tmp$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A writer killed outright (SIGKILL, power loss) leaves its temporary file;
 * the next write of the same target removes those whose process is gone.
 */
function sweepAbandoned(target: string): void {
  const dir = path.dirname(target);
  const base = path.basename(target);
  try {
    for (const name of readdirSync(dir)) {
      const pid = name.startsWith(base) ? TEMPORARY.exec(name.slice(base.length))?.[1] : undefined;
      if (pid !== undefined && !isAlive(Number(pid))) rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Tidying only: the file itself was written.
  }
}

export function writeAtomic(target: string, bytes: Uint8Array): void {
  // Unique per writer, so two builds over the same content never collide.
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
  } catch (error) {
    throw new OutputWriteError(target, error);
  } finally {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written where nothing can be removed.
    }
  }
  sweepAbandoned(target);
}
