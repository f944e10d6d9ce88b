// The model card: what the model is (its layers, output shapes and weights,
// from spec.ts) and what it costs on the machine that trained it (size on
// disk, inference time per image), for the report's base-vs-PR comparison.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { LayerCard, ModelCard } from '../record.js';
import type { OptimizerSettings } from './optimizer.js';
import { countParameters, layerOptions, type ShapedLayer } from './spec.js';
import type { Engine } from './step.js';
import { imageBatch, type ImageTensorSource } from './train.js';

/** The layers as the record keeps them; `engines` says where each list position trained. */
export function layerCards(shaped: readonly ShapedLayer[], engines: ReadonlyMap<number, Engine>): LayerCard[] {
  return shaped.map((layer) => {
    const engine = engines.get(layer.position);
    return {
      position: layer.position,
      kind: layer.implicit ? 'flatten' : layer.spec.kind,
      options: layerOptions(layer.spec),
      outputShape: [...layer.outputShape],
      parameters: layer.parameters,
      ...(engine ? { engine } : {}),
    };
  });
}

/** Bytes of the files in `folder` (the saved model). */
export async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(folder, entry.name))).size;
  }
  return total;
}

export interface InferenceTiming {
  msPerImage: number;
  batchSize: number;
  batches: number;
}

/**
 * Median time per image of model.predict over `batches` batches of
 * `batchSize` of the given images (cycled when there are fewer), after one
 * untimed warm-up batch. The median, because a runner's neighbours make
 * single batches slow now and then.
 */
export async function measureInference(model: tfl.LayersModel, source: ImageTensorSource, indices: readonly number[], batchSize = 32, batches = 10): Promise<InferenceTiming> {
  const rows = Array.from({ length: batchSize }, (_, row) => indices[row % indices.length]);
  const timeOne = async () => {
    const inputs = imageBatch(source, rows);
    const started = performance.now();
    const output = model.predict(inputs) as tf.Tensor;
    // Until the values are back: a GPU computes asynchronously.
    await output.data();
    const elapsed = performance.now() - started;
    tf.dispose([inputs, output]);
    return elapsed;
  };
  await timeOne();
  const times: number[] = [];
  for (let batch = 0; batch < batches; batch++) times.push(await timeOne());
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const median = times.length % 2 === 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
  return { msPerImage: Number((median / batchSize).toFixed(4)), batchSize, batches };
}

export function modelCard(
  shaped: readonly ShapedLayer[],
  engines: ReadonlyMap<number, Engine>,
  sizeBytes: number,
  inference: InferenceTiming,
  optimizer: OptimizerSettings,
  training: ModelCard['training'],
): ModelCard {
  const { parameters, trainable } = countParameters(shaped);
  return {
    layers: layerCards(shaped, engines),
    parameters,
    trainableParameters: trainable,
    sizeBytes,
    inference,
    optimizer: {
      name: optimizer.name,
      learningRate: optimizer.learningRate,
      ...(optimizer.weightDecay !== undefined ? { weightDecay: optimizer.weightDecay } : {}),
      ...(optimizer.momentum !== undefined ? { momentum: optimizer.momentum } : {}),
    },
    training,
  };
}
