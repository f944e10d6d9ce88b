// Deterministic synthetic run records (and the images they point at) for the
// compare and report tests. Metrics, per-class scores and the confusion
// matrix are computed from the generated predictions, so they agree the way
// a real run's do.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ClassMetrics, EpochStats, Metrics, Prediction, RepeatResult, RunRecord } from '../../src/record.js';
import { createRandom } from '../../src/random.js';

export const PLANETS = ['Earth', 'Jupiter', 'MakeMake', 'Mars', 'Mercury', 'Moon', 'Neptune', 'Pluto', 'Saturn', 'Uranus', 'Venus'];

export interface FixtureOptions {
  classes?: string[];
  /** Validation images (predictions); spread round-robin over the classes. */
  validationCount?: number;
  /** Roughly the fraction of validation images predicted right. */
  accuracy?: number;
  seed?: number;
  repeats?: number;
  /** Accuracy spread between repeats. */
  repeatSpread?: number;
  epochs?: number;
  params?: RunRecord['params'];
  dataRoot?: string;
  /** Prefix of file names, so that two records can be made to share no images. */
  filePrefix?: string;
  sha?: string;
}

/** A stable number in [0, 1) per string: how hard an image is, shared by every record. */
export function difficulty(path: string): number {
  let hash = 2166136261;
  for (const char of path) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return createRandom(hash)();
}

export const DEFAULT_PARAMS: RunRecord['params'] = {
  prepare: { split: 0.2, seed: 77, image_size: [32, 32], grayscale: true },
  train: { conv_size: 32, dense_size: 64, lr: 0.0001, epochs: 5, batch_size: 32, seed: 77, repeats: 1 },
};

export function validationPaths(classes: string[], count: number, prefix = ''): Array<{ path: string; label: string }> {
  return Array.from({ length: count }, (_, i) => {
    const label = classes[i % classes.length];
    return { path: `${label}/${prefix}${label}_${Math.floor(i / classes.length)}.jpg`, label };
  });
}

function predict(classes: string[], items: Array<{ path: string; label: string }>, accuracy: number, random: () => number): Prediction[] {
  return items.map(({ path, label }) => {
    const right = difficulty(path) * 0.8 + random() * 0.2 < accuracy;
    const trueIndex = classes.indexOf(label);
    const predictedIndex = right ? trueIndex : (trueIndex + 1 + Math.floor(random() * (classes.length - 1))) % classes.length;
    const raw = classes.map((_, j) => (j === predictedIndex ? 3 : random()));
    const total = raw.reduce((sum, value) => sum + value, 0);
    return {
      path,
      trueLabel: label,
      predictedLabel: classes[predictedIndex],
      probabilities: raw.map((value) => Number((value / total).toFixed(6))),
    };
  });
}

export function confusionOf(classes: string[], predictions: Prediction[]): number[][] {
  const matrix = classes.map(() => classes.map(() => 0));
  for (const p of predictions) matrix[classes.indexOf(p.trueLabel)][classes.indexOf(p.predictedLabel)] += 1;
  return matrix;
}

function scores(classes: string[], matrix: number[][]): { perClass: ClassMetrics[]; macro: Omit<Metrics, 'val_loss' | 'val_acc'> } {
  const perClass = classes.map((label, i) => {
    const support = matrix[i].reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, row) => sum + row[i], 0);
    const precision = predicted > 0 ? matrix[i][i] / predicted : 0;
    const recall = support > 0 ? matrix[i][i] / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const total = perClass.reduce((sum, c) => sum + c.support, 0);
  const mean = (key: 'precision' | 'recall' | 'f1') => perClass.reduce((sum, c) => sum + c[key], 0) / perClass.length;
  const weighted = (key: 'precision' | 'recall' | 'f1') => perClass.reduce((sum, c) => sum + c[key] * c.support, 0) / total;
  return {
    perClass,
    macro: {
      precision: mean('precision'), recall: mean('recall'), f1_score: mean('f1'),
      weighted_precision: weighted('precision'), weighted_recall: weighted('recall'), weighted_f1: weighted('f1'),
    },
  };
}

function history(epochs: number, finalAccuracy: number, random: () => number): EpochStats[] {
  return Array.from({ length: epochs }, (_, i) => {
    const progress = (i + 1) / epochs;
    const accuracy = 0.1 + (finalAccuracy - 0.1) * progress;
    return {
      epoch: i + 1,
      loss: Number((2.4 - 1.6 * accuracy + random() * 0.05).toFixed(6)),
      accuracy: Number(Math.min(1, accuracy + 0.05).toFixed(6)),
      val_loss: Number((2.45 - 1.5 * accuracy + random() * 0.08).toFixed(6)),
      val_accuracy: Number((accuracy - 0.02 * random()).toFixed(6)),
      seconds: 1.2,
    };
  });
}

