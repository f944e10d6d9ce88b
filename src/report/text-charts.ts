// The report's sections that carry the charts' message in text, for readers
// whose client loads no images: the training history as a Mermaid block and
// the largest confusions as a table. Pure.

import type { RunRecord } from '../record.js';
import { topConfusions, type CellCount } from './confusions.js';
import type { Block } from './document.js';
import { historyMermaid } from './mermaid.js';

const share = (cell: CellCount | undefined) => (cell ? `${cell.count} of ${cell.total} (${cell.share.toFixed(2)})` : '—');

function signedShare(head: CellCount | undefined, base: CellCount | undefined): string {
  if (!head || !base) return '—';
  const delta = head.share - base.share;
  const text = Math.abs(delta).toFixed(2);
  return delta > 0.005 ? `+${text}` : delta < -0.005 ? `−${text}` : '0.00';
}

export function historyBlocks(head: RunRecord, base?: RunRecord): Block[] {
  const chart = historyMermaid(head, base);
  if (!chart) return [];
  return [
    { type: 'heading', level: 3, text: 'Validation accuracy per epoch' },
    { type: 'paragraph', text: [chart.caption] },
    { type: 'code', language: 'mermaid', text: chart.text },
  ];
}

export function confusionBlocks(head: RunRecord, base?: RunRecord): Block[] {
  const confusions = topConfusions(head, base);
  if (confusions.length === 0) return [];
  const withBase = base !== undefined && confusions.some((row) => row.base);
  const blocks: Block[] = [{ type: 'heading', level: 3, text: 'Largest confusions' }];
  const runs = Array.isArray(head.repeats) ? head.repeats.length : 0;
  // The matrix pools every seed's predictions, so a count is over each image once per seed.
  const pooled = runs > 1 ? ` (every seed's predictions pooled: each image counts once per seed, ${runs} seeds)` : '';
  let text = `The PR's ${confusions.length} largest confusions: images of the true class predicted as another, as a share of the true class's validation images${pooled}${withBase ? ', beside the base (a smaller share is better)' : ''}.`;
  // The base's worst confusion, when the PR fixed it enough to leave the list, is news too.
  const [baseWorst] = base ? topConfusions(base, undefined, 1) : [];
  if (baseWorst && !confusions.some((row) => row.actual === baseWorst.actual && row.predicted === baseWorst.predicted)) {
    const now = topConfusions(head, base, Infinity).find((row) => row.actual === baseWorst.actual && row.predicted === baseWorst.predicted)?.head;
    text += ` The base's largest, ${baseWorst.actual} predicted as ${baseWorst.predicted} (${share(baseWorst.head)}), is ${now ? share(now) : 'gone'} in the PR.`;
  }
  blocks.push({ type: 'paragraph', text: [text] });
  blocks.push(withBase
    ? {
      type: 'table',
      header: ['True class', 'Predicted as', 'base', 'PR', 'Δ share'],
      rows: confusions.map((row) => [row.actual, row.predicted, share(row.base), share(row.head), signedShare(row.head, row.base)]),
      align: ['left', 'left', 'right', 'right', 'right'],
    }
    : {
      type: 'table',
      header: ['True class', 'Predicted as', 'PR'],
      rows: confusions.map((row) => [row.actual, row.predicted, share(row.head)]),
      align: ['left', 'left', 'right'],
    });
  return blocks;
}
