import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../../src/model/backend.js';
import { createModel, type ModelSpec } from '../../src/model/build.js';
import { describePlan, dropoutSeed, finishStep, planTraining, trainingForward, type StepContext } from '../../src/model/step.js';
import { parseLayers } from '../../src/model/spec.js';

function randomTensor(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, 0, 1, 'float32', seed);
}

function context(overrides: Partial<StepContext> = {}): StepContext {
  return { seed: 3, step: 1, shard: 0, updateStatistics: false, after: [], ...overrides };
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tolerance = 1e-4): void {
  assert.equal(actual.length, expected.length, `${what}: lengths`);
  for (let index = 0; index < actual.length; index++) {
    const scale = Math.max(1, Math.abs(expected[index]));
    assert.ok(Math.abs(actual[index] - expected[index]) <= tolerance * scale, `${what}[${index}]: ${actual[index]} vs ${expected[index]}`);
  }
}

const TWO_BLOCKS = parseLayers(
  [
    { conv2d: { filters: 8, kernel: 3, padding: 'same' } },
    { max_pool: { size: 2 } },
    { conv2d: { filters: 12, kernel: 3 } },
    { max_pool: { size: 2 } },
    { dropout: { rate: 0.25 } },
    { flatten: {} },
    { dense: { units: 16 } },
  ],
  'test',
);

const OTHER_LAYERS = parseLayers(
  [
    { conv2d: { filters: 6, kernel: 5, stride: 2, activation: 'tanh' } },
    { avg_pool: { size: 2 } },
    { conv2d: { filters: 4, kernel: 2, padding: 'same', activation: 'sigmoid' } },
    { global_avg_pool: {} },
    { dense: { units: 10, activation: 'tanh' } },
    { dense: { units: 7, activation: 'none' } },
  ],
  'test',
);

for (const [name, layers] of [['two conv blocks, same padding, dropout', TWO_BLOCKS], ['strides, average pools, tanh, sigmoid, global pooling', OTHER_LAYERS]] as const) {
  test(`the training pass computes what model.predict computes: ${name}`, async () => {
    await startBackend('wasm');
    // Dropout off (rate 0 in training would still be dropout): compare against a copy of the list without it.
    const withoutDropout = layers.filter((layer) => layer.kind !== 'dropout');
    const spec: ModelSpec = { inputShape: [16, 16, 1], classes: 5, layers: withoutDropout, seed: 4 };
    const model = createModel(spec);
    const inputs = randomTensor([3, 16, 16, 1], 8) as tf.Tensor4D;
    const trained = tf.tidy(() => trainingForward(planTraining(model, spec), inputs, context()).dataSync());
    const predicted = tf.tidy(() => (model.predict(inputs) as tf.Tensor).dataSync());
    assertClose(trained, predicted, 'logits');
    inputs.dispose();
    model.dispose();
  });
}

test('the fused blocks give the gradients tfjs computes for the same layers, the second block included', async () => {
  await startBackend('wasm');
  const layers = TWO_BLOCKS.filter((layer) => layer.kind !== 'dropout');
  const spec: ModelSpec = { inputShape: [16, 16, 1], classes: 4, layers, seed: 2 };
  const model = createModel(spec);
  const plan = planTraining(model, spec);
  assert.deepEqual(plan.map((step) => step.kinds.join('+')), ['conv2d+max_pool', 'conv2d+max_pool', 'flatten', 'dense', 'output']);
  const inputs = randomTensor([4, 16, 16, 1], 5) as tf.Tensor4D;
  const targets = tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 4);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const loss = (logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;
  const fused = tf.variableGrads(() => loss(trainingForward(plan, inputs, context())), variables);
  // tfjs's own ops for the same model: the layers model's apply in inference mode has no dropout to differ.
  const reference = tf.variableGrads(() => loss(model.apply(inputs) as tf.Tensor), variables);
  for (const variable of variables) {
    assertClose(fused.grads[variable.name].dataSync(), reference.grads[variable.name].dataSync(), variable.name, 2e-3);
  }
  // The first conv layer's gradient is only right if the second block passed its input gradient back.
  assert.ok(Math.max(...Array.from(fused.grads[variables[0].name].dataSync(), Math.abs)) > 0);
  tf.dispose([inputs, targets, fused.value, reference.value, ...Object.values(fused.grads), ...Object.values(reference.grads)]);
  model.dispose();
});

