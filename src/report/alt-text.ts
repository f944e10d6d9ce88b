// Alt texts that say what each image shows in numbers, for readers whose
// client shows no images (e-mail, a private repository's image that does
// not load, a screen reader). Pure.

import type { Comparison, Flip } from '../compare/compare.js';
import type { Trend } from '../compare/trend.js';
import { oneModelLabel, type EpochStats, type Prediction, type RunRecord } from '../record.js';
import { confusionRates, classesOf } from '../compare/compare.js';
import { topConfusions } from './confusions.js';
import { metricLabel } from '../metrics.js';

const two = (value: number) => value.toFixed(2);
const signed = (value: number) => (value > 0 ? `+${two(value)}` : value < 0 ? `−${two(-value)}` : two(0));

function finiteHistory(record: RunRecord | undefined): EpochStats[] {
  if (!record || !Array.isArray(record.history)) return [];
  return record.history.filter((epoch): epoch is EpochStats => Number.isFinite(epoch.val_accuracy) && Number.isFinite(epoch.val_loss));
}

function runHistory(history: EpochStats[]): string {
  const first = history[0];
  const last = history[history.length - 1];
  const epochs = `${history.length} epoch${history.length === 1 ? '' : 's'}`;
  return `validation accuracy ${two(first.val_accuracy)} → ${two(last.val_accuracy)} over ${epochs}, validation loss ${two(first.val_loss)} → ${two(last.val_loss)}`;
}

export function historyAlt(head: RunRecord, base?: RunRecord): string {
  const headHistory = finiteHistory(head);
  const baseHistory = finiteHistory(base);
  const parts: string[] = [];
  // The history is one model's (the saved one): it says which seed.
  if (headHistory.length > 0) parts.push(`PR (${oneModelLabel(head)}) ${runHistory(headHistory)}`);
  if (baseHistory.length > 0 && base) parts.push(`base (${oneModelLabel(base)}) ${runHistory(baseHistory)}`);
  return `Training history, loss and accuracy per epoch${parts.length ? `: ${parts.join('; ')}` : ''}`;
}

/** Mean over classes of the share of each class predicted right (the matrix's diagonal). */
function meanDiagonal(record: RunRecord): number | undefined {
  const rates = confusionRates(record);
  if (!rates) return undefined;
  const classes = classesOf(record);
  return classes.reduce((sum, label) => sum + rates.get(label)!.get(label)!, 0) / classes.length;
}

export function confusionAlt(head: RunRecord, base?: RunRecord): string {
  const headDiagonal = meanDiagonal(head);
  const baseDiagonal = base ? meanDiagonal(base) : undefined;
  const parts = [`Confusion matrix of the PR, every seed's predictions pooled${seedCount(head)}, rows sum to 1`];
  if (headDiagonal !== undefined) {
    parts.push(`right per class on average ${two(headDiagonal)}${baseDiagonal !== undefined ? ` (base ${two(baseDiagonal)}, change ${signed(headDiagonal - baseDiagonal)})` : ''}`);
  }
  const [largest] = topConfusions(head, undefined, 1);
  if (largest?.head) parts.push(`largest confusion: ${largest.actual} predicted as ${largest.predicted}, ${two(largest.head.share)} of its row`);
  if (baseDiagonal !== undefined) parts.push('beside it PR − base, green where the PR is better, magenta where worse');
  return parts.join('; ');
}

export function f1Alt(comparison: Comparison, withBase: boolean): string {
  const rows = comparison.perClass.filter((row) => row.head);
  if (rows.length === 0) return 'F1 per class';
  const byF1 = [...rows].sort((a, b) => a.head!.f1 - b.head!.f1 || a.label.localeCompare(b.label));
  const lowest = byF1[0];
  const highest = byF1[byF1.length - 1];
  // The bars pool every seed's predictions; the macro F1 quoted is the metrics table's (the mean over seeds), the one number for it.
  const macro = comparison.metrics.find((row) => row.metric === 'f1_score');
  const parts: string[] = [];
  if (macro?.head !== undefined) {
    if (withBase && macro.base !== undefined) parts.push(`macro F1 ${two(macro.base)} → ${two(macro.head)} (means over seeds)`);
    else parts.push(`macro F1 ${two(macro.head)}${(macro.headRuns ?? 1) > 1 ? ' (mean over seeds)' : ''}`);
  }
  parts.push(`lowest ${lowest.label} ${two(lowest.head!.f1)}, highest ${highest.label} ${two(highest.head!.f1)}`);
  if (withBase) {
    const deltas = rows.filter((row) => row.f1Delta !== undefined);
    const better = deltas.filter((row) => row.f1Delta! > 0.005).length;
    const worse = deltas.filter((row) => row.f1Delta! < -0.005).length;
    parts.push(`${better} of ${deltas.length} classes better, ${worse} worse (by more than 0.005)`);
  }
  return `F1 per class${withBase ? ', base vs PR' : ''}, every seed's predictions pooled: ${parts.join('; ')}`;
}

