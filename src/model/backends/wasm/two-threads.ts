// WASM's step strategy for the one training loop (train.ts): data-parallel
// steps on two threads. For each batch of the loop, this thread and one
// worker each compute the gradient of half of the batch, the two halves are
// combined, then each thread applies the optimizer update (adam.ts) to half
// of the weights, all in one shared WebAssembly memory where the kernels of
// simd/training.wat work (Adam, the conv block's gradient, the hidden dense
// layer); tfjs computes the rest of each half. The worker runs no loop of its
// own: it serves the steps that this thread posts (serveSteps), one at a
// time. A step of the tuned model on one WASM thread was ~24 ms; with both
// halves at once on two cores ~8 ms.
//
// Same inputs, same outputs: the split of every batch into two halves is
// fixed (it does not depend on the machine's core count), the two gradient
// halves are added in a fixed order, and the update of each weight is one
// pure function of them, so a run is bit-identical however the threads are
// scheduled. It is a different floating-point summation than one thread
// computing the whole batch, so its numbers differ from the plain step's in
// the last digits; the WASM backend always trains this way when its second
// thread starts.

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { EpochStats } from '../../../record.js';
import { flatUpdate, type AdamBuffers } from './adam.js';
import { heapValues } from '../../conv-block.js';
import { layerName, shapedLayers, type ModelSpec } from '../../build.js';
import { samePadding } from '../../spec.js';
import type { OptimizerSettings } from '../../optimizer.js';
import type { Trainer } from '../types.js';
import { batchGradients, optimizerOf, predictLogits, trainModel, type BatchResult, type ImageTensorSource, type StepStrategy, type TrainOptions } from '../../train.js';
import { describePlan, finishStep, isConvPoolBlock, planTraining, variablesOutsideTfjs, type FastParts, type PlannedLayer, type StepContext } from '../../step.js';
import {
  convBlockGradientsInWasm,
  convBlockScratchBytes,
  createSharedMemory,
  denseReluInWasm,
  denseScratchBytes,
  instantiateSimdModule,
} from './simd.js';
import { SHARDS } from './shards.js';

/** Everything both threads share: shared buffers and one shared WebAssembly memory (both structured-cloneable to the worker). */
export interface SharedTraining {
  spec: ModelSpec;
  imageShape: [number, number, number];
  classes: number;
  optimizer: OptimizerSettings;
  pixels: SharedArrayBuffer;
  labels: SharedArrayBuffer;
  /** This epoch's order of training images, written by the main thread before each epoch (beginEpoch). */
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
  /** Barrier counters, the failure flag and the posted step (Int32: see the indices below). */
  control: SharedArrayBuffer;
}

const ARRIVED = 0;
const GENERATION = 1;
const FAILED = 2;
/** Counts the steps posted to the worker; with the step's batch [START, END) of the order and its number STEP (END -1: stop serving). */
const POSTED = 3;
const START = 4;
const END = 5;
const STEP = 6;
const CONTROL_SLOTS = 7;
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

/** Waits until a step after `seen` is posted; returns the count of posted steps. Throws if the other thread has failed. */
function awaitPosted(control: Int32Array, seen: number): number {
  const deadline = performance.now() + PARTNER_TIMEOUT_MS;
  for (;;) {
    // The flag first: a failure also counts as posted, to wake this thread.
    if (Atomics.load(control, FAILED) !== 0) throw new PartnerFailedError('the other training thread failed');
    const posted = Atomics.load(control, POSTED);
    if (posted !== seen) return posted;
    if (performance.now() > deadline) throw new PartnerFailedError(`the other training thread posted no step for ${PARTNER_TIMEOUT_MS / 1000} s`);
    Atomics.wait(control, POSTED, seen, 50);
  }
}

/** Posts the step on order[start, end) to the worker (end -1: stop serving). */
function post(control: Int32Array, start: number, end: number, step: number): void {
  Atomics.store(control, START, start);
  Atomics.store(control, END, end);
  Atomics.store(control, STEP, step);
  Atomics.add(control, POSTED, 1);
  Atomics.notify(control, POSTED);
}

