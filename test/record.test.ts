import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upgradeRecord, RecordError, metricsFileContent } from '../src/record.js';

test('upgradeRecord names the file and the missing field', () => {
  assert.throws(() => upgradeRecord({ recordVersion: 1 }, 'base/run.json'), (error: unknown) => {
    assert.ok(error instanceof RecordError);
    assert.match(error.message, /base\/run\.json: field "params" is missing/);
    return true;
  });
});

test('upgradeRecord refuses a record from a newer tool', () => {
  assert.throws(() => upgradeRecord({ recordVersion: 99 }, 'x.json'), /newer than this tool understands/);
});

test('upgradeRecord rejects what is not an object', () => {
  assert.throws(() => upgradeRecord([1, 2], 'x.json'), /not a run record/);
  assert.throws(() => upgradeRecord({}, 'x.json'), /"recordVersion" is missing/);
});

test('metricsFileContent rounds to six decimals and keeps key order', () => {
  const text = metricsFileContent({
    val_loss: 1.23456789, val_acc: 0.5, precision: 0.1, recall: 0.2, f1_score: 0.3,
    weighted_precision: 0.4, weighted_recall: 0.5, weighted_f1: 1 / 3,
  });
  const parsed = JSON.parse(text);
  assert.equal(parsed.val_loss, 1.234568);
  assert.equal(parsed.weighted_f1, 0.333333);
  assert.deepEqual(Object.keys(parsed).slice(0, 5), ['val_loss', 'val_acc', 'precision', 'recall', 'f1_score']);
});

test('upgradeRecord refuses a version that is not a positive whole number', () => {
  assert.throws(() => upgradeRecord({ recordVersion: 0 }, 'x.json'), /"recordVersion" is missing or not a version number/);
  assert.throws(() => upgradeRecord({ recordVersion: 1.5 }, 'x.json'), /not a version number/);
});
