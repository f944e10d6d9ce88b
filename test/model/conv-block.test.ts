import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../../src/model/backend.js';
import { convBlockGradients, convReluPool } from '../../src/model/conv-block.js';
import { planTraining, trainingForward } from '../../src/model/step.js';
import { createModel } from '../../src/model/build.js';
import { createRandom } from '../../src/random.js';

function randomTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  const random = createRandom(seed);
  const size = shape.reduce((product, side) => product * side, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => (random() * 2 - 1) * scale), shape);
}

/** Gradients of sum(upstream * block(x)) for the stock ops and for the fused op, on the current backend. */
function bothGradients(shape: { batch: number; size: number; channels: number; filters: number; pool: number }, seed: number) {
  const x = randomTensor([shape.batch, shape.size, shape.size, shape.channels], seed);
  const w = randomTensor([3, 3, shape.channels, shape.filters], seed + 1, 0.5);
  const b = randomTensor([shape.filters], seed + 2, 0.1);
  const convSize = shape.size - 2;
  const pooledSize = Math.floor((convSize - shape.pool) / shape.pool) + 1;
  const upstream = randomTensor([shape.batch, pooledSize, pooledSize, shape.filters], seed + 3);
  const stock = tf.grads((kernel: tf.Tensor, bias: tf.Tensor) =>
    tf.sum(tf.mul(tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, 1, 'valid'), bias)) as tf.Tensor4D, shape.pool, shape.pool, 'valid'), upstream)),
  )([w, b]);
  const fused = tf.grads((kernel: tf.Tensor, bias: tf.Tensor) =>
    tf.sum(tf.mul(convReluPool(x as tf.Tensor4D, kernel as tf.Tensor4D, bias as tf.Tensor1D, shape.pool), upstream)),
  )([w, b]);
  const forwardStock = tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'), b)) as tf.Tensor4D, shape.pool, shape.pool, 'valid');
  const forwardFused = convReluPool(x as tf.Tensor4D, w as tf.Tensor4D, b as tf.Tensor1D, shape.pool);
  return {
    stock: stock.map((tensor) => Array.from(tensor.dataSync())),
    fused: fused.map((tensor) => Array.from(tensor.dataSync())),
    forward: [Array.from(forwardStock.dataSync()), Array.from(forwardFused.dataSync())],
  };
}

function assertClose(actual: number[], expected: number[], what: string) {
  assert.equal(actual.length, expected.length);
  const largest = Math.max(...expected.map(Math.abs), 1e-6);
  for (let index = 0; index < expected.length; index++) {
    assert.ok(Math.abs(actual[index] - expected[index]) <= 1e-4 * largest, `${what}[${index}]: ${actual[index]} vs ${expected[index]}`);
  }
}

const SHAPES = [
  { batch: 2, size: 8, channels: 1, filters: 4, pool: 3 },
  { batch: 3, size: 12, channels: 3, filters: 5, pool: 3 },
  { batch: 2, size: 11, channels: 2, filters: 3, pool: 2 }, // windows leave the last row and column out
];

for (const backend of ['cpu', 'wasm'] as const) {
  for (const [index, shape] of SHAPES.entries()) {
    test(`${backend}: the fused block's forward and filter/bias gradients equal tfjs's own (${JSON.stringify(shape)})`, async () => {
      await startBackend(backend);
      const { stock, fused, forward } = tf.tidy(() => bothGradients(shape, 10 * index + 1));
      assertClose(forward[1], forward[0], 'forward');
      assertClose(fused[0], stock[0], 'kernel gradient');
      assertClose(fused[1], stock[1], 'bias gradient');
    });
  }
}

test('a window whose maximum is not positive passes no gradient (ReLU)', () => {
  // One 3×3 conv output window (1 filter, pool 3) from a 5×5 input, all activations 0.
  const gradients = convBlockGradients(new Float32Array(25).fill(1), new Float32Array(9), new Float32Array(1), Float32Array.of(2), {
    batch: 1, height: 5, width: 5, channels: 1, filters: 1, kernel: 3, pool: 3,
  });
  assert.deepEqual(Array.from(gradients.bias), [0]);
  assert.ok(gradients.kernel.every((value) => value === 0));
});

test('the first maximum of a window wins, as in tfjs MaxPoolGrad', () => {
  // Activation window (3×3, one filter) with the maximum 5 at positions 1 and 4: position 1 (row 0, column 1) wins.
  const activation = Float32Array.of(1, 5, 2, 0, 5, 0, 0, 0, 0);
  const input = Float32Array.from({ length: 25 }, (_, index) => index); // 5×5, value = index
  const gradients = convBlockGradients(input, activation, Float32Array.of(5), Float32Array.of(1), {
    batch: 1, height: 5, width: 5, channels: 1, filters: 1, kernel: 3, pool: 3,
  });
  // The winner at conv position (0, 1) sees the input patch rows 0-2, columns 1-3.
  assert.deepEqual(Array.from(gradients.kernel), [1, 2, 3, 6, 7, 8, 11, 12, 13]);
  assert.deepEqual(Array.from(gradients.bias), [1]);
});

test('the training pass with the fused block computes what model.predict computes', async () => {
  await startBackend('wasm');
  const spec = { inputShape: [32, 32, 1] as [number, number, number], classes: 11, convSize: 8, denseSize: 16, seed: 5 };
  const model = createModel(spec);
  const plan = planTraining(model, spec);
  assert.deepEqual(plan[0].kinds, ['conv2d', 'max_pool'], 'the notebook model starts with the fused block');
  const inputs = tf.tidy(() => tf.abs(randomTensor([4, 32, 32, 1], 9)) as tf.Tensor4D);
  const context = { seed: 1, step: 1, shard: 0, updateStatistics: false, after: [] };
  const fused = Array.from(tf.tidy(() => trainingForward(plan, inputs, context)).dataSync());
  const predicted = Array.from(tf.tidy(() => model.predict(inputs) as tf.Tensor).dataSync());
  assertClose(fused, predicted, 'logits');
  inputs.dispose();
  model.dispose();
});

after(async () => {
  await startBackend('wasm');
});
