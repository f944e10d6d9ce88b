import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  hasTfjsOverride,
  registerTfjsOverrides,
  restoreStockKernels,
  TFJS_OVERRIDES,
} from '../../src/model/backends/wasm/tfjs-overrides.js';
import { createRandom } from '../../src/random.js';

// Every test sets the backends and kernels it needs, so that the tests do not
// depend on their order.

interface Values {
  shape: number[];
  values: Float32Array;
}

function randomValues(shape: number[], seed: number, options: { reluLike?: boolean; ties?: boolean } = {}): Values {
  const random = createRandom(seed);
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1)).map(() => {
    // Box-Muller: roughly normal values.
    const v = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    if (options.ties) return Math.round(v * 2) / 2; // many equal values
    return options.reluLike ? Math.max(0, v) : v;
  });
  return { shape, values };
}

/** Runs one kernel on a backend, with inputs made there from plain arrays. */
async function runKernel(
  backend: string, kernel: string, inputs: Record<string, Values>, attrs: Record<string, unknown>,
): Promise<Values> {
  await tf.setBackend(backend);
  await tf.ready();
  const tensors: tf.NamedTensorMap = {};
  for (const [name, input] of Object.entries(inputs)) tensors[name] = tf.tensor(input.values, input.shape);
  const out = tf.engine().runKernel(kernel, tensors, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  const result = { shape: out.shape.slice(), values: (await out.data()) as Float32Array };
  tf.dispose([out, ...Object.values(tensors)]);
  return result;
}

const references = new Map<string, Promise<Values>>();

/**
 * Stock CPU result of a kernel (the reference). Memoized by `key` (the stock
 * CPU filter gradient takes seconds), so that tests can share references
 * without depending on each other's order.
 */
async function stockCpu(kernel: string, inputs: Record<string, Values>, attrs: Record<string, unknown>, key?: string) {
  const compute = async () => {
    restoreStockKernels('cpu');
    return runKernel('cpu', kernel, inputs, attrs);
  };
  if (key === undefined) return compute();
  if (!references.has(key)) references.set(key, compute());
  return references.get(key)!;
}

function assertClose(actual: Values, expected: Values, what: string, rtol = 1e-4): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  let scale = 0;
  for (const v of expected.values) scale = Math.max(scale, Math.abs(v));
  const atol = rtol * Math.max(scale, 1e-6);
  for (let i = 0; i < expected.values.length; i++) {
    const a = actual.values[i];
    const e = expected.values[i];
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      assert.fail(`${what}: element ${i} is ${a}, expected ${e} (scale ${scale})`);
    }
  }
}

interface ConvCase {
  x: number[];
  filter: [number, number];
  outChannels: number;
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
}

const CONV_CASES: ConvCase[] = [
  { x: [32, 32, 32, 1], filter: [3, 3], outChannels: 32, strides: 1, pad: 'valid' }, // the model, grayscale
  { x: [4, 32, 32, 3], filter: [3, 3], outChannels: 64, strides: 1, pad: 'valid' }, // RGB, wider
  { x: [3, 11, 9, 2], filter: [3, 3], outChannels: 5, strides: 2, pad: 'valid' },
  { x: [3, 11, 9, 2], filter: [3, 3], outChannels: 5, strides: 2, pad: 'same' },
  { x: [2, 10, 10, 4], filter: [5, 3], outChannels: 3, strides: [1, 2], pad: 'same' },
  { x: [2, 7, 8, 3], filter: [2, 2], outChannels: 4, strides: 3, pad: 1 },
  { x: [1, 6, 6, 1], filter: [1, 1], outChannels: 1, strides: 1, pad: 'valid' },
];

function convInputs(c: ConvCase, seed: number): { inputs: Record<string, Values>; attrs: Record<string, unknown> } {
  const filterShape = [...c.filter, c.x[3], c.outChannels] as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    c.x as [number, number, number, number], filterShape, c.strides, 1, c.pad);
  return {
    inputs: { x: randomValues(c.x, seed, { reluLike: seed % 2 === 0 }), dy: randomValues(info.outShape, seed + 1) },
    attrs: { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape },
  };
}

