// The run record from what the pipeline's steps produced: one function, so
// that every entry (the CLI, the action, a sweep's variants) writes the same
// run.json for the same run. Pure: no tfjs, no files.
//
// One number everywhere: the record's metrics are the means over the seeds
// (what the headline, the tables and the thresholds read), its per-class
// metrics and confusion matrix pool every seed's predictions; only what needs
// one model (the predictions, the history, the saved model) is the first
// seed's, and the record names that seed (`predictionsSeed`).

import type { DatasetListing, DecodedDataset } from './data/dataset.js';
import type { ParamOverride, Params } from './params.js';
import { METRIC_KEYS } from './metrics.js';
import { perClassMetrics } from './model/evaluate.js';
import { layersAsList } from './model/spec.js';
import {
  RUN_RECORD_VERSION,
  type BackendInfo,
  type BuiltinRunRecord,
  type ClassMetrics,
  type EpochStats,
  type Metrics,
  type ModelCard,
  type Prediction,
  type RepeatResult,
  type RunRecord,
} from './record.js';
import { libraryVersions, TOOL_NAME, TOOL_VERSION } from './version.js';

export interface RecordInputs {
  source?: RunRecord['source'];
  params: Params;
  overrides: readonly ParamOverride[];
  dataDir: string;
  listing: Pick<DatasetListing, 'classes'>;
  decoded: Pick<DecodedDataset, 'images' | 'contentHash' | 'fileHashes' | 'skipped'>;
  split: { seed: number; fraction: number; trainCount: number; validationPaths: string[] };
  backend: BackendInfo;
  repeats: RepeatResult[];
  /** When the seeds were trained in stages and stopped early. */
  stopping?: RunRecord['stopping'];
  /** The first repeat's validation results: its softmax probabilities (rows in validationPaths' order). */
  first: { scores: { predicted: ArrayLike<number>; probabilities: Float64Array | Float32Array } };
  /** Every repeat's confusion counts, in the order of `repeats`. */
  matrices: number[][][];
  modelCard: ModelCard;
  /** The training fingerprint (src/fingerprint.ts). */
  fingerprint: string;
  timings: Record<string, number>;
  /** Default: now. */
  createdAt?: Date;
}

const round6 = (value: number) => Number(value.toFixed(6));

/** Each metric of the built-in trainer's table (METRIC_KEYS), its mean over the repeats: the run's one number per metric. */
export function meanMetrics(repeats: readonly Pick<RepeatResult, 'metrics'>[]): Metrics {
  return Object.fromEntries(METRIC_KEYS.map((key) => [key, repeats.reduce((sum, repeat) => sum + repeat.metrics[key], 0) / repeats.length])) as Metrics;
}

/**
 * Every repeat's predictions pooled: the confusion counts summed over the
 * seeds, and per-class precision, recall and F1 of those pooled counts; a
 * class's support stays its number of validation images (every seed
 * validates on the same images).
 */
export function pooledResults(matrices: readonly number[][][], classes: string[]): { matrix: number[][]; perClass: ClassMetrics[] } {
  const matrix = classes.map((_, row) => classes.map((_, column) => matrices.reduce((sum, counts) => sum + counts[row][column], 0)));
  const perClass = perClassMetrics(matrix, classes).map((entry) => ({ ...entry, support: entry.support / matrices.length }));
  return { matrix, perClass };
}

/**
 * The params as run.json holds them: the model list as params.yaml writes it,
 * so that a record's params can be pasted back into one. With a list, the
 * notebook's shorthands are not the model: they are left out, as formatParams leaves them.
 */
export function recordedParams(params: Params): RunRecord['params'] {
  const recorded = params.model
    ? { ...params, train: Object.fromEntries(Object.entries(params.train).filter(([key]) => key !== 'conv_size' && key !== 'dense_size')), model: layersAsList(params.model) }
    : params;
  return recorded as unknown as RunRecord['params'];
}

export function buildRunRecord(inputs: RecordInputs): BuiltinRunRecord {
  const { params, listing, decoded, split, first } = inputs;
  const classes = listing.classes;
  const pooled = pooledResults(inputs.matrices, classes);
  const imagesPerClass: Record<string, number> = Object.fromEntries(classes.map((name) => [name, 0]));
  for (const image of decoded.images) imagesPerClass[classes[image.label]]++;
  const labelOf = new Map(decoded.images.map((image) => [image.path, image.label]));
  const predictions: Prediction[] = split.validationPaths.map((path, row) => ({
    path,
    trueLabel: classes[labelOf.get(path)!],
    predictedLabel: classes[first.scores.predicted[row]],
    probabilities: Array.from(first.scores.probabilities.subarray(row * classes.length, (row + 1) * classes.length), round6),
  }));
  const recordParams = recordedParams(params);
  return {
    recordVersion: RUN_RECORD_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt: (inputs.createdAt ?? new Date()).toISOString(),
    ...(inputs.source ? { source: inputs.source } : {}),
    params: recordParams,
    ...(inputs.overrides.length > 0 ? { paramsOverride: inputs.overrides.map((override) => override.text) } : {}),
    dataset: {
      root: inputs.dataDir,
      classes,
      imagesPerClass,
      totalImages: decoded.images.length,
      contentHash: decoded.contentHash,
      files: decoded.fileHashes,
      skipped: decoded.skipped,
    },
    split: {
      seed: split.seed,
      fraction: split.fraction,
      trainCount: split.trainCount,
      validationCount: split.validationPaths.length,
      validation: [...split.validationPaths].sort(),
    },
    backend: inputs.backend,
    versions: libraryVersions(),
    metrics: meanMetrics(inputs.repeats),
    // The built-in trainer fills every field of every epoch.
    history: inputs.repeats[0].history as EpochStats[],
    perClass: pooled.perClass,
    confusionMatrix: pooled.matrix,
    predictions,
    predictionsSeed: inputs.repeats[0].seed,
    repeats: inputs.repeats,
    ...(inputs.stopping ? { stopping: inputs.stopping } : {}),
    modelCard: inputs.modelCard,
    fingerprint: inputs.fingerprint,
    timings: inputs.timings,
  };
}

/** This run's own facts when it reuses its base's results. */
export interface ReuseInputs {
  source?: RunRecord['source'];
  overrides: readonly ParamOverride[];
  dataDir: string;
  timings: Record<string, number>;
  createdAt?: Date;
}

/**
 * The record of a run that trained nothing: everything that reaches training
 * equals the base's (same fingerprint), so its per-seed results, pooled
 * predictions and model card are the base's, taken as they are; what is this
 * run's own (when, which commit, the data folder, the overrides, the timings,
 * the tool) is its own, and `reused` says where the results came from.
 */
export function reusedRunRecord(base: BuiltinRunRecord, inputs: ReuseInputs): BuiltinRunRecord {
  const { source: _source, paramsOverride: _overrides, reused: _reused, stopping: _stopping, ...results } = base;
  return {
    ...results,
    recordVersion: RUN_RECORD_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt: (inputs.createdAt ?? new Date()).toISOString(),
    ...(inputs.source ? { source: inputs.source } : {}),
    ...(inputs.overrides.length > 0 ? { paramsOverride: inputs.overrides.map((override) => override.text) } : {}),
    dataset: { ...base.dataset, root: inputs.dataDir },
    versions: libraryVersions(),
    timings: inputs.timings,
    reused: { ...(base.source?.sha ? { sha: base.source.sha } : {}), createdAt: base.createdAt },
  };
}
