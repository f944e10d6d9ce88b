// The run record: everything one `run` learned, written as run.json.
// The report and the GitHub Action read it (also records written by older
// versions of this tool, from the reports branch), so its shape is versioned:
// a change that removes or renames a field bumps RUN_RECORD_VERSION and
// teaches `upgradeRecord` to read the old shape.
// Pure: no tfjs, no @actions/*. File I/O is limited to read/write helpers.

import { readFile, writeFile } from 'node:fs/promises';

export const RUN_RECORD_VERSION = 1;

/**
 * Flat metrics in DVC's layout; also the content of metrics.json. The
 * built-in trainer writes one number per key of src/metrics.ts's table; a
 * training command (`trainer: command`) writes the keys its own metrics.json
 * has, so readers check that a key is there before they use it.
 */
export type Metrics = Record<string, number>;

export interface EpochStats {
  epoch: number; // 1-based
  loss: number;
  accuracy: number;
  val_loss: number;
  val_accuracy: number;
  seconds: number;
}

/** One epoch of a run's history: the built-in trainer fills every field; a training command's history.csv may have only some. */
export type HistoryEpoch = { epoch: number } & Partial<Omit<EpochStats, 'epoch'>>;

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Prediction {
  /** Relative to the data folder, '/'-separated: the identity used to pair base and head. */
  path: string;
  trueLabel: string;
  predictedLabel: string;
  /** Softmax probabilities in the order of `dataset.classes`, rounded to 6 decimals. */
  probabilities: number[];
}

