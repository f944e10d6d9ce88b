import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSampleDataset } from '../src/data/sample.js';
import { runExperiment } from '../src/pipeline.js';
import { compare } from '../src/compare/compare.js';
import { parseOverrides } from '../src/params.js';
import { predict } from '../src/predict.js';
import { readRecord } from '../src/record.js';
import { temporaryFolder } from './helpers/images.js';

let dataDir: string;
let paramsFile: string;
let work: string;

before(async () => {
  work = await temporaryFolder();
  dataDir = join(work, 'data');
  await generateSampleDataset({ outDir: dataDir, imagesPerClass: 10, seed: 3 });
  paramsFile = join(work, 'params.yaml');
  await writeFile(paramsFile, 'train:\n  epochs: 2\n  lr: 0.001\n  repeats: 2\n');
});

test('a run writes a complete, self-consistent record, metrics.json and the model', async () => {
  const lines: string[] = [];
  const { record, files } = await runExperiment({ dataDir, paramsFile, outDir: join(work, 'out-a'), backend: 'wasm', log: (line) => lines.push(line) });
  assert.equal(record.dataset.classes.length, 11);
  assert.equal(record.dataset.totalImages, 110);
  assert.equal(record.split.trainCount + record.split.validationCount, 110);
  assert.equal(record.predictions.length, record.split.validationCount);
  assert.deepEqual([...record.predictions.map((prediction) => prediction.path)].sort(), record.split.validation);
  // One number everywhere: the confusion matrix pools both seeds' predictions (each image once per seed) ...
  const matrixTotal = record.confusionMatrix.flat().reduce((sum, value) => sum + value, 0);
  assert.equal(matrixTotal, 2 * record.split.validationCount);
  const diagonal = record.confusionMatrix.reduce((sum, row, i) => sum + row[i], 0);
  assert.equal(diagonal, record.repeats[0].correct.length + record.repeats[1].correct.length);
  // ... the metrics are the means over the seeds ...
  assert.equal(record.repeats.length, 2);
  assert.deepEqual(record.repeats.map((repeat) => repeat.seed), [77, 78]);
  for (const key of ['val_acc', 'val_loss', 'f1_score'] as const) {
    assert.equal(record.metrics[key], (record.repeats[0].metrics[key] + record.repeats[1].metrics[key]) / 2);
  }
  assert.notEqual(record.repeats[0].metrics.val_acc, record.repeats[1].metrics.val_acc, 'two seeds that agree could not tell a mean from a first seed');
  // ... and the predictions are one model's, which the record names.
  assert.equal(record.predictionsSeed, 77);
  const correct = record.predictions.filter((prediction) => prediction.trueLabel === prediction.predictedLabel).length;
  assert.equal(record.repeats[0].correct.length, correct);
  assert.equal(record.repeats[0].metrics.val_acc, correct / record.predictions.length);
  // Per class: the pooled predictions; the support stays the class's validation images.
  for (const [i, entry] of record.perClass.entries()) {
    assert.equal(entry.support, record.predictions.filter((prediction) => prediction.trueLabel === entry.label).length);
    assert.equal(entry.recall, record.confusionMatrix[i][i] / (2 * entry.support));
  }
  // Every repeat keeps its per-class scores (the report tests each class against its own seed noise).
  assert.deepEqual(record.repeats[1].perClass!.map((entry) => entry.label), record.dataset.classes);
  const secondCorrect = new Set(record.repeats[1].correct);
  const secondMacroF1 = record.repeats[1].perClass!.reduce((sum, entry) => sum + entry.f1, 0) / record.dataset.classes.length;
  assert.ok(Math.abs(secondMacroF1 - record.repeats[1].metrics.f1_score) < 1e-12);
  assert.equal(record.repeats[1].metrics.val_acc, secondCorrect.size / record.predictions.length);
  assert.ok(lines.some((line) => line.includes(`val_acc ${record.metrics.val_acc.toFixed(4)}, `) && /means over 2 seeds \(val_acc from \d\.\d{4} to \d\.\d{4}\)/.test(line)), lines.join('\n'));
  assert.equal(record.history.length, 2);
  assert.equal(record.backend.name, 'wasm');
  assert.equal(record.backend.trainingThreads, 2);
  assert.ok(lines.some((line) => line.startsWith('training on 2 threads: 3 of 4 layers on WASM kernels (conv2d + max_pool, dense); output on tfjs')), lines.join('\n'));
  // The model card: the notebook's layers, where each trained, and what the model costs.
  const card = record.modelCard!;
  assert.deepEqual(card.layers.map((layer) => `${layer.kind}:${layer.engine}:${layer.outputShape.join('x')}`), [
    'conv2d:wasm:30x30x32', 'max_pool:wasm:10x10x32', 'flatten:tfjs:3200', 'dense:wasm:64', 'output:tfjs:11',
  ]);
  assert.equal(card.parameters, 3 * 3 * 32 + 32 + 3200 * 64 + 64 + 64 * 11 + 11);
  assert.equal(card.training.threads, 2);
  const modelBytes = (await Promise.all((await readdir(files.model)).map(async (name) => (await readFile(join(files.model, name))).length))).reduce((sum, size) => sum + size, 0);
  assert.equal(card.sizeBytes, modelBytes);
  assert.ok(card.inference.msPerImage > 0 && card.inference.batches >= 5);
  assert.deepEqual(card.optimizer, { name: 'adam', learningRate: 0.001 });
  assert.equal(record.params.train.epochs, 2);
  assert.ok(record.timings.total > 0 && record.timings.decode >= 0);
  for (const prediction of record.predictions) {
    const total = prediction.probabilities.reduce((sum, value) => sum + value, 0);
    assert.ok(Math.abs(total - 1) < 1e-4);
  }
  assert.deepEqual(await readRecord(files.record), JSON.parse(await readFile(files.record, 'utf8')));
  const metricsFile = JSON.parse(await readFile(files.metrics, 'utf8'));
  assert.deepEqual(Object.keys(metricsFile).slice(0, 5), ['val_loss', 'val_acc', 'precision', 'recall', 'f1_score']);
  assert.equal(metricsFile.val_acc, Number(record.metrics.val_acc.toFixed(6)));
  assert.deepEqual((await readdir(files.model)).sort(), ['metadata.json', 'model.json', 'weights.bin']);
  assert.ok(lines.some((line) => /epoch 2\/2: loss .* ETA/.test(line)));
});

