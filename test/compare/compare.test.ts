import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, confusionRates, flattenParams, normaliseRows, RECOMMENDED_REPEATS, testSeeds } from '../../src/compare/compare.js';
import { DEFAULT_PARAMS as PARAMS_DEFAULTS } from '../../src/params.js';
import { mcnemarExact, spread } from '../../src/compare/stats.js';
import type { RunRecord } from '../../src/record.js';
import { DEFAULT_PARAMS, makeRecord, PLANETS } from '../report/fixtures.js';
import { BASE_MODEL_PARAM, baseCard } from '../report/model-cards.js';

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
  assert.ok(result.significance.pValue < 0.001);
  // McNemar says these two models differ; with one run per side that is no verdict.
  assert.equal(result.verdict, 'no clear change');
  assert.equal(result.flips!.rightToWrong.length, b);
  assert.equal(result.flips!.wrongToRight.length, c);
  assert.equal(compare(base, head).verdict, 'no clear change');
});

test('metric marks are direction-aware and judged over seeds', () => {
  const base = makeRecord({ accuracy: 0.4, repeats: 5 });
  const head = makeRecord({ accuracy: 0.8, repeats: 5, params: TUNED });
  const rows = new Map(compare(head, base).metrics.map((row) => [row.metric, row]));
  const mean = (record: RunRecord, metric: 'val_acc' | 'val_loss') => spread(record.repeats.map((r) => r.metrics[metric])).mean;
  assert.ok(mean(head, 'val_loss') < mean(base, 'val_loss'));
  assert.equal(rows.get('val_loss')!.assessment, 'better');
  assert.equal(rows.get('val_acc')!.assessment, 'better');
  assert.equal(rows.get('val_acc')!.headRuns, 5);
  assert.ok(Math.abs(rows.get('val_acc')!.delta! - (mean(head, 'val_acc') - mean(base, 'val_acc'))) < 1e-12);
  assert.ok(Math.abs(rows.get('val_acc')!.head! - mean(head, 'val_acc')) < 1e-12);
  const reversed = new Map(compare(base, head).metrics.map((row) => [row.metric, row]));
  assert.equal(reversed.get('val_loss')!.assessment, 'worse');
  assert.equal(compare(head, head).metrics.every((row) => row.assessment === 'unchanged'), true);
  // One run per side: a change is shown, but not called better or worse.
  const single = new Map(compare(makeRecord({ accuracy: 0.8, seed: 2 }), makeRecord({ accuracy: 0.4, seed: 1 })).metrics.map((row) => [row.metric, row]));
  assert.equal(single.get('val_acc')!.assessment, 'untested');
});

test('identical runs on the same seeds are exactly "no clear change"', () => {
  const base = makeRecord({ accuracy: 0.7, repeats: 5 });
  const head = makeRecord({ accuracy: 0.7, repeats: 5, params: TUNED });
  const result = compare(head, base);
  assert.equal(result.verdict, 'no clear change');
  assert.equal(result.seeds!.identical, true);
  assert.equal(result.seeds!.sameSeeds, true);
  assert.equal(result.seeds!.difference, 0);
  assert.equal(result.reasons[0], "The PR's runs are identical to the base's, seed for seed (5 seeds per side): nothing that reaches training changed.");
  assert.ok(result.metrics.every((row) => row.assessment === 'unchanged' && row.delta === 0));
});

test('a run that reused its base\'s results says so in the headline\'s reasons; a reuse claim against another base does not', () => {
  const base = { ...makeRecord({ accuracy: 0.7, repeats: 6 }), fingerprint: 'a'.repeat(64) };
  const head = { ...base, fingerprint: 'a'.repeat(64), reused: { createdAt: base.createdAt } };
  const result = compare(head, base);
  assert.equal(result.verdict, 'no clear change');
  assert.deepEqual(result.reasons, ['Nothing that reaches training changed since the base: its 6 runs are reused, nothing was trained.']);
  // Compared with a base of another fingerprint, the head's own numbers are judged as any other run's.
  const other = compare(head, { ...base, fingerprint: 'b'.repeat(64) });
  assert.match(other.reasons[0], /^The PR's runs are identical to the base's/);
});

