// Data-parallel training on two threads: this thread and one worker each
// compute the gradient of half of every batch, then each applies Adam to half
// of the weights, all in one shared WebAssembly memory where the kernels of
// simd/training.wat work (Adam, the conv block's gradient, the hidden dense
// layer); tfjs computes the rest of each half. A step of the tuned model on
// one WASM thread was ~24 ms; with both halves at once on two cores ~8 ms.
//
// Same inputs, same outputs: the split of every batch into two halves is
// fixed (it does not depend on the machine's core count), the two gradient
// halves are added in a fixed order, and the update of each weight is one
// pure function of them, so a run is bit-identical however the threads are
// scheduled. It is a different floating-point summation than one thread
// computing the whole batch, so its numbers differ from trainModel's in the
// last digits; the WASM backend always trains this way.

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { EpochStats } from '../../../record.js';
import { adamUpdate, TORCH_ADAM, type AdamBuffers } from './adam.js';
import { heapValues } from '../../conv-block.js';
import { layerName, shapedLayers, type ModelSpec } from '../../build.js';
import { samePadding } from '../../spec.js';
import type { OptimizerSettings } from '../../optimizer.js';
import { epochOrder, epochStats, imageBatch, labelsOf, optimizerOf, type ImageTensorSource, type TrainOptions } from '../../train.js';
import { describePlan, finishStep, isConvPoolBlock, planTraining, trainingForward, variablesOutsideTfjs, type FastParts, type PlannedLayer, type StepContext } from '../../step.js';
import {
  convBlockGradientsInWasm,
  convBlockScratchBytes,
  createSharedMemory,
  denseReluInWasm,
  denseScratchBytes,
  instantiateSimdModule,
} from './simd.js';

/** Threads that train together; fixed, so that results do not depend on the machine. */
export const SHARDS = 2;

/** Everything both threads share: shared buffers and one shared WebAssembly memory (both structured-cloneable to the worker). */
export interface SharedTraining {
  spec: ModelSpec;
  imageShape: [number, number, number];
  batchSize: number;
  optimizer: OptimizerSettings;
  pixels: SharedArrayBuffer;
  labels: SharedArrayBuffer;
  /** This epoch's order of training images, written by the main thread before each epoch. */
  order: SharedArrayBuffer;
  /**
   * The trainable weights (flat, in model.trainableWeights order), Adam's
   * moments and one gradient per shard, as float32 arrays of `paddedCount`
   * values in a memory that the WebAssembly kernels work on.
   */
  memory: WebAssembly.Memory;
  buffers: AdamBuffers;
  /** The number of weights, rounded up to a multiple of 4 for the SIMD kernels (the padding stays 0). */
  paddedCount: number;
  /**
   * Each shard's scratch space in `memory` starts at `offsets[shard]`; in it,
   * one region per layer that a WebAssembly kernel computes (see scratchLayout).
   */
  scratch: { offsets: number[]; regions: ScratchRegion[] };
  /** Per shard: loss sum and correct count of its part of the current batch. */
  batchStats: SharedArrayBuffer;
  /** Barrier counters and the failure flag (Int32: arrived, generation, failed). */
  control: SharedArrayBuffer;
}

const ARRIVED = 0;
const GENERATION = 1;
const FAILED = 2;
/** A partner silent for this long is taken to have died (a step takes milliseconds). */
const PARTNER_TIMEOUT_MS = 120_000;

export class PartnerFailedError extends Error {}

