// The training history as a Mermaid xychart: GitHub draws Mermaid blocks in
// comments itself, so this chart needs no image host and shows where an
// image link does not load; where Mermaid is not drawn (e-mail, plain
// markdown) the block is still the numbers, one line per run. Pure; the
// block holds only numbers and fixed words, nothing from the records' text.

import type { Trend } from '../compare/trend.js';
import { oneModelLabel, type HistoryEpoch, type RunRecord } from '../record.js';
import { BASE_COLOUR, HEAD_COLOUR } from './colours.js';
import { drawnEpochs } from './epochs.js';

/** The seed spread's lines in the trend chart. */
const SPREAD_COLOUR = '#a0a0a0';

/** An epoch with its validation accuracy (a training command's history may lack it). */
type ValidEpoch = HistoryEpoch & { val_accuracy: number };

function validEpochs(record: RunRecord | undefined): ValidEpoch[] {
  if (!record || !Array.isArray(record.history)) return [];
  return [...record.history]
    .filter((epoch): epoch is ValidEpoch => Number.isInteger(epoch.epoch) && Number.isFinite(epoch.val_accuracy))
    .sort((a, b) => a.epoch - b.epoch);
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
  const headEpochs = validEpochs(head);
  const baseEpochs = validEpochs(base);
  if (headEpochs.length === 0 && baseEpochs.length === 0) return undefined;
  // The longer run decides which epochs are drawn; the other run's line is cut at its own length.
  const longer = headEpochs.length >= baseEpochs.length ? headEpochs : baseEpochs;
  const drawn = drawnEpochs(longer).map((epoch) => epoch.epoch);
  const at = (epochs: ValidEpoch[]) => {
    const byEpoch = new Map(epochs.map((epoch) => [epoch.epoch, epoch.val_accuracy]));
    const line: number[] = [];
    for (const epoch of drawn) {
      const value = byEpoch.get(epoch);
      if (value === undefined) break;
      line.push(value);
    }
    return line;
  };
  const headLine = at(headEpochs);
  const baseLine = at(baseEpochs);
  const epochs = drawn.length;
  const lines: Array<{ values: number[]; colour: string }> = [];
  if (baseLine.length > 0) lines.push({ values: baseLine, colour: BASE_COLOUR });
  if (headLine.length > 0) lines.push({ values: headLine, colour: HEAD_COLOUR });
  // xychart colours its plots in order from this palette (it draws no legend).
  const init = { themeVariables: { xyChart: { plotColorPalette: lines.map((line) => line.colour).join(', ') } } };
  const text = [
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    '    title "Validation accuracy per epoch"',
    `    x-axis "Epoch" [${drawn.join(', ')}]`,
    '    y-axis "Validation accuracy" 0 --> 1',
    ...lines.map((line) => `    line [${line.values.map(value).join(', ')}]`),
  ].join('\n');
  const thinned = longer.length > epochs ? ` ${epochs} of ${longer.length} epochs drawn, evenly spaced.` : '';
  // A history is one model's (the saved one): the caption names its seed.
  const caption = base && baseEpochs.length > 0 && headEpochs.length > 0
    ? `Validation accuracy per epoch: base in orange (${baseEpochs.length} epochs, ${oneModelLabel(base)}), PR in blue (${headEpochs.length} epochs, ${oneModelLabel(head)}).${thinned}`
    : `Validation accuracy per epoch (${longer.length} epochs, ${oneModelLabel(headEpochs.length > 0 ? head : base!)}).${thinned}`;
  return { caption, text };
}

/**
 * A branch over time: each run's mean validation accuracy joined in order,
 * with mean − sd and mean + sd as two grey lines, on an axis that fits
 * them. The x axis is the runs' numbers in the trend's table (no commit
 * text reaches the block). Undefined without points.
 */
export function trendMermaid(trend: Trend): MermaidChart | undefined {
  const points = trend.points;
  if (points.length === 0) return undefined;
  const low = points.map((point) => point.mean - (point.sd ?? 0));
  const high = points.map((point) => point.mean + (point.sd ?? 0));
  const floor = Math.max(0, Math.floor((Math.min(...low) - 0.02) * 20) / 20);
  const ceiling = Math.min(1, Math.ceil((Math.max(...high) + 0.02) * 20) / 20);
  const spreadShown = points.some((point) => point.sd !== undefined);
  const lines = [
    ...(spreadShown ? [{ values: low, colour: SPREAD_COLOUR }, { values: high, colour: SPREAD_COLOUR }] : []),
    { values: points.map((point) => point.mean), colour: HEAD_COLOUR },
  ];
  const init = { themeVariables: { xyChart: { plotColorPalette: lines.map((line) => line.colour).join(', ') } } };
  const text = [
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    '    title "Validation accuracy per run, mean over seeds"',
    `    x-axis "Run (numbered as in the table)" [${points.map((_, index) => index + 1).join(', ')}]`,
    `    y-axis "Validation accuracy" ${value(floor)} --> ${value(ceiling)}`,
    ...lines.map((line) => `    line [${line.values.map(value).join(', ')}]`),
  ].join('\n');
  const caption = `Mean validation accuracy of each run in blue${spreadShown ? ', mean ± sd over its seeds in grey' : ''}; runs numbered as in the table (${points.length} runs).`;
  return { caption, text };
}
