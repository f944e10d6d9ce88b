// The training forward pass of any layer list, on the tfjs layers model's own
// variables, so that gradients reach them and model.predict() computes the
// same function. Each layer gets the fastest implementation that serves it:
//
// - a Conv2D (stride 1, ReLU) followed by a max pool (stride = size) is one
//   block whose filter and bias gradients come from the pool's winners only
//   (conv-block.ts; in WebAssembly on two threads, see simd.ts);
// - a hidden dense layer with ReLU runs in WebAssembly on two threads, its
//   weights and gradients in the shared memory (simd.ts);
// - every other layer (batch norm, average pools, other activations, the
//   output layer) runs through tfjs's own kernels, inside the same step.
//
// Dropout and batch norm are done here rather than by tfjs-layers in training
// mode: tfjs's dropout draws the same mask at every step when given a seed
// (and an unseeded one is not reproducible), so masks are drawn from a seed
// of (run, step, layer, thread); batch norm's running statistics are updated
// after the step, as PyTorch does (momentum 0.1, unbiased variance).

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { layerName, shapedLayers, type ModelSpec } from './build.js';
import { samePadding, type LayerSpec, type ShapedLayer } from './spec.js';
import { hostKernelsServe } from './backend-choice.js';
import { convBlockGradients, convReluPool, type ConvBlockGradients, type DenseLayer } from './conv-block.js';

/** Where a layer's training arithmetic ran. */
export type Engine = 'wasm' | 'javascript' | 'tfjs';

export interface StepContext {
  /** The repeat's seed, the 1-based Adam step and the training thread: together they seed dropout. */
  seed: number;
  step: number;
  shard: number;
  /** Batch norm's running statistics are updated only where this is true (the thread whose model predicts). */
  updateStatistics: boolean;
  /** Filled by the pass: what to run once the gradient is taken (batch norm's running statistics). */
  after: (() => void)[];
}

/** One step of the pass: the layers of the list it covers and what computes them. */
export interface PlannedLayer {
  /** Positions in the layer list (two for a conv + pool block); the output layer is the list's length + 1. */
  positions: number[];
  kinds: string[];
  engine: Engine;
  forward: (x: tf.Tensor, context: StepContext) => tf.Tensor;
}

/** The fast parts a trainer can offer (the two-thread trainer on WASM); absent ones fall back to tfjs or JavaScript. */
export interface FastParts {
  /** The filter and bias gradient of the conv block at `position`, or undefined where the WebAssembly kernel cannot serve it. */
  blockGradients?: (position: number, shape: { channels: number; kernel: number; filters: number }) => ConvBlockGradients | undefined;
  /** The hidden dense ReLU layer at `position` with its weights in WebAssembly, or undefined. */
  dense?: (position: number) => DenseLayer | undefined;
}

interface WeightedLayer {
  weights: { read(): tf.Tensor }[];
}

function weightsOf(model: tfl.LayersModel, position: number, kind: string): tf.Tensor[] {
  return (model.getLayer(layerName(position, kind)) as unknown as WeightedLayer).weights.map((weight) => weight.read());
}

function activate(x: tf.Tensor, activation: string): tf.Tensor {
  if (activation === 'relu') return tf.relu(x);
  if (activation === 'tanh') return tf.tanh(x);
  if (activation === 'sigmoid') return tf.sigmoid(x);
  return x;
}

/** A seed for one dropout mask: the same run, step, layer and thread always draw the same mask. */
export function dropoutSeed(context: StepContext, position: number): number {
  return (((context.seed * 1_000_003 + context.step) * 101 + position) * 7 + context.shard) % 2_147_483_647;
}

/** Whether the conv layer at `index` and the next layer form the block conv-block.ts computes. */
export function isConvPoolBlock(layers: readonly ShapedLayer[], index: number): boolean {
  const conv = layers[index].spec;
  const pool = layers[index + 1]?.spec;
  return conv.kind === 'conv2d' && conv.activation === 'relu' && conv.stride === 1 && pool?.kind === 'max_pool' && pool.stride === pool.size;
}