/** Waits until both threads arrive. Throws if the other thread has failed. */
function barrier(control: Int32Array): void {
  const generation = Atomics.load(control, GENERATION);
  if (Atomics.add(control, ARRIVED, 1) === SHARDS - 1) {
    Atomics.store(control, ARRIVED, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    return;
  }
  const deadline = performance.now() + PARTNER_TIMEOUT_MS;
  while (Atomics.load(control, GENERATION) === generation) {
    if (Atomics.load(control, FAILED) !== 0) throw new PartnerFailedError('the other training thread failed');
    if (performance.now() > deadline) throw new PartnerFailedError(`the other training thread did not answer for ${PARTNER_TIMEOUT_MS / 1000} s`);
    Atomics.wait(control, GENERATION, generation, 50);
  }
}

/** Tells the other thread to stop waiting: this one failed. */
export function signalFailure(shared: SharedTraining): void {
  const control = new Int32Array(shared.control);
  Atomics.store(control, FAILED, 1);
  Atomics.add(control, GENERATION, 1);
  Atomics.notify(control, GENERATION);
}

function trainableVariables(model: tfl.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}

/** Offset (in values) of each trainable variable in the flat weights; the flat layout is defined here. */
function flatOffsets(model: tfl.LayersModel): Map<tf.Variable, number> {
  const offsets = new Map<tf.Variable, number>();
  let offset = 0;
  for (const variable of trainableVariables(model)) {
    offsets.set(variable, offset);
    offset += variable.size;
  }
  return offsets;
}

/** Copies the model's trainable weights into `flat`. */
function readWeights(model: tfl.LayersModel, flat: Float32Array): void {
  for (const [variable, offset] of flatOffsets(model)) flat.set(heapValues(variable), offset);
}

/** Sets the variables at `offsets` (see flatOffsets) from `flat` (those in `only`, where given). */
function writeWeights(offsets: ReadonlyMap<tf.Variable, number>, flat: Float32Array, only?: ReadonlySet<tf.Variable>): void {
  for (const [variable, offset] of offsets) {
    if (only && !only.has(variable)) continue;
    tf.tidy(() => variable.assign(tf.tensor(flat.subarray(offset, offset + variable.size), variable.shape, 'float32')));
  }
}

/** A part of a shard's scratch space that one layer's WebAssembly kernel works in. */
export interface ScratchRegion {
  /** The layer's position in the list (a conv block: its conv layer's). */
  position: number;
  kind: 'conv-block' | 'dense';
  /** Byte offset from the shard's scratch start. */
  offset: number;
  bytes: number;
}

/**
 * The scratch regions for a shard of `rows` images: one per conv + max pool
 * block and per hidden dense ReLU layer that a WebAssembly kernel can serve
 * (the others get none and run in JavaScript or tfjs, see step.ts).
 */
export function scratchLayout(spec: ModelSpec, rows: number): ScratchRegion[] {
  const layers = shapedLayers(spec);
  const regions: ScratchRegion[] = [];
  let offset = 0;
  const add = (position: number, kind: ScratchRegion['kind'], bytes: number) => {
    if (bytes <= 0) return;
    regions.push({ position, kind, offset, bytes });
    offset += bytes;
  };
  layers.forEach((shaped, index) => {
    const layer = shaped.spec;
    const next = layers[index + 1]?.spec;
    if (layer.kind === 'conv2d' && next?.kind === 'max_pool' && isConvPoolBlock(layers, index)) {
      const pad = samePadding(layer);
      const [height, width, channels] = shaped.inputShape as [number, number, number];
      // A block after other layers passes its input's gradient back (step.ts).
      add(shaped.position, 'conv-block', convBlockScratchBytes({
        batch: rows, height: height + 2 * pad, width: width + 2 * pad, channels, filters: layer.filters, kernel: layer.kernel, pool: next.size,
      }, index > 0));
    } else if (layer.kind === 'dense' && layer.activation === 'relu') {
      add(shaped.position, 'dense', denseScratchBytes(rows, shaped.inputShape[0], layer.units));
    }
  });
  return regions;
}

/** The WebAssembly parts of the step for shard `shard`: each layer with a scratch region gets its kernel. */
function fastParts(
  model: tfl.LayersModel,
  shared: SharedTraining,
  shard: number,
  kernels: ReturnType<typeof instantiateSimdModule>,
  offsets: ReadonlyMap<tf.Variable, number>,
): FastParts {
  const base = shared.scratch.offsets[shard];
  const region = (position: number, kind: ScratchRegion['kind']) =>
    shared.scratch.regions.find((candidate) => candidate.position === position && candidate.kind === kind);
  return {
    blockGradients: (position) => {
      const found = region(position, 'conv-block');
      return found ? convBlockGradientsInWasm(kernels, shared.memory, base + found.offset, found.bytes) : undefined;
    },
    dense: (position) => {
      const found = region(position, 'dense');
      if (!found) return undefined;
      const [kernel, bias] = (model.getLayer(layerName(position, 'dense')).weights as unknown as { read(): tf.Variable }[]).map((weight) => weight.read());
      return denseReluInWasm(kernels, shared.memory, base + found.offset, found.bytes, {
        weights: shared.buffers.weights + offsets.get(kernel)! * 4,
        bias: shared.buffers.weights + offsets.get(bias)! * 4,
        weightGradient: shared.buffers.gradients[shard] + offsets.get(kernel)! * 4,
        biasGradient: shared.buffers.gradients[shard] + offsets.get(bias)! * 4,
        inputs: kernel.shape[0] as number,
        units: kernel.shape[1] as number,
      });
    },
  };
}

/**
 * Step `step` of the optimizer on the weights [from, to) of the shared
 * memory, the gradient being the two shards' sum: Adam in WebAssembly;
 * AdamW as torch's (decay the weights by lr · weight_decay, then Adam); SGD
 * as torch's (momentum buffer b = momentum · b + g, the first b = g; w -= lr · b),
 * the last two in JavaScript over the same float32 arrays.
 */
function optimizerUpdate(kernels: ReturnType<typeof instantiateSimdModule>, shared: SharedTraining, step: number, from: number, to: number): void {
  const settings = shared.optimizer;
  const view = (offset: number) => new Float32Array(shared.memory.buffer, offset, shared.paddedCount);
  const weights = view(shared.buffers.weights);
  if (settings.name === 'sgd') {
    const [gradient0, gradient1] = shared.buffers.gradients.map(view);
    const momentum = settings.momentum ?? 0;
    const buffer = view(shared.buffers.firstMoment);
    for (let index = from; index < to; index++) {
      const gradient = Math.fround(gradient0[index] + gradient1[index]);
      const direction = momentum > 0 ? (buffer[index] = step === 1 ? gradient : Math.fround(momentum * buffer[index]) + gradient) : gradient;
      weights[index] -= Math.fround(settings.learningRate * direction);
    }
    return;
  }
  if (settings.name === 'adamw') {
    const decay = Math.fround(1 - settings.learningRate * (settings.weightDecay ?? 0));
    for (let index = from; index < to; index++) weights[index] *= decay;
  }
  adamUpdate(kernels, shared.buffers, step, { learningRate: settings.learningRate, ...TORCH_ADAM }, from, to);
}

/** Which layer a two-thread training runs where, for the log and the model card. */
export function describeTwoThreadPlan(model: tfl.LayersModel, spec: ModelSpec, batchSize: number): ReturnType<typeof describePlan> {
  const regions = scratchLayout(spec, shardRows(batchSize, 0)[1]);
  const has = (position: number, kind: ScratchRegion['kind']) => regions.some((region) => region.position === position && region.kind === kind);
  // Stand-ins that are never called: the plan is only read for its engines.
  const unused = (() => {
    throw new Error('describeTwoThreadPlan: a stand-in kernel was called');
  }) as never;
  const plan: PlannedLayer[] = planTraining(model, spec, {
    blockGradients: (position) => (has(position, 'conv-block') ? unused : undefined),
    dense: (position) => (has(position, 'dense') ? unused : undefined),
  });
  return describePlan(plan);
}

/** The rows [from, to) of a batch of `rows` images that shard `shard` computes. */
export function shardRows(rows: number, shard: number): [number, number] {
  const firstHalf = Math.ceil(rows / SHARDS);
  return shard === 0 ? [0, firstHalf] : [firstHalf, rows];
}

/** Sums of the current epoch so far, as the main thread keeps them. */
export interface EpochSums {
  loss: number;
  correct: number;
}

/**
 * One thread's part of an epoch: for each batch, the gradient of its rows
 * (the batch's mean loss, restricted to them), then Adam on its range of the
 * weights. `step` is the number of Adam steps done before this epoch.
 * Returns the epoch's loss and correct sums (only shard 0 keeps them).
 */
export function trainShardEpoch(
  model: tfl.LayersModel,
  shared: SharedTraining,
  shard: number,
  trainCount: number,
  step: number,
  classes: number,
): EpochSums {
  const control = new Int32Array(shared.control);
  const view = (offset: number) => new Float32Array(shared.memory.buffer, offset, shared.paddedCount);
  const weights = view(shared.buffers.weights);
  const ownGradient = view(shared.buffers.gradients[shard]);
  const kernels = instantiateSimdModule(shared.memory);
  const offsets = flatOffsets(model);
  const plan = planTraining(model, shared.spec, fastParts(model, shared, shard, kernels, offsets));
  // Dense layers in WebAssembly read their weights, and write their gradient, in the shared memory,
  // so their variables leave tfjs's gradient and are set on the model only for validation.
  const outside = variablesOutsideTfjs(model, plan);
  const variables = trainableVariables(model).filter((variable) => !outside.has(variable));
  const stepVariables = new Set(variables);
  const batchStats = new Float64Array(shared.batchStats);
  const order = new Int32Array(shared.order, 0, trainCount);
  const source: ImageTensorSource = {
    pixels: new Uint8Array(shared.pixels),
    labels: new Int32Array(shared.labels),
    imageShape: shared.imageShape,
  };
  // Each shard updates its range of the weights; ranges start at multiples of 4 for the SIMD kernel.
  const rangeSize = Math.ceil(shared.paddedCount / SHARDS / 4) * 4;
  const [updateFrom, updateTo] = [Math.min(shared.paddedCount, shard * rangeSize), Math.min(shared.paddedCount, (shard + 1) * rangeSize)];
  const sums: EpochSums = { loss: 0, correct: 0 };

  for (let start = 0; start < trainCount; start += shared.batchSize) {
    const end = Math.min(trainCount, start + shared.batchSize);
    const rows = end - start;
    const [from, to] = shardRows(rows, shard);
    writeWeights(offsets, weights, stepVariables);
    if (to > from) {
      tf.tidy(() => {
        const inputs = imageBatch(source, order, start + from, start + to);
        const labels = tf.tensor1d(Int32Array.from(order.subarray(start + from, start + to), (index) => source.labels[index]), 'int32');
        const targets = tf.oneHot(labels, classes);
        let lossSum: tf.Scalar | undefined;
        let correct: tf.Scalar | undefined;
        const context: StepContext = { seed: shared.spec.seed, step: step + 1, shard, updateStatistics: shard === 0, after: [] };
        const { grads } = tf.variableGrads(() => {
          const logits = trainingForward(plan, inputs, context);
          correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar);
          lossSum = tf.keep(tf.losses.softmaxCrossEntropy(targets, logits, undefined, undefined, tf.Reduction.SUM) as tf.Scalar);
          // The batch's mean loss, of which this thread holds the rows [from, to).
          return tf.div(lossSum, rows) as tf.Scalar;
        }, variables);
        for (const variable of variables) {
          // A view into the WASM heap: copied out before anything allocates.
          ownGradient.set(heapValues(grads[variable.name]), offsets.get(variable)!);
        }
        batchStats[shard * 2] = lossSum!.dataSync()[0];
        batchStats[shard * 2 + 1] = correct!.dataSync()[0];
        // Kept out of the gradient's scope, so tidy leaves them to us.
        tf.dispose([lossSum!, correct!]);
        finishStep(context);
      });
    } else {
      ownGradient.fill(0);
      batchStats[shard * 2] = 0;
      batchStats[shard * 2 + 1] = 0;
    }
    barrier(control);
    if (shard === 0) {
      for (let part = 0; part < SHARDS; part++) {
        sums.loss += batchStats[part * 2];
        sums.correct += batchStats[part * 2 + 1];
      }
    }
    step++;
    optimizerUpdate(kernels, shared, step, updateFrom, updateTo);
    // Also keeps the batch stats from being overwritten before shard 0 has read them.
    barrier(control);
  }
  writeWeights(offsets, weights);
  return sums;
}