test('Conv2DBackpropFilter on wasm matches the stock CPU kernel', async () => {
  registerTfjsOverrides('wasm');
  for (const [i, c] of CONV_CASES.entries()) {
    const { inputs, attrs } = convInputs(c, 100 + i);
    const expected = await stockCpu('Conv2DBackpropFilter', inputs, attrs, `conv ${i}`);
    const actual = await runKernel('wasm', 'Conv2DBackpropFilter', inputs, attrs);
    assertClose(actual, expected, `case ${i} ${JSON.stringify(c)}`);
  }
});

test('Conv2DBackpropFilter on wasm splits large batches and gets the same sums', async () => {
  // The im2col matrix needs several chunks: 9 taps × 64 channels × 30 × 30
  // values per image (the P^T @ dy product), and 520 images of 9 × 30 × 30
  // (the dy^T @ P product). The reference is the CPU loop kernel (checked
  // against the stock one in the next test; the stock one takes minutes here).
  const cases: ConvCase[] = [
    { x: [20, 32, 32, 64], filter: [3, 3], outChannels: 8, strides: 1, pad: 'valid' },
    { x: [520, 32, 32, 1], filter: [3, 3], outChannels: 9, strides: 1, pad: 'valid' },
  ];
  for (const [i, c] of cases.entries()) {
    const { inputs, attrs } = convInputs(c, 7 + i);
    registerTfjsOverrides('cpu');
    const expected = await runKernel('cpu', 'Conv2DBackpropFilter', inputs, attrs);
    restoreStockKernels('cpu');
    registerTfjsOverrides('wasm');
    assertClose(await runKernel('wasm', 'Conv2DBackpropFilter', inputs, attrs), expected, `chunked case ${i}`);
  }
});

test('Conv2DBackpropFilter on the CPU backend matches its stock kernel', async () => {
  for (const [i, c] of CONV_CASES.entries()) {
    const { inputs, attrs } = convInputs(c, 100 + i);
    const expected = await stockCpu('Conv2DBackpropFilter', inputs, attrs, `conv ${i}`);
    registerTfjsOverrides('cpu');
    assertClose(await runKernel('cpu', 'Conv2DBackpropFilter', inputs, attrs), expected, `case ${i}`);
  }
  restoreStockKernels('cpu');
});

