// Chart specs: the vega-lite templates in templates/*.vl.json with their
// placeholders ("<DATA>", "<TITLE>", ...) replaced as whole values in the
// parsed structure, never by text substitution, so that data cannot break
// the spec. Base and PR are two values of one `run` column (long format),
// so one chart shows both. Pure.

import type { Comparison } from '../compare/compare.js';
import { classesOf, confusionRates } from '../compare/compare.js';
import type { Trend } from '../compare/trend.js';
import type { RunRecord } from '../record.js';
import { metricLabel } from '../metrics.js';
import { drawnEpochs } from './epochs.js';
import { confusionAlt, f1Alt, historyAlt, seedsAlt, sweepCurvesAlt, trendAlt } from './alt-text.js';
import { BAD_COLOUR, BASE_COLOUR, GOOD_COLOUR, HEAD_COLOUR, NONE_COLOUR } from './colours.js';
import confusionDiffTemplate from './templates/confusion-diff.vl.json' with { type: 'json' };
import confusionTemplate from './templates/confusion.vl.json' with { type: 'json' };
import f1Template from './templates/f1.vl.json' with { type: 'json' };
import historyTemplate from './templates/history.vl.json' with { type: 'json' };
import seedsTemplate from './templates/seeds.vl.json' with { type: 'json' };
import sweepCurvesTemplate from './templates/sweep-curves.vl.json' with { type: 'json' };
import trendTemplate from './templates/trend.vl.json' with { type: 'json' };
import { stepWord, trendPointName, trendRunName } from './trend.js';

export const HEAD_RUN = 'PR';
export const BASE_RUN = 'base';
export const RUN_COLORS: Record<string, string> = { [BASE_RUN]: BASE_COLOUR, [HEAD_RUN]: HEAD_COLOUR };

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const PLACEHOLDER = /^<[A-Z_]+>$/;

/**
 * Deep copy of `template` with every string value equal to a key of `values`
 * replaced by that value. Fails on a value the template does not use and on
 * a placeholder left unfilled, naming the template.
 */
export function fillTemplate(name: string, template: unknown, values: Record<string, unknown>): object {
  const used = new Set<string>();
  const missing = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string' && PLACEHOLDER.test(node)) {
      if (!Object.hasOwn(values, node)) {
        missing.add(node);
        return node;
      }
      used.add(node);
      return values[node];
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  const filled = fill(template);
  if (missing.size > 0) throw new TemplateError(`template ${name}: no value for ${[...missing].join(', ')}`);
  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length > 0) throw new TemplateError(`template ${name}: has no placeholder ${unused.join(', ')}`);
  return filled as object;
}

export interface ChartSpec {
  /** File stem: <name>.png and <name>.vl.json. */
  name: string;
  /** The chart's own title. */
  title: string;
  /** Alt text: what the chart shows, in numbers, for a reader who cannot see it. */
  alt: string;
  spec: object;
}

interface Runs {
  head: RunRecord;
  base?: RunRecord;
  /** The branch over time, when the report shows it. */
  trend?: { trend: Trend; title: string };
}

function runList(base: RunRecord | undefined): string[] {
  return base ? [BASE_RUN, HEAD_RUN] : [HEAD_RUN];
}

function runValues(base: RunRecord | undefined): Record<string, unknown> {
  const runs = runList(base);
  return { '<RUNS>': runs, '<RUN_COLORS>': runs.map((run) => RUN_COLORS[run]) };
}

export function historyChart({ head, base }: Runs): ChartSpec | undefined {
  const rows: object[] = [];
  for (const [run, record] of [[HEAD_RUN, head], [BASE_RUN, base]] as const) {
    if (!record || !Array.isArray(record.history)) continue;
    for (const epoch of drawnEpochs([...record.history].sort((a, b) => a.epoch - b.epoch))) {
      for (const [metric, split, value] of [
        ['loss', 'train', epoch.loss], ['loss', 'validation', epoch.val_loss],
        ['accuracy', 'train', epoch.accuracy], ['accuracy', 'validation', epoch.val_accuracy],
      ] as const) {
        if (typeof value === 'number' && Number.isFinite(value)) rows.push({ run, split, metric, epoch: epoch.epoch, value, series: `${run} ${split}` });
      }
    }
  }
  if (rows.length === 0) return undefined;
  const title = base ? 'Training history, base vs PR' : 'Training history';
  return { name: 'history', title, alt: historyAlt(head, base), spec: fillTemplate('history', historyTemplate, { '<TITLE>': title, '<DATA>': rows, ...runValues(base) }) };
}

/** Cell size and whether values fit in the cells, by number of classes. */
function matrixLayout(classCount: number): { size: number; showValues: boolean; fontSize: number } {
  const step = Math.max(6, Math.min(36, Math.floor(440 / Math.max(1, classCount))));
  return { size: step * classCount, showValues: step >= 24, fontSize: step >= 32 ? 10 : 8 };
}

