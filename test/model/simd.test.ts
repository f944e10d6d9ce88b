import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs-core's gradients, as it does in the app.
import '@tensorflow/tfjs-layers';
import { startBackend } from '../../src/model/backend.js';
import { convBlockGradients, convBlockOutputGradient, type ConvBlockShape } from '../../src/model/conv-block.js';
import {
  convBlockGradientsInWasm,
  convBlockScratchBytes,
  createSharedMemory,
  denseReluInWasm,
  denseScratchBytes,
  instantiateSimdModule,
} from '../../src/model/backends/wasm/simd.js';
import { createRandom } from '../../src/random.js';

function wasmGradients(shape: ConvBlockShape) {
  const bytes = Math.max(16, convBlockScratchBytes(shape));
  const memory = createSharedMemory(bytes + 64);
  // An offset that is not 0, as a shard's scratch space is.
  return convBlockGradientsInWasm(instantiateSimdModule(memory), memory, 64, bytes);
}

/** A conv block's forward values computed directly: relu(conv) and its max pool (with many ties: inputs take 3 values). */
function blockData(shape: ConvBlockShape, seed: number) {
  const { batch, height, width, channels, filters, kernel, pool } = shape;
  const random = createRandom(seed);
  const input = Float32Array.from({ length: batch * height * width * channels }, () => Math.floor(random() * 3) / 2);
  const weights = Float32Array.from({ length: kernel * kernel * channels * filters }, () => Math.round((random() * 2 - 1) * 4) / 4);
  const [convHeight, convWidth] = [height - kernel + 1, width - kernel + 1];
  const [pooledHeight, pooledWidth] = [Math.floor((convHeight - pool) / pool) + 1, Math.floor((convWidth - pool) / pool) + 1];
  const activation = new Float32Array(batch * convHeight * convWidth * filters);
  for (let b = 0; b < batch; b++) for (let y = 0; y < convHeight; y++) for (let x = 0; x < convWidth; x++) for (let f = 0; f < filters; f++) {
    let sum = 0.25 - (f % 3) * 0.25;
    for (let ky = 0; ky < kernel; ky++) for (let kx = 0; kx < kernel; kx++) for (let c = 0; c < channels; c++) {
      sum += input[((b * height + y + ky) * width + x + kx) * channels + c] * weights[((ky * kernel + kx) * channels + c) * filters + f];
    }
    activation[((b * convHeight + y) * convWidth + x) * filters + f] = Math.max(0, sum);
  }
  const pooled = new Float32Array(batch * pooledHeight * pooledWidth * filters);
  for (let b = 0; b < batch; b++) for (let qy = 0; qy < pooledHeight; qy++) for (let qx = 0; qx < pooledWidth; qx++) for (let f = 0; f < filters; f++) {
    let maximum = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < pool; i++) for (let j = 0; j < pool; j++) {
      maximum = Math.max(maximum, activation[((b * convHeight + qy * pool + i) * convWidth + qx * pool + j) * filters + f]);
    }
    pooled[((b * pooledHeight + qy) * pooledWidth + qx) * filters + f] = maximum;
  }
  const upstream = Float32Array.from(pooled, () => (random() < 0.2 ? 0 : random() * 2 - 1));
  return [input, activation, pooled, upstream] as const;
}

function assertClose(actual: Float32Array, expected: Float32Array, what: string) {
  assert.equal(actual.length, expected.length);
  const largest = Math.max(...Array.from(expected, Math.abs), 1e-6);
  for (let index = 0; index < expected.length; index++) {
    assert.ok(Math.abs(actual[index] - expected[index]) <= 1e-5 * largest, `${what}[${index}]: ${actual[index]} vs ${expected[index]}`);
  }
}

const SHAPES: ConvBlockShape[] = [
  { batch: 3, height: 32, width: 32, channels: 1, filters: 8, kernel: 3, pool: 3 },
  { batch: 2, height: 11, width: 11, channels: 1, filters: 4, kernel: 3, pool: 2 }, // windows leave the last row and column out
  // A second block's shapes: many channels in, other kernel sizes.
  { batch: 2, height: 16, width: 16, channels: 32, filters: 16, kernel: 3, pool: 2 },
  { batch: 2, height: 13, width: 12, channels: 3, filters: 8, kernel: 5, pool: 2 },
  { batch: 1, height: 9, width: 9, channels: 2, filters: 4, kernel: 1, pool: 3 },
  // Channels in fours take the kernel that goes four channels at a time: any filter count.
  { batch: 2, height: 10, width: 10, channels: 8, filters: 6, kernel: 3, pool: 2 },
];

