/**
 * A test's view of a running preview: fetch pages, read what a page tells the
 * reload script (its key and version), and follow the event stream as the
 * script would. Waits are on events with a time limit, never on sleeps.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

/** A fresh copy of a fixture folder (it holds content/), to edit freely. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `referat-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export async function getPage(base: string, pathname: string) {
  const response = await fetch(new URL(pathname, base));
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** What the reload script of a page sends to /events. */
export function reloadParameters(html: string): { side: string; version: string } {
  const match = /<script nonce="[^"]+" data-side="([^"]*)" data-version="([0-9a-f]+)">/.exec(html);
  if (!match) throw new Error('page has no reload script');
  return { side: match[1]!.replace(/&amp;/g, '&'), version: match[2]! };
}

/** The text of an HTML fragment as a reader sees it (tags dropped, entities decoded). */
export function textOf(html: string): string {
  return html
    .replace(/<style[^>]*>[\s\S]*?<\/style>|<script[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u00ad/g, '');
}

export interface EventStream {
  /** The next event's name and data; fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<{ event: string; data: string }>;
  close(): void;
}

export async function openEvents(base: string, page: { side: string; version: string }): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(new URL(`/events?${new URLSearchParams(page)}`, base), { signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`events: HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queued: { event: string; data: string }[] = [];
  return {
    async next(timeoutMs = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        while (queued.length === 0) {
          const { value, done } = await Promise.race([reader.read(), timeout]);
          if (done) throw new Error('event stream ended');
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields = new Map([...block.matchAll(/^(\w+): ?(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
            const event = fields.get('event');
            if (event) queued.push({ event, data: fields.get('data') ?? '' });
          }
        }
        return queued.shift()!;
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => controller.abort(),
  };
}
