// The metrics a run records (metrics.json, run.json), one row each: which way
// is better, the names people read, the digits reports print, and whether the
// sweep's table has a column for it. evaluate computes exactly these keys;
// compare, thresholds, the record schema and the reports read everything else
// about a metric from here, so that a metric's direction cannot differ between
// the verdict and a threshold. Pure and import-free: anything may import it.

export type Direction = 'higher' | 'lower';

export interface MetricDefinition<Key extends string = string> {
  key: Key;
  /** Which way is an improvement. */
  better: Direction;
  /** The name in prose ("validation accuracy"). */
  label: string;
  /** The name in a narrow table's heading: the key where it is clear, else what the key leaves out ("macro F1"). */
  heading: string;
  /** Decimals a report prints. */
  digits: number;
  /** Position among the sweep table's columns (1 first); absent: no column. */
  sweepColumn?: number;
  /** What a value can be: a share from 0 to 1, or a loss (0 or more); the record schema refuses anything else. */
  range: 'share' | 'nonNegative';
}

/** In the order of metrics.json and of the report's metrics table. */
export const METRICS = [
  { key: 'val_loss', range: 'nonNegative', better: 'lower', label: 'validation loss', heading: 'val_loss', digits: 4, sweepColumn: 2 },
  { key: 'val_acc', range: 'share', better: 'higher', label: 'validation accuracy', heading: 'val_acc', digits: 4, sweepColumn: 1 },
  // Macro averages over classes; a class never predicted counts as 0.
  { key: 'precision', range: 'share', better: 'higher', label: 'macro precision', heading: 'macro precision', digits: 4 },
  { key: 'recall', range: 'share', better: 'higher', label: 'macro recall', heading: 'macro recall', digits: 4 },
  { key: 'f1_score', range: 'share', better: 'higher', label: 'macro F1', heading: 'macro F1', digits: 4, sweepColumn: 3 },
  // Averages weighted by each class's support.
  { key: 'weighted_precision', range: 'share', better: 'higher', label: 'weighted precision', heading: 'weighted precision', digits: 4 },
  { key: 'weighted_recall', range: 'share', better: 'higher', label: 'weighted recall', heading: 'weighted recall', digits: 4 },
  { key: 'weighted_f1', range: 'share', better: 'higher', label: 'weighted F1', heading: 'weighted F1', digits: 4 },
] as const satisfies readonly MetricDefinition[];

export type MetricKey = (typeof METRICS)[number]['key'];

export const METRIC_KEYS: readonly MetricKey[] = METRICS.map((metric) => metric.key);

const BY_KEY = new Map<string, MetricDefinition<MetricKey>>(METRICS.map((metric) => [metric.key, metric]));

export function isMetricKey(text: string): text is MetricKey {
  return BY_KEY.has(text);
}

export function metricDefinition(key: MetricKey): MetricDefinition<MetricKey> {
  return BY_KEY.get(key)!;
}

/** +1 where higher is better, −1 where lower is: a change times this is the improvement. `custom`: directions params give other metrics. */
export function improvementSign(key: string, custom: Readonly<Record<string, Direction>> = {}): 1 | -1 {
  const direction = directionOf(key, custom);
  if (direction === undefined) throw new Error(`metric "${key}" has no direction; it can be shown but not judged`);
  return direction === 'higher' ? 1 : -1;
}

/** The sweep table's columns, in their order. */
export const SWEEP_COLUMNS: readonly MetricDefinition<MetricKey>[] = (METRICS as readonly MetricDefinition<MetricKey>[])
  .filter((metric) => metric.sweepColumn !== undefined)
  .sort((a, b) => a.sweepColumn! - b.sweepColumn!);

/**
 * A metric's direction: this table's for its own keys, else the one params
 * give it (`report.metrics: {name: higher|lower}`, a training command's own
 * metrics); undefined when neither knows, and such a metric is shown, never judged.
 */
export function directionOf(key: string, custom: Readonly<Record<string, Direction>> = {}): Direction | undefined {
  if (isMetricKey(key)) return metricDefinition(key).better;
  return Object.hasOwn(custom, key) ? custom[key] : undefined;
}

/** The name in prose: this table's label, or the key itself for a command's own metric. */
export function metricLabel(key: string): string {
  return isMetricKey(key) ? metricDefinition(key).label : key;
}

/** Decimals a report prints: this table's, or 4 for a command's own metric. */
export function metricDigits(key: string): number {
  return isMetricKey(key) ? metricDefinition(key).digits : 4;
}
