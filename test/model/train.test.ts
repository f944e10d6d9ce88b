import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../../src/model/backend.js';
import { createModel } from '../../src/model/build.js';
import { imageBatch, trainModel, type ImageTensorSource } from '../../src/model/train.js';
import { syntheticImages } from '../helpers/tensors.js';

async function run(seed: number, epochs = 3) {
  const source = syntheticImages(30, 5);
  const indices = Array.from({ length: 90 }, (_, index) => index);
  const spec = { inputShape: [12, 12, 1] as [number, number, number], classes: 3, convSize: 8, denseSize: 16, seed };
  const model = createModel(spec);
  try {
    return await trainModel(model, spec, source, {
      train: indices.filter((index) => index % 5 !== 0),
      validation: indices.filter((index) => index % 5 === 0),
      classes: 3,
      epochs,
      batchSize: 16,
      learningRate: 0.01,
      seed,
    });
  } finally {
    model.dispose();
  }
}

before(async () => {
  await startBackend('wasm');
});

test('imageBatch scales uint8 pixels to [0, 1] in the order of the indices', () => {
  const source: ImageTensorSource = { pixels: Uint8Array.from([0, 255, 51, 102]), labels: Int32Array.from([0, 1]), imageShape: [1, 2, 1] };
  const batch = imageBatch(source, [1, 0]);
  assert.deepEqual(batch.shape, [2, 1, 2, 1]);
  const values = Array.from(batch.dataSync());
  batch.dispose();
  assert.deepEqual(values.map((value) => Number(value.toFixed(4))), [0.2, 0.4, 0, 1]);
});

test('model: PyTorch-style initial weights lie within ±1/√fan_in', () => {
  const model = createModel({ inputShape: [12, 12, 1], classes: 3, convSize: 8, denseSize: 16, seed: 1 });
  const [kernel, bias] = model.layers[0].getWeights();
  const bound = 1 / Math.sqrt(9);
  const values = [...kernel.dataSync(), ...bias.dataSync()];
  assert.ok(values.every((value) => Math.abs(value) <= bound), 'conv weights out of bounds');
  assert.ok(Math.max(...values.map(Math.abs)) > bound * 0.8, 'weights should fill the range');
  assert.equal(model.outputs[0].shape[1], 3);
  model.dispose();
});

test('training learns: the loss falls and validation accuracy beats chance', async () => {
  const history = await run(7, 8);
  assert.equal(history.length, 8);
  assert.ok(history[7].loss < history[0].loss, `loss ${history[0].loss} → ${history[7].loss}`);
  assert.ok(history[7].val_accuracy > 0.6, `val_accuracy ${history[7].val_accuracy}`);
  for (const epoch of history) for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const) assert.ok(Number.isFinite(epoch[key]));
});

test('same seed, same backend: bit-identical history; another seed: different', async () => {
  const strip = (history: Awaited<ReturnType<typeof run>>) => history.map(({ seconds: _seconds, ...rest }) => rest);
  const first = strip(await run(3));
  assert.deepEqual(strip(await run(3)), first);
  assert.notDeepEqual(strip(await run(4)), first);
});

test('training leaks no tensors', async () => {
  await run(1, 1); // warm up kernels that cache tensors
  const before = tf.memory().numTensors;
  await run(2, 2);
  assert.equal(tf.memory().numTensors, before);
});
