/**
 * What diagnostics print: content made printable, paths the same on every platform.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { annotation, formatMessage, printable, relativePath, terminalText } from '../../src/diagnostics/format.js';
import { report } from '../../src/diagnostics/diagnostic.js';

describe('printable', () => {
  it('escapes C0 and C1 controls, DEL, line separators and bidi controls', () => {
    expect(printable('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(printable('\x1b[31mrød\x07')).toBe('\\x1B[31mrød\\x07');
    expect(printable('\x7f\x85\x9b')).toBe('\\x7F\\x85\\x9B');
    expect(printable('fil\u202Efdp.exe\u2066\u2028')).toBe('fil\\u202Efdp.exe\\u2066\\u2028');
  });

  it('leaves Danish text, quotes and backslashes as they are', () => {
    expect(printable('Æblegrød på ø "x" C:\\sti')).toBe('Æblegrød på ø "x" C:\\sti');
  });
});

describe('terminalText', () => {
  it('defuses every line that would start a GitHub Actions workflow command', () => {
    expect(terminalText('ok\n::error file=a::forged\n  ::warning::x\n##[error]gammel')).toBe('ok\n\\::error file=a::forged\n  \\::warning::x\n\\##[error]gammel');
  });

  it('lets no ESC byte through', () => {
    expect(terminalText('\x1b]0;titel\x07')).not.toMatch(/\x1b/);
  });
});

describe('formatMessage', () => {
  it('keeps a diagnostic on its lines whatever its file name and values hold', () => {
    const file = new VFile({ path: '/c/møde/01-a\n::error file=x::forged.md', cwd: '/c' });
    report(file, { rule: 'ukendt-felt', reason: 'Ukendt felt "a\n::warning::b\x1b[2J".', note: 'Ret\rfeltet.' });
    const lines = formatMessage(file, file.messages[0]!).split('\n');
    expect(lines).toEqual([
      'møde/01-a\\n::error file=x::forged.md: fejl: Ukendt felt "a\\n::warning::b\\x1B[2J". [ukendt-felt]',
      '  Ret\\rfeltet.',
    ]);
  });
});

describe('annotation', () => {
  it('escapes its message and properties as @actions/core does', () => {
    const file = new VFile({ path: '/c/m,1/a:b%.md', cwd: '/c' });
    report(file, { rule: 'r', reason: '100% a\nb', note: 'gør x', place: { line: 3, column: 2 } });
    expect(annotation(file, file.messages[0]!)).toBe('::error file=m%2C1/a%3Ab%25.md,line=3,col=2,title=referat%3A r::100%25 a\\nb%0Agør x');
  });
});

describe('relativePath', () => {
  it('writes a Windows path with "/"', () => {
    expect(relativePath('C:\\Users\\sekretær\\referat', 'C:\\Users\\sekretær\\referat\\content\\udvalget\\2025-03-12\\index.md', path.win32)).toBe('content/udvalget/2025-03-12/index.md');
  });

  it('leaves a POSIX path as it is, and shows a path outside as leaving', () => {
    expect(relativePath('/home/sekretaer/referat', '/home/sekretaer/referat/output/udvalget/2025-03-12-referat.pdf', path.posix)).toBe('output/udvalget/2025-03-12-referat.pdf');
    expect(relativePath('C:\\referat', 'D:\\andet\\fil.md', path.win32)).toBe('D:/andet/fil.md');
  });
});