export function confusionChart({ head, base }: Runs): ChartSpec | undefined {
  const headRates = confusionRates(head);
  if (!headRates) return undefined;
  const classes = classesOf(head);
  const baseRates = base ? confusionRates(base) : undefined;
  const rows: object[] = [];
  let largest = 0;
  for (const actual of classes) {
    for (const predicted of classes) {
      const rate = headRates.get(actual)!.get(predicted)!;
      const baseRate = baseRates?.get(actual)?.get(predicted);
      const delta = baseRate === undefined ? null : rate - baseRate;
      if (delta !== null) largest = Math.max(largest, Math.abs(delta));
      // More on the diagonal is better; more anywhere else is a confusion, worse.
      const effect = delta === null ? null : actual === predicted ? delta : -delta;
      rows.push({ actual, predicted, rate, delta, effect });
    }
  }
  const layout = matrixLayout(classes.length);
  const common = {
    '<DATA>': rows,
    '<CLASSES>': classes,
    '<SIZE>': layout.size,
    '<SHOW_VALUES>': layout.showValues ? 'true' : 'false',
    '<VALUE_FONT_SIZE>': layout.fontSize,
  };
  if (!baseRates) {
    const title = 'Confusion matrix (rows sum to 1)';
    return { name: 'confusion', title, alt: confusionAlt(head), spec: fillTemplate('confusion', confusionTemplate, { ...common, '<TITLE>': title }) };
  }
  // Symmetric domain so that white means "no change"; at least ±0.1 so that noise does not look loud.
  const bound = Math.max(0.1, Math.ceil(largest * 10) / 10);
  const title = 'Confusion matrix (rows sum to 1): PR, and PR − base';
  return {
    name: 'confusion',
    title,
    alt: confusionAlt(head, base),
    spec: fillTemplate('confusion-diff', confusionDiffTemplate, {
      ...common,
      '<TITLE>': title,
      '<HEAD_TITLE>': 'PR',
      '<DIFF_TITLE>': 'PR − base: green is better, magenta worse',
      '<DIFF_SUBTITLE>': 'on the diagonal (right) more is better; off it (confusions) less is better',
      '<EFFECT_DOMAIN>': [-bound, 0, bound],
      '<EFFECT_RANGE>': [BAD_COLOUR, NONE_COLOUR, GOOD_COLOUR],
      '<EFFECT_LEGEND_TITLE>': ['Change in share', 'for the PR'],
      '<DELTA_DARK_TEST>': `abs(datum.delta) > ${(bound * 0.7).toFixed(3)}`,
    }),
  };
}

