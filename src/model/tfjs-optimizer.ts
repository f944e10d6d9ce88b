// The update of optimizer.ts on the model's tfjs variables: tfjs's own Adam
// and SGD with torch's constants, AdamW's decoupled decay applied before them
// (torch's order). The one loop's plain step (train.ts) uses it on every
// backend that trains on one thread.

import * as tf from '@tensorflow/tfjs-core';
import { sgdMomentum, TORCH_ADAM, weightDecayFactor, type OptimizerSettings } from './optimizer.js';

export interface VariableUpdate {
  /** One step with the gradients of `variables` (by name). */
  apply(grads: tf.NamedTensorMap): void;
  dispose(): void;
}

export function tfjsUpdate(settings: OptimizerSettings, variables: readonly tf.Variable[]): VariableUpdate {
  const optimizer = tfjsOptimizer(settings);
  const decay = weightDecayFactor(settings);
  return {
    apply(grads) {
      // AdamW: the weights decay first, then Adam applies the gradient taken before the decay.
      if (decay !== 1) for (const variable of variables) variable.assign(tf.mul(variable, decay));
      optimizer.applyGradients(grads);
    },
    dispose: () => optimizer.dispose(),
  };
}

function tfjsOptimizer(settings: OptimizerSettings): tf.Optimizer {
  if (settings.name === 'sgd') {
    // tfjs's momentum is torch's SGD with dampening 0: buffer = momentum · buffer + g (the first buffer g), w -= lr · buffer.
    const momentum = sgdMomentum(settings);
    return momentum > 0 ? tf.train.momentum(settings.learningRate, momentum) : tf.train.sgd(settings.learningRate);
  }
  return tf.train.adam(settings.learningRate, TORCH_ADAM.beta1, TORCH_ADAM.beta2, TORCH_ADAM.epsilon);
}
