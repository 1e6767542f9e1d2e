/**
 * Print diagnostics the way compilers do, in Danish:
 *   content/forum/2024-02-07/index.md:3:1: fejl: Ukendt felt "mødedto". Mente du "mødedato"? [ukendt-felt]
 *     Tilladte felter her: …
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

/** A path relative to `cwd` with "/" on every platform, as the README and CI logs write them (Windows accepts both). */
export function relativePath(cwd: string, target: string, paths: path.PlatformPath = path): string {
  return paths.relative(cwd, target).split(paths.sep).join('/');
}

export function displayPath(file: VFile): string {
  const relative = relativePath(file.cwd, file.path);
  return relative.startsWith('..') ? file.path : relative;
}

export function formatMessage(file: VFile, message: VFileMessage): string {
  const where = message.line ? `${displayPath(file)}:${message.line}:${message.column ?? 1}` : displayPath(file);
  const severity = message.fatal ? 'fejl' : 'advarsel';
  const head = `${where}: ${severity}: ${message.reason}${message.ruleId ? ` [${message.ruleId}]` : ''}`;
  return message.note ? `${head}\n  ${message.note}` : head;
}

export function formatDiagnostics(files: readonly VFile[]): string[] {
  return files.flatMap((file) =>
    [...file.messages]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
      .map((message) => formatMessage(file, message)),
  );
}

export function countMessages(files: readonly VFile[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal) errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}