const PYTORCH_BATCH_NORM = { momentum: 0.1, epsilon: 1e-5 };

/**
 * The pass for `model` (built by createModel from `spec`), as a list of
 * steps. `fast` offers the two-thread trainer's WebAssembly parts.
 */
export function planTraining(model: tfl.LayersModel, spec: ModelSpec, fast: FastParts = {}): PlannedLayer[] {
  const layers = shapedLayers(spec);
  const plan: PlannedLayer[] = [];
  // The conv block's gradients read values on the host: not where tensors live on a GPU (webgpu), which trains through tfjs's kernels.
  const host = hostKernelsServe(tf.getBackend());
  for (let index = 0; index < layers.length; index++) {
    const shaped = layers[index];
    const { position, spec: layer } = shaped;
    if (host && isConvPoolBlock(layers, index) && layer.kind === 'conv2d') {
      const poolLayer = layers[index + 1].spec as { size: number };
      const [kernel, bias] = weightsOf(model, position, 'conv2d');
      const channels = shaped.inputShape[2] as number;
      const wasm = fast.blockGradients?.(position, { channels, kernel: layer.kernel, filters: layer.filters });
      const pad = samePadding(layer);
      // The first block's input is the images: no gradient is needed there, and none is computed.
      const inputGradient = plan.length > 0;
      plan.push({
        positions: [position, position + 1],
        kinds: ['conv2d', 'max_pool'],
        engine: wasm ? 'wasm' : 'javascript',
        forward: (x) => {
          const padded = pad > 0 ? tf.pad(x as tf.Tensor4D, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : x;
          return convReluPool(padded as tf.Tensor4D, kernel as tf.Tensor4D, bias as tf.Tensor1D, poolLayer.size, wasm ?? convBlockGradients, inputGradient);
        },
      });
      index++;
      continue;
    }
    switch (layer.kind) {
      case 'conv2d': {
        const [kernel, bias] = weightsOf(model, position, 'conv2d');
        const pad = samePadding(layer);
        plan.push({
          positions: [position],
          kinds: [layer.kind],
          engine: 'tfjs',
          forward: (x) => {
            const padded = pad > 0 ? tf.pad(x as tf.Tensor4D, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : x;
            const convolved = tf.add(tf.conv2d(padded as tf.Tensor4D, kernel as tf.Tensor4D, layer.stride, 'valid'), bias);
            return activate(convolved, layer.activation);
          },
        });
        break;
      }
      case 'max_pool':
      case 'avg_pool': {
        const pool = layer.kind === 'max_pool' ? tf.maxPool : tf.avgPool;
        plan.push({ positions: [position], kinds: [layer.kind], engine: 'tfjs', forward: (x) => pool(x as tf.Tensor4D, layer.size, layer.stride, 'valid') });
        break;
      }
      case 'batch_norm': {
        const [gamma, beta, movingMean, movingVariance] = weightsOf(model, position, 'batch_norm') as tf.Variable[];
        const axes = shaped.inputShape.length === 3 ? [0, 1, 2] : [0];
        plan.push({
          positions: [position],
          kinds: [layer.kind],
          engine: 'tfjs',
          forward: (x, context) => {
            const { mean, variance } = tf.moments(x, axes);
            if (context.updateStatistics) {
              const count = x.size / x.shape[x.shape.length - 1];
              const batchMean = tf.keep(tf.clone(mean));
              // PyTorch keeps the unbiased variance as its running statistic, and normalises with the biased one.
              const batchVariance = tf.keep(tf.mul(variance, count > 1 ? count / (count - 1) : 1));
              context.after.push(() => {
                const { momentum } = PYTORCH_BATCH_NORM;
                tf.tidy(() => {
                  movingMean.assign(tf.add(tf.mul(movingMean, 1 - momentum), tf.mul(batchMean, momentum)));
                  movingVariance.assign(tf.add(tf.mul(movingVariance, 1 - momentum), tf.mul(batchVariance, momentum)));
                });
                tf.dispose([batchMean, batchVariance]);
              });
            }
            return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, PYTORCH_BATCH_NORM.epsilon))), gamma), beta);
          },
        });
        break;
      }
      case 'dropout':
        plan.push({
          positions: [position],
          kinds: [layer.kind],
          engine: 'tfjs',
          forward: (x, context) => {
            if (layer.rate === 0) return x;
            const keep = tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', dropoutSeed(context, position)), layer.rate);
            return tf.mul(x, tf.div(tf.cast(keep, 'float32'), 1 - layer.rate));
          },
        });
        break;
      case 'flatten':
        plan.push({
          positions: [position],
          kinds: [shaped.implicit ? 'flatten (implicit)' : 'flatten'],
          engine: 'tfjs',
          forward: (x) => tf.reshape(x, [x.shape[0], -1]),
        });
        break;
      case 'global_avg_pool':
        plan.push({ positions: [position], kinds: [layer.kind], engine: 'tfjs', forward: (x) => tf.mean(x, [1, 2]) });
        break;
      case 'dense': {
        const wasm = layer.activation === 'relu' ? fast.dense?.(position) : undefined;
        const [kernel, bias] = weightsOf(model, position, 'dense');
        plan.push({
          positions: [position],
          kinds: [layer.kind],
          engine: wasm ? 'wasm' : 'tfjs',
          forward: (x) => {
            if (wasm) return wasm(x as tf.Tensor2D);
            if (layer.activation === 'relu') return tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation: 'relu' });
            return activate(tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias }), layer.activation);
          },
        });
        break;
      }
      case 'output': {
        const [kernel, bias] = weightsOf(model, position, 'output');
        plan.push({ positions: [position], kinds: ['output'], engine: 'tfjs', forward: (x) => tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias }) });
        break;
      }
    }
  }
  return plan;
}

