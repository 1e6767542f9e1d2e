/**
 * The content stages of one meeting, in the order a build runs them:
 * frontmatter, Markdown (intro, items, Markdown bilag), bilag PDFs and, for
 * a referat, the decisions. Nothing here prints or loads a browser, so
 * `npm run check` finds what a build finds in the content, by the same code.
 */
import type { PDFDocument } from 'pdf-lib';
import type { VFile } from 'vfile';
import type { Forum } from './content/schema.js';
import type { MeetingSource } from './load/load.js';
import { loadAttachmentPdfs } from './print/attachments.js';
import type { DocumentKind } from './render/edition.js';
import type { Deadline } from './print/deadline.js';
import { checkMarkdown, renderMarkdown, type MarkdownParser, type RenderedMeeting } from './render/markdown.js';
import { checkDecisions } from './validate/decisions.js';
import { validateMeeting } from './validate/validate.js';
import { checkPersonalData } from './validate/personal-data.js';

export interface CheckedMeeting {
  /** The meeting's files, Markdown bilag included, with their diagnostics (not forum.yml). */
  files: VFile[];
  /** Present when nothing stops the meeting from printing. */
  printable?: { rendered: RenderedMeeting; attachmentPdfs: Map<number, PDFDocument> };
}

/**
 * The synchronous part: frontmatter and Markdown (intro, items, Markdown
 * bilag). `rendered` is present when the frontmatter validated; `valid` when
 * none of the meeting's files has an error. `forum` is undefined when
 * forum.yml has errors: the Markdown is then not checked either.
 */
export function renderMeetingContent(
  source: MeetingSource,
  forum: Forum | undefined,
  parse: MarkdownParser,
): { files: VFile[]; rendered?: RenderedMeeting; valid: boolean } {
  const files = [source.folder, source.index, ...source.items, ...source.misnamed];
  const meeting = forum && validateMeeting(source, forum);
  const rendered = meeting && renderMarkdown(meeting, parse);
  // Frontmatter errors do not hide the Markdown's: one run reports both.
  if (forum && !meeting) checkMarkdown(source, forum, parse);
  if (rendered) {
    files.push(...rendered.attachmentFiles);
    checkPersonalData(rendered);
  }
  return { files, rendered, valid: !files.some((file) => file.messages.some((message) => message.fatal)) };
}

/** Every content stage, bilag PDFs included. */
export async function checkMeeting(
  source: MeetingSource,
  forum: Forum | undefined,
  parse: MarkdownParser,
  kind: DocumentKind,
  /** A build's meeting deadline (print/deadline.ts): bilag parsing ends by it. */
  deadline?: Deadline,
): Promise<CheckedMeeting> {
  const { files, rendered, valid } = renderMeetingContent(source, forum, parse);
  // Bilag PDFs are checked even when the text has errors: one run reports both.
  const attachmentPdfs = rendered && (await loadAttachmentPdfs(rendered.meeting, deadline));
  if (!rendered || !attachmentPdfs || !valid) return { files };
  // Only for a meeting that is otherwise in order: the errors come first.
  if (kind === 'referat') checkDecisions(rendered);
  // A closed item's missing public decision is an error: nothing to print then.
  if (files.some((file) => file.messages.some((message) => message.fatal))) return { files };
  return { files, printable: { rendered, attachmentPdfs } };
}
