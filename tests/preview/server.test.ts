/**
 * The preview server on its own (no watcher; changes are applied by hand):
 * what each route serves, the security headers, and which open pages a
 * change tells to reload.
 */
import { request } from 'node:http';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/api.js';
import { createRenderer } from '../../src/preview/renderer.js';
import { forwardedHosts, startServer, type PreviewServer } from '../../src/preview/server.js';
import { classifyChanges } from '../../src/preview/watcher.js';
import { copyFixture, getPage, openEvents, reloadParameters, textOf } from './preview-client.js';

const REGION = 'sundhedsudvalget-nord/2025-05-01';
const KOMMUNE = 'aeldreraadet/2025-05-02';

let dir: string;
let roots: { contentDir: string; templatesDir: string };
let server: PreviewServer;

beforeAll(async () => {
  dir = copyFixture('preview-moeder');
  roots = { contentDir: path.join(dir, 'content'), templatesDir: DEFAULT_TEMPLATES };
  server = await startServer(createRenderer(roots, dir), 0);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so that the path and Host header reach the server exactly as written. */
function rawGet(pathname: string, host = `127.0.0.1:${server.port}`, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: pathname, method, headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    req.on('error', reject).end();
  });
}

const file = (relative: string) => path.join(roots.contentDir, relative);
const edit = (relative: string, change: (text: string) => string) => writeFileSync(file(relative), change(readFileSync(file(relative), 'utf8')));
const changed = (...relative: string[]) => classifyChanges(relative.map(file), roots);

