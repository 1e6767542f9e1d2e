/**
 * The HTML of the preview's pages. A meeting's document is the pipeline's own
 * HTML with three things added: a preview-only stylesheet (one readable
 * sheet of paper instead of the page-measuring columns of base.css), a bar
 * along the top, and the reload script. Everything else is a plain page
 * around the data. All text from content is escaped here.
 */
import type { ForumEntry, PreviewPage, RenderedPage } from './renderer.js';

/** Text content: the characters that could start markup. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

export function meetingPath(key: string): string {
  return `/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The reload script. It asks the server for changes to this page (by key
 * and version): the server answers with "reload" at once if the page is
 * already stale, and later whenever what it shows changes.
 */
const RELOAD_SCRIPT = `
const script = document.currentScript;
const root = document.documentElement;
const query = new URLSearchParams({ side: script.dataset.side, version: script.dataset.version });
const events = new EventSource('/events?' + query);
events.addEventListener('reload', () => location.reload());
events.addEventListener('open', () => root.classList.remove('referat-preview-offline'));
events.addEventListener('error', () => root.classList.add('referat-preview-offline'));
`;

/** The preview's own furniture, for every page. */
const BAR_CSS = `
.referat-preview-bar {
  position: fixed; z-index: 10; top: 0; left: 0; right: 0;
  display: flex; align-items: baseline; gap: 1.2em; white-space: nowrap;
  box-sizing: border-box; min-height: 40px; margin: 0; padding: 9px 16px;
  background: #1f3a5f; color: #fff;
  font: 14px/1.4 system-ui, sans-serif; hyphens: manual;
}
.referat-preview-bar a { color: #fff; text-decoration: underline; }
.referat-preview-bar strong { font-weight: 700; }
.referat-preview-title { flex: 1 1 0; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.referat-preview-note { color: #d6e2f0; }
.referat-preview-editions strong { text-decoration: none; }
/* A narrower window keeps the links and the warnings; the note goes first. */
@media (max-width: 1300px) { .referat-preview-note { display: none; } }
.referat-preview-offline-note { display: none; background: #b3261e; padding: 0 0.5em; }
.referat-preview-offline .referat-preview-offline-note { display: inline; }
@media print { .referat-preview-bar { display: none; } }
.referat-preview-warnings summary { cursor: pointer; background: #f5c542; color: #000; padding: 0 0.5em; }
.referat-preview-warnings pre {
  position: absolute; right: 16px; max-width: min(60em, calc(100vw - 32px)); max-height: 70vh; overflow: auto;
  margin: 8px 0 0; padding: 12px 14px; background: #fff8dc; color: #000; border: 1px solid #c9a227;
  font: 13px/1.45 ui-monospace, monospace; white-space: pre-wrap;
}
`;

/**
 * A meeting's document on screen. base.css sets the body in page-sized
 * columns side by side so that the print stage can measure pages; here it
 * becomes one sheet of A4 (the @page margins as padding), with a dashed rule
 * where print starts a new page. The table of contents shows "–" for its
 * page numbers: they exist only once the document is printed.
 */
const DOCUMENT_CSS = `
@media screen {
  /* Anchors (the table of contents) land below the bar. */
  html { background: #d5d8dc; scroll-padding-top: 56px; }
  body {
    width: 624px; height: auto; min-height: 945px; /* the print's page area (base.css) */
    column-width: auto; column-count: auto; column-fill: balance;
    margin: 64px auto 32px; padding: 25mm 20mm 22mm 25mm;
    background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.3);
  }
  .item.new-page { break-before: auto; }
  .item.new-page::before {
    content: "ny side i PDF'en";
    display: block; margin: 10mm -20mm 8mm -25mm; border-top: 1px dashed #8a8f96;
    padding-top: 4px; font: 11px/1 system-ui, sans-serif; color: #6b7078; text-align: center;
  }
  .toc-page { visibility: hidden; }
  .toc-page::after { content: "–"; visibility: visible; position: absolute; right: 0; bottom: 0; background: #fff; padding-left: 0.35em; }
}
${BAR_CSS}`;

/** Pages the preview makes itself: the index and the error pages. */
const SHELL_CSS = `
html { background: #f4f5f7; color: #1b1f24; font: 16px/1.5 system-ui, sans-serif; }
body { max-width: 60em; margin: 0 auto; padding: 72px 24px 48px; }
h1 { font-size: 1.6em; margin: 0 0 0.6em; }
h2 { font-size: 1.2em; margin: 1.4em 0 0.3em; }
.referat-preview-folder { color: #5b636d; font-weight: 400; font-size: 0.85em; }
.referat-preview-diagnostics { list-style: none; padding: 0; }
.referat-preview-diagnostics pre {
  margin: 0 0 12px; padding: 12px 14px; background: #fff; border-left: 4px solid #b3261e;
  font: 14px/1.45 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere;
}
${BAR_CSS}`;

interface Chrome {
  key: string;
  version: string;
  nonce: string;
  title: string;
  /** Extra items for the bar (already HTML). */
  bar?: string;
}

function headExtras(css: string, chrome: Chrome): string {
  const { nonce } = chrome;
  return (
    `<style nonce="${nonce}">${css}</style>\n` +
    `<script nonce="${nonce}" data-side="${escapeAttribute(chrome.key)}" data-version="${chrome.version}">${RELOAD_SCRIPT}</script>\n`
  );
}

