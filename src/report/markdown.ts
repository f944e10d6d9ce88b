// Blocks → GitHub-flavoured markdown. Pure. Image links come from the caller
// (relative file names for report.md, URLs for the pull-request comment), and
// the text is kept under a length limit by lowering the document's detail:
// whole rows and sections are dropped with a note, never cut mid-table.

import { markdownTable } from 'markdown-table';
import { buildDocument, MAX_DETAIL, type Block, type Detail, type DocumentInput, type Inline } from './document.js';
import { escapeHtmlLine, escapeMarkdown, escapeTableCell, neutralizeReferences, visible } from '../github/untrusted.js';

/** GitHub rejects comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65536;

export type ImageUrl = (fileName: string) => string;

function inline(parts: Inline[]): string {
  return parts.map((part) => {
    if (typeof part === 'string') return escapeMarkdown(part);
    if ('strong' in part) return `**${escapeMarkdown(part.strong)}**`;
    return codeSpan(part.code);
  }).join('');
}

/** A code span that survives backticks, pipes and HTML in the text. */
function codeSpan(text: string): string {
  // GitHub renders a code span's HTML literally, but `|` would still end a
  // table cell and a backtick run would end the span, so use <code> with entities.
  return `<code>${neutralizeReferences(text).replace(/[&<>"|`\\*_[\]]/g, (char) => `&#${char.charCodeAt(0)};`)}</code>`;
}

export function blocksToMarkdown(blocks: Block[], imageUrl: ImageUrl): string {
  return blocks.map((block) => blockToMarkdown(block, imageUrl)).join('\n\n') + '\n';
}

function blockToMarkdown(block: Block, imageUrl: ImageUrl): string {
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
    case 'paragraph':
      return inline(block.text);
    case 'list':
      return block.items.map((item) => `- ${inline(item)}`).join('\n');
    case 'table':
      return markdownTable([block.header.map(escapeTableCell), ...block.rows.map((row) => row.map(escapeTableCell))], {
        align: block.align?.map((a) => (a === 'left' ? 'l' : a === 'right' ? 'r' : 'c')),
        alignDelimiters: false,
      });
    case 'image':
      return `![${escapeMarkdown(block.alt)}](${encodeLink(imageUrl(block.file))})`;
    case 'code':
      return codeFence(block.language, block.text);
    case 'details':
      // GitHub needs the blank line after <summary> to render markdown inside.
      return `<details><summary>${escapeHtmlLine(block.summary)}</summary>\n\n${blocksToMarkdown(block.blocks, imageUrl).trimEnd()}\n\n</details>`;
  }
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
function codeFence(language: string, text: string): string {
  // Invisible characters shown even here: a bidi override reorders code as it does prose.
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language.replace(/[^\w-]/g, '')}\n${visible(text)}\n${fence}`;
}

/** Spaces and parentheses would end a markdown link target. */
function encodeLink(url: string): string {
  return url.replace(/[ ()<>]/g, (char) => encodeURIComponent(char));
}

export class ReportTooLongError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportTooLongError';
  }
}

/** The most detailed markdown that fits `maxLength` characters. */
export function renderFittingMarkdown(input: DocumentInput, imageUrl: ImageUrl, maxLength = GITHUB_COMMENT_LIMIT): string {
  let text = '';
  for (let detail = 0 as Detail; detail <= MAX_DETAIL; detail = (detail + 1) as Detail) {
    text = blocksToMarkdown(buildDocument(input, detail), imageUrl);
    if (text.length <= maxLength) return text;
  }
  throw new ReportTooLongError(`the report is ${text.length} characters even with every optional section dropped; the limit is ${maxLength}`);
}
