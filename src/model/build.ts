// The model as tfjs layers, from the checked layer list of spec.ts (the
// notebook's model by default), plus the output layer (logits): each layer
// built by its kind's row of layers.ts. Initialised as PyTorch initialises
// Conv2d and Linear (kaiming-uniform with a = √5, i.e. weights and biases
// uniform in ±1/√fan_in), not with Keras' Glorot defaults: the reference
// accuracies were reached with PyTorch's scheme, and with Glorot this small
// network trains measurably worse at these learning rates.
//
// Each layer of the list gets a name with its position (see layerName), so
// that the training step (step.ts, through layers.ts) finds its weights.

import * as tfl from '@tensorflow/tfjs-layers';
import { notebookLayers, shapeLayers, type LayerSpec, type ShapedLayer } from './spec.js';
import { layerName, layerRow, type BuildContext } from './layers.js';

export { layerName } from './layers.js';

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

export function createModel(spec: ModelSpec): tfl.Sequential {
  // Counts weighted layers (conv2d, dense, output): the notebook's model keeps the seeds 0, 1, 2 it always had.
  let weighted = 0;
  const context: BuildContext = {
    layers: [],
    first: (config) => (context.layers.length === 0 ? { inputShape: spec.inputShape, ...config } : config),
    initialisers: (fanIn) => torchDefaultInitialisers(fanIn, spec.seed, weighted++),
  };
  for (const shaped of shapedLayers(spec)) layerRow(shaped.spec).build(shaped.spec, shaped, layerName(shaped.position, shaped.spec.kind), context);
  return tfl.sequential({ name: 'train_and_report_classifier', layers: context.layers });
}
