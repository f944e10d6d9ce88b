import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../../src/model/backend.js';
import { adamUpdate, type AdamBuffers } from '../../src/model/backends/wasm/adam.js';
import { TORCH_ADAM } from '../../src/model/optimizer.js';
import { createSharedMemory, instantiateSimdModule } from '../../src/model/backends/wasm/simd.js';
import { createRandom } from '../../src/random.js';

function randomArray(length: number, seed: number, scale = 1): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length }, () => (random() * 2 - 1) * scale);
}

/** Adam's five arrays of `size` floats, one after another in a fresh shared memory. */
function arena(size: number) {
  const memory = createSharedMemory(5 * size * 4);
  const buffers: AdamBuffers = { weights: 0, firstMoment: size * 4, secondMoment: 2 * size * 4, gradients: [3 * size * 4, 4 * size * 4] };
  const view = (offset: number) => new Float32Array(memory.buffer, offset, size);
  return {
    kernels: instantiateSimdModule(memory),
    buffers,
    weights: view(buffers.weights),
    moments: [view(buffers.firstMoment), view(buffers.secondMoment)],
    gradients: buffers.gradients.map(view),
  };
}

before(async () => {
  await startBackend('cpu');
});

test('adamUpdate follows tfjs Adam (ε 1e-8) step by step, with the gradient given in two parts', () => {
  const size = 52;
  const settings = { learningRate: 0.01, ...TORCH_ADAM };
  const shared = arena(size);
  shared.weights.set(randomArray(size, 1));
  const variable = tf.variable(tf.tensor1d(shared.weights.slice()));
  const optimizer = tf.train.adam(settings.learningRate, settings.beta1, settings.beta2, settings.epsilon);
  for (let step = 1; step <= 5; step++) {
    shared.gradients[0].set(randomArray(size, 10 * step, 0.5));
    shared.gradients[1].set(randomArray(size, 10 * step + 1, 0.5));
    const whole = shared.gradients[0].map((value, index) => value + shared.gradients[1][index]);
    optimizer.applyGradients([{ name: variable.name, tensor: tf.tensor1d(whole) }]);
    adamUpdate(shared.kernels, shared.buffers, step, settings, 0, size);
    const expected = variable.dataSync();
    for (let index = 0; index < size; index++) {
      assert.ok(Math.abs(shared.weights[index] - expected[index]) < 1e-5, `step ${step} [${index}]: ${shared.weights[index]} vs ${expected[index]}`);
    }
  }
  optimizer.dispose();
  variable.dispose();
});

test('adamUpdate touches only its range, and two ranges make the whole update', () => {
  const settings = { learningRate: 0.001, ...TORCH_ADAM };
  const [whole, parts] = [arena(12), arena(12)];
  for (const shared of [whole, parts]) {
    shared.weights.set(randomArray(12, 4));
    shared.gradients[0].set(randomArray(12, 3));
  }
  adamUpdate(whole.kernels, whole.buffers, 1, settings, 0, 12);
  const untouched = parts.weights.slice();
  adamUpdate(parts.kernels, parts.buffers, 1, settings, 0, 4);
  assert.deepEqual(parts.weights.subarray(4), untouched.subarray(4));
  assert.notDeepEqual(parts.weights.subarray(0, 4), untouched.subarray(0, 4));
  adamUpdate(parts.kernels, parts.buffers, 1, settings, 4, 12);
  assert.deepEqual(parts.weights, whole.weights);
  assert.deepEqual(parts.moments, whole.moments);
  assert.throws(() => adamUpdate(parts.kernels, parts.buffers, 2, settings, 2, 12), /multiples of 4/);
});