test('a data change is judged on the validation images both runs share, by content and class; the PR\'s figure on all its images stays beside it', () => {
  const base = makeRecord({ accuracy: 0.6, repeats: 6 });
  // The PR adds 30 validation images that every seed gets right, and relabels one base image (same bytes, another class): only the shared, same-class images judge.
  const added = Array.from({ length: 30 }, (_, i) => ({ path: `Earth/added-${i}.jpg`, trueLabel: 'Earth', predictedLabel: 'Earth', probabilities: base.predictions[0].probabilities }));
  const moved = base.predictions.find((p) => p.trueLabel !== 'Mars')!;
  const relabelled = { ...moved, path: `Mars/${moved.path.split('/')[1]}`, trueLabel: 'Mars' };
  const head = structuredClone(base);
  head.predictions = [...head.predictions.filter((p) => p.path !== moved.path), relabelled, ...added];
  head.dataset.files = { ...head.dataset.files, [relabelled.path]: head.dataset.files[moved.path], ...Object.fromEntries(added.map((p, i) => [p.path, i.toString(16).padStart(64, 'a')])) };
  delete head.dataset.files[moved.path];
  head.repeats = head.repeats.map((repeat) => ({ ...repeat, correct: [...repeat.correct.filter((path) => path !== moved.path), ...added.map((p) => p.path)] }));
  const result = compare(head, base);
  const shared = result.seeds!.sharedImages!;
  assert.equal(shared.count, 299);
  assert.equal(shared.headTotal, 330);
  assert.equal(shared.baseTotal, 300);
  // Same predictions on the shared images: no change there, and the runs are not called identical (their data differ).
  assert.equal(result.seeds!.identical, false);
  assert.equal(result.verdict, 'no clear change');
  assert.equal(result.seeds!.difference, 0);
  assert.match(result.reasons[0], /^The runs validate on different images \(PR 330, base 300\), so the verdict compares each seed's accuracy on the 299 images both share \(same content and class\); on all its 330 images the PR's mean is 0\.\d{4}\./);
  // The PR's own figure on all its images is higher (the added images are all right), and is not what was judged.
  assert.ok(shared.headAll.spread.mean > result.seeds!.head.spread.mean);
  // Every shared image right on every PR seed: a change the verdict sees on the shared images.
  head.repeats = head.repeats.map((repeat) => ({ ...repeat, correct: head.predictions.map((p) => p.path) }));
  assert.equal(compare(head, base).verdict, 'better');
});

/** A record whose repeats have these val_acc values, seeds 77, 78, … */
function withAccuracies(values: number[], seed = 77): RunRecord {
  const record = makeRecord({ repeats: values.length, seed });
  record.repeats = record.repeats.map((repeat, i) => ({ ...repeat, metrics: { ...repeat.metrics, val_acc: values[i] } }));
  record.metrics = record.repeats[0].metrics;
  return record;
}

test('a change beyond seed noise is better or worse, with the exact rank-test p', () => {
  // Every PR seed above every base seed: 2 of the C(10, 5) = 252 splits are as extreme, p = 2/252.
  const base = withAccuracies([0.86, 0.88, 0.84, 0.87, 0.85]);
  const head = withAccuracies([0.92, 0.91, 0.93, 0.89, 0.9]);
  const result = compare(head, base);
  assert.equal(result.verdict, 'better');
  assert.equal(result.seeds!.pValue, 2 / 252);
  assert.ok(Math.abs(result.seeds!.difference! - 0.05) < 1e-12);
  assert.ok(Math.abs(result.seeds!.noise! - spread([0.86, 0.88, 0.84, 0.87, 0.85]).sd) < 1e-15);
  assert.equal(result.seeds!.noiseFrom, 'base');
  assert.match(result.reasons[0], /^Over 5 seeds per side seed noise alone would give a change this large rarely \(p = 0\.0079, rank test over seeds\)\.$/);
  const reversed = compare(base, head);
  assert.equal(reversed.verdict, 'worse');
  assert.equal(reversed.seeds!.pValue, 2 / 252);
});

test('a change within seed noise is "no clear change", even when McNemar would call it', () => {
  // Rank sums: base seeds rank 1, 3, 5, 7, 10 (sum 26), PR 2, 4, 6, 8, 9 (sum 29); expected 27.5.
  // Splits with |sum − 27.5| ≥ 1.5, i.e. a sum ≤ 26 or ≥ 29: 106 + 106 of the 252 (counted by hand from the rank-sum table), p = 212/252.
  const base = withAccuracies([0.80, 0.84, 0.88, 0.90, 0.95]);
  const head = withAccuracies([0.82, 0.86, 0.89, 0.91, 0.94]);
  const result = compare(head, base);
  assert.equal(result.verdict, 'no clear change');
  assert.ok(Math.abs(result.seeds!.pValue! - 212 / 252) < 1e-12, `p = ${result.seeds!.pValue}`);
  assert.match(result.reasons[0], /within what seed noise alone gives \(p = 0\.841\)/);
  // A large gap between two single models is still no verdict when the seeds overlap.
  const wide = compare(withAccuracies([0.95, 0.8, 0.9, 0.85, 0.88]), withAccuracies([0.79, 0.96, 0.86, 0.9, 0.84]));
  assert.equal(wide.verdict, 'no clear change');
});

