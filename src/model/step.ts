// The training forward pass of any layer list, on the tfjs layers model's own
// variables, so that gradients reach them and model.predict() computes the
// same function: each layer's step comes from its kind's row of layers.ts
// (the same table createModel builds from), and gets the fastest
// implementation that serves it, as a branch inside that row:
//
// - a Conv2D (stride 1, ReLU) followed by a max pool (stride = size) is one
//   block whose filter and bias gradients come from the pool's winners only
//   (conv-block.ts; in WebAssembly on two threads, see simd.ts);
// - a hidden dense layer with ReLU runs in WebAssembly on two threads, its
//   weights and gradients in the shared memory (simd.ts);
// - every other layer (batch norm, average pools, other activations, the
//   output layer) runs through tfjs's own kernels, inside the same step.

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { shapedLayers, type ModelSpec } from './build.js';
import { hostKernelsServe } from './backend-choice.js';
import { layerRow, weightsOf } from './layers.js';
import type { ConvBlockGradients, DenseLayer } from './conv-block.js';

export { dropoutSeed, isConvPoolBlock } from './layers.js';

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

/**
 * The pass for `model` (built by createModel from `spec`), as a list of
 * steps, each from its layer kind's row of layers.ts. `fast` offers the
 * two-thread trainer's WebAssembly parts.
 */
export function planTraining(model: tfl.LayersModel, spec: ModelSpec, fast: FastParts = {}): PlannedLayer[] {
  const layers = shapedLayers(spec);
  const plan: PlannedLayer[] = [];
  const host = hostKernelsServe(tf.getBackend());
  for (let index = 0; index < layers.length; ) {
    const shaped = layers[index];
    const planned = layerRow(shaped.spec).train(shaped.spec, shaped, { model, layers, index, fast, host, afterOthers: plan.length > 0 });
    plan.push(planned);
    // A conv + pool block covers two layers of the list.
    index += planned.positions.length;
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
