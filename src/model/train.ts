// The training loop, the one every backend trains with: seeded shuffle per
// epoch, batches in that order, one optimizer step per batch on softmax
// cross-entropy from logits, and per-epoch train and validation
// loss/accuracy. How a step is computed is the backend's step strategy
// (its trainer, backends/types.ts): the plain one here (the training forward
// of step.ts, tfjs's gradient, the update of tfjs-optimizer.ts), or WASM's
// data-parallel one (backends/wasm/two-threads.ts: each thread the gradient of
// its shard, the shards combined, the update in WebAssembly). A custom loop
// rather than model.fit(): fit's shuffle uses Math.random, and building each
// batch here from the uint8 pixel buffer with one tensor op keeps the number
// of small ops (and memory) per batch low.

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { EpochStats } from '../record.js';
import { createRandom, shuffled } from '../random.js';
import type { OptimizerSettings } from './optimizer.js';
import type { ModelSpec } from './build.js';
import { scoreLogits } from './evaluate.js';
import { describePlan, finishStep, planTraining, trainingForward, type PlannedLayer, type StepContext } from './step.js';
import type { Trainer } from './backends/types.js';
import { tfjsUpdate } from './tfjs-optimizer.js';

export interface ImageTensorSource {
  /** uint8 pixels, `imageShape` product bytes per image. */
  pixels: Uint8Array;
  /** Class index of every image. */
  labels: Int32Array;
  imageShape: [number, number, number];
}

export interface TrainOptions {
  train: number[];
  validation: number[];
  classes: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Default: Adam at learningRate. */
  optimizer?: OptimizerSettings;
  seed: number;
  onEpoch?: (stats: EpochStats) => void;
}

/** The optimizer a training uses: the options' own, or Adam at their learning rate. */
export function optimizerOf(options: TrainOptions): OptimizerSettings {
  return options.optimizer ?? { name: 'adam', learningRate: options.learningRate };
}

/** Scales the chosen images to [0, 1] floats in one tensor: the notebook's ToTensor step. */
export function imageBatch(source: ImageTensorSource, indices: ArrayLike<number>, start = 0, end = indices.length): tf.Tensor4D {
  const [height, width, channels] = source.imageShape;
  const imageBytes = height * width * channels;
  const count = end - start;
  const values = new Float32Array(count * imageBytes);
  for (let row = 0; row < count; row++) {
    const offset = indices[start + row] * imageBytes;
    const target = row * imageBytes;
    for (let byte = 0; byte < imageBytes; byte++) values[target + byte] = source.pixels[offset + byte] / 255;
  }
  return tf.tensor4d(values, [count, height, width, channels]);
}

const PREDICT_BATCH = 512;

/** A tensor's values, then the tensor disposed: read asynchronously, as a GPU backend needs (on WASM it resolves at once). */
export async function readAndDispose(tensor: tf.Tensor): Promise<Float32Array> {
  try {
    return (await tensor.data()) as Float32Array;
  } finally {
    tensor.dispose();
  }
}

/** Logits of the chosen images, row-major, predicted in large batches. */
export async function predictLogits(model: tfl.LayersModel, source: ImageTensorSource, indices: ArrayLike<number>): Promise<Float32Array> {
  const classes = (model.outputs[0].shape[1] as number) ?? 0;
  const logits = new Float32Array(indices.length * classes);
  for (let start = 0; start < indices.length; start += PREDICT_BATCH) {
    const end = Math.min(indices.length, start + PREDICT_BATCH);
    const values = await readAndDispose(tf.tidy(() => model.predict(imageBatch(source, indices, start, end)) as tf.Tensor));
    logits.set(values, start * classes);
  }
  return logits;
}

export function labelsOf(source: ImageTensorSource, indices: readonly number[]): Int32Array {
  return Int32Array.from(indices, (index) => source.labels[index]);
}

/** The order of the training images in `epoch`: a seeded shuffle. */
export function epochOrder(options: TrainOptions, epoch: number): number[] {
  return shuffled(options.train, createRandom(options.seed * 1_000_003 + epoch));
}

/** An epoch's record: its training sums and the model's validation scores at its end. */
export async function epochStats(
  model: tfl.LayersModel,
  source: ImageTensorSource,
  options: TrainOptions,
  validationLabels: Int32Array,
  epoch: number,
  sums: { loss: number; correct: number },
  started: number,
): Promise<EpochStats> {
  const validation = scoreLogits(await predictLogits(model, source, options.validation), validationLabels, options.classes);
  return {
    epoch,
    loss: sums.loss / options.train.length,
    accuracy: sums.correct / options.train.length,
    val_loss: validation.loss,
    val_accuracy: validation.accuracy,
    seconds: (performance.now() - started) / 1000,
  };
}