export interface RepeatResult {
  seed: number;
  history: HistoryEpoch[];
  metrics: Metrics;
  /** Per-class precision, recall and F1 of this repeat (absent in records of older tool versions), so that a class's change can be told from its own seed noise. */
  perClass?: ClassMetrics[];
  /** Paths (as in predictions) of validation images this repeat got right. */
  correct: string[];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface DatasetSummary {
  /** The data folder as given to `run` (the report reads preview images from it when it is still there). */
  root: string;
  /** Sorted class names (folder names), as torchvision's ImageFolder orders them. */
  classes: string[];
  imagesPerClass: Record<string, number>;
  totalImages: number;
  /** sha256 over the sorted relative paths and the bytes of every image. */
  contentHash: string;
  /** Relative path → sha256 of the file's bytes (lets a report name added/removed/changed images). */
  files: Record<string, string>;
  skipped: SkippedFile[];
}

export interface SplitSummary {
  seed: number;
  fraction: number;
  trainCount: number;
  validationCount: number;
  /** Relative paths of the validation images, sorted. */
  validation: string[];
}

/** The GPU adapter a webgpu run used, as WebGPU describes it. */
export interface AdapterInfo {
  /** e.g. "nvidia", "mesa" */
  vendor: string;
  /** e.g. "ampere", "software" */
  architecture: string;
  device: string;
  /** The driver's description, e.g. "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)" */
  driver: string;
  /** A software (fallback) adapter: computes on the CPU. */
  fallback: boolean;
}

export interface BackendInfo {
  /** The backend that ran: a name of the table in model/backend-choice.ts */
  name: string;
  /** The package it came from, e.g. @tensorflow/tfjs-backend-wasm */
  package: string;
  simd?: boolean;
  /** The WASM backend's own threads. */
  threads?: number;
  /** WASM: threads that trained together (model/backends/wasm/two-threads.ts); their number changes the float sums. */
  trainingThreads?: number;
  /** webgpu: the adapter it ran on (its float order is the adapter's and the driver's). */
  adapter?: AdapterInfo;
}

/** One layer of the model card: the output layer (logits) is the last, with kind "output". */
export interface LayerCard {
  /** Position in params.yaml's `model:` list, 1-based; the output layer gets the next number. */
  position: number;
  /** conv2d | max_pool | avg_pool | batch_norm | dropout | flatten | global_avg_pool | dense | output */
  kind: string;
  /** The layer's options with defaults filled in, e.g. { filters: 32, kernel: 3, stride: 1, padding: "valid", activation: "relu" }. */
  options: Record<string, string | number>;
  /** Output shape without the batch dimension, e.g. [30, 30, 32] (height, width, channels) or [64]. */
  outputShape: number[];
  /** Weights of this layer (batch_norm: its scale and shift and its two running statistics). */
  parameters: number;
  /** Where its training step ran: "wasm" (the project's WebAssembly kernels), "javascript" (the project's own loops) or "tfjs" (the backend's kernels). */
  engine?: 'wasm' | 'javascript' | 'tfjs';
}

/** What the model is and costs, measured on the machine that trained it: the report's model card. */
export interface ModelCard {
  layers: LayerCard[];
  /** All weights, the running statistics of batch_norm included. */
  parameters: number;
  trainableParameters: number;
  /** Bytes of the saved model folder (model.json, weights and metadata). */
  sizeBytes: number;
  /** Median milliseconds per image over `batches` timed batches of `batchSize` images (after one untimed warm-up batch). */
  inference: { msPerImage: number; batchSize: number; batches: number };
  optimizer: { name: 'adam' | 'adamw' | 'sgd'; learningRate: number; weightDecay?: number; momentum?: number };
  /** How training ran: on how many threads, and which layers on the WebAssembly kernels, e.g. "4 of 5 layers on WASM kernels; batch_norm on tfjs". */
  training: { threads: number; summary: string };
}

/** One seed of a training command: how it ended and how long it took. */
export interface CommandSeed {
  seed: number;
  exitCode: number;
  seconds: number;
}

/** Who trained: absent for the built-in CNN; a training command (`run --command`, the action's `command` input) says so here. */
export interface CommandTrainer {
  kind: 'command';
  /** The command line as given, run through the shell once per seed. */
  command: string;
  seeds: CommandSeed[];
  /** Which optional files the command wrote (the report says how to add the missing ones). */
  outputs: { history: boolean; predictions: boolean };
}

export interface RunRecord {
  recordVersion: number;
  /** Absent: the built-in CNN trained the run. */
  trainer?: CommandTrainer;
  tool: { name: string; version: string };
  createdAt: string;
  /** Filled by the action: what commit the run is about. Absent for local runs. */
  source?: { sha?: string; ref?: string; pullRequest?: number; baseSha?: string; repository?: string };
  /** The params as used (defaults filled in), in params.yaml's layout. */
  params: Record<string, Record<string, unknown>>;
  /** Overrides applied on top of params.yaml (`--set`, the params-override input), as given; `params` already holds them. */
  paramsOverride?: string[];
  /** A training command run without a data folder has an empty one (root ''). */
  dataset: DatasetSummary;
  /** The built-in trainer's split; a training command splits its data itself. */
  split?: SplitSummary;
  /** The tfjs backend of the built-in trainer; absent for a training command. */
  backend?: BackendInfo;
  versions: Record<string, string>;
  /** Each metric's mean over the repeats (metrics.json; in records of older tool versions, the first model's). */
  metrics: Metrics;
  /** The training history of one model (predictionsSeed's; in records of older tool versions, the first repeat's). */
  history: HistoryEpoch[];
  /** Per-class metrics of every repeat's predictions pooled (support: the class's validation images). */
  perClass: ClassMetrics[];
  /** Counts summed over the repeats (each validation image once per seed); rows are the true class, columns the predicted one, in `dataset.classes` order. */
  confusionMatrix: number[][];
  /** The saved model's predictions, one per validation image. */
  predictions: Prediction[];
  /** The seed of the model whose predictions and history the record holds (absent in records of older tool versions: repeats[0]'s). */
  predictionsSeed?: number;
  /** One entry per trained model (train.repeats); repeats[0] is the saved model. */
  repeats: RepeatResult[];
  /** The model's layers, size and speed (absent in records of older tool versions). */
  modelCard?: ModelCard;
  /** sha256 of everything that reaches training (src/fingerprint.ts); absent in records of older tool versions. */
  fingerprint?: string;
  /**
   * Present when this run trained nothing: its fingerprint equalled its base's, and
   * the base's per-seed results (and model card) were taken: which record they came from.
   */
  reused?: { sha?: string; createdAt: string };
  /**
   * Present when the seeds were trained in stages against the base's and
   * stopped early (compare/sequential.ts): the rule's looks, the PR seeds
   * trained, and why it stopped. `repeats` holds those seeds.
   */
  stopping?: { looks: number[]; seeds: number; reason: 'decided' | 'no change likely' | 'maximum' };
  /** Seconds per stage: decode, split, train, evaluate, save, total (and report when run with it). */
  timings: Record<string, number>;
}

/** The seed of the one model whose predictions and history a record holds (undefined when a damaged record does not say). */
export function modelSeedOf(record: RunRecord): number | undefined {
  if (typeof record.predictionsSeed === 'number') return record.predictionsSeed;
  const seed = Array.isArray(record.repeats) ? record.repeats[0]?.seed : undefined;
  return typeof seed === 'number' ? seed : undefined;
}

/** "seed 77's model", or "the saved model" when the record does not say. */
export function oneModelLabel(record: RunRecord): string {
  const seed = modelSeedOf(record);
  return seed === undefined ? 'the saved model' : `seed ${seed}'s model`;
}

/** A record the built-in trainer wrote: its split, its backend and every field of every epoch are there. */
export type BuiltinRunRecord = Omit<RunRecord, 'split' | 'backend' | 'history'> & { split: SplitSummary; backend: BackendInfo; history: EpochStats[] };

export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

const REQUIRED_FIELDS = ['params', 'dataset', 'split', 'metrics', 'history', 'confusionMatrix', 'predictions'] as const;

/**
 * Accepts a parsed run.json of any known version and returns the current
 * shape, or throws a RecordError that says what is wrong with which file.
 */
export function upgradeRecord(raw: unknown, source: string): RunRecord {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new RecordError(`${source}: not a run record (expected a JSON object written by train-and-report)`);
  }
  const record = raw as Partial<RunRecord>;
  const version = record.recordVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new RecordError(`${source}: field "recordVersion" is missing or not a version number; this file was not written by train-and-report run`);
  }
  if (version > RUN_RECORD_VERSION) {
    throw new RecordError(
      `${source}: record version ${version} is newer than this tool understands (${RUN_RECORD_VERSION}); update train-and-report`,
    );
  }
  // A training command's record has no split of ours.
  const optionalHere: readonly string[] = record.trainer?.kind === 'command' ? ['split'] : [];
  for (const field of REQUIRED_FIELDS) {
    if (record[field] === undefined && !optionalHere.includes(field)) {
      throw new RecordError(`${source}: field "${field}" is missing; the record is incomplete or corrupt, run the pipeline again`);
    }
  }
  // Version 1 is the first shape; older shapes are upgraded here when they exist.
  return {
    ...record,
    repeats: record.repeats ?? [],
    timings: record.timings ?? {},
    versions: record.versions ?? {},
    perClass: record.perClass ?? [],
  } as RunRecord;
}

export async function readRecord(file: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RecordError(`${file}: no run record here; pass the --out folder of a finished "train-and-report run"`);
    throw new RecordError(`${file}: cannot read the run record (${code ?? String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RecordError(`${file}: run record is not valid JSON (${(error as Error).message}); it may be truncated, run the pipeline again`);
  }
  return upgradeRecord(parsed, file);
}

export async function writeRecord(file: string, record: RunRecord): Promise<void> {
  await writeFile(file, JSON.stringify(record, null, 2) + '\n');
}

/** metrics.json: flat and DVC-compatible, rounded so that it diffs cleanly. */
export function metricsFileContent(metrics: Metrics): string {
  const rounded: Record<string, number> = {};
  for (const [key, value] of Object.entries(metrics)) rounded[key] = Number(value.toFixed(6));
  return JSON.stringify(rounded, null, 2) + '\n';
}