test('Conv2DBackpropFilter refuses what it does not support, with a clear message', async () => {
  registerTfjsOverrides('wasm');
  const { inputs, attrs } = convInputs(CONV_CASES[2], 1);
  await assert.rejects(runKernel('wasm', 'Conv2DBackpropFilter', inputs, { ...attrs, dataFormat: 'NCHW' }),
    /Conv2DBackpropFilter on 'wasm': data format NCHW is not supported \(only NHWC\)/);
  await assert.rejects(runKernel('wasm', 'Conv2DBackpropFilter', inputs, { ...attrs, dilations: 2 }),
    /Conv2DBackpropFilter on 'wasm': dilations 2 are not supported \(only 1\)/);
  // Through the public op, on the model's path: a dilated convolution's gradient.
  await tf.setBackend('wasm');
  const x = tf.ones([1, 8, 8, 1]);
  const filter = tf.ones([3, 3, 1, 2]);
  assert.throws(() => tf.grad((f: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid', 'NHWC', 2))(filter),
    /dilation/i);
  tf.dispose([x, filter]);
});

interface PoolCase {
  x: number[];
  filter: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same';
  ties?: boolean;
}

const POOL_CASES: PoolCase[] = [
  { x: [32, 30, 30, 32], filter: 3, strides: 3, pad: 'valid' }, // the model
  { x: [4, 30, 30, 8], filter: 3, strides: 3, pad: 'valid', ties: true }, // relu zeros and equal values
  { x: [2, 9, 7, 3], filter: 3, strides: 1, pad: 'valid', ties: true }, // overlapping windows
  { x: [2, 9, 7, 3], filter: 3, strides: 2, pad: 'same', ties: true },
  { x: [3, 8, 10, 5], filter: [2, 3], strides: [2, 1], pad: 'same' },
  { x: [1, 5, 5, 2], filter: 4, strides: 4, pad: 'valid' }, // rows and columns left out
];

async function poolInputs(c: PoolCase, seed: number, backend: string) {
  const x = randomValues(c.x, seed, { reluLike: true, ties: c.ties });
  await tf.setBackend(backend);
  const xt = tf.tensor4d(x.values, x.shape as [number, number, number, number]);
  const y = tf.maxPool(xt, c.filter, c.strides, c.pad);
  const output = { shape: y.shape.slice(), values: (await y.data()) as Float32Array };
  tf.dispose([xt, y]);
  return {
    inputs: { dy: randomValues(output.shape, seed + 1), input: x, output },
    attrs: { filterSize: c.filter, strides: c.strides, pad: c.pad },
  };
}

test('MaxPoolGrad on wasm and CPU matches the stock CPU kernel, ties included', async () => {
  for (const [i, c] of POOL_CASES.entries()) {
    const { inputs, attrs } = await poolInputs(c, 300 + i, 'cpu');
    const expected = await stockCpu('MaxPoolGrad', inputs, attrs);
    registerTfjsOverrides('wasm');
    registerTfjsOverrides('cpu');
    assertClose(await runKernel('wasm', 'MaxPoolGrad', inputs, attrs), expected, `wasm case ${i}`, 1e-6);
    assertClose(await runKernel('cpu', 'MaxPoolGrad', inputs, attrs), expected, `cpu case ${i}`, 1e-6);
  }
  restoreStockKernels('cpu');
});

test('MaxPoolGrad gives each window to its first maximum even where output does not match x', async () => {
  // A window of NaN and numbers: no element equals the NaN maximum.
  const input = { shape: [1, 2, 2, 1], values: new Float32Array([1, Number.NaN, 3, 2]) };
  const inputs = { input, output: { shape: [1, 1, 1, 1], values: new Float32Array([Number.NaN]) }, dy: { shape: [1, 1, 1, 1], values: new Float32Array([5]) } };
  registerTfjsOverrides('wasm');
  const actual = await runKernel('wasm', 'MaxPoolGrad', inputs, { filterSize: 2, strides: 2, pad: 'valid' });
  assert.deepEqual([...actual.values], [0, 0, 5, 0]);
});

test('Sum over leading axes, and every other Sum, match the stock CPU kernel', async () => {
  const cases: Array<{ shape: number[]; axis: number[] | number; keepDims: boolean }> = [
    { shape: [32, 30, 30, 32], axis: [0, 1, 2], keepDims: false }, // a conv bias gradient
    { shape: [32, 30, 30, 32], axis: [2, 1, 0], keepDims: true },
    { shape: [4097, 7], axis: 0, keepDims: false }, // rows not a multiple of four
    { shape: [64, 300], axis: [-2], keepDims: false },
    { shape: [32, 30, 30, 32], axis: [1, 2], keepDims: false }, // not leading: the stock path
    { shape: [300, 64], axis: 1, keepDims: true },
    { shape: [32, 11], axis: 0, keepDims: false }, // small: the stock path
  ];
  for (const [i, c] of cases.entries()) {
    const inputs = { x: randomValues(c.shape, 400 + i) };
    const attrs = { axis: c.axis, keepDims: c.keepDims };
    const expected = await stockCpu('Sum', inputs, attrs);
    registerTfjsOverrides('wasm');
    registerTfjsOverrides('cpu');
    assertClose(await runKernel('wasm', 'Sum', inputs, attrs), expected, `wasm case ${i}`);
    assertClose(await runKernel('cpu', 'Sum', inputs, attrs), expected, `cpu case ${i}`);
  }
  restoreStockKernels('cpu');
});

test('BatchMatMul on wasm matches the stock CPU kernel with every transpose', async () => {
  registerTfjsOverrides('wasm');
  const cases: Array<{ a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }> = [
    { a: [32, 3200], b: [3200, 64], transposeA: false, transposeB: false },
    { a: [32, 64], b: [3200, 64], transposeA: false, transposeB: true }, // dense input gradient
    { a: [32, 3200], b: [32, 64], transposeA: true, transposeB: false }, // dense weight gradient
    { a: [64, 32], b: [11, 64], transposeA: true, transposeB: true },
    { a: [5, 4], b: [5, 300], transposeA: true, transposeB: false }, // reversed rewrite wins
    { a: [3, 7, 5], b: [3, 6, 5], transposeA: false, transposeB: true }, // batched
    { a: [1, 5, 7], b: [4, 5, 6], transposeA: true, transposeB: false }, // broadcast batch
    { a: [1, 32, 11], b: [1, 64, 11], transposeA: false, transposeB: true },
    { a: [32, 6400], b: [6400, 128], transposeA: false, transposeB: false }, // a new large right operand: reversed
  ];
  for (const [i, c] of cases.entries()) {
    const inputs = { a: randomValues(c.a, 500 + i), b: randomValues(c.b, 600 + i) };
    const attrs = { transposeA: c.transposeA, transposeB: c.transposeB };
    const expected = await stockCpu('BatchMatMul', inputs, attrs);
    assertClose(await runKernel('wasm', 'BatchMatMul', inputs, attrs), expected, `case ${i} ${JSON.stringify(c)}`);
  }
  // The same right operand twice: the second product takes the stock path (XNNPACK's cached weights).
  await tf.setBackend('wasm');
  const a = tf.tensor(randomValues([32, 6400], 1).values, [32, 6400]);
  const b = tf.tensor(randomValues([6400, 128], 2).values, [6400, 128]);
  const first = tf.matMul(a, b);
  const second = tf.matMul(a, b);
  assertClose({ shape: second.shape, values: (await second.data()) as Float32Array },
    { shape: first.shape, values: (await first.data()) as Float32Array }, 'second product');
  tf.dispose([a, b, first, second]);
});

test('the kernels free every intermediate buffer on wasm', async () => {
  registerTfjsOverrides('wasm');
  await tf.setBackend('wasm');
  const x = tf.tensor(randomValues([20, 32, 32, 64], 1).values, [20, 32, 32, 64]) as tf.Tensor4D;
  const dy = tf.tensor(randomValues([20, 30, 30, 8], 2).values, [20, 30, 30, 8]) as tf.Tensor4D;
  const a = tf.tensor(randomValues([32, 64], 3).values, [32, 64]);
  const b = tf.tensor(randomValues([3200, 64], 4).values, [3200, 64]);
  const c = tf.tensor(randomValues([5, 3200], 5).values, [5, 3200]);
  const h = tf.tensor(randomValues([32, 6400], 6).values, [32, 6400]);
  const run = () => {
    const outs = [
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy },
        { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 64, 8] }) as tf.Tensor,
      tf.matMul(a, b, false, true), tf.matMul(b, c, true, true), tf.matMul(a, a, true, false),
      tf.sum(dy, [0, 1, 2]),
      tf.tidy(() => tf.matMul(h, tf.reshape(tf.concat([b, b, b, b]), [6400, 128]))), // a new right operand: reversed
    ];
    const pooled = tf.maxPool(x, 3, 3, 'valid');
    outs.push(tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 3, 3, 'valid'))(x), pooled);
    tf.dispose(outs);
  };
  run();
  const before = tf.memory();
  const backend = tf.backend() as unknown as { dataIdMap: { numDataIds(): number } };
  const ids = backend.dataIdMap.numDataIds();
  run();
  assert.equal(tf.memory().numTensors, before.numTensors);
  assert.equal(tf.memory().numBytes, before.numBytes);
  assert.equal(backend.dataIdMap.numDataIds(), ids);
  tf.dispose([x, dy, a, b, c, h]);
});