test('one run per side says it cannot separate a change from seed noise', () => {
  const result = compare(makeRecord({ accuracy: 0.9, seed: 2 }), makeRecord({ accuracy: 0.3, seed: 1 }));
  assert.equal(result.verdict, 'no clear change');
  assert.equal(result.seeds!.untestable, 'one run per side cannot separate a change from seed noise');
  assert.equal(result.reasons[0], `One run per side cannot separate a change from seed noise; set train.repeats to ${RECOMMENDED_REPEATS} or more to tell a change from seed noise.`);
});

test('too few seeds to ever reach the level are named, not tested', () => {
  // 3 per side: C(6, 3) = 20 splits, so the smallest two-sided p is 2/20 = 0.1.
  const result = compare(withAccuracies([0.95, 0.96, 0.97]), withAccuracies([0.5, 0.51, 0.52]));
  assert.equal(result.verdict, 'no clear change');
  assert.match(result.seeds!.untestable!, /^with 3 seeds per side no change can reach p < 0\.05 \(the smallest possible p is 0\.100\)$/);
  // 4 per side: 2/70 ≈ 0.029 is below the level, so a full separation is called.
  assert.equal(compare(withAccuracies([0.95, 0.96, 0.97, 0.98]), withAccuracies([0.5, 0.51, 0.52, 0.53])).verdict, 'better');
});

test('testSeeds compares means with a pooled interval and flips its sign for lower-is-better metrics', () => {
  const side = (values: number[]) => ({ seeds: values.map((_, i) => i), values, spread: spread(values) });
  // Pooled sd² = (2 · 1 + 2 · 1) / 4 = 1, se = √(2/3), t(0.975, 4) = 2.776445: interval 3 ± 2.266958.
  const test = testSeeds(side([4, 5, 6]), side([1, 2, 3]), 1);
  assert.ok(Math.abs(test.interval!.low - (3 - 2.776445 * Math.sqrt(2 / 3))) < 1e-5);
  assert.equal(test.untestable !== undefined, true);
  const lossDown = testSeeds(side([0.1, 0.11, 0.12, 0.13, 0.14]), side([0.5, 0.51, 0.52, 0.53, 0.54]), -1);
  assert.equal(lossDown.decision, 'better');
});

test('the recommended repeats are the params default', () => {
  assert.equal(PARAMS_DEFAULTS.train.repeats, RECOMMENDED_REPEATS);
});

test('per-class F1 is judged against each class\'s own seed noise', () => {
  const base = makeRecord({ accuracy: 0.7, repeats: 5 });
  const head = makeRecord({ accuracy: 0.7, repeats: 5 });
  // Mars drops by 0.3 in every PR seed; the other classes are the base's own runs.
  head.repeats = head.repeats.map((repeat) => ({ ...repeat, perClass: repeat.perClass!.map((c) => (c.label === 'Mars' ? { ...c, f1: c.f1 - 0.3 } : c)) }));
  const rows = new Map(compare(head, base).perClass.map((row) => [row.label, row]));
  assert.equal(rows.get('Mars')!.f1Seeds!.decision, 'worse');
  assert.ok(Math.abs(rows.get('Mars')!.f1Seeds!.difference + 0.3) < 1e-12);
  assert.equal(rows.get('Earth')!.f1Seeds!.identical, true);
  assert.equal(rows.get('Earth')!.f1Seeds!.decision, 'no clear change');
  // Records without per-class F1 per repeat (older tools) get no per-class test.
  base.repeats = base.repeats.map(({ perClass: _, ...repeat }) => repeat);
  assert.equal(compare(head, base).perClass.every((row) => row.f1Seeds === undefined), true);
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
  assert.equal(result.seeds!.base!.values.length, 1);
  assert.equal(result.verdict, 'no clear change');
});

