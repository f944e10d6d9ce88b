// The optimizers training knows, and one's settings with its defaults filled
// in: part of the model's training, so params.ts imports them from here
// (params → model, never the other way).

export const OPTIMIZERS = ['adam', 'adamw', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerSettings {
  name: OptimizerName;
  learningRate: number;
  weightDecay?: number;
  momentum?: number;
}
