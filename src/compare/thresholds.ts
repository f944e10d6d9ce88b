// Regression thresholds ("val_acc: -0.02, val_loss: +5%"): parsing and
// checking. The sign says which way is bad, and it must be the way the metric
// gets worse (src/metrics.ts): "val_acc: -0.02" fails when accuracy drops by
// more than 0.02, "val_loss: +5%" when the loss rises by more than 5 % of the
// base. The other sign would fail on an improvement, so it is refused.
// With repeated runs a threshold is judged on the change of the mean over
// seeds, and the message says how sure that is (the interval of that change,
// from the seed-to-seed variance of both sides). Pure.

import { improvementSign, isMetricKey, METRIC_KEYS, metricDefinition, type MetricKey } from '../metrics.js';
import type { Metrics } from '../record.js';
import { RECOMMENDED_REPEATS } from './compare.js';
import { pooledInterval, type TwoSampleInterval } from './stats.js';

/** A metric's value per run: one number for a single run, or one per seed. */
export type MetricValues = Partial<Record<keyof Metrics, number | readonly number[]>>;

/** Level of the interval the message quotes. */
export const THRESHOLD_CONFIDENCE = 0.95;

export interface Threshold {
  metric: MetricKey;
  kind: 'absolute' | 'relative';
  /** Signed the way the metric gets worse (− where higher is better); relative limits as a fraction (5% → 0.05). */
  limit: number;
  /** As written, normalised ("val_loss: +5%"). */
  text: string;
}

export type Thresholds = Threshold[];

export interface Regression {
  metric: MetricKey;
  threshold: string;
  base: number;
  head: number;
  /** head − base (of the means over seeds), or (head − base) / |base| for a relative threshold. */
  change: number;
  kind: 'absolute' | 'relative';
  /** Runs behind `head` and `base` (1 each without repeats). */
  headRuns: number;
  baseRuns: number;
  /** THRESHOLD_CONFIDENCE interval of `change` (in its unit); absent with one run per side. */
  interval?: { low: number; high: number };
  /** The whole interval lies beyond the limit. */
  sure: boolean;
  message: string;
}

export interface ThresholdCheck {
  threshold: Threshold;
  crossed: boolean;
  /** Why it could not be checked (no base, base of 0 for a relative limit, missing metric). */
  skipped?: string;
  regression?: Regression;
}

export class ThresholdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThresholdError';
  }
}

const FORM = 'write it as "<metric>: -0.02" for a metric where higher is better (fail when it drops by more than 0.02) or "val_loss: +5%" (fail when it rises by more than 5 %)';

/** The sign that points the way `metric` gets worse, and the word for that. */
function worse(metric: MetricKey): { sign: '-' | '+'; moves: string } {
  return improvementSign(metric) > 0 ? { sign: '-', moves: 'drops' } : { sign: '+', moves: 'rises' };
}

function formFor(metric: MetricKey): string {
  const { sign, moves } = worse(metric);
  return `write it as "${metric}: ${sign}0.02" (fail when it ${moves} by more than 0.02) or "${metric}: ${sign}5%" (fail when it ${moves} by more than 5 % of the base)`;
}
const OFF = new Set(['', 'off', 'none', 'false']);

/** Accepts comma- or newline-separated entries, YAML list dashes, {braces} and # comments. */
export function parseThresholds(text: string): Thresholds {
  const trimmed = text.trim();
  if (OFF.has(trimmed.toLowerCase())) return [];
  const body = trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1) : trimmed;
  const entries = body
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim().replace(/^-\s+/, '').trim())
    .filter((entry) => entry !== '');
  const seen = new Set<string>();
  return entries.map((entry) => {
    const threshold = parseEntry(entry);
    if (seen.has(threshold.metric)) throw new ThresholdError(`threshold for ${threshold.metric} is given twice; keep one`);
    seen.add(threshold.metric);
    return threshold;
  });
}