test('Identity and same-dtype Cast on wasm share the data and free it with the last user', async () => {
  registerTfjsOverrides('wasm');
  await tf.setBackend('wasm');
  const backend = tf.backend() as unknown as { dataIdMap: { numDataIds(): number } };
  const ids = backend.dataIdMap.numDataIds();
  const x = tf.tensor([1.5, -2, 3], [3]);
  const copies = [tf.clone(x), tf.cast(x, 'float32'), tf.engine().runKernel('Identity', { x }) as tf.Tensor];
  const asInt = tf.cast(x, 'int32'); // another dtype: the stock copy
  assert.equal(backend.dataIdMap.numDataIds(), ids + 2);
  x.dispose();
  for (const copy of copies) assert.deepEqual([...(await copy.data())], [1.5, -2, 3]);
  assert.deepEqual([...(await asInt.data())], [1, -2, 3]);
  tf.dispose([...copies, asInt]);
  assert.equal(backend.dataIdMap.numDataIds(), ids);
  const strings = tf.tensor(['a', 'b']);
  const stringCopy = tf.clone(strings);
  assert.deepEqual(await stringCopy.data(), ['a', 'b']);
  tf.dispose([strings, stringCopy]);
});

test('registration is idempotent and can be undone', async () => {
  const warnings: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args);
  try {
    for (const backend of ['wasm', 'cpu']) {
      registerTfjsOverrides(backend);
      const first = TFJS_OVERRIDES[backend].map((name) => tf.getKernel(name, backend)?.kernelFunc);
      registerTfjsOverrides(backend);
      const second = TFJS_OVERRIDES[backend].map((name) => tf.getKernel(name, backend)?.kernelFunc);
      assert.deepEqual(second, first, `${backend}: a second call replaced kernels`);
      for (const name of TFJS_OVERRIDES[backend]) assert.ok(hasTfjsOverride(name, backend), `${backend} ${name}`);
    }
    restoreStockKernels('cpu');
    assert.ok(!hasTfjsOverride('MaxPoolGrad', 'cpu'));
    assert.ok(tf.getKernel('MaxPoolGrad', 'cpu') != null, 'the stock CPU MaxPoolGrad is back');
    registerTfjsOverrides('cpu');
    assert.ok(hasTfjsOverride('MaxPoolGrad', 'cpu'));
    restoreStockKernels('cpu');
    // A backend without training kernels is left alone.
    registerTfjsOverrides('webgl');
    assert.deepEqual(warnings, []);
  } finally {
    console.warn = warn;
  }
});

