// The optimizers training knows, one's settings with its defaults filled in,
// and the update each one makes: defined once here, with torch's constants,
// and computed by one of two implementations chosen inside the step of the
// one loop (train.ts): tfjs's optimizers on the model's variables
// (tfjs-optimizer.ts), or WebAssembly over the weights that WASM's two
// training threads share (backends/wasm/adam.ts). Pure, so that params.ts
// imports it without loading tfjs (params → model, never the other way).
//
// The update of step t (1-based) with gradient g, as torch.optim computes it:
// - adam: m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g², w −= lr·m̂ / (√v̂ + ε),
//   with bias-corrected m̂, v̂ and β1, β2, ε as TORCH_ADAM;
// - adamw: first w ·= weightDecayFactor (1 − lr·weight_decay), then adam with
//   the gradient taken before the decay;
// - sgd: with momentum, b = momentum·b + g (the first b = g; dampening 0),
//   w −= lr·b; without, w −= lr·g.

export const OPTIMIZERS = ['adam', 'adamw', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerSettings {
  name: OptimizerName;
  learningRate: number;
  weightDecay?: number;
  momentum?: number;
}

/** torch.optim.Adam's defaults (tfjs's default ε is 1e-7), as in the notebook. */
export const TORCH_ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** What AdamW multiplies the weights by before each Adam step; 1 for the others. */
export function weightDecayFactor(settings: OptimizerSettings): number {
  return settings.name === 'adamw' ? 1 - settings.learningRate * (settings.weightDecay ?? 0) : 1;
}

/** SGD's momentum; 0: plain SGD. */
export function sgdMomentum(settings: OptimizerSettings): number {
  return settings.momentum ?? 0;
}
