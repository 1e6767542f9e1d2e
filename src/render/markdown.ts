/**
 * Stage 3: Markdown bodies to HTML. Parses with remark (GFM), refuses raw
 * HTML and links or images that would leave the meeting, splits an item's
 * body into its standard sections (## headings) and renders each to HTML.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { toString as hastToString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Root as MdastRoot } from 'mdast';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Point, Position } from 'unist';
import path from 'node:path';
import { VFile } from 'vfile';
import { BODY_SECTIONS, BODY_SECTION_KEYS, type BodySectionKey, type Forum } from '../content/schema.js';
import { report } from '../diagnostics/diagnostic.js';
import { normalizeName, quote, suggest } from '../diagnostics/catalogue.js';
import { hyphenateDanish } from './hyphenate.js';
import { admitFile, LIMITS, MEETING_BUDGET } from '../validate/limits.js';
import { DocumentBudget, type BudgetKind } from './budget.js';
import { imageCost } from './image-size.js';
import { keepTogether, markIntroductions } from './typography.js';
import { checkMeetingFile, type Meeting, type MarkdownBody } from '../validate/validate.js';
import { splitFrontmatter } from '../validate/frontmatter.js';
import { attachmentFormat, MEETING_FILE, type MeetingSource } from '../load/load.js';

export interface RenderedItem {
  introHtml?: string;
  sections: Map<BodySectionKey, { html: string; runIn: boolean }>;
  footnotesHtml?: string;
}

export interface RenderedMeeting {
  meeting: Meeting;
  introHtml?: string;
  items: RenderedItem[];
  /** The text of each Markdown bilag, by its meeting-wide number. */
  attachments: Map<number, string | undefined>;
  /** The Markdown bilag files, which carry their own diagnostics. */
  attachmentFiles: VFile[];
}

const SAFE_LINK = /^(https?:|mailto:|tel:|#)/i;

export type MarkdownParser = (markdown: string) => MdastRoot;

/** Build the remark parser once per run. */
export function createMarkdownParser(): MarkdownParser {
  const processor = unified().use(remarkParse).use(remarkGfm);
  return (markdown) => processor.runSync(processor.parse(markdown)) as MdastRoot;
}

function shift(point: Point | undefined, body: MarkdownBody): Point | undefined {
  return point && { line: point.line + body.line - 1, column: point.column };
}

function shiftPosition(position: Position | undefined, body: MarkdownBody): Point | undefined {
  return shift(position?.start, body);
}

/** What a body may refer to (the forum's sections, the meeting's files), and the document's budget it spends. */
interface BodyContext {
  forum: Forum;
  files: MeetingSource['files'];
  budget: DocumentBudget;
}

const COSTS: Partial<Record<string, BudgetKind>> = { heading: 'headings', tableCell: 'tableCells', link: 'links' };

/** Check a body's Markdown tree for constructs content may not use. `topHeadings`: a bilag is a document of its own and may have "# " headings. */
function checkTree(tree: MdastRoot, body: MarkdownBody, context: BodyContext, topHeadings = false): void {
  const { file } = body;
  // An opening and a closing tag on one line are one mistake.
  const htmlLines = new Set<number>();
  const { budget } = context;
  visit(tree, (node) => {
    const place = shiftPosition(node.position, body);
    const cost = COSTS[node.type];
    if (cost && !budget.exhausted) budget.spend(cost, 1, file, place);
    if (node.type === 'html') {
      if (htmlLines.has(place?.line ?? 0)) return;
      htmlLines.add(place?.line ?? 0);
      const lineBreak = /^<br\s*\/?>$/i.test(node.value.trim());
      report(file, {
        rule: 'raa-html',
        reason: lineBreak
          ? 'Linjeskift med <br> kan ikke bruges.'
          : `HTML-koden ${quote(node.value.trim().split('\n')[0] ?? '')} kan ikke bruges i teksten.`,
        note: lineBreak
          ? 'Slut linjen med to mellemrum eller en omvendt skråstreg (\\) for et linjeskift, eller lav en tom linje for et nyt afsnit.'
          : 'Brug Markdown i stedet, fx **fed**, *kursiv*, lister og tabeller.',
        place,
      });
    } else if (node.type === 'heading' && node.depth === 1 && !topHeadings) {
      report(file, {
        rule: 'overskrift-niveau-1',
        reason: 'Overskrifter med "# " bruges ikke: punktets titel står i feltet "titel" øverst i filen.',
        note: 'Brug "## " til afsnit (fx ## Indstilling) og "### " til underoverskrifter.',
        place,
      });
    } else if ((node.type === 'link' || node.type === 'definition') && !SAFE_LINK.test(node.url)) {
      report(file, {
        rule: 'link-ikke-tilladt',
        reason: `Linket ${quote(node.url)} er ikke tilladt. Links skal være webadresser (https://…), e-post (mailto:…) eller telefon (tel:…).`,
        place,
      });
    } else if (node.type === 'table' && (node.children[0]?.children.length ?? 0) > LIMITS.tableColumns) {
      report(file, {
        rule: 'for-kompleks',
        reason: `Tabellen har ${node.children[0]!.children.length} kolonner; højst ${LIMITS.tableColumns} kan stå på en A4-side.`,
        note: 'Del tabellen op, eller læg den i et bilag.',
        place,
      });
    } else if (node.type === 'image') {
      node.url = budget.exhausted ? '' : imageData(node.url, body, context, place);
      // The alt text becomes the Figure's /Alt in the PDF (PDF/UA-1 7.3, Matterhorn 13-004);
      // an image that cannot be shown has its error already.
      if (node.url !== '' && !node.alt?.trim()) {
        report(file, {
          rule: 'billede-uden-alternativ-tekst',
          reason: 'Billedet har ingen alternativ tekst, så skærmlæsere kan ikke fortælle, hvad det viser.',
          note: 'Skriv en kort beskrivelse i de firkantede parenteser, fx ![Kort over området](kort.png).',
          place,
          severity: 'warning',
        });
      }
    }
  });
}

/**
 * The limits keep pathological input out; this catches whatever still
 * overflows the stack of the parser or of the HTML conversion.
 */
function guarded<T>(body: MarkdownBody, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    report(body.file, {
      rule: 'for-kompleks',
      reason: 'Teksten er for dybt indlejret til at kunne læses (lister, citater eller fremhævninger inden i hinanden).',
      note: 'Forenkl teksten.',
      place: { line: body.line, column: 1 },
    });
    return fallback;
  }
}