function parseEntry(entry: string): Threshold {
  const colon = entry.indexOf(':');
  if (colon < 0) throw new ThresholdError(`threshold "${entry}" has no ":"; ${FORM}`);
  const metric = entry.slice(0, colon).trim().replace(/^["']|["']$/g, '');
  const value = entry.slice(colon + 1).trim().replace(/^["']|["']$/g, '');
  if (!isMetricKey(metric)) {
    throw new ThresholdError(`threshold for unknown metric "${metric}"; use one of ${METRIC_KEYS.join(', ')}`);
  }
  const match = /^([+-])\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)$/.exec(value);
  if (!match) {
    const hint = /^\d/.test(value) ? ' (the sign is required: it says which way is bad)' : '';
    throw new ThresholdError(`threshold for ${metric}: "${value}" is not a signed number${hint}; ${formFor(metric)}`);
  }
  const magnitude = Number(match[2]);
  if (magnitude === 0) throw new ThresholdError(`threshold for ${metric}: a limit of 0 fails on any change; ${formFor(metric)}`);
  const relative = match[3] === '%';
  const bad = worse(metric);
  if (match[1] !== bad.sign) {
    const { better, label } = metricDefinition(metric);
    throw new ThresholdError(
      `threshold for ${metric}: "${value}" would fail when ${metric} improves (${better} ${label} is better); ` +
        `write "${metric}: ${bad.sign}${match[2]}${match[3]}" to fail when it ${bad.moves} by more than ${match[2]}${relative ? ' %' : ''}`,
    );
  }
  const sign = match[1] === '-' ? -1 : 1;
  return {
    metric,
    kind: relative ? 'relative' : 'absolute',
    limit: sign * (relative ? magnitude / 100 : magnitude),
    text: `${metric}: ${match[1]}${match[2]}${relative ? '%' : ''}`,
  };
}

function valuesOf(values: MetricValues | undefined, metric: keyof Metrics): number[] | undefined {
  const raw = values?.[metric];
  const list = typeof raw === 'number' ? [raw] : Array.isArray(raw) ? [...raw] : [];
  return list.length > 0 && list.every((value) => typeof value === 'number' && Number.isFinite(value)) ? list : undefined;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export function checkThresholds(thresholds: Thresholds, head: MetricValues, base?: MetricValues): ThresholdCheck[] {
  return thresholds.map((threshold) => {
    const headValues = valuesOf(head, threshold.metric);
    const baseValues = valuesOf(base, threshold.metric);
    if (base === undefined) return { threshold, crossed: false, skipped: 'no base run to compare with' };
    if (!headValues || !baseValues) return { threshold, crossed: false, skipped: `${threshold.metric} is missing from one of the records` };
    const headValue = mean(headValues);
    const baseValue = mean(baseValues);
    let change = headValue - baseValue;
    let scale = 1;
    if (threshold.kind === 'relative') {
      if (baseValue === 0) return { threshold, crossed: false, skipped: `base ${threshold.metric} is 0, so a relative change is undefined` };
      scale = 1 / Math.abs(baseValue);
      change *= scale;
    }
    // How far a change went the bad way: the table's direction decides it, not the limit's sign, so a
    // Threshold built by hand with the wrong sign still fails on a regression and never on an improvement.
    const worsening = -improvementSign(threshold.metric);
    const beyond = (value: number) => worsening * value > Math.abs(threshold.limit);
    const crossed = beyond(change);
    if (!crossed) return { threshold, crossed };
    const repeated = headValues.length > 1 && baseValues.length > 1;
    const found: TwoSampleInterval | undefined = repeated ? pooledInterval(baseValues, headValues, THRESHOLD_CONFIDENCE) : undefined;
    const interval = found ? { low: found.low * scale, high: found.high * scale } : undefined;
    const sure = interval !== undefined && beyond(interval.low) && beyond(interval.high);
    const digits = metricDefinition(threshold.metric).digits;
    const show = (value: number) => (threshold.kind === 'relative' ? `${signed(value * 100, 1)}%` : signed(value, digits));
    const limit = threshold.text.split(': ')[1];
    const what = repeated ? `mean ${threshold.metric} over ${describeRuns(headValues.length, baseValues.length)}` : threshold.metric;
    let certainty: string;
    if (!interval) {
      certainty = `from one run per side, which cannot tell a change from seed noise (set train.repeats to ${RECOMMENDED_REPEATS} or more)`;
    } else if (sure) {
      certainty = `the ${THRESHOLD_CONFIDENCE * 100} % interval of the change, ${show(interval.low)} to ${show(interval.high)}, lies wholly beyond the limit, so seed noise is unlikely to explain it`;
    } else {
      certainty = `but the ${THRESHOLD_CONFIDENCE * 100} % interval of the change, ${show(interval.low)} to ${show(interval.high)}, reaches back within the limit, so seed noise could explain it`;
    }
    return {
      threshold,
      crossed,
      regression: {
        metric: threshold.metric,
        threshold: threshold.text,
        base: baseValue,
        head: headValue,
        change,
        kind: threshold.kind,
        headRuns: headValues.length,
        baseRuns: baseValues.length,
        interval,
        sure,
        message: `${what} changed by ${show(change)} (${baseValue.toFixed(digits)} → ${headValue.toFixed(digits)}), beyond the limit ${limit}; ${certainty}`,
      },
    };
  });
}

function describeRuns(head: number, base: number): string {
  return head === base ? `${head} seeds per side` : `${base} base and ${head} PR seeds`;
}

function signed(value: number, digits: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}
