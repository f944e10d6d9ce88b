// A branch over time: recorded runs in commit order → one point per run
// (the mean of its seeds and their spread) and one step per pair of
// neighbours, judged by the same verdict as a pull request (compare.ts), so
// that a step is called better or worse only beyond seed noise. Nothing is
// trained: every number comes from the records. Pure.
//
// Bad input never becomes a wrong point: a run whose record could not be
// read, or that holds no validation accuracy, is left out with one line in
// `notes`; a run of one seed is a point without spread whose steps are not
// judged, said in one line too.

import type { RunRecord } from '../record.js';
import { compare, metricSamples, type Verdict } from './compare.js';
import { spread } from './stats.js';

/** The metric the trend follows: the verdict's own (compare.ts's seed test is on val_acc). */
export const TREND_METRIC = 'val_acc' as const;

/** How many recorded runs a trend shows by default. */
export const DEFAULT_TREND_RUNS = 20;

/** A push to the branch, a pull request's own run (the last point of a PR's trend), or a local run folder. */
export type TrendKind = 'push' | 'pull' | 'local';

export interface TrendEntry {
  /** What the point is called: a commit's short SHA, "PR #12", or a run folder's name. */
  label: string;
  kind: TrendKind;
  sha?: string;
  /** The commit's subject (untrusted text: escaped wherever it is shown). */
  subject?: string;
  pullRequest?: number;
  record?: RunRecord;
  /** Why there is no usable record (unreadable, newer version, …): the entry is left out with this reason. */
  problem?: string;
}

export interface TrendPoint {
  label: string;
  kind: TrendKind;
  sha?: string;
  subject?: string;
  pullRequest?: number;
  seeds: number[];
  values: number[];
  mean: number;
  /** Seed-to-seed sd; undefined for a run of one seed. */
  sd?: number;
  min: number;
  max: number;
}

export interface TrendStep {
  /** Indexes into `points`. */
  from: number;
  to: number;
  /** compare()'s verdict of `to` against `from`. */
  verdict: Exclude<Verdict, 'no baseline'>;
  /** Mean of `to` − mean of `from`. */
  difference: number;
  pValue?: number;
  /** Why the step could not be judged (one seed on a side, too few seeds). */
  untestable?: string;
  identical: boolean;
}

export interface Trend {
  metric: typeof TREND_METRIC;
  points: TrendPoint[];
  steps: TrendStep[];
  /** One line per problem with the input (left-out runs, gaps, runs without seeds), in order. */
  notes: string[];
}

/** The trend as stored beside a run (trend.json): points and steps, no records. */
export type TrendData = Trend & { version: 1 };

function describe(entry: TrendEntry): string {
  return entry.kind === 'pull' || !entry.sha ? entry.label : entry.sha.slice(0, 7);
}

/**
 * Points and judged steps from entries in commit order (oldest first). The
 * last `limit` usable runs are kept. `notes` are lines the caller already
 * has (gaps in the history); the trend adds its own after them.
 */
export function buildTrend(entries: TrendEntry[], options: { limit?: number; notes?: string[] } = {}): Trend {
  const notes = [...(options.notes ?? [])];
  const usable: Array<{ entry: TrendEntry; record: RunRecord; point: TrendPoint }> = [];
  for (const entry of entries) {
    if (!entry.record) {
      notes.push(`${describe(entry)}: ${entry.problem ?? 'no run record'}; left out of the trend.`);
      continue;
    }
    const samples = metricSamples(entry.record, TREND_METRIC);
    if (!samples || samples.values.length === 0) {
      notes.push(`${describe(entry)}: its run record holds no ${TREND_METRIC}; left out of the trend.`);
      continue;
    }
    const stats = spread(samples.values);
    usable.push({
      entry,
      record: entry.record,
      point: {
        label: entry.label,
        kind: entry.kind,
        ...(entry.sha ? { sha: entry.sha } : {}),
        ...(entry.subject !== undefined ? { subject: entry.subject } : {}),
        ...(entry.pullRequest !== undefined ? { pullRequest: entry.pullRequest } : {}),
        seeds: samples.seeds,
        values: samples.values,
        mean: stats.mean,
        ...(samples.values.length > 1 ? { sd: stats.sd } : {}),
        min: Math.min(...samples.values),
        max: Math.max(...samples.values),
      },
    });
  }
  const kept = usable.slice(Math.max(0, usable.length - (options.limit ?? Infinity)));
  for (const { entry, point } of kept) {
    if (point.values.length === 1 && entry.record?.stopping) {
      notes.push(`${describe(entry)}: one seed (a pull request's seeds in stages, stopped after the first because its verdict was decided), so its point has no spread.`);
    } else if (point.values.length === 1) {
      notes.push(`${describe(entry)}: one seed only (train.repeats: 1, or a record from before repeats), so its point has no spread and the steps to and from it are not judged.`);
    }
  }
  const steps: TrendStep[] = [];
  for (let index = 1; index < kept.length; index += 1) {
    // The one verdict: the same comparison a pull request gets, the earlier run as its base.
    const comparison = compare(kept[index].record, kept[index - 1].record);
    const seeds = comparison.seeds;
    steps.push({
      from: index - 1,
      to: index,
      verdict: comparison.verdict === 'no baseline' ? 'no clear change' : comparison.verdict,
      difference: kept[index].point.mean - kept[index - 1].point.mean,
      ...(seeds?.pValue !== undefined ? { pValue: seeds.pValue } : {}),
      ...(seeds?.untestable ? { untestable: seeds.untestable } : {}),
      identical: seeds?.identical === true,
    });
  }
  return { metric: TREND_METRIC, points: kept.map((item) => item.point), steps, notes };
}

/** The step into the last point, when there is one. */
export function lastStep(trend: Trend): TrendStep | undefined {
  const step = trend.steps[trend.steps.length - 1];
  return step && step.to === trend.points.length - 1 ? step : undefined;
}

/** What trend.json holds. */
export function trendData(trend: Trend): TrendData {
  return { version: 1, ...trend };
}