export function f1Chart(comparison: Comparison, { head, base }: Runs): ChartSpec | undefined {
  const rows: object[] = [];
  for (const row of comparison.perClass) {
    if (row.head) rows.push({ label: row.label, run: HEAD_RUN, f1: row.head.f1 });
    if (base && row.base) rows.push({ label: row.label, run: BASE_RUN, f1: row.base.f1 });
  }
  if (rows.length === 0) return undefined;
  const classes = comparison.perClass.map((row) => row.label);
  const step = classes.length <= 30 ? (base ? 22 : 16) : Math.max(6, Math.floor(900 / classes.length));
  const title = base ? 'F1 per class, base vs PR' : 'F1 per class';
  void head;
  return {
    name: 'f1',
    title,
    alt: f1Alt(comparison, base !== undefined),
    spec: fillTemplate('f1', f1Template, { '<TITLE>': title, '<DATA>': rows, '<CLASSES>': classes, '<STEP>': step, ...runValues(base) }),
  };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function seedsChart(comparison: Comparison, { base }: Runs): ChartSpec | undefined {
  const seeds = comparison.seeds;
  // One run per side has no spread to draw.
  if (!seeds || (seeds.head.values.length < 2 && (seeds.base?.values.length ?? 0) < 2)) return undefined;
  const rows: object[] = [];
  for (const [run, side] of [[HEAD_RUN, seeds.head], [BASE_RUN, seeds.base]] as const) {
    if (!side) continue;
    side.values.forEach((val_acc, i) => rows.push({ run, seed: side.seeds[i], val_acc }));
  }
  const metric = capitalised(metricLabel(seeds.metric));
  const title = seeds.base ? `${metric} of every seed, base vs PR (mean ± sd)` : `${metric} of every seed (mean ± sd)`;
  return {
    name: 'seeds',
    title,
    alt: seedsAlt(comparison),
    spec: fillTemplate('seeds', seedsTemplate, { '<TITLE>': title, '<METRIC>': metric, '<DATA>': rows, ...runValues(seeds.base ? base : undefined) }),
  };
}

/** The colour of each step word (trend-words.ts): green better, magenta worse, white within noise, grey not judged. */
const STEP_COLOURS: Record<string, string> = { better: GOOD_COLOUR, worse: BAD_COLOUR, 'within noise': NONE_COLOUR, 'not judged': '#bdbdbd', first: '#bdbdbd' };

/** Every recorded run of a branch over time: its seeds, mean ± sd, the means joined, each mean coloured by the step into it. */
export function trendChart(trend: Trend, title: string): ChartSpec | undefined {
  if (trend.points.length === 0) return undefined;
  const names = trend.points.map((point, index) => trendPointName(point, index));
  const seeds: object[] = [];
  const means: object[] = [];
  const steps = new Set<string>();
  trend.points.forEach((point, index) => {
    point.values.forEach((val_acc, i) => seeds.push({ point: names[index], seed: point.seeds[i], val_acc }));
    const step = stepWord(trend.steps.find((candidate) => candidate.to === index));
    steps.add(step);
    const sd = point.sd ?? 0;
    means.push({ point: names[index], order: index, mean: point.mean, sd, low: point.mean - sd, high: point.mean + sd, run: trendRunName(point.kind), step });
  });
  const runs = [...new Set(trend.points.map((point) => trendRunName(point.kind)))];
  const stepDomain = Object.keys(STEP_COLOURS).filter((step) => steps.has(step));
  return {
    name: 'trend',
    title,
    alt: trendAlt(trend, title),
    spec: fillTemplate('trend', trendTemplate, {
      '<TITLE>': title,
      '<WIDTH>': Math.max(320, 36 * trend.points.length),
      '<POINTS>': names,
      '<X_TITLE>': trend.points.some((point) => point.kind === 'local') ? 'Run, in the order given' : 'Commit, oldest first',
      '<DATA>': seeds,
      '<MEANS>': means,
      '<RUNS>': runs,
      '<RUN_COLORS>': runs.map((run) => (run === trendRunName('pull') ? HEAD_COLOUR : BASE_COLOUR)),
      // One kind of run (every push, or every local run) needs no legend for it.
      '<RUN_LEGEND>': runs.length > 1 ? {} : null,
      '<STEPS>': stepDomain,
      '<STEP_COLORS>': stepDomain.map((step) => STEP_COLOURS[step]),
    }),
  };
}

export function chartSpecs(comparison: Comparison, runs: Runs): ChartSpec[] {
  return [historyChart(runs), confusionChart(runs), f1Chart(comparison, runs), seedsChart(comparison, runs), runs.trend && trendChart(runs.trend.trend, runs.trend.title)]
    .filter((chart): chart is ChartSpec => chart !== undefined);
}

/** One variant of a sweep for the curves chart: its name, its run and, when found, the same variant on the base. */
export interface SweepCurve {
  variant: string;
  head: RunRecord;
  base?: RunRecord;
}

/** Validation loss and accuracy per epoch of every variant on one chart (base runs dashed). */
export function sweepCurvesChart(curves: SweepCurve[]): ChartSpec | undefined {
  const rows: object[] = [];
  for (const curve of curves) {
    for (const [run, record] of [[HEAD_RUN, curve.head], [BASE_RUN, curve.base]] as const) {
      if (!record || !Array.isArray(record.history)) continue;
      for (const epoch of drawnEpochs([...record.history].sort((a, b) => a.epoch - b.epoch))) {
        for (const [metric, value] of [['loss', epoch.val_loss], ['accuracy', epoch.val_accuracy]] as const) {
          if (typeof value === 'number' && Number.isFinite(value)) rows.push({ variant: curve.variant, run, metric, epoch: epoch.epoch, value, series: `${curve.variant} ${run}` });
        }
      }
    }
  }
  if (rows.length === 0) return undefined;
  const withBase = curves.some((curve) => curve.base && Array.isArray(curve.base.history) && curve.base.history.length > 0);
  const runs = withBase ? [HEAD_RUN, BASE_RUN] : [HEAD_RUN];
  const title = withBase ? 'Validation curves of every variant (dashed: the same variant on the base)' : 'Validation curves of every variant';
  return {
    name: 'sweep-curves',
    title,
    alt: sweepCurvesAlt(curves),
    spec: fillTemplate('sweep-curves', sweepCurvesTemplate, {
      '<TITLE>': title,
      '<DATA>': rows,
      '<VARIANTS>': curves.map((curve) => curve.variant),
      '<RUNS>': runs,
      '<RUN_DASHES>': withBase ? [[1, 0], [6, 3]] : [[1, 0]],
      // With no base there is one kind of line: a legend for it says nothing.
      '<RUN_LEGEND>': withBase ? {} : null,
    }),
  };
}
