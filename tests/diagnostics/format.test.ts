/**
 * Paths in messages look the same on every platform: relative, with "/",
 * as the README and CI logs write them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativePath } from '../../src/diagnostics/format.js';

describe('relativePath', () => {
  it('writes a Windows path with "/"', () => {
    expect(relativePath('C:\\Users\\sekretær\\referat', 'C:\\Users\\sekretær\\referat\\content\\udvalget\\2025-03-12\\index.md', path.win32)).toBe('content/udvalget/2025-03-12/index.md');
  });

  it('leaves a POSIX path as it is, and shows a path outside as leaving', () => {
    expect(relativePath('/home/sekretaer/referat', '/home/sekretaer/referat/output/udvalget/2025-03-12-referat.pdf', path.posix)).toBe('output/udvalget/2025-03-12-referat.pdf');
    expect(relativePath('C:\\referat', 'D:\\andet\\fil.md', path.win32)).toBe('D:/andet/fil.md');
  });
});
