// The training history as a Mermaid xychart: GitHub draws Mermaid blocks in
// comments itself, so this chart needs no image host and shows where an
// image link does not load; where Mermaid is not drawn (e-mail, plain
// markdown) the block is still the numbers, one line per run. Pure; the
// block holds only numbers and fixed words, nothing from the records' text.

import type { HistoryEpoch, RunRecord } from '../record.js';
import { BASE_COLOUR, HEAD_COLOUR } from './colours.js';

function validationAccuracy(record: RunRecord | undefined): number[] {
  if (!record || !Array.isArray(record.history)) return [];
  return [...record.history]
    .filter((epoch): epoch is HistoryEpoch & { val_accuracy: number } => Number.isInteger(epoch.epoch) && Number.isFinite(epoch.val_accuracy))
    .sort((a, b) => a.epoch - b.epoch)
    .map((epoch) => epoch.val_accuracy);
}

const value = (number: number) => String(Number(number.toFixed(4)));

export interface MermaidChart {
  /** What the chart shows, for the caption above it (xychart has no legend). */
  caption: string;
  /** The block's text, without the ``` fence. */
  text: string;
}

/**
 * Validation accuracy per epoch, the base (orange) and the PR (blue), on a
 * 0 to 1 axis. A run with fewer epochs has a shorter line. Undefined when
 * neither run has a history.
 */
export function historyMermaid(head: RunRecord, base?: RunRecord): MermaidChart | undefined {
  const headLine = validationAccuracy(head);
  const baseLine = validationAccuracy(base);
  if (headLine.length === 0 && baseLine.length === 0) return undefined;
  const epochs = Math.max(headLine.length, baseLine.length);
  const lines: Array<{ values: number[]; colour: string }> = [];
  if (baseLine.length > 0) lines.push({ values: baseLine, colour: BASE_COLOUR });
  if (headLine.length > 0) lines.push({ values: headLine, colour: HEAD_COLOUR });
  // xychart colours its plots in order from this palette (it draws no legend).
  const init = { themeVariables: { xyChart: { plotColorPalette: lines.map((line) => line.colour).join(', ') } } };
  const text = [
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    '    title "Validation accuracy per epoch"',
    `    x-axis "Epoch" [${Array.from({ length: epochs }, (_, i) => i + 1).join(', ')}]`,
    '    y-axis "Validation accuracy" 0 --> 1',
    ...lines.map((line) => `    line [${line.values.map(value).join(', ')}]`),
  ].join('\n');
  const caption = base && baseLine.length > 0 && headLine.length > 0
    ? `Validation accuracy per epoch: base in orange (${baseLine.length} epochs), PR in blue (${headLine.length} epochs).`
    : `Validation accuracy per epoch (${epochs} epochs).`;
  return { caption, text };
}
