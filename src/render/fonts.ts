/** Where the bundled font package lives (its files are inlined by styles.ts). */
import { createRequire } from 'node:module';
import path from 'node:path';

export function fontPackageDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@fontsource/source-sans-3/package.json'));
}