/**
 * Starts second-thread. Built, this module is .js and so is the worker. Under
 * tsx (tests, benches) it is the .ts source, and a worker does not inherit
 * tsx's loader (Node 20 does not pass --import hooks on to workers), so the
 * worker registers it first.
 */
function startWorker(options: ConstructorParameters<typeof Worker>[1]): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./second-thread.js', import.meta.url), options);
  const entry = new URL('./second-thread.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/** Messages from the main thread to the worker. */
export type ToWorker =
  | { type: 'train'; shared: SharedTraining }
  | { type: 'epoch'; trainCount: number; step: number; classes: number }
  | { type: 'release' };
/** Messages from the worker. */
export type FromWorker = { type: 'ready' } | { type: 'failed'; message: string };

/** The values' memory as a SharedArrayBuffer: their own where it is one (decodeDataset's pixels), else a copy. */
function sharedBuffer<T extends Uint8Array | Int32Array>(values: T): SharedArrayBuffer {
  if (values.buffer instanceof SharedArrayBuffer && values.byteOffset === 0 && values.byteLength === values.buffer.byteLength) return values.buffer;
  const buffer = new SharedArrayBuffer(values.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  return buffer;
}

/**
 * The second training thread. Starting it (a WASM backend of its own) takes
 * a few tenths of a second, so the pipeline starts it while images decode,
 * and reuses it for every repeat.
 */
export class TrainingWorker {
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
  ) {}

  static async start(): Promise<TrainingWorker> {
    const channel = new MessageChannel();
    const worker = startWorker({ workerData: { port: channel.port2 }, transferList: [channel.port2] });
    const port = channel.port1;
    try {
      await new Promise<void>((resolve, reject) => {
        port.once('message', (message: FromWorker) => (message.type === 'ready' ? resolve() : reject(workerError(message))));
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the training worker exited (code ${code}) before it was ready`)));
      });
    } catch (error) {
      port.close();
      await worker.terminate();
      throw error;
    }
    worker.removeAllListeners();
    port.removeAllListeners();
    const trainingWorker = new TrainingWorker(worker, port);
    worker.on('error', (error) => (trainingWorker.failure ??= error));
    worker.on('exit', (code) => (trainingWorker.failure ??= new Error(`the training worker exited (code ${code})`)));
    return trainingWorker;
  }

  /**
   * trainModel on two threads (see the top of this file), for any layer
   * list, on the WASM backend; `spec` is the one the model was created from,
   * so that the worker builds the same layers.
   */
  async train(model: tfl.LayersModel, spec: ModelSpec, source: ImageTensorSource, options: TrainOptions): Promise<EpochStats[]> {
    if (this.failure) throw this.failure;
    const weightCount = trainableVariables(model).reduce((sum, variable) => sum + variable.size, 0);
    const paddedCount = Math.ceil(weightCount / 4) * 4;
    const shardBatch = shardRows(options.batchSize, 0)[1];
    const regions = scratchLayout(spec, shardBatch);
    const scratchBytes = regions.reduce((sum, region) => sum + region.bytes, 0);
    const adamBytes = 5 * paddedCount * 4;
    const shared: SharedTraining = {
      spec,
      imageShape: source.imageShape,
      batchSize: options.batchSize,
      optimizer: optimizerOf(options),
      pixels: sharedBuffer(source.pixels),
      labels: sharedBuffer(source.labels),
      order: new SharedArrayBuffer(options.train.length * Int32Array.BYTES_PER_ELEMENT),
      memory: createSharedMemory(adamBytes + SHARDS * scratchBytes),
      buffers: {
        weights: 0,
        firstMoment: paddedCount * 4,
        secondMoment: 2 * paddedCount * 4,
        gradients: [3 * paddedCount * 4, 4 * paddedCount * 4],
      },
      paddedCount,
      scratch: { offsets: Array.from({ length: SHARDS }, (_, shard) => adamBytes + shard * scratchBytes), regions },
      batchStats: new SharedArrayBuffer(SHARDS * 2 * 8),
      control: new SharedArrayBuffer(3 * 4),
    };
    readWeights(model, new Float32Array(shared.memory.buffer, shared.buffers.weights, paddedCount));
    this.send({ type: 'train', shared });

    const history: EpochStats[] = [];
    const validationLabels = labelsOf(source, options.validation);
    const order = new Int32Array(shared.order);
    let step = 0;
    try {
      for (let epoch = 1; epoch <= options.epochs; epoch++) {
        const started = performance.now();
        order.set(epochOrder(options, epoch));
        this.send({ type: 'epoch', trainCount: options.train.length, step, classes: options.classes });
        // This thread blocks in the barrier while the worker computes; a worker error comes back through the port.
        const sums = this.trainOwnShard(() => trainShardEpoch(model, shared, 0, options.train.length, step, options.classes), shared);
        step += Math.ceil(options.train.length / options.batchSize);
        const stats = await epochStats(model, source, options, validationLabels, epoch, sums, started);
        history.push(stats);
        options.onEpoch?.(stats);
      }
    } catch (error) {
      // The worker may be stuck in a barrier or hold a half-built state: it is not reused.
      this.failure ??= error as Error;
      await this.close();
      throw error;
    }
    this.send({ type: 'release' });
    return history;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the training worker was closed');
    this.port.close();
    await this.worker.terminate();
  }

  private send(message: ToWorker): void {
    this.port.postMessage(message);
  }

  private trainOwnShard(run: () => EpochSums, shared: SharedTraining): EpochSums {
    try {
      return run();
    } catch (error) {
      if (error instanceof PartnerFailedError) {
        const reply = receiveMessageOnPort(this.port)?.message as FromWorker | undefined;
        throw reply ? workerError(reply) : error;
      }
      signalFailure(shared);
      throw error;
    }
  }
}

function workerError(message: FromWorker): Error {
  return new Error(`the training worker failed${message.type === 'failed' ? `: ${message.message}` : ''}`);
}
