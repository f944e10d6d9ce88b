// Adam as torch.optim.Adam computes it (β1 0.9, β2 0.999, ε 1e-8, bias
// correction at every step), over flat float32 arrays that the training
// threads share. One pass per element instead of tfjs's dozen element-wise
// ops over the whole weight vector, and each thread updates its own range,
// so the update needs no copy and no lock.

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const TORCH_ADAM: Omit<AdamSettings, 'learningRate'> = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/**
 * Step `step` (1-based) of Adam on elements [from, to): the gradient is the
 * sum of `gradients` (the threads' parts, added in the order given, so the
 * result does not depend on which thread finished first). Updates `weights`,
 * `firstMoment` and `secondMoment` in place; the arithmetic is float64, the
 * stored values float32.
 */
export function adamUpdate(
  weights: Float32Array,
  gradients: readonly Float32Array[],
  firstMoment: Float32Array,
  secondMoment: Float32Array,
  step: number,
  settings: AdamSettings,
  from = 0,
  to = weights.length,
): void {
  const { learningRate, beta1, beta2, epsilon } = settings;
  const stepSize = learningRate / (1 - beta1 ** step);
  const secondCorrection = Math.sqrt(1 - beta2 ** step);
  const [first, second] = gradients;
  for (let index = from; index < to; index++) {
    let gradient = first[index];
    if (second !== undefined) gradient += second[index];
    for (let part = 2; part < gradients.length; part++) gradient += gradients[part][index];
    const mean = beta1 * firstMoment[index] + (1 - beta1) * gradient;
    const variance = beta2 * secondMoment[index] + (1 - beta2) * gradient * gradient;
    firstMoment[index] = mean;
    secondMoment[index] = variance;
    weights[index] -= (stepSize * mean) / (Math.sqrt(variance) / secondCorrection + epsilon);
  }
}
