// The run record: everything one `run` learned, written as run.json.
// The report and the GitHub Action read it (also records written by older
// versions of this tool, from the reports branch), so its shape is versioned:
// a change that removes or renames a field bumps RUN_RECORD_VERSION and
// teaches `upgradeRecord` to read the old shape. The shape is record-shape.ts's.
// Pure: no tfjs, no @actions/*. File I/O is limited to read/write helpers.

import { readFile, writeFile } from 'node:fs/promises';
import type * as z from 'zod/mini';
import { BUILTIN_FIELDS, RECORD_LIMITS, RUN_RECORD_SCHEMA, RUN_RECORD_VERSION, STORED_MAY_LACK, STORED_RECORD_SCHEMA } from './record-shape.js';

export { RECORD_LIMITS, RUN_RECORD_VERSION };

// The record's types, inferred from its one shape (record-shape.ts, where each field is described).
type RecordShape = z.output<typeof RUN_RECORD_SCHEMA>;

export interface RunRecord extends Omit<RecordShape, 'params'> {
  /** The params as used (defaults filled in), in params.yaml's layout; params.ts (or a training command's reader) checks them. */
  params: Record<string, Record<string, unknown>>;
}

/**
 * Flat metrics in DVC's layout; also the content of metrics.json. The
 * built-in trainer writes one number per key of src/metrics.ts's table; a
 * training command (`trainer: command`) writes the keys its own metrics.json
 * has, so readers check that a key is there before they use it.
 */
export type Metrics = RecordShape['metrics'];
/** One epoch of a run's history: the built-in trainer fills every field; a training command's history.csv may have only some. */
export type HistoryEpoch = RecordShape['history'][number];
/** One epoch as the built-in trainer writes it. */
export type EpochStats = Required<HistoryEpoch>;
export type ClassMetrics = RecordShape['perClass'][number];
export type Prediction = RecordShape['predictions'][number];
export type RepeatResult = RecordShape['repeats'][number];
export type DatasetSummary = RecordShape['dataset'];
export type SkippedFile = DatasetSummary['skipped'][number];
export type SplitSummary = NonNullable<RecordShape['split']>;
export type BackendInfo = NonNullable<RecordShape['backend']>;
/** The GPU adapter a webgpu run used, as WebGPU describes it. */
export type AdapterInfo = NonNullable<BackendInfo['adapter']>;
/** What the model is and costs, measured on the machine that trained it: the report's model card. */
export type ModelCard = NonNullable<RecordShape['modelCard']>;
/** One layer of the model card: the output layer (logits) is the last, with kind "output". */
export type LayerCard = ModelCard['layers'][number];
/** Who trained, when a training command did. */
export type CommandTrainer = NonNullable<RecordShape['trainer']>;
/** One seed of a training command: how it ended and how long it took. */
export type CommandSeed = CommandTrainer['seeds'][number];

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

/**
 * Accepts a parsed run.json of any known version and returns the current
 * shape, or throws a RecordError that says what is wrong with which file.
 * The fields that must be there are the record shape's (STORED_RECORD_SCHEMA);
 * their contents are this tool's own writing, not checked again.
 */
export function upgradeRecord(raw: unknown, source: string): RunRecord {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new RecordError(`${source}: not a run record (expected a JSON object written by train-and-report)`);
  }
  const version = (raw as { recordVersion?: unknown }).recordVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new RecordError(`${source}: field "recordVersion" is missing or not a version number; this file was not written by train-and-report run`);
  }
  if (version > RUN_RECORD_VERSION) {
    throw new RecordError(
      `${source}: record version ${version} is newer than this tool understands (${RUN_RECORD_VERSION}); update train-and-report`,
    );
  }
  const read = STORED_RECORD_SCHEMA.safeParse(raw);
  // A training command's record has no split of ours.
  const missing = read.success
    ? (raw as { trainer?: unknown }).trainer === undefined ? BUILTIN_FIELDS.find((field) => read.data[field] === undefined && !STORED_MAY_LACK.includes(field)) : undefined
    : String(read.error.issues[0].path[0]);
  if (missing !== undefined) {
    throw new RecordError(`${source}: field "${missing}" is missing; the record is incomplete or corrupt, run the pipeline again`);
  }
  // Version 1 is the first shape; older shapes are upgraded here when they exist.
  return { ...(raw as object), ...read.data } as RunRecord;
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