test('repeat run, same seed, same backend: identical metrics.json; with that run as its base, its runs are reused', async () => {
  const first = await runExperiment({ dataDir, paramsFile, outDir: join(work, 'out-b'), backend: 'wasm' });
  // Forced to train although nothing changed: the same numbers, bit for bit, which is what makes reuse sound.
  const forcedLines: string[] = [];
  const second = await runExperiment({ dataDir, paramsFile, outDir: join(work, 'out-c'), backend: 'wasm', base: first.record, forceTraining: true, log: (line) => forcedLines.push(line) });
  assert.equal(await readFile(second.files.metrics, 'utf8'), await readFile(first.files.metrics, 'utf8'));
  assert.deepEqual(second.record.predictions, first.record.predictions);
  assert.deepEqual(second.record.repeats.map((repeat) => repeat.metrics), first.record.repeats.map((repeat) => repeat.metrics));
  assert.match(first.record.fingerprint!, /^[0-9a-f]{64}$/);
  assert.equal(second.record.fingerprint, first.record.fingerprint);
  assert.equal(second.record.reused, undefined);
  assert.ok(forcedLines.includes('training: training forced (force-training)'), forcedLines.join('\n'));
  assert.ok(second.record.timings.train > 0);

  // Not forced: nothing trains; the base's per-seed results, pooled predictions and model are this run's, and the record says where they came from.
  const lines: string[] = [];
  const reused = await runExperiment({ dataDir, paramsFile, outDir: join(work, 'out-reused'), backend: 'wasm', base: first.record, baseModelDir: first.files.model, log: (line) => lines.push(line) });
  assert.ok(lines.some((line) => /^reused: nothing that reaches training changed since the base \(training fingerprint [0-9a-f]{12}\): its 2 runs are reused/.test(line)), lines.join('\n'));
  assert.ok(!lines.some((line) => /epoch \d\/\d/.test(line)), 'a reused run trains no epoch');
  assert.equal(reused.record.timings.train, undefined);
  assert.deepEqual(reused.record.reused, { createdAt: first.record.createdAt });
  assert.deepEqual(reused.record.repeats, first.record.repeats);
  assert.deepEqual(reused.record.confusionMatrix, first.record.confusionMatrix);
  assert.equal(await readFile(reused.files.metrics, 'utf8'), await readFile(first.files.metrics, 'utf8'));
  assert.deepEqual(await readFile(join(reused.files.model, 'weights.bin')), await readFile(join(first.files.model, 'weights.bin')));
  assert.deepEqual(await readRecord(reused.files.record), reused.record);

  // One param that reaches training changes the fingerprint: the run trains.
  const changedLines: string[] = [];
  const changed = await runExperiment({
    dataDir, paramsFile, outDir: join(work, 'out-changed'), backend: 'wasm', base: first.record, overrides: parseOverrides(['train.epochs=1'], '--set'), log: (line) => changedLines.push(line),
  });
  assert.notEqual(changed.record.fingerprint, first.record.fingerprint);
  assert.equal(changed.record.reused, undefined);
  assert.ok(changedLines.some((line) => line.startsWith('training: something that reaches training changed since the base')), changedLines.join('\n'));
});

