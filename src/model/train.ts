// The training loop: seeded shuffle per epoch, Adam on softmax cross-entropy
// from logits, and per-epoch train and validation loss/accuracy. A custom
// loop rather than model.fit(): fit's shuffle uses Math.random, and building
// each batch here from the uint8 pixel buffer with one tensor op keeps the
// number of small ops (and memory) per batch low.

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { EpochStats } from '../record.js';
import { createRandom, shuffled } from '../random.js';
import type { OptimizerSettings } from './optimizer.js';
import type { ModelSpec } from './build.js';
import { scoreLogits } from './evaluate.js';
import { finishStep, planTraining, trainingForward, type StepContext } from './step.js';

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

/** tfjs's optimizer for the settings, with torch's constants; AdamW's decoupled decay is applied by the loop. */
function tfjsOptimizer(settings: OptimizerSettings): tf.Optimizer {
  // β and ε as torch.optim.Adam's defaults (tfjs's default ε is 1e-7), as in the notebook.
  if (settings.name === 'sgd') {
    // tfjs's momentum is torch's SGD with dampening 0: buffer = momentum · buffer + g (the first buffer g), w -= lr · buffer.
    return (settings.momentum ?? 0) > 0 ? tf.train.momentum(settings.learningRate, settings.momentum!) : tf.train.sgd(settings.learningRate);
  }
  return tf.train.adam(settings.learningRate, 0.9, 0.999, 1e-8);
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

/** The order of the training images in `epoch`: a seeded shuffle, the same whichever loop trains. */
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

export async function trainModel(model: tfl.LayersModel, spec: ModelSpec, source: ImageTensorSource, options: TrainOptions): Promise<EpochStats[]> {
  const settings = optimizerOf(options);
  const optimizer = tfjsOptimizer(settings);
  const history: EpochStats[] = [];
  const validationLabels = labelsOf(source, options.validation);
  const plan = planTraining(model, spec);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const decay = settings.name === 'adamw' ? 1 - settings.learningRate * (settings.weightDecay ?? 0) : 1;
  let step = 0;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      const order = epochOrder(options, epoch);
      let lossSum = 0;
      let correctSum = 0;
      for (let start = 0; start < order.length; start += options.batchSize) {
        const end = Math.min(order.length, start + options.batchSize);
        step++;
        const context: StepContext = { seed: options.seed, step, shard: 0, updateStatistics: true, after: [] };
        const [loss, correct] = tf.tidy(() => {
          const inputs = imageBatch(source, order, start, end);
          const labels = tf.tensor1d(Int32Array.from(order.slice(start, end), (index) => source.labels[index]), 'int32');
          const targets = tf.oneHot(labels, options.classes);
          let correctCount: tf.Scalar | undefined;
          const { value, grads } = tf.variableGrads(() => {
            const logits = trainingForward(plan, inputs, context);
            correctCount = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar);
            return tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;
          }, variables);
          // AdamW (torch's order): the weights decay first, then Adam applies the gradient taken before the decay.
          if (decay !== 1) for (const variable of variables) variable.assign(tf.mul(variable, decay));
          optimizer.applyGradients(grads);
          return [tf.keep(value), correctCount!];
        });
        finishStep(context);
        // Reading back each batch costs a sync, but keeps memory flat and the numbers exact in float64.
        lossSum += (await readAndDispose(loss))[0] * (end - start);
        correctSum += (await readAndDispose(correct))[0];
      }
      const stats = await epochStats(model, source, options, validationLabels, epoch, { loss: lossSum, correct: correctSum }, started);
      history.push(stats);
      options.onEpoch?.(stats);
    }
  } finally {
    optimizer.dispose();
  }
  return history;
}