for (const [index, shape] of SHAPES.entries()) {
  test(`the WebAssembly conv block gradient equals the JavaScript one, ties included (${JSON.stringify(shape)})`, () => {
    const data = blockData(shape, index + 1);
    const expected = convBlockGradients(...data, shape);
    assert.ok(expected.kernel.some((value) => value !== 0), 'the case has gradients');
    const actual = wasmGradients(shape)(...data, shape);
    assertClose(actual.kernel, expected.kernel, 'kernel gradient');
    assertClose(actual.bias, expected.bias, 'bias gradient');
  });
}

/** The input's gradient by definition: the winners' gradient (convBlockOutputGradient) back through the filter. */
function inputGradientByDefinition(activation: Float32Array, pooled: Float32Array, upstream: Float32Array, filter: Float32Array, shape: ConvBlockShape): Float32Array {
  const { batch, height, width, channels, filters, kernel } = shape;
  const [convHeight, convWidth] = [height - kernel + 1, width - kernel + 1];
  const outputGradient = convBlockOutputGradient(activation, pooled, upstream, shape);
  const gradient = new Float64Array(batch * height * width * channels);
  for (let b = 0; b < batch; b++) for (let y = 0; y < convHeight; y++) for (let x = 0; x < convWidth; x++) for (let f = 0; f < filters; f++) {
    const value = outputGradient[((b * convHeight + y) * convWidth + x) * filters + f];
    if (value === 0) continue;
    for (let ky = 0; ky < kernel; ky++) for (let kx = 0; kx < kernel; kx++) for (let c = 0; c < channels; c++) {
      gradient[((b * height + y + ky) * width + x + kx) * channels + c] += value * filter[((ky * kernel + kx) * channels + c) * filters + f];
    }
  }
  return Float32Array.from(gradient);
}

for (const shape of [
  { batch: 2, height: 16, width: 16, channels: 32, filters: 16, kernel: 3, pool: 2 },
  { batch: 3, height: 11, width: 10, channels: 4, filters: 8, kernel: 5, pool: 3 },
] satisfies ConvBlockShape[]) {
  test(`the WebAssembly input gradient of a later block equals its definition, ties included (${JSON.stringify(shape)})`, () => {
    const [input, activation, pooled, upstream] = blockData(shape, 4);
    const random = createRandom(12);
    const filter = Float32Array.from({ length: shape.kernel * shape.kernel * shape.channels * shape.filters }, () => random() * 2 - 1);
    const bytes = convBlockScratchBytes(shape, true);
    assert.ok(bytes > convBlockScratchBytes(shape), 'the input gradient takes scratch space of its own');
    const memory = createSharedMemory(64 + bytes);
    const result = convBlockGradientsInWasm(instantiateSimdModule(memory), memory, 64, bytes)(input, activation, pooled, upstream, shape, filter);
    const expected = inputGradientByDefinition(activation, pooled, upstream, filter, shape);
    assert.ok(expected.some((value) => value !== 0), 'the case has gradients');
    assertClose(result.input!, expected, 'input gradient');
    // Without the filter, or with too little space, no input gradient comes back (the caller computes it).
    assert.equal(convBlockGradientsInWasm(instantiateSimdModule(memory), memory, 64, bytes)(input, activation, pooled, upstream, shape).input, undefined);
    const small = convBlockScratchBytes(shape);
    assert.equal(convBlockGradientsInWasm(instantiateSimdModule(memory), memory, 64, small)(input, activation, pooled, upstream, shape, filter).input, undefined);
  });
}

test('WebAssembly: the first maximum of a window wins, and a window with maximum 0 passes nothing', () => {
  const shape: ConvBlockShape = { batch: 1, height: 5, width: 5, channels: 1, filters: 4, kernel: 3, pool: 3 };
  // One 3×3 window, four filters: each of the first three has its maximum 5 twice, at other positions; the fourth is all 0.
  const activation = new Float32Array(9 * 4);
  const ties = [[1, 4], [0, 8], [5, 7]];
  for (const [filter, positions] of ties.entries()) for (const position of positions) activation[position * 4 + filter] = 5;
  const input = Float32Array.from({ length: 25 }, (_, index) => index);
  const data = [input, activation, Float32Array.of(5, 5, 5, 0), Float32Array.of(1, 1, 1, 1)] as const;
  const actual = wasmGradients(shape)(...data, shape);
  assert.deepEqual(Array.from(actual.bias), [1, 1, 1, 0]);
  // Filter 0's winner is position 1 (row 0, column 1): its input patch is rows 0-2, columns 1-3.
  assert.deepEqual(Array.from({ length: 9 }, (_, tap) => actual.kernel[tap * 4]), [1, 2, 3, 6, 7, 8, 11, 12, 13]);
  assert.deepEqual(actual, convBlockGradients(...data, shape));
});