/** An image in the meeting folder, inlined so the document is self-contained. */
function imageData(written: string, body: MarkdownBody, context: BodyContext, place: Point | undefined): string {
  const label = body.file.basename === MEETING_FILE ? 'mødets billede' : 'punktets billede';
  const found = checkMeetingFile(body.file, context, written, { field: 'billede', label }, place);
  if (!found) return '';
  const { image } = found;
  if (!image) {
    report(body.file, {
      rule: 'ikke-et-billede',
      reason: `Filen ${quote(written)} kan ikke vises som billede.`,
      note: 'Brug et billede i formatet PNG, JPEG, GIF, WebP eller SVG.',
      place,
    });
    return '';
  }
  return affordImage(image, written, body.file, context.budget, place) ? `data:${image.mediaType};base64,${image.bytes.toString('base64')}` : '';
}

const pixelCount = new Intl.NumberFormat('da-DK');

/** Whether the document can afford to show the image once more (reported when not). */
function affordImage(image: { mediaType: string; bytes: Buffer }, written: string, file: VFile, budget: DocumentBudget, place: Point | undefined): boolean {
  const cost = imageCost(image.mediaType, image.bytes);
  const refuse = (reason: string, note: string) => {
    report(file, { rule: 'billede-for-stort', reason: `Billedet ${quote(written)} ${reason}.`, note, place });
    return false;
  };
  if (!cost) return refuse('kan ikke læses som det billedformat, filnavnet siger', 'Gem billedet igen som PNG eller JPEG.');
  if ('svgElements' in cost) {
    if (cost.nestedUse) return refuse('bruger <use> af noget, der selv indeholder <use>; det kan folde sig ud uden grænse', 'Gem tegningen som PNG, eller gem SVG-filen uden <use>-henvisninger.');
    if (cost.svgElements > MEETING_BUDGET.svgElements) {
      return refuse(`har ${pixelCount.format(cost.svgElements)} elementer; grænsen er ${pixelCount.format(MEETING_BUDGET.svgElements)}`, 'Forenkl tegningen, eller gem den som PNG.');
    }
    return true;
  }
  if (cost.pixels > MEETING_BUDGET.imagePixels) {
    return refuse(
      `har ${pixelCount.format(cost.pixels)} billedpunkter; grænsen for ét billede er ${pixelCount.format(MEETING_BUDGET.imagePixels)}`,
      'Gør billedet mindre (fx højst 4000 × 4000 punkter), og prøv igen.',
    );
  }
  return budget.spend('pixels', cost.pixels, file, place);
}

