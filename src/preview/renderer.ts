/**
 * What each preview page shows, made by the pipeline's own stages up to the
 * HTML that would be printed (no Chromium): the internal edition of the
 * referat. Bilag are not appended and PDF bilag are not opened: that is
 * printing. Pages are kept until a change concerns them; each has a version
 * (a digest of what it shows), so that the server can tell an open page
 * whether it is stale.
 */
import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import { formatDiagnostics } from '../diagnostics/format.js';
import { findMeetings, loadForum, loadMeeting, type MeetingLocation } from '../load/load.js';
import { buildView, needsPublicEdition } from '../render/build-view.js';
import { DOCUMENT_KINDS, editionName, editionNamed, INTERNAL_REFERAT, type Edition } from '../render/edition.js';
import { createMarkdownParser } from '../render/markdown.js';
import { renderMeetingContent } from '../check-meeting.js';
import { loadTemplates, type TemplateSet } from '../render/template.js';
import { checkDecisions } from '../validate/decisions.js';
import { validateForum } from '../validate/validate.js';
import { concerns, meetingKey, type Roots, type SourceChange } from './watcher.js';

export interface ForumEntry {
  id: string;
  /** The forum's name, when its forum.yml is valid. */
  navn?: string;
  meetings: { id: string; key: string }[];
}

export type PreviewPage =
  | { kind: 'index'; forums: ForumEntry[] }
  /** The document as it would be printed; warnings do not stop it. `editions`: the meeting's documents, for links. */
  | { kind: 'document'; key: string; title: string; html: string; warnings: string[]; editions: EditionLink[] }
  /** The content has errors: the diagnostics, formatted as the build prints them. */
  | { kind: 'invalid'; key: string; diagnostics: string[] }
  | { kind: 'missing'; key: string }
  /** A fault outside the content (templates, the tool itself). */
  | { kind: 'failed'; key: string; message: string };

/** Another document made from the same meeting: "Dagsorden", "Offentligt referat", … */
export interface EditionLink {
  key: string;
  label: string;
  current: boolean;
}

const EDITION_LABELS: Record<string, string> = {
  referat: 'Referat',
  dagsorden: 'Dagsorden',
  'referat-offentlig': 'Offentligt referat',
  'dagsorden-offentlig': 'Offentlig dagsorden',
};

export interface RenderedPage {
  page: PreviewPage;
  /** Changes exactly when what the page shows changes. */
  version: string;
}

export interface Renderer {
  /** The page for a key: "" is the index, "<forum>/<meeting>" a meeting. */
  get(key: string): RenderedPage;
  /** Forget the pages a change concerns (and the templates, when they changed). */
  invalidate(change: SourceChange): void;
}

function versioned(page: PreviewPage): RenderedPage {
  return { page, version: createHash('sha256').update(JSON.stringify(page)).digest('hex').slice(0, 16) };
}

/** Pages kept at once: the ones a person has open, with room to spare. */
const CACHE_SIZE = 32;

export function createRenderer(roots: Roots, cwd: string): Renderer {
  const parse = createMarkdownParser();
  let templates: TemplateSet | undefined;
  const cache = new Map<string, RenderedPage>();

  const meetingPage = (location: MeetingLocation, key: string, edition: Edition): PreviewPage => {
    // The content stages a build runs, short of opening bilag PDFs (printing).
    const forumSource = loadForum(location.forumDir, cwd);
    const content = renderMeetingContent(loadMeeting(location, cwd), validateForum(forumSource), parse);
    const files: VFile[] = [forumSource.file, ...content.files];
    const { rendered } = content;
    if (!rendered || !content.valid) return { kind: 'invalid', key, diagnostics: formatDiagnostics(files) };
    // A referat warns about missing decisions, as build-referat does.
    if (edition.kind === 'referat') checkDecisions(rendered);
    const view = buildView(rendered, edition);
    templates ??= loadTemplates(roots.templatesDir);
    const html = templates.render(rendered.meeting.forum.layout, view);
    const meeting = meetingKey(location.forumId, location.id);
    const hasClosed = needsPublicEdition(rendered.meeting);
    const editions = DOCUMENT_KINDS.flatMap((kind) => (hasClosed ? [false, true] : [false]).map((isPublic) => ({ kind, public: isPublic })))
      .map((other) => {
        const name = editionName(other);
        const otherKey = name === editionName(INTERNAL_REFERAT) ? meeting : `${meeting}/${name}`;
        return { key: otherKey, label: EDITION_LABELS[name] ?? name, current: otherKey === key };
      });
    return { kind: 'document', key, title: view.title, html, warnings: formatDiagnostics(files), editions };
  };

  const indexPage = (): PreviewPage => {
    const forums = new Map<string, ForumEntry>();
    for (const location of findMeetings(roots.contentDir)) {
      let entry = forums.get(location.forumId);
      if (!entry) {
        entry = { id: location.forumId, navn: validateForum(loadForum(location.forumDir, cwd))?.navn, meetings: [] };
        forums.set(location.forumId, entry);
      }
      entry.meetings.push({ id: location.id, key: meetingKey(location.forumId, location.id) });
    }
    return { kind: 'index', forums: [...forums.values()] };
  };

  const render = (key: string): PreviewPage => {
    try {
      if (key === '') return indexPage();
      // Only folders the content tree lists: a key never becomes a path.
      const [forumId, meetingId, name = editionName(INTERNAL_REFERAT)] = key.split('/');
      const edition = editionNamed(name);
      const location = findMeetings(roots.contentDir).find((candidate) => candidate.forumId === forumId && candidate.id === meetingId);
      return location && edition ? meetingPage(location, key, edition) : { kind: 'missing', key };
    } catch (error) {
      if (process.env.REFERAT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      return { kind: 'failed', key, message: error instanceof Error ? error.message : String(error) };
    }
  };

  return {
    get(key) {
      const entry = cache.get(key) ?? versioned(render(key));
      // Most recently used last; the oldest goes when the cache is full.
      cache.delete(key);
      cache.set(key, entry);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return entry;
    },
    invalidate(change) {
      if (change.all) templates = undefined;
      for (const key of [...cache.keys()]) if (concerns(change, key)) cache.delete(key);
    },
  };
}
