// The metrics a run records (metrics.json, run.json), one row each: which way
// is better, the names people read, the digits reports print, and whether the
// sweep's table has a column for it. evaluate computes exactly these keys;
// compare, thresholds, the record schema and the reports read everything else
// about a metric from here, so that a metric's direction cannot differ between
// the verdict and a threshold. Pure and import-free: anything may import it.
/** In the order of metrics.json and of the report's metrics table. */
export const METRICS = [
    { key: 'val_loss', better: 'lower', label: 'validation loss', heading: 'val_loss', digits: 4, sweepColumn: 2 },
    { key: 'val_acc', better: 'higher', label: 'validation accuracy', heading: 'val_acc', digits: 4, sweepColumn: 1 },
    // Macro averages over classes; a class never predicted counts as 0.
    { key: 'precision', better: 'higher', label: 'macro precision', heading: 'macro precision', digits: 4 },
    { key: 'recall', better: 'higher', label: 'macro recall', heading: 'macro recall', digits: 4 },
    { key: 'f1_score', better: 'higher', label: 'macro F1', heading: 'macro F1', digits: 4, sweepColumn: 3 },
    // Averages weighted by each class's support.
    { key: 'weighted_precision', better: 'higher', label: 'weighted precision', heading: 'weighted precision', digits: 4 },
    { key: 'weighted_recall', better: 'higher', label: 'weighted recall', heading: 'weighted recall', digits: 4 },
    { key: 'weighted_f1', better: 'higher', label: 'weighted F1', heading: 'weighted F1', digits: 4 },
];
export const METRIC_KEYS = METRICS.map((metric) => metric.key);
const BY_KEY = new Map(METRICS.map((metric) => [metric.key, metric]));
export function isMetricKey(text) {
    return BY_KEY.has(text);
}
export function metricDefinition(key) {
    return BY_KEY.get(key);
}
/** +1 where higher is better, −1 where lower is: a change times this is the improvement. */
export function improvementSign(key) {
    return metricDefinition(key).better === 'higher' ? 1 : -1;
}
/** The sweep table's columns, in their order. */
export const SWEEP_COLUMNS = METRICS
    .filter((metric) => metric.sweepColumn !== undefined)
    .sort((a, b) => a.sweepColumn - b.sweepColumn);
