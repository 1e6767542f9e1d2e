/**
 * The preview's HTTP server: on 127.0.0.1 only, a fixed set of routes (the
 * index, one page per meeting found in the content tree, the event stream),
 * nothing read from disk by URL, and a Content-Security-Policy that lets a
 * page load nothing but its own inline styles, data: images and fonts, the
 * reload script (by nonce) and the event stream.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pageHtml, statusOf } from './page.js';
import type { PreviewPage, Renderer } from './renderer.js';
import { editionName, editionNamed, INTERNAL_REFERAT } from '../render/edition.js';
import { concerns, type SourceChange } from './watcher.js';

export const HOST = '127.0.0.1';

/**
 * The host names a browser may reach the preview by besides 127.0.0.1: in a
 * GitHub Codespace the forwarded port's own address, which the Codespaces
 * proxy passes on as the Host header (only the codespace's owner can open it).
 */
export function forwardedHosts(port: number, env: NodeJS.ProcessEnv = process.env): string[] {
  const { CODESPACE_NAME: name, GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN: domain } = env;
  return name && domain ? [`${name}-${port}.${domain}`] : [];
}

export class PortInUseError extends Error {
  constructor(port: number) {
    super(`Port ${port} er optaget (kører forhåndsvisningen allerede?). Vælg en anden med --port.`);
  }
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    'img-src data:',
    'font-src data:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response carries. */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

interface Listener {
  key: string;
  /** The version the open page shows. */
  version: string;
  response: ServerResponse;
}

export interface PreviewServer {
  url: string;
  port: number;
  /** Apply a change: every open page it made stale is told to reload. Returns those pages. */
  refresh(change: SourceChange): PreviewPage[];
  close(): Promise<void>;
}

/** The page a path names: "" for the index, "<forum>/<meeting>" for a meeting; undefined for anything else. */
export function routeKey(pathname: string): string | undefined {
  if (pathname === '/') return '';
  const segments = pathname.split('/').slice(1);
  if (segments.length !== 2 && segments.length !== 3) return undefined;
  try {
    const [forumId, meetingId, edition] = segments.map(decodeURIComponent);
    // Folder names only: the renderer looks the pair up among the meetings it finds.
    if (!forumId || !meetingId || [forumId, meetingId].some((name) => /[/\\\0]/.test(name) || name.startsWith('.'))) return undefined;
    // The internal referat is the meeting's own page; other editions by name.
    if (edition === undefined) return `${forumId}/${meetingId}`;
    return editionNamed(edition) && edition !== editionName(INTERNAL_REFERAT) ? `${forumId}/${meetingId}/${edition}` : undefined;
  } catch {
    return undefined;
  }
}

export function startServer(renderer: Renderer, port: number): Promise<PreviewServer> {
  const listeners = new Set<Listener>();
  let origins: string[] = [];

  const sendReload = (listener: Listener, version: string) => {
    listener.version = version;
    listener.response.write(`event: reload\ndata: ${version}\n\n`);
  };

  const plain = (response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => {
    response.writeHead(status, { ...COMMON_HEADERS, 'Content-Security-Policy': "default-src 'none'", 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    response.end(`${text}\n`);
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    // A page elsewhere cannot reach the preview by pointing its own host name at 127.0.0.1.
    if (!origins.includes(request.headers.host ?? '')) return plain(response, 421, 'Forkert værtsnavn: brug adressen, som npm run preview skrev.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Kun GET er tilladt.', { Allow: 'GET, HEAD' });
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    if (url.pathname === '/favicon.ico') return void response.writeHead(204, COMMON_HEADERS).end();
    if (url.pathname === '/events') return subscribe(url, request, response);
    const key = routeKey(url.pathname);
    if (key === undefined) return plain(response, 404, 'Siden findes ikke.');
    const rendered = renderer.get(key);
    const nonce = randomBytes(16).toString('base64');
    response.writeHead(statusOf(rendered.page), {
      ...COMMON_HEADERS,
      'Content-Security-Policy': contentSecurityPolicy(nonce),
      'Content-Type': 'text/html; charset=utf-8',
    });
    response.end(pageHtml(rendered, nonce));
  };

  const subscribe = (url: URL, request: IncomingMessage, response: ServerResponse) => {
    const key = url.searchParams.get('side');
    const version = url.searchParams.get('version');
    // Any key is harmless: the renderer only looks it up among the meetings it finds.
    if (key === null || version === null) return plain(response, 400, 'Mangler side og version.');
    response.writeHead(200, { ...COMMON_HEADERS, 'Content-Security-Policy': "default-src 'none'", 'Content-Type': 'text/event-stream; charset=utf-8' });
    // Reconnect quickly after the preview restarts.
    response.write('retry: 1000\n\n');
    const listener: Listener = { key, version, response };
    listeners.add(listener);
    request.on('close', () => listeners.delete(listener));
    // The page may have gone stale between its request and this one (or before a restart).
    const current = renderer.get(key).version;
    if (current !== version) sendReload(listener, current);
  };

  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error));
    server.listen(port, HOST, () => {
      const actual = (server.address() as AddressInfo).port;
      origins = [`${HOST}:${actual}`, `localhost:${actual}`, ...forwardedHosts(actual)];
      resolve({
        url: `http://${HOST}:${actual}/`,
        port: actual,
        refresh(change) {
          renderer.invalidate(change);
          const reloaded: PreviewPage[] = [];
          const keys = new Set([...listeners].map((listener) => listener.key).filter((key) => concerns(change, key)));
          for (const key of keys) {
            const { page, version } = renderer.get(key);
            const stale = [...listeners].filter((listener) => listener.key === key && listener.version !== version);
            for (const listener of stale) sendReload(listener, version);
            if (stale.length > 0) reloaded.push(page);
          }
          return reloaded;
        },
        close() {
          for (const listener of listeners) listener.response.end();
          listeners.clear();
          return new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
        },
      });
    });
  });
}
