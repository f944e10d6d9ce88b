import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../../src/model/backend.js';
import { shardRows, TrainingWorker } from '../../src/model/backends/wasm/two-threads.js';
import { createModel, type ModelSpec } from '../../src/model/build.js';
import { trainModel, type ImageTensorSource, type TrainOptions } from '../../src/model/train.js';
import type * as tfl from '@tensorflow/tfjs-layers';
import { syntheticImages } from '../helpers/tensors.js';

const SPEC: ModelSpec = { inputShape: [12, 12, 1], classes: 3, convSize: 8, denseSize: 16, seed: 3 };
const source = syntheticImages(30, 5);
const indices = Array.from({ length: 90 }, (_, index) => index);

function options(overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    train: indices.filter((index) => index % 5 !== 0),
    validation: indices.filter((index) => index % 5 === 0),
    classes: 3,
    epochs: 3,
    // 72 training images in batches of 16: the last batch has 8 rows.
    batchSize: 16,
    learningRate: 0.01,
    seed: 3,
    ...overrides,
  };
}

/** Trains on a worker started for this one call. */
async function trainModelInParallel(model: tfl.LayersModel, spec: ModelSpec, images: ImageTensorSource, trainOptions: TrainOptions) {
  const worker = await TrainingWorker.start();
  try {
    return await worker.train(model, spec, images, trainOptions);
  } finally {
    await worker.close();
  }
}

const strip = (history: Awaited<ReturnType<typeof trainModelInParallel>>) => history.map(({ seconds: _seconds, ...rest }) => rest);

async function parallel(spec = SPEC, overrides: Partial<TrainOptions> = {}) {
  const model = createModel(spec);
  try {
    const history = await trainModelInParallel(model, spec, source, options(overrides));
    return { history: strip(history), weights: model.getWeights().map((weight) => Array.from(weight.dataSync())) };
  } finally {
    model.dispose();
  }
}

let started: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  started = await startBackend('wasm');
});

test('shardRows splits every batch the same way: first half (rounded up) to shard 0', () => {
  assert.deepEqual([shardRows(32, 0), shardRows(32, 1)], [[0, 16], [16, 32]]);
  assert.deepEqual([shardRows(5, 0), shardRows(5, 1)], [[0, 3], [3, 5]]);
  assert.deepEqual([shardRows(1, 0), shardRows(1, 1)], [[0, 1], [1, 1]]);
});

// A dense size that is a multiple of 16 runs the hidden layer in WebAssembly; 12 keeps it in tfjs.
for (const denseSize of [16, 12]) {
  test(`two threads train what one thread trains (same history to float32 rounding), dense size ${denseSize}`, async () => {
    const spec = { ...SPEC, denseSize };
    const model = createModel(spec);
    const single = await trainModel(model, spec, source, options());
    model.dispose();
    const { history } = await parallel(spec);
    assert.equal(history.length, single.length);
    for (const [index, epoch] of history.entries()) {
      for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const) {
        assert.ok(Math.abs(epoch[key] - single[index][key]) < 1e-4, `epoch ${index + 1} ${key}: ${epoch[key]} vs ${single[index][key]}`);
      }
    }
    assert.ok(history[2].loss < history[0].loss, 'the loss falls');
  });
}