function bar(chrome: Chrome): string {
  const home = chrome.key === '' ? '' : '<a href="/">← Alle møder</a>';
  return (
    `<div class="referat-preview-bar" role="banner"><strong>Forhåndsvisning</strong>${home}` +
    `<span class="referat-preview-title">${escapeText(chrome.title)}</span>${chrome.bar ?? ''}` +
    '<span class="referat-preview-offline-note">Forbindelsen er afbrudt – kører npm run preview stadig?</span></div>\n'
  );
}

/** The pipeline's document with the preview's stylesheet, bar and script added. */
function documentPage(page: Extract<PreviewPage, { kind: 'document' }>, chrome: Chrome): string {
  const { html } = page;
  const headEnd = Math.max(0, html.indexOf('</head>'));
  // The layout's own <style> elements come from templates/, so they may run under the nonce.
  const head = html.slice(0, headEnd).replace(/<style(?=[\s>])/g, `<style nonce="${chrome.nonce}"`);
  const bodyOpen = /<body\b[^>]*>/.exec(html.slice(headEnd));
  const bodyStart = headEnd + (bodyOpen ? bodyOpen.index + bodyOpen[0].length : 0);
  const warnings = page.warnings.length
    ? `<details class="referat-preview-warnings"><summary>${page.warnings.length === 1 ? '1 advarsel' : `${page.warnings.length} advarsler`}</summary>` +
      `<pre>${escapeText(page.warnings.join('\n'))}</pre></details>`
    : '';
  const note = '<span class="referat-preview-note">Sidetal og sidehoved kommer først i PDF\'en.</span>';
  const editions =
    '<span class="referat-preview-editions">' +
    page.editions
      .map((edition) =>
        edition.current
          ? `<strong aria-current="page">${escapeText(edition.label)}</strong>`
          : `<a href="${escapeAttribute(meetingPath(edition.key))}">${escapeText(edition.label)}</a>`,
      )
      .join(' · ') +
    '</span>';
  return (
    head +
    headExtras(DOCUMENT_CSS, chrome) +
    html.slice(headEnd, bodyStart) +
    '\n' +
    bar({ ...chrome, bar: editions + note + warnings }) +
    html.slice(bodyStart)
  );
}

function shell(chrome: Chrome, body: string): string {
  return (
    '<!doctype html>\n<html lang="da-DK">\n<head>\n<meta charset="utf-8">\n' +
    `<title>${escapeText(chrome.title)}</title>\n` +
    headExtras(SHELL_CSS, chrome) +
    '</head>\n<body>\n' +
    bar(chrome) +
    body +
    '\n</body>\n</html>\n'
  );
}

function forumSection(forum: ForumEntry): string {
  const name = forum.navn
    ? `${escapeText(forum.navn)} <span class="referat-preview-folder">(${escapeText(forum.id)})</span>`
    : `${escapeText(forum.id)} <span class="referat-preview-folder">(fejl i forum.yml – åbn et møde for at se den)</span>`;
  const meetings = forum.meetings.map((meeting) => `<li><a href="${escapeAttribute(meetingPath(meeting.key))}">${escapeText(meeting.id)}</a></li>`);
  return `<h2>${name}</h2>\n<ul>\n${meetings.join('\n')}\n</ul>`;
}

function diagnosticList(lines: string[]): string {
  const items = lines.map((line) => `<li><pre>${escapeText(line)}</pre></li>`);
  return `<ul class="referat-preview-diagnostics">\n${items.join('\n')}\n</ul>`;
}

/** HTTP status of a page. */
export function statusOf(page: PreviewPage): number {
  if (page.kind === 'missing') return 404;
  if (page.kind === 'failed') return 500;
  return 200;
}

/** The complete HTML of a page, with the response's nonce on its style and script. */
export function pageHtml({ page, version }: RenderedPage, nonce: string): string {
  const key = page.kind === 'index' ? '' : page.key;
  const chrome = (title: string): Chrome => ({ key, version, nonce, title });
  switch (page.kind) {
    case 'document':
      return documentPage(page, chrome(page.title));
    case 'index': {
      const forums = page.forums.length ? page.forums.map(forumSection).join('\n') : '<p>Der er ingen møder endnu.</p>';
      return shell(chrome('Alle møder'), `<h1>Møder</h1>\n${forums}`);
    }
    case 'invalid':
      return shell(
        chrome(`Fejl i indholdet – ${key}`),
        '<h1>Mødet kan ikke vises, fordi indholdet har fejl</h1>\n' +
          '<p>Ret fejlene, og gem filen. Siden opdaterer sig selv, når mødet er i orden.</p>\n' +
          diagnosticList(page.diagnostics),
      );
    case 'missing':
      return shell(chrome(`Mødet findes ikke – ${key}`), '<h1>Mødet findes ikke</h1>\n<p>Der er ingen mødemappe med det navn (længere). Vælg et møde på <a href="/">listen over alle møder</a>.</p>');
    case 'failed':
      return shell(
        chrome(`Intern fejl – ${key || 'alle møder'}`),
        '<h1>Siden kan ikke vises på grund af en intern fejl</h1>\n' +
          '<p>Det er ikke nødvendigvis en fejl i indholdet. Er du ved at rette i skabelonerne, så gem filen igen, når den er færdig. Meld ellers fejlen med denne besked; kør med REFERAT_DEBUG=1 for detaljer.</p>\n' +
          diagnosticList([page.message]),
      );
  }
}
