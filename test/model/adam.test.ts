import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../../src/model/backend.js';
import { adamUpdate, TORCH_ADAM } from '../../src/model/adam.js';
import { createRandom } from '../../src/random.js';

function randomArray(length: number, seed: number, scale = 1): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length }, () => (random() * 2 - 1) * scale);
}

before(async () => {
  await startBackend('cpu');
});

test('adamUpdate follows tfjs Adam (ε 1e-8) step by step, with the gradient given in two parts', () => {
  const size = 50;
  const settings = { learningRate: 0.01, ...TORCH_ADAM };
  const weights = randomArray(size, 1);
  const variable = tf.variable(tf.tensor1d(weights));
  const optimizer = tf.train.adam(settings.learningRate, settings.beta1, settings.beta2, settings.epsilon);
  const firstMoment = new Float32Array(size);
  const secondMoment = new Float32Array(size);
  for (let step = 1; step <= 5; step++) {
    const first = randomArray(size, 10 * step, 0.5);
    const second = randomArray(size, 10 * step + 1, 0.5);
    const whole = first.map((value, index) => value + second[index]);
    optimizer.applyGradients([{ name: variable.name, tensor: tf.tensor1d(whole) }]);
    adamUpdate(weights, [first, second], firstMoment, secondMoment, step, settings);
    const expected = variable.dataSync();
    for (let index = 0; index < size; index++) {
      assert.ok(Math.abs(weights[index] - expected[index]) < 1e-5, `step ${step} [${index}]: ${weights[index]} vs ${expected[index]}`);
    }
  }
  optimizer.dispose();
  variable.dispose();
});

test('adamUpdate touches only its range, and two ranges make the whole update', () => {
  const settings = { learningRate: 0.001, ...TORCH_ADAM };
  const gradient = randomArray(10, 3);
  const whole = { weights: randomArray(10, 4), first: new Float32Array(10), second: new Float32Array(10) };
  const parts = { weights: whole.weights.slice(), first: new Float32Array(10), second: new Float32Array(10) };
  adamUpdate(whole.weights, [gradient], whole.first, whole.second, 1, settings);
  const untouched = parts.weights.slice();
  adamUpdate(parts.weights, [gradient], parts.first, parts.second, 1, settings, 0, 4);
  assert.deepEqual(parts.weights.subarray(4), untouched.subarray(4));
  assert.notDeepEqual(parts.weights.subarray(0, 4), untouched.subarray(0, 4));
  adamUpdate(parts.weights, [gradient], parts.first, parts.second, 1, settings, 4, 10);
  assert.deepEqual(parts, whole);
});
