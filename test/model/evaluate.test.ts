import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confusionMatrix, perClassMetrics, scoreLogits, summaryMetrics } from '../../src/model/evaluate.js';

const close = (actual: number, expected: number, message?: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${message ?? ''} expected ${expected}, got ${actual}`);

test('scoreLogits: softmax, argmax and mean cross-entropy by hand', () => {
  // Row 0: logits [0, ln 3] → p = [1/4, 3/4], label 1 → loss -ln(3/4).
  // Row 1: logits [2, 2] → p = [1/2, 1/2], argmax 0 (first), label 1 → loss ln 2.
  const scores = scoreLogits([0, Math.log(3), 2, 2], [1, 1], 2);
  close(scores.probabilities[0], 0.25);
  close(scores.probabilities[1], 0.75);
  close(scores.probabilities[2], 0.5);
  assert.deepEqual(Array.from(scores.predicted), [1, 0]);
  close(scores.loss, (-Math.log(0.75) + Math.log(2)) / 2);
  assert.equal(scores.accuracy, 0.5);
});

test('scoreLogits is stable for large logits', () => {
  const scores = scoreLogits([1000, 0], [0], 2);
  close(scores.probabilities[0], 1);
  assert.ok(Number.isFinite(scores.loss));
});

test('metrics by hand, with a class that is never predicted (zero division → 0)', () => {
  // true:      0 0 0 1 1 2 2 2 2
  // predicted: 0 0 1 1 0 0 0 1 1     class 2 never predicted
  const truth = [0, 0, 0, 1, 1, 2, 2, 2, 2];
  const predicted = [0, 0, 1, 1, 0, 0, 0, 1, 1];
  const matrix = confusionMatrix(truth, predicted, 3);
  assert.deepEqual(matrix, [
    [2, 1, 0],
    [1, 1, 0],
    [2, 2, 0],
  ]);
  const perClass = perClassMetrics(matrix, ['a', 'b', 'c']);
  // class a: precision 2/5, recall 2/3, f1 = 2*(2/5)(2/3)/(2/5+2/3) = 1/2
  close(perClass[0].precision, 2 / 5);
  close(perClass[0].recall, 2 / 3);
  close(perClass[0].f1, 0.5);
  // class b: precision 1/4, recall 1/2, f1 = 2*(1/8)/(3/4) = 1/3
  close(perClass[1].precision, 1 / 4);
  close(perClass[1].recall, 1 / 2);
  close(perClass[1].f1, 1 / 3);
  // class c: never predicted
  assert.deepEqual(perClass[2], { label: 'c', precision: 0, recall: 0, f1: 0, support: 4 });
  const metrics = summaryMetrics({ probabilities: new Float64Array(), predicted: Int32Array.from(predicted), loss: 1.5, accuracy: 3 / 9 }, perClass);
  close(metrics.precision, (2 / 5 + 1 / 4) / 3);
  close(metrics.recall, (2 / 3 + 1 / 2) / 3);
  close(metrics.f1_score, (1 / 2 + 1 / 3) / 3);
  close(metrics.weighted_precision, ((2 / 5) * 3 + (1 / 4) * 2) / 9);
  close(metrics.weighted_recall, 3 / 9); // weighted recall equals accuracy
  close(metrics.weighted_f1, ((1 / 2) * 3 + (1 / 3) * 2) / 9);
  assert.equal(metrics.val_loss, 1.5);
});