export function seedsAlt(comparison: Comparison): string {
  const seeds = comparison.seeds;
  if (!seeds) return 'Validation accuracy of every seed';
  const label = metricLabel(seeds.metric);
  const side = (name: string, run: NonNullable<typeof seeds.base>) => `${name} ${two(run.spread.mean)} ± ${two(run.spread.sd)} over ${run.values.length} seed${run.values.length === 1 ? '' : 's'}`;
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} of every seed, mean ± sd: ${[...(seeds.base ? [side('base', seeds.base)] : []), side('PR', seeds.head)].join('; ')}`;
}

/** `model`: whose predictions they are ("seed 77's model"): one model's, not the mean over seeds the tables give. */
export function predictionsAlt(shown: Array<{ good: boolean }>, predictions: Prediction[], model: string): string {
  const right = shown.filter((tile) => tile.good).length;
  const allRight = predictions.filter((p) => p.trueLabel === p.predictedLabel).length;
  return `Predictions of ${model} on ${shown.length} of ${predictions.length} validation images, one class after another: ${right} right, ${shown.length - right} wrong (all ${predictions.length}: ${allRight} right, ${two(allRight / Math.max(1, predictions.length))}, this one model's accuracy)`;
}

export function flipsAlt(flips: { rightToWrong: Flip[]; wrongToRight: Flip[] }, shown: number, models: string): string {
  return `Validation images whose prediction flipped between base and PR (${models}): ${flips.wrongToRight.length} wrong → right, ${flips.rightToWrong.length} right → wrong (${shown} shown)`;
}

/** " over its 6 seeds", or nothing for one run. */
function seedCount(record: RunRecord): string {
  const count = Array.isArray(record.repeats) ? record.repeats.length : 0;
  return count > 1 ? ` over its ${count} seeds` : '';
}

/** The sweep's curves: each variant's validation accuracy and loss from its first epoch to its last, and its base's. */
export function sweepCurvesAlt(curves: Array<{ variant: string; head: RunRecord; base?: RunRecord }>): string {
  const parts = curves.flatMap((curve) => {
    const head = finiteHistory(curve.head);
    if (head.length === 0) return [];
    const base = finiteHistory(curve.base);
    return [`${curve.variant}: ${runHistory(head)}${base.length > 0 ? ` (base ${runHistory(base)})` : ''}`];
  });
  return `Validation curves of ${curves.length} variant${curves.length === 1 ? '' : 's'}${parts.length ? `; ${parts.join('; ')}` : ''}`;
}

/** The branch over time: first and last mean, the extremes, and the steps beyond seed noise. */
export function trendAlt(trend: Trend, title: string): string {
  const points = trend.points;
  if (points.length === 0) return title;
  const first = points[0];
  const last = points[points.length - 1];
  const best = points.reduce((a, b) => (b.mean > a.mean ? b : a));
  const worst = points.reduce((a, b) => (b.mean < a.mean ? b : a));
  const moved = trend.steps.filter((step) => !step.untestable && step.verdict !== 'no clear change');
  const steps = moved.map((step) => `${step.verdict} at run ${step.to + 1} (${signed(step.difference)})`);
  return `${title}: mean validation accuracy over seeds, ${points.length} runs, ${two(first.mean)} at the first and ${two(last.mean)} at the last; ` +
    `highest ${two(best.mean)} (run ${points.indexOf(best) + 1}), lowest ${two(worst.mean)} (run ${points.indexOf(worst) + 1}); ` +
    (moved.length === 0 ? 'no step beyond seed noise' : `beyond seed noise: ${steps.join(', ')}`);
}
