// `predict`: labels new images with a saved model, using the preprocessing
// written in the model's metadata.

import * as tf from '@tensorflow/tfjs-core';
import { decodeFiles } from './data/dataset.js';
import { scoreLogits } from './model/evaluate.js';
import { loadModel } from './model/storage.js';
import { DEFAULT_PARAMS } from './params.js';

export interface ImagePrediction {
  file: string;
  label: string;
  /** Top classes, most probable first. */
  top: { label: string; probability: number }[];
}

export async function predict(modelDir: string, files: string[], topCount = 3): Promise<ImagePrediction[]> {
  const { model, metadata } = await loadModel(modelDir);
  try {
    const prepare = { ...DEFAULT_PARAMS.prepare, image_size: metadata.imageSize, grayscale: metadata.colourMode === 'grayscale' };
    const images = await decodeFiles(files, prepare);
    const [height, width] = metadata.imageSize;
    const channels = prepare.grayscale ? 1 : 3;
    const size = height * width * channels;
    const values = new Float32Array(images.length * size);
    images.forEach((pixels, row) => {
      for (let byte = 0; byte < size; byte++) values[row * size + byte] = pixels[byte] / 255;
    });
    const output = tf.tidy(() => model.predict(tf.tensor4d(values, [images.length, height, width, channels])) as tf.Tensor);
    const logits = (await output.data()) as Float32Array;
    output.dispose();
    const classes = metadata.labels.length;
    const scores = scoreLogits(logits, new Int32Array(images.length), classes);
    return files.map((file, row) => {
      const ranked = metadata.labels
        .map((label, k) => ({ label, probability: scores.probabilities[row * classes + k] }))
        .sort((a, b) => b.probability - a.probability);
      return { file, label: ranked[0].label, top: ranked.slice(0, topCount) };
    });
  } finally {
    model.dispose();
  }
}

export async function predictImages(modelDir: string, files: string[]): Promise<string[]> {
  const results = await predict(modelDir, files);
  return results.map(
    (result) =>
      `${result.file}: ${result.label} (${result.top.map((entry) => `${entry.label} ${(entry.probability * 100).toFixed(1)}%`).join(', ')})`,
  );
}
