// Blocks → a standalone HTML page (report.html) that shows the same report
// with the PNGs beside it. Pure; everything from the data is escaped.

import type { Block, Inline } from './document.js';
import { escapeHtml } from '../github/untrusted.js';

function inline(parts: Inline[]): string {
  return parts.map((part) => {
    if (typeof part === 'string') return escapeHtml(part);
    if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
    return `<code>${escapeHtml(part.code)}</code>`;
  }).join('');
}

function blockToHtml(block: Block, imageUrl: (file: string) => string): string {
  switch (block.type) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${inline(block.text)}</p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`;
    case 'table': {
      const align = (i: number) => (block.align?.[i] && block.align[i] !== 'left' ? ` style="text-align:${block.align[i]}"` : '');
      const head = block.header.map((cell, i) => `<th${align(i)}>${escapeHtml(cell)}</th>`).join('');
      const rows = block.rows.map((row) => `<tr>${row.map((cell, i) => `<td${align(i)}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
    case 'image':
      return `<p><img src="${escapeHtml(imageUrl(block.file))}" alt="${escapeHtml(block.alt)}"></p>`;
    case 'code':
      return `<pre><code class="language-${escapeHtml(block.language)}">${escapeHtml(block.text)}</code></pre>`;
    case 'details':
      return `<details><summary>${escapeHtml(block.summary)}</summary>\n${blocksToHtml(block.blocks, imageUrl)}\n</details>`;
  }
}

function blocksToHtml(blocks: Block[], imageUrl: (file: string) => string): string {
  return blocks.map((block) => blockToHtml(block, imageUrl)).join('\n');
}

const STYLE = `body{font-family:-apple-system,"Segoe UI","DejaVu Sans",sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#1f2328;line-height:1.5}
table{border-collapse:collapse;margin:0.5em 0}th,td{border:1px solid #d0d7de;padding:4px 10px}th{background:#f6f8fa}
img{max-width:100%;height:auto}code{background:#f6f8fa;padding:0 4px;border-radius:4px}details{margin:0.5em 0}summary{cursor:pointer}`;

export function blocksToHtmlPage(blocks: Block[], imageUrl: (file: string) => string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${blocksToHtml(blocks, imageUrl)}
</body>
</html>
`;
}