test('confusion rows are normalised per true class', () => {
  assert.deepEqual(normaliseRows([[3, 1], [0, 0]]), [[0.75, 0.25], [0, 0]]);
  const record = makeRecord();
  const rates = confusionRates(record)!;
  const earth = [...rates.get('Earth')!.values()];
  assert.ok(Math.abs(earth.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.equal(confusionRates({ ...record, confusionMatrix: [[1]] }), undefined);
});

test('params.model is one short row: its length, and a pointer to the Model section when it changed and the PR has a card', () => {
  const withModel = (model: unknown[] | undefined, card = false): RunRecord => {
    const record = makeRecord({ params: model ? { ...DEFAULT_PARAMS, model: model as unknown as Record<string, unknown> } : DEFAULT_PARAMS });
    return card ? { ...record, modelCard: baseCard() } : record;
  };
  const longer = [...BASE_MODEL_PARAM, { dense: { units: 64 } }];
  const row = (head: RunRecord, base?: RunRecord) => compare(head, base).params.find((r) => r.key === 'model');
  assert.deepEqual(row(withModel(longer, true), withModel(BASE_MODEL_PARAM)), { key: 'model', base: '7 layers', head: '8 layers, see Model', changed: true });
  assert.deepEqual(row(withModel(longer), withModel(BASE_MODEL_PARAM)), { key: 'model', base: '7 layers', head: '8 layers', changed: true });
  // Same length, other options: still changed, because the whole list is compared.
  const wider = BASE_MODEL_PARAM.map((layer, i) => (i === 0 ? { conv2d: { filters: 64, kernel: 3, padding: 'same' } } : layer));
  assert.deepEqual(row(withModel(wider, true), withModel(BASE_MODEL_PARAM)), { key: 'model', base: '7 layers', head: '7 layers, see Model', changed: true });
  assert.deepEqual(row(withModel(BASE_MODEL_PARAM, true), withModel(structuredClone(BASE_MODEL_PARAM))), { key: 'model', base: '7 layers', head: '7 layers', changed: false });
  // The notebook's default model on the base: no model param there.
  assert.deepEqual(row(withModel(BASE_MODEL_PARAM, true), withModel(undefined)), { key: 'model', base: undefined, head: '7 layers, see Model', changed: true });
  assert.deepEqual(row(withModel(BASE_MODEL_PARAM)), { key: 'model', base: undefined, head: '7 layers', changed: false });
});

test('params a record lacks count as their defaults: an older base without train.optimizer is not a change', () => {
  const older = makeRecord({ params: { prepare: { ...DEFAULT_PARAMS.prepare }, train: { ...DEFAULT_PARAMS.train } } });
  const newer = makeRecord({ params: { prepare: { ...DEFAULT_PARAMS.prepare }, train: { ...DEFAULT_PARAMS.train, optimizer: 'adam', max_parameters: PARAMS_DEFAULTS.train.max_parameters } } });
  const rows = compare(newer, older).params;
  assert.deepEqual(rows.find((row) => row.key === 'train.optimizer'), { key: 'train.optimizer', head: 'adam', base: 'adam', changed: false });
  assert.ok(rows.every((row) => !row.changed), JSON.stringify(rows.filter((row) => row.changed)));
  // Another optimizer is a change, and a layer list leaves the notebook's shorthands out of its side.
  const { conv_size: _conv, dense_size: _dense, ...trainWithoutShorthands } = DEFAULT_PARAMS.train;
  const sgd = makeRecord({ params: { prepare: { ...DEFAULT_PARAMS.prepare }, train: { ...trainWithoutShorthands, optimizer: 'sgd' }, model: [{ flatten: {} }] } as unknown as RunRecord['params'] });
  const changed = compare(sgd, older).params.filter((row) => row.changed).map((row) => `${row.key}: ${row.base} → ${row.head}`);
  assert.deepEqual(changed.sort(), ['model: undefined → 1 layer', 'train.conv_size: 32 → undefined', 'train.dense_size: 64 → undefined', 'train.optimizer: adam → sgd'].sort());
});

test('base and PR on different backends or adapters: a note says seeds do not pair, and the verdict says part of a change may be the backend', () => {
  const base = makeRecord({ accuracy: 0.6, seed: 1 });
  const lavapipe = { vendor: 'mesa', architecture: 'software', device: 'llvmpipe', driver: 'Mesa 25.0.7', fallback: true };
  const onGpu = (adapter: typeof lavapipe): RunRecord => ({ ...makeRecord({ accuracy: 0.6, seed: 2 }), backend: { name: 'webgpu', package: '@tensorflow/tfjs-backend-webgpu', adapter } });
  const result = compare(onGpu(lavapipe), base);
  const note = result.notes.find((n) => n.startsWith('The base trained on'));
  assert.equal(
    note,
    'The base trained on wasm (SIMD on, 1 thread), trained on 2 threads and the PR on webgpu on mesa software llvmpipe (Mesa 25.0.7) [software]: their float order differs, so a seed does not give the same model on both sides and seeds are not paired; the verdict compares the two groups of seeds as they are.',
  );
  assert.ok(result.reasons.some((r) => /different backends \(see the notes\): part of any change may be the backend's/.test(r)), result.reasons.join(' | '));
  // Another adapter of the same backend is another float order too.
  const nvidia = { vendor: 'nvidia', architecture: 'ampere', device: 'A10G', driver: 'NVIDIA 550.54', fallback: false };
  assert.match(compare(onGpu(nvidia), onGpu(lavapipe)).notes.join('\n'), /The base trained on webgpu on mesa .* and the PR on webgpu on nvidia ampere A10G/);
  // The same backend on both sides: no note.
  assert.equal(compare(makeRecord({ accuracy: 0.6, seed: 2 }), base).notes.find((n) => n.startsWith('The base trained on')), undefined);
});