test('against a base, the seeds train in stages and stop as soon as the verdict is decided', async () => {
  const overrides = parseOverrides(['train.repeats=6'], '--set');
  // A base whose six seeds scored 0 to 0.005: any trained PR seed lies above every one of them.
  const template = (await runExperiment({ dataDir, paramsFile, outDir: join(work, 'out-template'), backend: 'wasm' })).record;
  const base = structuredClone(template);
  delete base.fingerprint;
  base.repeats = Array.from({ length: 6 }, (_, i) => ({ ...structuredClone(template.repeats[0]), seed: 77 + i, metrics: { ...template.repeats[0].metrics, val_acc: i / 1000 } }));
  const lines: string[] = [];
  const { record } = await runExperiment({ dataDir, paramsFile, outDir: join(work, 'out-staged'), backend: 'wasm', base, sequential: true, overrides, log: (line) => lines.push(line) });
  assert.deepEqual(record.repeats.map((repeat) => repeat.seed), [77], 'the first look: 1 seed, far outside the base\'s prediction interval');
  assert.deepEqual(record.stopping, { looks: [1, 3, 4, 6, 8], seeds: 1, reason: 'decided' });
  assert.ok(lines.some((line) => /^seeds: stopped after 1 PR seed against the base's 6 \(its prediction interval\): p [<=] [0-9.e-]+ \(level 0\.001\): the verdict is decided$/.test(line)), lines.join('\n'));
  const comparison = compare(record, base);
  assert.equal(comparison.verdict, 'better');
  assert.match(comparison.reasons[0], /^The PR trained its seeds in stages against the base's 6 and decided at 1 PR seed \(p [<=] [0-9.e-]+, at or below that look's level 0\.001\)/);
  // Same inputs, same verdict: the early look stops at the same seed with the same numbers, bit for bit.
  const again = await runExperiment({ dataDir, paramsFile, outDir: join(work, 'out-staged-again'), backend: 'wasm', base, sequential: true, overrides });
  const results = (repeats: typeof record.repeats) => repeats.map((repeat) => ({ ...repeat, history: repeat.history.map(({ seconds: _seconds, ...epoch }) => epoch) }));
  assert.deepEqual(results(again.record.repeats), results(record.repeats));
  assert.deepEqual(again.record.stopping, record.stopping);
  assert.deepEqual(compare(again.record, base).seeds, comparison.seeds);
  // Without `sequential` (a branch run, a baseline) every seed trains.
  const full = await runExperiment({ dataDir, paramsFile, outDir: join(work, 'out-full'), backend: 'wasm', base, overrides });
  assert.equal(full.record.repeats.length, 6);
  assert.equal(full.record.stopping, undefined);
});

test('the saved model predicts what the run recorded, without the run', async () => {
  const { record, files } = await runExperiment({ dataDir, paramsFile, outDir: join(work, 'out-d'), backend: 'wasm' });
  const sample = record.predictions.slice(0, 6);
  const results = await predict(files.model, sample.map((prediction) => join(dataDir, prediction.path)));
  assert.deepEqual(results.map((result) => result.label), sample.map((prediction) => prediction.predictedLabel));
  for (const [row, result] of results.entries()) {
    const recorded = Math.max(...sample[row].probabilities);
    assert.ok(Math.abs(result.top[0].probability - recorded) < 1e-4);
  }
});

test('an existing --out folder: the user files are kept, and a clash is refused without touching them', async () => {
  const outDir = join(work, 'users-folder');
  await mkdir(outDir);
  await writeFile(join(outDir, 'notes.txt'), 'mine');
  await runExperiment({ dataDir, paramsFile, outDir, backend: 'wasm' });
  assert.equal(await readFile(join(outDir, 'notes.txt'), 'utf8'), 'mine');

  const clashing = join(work, 'clashing');
  await mkdir(clashing);
  await writeFile(join(clashing, 'metrics.json'), '{"mine": true}');
  await assert.rejects(runExperiment({ dataDir, paramsFile, outDir: clashing, backend: 'wasm' }), /already holds "metrics\.json", not written by train-and-report/);
  assert.equal(await readFile(join(clashing, 'metrics.json'), 'utf8'), '{"mine": true}');
});

test('a class with a single image is a clear error', async () => {
  const tiny = join(work, 'tiny');
  await generateSampleDataset({ outDir: tiny, imagesPerClass: 1, seed: 1 });
  await assert.rejects(runExperiment({ dataDir: tiny, paramsFile, outDir: join(work, 'out-tiny'), backend: 'wasm' }), /has only 1 image; each class needs at least 2/);
});

test('a model list trains on two threads with its blocks on the WebAssembly kernels, and the record says so', async () => {
  const listFile = join(work, 'two-blocks.yaml');
  await writeFile(
    listFile,
    [
      'model:',
      '  - conv2d: {filters: 8, kernel: 3, padding: same}',
      '  - max_pool: {size: 2}',
      '  - conv2d: {filters: 16, kernel: 3}',
      '  - max_pool: {size: 2}',
      '  - batch_norm: {}',
      '  - dropout: {rate: 0.25}',
      '  - flatten: {}',
      '  - dense: {units: 32}',
      'train:',
      '  epochs: 2',
      '  lr: 0.001',
      '  repeats: 1',
      '  optimizer: adamw',
      '',
    ].join('\n'),
  );
  const lines: string[] = [];
  const run = (out: string) => runExperiment({ dataDir, paramsFile: listFile, outDir: join(work, out), backend: 'wasm', log: (line) => lines.push(line) });
  const { record } = await run('out-list');
  const summary = '5 of 8 layers on WASM kernels (conv2d + max_pool, conv2d + max_pool, dense); batch_norm, dropout, output on tfjs; optimizer adamw on WASM kernels (its weight decay in JavaScript)';
  assert.ok(lines.includes(`training on 2 threads: ${summary}`), lines.join('\n'));
  assert.equal(record.modelCard!.training.summary, summary);
  assert.deepEqual(record.modelCard!.layers.map((layer) => layer.outputShape.join('x')), ['32x32x8', '16x16x8', '14x14x16', '7x7x16', '7x7x16', '7x7x16', '784', '32', '11']);
  assert.equal(record.modelCard!.layers[4].parameters, 4 * 16);
  assert.equal(record.modelCard!.trainableParameters, record.modelCard!.parameters - 2 * 16);
  assert.deepEqual((record.params as { model?: unknown[] }).model?.[0], { conv2d: { filters: 8, kernel: 3, stride: 1, padding: 'same', activation: 'relu' } });
  assert.equal((record.params.train as Record<string, unknown>).conv_size, undefined, 'the shorthands are not the model here');
  assert.ok(record.history.every((epoch) => Number.isFinite(epoch.loss)) && record.history[1].loss < record.history[0].loss, JSON.stringify(record.history));
  // Same inputs, same outputs: dropout's masks and batch norm's statistics are seeded too.
  const again = await run('out-list-again');
  const strip = (history: typeof record.history) => history.map(({ seconds: _seconds, ...rest }) => rest);
  assert.deepEqual(strip(again.record.history), strip(record.history));
  assert.deepEqual(again.record.predictions, record.predictions);
});