export function makeRecord(options: FixtureOptions = {}): RunRecord {
  const classes = options.classes ?? PLANETS;
  const seed = options.seed ?? 77;
  const accuracy = options.accuracy ?? 0.6;
  const random = createRandom(seed);
  const items = validationPaths(classes, options.validationCount ?? 300, options.filePrefix);
  const repeats = options.repeats ?? 1;
  const epochs = options.epochs ?? 5;
  const repeatResults: RepeatResult[] = [];
  let first: { predictions: Prediction[]; matrix: number[][]; metrics: Metrics; perClass: ClassMetrics[]; history: EpochStats[] } | undefined;
  for (let r = 0; r < repeats; r += 1) {
    const repeatAccuracy = accuracy + (r === 0 ? 0 : (random() - 0.5) * 2 * (options.repeatSpread ?? 0.03));
    const predictions = predict(classes, items, repeatAccuracy, random);
    const matrix = confusionOf(classes, predictions);
    const { perClass, macro } = scores(classes, matrix);
    const correct = predictions.filter((p) => p.trueLabel === p.predictedLabel);
    const runHistory = history(epochs, correct.length / predictions.length, random);
    const metrics: Metrics = { val_loss: runHistory[runHistory.length - 1].val_loss, val_acc: correct.length / predictions.length, ...macro };
    repeatResults.push({ seed: seed + r, history: runHistory, metrics, perClass, correct: correct.map((p) => p.path) });
    if (r === 0) first = { predictions, matrix, metrics, perClass, history: runHistory };
  }
  const files: Record<string, string> = {};
  const imagesPerClass: Record<string, number> = {};
  const trainPerClass = 4 * Math.ceil(items.length / classes.length);
  for (const label of classes) {
    imagesPerClass[label] = 0;
    for (let i = 0; i < trainPerClass; i += 1) {
      const path = `${label}/${options.filePrefix ?? ''}${label}_${i}.jpg`;
      files[path] = difficulty(path).toString(16).slice(2).padEnd(64, '0');
      imagesPerClass[label] += 1;
    }
  }
  const totalImages = Object.keys(files).length;
  return {
    recordVersion: 1,
    tool: { name: 'train-and-report', version: '0.1.0' },
    createdAt: '2026-01-02T03:04:05.000Z',
    source: options.sha ? { sha: options.sha, ref: 'refs/heads/feature' } : undefined,
    params: options.params ?? DEFAULT_PARAMS,
    dataset: {
      root: options.dataRoot ?? '/nonexistent/data',
      classes,
      imagesPerClass,
      totalImages,
      contentHash: `hash-${options.filePrefix ?? ''}${classes.join(',')}`,
      files,
      skipped: [],
    },
    split: { seed: 77, fraction: 0.2, trainCount: totalImages - items.length, validationCount: items.length, validation: items.map((i) => i.path).sort() },
    backend: { name: 'wasm', package: '@tensorflow/tfjs-backend-wasm', simd: true, threads: 1, trainingThreads: 2 },
    versions: { node: 'v20.20.2', '@tensorflow/tfjs-core': '4.22.0', sharp: '0.34.5' },
    metrics: first!.metrics,
    history: first!.history,
    perClass: first!.perClass,
    confusionMatrix: first!.matrix,
    predictions: first!.predictions,
    repeats: repeatResults,
    timings: { decode: 0.61, split: 0.002, train: 6.1, evaluate: 0.4, save: 0.05, total: 7.3 },
  };
}

/** Writes a small coloured JPEG for every validation image of the record under `root`. */
export async function writeFixtureImages(root: string, record: RunRecord): Promise<void> {
  const classes = record.dataset.classes;
  for (const prediction of record.predictions) {
    const target = join(root, prediction.path);
    await mkdir(join(target, '..'), { recursive: true });
    const hue = (classes.indexOf(prediction.trueLabel) * 360) / classes.length;
    const shade = Math.round(difficulty(prediction.path) * 120);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="black"/>` +
      `<circle cx="32" cy="32" r="${14 + (shade % 14)}" fill="hsl(${hue.toFixed(0)}, 70%, ${40 + (shade % 30)}%)"/></svg>`;
    await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(target);
  }
}
