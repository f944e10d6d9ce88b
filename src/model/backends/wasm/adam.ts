// Adam as torch.optim.Adam computes it (β1 0.9, β2 0.999, ε 1e-8, bias
// correction at every step, float32), over weights that the training threads
// share: one SIMD pass per element (simd/training.wat) instead of tfjs's dozen
// element-wise ops over the whole weight vector, each thread updating its own
// range in place.

import type { SimdModule } from './simd.js';

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const TORCH_ADAM: Omit<AdamSettings, 'learningRate'> = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

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
