// The optimizer update of optimizer.ts over the flat float32 weights that
// WASM's two training threads share, each thread updating its own range in
// place: Adam as torch.optim.Adam computes it (TORCH_ADAM's constants, bias
// correction at every step, float32) in one SIMD pass per element
// (simd/training.wat) instead of tfjs's dozen element-wise ops over the whole
// weight vector; AdamW's decay and SGD in JavaScript over the same arrays.
// The other implementation of the same update is tfjs-optimizer.ts.

import { sgdMomentum, TORCH_ADAM, weightDecayFactor, type OptimizerSettings } from '../../optimizer.js';
import type { SimdModule } from './simd.js';

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** Where Adam's arrays lie in the shared memory: byte offsets of float32 arrays of one length. */
export interface AdamBuffers {
  weights: number;
  /** The gradient, in two parts that are added (in this order) before the update. */
  gradients: readonly [number, number];
  firstMoment: number;
  secondMoment: number;
}

/**
 * Step `step` (1-based) of Adam on elements [from, to), both multiples of 4.
 * Updates the weights and both moments in place.
 */
export function adamUpdate(
  kernels: SimdModule,
  buffers: AdamBuffers,
  step: number,
  settings: AdamSettings,
  from: number,
  to: number,
): void {
  if (from % 4 !== 0 || to % 4 !== 0) throw new Error(`adamUpdate: range [${from}, ${to}) must start and end at multiples of 4`);
  const { learningRate, beta1, beta2, epsilon } = settings;
  const at = (offset: number) => offset + from * 4;
  kernels.adam(
    at(buffers.weights),
    at(buffers.gradients[0]),
    at(buffers.gradients[1]),
    at(buffers.firstMoment),
    at(buffers.secondMoment),
    to - from,
    learningRate / (1 - beta1 ** step),
    1 / Math.sqrt(1 - beta2 ** step),
    beta1,
    beta2,
    epsilon,
  );
}

/**
 * Step `step` of the optimizer on the weights [from, to) (multiples of 4) of
 * `count` flat float32 weights in `memory`, the gradient being the sum of the
 * two gradient parts: optimizer.ts's update for the settings.
 */
export function flatUpdate(
  kernels: SimdModule,
  memory: WebAssembly.Memory,
  buffers: AdamBuffers,
  count: number,
  settings: OptimizerSettings,
  step: number,
  from: number,
  to: number,
): void {
  const view = (offset: number) => new Float32Array(memory.buffer, offset, count);
  const weights = view(buffers.weights);
  if (settings.name === 'sgd') {
    const [gradient0, gradient1] = buffers.gradients.map(view);
    const momentum = sgdMomentum(settings);
    const buffer = view(buffers.firstMoment);
    for (let index = from; index < to; index++) {
      const gradient = Math.fround(gradient0[index] + gradient1[index]);
      const direction = momentum > 0 ? (buffer[index] = step === 1 ? gradient : Math.fround(momentum * buffer[index]) + gradient) : gradient;
      weights[index] -= Math.fround(settings.learningRate * direction);
    }
    return;
  }
  if (settings.name === 'adamw') {
    const decay = Math.fround(weightDecayFactor(settings));
    for (let index = from; index < to; index++) weights[index] *= decay;
  }
  adamUpdate(kernels, buffers, step, { learningRate: settings.learningRate, ...TORCH_ADAM }, from, to);
}