describe('preview server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('lists forums by name and links each meeting', async () => {
    const { status, html } = await getPage(server.url, '/');
    expect(status).toBe(200);
    expect(textOf(html)).toContain('Sundhedsudvalget Nord (sundhedsudvalget-nord)');
    expect(textOf(html)).toContain('Ældrerådet (aeldreraadet)');
    expect(html).toContain(`<a href="/${REGION}">2025-05-01</a>`);
    expect(html).toContain(`<a href="/${KOMMUNE}">2025-05-02</a>`);
  });

  it('serves the document as rendered for printing, under a strict Content-Security-Policy', async () => {
    const { status, headers, html } = await getPage(server.url, `/${REGION}`);
    expect(status).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(headers.get('content-security-policy')!)![1]!;
    expect(headers.get('content-security-policy')).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('cache-control')).toBe('no-store');
    // Every style and script element runs under this response's nonce, and only they do.
    const tags = [...html.matchAll(/<(style|script)\b[^>]*>/g)].map((match) => match[0]);
    expect(tags.length).toBeGreaterThanOrEqual(4);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    const text = textOf(html);
    expect(text).toContain('REFERAT Sundhedsudvalget Nord d. 01-05-2025');
    expect(text).toContain('Punkt 1: Budgetopfølgning 1. kvartal (14.00-14.30)');
    expect(text).toContain('Skabelonkode som {{7*7}} og {{{html}}} skal stå som tekst.');
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Regnskabsoversigt">/);
    expect(html).toContain('<span class="toc-page" data-toc-for="punkt-1">0</span>');
    expect(text).toContain('Sidetal og sidehoved kommer først i PDF\'en.');
  });

  it('answers only its own routes, and only for its own host name', async () => {
    for (const pathname of ['/etc/passwd', '/../../etc/passwd', '/sundhedsudvalget-nord/..%2F..%2Fetc', '/sundhedsudvalget-nord/2025-05-01/bilag/oversigt.png', '/a/b/c', '/.git/config']) {
      const { status, body } = await rawGet(pathname);
      expect.soft(status, pathname).toBe(404);
      expect.soft(body, pathname).not.toContain('PNG');
    }
    const missing = await getPage(server.url, '/sundhedsudvalget-nord/2099-01-01');
    expect(missing.status).toBe(404);
    expect(textOf(missing.html)).toContain('Mødet findes ikke');
    expect(await rawGet('/', 'evil.example:80')).toEqual({ status: 421, body: 'Forkert værtsnavn: brug adressen, som npm run preview skrev.\n' });
    expect((await rawGet('/', undefined, 'POST')).status).toBe(405);
  });

  it('tells an open page to reload when what it shows changed, and only then', async () => {
    const page = reloadParameters((await getPage(server.url, `/${REGION}`)).html);
    const events = await openEvents(server.url, page);
    try {
      // Another meeting, or a file saved unchanged: this page stays.
      edit(`${KOMMUNE}/01-godkendelse.md`, (text) => text.replace('Godkendt.', 'Godkendt uden bemærkninger.'));
      expect(server.refresh(changed(`${KOMMUNE}/01-godkendelse.md`))).toEqual([]);
      expect(server.refresh(changed(`${REGION}/02-eventuelt.md`))).toEqual([]);

      edit(`${REGION}/02-eventuelt.md`, (text) => text.replace('Intet.', 'Næste møde holdes i Hjørring.'));
      const reloaded = server.refresh(changed(`${REGION}/02-eventuelt.md`));
      expect(reloaded.map((entry) => entry.kind)).toEqual(['document']);
      const event = await events.next();
      expect(event.event).toBe('reload');
      const after = await getPage(server.url, `/${REGION}`);
      expect(textOf(after.html)).toContain('Næste møde holdes i Hjørring.');
      expect(reloadParameters(after.html).version).toBe(event.data);
    } finally {
      events.close();
    }
  });

  it('tells a page that went stale before it listened to reload at once', async () => {
    const page = reloadParameters((await getPage(server.url, `/${KOMMUNE}`)).html);
    edit(`${KOMMUNE}/index.md`, (text) => text.replace('Plejecenter Solgården', 'Plejecenter Lærkebo'));
    server.refresh(changed(`${KOMMUNE}/index.md`));
    const events = await openEvents(server.url, page);
    try {
      expect((await events.next()).event).toBe('reload');
      expect(textOf((await getPage(server.url, `/${KOMMUNE}`)).html)).toContain('Plejecenter Lærkebo');
    } finally {
      events.close();
    }
  });

  it('serves the dagsorden, and the public editions once an item is closed, linked from the bar', async () => {
    const dagsorden = await getPage(server.url, `/${REGION}/dagsorden`);
    expect(dagsorden.status).toBe(200);
    expect(textOf(dagsorden.html)).toContain('DAGSORDEN Sundhedsudvalget Nord d. 01-05-2025');
    expect(textOf(dagsorden.html)).not.toContain('Taget til efterretning.');
    expect(dagsorden.html).toContain(
      `<span class="referat-preview-editions"><a href="/${REGION}">Referat</a> · <strong aria-current="page">Dagsorden</strong></span>`,
    );
    expect((await getPage(server.url, `/${REGION}/referat-samlet`)).status).toBe(404);

    edit(`${REGION}/01-budget.md`, (text) => text.replace('---\n', '---\nlukket: tavshedspligt\noffentlig_titel: Økonomi\n'));
    server.refresh(changed(`${REGION}/01-budget.md`));
    const internal = await getPage(server.url, `/${REGION}`);
    expect(internal.html).toContain(`<a href="/${REGION}/referat-offentlig">Offentligt referat</a>`);
    expect(internal.html).toContain(`<a href="/${REGION}/dagsorden-offentlig">Offentlig dagsorden</a>`);
    const publicText = textOf((await getPage(server.url, `/${REGION}/referat-offentlig`)).html);
    expect(publicText).toContain('Punkt 1: Økonomi');
    expect(publicText).not.toContain('Budgetopfølgning');
  });
});

describe('forwardedHosts', () => {
  it('admits the forwarded address of a GitHub Codespace, and nothing elsewhere', () => {
    const codespace = { CODESPACE_NAME: 'fuzzy-space-guide-x7', GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN: 'app.github.dev' };
    expect(forwardedHosts(4321, codespace)).toEqual(['fuzzy-space-guide-x7-4321.app.github.dev']);
    expect(forwardedHosts(4321, { CODESPACE_NAME: 'fuzzy-space-guide-x7' })).toEqual([]);
    expect(forwardedHosts(4321, {})).toEqual([]);
  });
});
