import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, confusionRates, flattenParams, normaliseRows } from '../../src/compare/compare.js';
import { mcnemarExact } from '../../src/compare/stats.js';
import type { RunRecord } from '../../src/record.js';
import { DEFAULT_PARAMS, makeRecord, PLANETS } from '../report/fixtures.js';

const TUNED = { ...DEFAULT_PARAMS, train: { ...DEFAULT_PARAMS.train, conv_size: 64, lr: 0.001 } };

test('without a base the verdict is "no baseline" and nothing is compared', () => {
  const result = compare(makeRecord());
  assert.equal(result.verdict, 'no baseline');
  assert.equal(result.significance, undefined);
  assert.ok(result.metrics.every((row) => row.assessment === 'n/a' && row.base === undefined));
  assert.ok(result.params.every((row) => !row.changed));
});

test('paired comparison counts discordant pairs from the predictions themselves', () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1 });
  const head = makeRecord({ accuracy: 0.8, seed: 2, params: TUNED });
  const baseRight = new Map(base.predictions.map((p) => [p.path, p.trueLabel === p.predictedLabel]));
  let b = 0;
  let c = 0;
  for (const p of head.predictions) {
    const headRight = p.trueLabel === p.predictedLabel;
    if (baseRight.get(p.path) && !headRight) b += 1;
    if (!baseRight.get(p.path) && headRight) c += 1;
  }
  const result = compare(head, base);
  assert.equal(result.significance?.kind, 'paired');
  if (result.significance?.kind !== 'paired') return;
  assert.equal(result.significance.b, b);
  assert.equal(result.significance.c, c);
  assert.equal(result.significance.shared, 300);
  assert.equal(result.significance.pValue, mcnemarExact(b, c));
  assert.equal(result.verdict, 'better');
  assert.equal(result.flips!.rightToWrong.length, b);
  assert.equal(result.flips!.wrongToRight.length, c);
  assert.equal(compare(base, head).verdict, 'worse');
});

test('metric marks are direction-aware', () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1 });
  const head = makeRecord({ accuracy: 0.8, seed: 2 });
  const rows = new Map(compare(head, base).metrics.map((row) => [row.metric, row]));
  assert.ok(head.metrics.val_loss < base.metrics.val_loss);
  assert.equal(rows.get('val_loss')!.assessment, 'better');
  assert.equal(rows.get('val_acc')!.assessment, 'better');
  assert.ok(Math.abs(rows.get('val_acc')!.delta! - (head.metrics.val_acc - base.metrics.val_acc)) < 1e-12);
  const reversed = new Map(compare(base, head).metrics.map((row) => [row.metric, row]));
  assert.equal(reversed.get('val_loss')!.assessment, 'worse');
  assert.equal(compare(head, head).metrics.every((row) => row.assessment === 'unchanged'), true);
  assert.equal(compare(head, head).verdict, 'no significant change');
});

test('without shared validation images the comparison is unpaired', () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1, filePrefix: 'old_' });
  const head = makeRecord({ accuracy: 0.8, seed: 2 });
  const result = compare(head, base);
  assert.equal(result.significance?.kind, 'unpaired');
  if (result.significance?.kind !== 'unpaired') return;
  assert.equal(result.significance.headCorrect, head.predictions.filter((p) => p.trueLabel === p.predictedLabel).length);
  assert.equal(result.significance.baseTotal, 300);
  assert.ok(result.significance.pValue < 0.001);
  assert.equal(result.flips, undefined);
  assert.equal(result.dataset.added!.length, result.dataset.removed!.length);
  assert.ok(result.dataset.added!.length > 0);
});

test('a change within the seed-to-seed spread is not called better', () => {
  // Two repeats per side far apart; the means differ by less than the spread.
  const withRepeats = (record: RunRecord, values: number[]): RunRecord => ({
    ...record,
    repeats: values.map((val_acc, i) => ({ ...record.repeats[0], seed: i, metrics: { ...record.metrics, val_acc } })),
  });
  const base = withRepeats(makeRecord({ accuracy: 0.4, seed: 1 }), [0.5, 0.7]);
  const head = withRepeats(makeRecord({ accuracy: 0.8, seed: 2 }), [0.55, 0.75]);
  const result = compare(head, base);
  assert.equal(result.significance?.kind === 'paired' && result.significance.pValue < 0.05, true);
  assert.ok(Math.abs(result.seeds!.difference! - 0.05) < 1e-12);
  assert.ok(Math.abs(result.seeds!.noise! - Math.sqrt(0.02)) < 1e-12);
  assert.equal(result.seeds!.exceedsNoise, false);
  assert.equal(result.verdict, 'no significant change');
  assert.ok(result.reasons.some((reason) => /within the seed-to-seed spread/.test(reason)));

  const clear = compare(withRepeats(head, [0.85, 0.86]), withRepeats(base, [0.4, 0.41]));
  assert.equal(clear.verdict, 'better');
});