// Any layer list: a second block (its input gradient in WebAssembly: 8 channels in), tanh and
// average pooling through tfjs, and each optimizer, computed on two threads as on one (batch norm
// differs by design: each thread normalises its half of the batch).
for (const [name, layers, optimizer] of [
  ['two blocks, adam', [
    { kind: 'conv2d', filters: 8, kernel: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'max_pool', size: 2, stride: 2 },
    { kind: 'conv2d', filters: 8, kernel: 3, stride: 1, padding: 'valid', activation: 'relu' },
    { kind: 'max_pool', size: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 16, activation: 'relu' },
  ], { name: 'adam', learningRate: 0.01 }],
  ['average pool and tanh, adamw', [
    { kind: 'conv2d', filters: 4, kernel: 3, stride: 1, padding: 'valid', activation: 'tanh' },
    { kind: 'avg_pool', size: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 16, activation: 'relu' },
  ], { name: 'adamw', learningRate: 0.01, weightDecay: 0.1 }],
  ['the notebook model, sgd with momentum', undefined, { name: 'sgd', learningRate: 0.05, momentum: 0.9 }],
] as const) {
  test(`two threads train what one thread trains for other models: ${name}`, async () => {
    const spec: ModelSpec = { ...SPEC, ...(layers ? { layers: layers.map((layer) => ({ ...layer })) as ModelSpec['layers'] } : {}) };
    const trainOptions = options({ optimizer: { ...optimizer } });
    const model = createModel(spec);
    const single = await trainModel(model, spec, source, trainOptions);
    model.dispose();
    const { history } = await parallel(spec, { optimizer: { ...optimizer } });
    for (const [index, epoch] of history.entries()) {
      for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const) {
        assert.ok(Math.abs(epoch[key] - single[index][key]) < 1e-3, `epoch ${index + 1} ${key}: ${epoch[key]} vs ${single[index][key]}`);
      }
    }
    assert.ok(history[2].loss < history[0].loss, `the loss falls: ${history.map((epoch) => epoch.loss.toFixed(4)).join(', ')}`);
  });
}

test('two threads: bit-identical weights and history on every run; another seed differs', async () => {
  const first = await parallel();
  assert.deepEqual(await parallel(), first);
  assert.notDeepEqual((await parallel({ ...SPEC, seed: 4 }, { seed: 4 })).history, first.history);
});

test('one worker trains one model after another (the repeats of a run) as fresh workers do', async () => {
  const worker = await TrainingWorker.start();
  try {
    for (const seed of [3, 4]) {
      const spec = { ...SPEC, seed };
      const model = createModel(spec);
      const history = strip(await worker.train(model, spec, source, options({ seed })));
      model.dispose();
      assert.deepEqual(history, (await parallel(spec, { seed })).history);
    }
  } finally {
    await worker.close();
  }
});

test('a last batch of one image (one thread has no rows) still trains', async () => {
  // 72 training images in batches of 71: the second batch has one row, so shard 1 gets none.
  const { history } = await parallel(SPEC, { batchSize: 71, epochs: 2 });
  for (const epoch of history) for (const value of Object.values(epoch)) assert.ok(Number.isFinite(value));
});

test('a failing worker is reported, not waited for', async () => {
  const model = createModel(SPEC);
  try {
    // The worker builds its model from the spec: a bigger one overruns the shared gradient buffer.
    await assert.rejects(
      trainModelInParallel(model, { ...SPEC, denseSize: 64 }, source, options()),
      /the training worker failed: .+/,
    );
  } finally {
    model.dispose();
  }
});

test('two threads leak no tensors on this thread', async () => {
  await parallel(SPEC, { epochs: 1 });
  const before = tf.memory().numTensors;
  await parallel(SPEC, { epochs: 2 });
  assert.equal(tf.memory().numTensors, before);
});

test("the WASM backend's trainer is this file's: two threads, the one loop with their steps, and the record and log say so", async () => {
  const lines: string[] = [];
  const trainer = await started.openTrainer((line) => lines.push(line));
  try {
    assert.deepEqual([trainer.threads, trainer.info, lines], [2, { trainingThreads: 2 }, []]);
    const model = createModel(SPEC);
    try {
      const history = strip(await trainer.train(model, SPEC, source, options()));
      assert.deepEqual(history, (await parallel()).history);
      assert.equal(
        trainer.describe(model, SPEC, 16, { name: 'adamw', learningRate: 0.01 }).summary,
        '3 of 4 layers on WASM kernels (conv2d + max_pool, dense); output on tfjs; optimizer adamw on WASM kernels (its weight decay in JavaScript)',
      );
    } finally {
      model.dispose();
    }
  } finally {
    await trainer.close();
  }
});
