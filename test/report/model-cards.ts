// Hand-written model cards for the report and schema tests: the brief's
// example network on 32×32 grey images, and the PR that inserts a conv block
// into it. Parameters follow kernel² · in · out + out (conv2d) and
// in · out + out (dense); sizes and timings are plausible, not measured.

import type { LayerCard, ModelCard } from '../../src/record.js';

const conv = (position: number, filters: number, padding: string, outputShape: number[], parameters: number): LayerCard =>
  ({ position, kind: 'conv2d', options: { filters, kernel: 3, stride: 1, padding, activation: 'relu' }, outputShape, parameters, engine: 'wasm' });
const pool = (position: number, outputShape: number[]): LayerCard =>
  ({ position, kind: 'max_pool', options: { size: 2, stride: 2, padding: 'valid' }, outputShape, parameters: 0, engine: 'wasm' });
const layer = (position: number, kind: string, options: LayerCard['options'], outputShape: number[], parameters: number): LayerCard =>
  ({ position, kind, options, outputShape, parameters, engine: 'wasm' });

const sum = (layers: LayerCard[]) => layers.reduce((total, l) => total + l.parameters, 0);

function card(layers: LayerCard[], sizeBytes: number, msPerImage: number): ModelCard {
  return {
    layers,
    parameters: sum(layers),
    trainableParameters: sum(layers),
    sizeBytes,
    inference: { msPerImage, batchSize: 32, batches: 20 },
    optimizer: { name: 'adam', learningRate: 0.0001 },
    training: { threads: 2, summary: `${layers.length} of ${layers.length} layers on WASM kernels` },
  };
}

/** 8 layers, 421,771 parameters. */
export function baseCard(): ModelCard {
  return card([
    conv(1, 32, 'same', [32, 32, 32], 320),
    pool(2, [16, 16, 32]),
    conv(3, 64, 'valid', [14, 14, 64], 18_496),
    pool(4, [7, 7, 64]),
    layer(5, 'dropout', { rate: 0.25 }, [7, 7, 64], 0),
    layer(6, 'flatten', {}, [3136], 0),
    layer(7, 'dense', { units: 128, activation: 'relu' }, [128], 3136 * 128 + 128),
    layer(8, 'output', { units: 11, activation: 'softmax' }, [11], 128 * 11 + 11),
  ], 1_690_000, 0.42);
}

/** The base with a conv block (conv2d 64 same, max_pool) inserted at positions 3–4: 10 layers, 131,019 parameters. */
export function widerCard(): ModelCard {
  return card([
    conv(1, 32, 'same', [32, 32, 32], 320),
    pool(2, [16, 16, 32]),
    conv(3, 64, 'same', [16, 16, 64], 18_496),
    pool(4, [8, 8, 64]),
    conv(5, 64, 'valid', [6, 6, 64], 36_928),
    pool(6, [3, 3, 64]),
    layer(7, 'dropout', { rate: 0.25 }, [3, 3, 64], 0),
    layer(8, 'flatten', {}, [576], 0),
    layer(9, 'dense', { units: 128, activation: 'relu' }, [128], 576 * 128 + 128),
    layer(10, 'output', { units: 11, activation: 'softmax' }, [11], 128 * 11 + 11),
  ], 530_000, 0.61);
}

/** params.model as params.yaml gives it for baseCard. */
export const BASE_MODEL_PARAM = [
  { conv2d: { filters: 32, kernel: 3, padding: 'same' } },
  { max_pool: { size: 2 } },
  { conv2d: { filters: 64, kernel: 3 } },
  { max_pool: { size: 2 } },
  { dropout: { rate: 0.25 } },
  { flatten: {} },
  { dense: { units: 128 } },
];