/** What one batch's step gave back: its loss summed over its images, in parts added in this order, and its correct count. */
export interface BatchResult {
  lossParts: number[];
  correct: number;
}

/**
 * How the one loop's steps are computed: a backend's choice (its trainer).
 * `step` trains on the images order[start, end) as optimizer step `step`
 * (1-based, counted over the whole training).
 */
export interface StepStrategy {
  /** Before an epoch's first step, with the epoch's order. */
  beginEpoch?(order: readonly number[]): void;
  step(order: readonly number[], start: number, end: number, step: number): BatchResult | Promise<BatchResult>;
  /** After an epoch's last step: the model's variables must then hold the weights (validation predicts with them). */
  endEpoch?(): void;
  dispose(): void;
}

/**
 * The images order[start, end) through the training forward: `loss` of
 * their one-hot targets and logits, its gradient with respect to
 * `variables`, and how many of them the logits got right (kept: the caller
 * disposes it). Inside tf.tidy; the step of every strategy computes its
 * batch, or its shard of one, with it.
 */
export function batchGradients(
  plan: readonly PlannedLayer[],
  source: ImageTensorSource,
  order: ArrayLike<number>,
  start: number,
  end: number,
  classes: number,
  context: StepContext,
  variables: tf.Variable[],
  loss: (targets: tf.Tensor, logits: tf.Tensor) => tf.Scalar,
): { value: tf.Scalar; grads: tf.NamedTensorMap; correct: tf.Scalar } {
  const inputs = imageBatch(source, order, start, end);
  const labels = tf.tensor1d(Int32Array.from({ length: end - start }, (_, row) => source.labels[order[start + row]]), 'int32');
  const targets = tf.oneHot(labels, classes);
  let correct: tf.Scalar | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const logits = trainingForward(plan, inputs, context);
    correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar);
    return loss(targets, logits);
  }, variables);
  return { value, grads, correct: correct! };
}

/** The plain step on any backend: the whole batch on this thread, tfjs's gradient of the training forward, the tfjs update. */
export function plainSteps(model: tfl.LayersModel, spec: ModelSpec, source: ImageTensorSource, options: TrainOptions): StepStrategy {
  const plan = planTraining(model, spec);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const update = tfjsUpdate(optimizerOf(options), variables);
  return {
    async step(order, start, end, step) {
      const context: StepContext = { seed: options.seed, step, shard: 0, updateStatistics: true, after: [] };
      const [loss, correct] = tf.tidy(() => {
        const { value, grads, correct: correctCount } = batchGradients(plan, source, order, start, end, options.classes, context, variables, (targets, logits) => tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar);
        update.apply(grads);
        return [tf.keep(value), correctCount];
      });
      finishStep(context);
      // Reading back each batch costs a sync, but keeps memory flat and the numbers exact in float64.
      const lossParts = [(await readAndDispose(loss))[0] * (end - start)];
      return { lossParts, correct: (await readAndDispose(correct))[0] };
    },
    dispose: () => update.dispose(),
  };
}

/** The one training loop (see the top of this file); `steps` default: the plain step. */
export async function trainModel(
  model: tfl.LayersModel,
  spec: ModelSpec,
  source: ImageTensorSource,
  options: TrainOptions,
  steps: StepStrategy = plainSteps(model, spec, source, options),
): Promise<EpochStats[]> {
  const history: EpochStats[] = [];
  const validationLabels = labelsOf(source, options.validation);
  let step = 0;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      const order = epochOrder(options, epoch);
      steps.beginEpoch?.(order);
      let lossSum = 0;
      let correctSum = 0;
      for (let start = 0; start < order.length; start += options.batchSize) {
        const end = Math.min(order.length, start + options.batchSize);
        step++;
        const result = await steps.step(order, start, end, step);
        // Summed in float64 in a fixed order: the same numbers however the step was computed.
        for (const part of result.lossParts) lossSum += part;
        correctSum += result.correct;
      }
      steps.endEpoch?.();
      const stats = await epochStats(model, source, options, validationLabels, epoch, { loss: lossSum, correct: correctSum }, started);
      history.push(stats);
      options.onEpoch?.(stats);
    }
  } finally {
    steps.dispose();
  }
  return history;
}

/** The plain trainer (see backends/types.ts): the one loop with the plain step, on this thread. */
export const plainTrainer: Trainer = {
  threads: 1,
  describe(model, spec, _batchSize, optimizer) {
    const { summary, engines } = describePlan(planTraining(model, spec));
    return { summary: `${summary}; optimizer ${optimizer.name} on tfjs`, engines };
  },
  train: (model, spec, source, options) => trainModel(model, spec, source, options),
  predict: predictLogits,
  close: async () => {},
};