test('dropout draws one seeded mask per run, step, layer and thread, scaled by 1 / (1 - rate)', async () => {
  await startBackend('wasm');
  const layers = parseLayers([{ flatten: {} }, { dropout: { rate: 0.5 } }], 'test');
  const spec: ModelSpec = { inputShape: [8, 8, 1], classes: 2, layers, seed: 1 };
  const model = createModel(spec);
  const plan = planTraining(model, spec);
  const dropout = plan[1];
  const ones = tf.ones([4, 64]);
  const maskOf = (stepContext: StepContext) => Array.from(tf.tidy(() => dropout.forward(ones, stepContext).dataSync()));
  const first = maskOf(context());
  assert.deepEqual(maskOf(context()), first, 'the same step draws the same mask');
  assert.notDeepEqual(maskOf(context({ step: 2 })), first, 'another step draws another mask');
  assert.notDeepEqual(maskOf(context({ shard: 1 })), first, 'the other thread draws another mask');
  assert.ok(first.every((value) => value === 0 || value === 2), 'kept values are scaled by 2');
  const kept = first.filter((value) => value === 2).length / first.length;
  assert.ok(kept > 0.3 && kept < 0.7, `about half kept, got ${kept}`);
  assert.notEqual(dropoutSeed(context(), 2), dropoutSeed(context(), 3));
  ones.dispose();
  model.dispose();
});

test('batch norm trains on batch statistics and updates its running statistics as PyTorch does', async () => {
  await startBackend('wasm');
  const layers = parseLayers([{ flatten: {} }, { batch_norm: {} }], 'test');
  const spec: ModelSpec = { inputShape: [1, 1, 2], classes: 2, layers, seed: 1 };
  const model = createModel(spec);
  const plan = planTraining(model, spec);
  const batchNorm = plan[1];
  const x = tf.tensor2d([[1, 10], [3, 20], [5, 60]]);
  const stepContext = context({ updateStatistics: true });
  const normalised = tf.tidy(() => batchNorm.forward(x, stepContext).arraySync()) as number[][];
  // Column 0: mean 3, biased variance 8/3: (1 - 3) / √(8/3 + 1e-5).
  assert.ok(Math.abs(normalised[0][0] - -2 / Math.sqrt(8 / 3 + 1e-5)) < 1e-5);
  finishStep(stepContext);
  const [, , movingMean, movingVariance] = model.getLayer('layer2_batch_norm').weights.map((weight) => Array.from(weight.read().dataSync()));
  assertClose(movingMean, [0.9 * 0 + 0.1 * 3, 0.1 * 30], 'running mean');
  // Unbiased variance: column 0 is 4, column 1 is 700.
  assertClose(movingVariance, [0.9 + 0.1 * 4, 0.9 + 0.1 * 700], 'running variance');
  x.dispose();
  model.dispose();
});

test('the plan says which layers run on the WebAssembly kernels and which on tfjs', async () => {
  await startBackend('wasm');
  const layers = parseLayers([{ conv2d: { filters: 8, kernel: 3 } }, { max_pool: { size: 2 } }, { batch_norm: {} }, { flatten: {} }, { dense: { units: 16 } }], 'test');
  const spec: ModelSpec = { inputShape: [12, 12, 1], classes: 3, layers, seed: 1 };
  const model = createModel(spec);
  const unused = (() => assert.fail('not called')) as never;
  const plan = planTraining(model, spec, { blockGradients: () => unused, dense: () => unused });
  const { summary, engines } = describePlan(plan);
  assert.equal(summary, '3 of 5 layers on WASM kernels (conv2d + max_pool, dense); batch_norm, output on tfjs');
  assert.equal(engines.get(3), 'tfjs');
  assert.equal(engines.get(5), 'wasm');
  assert.equal(describePlan(planTraining(model, spec)).summary, '0 of 5 layers on WASM kernels; conv2d + max_pool in JavaScript; batch_norm, dense, output on tfjs');
  model.dispose();
});

after(async () => {
  await startBackend('wasm');
});
