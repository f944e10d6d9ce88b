import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, metricValues } from '../src/compare/compare.js';
import { METRIC_KEYS, METRICS, SWEEP_COLUMNS, improvementSign, isMetricKey, metricDefinition, type MetricKey } from '../src/metrics.js';
import { confusionMatrix, perClassMetrics, scoreLogits, summaryMetrics } from '../src/model/evaluate.js';
import { validateRecord } from '../src/record-schema.js';
import { metricsFileContent, RecordError } from '../src/record.js';
import { makeRecord } from './report/fixtures.js';

/** Metrics of a small real evaluation: three classes, one never predicted. */
function evaluated() {
  const labels = [0, 0, 1, 1, 2, 2];
  const logits = [3, 0, 0, 0, 3, 0, 0, 3, 0, 3, 0, 0, 0, 3, 0, 0, 3, 0];
  const scores = scoreLogits(logits, labels, 3);
  const matrix = confusionMatrix(labels, scores.predicted, 3);
  return summaryMetrics(scores, perClassMetrics(matrix, ['a', 'b', 'c']));
}

test('the table has one entry per key, each with a direction, names and digits', () => {
  assert.equal(new Set(METRIC_KEYS).size, METRICS.length);
  for (const metric of METRICS) {
    assert.ok(metric.better === 'higher' || metric.better === 'lower', metric.key);
    assert.ok(metric.label.length > 0 && metric.heading.length > 0, metric.key);
    assert.ok(Number.isInteger(metric.digits) && metric.digits >= 0 && metric.digits <= 10, metric.key);
    assert.equal(metricDefinition(metric.key), metric);
    assert.equal(improvementSign(metric.key), metric.better === 'higher' ? 1 : -1);
    assert.equal(isMetricKey(metric.key), true);
  }
  assert.equal(isMetricKey('val_accuracy'), false);
  assert.equal(isMetricKey('toString'), false);
});

test('the sweep columns are the table entries that have a position, in that order', () => {
  const positions = SWEEP_COLUMNS.map((column) => column.sweepColumn);
  assert.deepEqual(positions, positions.map((_, i) => i + 1));
  assert.equal(SWEEP_COLUMNS.length, METRICS.filter((metric) => 'sweepColumn' in metric).length);
});

test('evaluate computes exactly the table\'s keys, in its order, and metrics.json keeps them', () => {
  const metrics = evaluated();
  assert.deepEqual(Object.keys(metrics), METRIC_KEYS);
  assert.ok(Object.values(metrics).every(Number.isFinite));
  assert.deepEqual(Object.keys(JSON.parse(metricsFileContent(metrics))), METRIC_KEYS);
});

test('compare has one row per table key, with the table\'s direction, and judges each the table\'s way', () => {
  const base = makeRecord({ accuracy: 0.4, repeats: 5 });
  const head = makeRecord({ accuracy: 0.8, repeats: 5 });
  const rows = compare(head, base).metrics;
  assert.deepEqual(rows.map((row) => [row.metric, row.direction]), METRICS.map((metric) => [metric.key, metric.better]));
  for (const row of rows) {
    // A better row moved the table's good way, a worse row the other way.
    if (row.assessment === 'better') assert.ok(Math.sign(row.delta!) === improvementSign(row.metric), row.metric);
    if (row.assessment === 'worse') assert.ok(Math.sign(row.delta!) === -improvementSign(row.metric), row.metric);
  }
  assert.ok(rows.some((row) => row.assessment === 'better' && metricDefinition(row.metric as MetricKey).better === 'lower'), 'a lower-is-better row was judged');
  assert.deepEqual(Object.keys(metricValues(head)), METRIC_KEYS);
});

test('the record schema asks for every table key and no other', () => {
  const record = JSON.parse(JSON.stringify(makeRecord({ sha: 'c'.repeat(40) })));
  const hash = 'ab'.repeat(32);
  record.dataset.contentHash = hash;
  record.dataset.files = Object.fromEntries(Object.keys(record.dataset.files).map((path) => [path, hash]));
  validateRecord(record, 'run.json');
  for (const key of METRIC_KEYS) {
    const { [key]: _left, ...rest } = record.metrics;
    assert.throws(() => validateRecord({ ...record, metrics: rest }, 'run.json'), (error: unknown) => error instanceof RecordError && error.message.includes(`metrics.${key}`));
  }
  assert.throws(() => validateRecord({ ...record, metrics: { ...record.metrics, val_accuracy: 0.5 } }, 'run.json'), RecordError);
});