function createModel(channels: number, conv: number, dense: number, seed: number): tfl.Sequential {
  const init = (layer: number) => ({
    kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + layer }),
    biasInitializer: tfl.initializers.zeros(),
  });
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [32, 32, channels], filters: conv, kernelSize: 3, activation: 'relu', ...init(0) }),
      tfl.layers.maxPooling2d({ poolSize: 3, strides: 3 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: dense, activation: 'relu', ...init(1) }),
      tfl.layers.dense({ units: 11, ...init(2) }),
    ],
  });
}

function batch(channels: number, seed: number): { xs: tf.Tensor; ys: tf.Tensor } {
  const x = randomValues([32, 32, 32, channels], seed);
  const random = createRandom(seed + 1);
  const labels = Array.from({ length: 32 }, () => Math.floor(random() * 11));
  return { xs: tf.tensor(x.values, x.shape), ys: tf.oneHot(tf.tensor1d(labels, 'int32'), 11) };
}

test('the model trains on wasm after registration and its loss decreases', async () => {
  registerTfjsOverrides('wasm');
  await tf.setBackend('wasm');
  for (const channels of [1, 3]) {
    const model = createModel(channels, 32, 64, 11);
    model.compile({ optimizer: tf.train.adam(1e-3), loss: tf.losses.softmaxCrossEntropy });
    const { xs, ys } = batch(channels, 12);
    const losses: number[] = [];
    for (let step = 0; step < 2; step++) losses.push(Number(await model.trainOnBatch(xs, ys)));
    const tensors = tf.memory().numTensors;
    const backend = tf.backend() as unknown as { dataIdMap: { numDataIds(): number } };
    const ids = backend.dataIdMap.numDataIds();
    for (let step = 2; step < 8; step++) losses.push(Number(await model.trainOnBatch(xs, ys)));
    assert.equal(tf.memory().numTensors, tensors, 'tensors leaked by a training step');
    assert.equal(backend.dataIdMap.numDataIds(), ids, 'wasm buffers leaked by a training step');
    assert.ok(losses.every(Number.isFinite), `losses ${losses}`);
    assert.ok(losses[losses.length - 1] < losses[0] * 0.8, `loss did not decrease: ${losses}`);
    model.dispose();
    tf.dispose([xs, ys]);
  }
});

test('the model gradients on wasm match the stock CPU backend', async () => {
  registerTfjsOverrides('wasm');
  const gradients = async (backend: string) => {
    await tf.setBackend(backend);
    const model = createModel(1, 32, 64, 21);
    const { xs, ys } = batch(1, 22);
    const { value, grads } = tf.variableGrads(() =>
      tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar);
    const result = await Promise.all(model.trainableWeights.map(async (w) => ({
      name: w.originalName,
      shape: grads[w.name].shape.slice(),
      values: (await grads[w.name].data()) as Float32Array,
    })));
    const loss = (await value.data())[0];
    tf.dispose([value, xs, ys, ...Object.values(grads)]);
    model.dispose();
    return { loss, result };
  };
  restoreStockKernels('cpu');
  const expected = await gradients('cpu');
  const actual = await gradients('wasm');
  assert.ok(Math.abs(actual.loss - expected.loss) < 1e-4 * Math.abs(expected.loss), `loss ${actual.loss} vs ${expected.loss}`);
  assert.equal(actual.result.length, 6);
  for (const [i, g] of actual.result.entries()) assertClose(g, expected.result[i], `gradient of ${g.name}`, 1e-3);
});
