/**
 * Print diagnostics the way compilers do, in Danish:
 *   content/forum/2024-02-07/index.md:3:1: fejl: Ukendt felt "mødedto". Mente du "mødedato"? [ukendt-felt]
 *     Tilladte felter her: …
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

/**
 * Characters that must never reach a terminal or a CI log as they are: C0
 * controls (ESC starts terminal escapes, CR and LF start new lines), DEL, C1
 * controls, the line and paragraph separators and the bidi controls that make
 * text read otherwise than it is stored.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Content (a file name, a key, a value, a title) as it may be shown: every
 * unprintable character written as an escape ("\n", "\x1B", "\u202E"), so
 * one value is always one line and nothing in it acts on the terminal.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const named = NAMED[char];
    if (named) return named;
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/**
 * A line starting "::" (after blanks) is a workflow command to GitHub
 * Actions, and "##[" the older form of one; the tool's own annotations are
 * written by annotation() alone, so any other such line is shown, not obeyed.
 */
const WORKFLOW_COMMAND = /^(\s*)(::|##\[)/;

/**
 * The output edge: text the CLI is about to print, line by line. Content was
 * made printable where it was put into the text; this catches whatever was
 * not, so no line can act on the terminal or the CI runner.
 */
export function terminalText(text: string): string {
  return text
    .split('\n')
    .map((line) => printable(line).replace(WORKFLOW_COMMAND, '$1\\$2'))
    .join('\n');
}

/** @actions/core's escaping of a workflow command's message and of its properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A diagnostic as a GitHub Actions annotation on the file's line in the pull request. */
export function annotation(file: VFile, message: VFileMessage): string {
  const properties: [string, string | number | undefined][] = [
    ['file', printable(displayPath(file))],
    ['line', message.line],
    ['col', message.column],
    ['title', message.ruleId ? `referat: ${message.ruleId}` : 'referat'],
  ];
  const shownProperties = properties.flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${escapeProperty(String(value))}`]));
  const text = printable(message.reason) + (message.note ? `\n${printable(message.note)}` : '');
  return `::${message.fatal ? 'error' : 'warning'} ${shownProperties.join(',')}::${escapeData(text)}`;
}

export function annotations(files: readonly VFile[]): string[] {
  return files.flatMap((file) => [...file.messages].map((message) => annotation(file, message)));
}

/** A path relative to `cwd` with "/" on every platform, as the README and CI logs write them (Windows accepts both). */
export function relativePath(cwd: string, target: string, paths: path.PlatformPath = path): string {
  return paths.relative(cwd, target).split(paths.sep).join('/');
}

export function displayPath(file: VFile): string {
  return shownPath(file.path, file.cwd);
}

/** A path as diagnostics show it: relative to the working folder when inside it. */
export function shownPath(filePath: string, cwd: string): string {
  const relative = relativePath(cwd, filePath);
  return relative.startsWith('..') ? filePath : relative;
}

export function formatMessage(file: VFile, message: VFileMessage): string {
  const shownPath = printable(displayPath(file));
  const where = message.line ? `${shownPath}:${message.line}:${message.column ?? 1}` : shownPath;
  const severity = message.fatal ? 'fejl' : 'advarsel';
  const head = `${where}: ${severity}: ${printable(message.reason)}${message.ruleId ? ` [${message.ruleId}]` : ''}`;
  return message.note ? `${head}\n  ${printable(message.note)}` : head;
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
