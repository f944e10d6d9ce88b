// The notebook's model as tfjs layers: Conv2D → MaxPool → Flatten → Dense →
// Dense (logits). Initialised as PyTorch initialises Conv2d and Linear
// (kaiming-uniform with a = √5, i.e. weights and biases uniform in
// ±1/√fan_in), not with Keras' Glorot defaults: the reference accuracies were
// reached with PyTorch's scheme, and with Glorot this small network trains
// measurably worse at these learning rates.

import * as tfl from '@tensorflow/tfjs-layers';

export interface ModelSpec {
  inputShape: [number, number, number];
  classes: number;
  convSize: number;
  denseSize: number;
  seed: number;
}

/** Each layer gets its own seed so that layers do not share random streams. */
function layerSeed(seed: number, layer: number, part: 0 | 1): number {
  return (seed * 7919 + layer * 104_729 + part * 1_299_709) % 2_147_483_647;
}

function torchDefaultInitialisers(fanIn: number, seed: number, layer: number) {
  const bound = 1 / Math.sqrt(fanIn);
  return {
    kernelInitializer: tfl.initializers.randomUniform({ minval: -bound, maxval: bound, seed: layerSeed(seed, layer, 0) }),
    biasInitializer: tfl.initializers.randomUniform({ minval: -bound, maxval: bound, seed: layerSeed(seed, layer, 1) }),
  };
}

export const KERNEL_SIZE = 3;
export const POOL_SIZE = 3;

export function createModel(spec: ModelSpec): tfl.Sequential {
  const [height, width, channels] = spec.inputShape;
  const convHeight = height - KERNEL_SIZE + 1;
  const convWidth = width - KERNEL_SIZE + 1;
  const pooledHeight = Math.floor((convHeight - POOL_SIZE) / POOL_SIZE) + 1;
  const pooledWidth = Math.floor((convWidth - POOL_SIZE) / POOL_SIZE) + 1;
  const flat = pooledHeight * pooledWidth * spec.convSize;
  return tfl.sequential({
      name: 'train_and_report_classifier',
      layers: [
        tfl.layers.conv2d({
          inputShape: spec.inputShape,
          filters: spec.convSize,
          kernelSize: KERNEL_SIZE,
          activation: 'relu',
          ...torchDefaultInitialisers(KERNEL_SIZE * KERNEL_SIZE * channels, spec.seed, 0),
        }),
        tfl.layers.maxPooling2d({ poolSize: POOL_SIZE, strides: POOL_SIZE }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: spec.denseSize, activation: 'relu', ...torchDefaultInitialisers(flat, spec.seed, 1) }),
        tfl.layers.dense({ units: spec.classes, ...torchDefaultInitialisers(spec.denseSize, spec.seed, 2) }),
      ],
    });
}