function toHastTree(tree: MdastRoot, idPrefix: string): HastRoot {
  const hast = toHast(tree, {
    clobberPrefix: `${idPrefix}-`,
    footnoteLabel: 'Noter',
    footnoteLabelTagName: 'h3',
  }) as HastRoot;
  // The notes heading has a fixed id that clobberPrefix does not cover.
  const labelId = `${idPrefix}-footnote-label`;
  visit(hast, 'element', (element: Element, index, parent) => {
    const { properties } = element;
    // "Back to reference" links mean nothing on paper and have no readable text.
    if (properties.dataFootnoteBackref !== undefined && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
    if (properties.id === 'footnote-label') properties.id = labelId;
    if (Array.isArray(properties.ariaDescribedBy)) {
      properties.ariaDescribedBy = properties.ariaDescribedBy.map((id) => (id === 'footnote-label' ? labelId : id));
    }
  });
  markIntroductions(hast.children as ElementContent[]);
  keepTogether(hast.children as ElementContent[]);
  hyphenateDanish(hast.children as ElementContent[]);
  return hast;
}

function isElement(node: unknown, tagName?: string): node is Element {
  return typeof node === 'object' && node !== null && (node as Element).type === 'element' && (!tagName || (node as Element).tagName === tagName);
}

/** Markdown ### and deeper are sub-headings below the section heading (h3). */
function shiftSubHeadings(nodes: ElementContent[]): void {
  for (const node of nodes) {
    visit(node, 'element', (element: Element) => {
      const level = /^h([3-6])$/.exec(element.tagName)?.[1];
      if (level) element.tagName = `h${Math.min(6, Number(level) + 1)}`;
    });
  }
}

function stringify(nodes: ElementContent[]): string | undefined {
  const html = toHtml({ type: 'root', children: nodes }).trim();
  return html === '' ? undefined : html;
}

function renderIntro(body: MarkdownBody, context: BodyContext, parse: MarkdownParser): string | undefined {
  return guarded(body, undefined, () => renderIntroUnguarded(body, context, parse));
}

function renderIntroUnguarded(body: MarkdownBody, context: BodyContext, parse: MarkdownParser): string | undefined {
  const tree = parse(body.markdown);
  checkTree(tree, body, context);
  const hast = toHastTree(tree, 'moede');
  shiftSubHeadings(hast.children as ElementContent[]);
  return stringify(hast.children as ElementContent[]);
}

/** A Markdown bilag: the whole file is its text, under the same rules as an item. */
function renderAttachment(file: VFile, nummer: number, context: BodyContext, parse: MarkdownParser): string | undefined {
  if (!admitFile(file, 'markdown')) return undefined;
  const body: MarkdownBody = { file, markdown: String(file.value), line: 1 };
  return guarded(body, undefined, () => {
    const tree = parse(body.markdown);
    checkTree(tree, body, context, true);
    return stringify(toHastTree(tree, `bilag-${nummer}`).children as ElementContent[]);
  });
}

const SECTION_NAMES = new Map(BODY_SECTION_KEYS.map((key) => [normalizeName(BODY_SECTIONS[key]), key]));

function renderItem(body: MarkdownBody, idPrefix: string, context: BodyContext, parse: MarkdownParser): RenderedItem {
  return guarded(body, { sections: new Map() }, () => renderItemUnguarded(body, idPrefix, context, parse));
}

function renderItemUnguarded(body: MarkdownBody, idPrefix: string, context: BodyContext, parse: MarkdownParser): RenderedItem {
  const { forum } = context;
  const tree = parse(body.markdown);
  checkTree(tree, body, context);
  const hast = toHastTree(tree, idPrefix);
  const placed = new Map(forum.afsnit.map((setting) => [setting.afsnit, setting]));

  let footnotes: ElementContent[] = [];
  const intro: ElementContent[] = [];
  const sections = new Map<BodySectionKey, ElementContent[]>();
  let current = intro;
  for (const node of hast.children as ElementContent[]) {
    if (isElement(node, 'section') && node.properties?.dataFootnotes !== undefined) {
      footnotes = [node];
      continue;
    }
    if (!isElement(node, 'h2')) {
      current.push(node);
      continue;
    }
    const heading = hastToString(node).trim();
    const key = SECTION_NAMES.get(normalizeName(heading));
    const place = shiftPosition(node.position, body);
    current = [];
    if (!key) {
      const suggestion = suggest(heading, Object.values(BODY_SECTIONS));
      report(body.file, {
        rule: 'ukendt-afsnit',
        reason: `Ukendt afsnit ${quote(`## ${heading}`)}.${suggestion ? ` Mente du ${quote(`## ${suggestion}`)}?` : ''}`,
        note: `Afsnit hedder: ${Object.values(BODY_SECTIONS).join(', ')}. Brug "### " til egne underoverskrifter.`,
        place,
      });
    } else if (sections.has(key)) {
      report(body.file, { rule: 'afsnit-dobbelt', reason: `Afsnittet ${quote(`## ${heading}`)} står mere end én gang i punktet.`, place });
    } else if (!placed.has(key)) {
      report(body.file, {
        rule: 'afsnit-ikke-i-forum',
        reason: `Afsnittet ${quote(`## ${heading}`)} bruges ikke i forummet ${quote(forum.navn)}.`,
        note: `Forummets afsnit (forum.yml, "afsnit"): ${forum.afsnit.map((setting) => setting.afsnit).join(', ')}.`,
        place,
      });
    } else {
      sections.set(key, current);
    }
  }

  const rendered = new Map<BodySectionKey, { html: string; runIn: boolean }>();
  for (const [key, nodes] of sections) {
    const setting = placed.get(key);
    const content = nodes.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
    shiftSubHeadings(content);
    const first = content[0];
    const runIn = Boolean(setting?.indlejret && isElement(first, 'p'));
    if (runIn && isElement(first, 'p')) {
      first.children.unshift(
        { type: 'element', tagName: 'strong', properties: { className: ['run-in'] }, children: [{ type: 'text', value: `${setting?.overskrift}:` }] },
        { type: 'text', value: ' ' },
      );
    }
    const html = stringify(content);
    if (html) rendered.set(key, { html, runIn });
  }
  shiftSubHeadings(intro);
  return { introHtml: stringify(intro), sections: rendered, footnotesHtml: stringify(footnotes) };
}

export function renderMarkdown(meeting: Meeting, parse: MarkdownParser): RenderedMeeting {
  const attachments = new Map<number, string | undefined>();
  const attachmentFiles: VFile[] = [];
  const context: BodyContext = { forum: meeting.forum, files: meeting.files, budget: new DocumentBudget() };
  for (const item of meeting.items) {
    for (const bilag of item.attachments) {
      const { source } = bilag;
      const format = attachmentFormat(source?.relative);
      if (!source?.bytes || !format || format === 'pdf') continue;
      if (source.image) {
        if (!affordImage(source.image, bilag.fil ?? source.relative, item.file, context.budget, bilag.place)) continue;
        // An image bilag is printed on its own page after its separator.
        const src = `data:${source.image.mediaType};base64,${source.image.bytes.toString('base64')}`;
        attachments.set(bilag.nummer, toHtml({ type: 'element', tagName: 'img', properties: { className: ['attachment-image'], src, alt: bilag.titel }, children: [] }));
        continue;
      }
      const file = new VFile({ path: path.join(meeting.dir, source.relative), cwd: meeting.intro.file.cwd, value: source.bytes });
      attachmentFiles.push(file);
      attachments.set(bilag.nummer, renderAttachment(file, bilag.nummer, context, parse));
    }
  }
  return {
    meeting,
    introHtml: renderIntro(meeting.intro, context, parse),
    items: meeting.items.map((item) => renderItem(item.body, `punkt-${item.nummer}`, context, parse)),
    attachments,
    attachmentFiles,
  };
}

/**
 * Check the Markdown of a meeting whose frontmatter did not validate, so that
 * one run reports every problem, not only the first kind found.
 */
export function checkMarkdown(source: MeetingSource, forum: Forum, parse: MarkdownParser): void {
  // A meeting over its budget is not read further: that is what the budget is for.
  if (source.folder.messages.some((message) => message.ruleId === 'over-budget')) return;
  const context: BodyContext = { forum, files: source.files, budget: new DocumentBudget() };
  const bodyOf = (file: VFile): MarkdownBody => {
    const { body, bodyLine } = splitFrontmatter(file);
    return { file, markdown: body, line: bodyLine };
  };
  // Only files that passed the limits: their value is decoded text by now.
  const admitted = (file: VFile) => typeof file.value === 'string';
  if (admitted(source.index)) renderIntro(bodyOf(source.index), context, parse);
  source.items.forEach((file, index) => {
    if (admitted(file)) renderItem(bodyOf(file), `punkt-${index + 1}`, context, parse);
  });
}
