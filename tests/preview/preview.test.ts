/**
 * The live preview end to end, with real file events: edit a meeting, break
 * it, fix it, change a template, add a meeting; each time the open pages
 * concerned get a reload event and then serve the new state.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/api.js';
import { startPreview, type Preview } from '../../src/preview/preview.js';
import type { PreviewPage } from '../../src/preview/renderer.js';
import { copyFixture, getPage, openEvents, reloadParameters, textOf, type EventStream } from './preview-client.js';

const REGION = 'sundhedsudvalget-nord/2025-05-01';
const KOMMUNE = 'aeldreraadet/2025-05-02';
const ITEM = `content/${REGION}/01-budget.md`;

let dir: string;
let preview: Preview;
const reloads: PreviewPage[][] = [];

beforeAll(async () => {
  dir = copyFixture('preview-moeder');
  cpSync(DEFAULT_TEMPLATES, path.join(dir, 'templates'), { recursive: true });
  preview = await startPreview({
    contentDir: 'content',
    templatesDir: 'templates',
    cwd: dir,
    port: 0,
    onReload: (pages) => reloads.push(pages),
  });
});
afterAll(async () => {
  await preview?.close();
  rmSync(dir, { recursive: true, force: true });
});

const edit = (relative: string, change: (text: string) => string) =>
  writeFileSync(path.join(dir, relative), change(readFileSync(path.join(dir, relative), 'utf8')));

/** Open a page as the browser does: fetch it, then listen for its reload events. */
async function open(pathname: string): Promise<{ html: string; events: EventStream }> {
  const { html } = await getPage(preview.url, pathname);
  return { html, events: await openEvents(preview.url, reloadParameters(html)) };
}

it('reloads an open meeting when its file is saved, shows errors instead of the document, and recovers', async () => {
  const { html, events } = await open(`/${REGION}`);
  try {
    expect(textOf(html)).toContain('Forbruget følger budgettet');

    edit(ITEM, (text) => text.replace('Forbruget følger budgettet', 'Forbruget ligger under budgettet'));
    expect((await events.next()).event).toBe('reload');
    const edited = textOf((await getPage(preview.url, `/${REGION}`)).html);
    expect(edited).toContain('Forbruget ligger under budgettet');
    expect(edited).not.toContain('Forbruget følger budgettet');

    edit(ITEM, (text) => text.replace('Forbruget ligger', 'Forbruget <b>ligger</b>'));
    expect((await events.next()).event).toBe('reload');
    const broken = await getPage(preview.url, `/${REGION}`);
    expect(broken.status).toBe(200);
    const brokenText = textOf(broken.html);
    expect(brokenText).toContain('Mødet kan ikke vises, fordi indholdet har fejl');
    expect(brokenText).toContain(
      `${ITEM}:10:11: fejl: HTML-koden "<b>" kan ikke bruges i teksten. [raa-html]\n  Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.`,
    );
    // Not the stale document.
    expect(brokenText).not.toContain('Punkt 1: Budgetopfølgning');

    edit(ITEM, (text) => text.replace('<b>ligger</b>', 'ligger'));
    expect((await events.next()).event).toBe('reload');
    const fixed = textOf((await getPage(preview.url, `/${REGION}`)).html);
    expect(fixed).toContain('Punkt 1: Budgetopfølgning 1. kvartal (14.00-14.30)');
    expect(fixed).not.toContain('Mødet kan ikke vises');
    expect(reloads.flat().map((page) => page.kind)).toEqual(['document', 'invalid', 'document']);
  } finally {
    events.close();
  }
});

it('reloads every open document when a template or stylesheet changes', async () => {
  const region = await open(`/${REGION}`);
  const kommune = await open(`/${KOMMUNE}`);
  try {
    edit('templates/base.css', (text) => `${text}\n.item-heading { letter-spacing: 0.01em; }\n`);
    expect((await region.events.next()).event).toBe('reload');
    expect((await kommune.events.next()).event).toBe('reload');
    for (const key of [REGION, KOMMUNE]) expect((await getPage(preview.url, `/${key}`)).html).toContain('.item-heading { letter-spacing: 0.01em; }');
  } finally {
    region.events.close();
    kommune.events.close();
  }
});

it('adds a new meeting to the open list of meetings', async () => {
  const index = await open('/');
  try {
    const meetingDir = path.join(dir, 'content', 'aeldreraadet', '2025-06-06');
    mkdirSync(meetingDir);
    writeFileSync(path.join(meetingDir, 'index.md'), '---\nmødedato: 2025-06-06\n---\n');
    expect((await index.events.next()).event).toBe('reload');
    expect((await getPage(preview.url, '/')).html).toContain('<a href="/aeldreraadet/2025-06-06">2025-06-06</a>');
  } finally {
    index.events.close();
  }
});
