// The model as tfjs layers, from the checked layer list of spec.ts (the
// notebook's model by default), plus the output layer (logits). Initialised
// as PyTorch initialises Conv2d and Linear (kaiming-uniform with a = √5, i.e.
// weights and biases uniform in ±1/√fan_in), not with Keras' Glorot
// defaults: the reference accuracies were reached with PyTorch's scheme, and
// with Glorot this small network trains measurably worse at these learning
// rates. Batch norm starts as PyTorch's (scale 1, shift 0, running mean 0 and
// variance 1, ε 1e-5, momentum 0.1, which tfjs calls 0.9).
//
// Each layer of the list gets a name with its position (see layerName), so
// that the training step (step.ts) finds its weights.

import * as tfl from '@tensorflow/tfjs-layers';
import { notebookLayers, samePadding, shapeLayers, type Activation, type LayerSpec, type ShapedLayer } from './spec.js';

export interface ModelSpec {
  inputShape: [number, number, number];
  classes: number;
  /** The hidden layers; absent: the notebook's model from convSize and denseSize. */
  layers?: LayerSpec[];
  convSize?: number;
  denseSize?: number;
  seed: number;
}

/** The hidden layers a spec stands for. */
export function specLayers(spec: ModelSpec): LayerSpec[] {
  return spec.layers ?? notebookLayers(spec.convSize ?? 32, spec.denseSize ?? 64);
}

/** Every layer with its shapes and weight counts, the output layer last. */
export function shapedLayers(spec: ModelSpec): ShapedLayer[] {
  return shapeLayers(specLayers(spec), spec.inputShape, spec.classes, 'model');
}

/** The tfjs name of the layer at `position` (the output layer: the list's length + 1). */
export function layerName(position: number, kind: string): string {
  return `layer${position}_${kind}`;
}

/** Each weighted layer gets its own seed so that layers do not share random streams. */
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

const TFJS_ACTIVATION: Record<Activation, 'relu' | 'tanh' | 'sigmoid' | 'linear'> = { relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', none: 'linear' };

export function createModel(spec: ModelSpec): tfl.Sequential {
  const layers: tfl.layers.Layer[] = [];
  // Counts weighted layers (conv2d, dense, output): the notebook's model keeps the seeds 0, 1, 2 it always had.
  let weighted = 0;
  const first = <T extends object>(config: T): T => (layers.length === 0 ? { inputShape: spec.inputShape, ...config } : config);
  for (const shaped of shapedLayers(spec)) {
    const { position, spec: layer, inputShape } = shaped;
    const name = layerName(position, layer.kind);
    const channelsIn = inputShape[inputShape.length - 1];
    switch (layer.kind) {
      case 'conv2d': {
        const pad = samePadding(layer);
        // PyTorch's padding (size // 2 on every side), which tfjs's 'same' differs from for even kernels and strides > 1.
        if (pad > 0) layers.push(tfl.layers.zeroPadding2d(first({ padding: [[pad, pad], [pad, pad]] as [[number, number], [number, number]], name: `${name}_padding` })));
        layers.push(
          tfl.layers.conv2d(
            first({
              name,
              filters: layer.filters,
              kernelSize: layer.kernel,
              strides: layer.stride,
              padding: 'valid',
              activation: TFJS_ACTIVATION[layer.activation],
              ...torchDefaultInitialisers(layer.kernel * layer.kernel * channelsIn, spec.seed, weighted++),
            }),
          ),
        );
        break;
      }
      case 'max_pool':
        layers.push(tfl.layers.maxPooling2d(first({ name, poolSize: layer.size, strides: layer.stride, padding: 'valid' })));
        break;
      case 'avg_pool':
        layers.push(tfl.layers.averagePooling2d(first({ name, poolSize: layer.size, strides: layer.stride, padding: 'valid' })));
        break;
      case 'batch_norm':
        layers.push(tfl.layers.batchNormalization(first({ name, axis: -1, momentum: 0.9, epsilon: 1e-5 })));
        break;
      case 'dropout':
        // Only for prediction, where it passes its input on; training draws its own seeded masks (step.ts).
        layers.push(tfl.layers.dropout(first({ name, rate: layer.rate })));
        break;
      case 'flatten':
        layers.push(tfl.layers.flatten(first({ name })));
        break;
      case 'global_avg_pool':
        layers.push(tfl.layers.globalAveragePooling2d(first({ name })));
        break;
      case 'dense':
        layers.push(
          tfl.layers.dense(first({ name, units: layer.units, activation: TFJS_ACTIVATION[layer.activation], ...torchDefaultInitialisers(channelsIn, spec.seed, weighted++) })),
        );
        break;
      case 'output':
        layers.push(tfl.layers.dense(first({ name, units: layer.units, ...torchDefaultInitialisers(channelsIn, spec.seed, weighted++) })));
        break;
    }
  }
  return tfl.sequential({ name: 'train_and_report_classifier', layers });
}