/** Tells the other thread to stop waiting: this one failed. */
export function signalFailure(shared: SharedTraining): void {
  const control = new Int32Array(shared.control);
  Atomics.store(control, FAILED, 1);
  for (const slot of [GENERATION, POSTED]) {
    Atomics.add(control, slot, 1);
    Atomics.notify(control, slot);
  }
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
 * (the others get none and run in JavaScript or tfjs, see layers.ts).
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
      // A block after other layers passes its input's gradient back (layers.ts).
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

/** Which layer a two-thread training runs where, for the log and the model card. */
function describeTwoThreadPlan(model: tfl.LayersModel, spec: ModelSpec, batchSize: number): ReturnType<typeof describePlan> {
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

/**
 * One thread's part of every step: `step` computes its shard of a batch,
 * then the update of its range of the weights; `settle` waits until the
 * other thread's update is done too. The worker settles right after each
 * step; the main thread just before its next one, once it has posted it, so
 * that the worker finds the next step posted and goes on without waiting.
 */
interface ShardSteps {
  /** Step `step` on order[start, end): returns once this thread has updated its range (both shards' stats are then in batchStats). */
  step(start: number, end: number, step: number): void;
  settle(): void;
  /** Sets every variable of the model from the shared weights (for validation). */
  writeModel(): void;
}

/**
 * Shard `shard`'s part of the steps of a training: for each batch, the
 * gradient of its rows (the batch's mean loss, restricted to them) into its
 * gradient buffer and its loss and correct count into batchStats; after
 * both threads have, the update of its range of the weights.
 */
function shardSteps(model: tfl.LayersModel, shared: SharedTraining, shard: number): ShardSteps {
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
  const order = new Int32Array(shared.order);
  const source: ImageTensorSource = {
    pixels: new Uint8Array(shared.pixels),
    labels: new Int32Array(shared.labels),
    imageShape: shared.imageShape,
  };
  // Each shard updates its range of the weights; ranges start at multiples of 4 for the SIMD kernel.
  const rangeSize = Math.ceil(shared.paddedCount / SHARDS / 4) * 4;
  const [updateFrom, updateTo] = [Math.min(shared.paddedCount, shard * rangeSize), Math.min(shared.paddedCount, (shard + 1) * rangeSize)];

  return {
    step(start, end, step) {
      const rows = end - start;
      const [from, to] = shardRows(rows, shard);
      writeWeights(offsets, weights, stepVariables);
      if (to > from) {
        tf.tidy(() => {
          let lossSum: tf.Scalar | undefined;
          const context: StepContext = { seed: shared.spec.seed, step, shard, updateStatistics: shard === 0, after: [] };
          const { grads, correct } = batchGradients(plan, source, order, start + from, start + to, shared.classes, context, variables, (targets, logits) => {
            lossSum = tf.keep(tf.losses.softmaxCrossEntropy(targets, logits, undefined, undefined, tf.Reduction.SUM) as tf.Scalar);
            // The batch's mean loss, of which this thread holds the rows [from, to).
            return tf.div(lossSum, rows) as tf.Scalar;
          });
          for (const variable of variables) {
            // A view into the WASM heap: copied out before anything allocates.
            ownGradient.set(heapValues(grads[variable.name]), offsets.get(variable)!);
          }
          batchStats[shard * 2] = lossSum!.dataSync()[0];
          batchStats[shard * 2 + 1] = correct.dataSync()[0];
          // Kept out of the gradient's scope, so tidy leaves them to us.
          tf.dispose([lossSum!, correct]);
          finishStep(context);
        });
      } else {
        ownGradient.fill(0);
        batchStats[shard * 2] = 0;
        batchStats[shard * 2 + 1] = 0;
      }
      barrier(control);
      flatUpdate(kernels, shared.memory, shared.buffers, shared.paddedCount, shared.optimizer, step, updateFrom, updateTo);
    },
    // Also keeps the batch stats from being overwritten before the main thread has read them.
    settle: () => barrier(control),
    writeModel: () => writeWeights(offsets, weights),
  };
}

/**
 * The worker's side (second-thread.ts): serves the steps that the main
 * thread posts, as shard 1, until it posts a stop. `seen`: the count of
 * steps posted before.
 */
export function serveSteps(model: tfl.LayersModel, shared: SharedTraining, seen: number): void {
  const control = new Int32Array(shared.control);
  const steps = shardSteps(model, shared, 1);
  for (;;) {
    seen = awaitPosted(control, seen);
    const end = Atomics.load(control, END);
    if (end < 0) return;
    steps.step(Atomics.load(control, START), end, Atomics.load(control, STEP));
    steps.settle();
  }
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
  /** Serve the steps posted after the `posted`th until a stop (serveSteps). */
  | { type: 'epoch'; posted: number }
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
   * The one loop (train.ts) with this file's steps, for any layer list, on
   * the WASM backend; `spec` is the one the model was created from, so that
   * the worker builds the same layers.
   */
  async train(model: tfl.LayersModel, spec: ModelSpec, source: ImageTensorSource, options: TrainOptions): Promise<EpochStats[]> {
    if (this.failure) throw this.failure;
    let history: EpochStats[];
    try {
      history = await trainModel(model, spec, source, options, this.steps(model, spec, source, options));
    } catch (error) {
      // The worker may be stuck in a barrier or hold a half-built state: it is not reused.
      this.failure ??= error as Error;
      await this.close();
      throw error;
    }
    this.send({ type: 'release' });
    return history;
  }

  /** The step strategy: shares the model's weights and the data with the worker, then posts it each step. */
  private steps(model: tfl.LayersModel, spec: ModelSpec, source: ImageTensorSource, options: TrainOptions): StepStrategy {
    const weightCount = trainableVariables(model).reduce((sum, variable) => sum + variable.size, 0);
    const paddedCount = Math.ceil(weightCount / 4) * 4;
    const shardBatch = shardRows(options.batchSize, 0)[1];
    const regions = scratchLayout(spec, shardBatch);
    const scratchBytes = regions.reduce((sum, region) => sum + region.bytes, 0);
    const adamBytes = 5 * paddedCount * 4;
    const shared: SharedTraining = {
      spec,
      imageShape: source.imageShape,
      classes: options.classes,
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
      control: new SharedArrayBuffer(CONTROL_SLOTS * 4),
    };
    readWeights(model, new Float32Array(shared.memory.buffer, shared.buffers.weights, paddedCount));
    this.send({ type: 'train', shared });
    const control = new Int32Array(shared.control);
    const order = new Int32Array(shared.order);
    const batchStats = new Float64Array(shared.batchStats);
    const own = shardSteps(model, shared, 0);
    // Whether this thread's last step is not settled yet (see ShardSteps).
    let unsettled = false;
    const settle = () => {
      if (unsettled) own.settle();
      unsettled = false;
    };
    return {
      beginEpoch: (epochOrder) => {
        order.set(epochOrder);
        this.send({ type: 'epoch', posted: Atomics.load(control, POSTED) });
      },
      step: (_order, start, end, step): BatchResult => {
        post(control, start, end, step);
        // This thread blocks in the barriers while the worker computes; a worker error comes back through the port.
        this.ownShard(() => {
          settle();
          own.step(start, end, step);
        }, shared);
        unsettled = true;
        // Shard 0's part first, then shard 1's, as the loop adds them.
        return { lossParts: [batchStats[0], batchStats[2]], correct: batchStats[1] + batchStats[3] };
      },
      endEpoch: () => {
        this.ownShard(settle, shared);
        post(control, 0, -1, 0);
        own.writeModel();
      },
      dispose: () => {},
    };
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the training worker was closed');
    this.port.close();
    await this.worker.terminate();
  }

  private send(message: ToWorker): void {
    this.port.postMessage(message);
  }

  private ownShard(run: () => void, shared: SharedTraining): void {
    try {
      run();
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

/** Where the optimizer's update runs on two threads (adam.ts). */
function optimizerWhere(optimizer: OptimizerSettings): string {
  if (optimizer.name === 'sgd') return 'in JavaScript';
  return optimizer.name === 'adamw' ? 'on WASM kernels (its weight decay in JavaScript)' : 'on WASM kernels';
}

/** WASM's trainer on two threads: the one loop with this file's steps. */
export function twoThreadTrainer(worker: TrainingWorker): Trainer {
  return {
    threads: SHARDS,
    info: { trainingThreads: SHARDS },
    describe(model, spec, batchSize, optimizer) {
      const { summary, engines } = describeTwoThreadPlan(model, spec, batchSize);
      return { summary: `${summary}; optimizer ${optimizer.name} ${optimizerWhere(optimizer)}`, engines };
    },
    train: (model, spec, source, options) => worker.train(model, spec, source, options),
    predict: predictLogits,
    close: () => worker.close(),
  };
}
