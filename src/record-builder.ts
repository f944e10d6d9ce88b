// The run record from what the pipeline's steps produced: one function, so
// that every entry (the CLI, the action, a sweep's variants) writes the same
// run.json for the same run. Pure: no tfjs, no files.

import type { DatasetListing, DecodedDataset } from './data/dataset.js';
import type { ParamOverride, Params } from './params.js';
import { layersAsList } from './model/spec.js';
import { RUN_RECORD_VERSION, type BackendInfo, type BuiltinRunRecord, type EpochStats, type ClassMetrics, type ModelCard, type Prediction, type RepeatResult, type RunRecord } from './record.js';
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
  /** The first repeat's validation results: its softmax probabilities (rows in validationPaths' order), class scores and confusion counts. */
  first: { scores: { predicted: ArrayLike<number>; probabilities: Float64Array | Float32Array }; perClass: ClassMetrics[]; matrix: number[][] };
  modelCard: ModelCard;
  timings: Record<string, number>;
  /** Default: now. */
  createdAt?: Date;
}

const round6 = (value: number) => Number(value.toFixed(6));

export function buildRunRecord(inputs: RecordInputs): BuiltinRunRecord {
  const { params, listing, decoded, split, first } = inputs;
  const classes = listing.classes;
  const imagesPerClass: Record<string, number> = Object.fromEntries(classes.map((name) => [name, 0]));
  for (const image of decoded.images) imagesPerClass[classes[image.label]]++;
  const labelOf = new Map(decoded.images.map((image) => [image.path, image.label]));
  const predictions: Prediction[] = split.validationPaths.map((path, row) => ({
    path,
    trueLabel: classes[labelOf.get(path)!],
    predictedLabel: classes[first.scores.predicted[row]],
    probabilities: Array.from(first.scores.probabilities.subarray(row * classes.length, (row + 1) * classes.length), round6),
  }));
  // The model list as params.yaml writes it, so that a record's params can be pasted back into one.
  // With a list, the notebook's shorthands are not the model: they are left out, as formatParams leaves them.
  const recordParams = params.model
    ? { ...params, train: Object.fromEntries(Object.entries(params.train).filter(([key]) => key !== 'conv_size' && key !== 'dense_size')), model: layersAsList(params.model) }
    : params;
  return {
    recordVersion: RUN_RECORD_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt: (inputs.createdAt ?? new Date()).toISOString(),
    ...(inputs.source ? { source: inputs.source } : {}),
    params: recordParams as unknown as RunRecord['params'],
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
    metrics: inputs.repeats[0].metrics,
    // The built-in trainer fills every field of every epoch.
    history: inputs.repeats[0].history as EpochStats[],
    perClass: first.perClass,
    confusionMatrix: first.matrix,
    predictions,
    repeats: inputs.repeats,
    modelCard: inputs.modelCard,
    timings: inputs.timings,
  };
}
