// A training command's record goes through the same comparison as the
// built-in trainer's, and through the same untrusted-record schema.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/compare.js';
import { validateRecord } from '../../src/record-schema.js';
import type { RunRecord } from '../../src/record.js';
import { makeRecord } from '../report/fixtures.js';

/** The built-in record as a training command would have written it: its own params, two metrics, no split or backend. */
function asCommand(record: RunRecord, command = 'python3 train.py', extra: Record<string, number> = {}): RunRecord {
  const keep = (metrics: Record<string, number>) => ({ val_acc: metrics.val_acc, val_loss: metrics.val_loss, ...extra });
  const { split: _split, backend: _backend, ...rest } = record;
  return {
    ...rest,
    trainer: { kind: 'command', command, seeds: record.repeats.map((repeat) => ({ seed: repeat.seed, exitCode: 0, seconds: 1.5 })), outputs: { history: true, predictions: true } },
    params: { train: { seed: 77, repeats: record.repeats.length, timeout: 3600, lr: 0.001 }, report: {} },
    metrics: keep(record.metrics),
    repeats: record.repeats.map((repeat) => ({ ...repeat, metrics: keep(repeat.metrics) })),
  };
}

test('seed-only pairs and real changes get the same verdict, p-value and interval as the built-in records with the same per-seed values', () => {
  // Pairs of 6-seed records: same accuracy (seed noise only) and real changes, both directions.
  const pairs: Array<[number, number]> = [[0.6, 0.6], [0.6, 0.61], [0.55, 0.7], [0.7, 0.55], [0.8, 0.8], [0.5, 0.52]];
  let decided = 0;
  for (const [index, [baseAccuracy, headAccuracy]] of pairs.entries()) {
    const base = makeRecord({ accuracy: baseAccuracy, repeats: 6, seed: 77, repeatSpread: 0.04 });
    const head = makeRecord({ accuracy: headAccuracy, repeats: 6, seed: 77 + 100 * (index + 1), repeatSpread: 0.04 });
    // The same seed list on both sides, as train.repeats gives it.
    head.repeats.forEach((repeat, r) => (repeat.seed = base.repeats[r].seed));
    const builtin = compare(head, base);
    const command = compare(asCommand(head), asCommand(base));
    assert.equal(command.verdict, builtin.verdict, `pair ${index}`);
    assert.deepEqual(
      { metric: command.seeds?.metric, p: command.seeds?.pValue, interval: command.seeds?.interval, decision: command.seeds?.decision },
      { metric: builtin.seeds?.metric, p: builtin.seeds?.pValue, interval: builtin.seeds?.interval, decision: builtin.seeds?.decision },
    );
    if (builtin.verdict !== 'no clear change') decided++;
  }
  assert.ok(decided >= 2, 'the pairs include real changes the test decides');
});

test('the headline metric and the directions come from params; an unknown metric is shown, never judged', () => {
  const base = asCommand(makeRecord({ accuracy: 0.6, repeats: 6 }), 'python3 train.py', { auc: 0.7, mystery: 1 });
  const head = asCommand(makeRecord({ accuracy: 0.6, repeats: 6, seed: 500 }), 'python3 train.py', { auc: 0.7, mystery: 2 });
  head.repeats.forEach((repeat, r) => {
    repeat.seed = base.repeats[r].seed;
    repeat.metrics.auc = 0.9 + r * 0.001;
  });
  head.metrics.auc = head.repeats[0].metrics.auc;
  for (const record of [base, head]) record.params.report = { metrics: { auc: 'higher' }, headline: 'auc' };
  const comparison = compare(head, base);
  assert.equal(comparison.seeds?.metric, 'auc');
  assert.equal(comparison.verdict, 'better');
  const mystery = comparison.metrics.find((row) => row.metric === 'mystery')!;
  assert.deepEqual([mystery.direction, mystery.assessment, mystery.delta], [undefined, 'n/a', 1]);
  // A headline without a direction decides nothing, and says why.
  for (const record of [base, head]) record.params.report = { headline: 'mystery' };
  const undirected = compare(head, base);
  assert.equal(undirected.verdict, 'no clear change');
  assert.match(undirected.reasons[0], /^The headline metric "mystery" has no direction/);
});

test('the untrusted-record schema takes a command record, and refuses a crafted one with the field named', () => {
  const record = JSON.parse(JSON.stringify(asCommand(makeRecord({ repeats: 2 }))));
  record.dataset.contentHash = 'a'.repeat(64);
  for (const hash of Object.keys(record.dataset.files)) record.dataset.files[hash] = 'b'.repeat(64);
  assert.equal(validateRecord(record, 'run.json').trainer?.command, 'python3 train.py');
  const refuse = (change: (copy: Record<string, any>) => void, message: RegExp) => {
    const copy = JSON.parse(JSON.stringify(record));
    change(copy);
    assert.throws(() => validateRecord(copy, 'run.json'), message);
  };
  refuse((copy) => (copy.metrics['<img src=x onerror=alert(1)>'] = 1), /field "metrics" must be keyed by metric names/);
  refuse((copy) => (copy.trainer.kind = 'python'), /field "trainer\.kind" must be "command"/);
  refuse((copy) => (copy.trainer.seeds[0].exitCode = 'zero'), /field "trainer\.seeds\[0\]\.exitCode" must be a whole number/);
  refuse((copy) => (copy.params.train.repeats = 1000), /"train\.repeats" must be a whole number from 1 to 100/);
  // A built-in record must still carry its split, backend and every metric of the table.
  const builtin = JSON.parse(JSON.stringify(makeRecord()));
  builtin.dataset.contentHash = 'a'.repeat(64);
  for (const hash of Object.keys(builtin.dataset.files)) builtin.dataset.files[hash] = 'b'.repeat(64);
  delete builtin.split;
  assert.throws(() => validateRecord(builtin, 'run.json'), /field "split" must be present/);
});