test('params are flattened and changed rows come first', () => {
  assert.deepEqual(flattenParams({ train: { lr: 0.001, sizes: [1, 2] }, prepare: { grayscale: true, name: 'x' } }), {
    'train.lr': '0.001', 'train.sizes': '[1,2]', 'prepare.grayscale': 'true', 'prepare.name': 'x',
  });
  const rows = compare(makeRecord({ params: TUNED }), makeRecord()).params;
  assert.deepEqual(rows.slice(0, 2).map((r) => [r.key, r.base, r.head, r.changed]), [
    ['train.conv_size', '32', '64', true],
    ['train.lr', '0.0001', '0.001', true],
  ]);
  assert.ok(rows.slice(2).every((row) => !row.changed));
});

test('renamed, added and removed classes are named and the shared ones still compared', () => {
  const baseClasses = PLANETS;
  const headClasses = [...PLANETS.filter((c) => c !== 'Pluto' && c !== 'Venus'), 'Ceres', 'Pluto (dwarf)'].sort();
  const base = makeRecord({ classes: baseClasses });
  const head = makeRecord({ classes: headClasses, seed: 3 });
  // Pluto's images moved to "Pluto (dwarf)": same contents under another folder.
  for (const [path, hash] of Object.entries(base.dataset.files)) {
    if (path.startsWith('Pluto/')) head.dataset.files[path.replace('Pluto/', 'Pluto (dwarf)/')] = hash;
  }
  const result = compare(head, base);
  assert.deepEqual(result.classes.onlyInHead, ['Ceres', 'Pluto (dwarf)']);
  assert.deepEqual(result.classes.onlyInBase, ['Pluto', 'Venus']);
  assert.deepEqual(result.classes.renamed, [{ from: 'Pluto', to: 'Pluto (dwarf)' }]);
  assert.equal(result.classes.shared.length, 9);
  const note = result.notes.find((n) => n.startsWith('The classes differ'));
  assert.equal(note, 'The classes differ (renamed: Pluto → Pluto (dwarf); added: Ceres; removed: Venus); per-class and confusion-matrix comparisons use the 9 classes both runs have.');
  assert.ok(result.perClass.find((row) => row.label === 'Earth')!.f1Delta !== undefined);
  assert.equal(result.perClass.find((row) => row.label === 'Ceres')!.base, undefined);
  assert.ok(result.perClass.some((row) => row.label === 'Venus' && row.head === undefined));
});

test('an older, partly empty base record is compared as far as it goes', () => {
  const base = makeRecord({ accuracy: 0.4 }) as unknown as Record<string, unknown>;
  base.recordVersion = 0;
  base.perClass = [];
  base.repeats = [];
  base.confusionMatrix = [[1, 2]];
  delete (base.dataset as Record<string, unknown>).files;
  const result = compare(makeRecord({ accuracy: 0.8, seed: 5 }), base as unknown as RunRecord);
  assert.ok(result.notes.some((n) => /older version of the tool \(record version 0, now 1\)/.test(n)));
  assert.ok(result.notes.some((n) => /no per-class metrics/.test(n)));
  assert.ok(result.notes.some((n) => /confusion matrix is missing or does not match/.test(n)));
  assert.equal(result.dataset.added, undefined);
  assert.equal(result.significance?.kind, 'paired');
  assert.equal(result.verdict, 'better');
});

test('confusion rows are normalised per true class', () => {
  assert.deepEqual(normaliseRows([[3, 1], [0, 0]]), [[0.75, 0.25], [0, 0]]);
  const record = makeRecord();
  const rates = confusionRates(record)!;
  const earth = [...rates.get('Earth')!.values()];
  assert.ok(Math.abs(earth.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.equal(confusionRates({ ...record, confusionMatrix: [[1]] }), undefined);
});
