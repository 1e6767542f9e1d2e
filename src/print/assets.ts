/**
 * The only resources a printed document may load: the layout's stylesheets,
 * the bundled fonts and the meeting's own files. Everything is served from
 * memory or disk by the pipeline under one fake origin; the print stage
 * refuses every other request.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MEETING_ASSET_PREFIX } from '../render/markdown.js';

export const DOCUMENT_ORIGIN = 'https://referat.invalid';
export const DOCUMENT_PATH = '/dokument.html';

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  body: Buffer;
  contentType: string;
}

export interface AssetServer {
  /** The asset for a URL path, or undefined when the path is not allowed. */
  resolve(pathname: string, meetingDir: string): Asset | undefined;
}

function inside(root: string, candidate: string): string | undefined {
  try {
    const real = realpathSync(candidate);
    return real.startsWith(root + path.sep) ? real : undefined;
  } catch {
    return undefined;
  }
}

export function fontPackageDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@fontsource/source-sans-3/package.json'));
}

export function createAssetServer(templatesDir: string): AssetServer {
  const roots: [prefix: string, dir: string][] = [
    ['/templates/', realpathSync(templatesDir)],
    ['/fonts/source-sans-3/', realpathSync(fontPackageDir())],
  ];
  // Templates and fonts do not change during a run: read each once.
  const cache = new Map<string, Asset | undefined>();

  const read = (root: string, relative: string): Asset | undefined => {
    const contentType = CONTENT_TYPES[path.extname(relative).toLowerCase()];
    const file = contentType && inside(root, path.join(root, relative));
    return file ? { body: readFileSync(file), contentType } : undefined;
  };

  return {
    resolve(pathname, meetingDir) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        return undefined;
      }
      if (decoded.startsWith(MEETING_ASSET_PREFIX)) {
        return read(realpathSync(meetingDir), decoded.slice(MEETING_ASSET_PREFIX.length));
      }
      for (const [prefix, root] of roots) {
        if (!decoded.startsWith(prefix)) continue;
        if (!cache.has(decoded)) cache.set(decoded, read(root, decoded.slice(prefix.length)));
        return cache.get(decoded);
      }
      return undefined;
    },
  };
}