/** The logits of `inputs` in training mode (dropout on, batch statistics). */
export function trainingForward(plan: readonly PlannedLayer[], inputs: tf.Tensor4D, context: StepContext): tf.Tensor2D {
  let x: tf.Tensor = inputs;
  for (const step of plan) x = step.forward(x, context);
  return x as tf.Tensor2D;
}

/** Runs what the pass left for after the gradient (batch norm's running statistics). */
export function finishStep(context: StepContext): void {
  for (const run of context.after.splice(0)) run();
}

/** The variables of layers whose weights live outside tfjs in this plan (WebAssembly dense layers): tfjs takes no gradient of them. */
export function variablesOutsideTfjs(model: tfl.LayersModel, plan: readonly PlannedLayer[]): Set<tf.Variable> {
  const outside = new Set<tf.Variable>();
  for (const step of plan) {
    if (step.engine === 'wasm' && step.kinds[0] === 'dense') {
      for (const weight of weightsOf(model, step.positions[0], 'dense')) outside.add(weight as tf.Variable);
    }
  }
  return outside;
}

/** Which layer ran where, in words: "3 of 4 layers on WASM kernels (conv2d + max_pool, dense); output on tfjs". */
export function describePlan(plan: readonly PlannedLayer[]): { summary: string; engines: Map<number, Engine> } {
  const engines = new Map<number, Engine>();
  for (const step of plan) for (const position of step.positions) engines.set(position, step.engine);
  // flatten is a reshape, dropout with rate 0 nothing: neither is arithmetic worth placing.
  const counted = plan.filter((step) => !step.kinds[0].startsWith('flatten'));
  const label = (step: PlannedLayer) => step.kinds.join(' + ');
  const on = (engine: Engine) => counted.filter((step) => step.engine === engine);
  const layerCount = (steps: PlannedLayer[]) => steps.reduce((sum, step) => sum + step.positions.length, 0);
  const total = layerCount(counted);
  const parts = [`${layerCount(on('wasm'))} of ${total} layers on WASM kernels${on('wasm').length > 0 ? ` (${on('wasm').map(label).join(', ')})` : ''}`];
  if (on('javascript').length > 0) parts.push(`${on('javascript').map(label).join(', ')} in JavaScript`);
  if (on('tfjs').length > 0) parts.push(`${on('tfjs').map(label).join(', ')} on tfjs`);
  return { summary: parts.join('; '), engines };
}
