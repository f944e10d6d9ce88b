import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upgradeRecord, RecordError, metricsFileContent } from '../src/record.js';
import { BUILTIN_FIELDS, RUN_RECORD_SHAPE, STORED_MAY_LACK } from '../src/record-shape.js';
import { makeRecord } from './report/fixtures.js';

test('upgradeRecord names the file and the missing field', () => {
  const written = { recordVersion: 1, tool: { name: 'train-and-report', version: '0.1.0' }, createdAt: '2026-01-01T00:00:00.000Z' };
  assert.throws(() => upgradeRecord(written, 'base/run.json'), (error: unknown) => {
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

test("upgradeRecord's fields are the record shape's: each required one is named when missing, the optional ones may be absent, older versions' defaults are filled", () => {
  const full = JSON.parse(JSON.stringify(makeRecord({ sha: 'c'.repeat(40) })));
  assert.equal(upgradeRecord(full, 'run.json').recordVersion, 1);
  const required = Object.entries(RUN_RECORD_SHAPE).filter(([, field]) => field._zod.optin !== 'optional' && field._zod.def.type !== 'default').map(([key]) => key);
  assert.ok(required.includes('predictions') && !required.includes('modelCard'), 'the shape says which fields a record must have');
  for (const field of STORED_MAY_LACK) {
    const { [field]: _left, ...rest } = full;
    assert.equal(upgradeRecord(rest, 'run.json').metrics.val_acc, full.metrics.val_acc, `a stored record may lack ${field}`);
  }
  for (const field of [...required, ...BUILTIN_FIELDS].filter((key) => key !== 'recordVersion' && !STORED_MAY_LACK.includes(key))) {
    const { [field]: _left, ...rest } = full;
    assert.throws(() => upgradeRecord(rest, 'base/run.json'), new RegExp(`base/run\\.json: field "${field}" is missing; the record is incomplete or corrupt`), field);
  }
  // A training command's record has no split of ours.
  const { split: _split, backend: _backend, ...command } = full;
  assert.equal(upgradeRecord({ ...command, trainer: { kind: 'command' } }, 'run.json').split, undefined);
  const { repeats: _repeats, timings: _timings, versions: _versions, perClass: _perClass, modelCard: _card, ...older } = full;
  const upgraded = upgradeRecord(older, 'old/run.json');
  assert.deepEqual([upgraded.repeats, upgraded.timings, upgraded.versions, upgraded.perClass, upgraded.modelCard], [[], {}, {}, [], undefined]);
  // Fields a newer minor version added are kept, not refused: this tool wrote the file.
  assert.equal((upgradeRecord({ ...full, laterField: 1 }, 'run.json') as unknown as Record<string, unknown>).laterField, 1);
});