test('shapes the kernel does not cover (filters not a multiple of 4, too little scratch) get the JavaScript result', () => {
  const odd: ConvBlockShape = { batch: 2, height: 8, width: 8, channels: 3, filters: 5, kernel: 3, pool: 3 };
  assert.equal(convBlockScratchBytes(odd), 0);
  for (const shape of [odd]) {
    const data = blockData(shape, 9);
    assert.deepEqual(wasmGradients(shape)(...data, shape), convBlockGradients(...data, shape));
  }
  const big: ConvBlockShape = { batch: 4, height: 8, width: 8, channels: 1, filters: 4, kernel: 3, pool: 3 };
  const small: ConvBlockShape = { ...big, batch: 1 };
  const data = blockData(big, 10);
  const memory = createSharedMemory(convBlockScratchBytes(small));
  const tooSmall = convBlockGradientsInWasm(instantiateSimdModule(memory), memory, 0, convBlockScratchBytes(small));
  assert.deepEqual(tooSmall(...data, big), convBlockGradients(...data, big));
});

for (const [rows, inputs, units] of [[4, 20, 16], [3, 7, 32], [1, 5, 16]]) {
  test(`the WebAssembly dense layer: output and gradients equal tfjs's (${rows} rows, ${inputs} inputs, ${units} units)`, async () => {
    await startBackend('cpu');
    const random = createRandom(rows * 100 + units);
    const values = (count: number) => Float32Array.from({ length: count }, () => random() * 2 - 1);
    const [x, weights, bias, upstream] = [values(rows * inputs), values(inputs * units), values(units), values(rows * units)];
    const [wx, ww, wb, wu] = [tf.tensor2d(x, [rows, inputs]), tf.tensor2d(weights, [inputs, units]), tf.tensor1d(bias), tf.tensor2d(upstream, [rows, units])];
    const layer = (a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.relu(tf.add(tf.matMul(a as tf.Tensor2D, w as tf.Tensor2D), b));
    const expectedOutput = layer(wx, ww, wb).dataSync() as Float32Array;
    const [expectedInput, expectedWeights, expectedBias] = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(layer(a, w, b), wu)))([wx, ww, wb]);

    // Weights, bias, their gradients and the scratch space in one memory; the gradients start as garbage to be overwritten.
    const scratch = denseScratchBytes(rows, inputs, units);
    const at = { weights: 0, bias: inputs * units * 4, weightGradient: (inputs * units + units) * 4, biasGradient: (2 * inputs * units + units) * 4 };
    const scratchAt = Math.ceil((2 * inputs * units + 2 * units) * 4 / 16) * 16;
    const memory = createSharedMemory(scratchAt + scratch);
    new Float32Array(memory.buffer).fill(Number.NaN);
    new Float32Array(memory.buffer, at.weights, inputs * units).set(weights);
    new Float32Array(memory.buffer, at.bias, units).set(bias);
    const dense = denseReluInWasm(instantiateSimdModule(memory), memory, scratchAt, scratch, { ...at, inputs, units });
    const [output, inputGradient] = tf.tidy(() => {
      const { value, grads } = tf.valueAndGrads((a: tf.Tensor) => tf.sum(tf.mul(dense(a as tf.Tensor2D), wu)))([wx]);
      return [dense(wx).dataSync() as Float32Array, grads[0].dataSync() as Float32Array, value];
    });
    assertClose(output, expectedOutput, 'output');
    assertClose(inputGradient, expectedInput.dataSync() as Float32Array, 'input gradient');
    assertClose(new Float32Array(memory.buffer, at.weightGradient, inputs * units), expectedWeights.dataSync() as Float32Array, 'weight gradient');
    assertClose(new Float32Array(memory.buffer, at.biasGradient, units), expectedBias.dataSync() as Float32Array, 'bias gradient');
    tf.dispose([wx, ww, wb, wu, expectedInput, expectedWeights, expectedBias]);
  });
}

test('the WebAssembly dense layer applies only to a multiple of 16 units and refuses an input bigger than its scratch space', async () => {
  await startBackend('cpu');
  assert.equal(denseScratchBytes(16, 100, 24), 0);
  assert.ok(denseScratchBytes(16, 100, 32) > 0);
  const memory = createSharedMemory(denseScratchBytes(2, 4, 16) + 1024);
  const buffers = { weights: 0, bias: 256, weightGradient: 320, biasGradient: 576, inputs: 4, units: 16 };
  const dense = denseReluInWasm(instantiateSimdModule(memory), memory, 1024, denseScratchBytes(2, 4, 16), buffers);
  assert.throws(() => dense(tf.zeros([3, 4]) as tf.Tensor2D), /does not fit/);
});
