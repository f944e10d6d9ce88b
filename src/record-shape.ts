// The run record's shape, stated once (zod/mini): record.ts's types are
// inferred from it, record-schema.ts checks untrusted records against it
// (types, known fields only, sizes bounded), and record.ts's reader of stored
// records is its looser variant (STORED_RECORD_SCHEMA: which fields must be
// there, the defaults of those older versions left out). Each check's error
// is what the field must be, in words; record-schema.ts names the file and
// the field. Pure: no I/O, no tfjs.

import * as z from 'zod/mini';
import { forbiddenKeyProblem } from './github/untrusted.js';
import { isMetricKey, metricDefinition, type MetricDefinition } from './metrics.js';
import { BACKEND_NAMES, backendNamesInWords } from './model/backend-choice.js';

/** The record's version; a change that removes or renames a field bumps it (record.ts reads the old shapes). */
export const RUN_RECORD_VERSION = 1;

/** Bounds far above any real record (the 1,605-image dataset's is 0.3 MB, 11 classes, 309 predictions). */
export const RECORD_LIMITS = {
  bytes: 20 * 1024 * 1024,
  // What the charts draw at their intended size: the per-class F1 chart keeps
  // rows of at least 6 px up to 900 / 6 = 150 classes (plots.ts); beyond, every
  // chart grows with the square of the classes (1,000 took 37 s and 4.4 GB).
  classes: 150,
  predictions: 100_000,
  files: 1_000_000,
  epochs: 10_000,
  repeats: 100,
  text: 1000,
  path: 4096,
  entries: 100,
  /** Layers of a model card and of params.model (a real network has tens). */
  layers: 1000,
} as const;

/** What a key naming object internals is told. */
export const FORBIDDEN_WANT = 'absent (a key naming JavaScript object internals is never data)';

const string = (max: number = RECORD_LIMITS.text, pattern?: RegExp, want?: string) => {
  const error = want ?? `a string of at most ${max} characters`;
  return z.string({ error }).check(z.maxLength(max, { error }), ...(pattern ? [z.regex(pattern, { error })] : []));
};

/** One of a few words; the type is their union. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, want: string) => z.enum(values, { error: want });

// zod's numbers are finite: NaN and Infinity are refused by the type itself.
const number = z.number({ error: 'a finite number' });

const integer = (min = 0, max = Number.MAX_SAFE_INTEGER) => {
  const error = `a whole number from ${min} to ${max}`;
  return z.int({ error }).check(z.minimum(min, { error }), z.maximum(max, { error }));
};

const boolean = z.boolean({ error: 'true or false' });

const nonNegative = z.number({ error: 'a finite number, 0 or more' }).check(z.gte(0, { error: 'a finite number, 0 or more' }));

/** A share (accuracy, precision, recall, F1): a fork's "val_acc: 7.5" is no accuracy. */
const SHARE_WANT = 'a finite number from 0 to 1';
const share = z.number({ error: SHARE_WANT }).check(z.gte(0, { error: SHARE_WANT }), z.lte(1, { error: SHARE_WANT }));

/** A list whose length is checked before any entry is looked at: a crafted list is refused by its size first. */
const array = <T extends z.core.SomeType>(item: T, maxItems: number) =>
  z.pipe(
    z.array(z.unknown(), { error: 'an array' }).check(
      z.maxLength(maxItems, { error: (issue) => `an array of at most ${maxItems} entries (has ${(issue.input as unknown[]).length})` }),
    ),
    z.array(item),
  );

/** An object with exactly these fields (z.optional marks those that may be absent); an unknown field is refused by name. */
const object = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return 'an object';
      const [key] = issue.keys;
      return forbiddenKeyProblem(key) ? FORBIDDEN_WANT : `absent (not a field of run records; known: ${Object.keys(shape).join(', ')})`;
    },
  });

/** A key of a map: not a name of object internals, at most `max` characters, and of `pattern` when given. */
const mapKey = (max: number, pattern?: RegExp, want?: string) =>
  z.string().check(
    z.refine((key: string) => !forbiddenKeyProblem(key), { error: FORBIDDEN_WANT, abort: true }),
    z.maxLength(max, { error: `keyed by names of at most ${max} characters`, abort: true }),
    ...(pattern ? [z.regex(pattern, { error: want })] : []),
  );

/** Maps whose entries are named like fields in messages ("metrics.val_acc"); the others' keys are quoted ('files["a.png"]'). */
export const FIELD_LIKE_MAPS = new WeakSet<z.core.$ZodType>();

/** An object used as a map: at most `maxEntries` entries (counted before any is looked at), keys bounded, each value checked. */
const map = <K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(key: K, value: V, maxEntries: number, fieldLike = false) => {
  const entries = z.record(key, value);
  if (fieldLike) FIELD_LIKE_MAPS.add(entries);
  return z.pipe(
    z.record(z.string(), z.unknown(), { error: 'an object' }).check(
      z.refine((value) => Object.keys(value).length <= maxEntries, {
        error: (issue) => `an object of at most ${maxEntries} entries (has ${Object.keys(issue.input as object).length})`,
      }),
    ),
    entries,
  );
};

const SHA = /^[0-9a-f]{40}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const sha = string(40, SHA, 'a 40-character commit SHA');
const sha256 = string(64, HEX64, 'a sha256 in hex');
const utcTime = string(40, ISO_TIME, 'a UTC time such as 2026-01-01T00:00:00.000Z');
const className = string(200);
const relativePath = string(RECORD_LIMITS.path);
// A GPU adapter's words reach the comment as text: letters, digits and the punctuation drivers use.
const adapterText = string(200, /^[\w .,:;()+\-/@#~]*$/, 'at most 200 letters, digits, spaces and . , : ; ( ) + - / @ # ~');

const RANGES: Record<MetricDefinition['range'], z.ZodMiniNumber> = { share, nonNegative };

// The table's metrics in their range (the built-in trainer writes all of them: record-schema.ts's
// consistency check); a training command's own metrics are any finite number, under names that
// reach the comment as text.
const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_.\-/]{0,63}$/;
const metrics = map(mapKey(64, METRIC_NAME, 'keyed by metric names (letters, digits and _ . - /)'), number, RECORD_LIMITS.entries, true).check(
  z.superRefine((value, context) => {
    for (const [key, entry] of Object.entries(value)) {
      if (!isMetricKey(key)) continue;
      const range = RANGES[metricDefinition(key).range].safeParse(entry);
      if (!range.success) context.addIssue({ code: 'custom', path: [key], message: range.error.issues[0].message, input: entry });
    }
  }),
);

// A training command's history.csv may have some of the fields only.
const epoch = object({
  epoch: integer(1, RECORD_LIMITS.epochs),
  loss: z.optional(nonNegative),
  accuracy: z.optional(share),
  val_loss: z.optional(nonNegative),
  val_accuracy: z.optional(share),
  seconds: z.optional(nonNegative),
});
const history = array(epoch, RECORD_LIMITS.epochs);
const classMetrics = object({ label: className, precision: share, recall: share, f1: share, support: integer(0) });
const perClass = array(classMetrics, RECORD_LIMITS.classes);

// Kinds and option names are words (conv2d, max_pool, filters): they reach the comment as text.
const WORD = /^[a-z][a-z0-9_]{0,39}$/;
const layerKind = string(40, WORD, 'a layer kind in lower case, such as conv2d or max_pool');
const OPTION_WANT = 'a finite number or a string of at most 100 characters';
const optionValue = z.union([z.number({ error: OPTION_WANT }), z.string({ error: OPTION_WANT }).check(z.maxLength(100, { error: OPTION_WANT }))], { error: OPTION_WANT });
const layerOptions = map(mapKey(40, WORD, 'keyed by option names in lower case, such as filters'), optionValue, 20);

const layerCard = object({
  position: integer(1, RECORD_LIMITS.layers + 1),
  kind: layerKind,
  options: layerOptions,
  outputShape: array(integer(1, 1_000_000_000), 8),
  parameters: integer(0),
  engine: z.optional(oneOf(['wasm', 'javascript', 'tfjs'], '"wasm", "javascript" or "tfjs"')),
});

const modelCard = object({
  layers: array(layerCard, RECORD_LIMITS.layers + 1),
  parameters: integer(0),
  trainableParameters: integer(0),
  sizeBytes: integer(0),
  inference: object({ msPerImage: nonNegative, batchSize: integer(1, 1_000_000), batches: integer(1, 1_000_000) }),
  optimizer: object({
    name: oneOf(['adam', 'adamw', 'sgd'], 'adam, adamw or sgd'),
    learningRate: nonNegative,
    weightDecay: z.optional(nonNegative),
    momentum: z.optional(nonNegative),
  }),
  training: object({ threads: integer(0, 1024), summary: string(500) }),
});

/**
 * params.model before params.ts reads it: a list of at most RECORD_LIMITS.layers
 * one-key mappings (`- conv2d: {filters: 32}`) of a few short options, so that
 * a crafted list is refused by its size before anything walks it.
 */
const ONE_LAYER_WANT = 'a mapping of one layer kind to its options, such as conv2d: {filters: 32}';
const paramsLayer = z.pipe(
  z.record(z.string(), z.unknown(), { error: ONE_LAYER_WANT }).check(z.refine((layer) => Object.keys(layer).length === 1, { error: ONE_LAYER_WANT })),
  map(mapKey(40, WORD, 'a layer kind in lower case, such as conv2d or max_pool'), z.nullable(layerOptions), 1, true),
);

/**
 * The params as used, in params.yaml's layout: checked by params.ts (or a
 * training command's reader) with their own messages; here only the model
 * list's size and outline, first.
 */
const params = z.pipe(
  z.record(z.string(), z.unknown(), { error: 'an object' }),
  z.looseObject({ model: z.optional(array(paramsLayer, RECORD_LIMITS.layers)) }),
);

const trainer = object({
  kind: oneOf(['command'], '"command"'),
  command: string(4000),
  seeds: array(object({ seed: integer(0), exitCode: integer(0, 255), seconds: nonNegative }), RECORD_LIMITS.repeats),
  outputs: object({ history: boolean, predictions: boolean }),
});

const adapter = object({ vendor: adapterText, architecture: adapterText, device: adapterText, driver: adapterText, fallback: boolean });

/** The record's fields (who trained last: most records have no trainer). z._default: absent in records of older tool versions, and filled when read. */
export const RUN_RECORD_SHAPE = {
  recordVersion: integer(1, RUN_RECORD_VERSION),
  tool: object({ name: string(100), version: string(100) }),
  createdAt: utcTime,
  /** Filled by the action: what commit the run is about. Absent for local runs. */
  source: z.optional(
    object({
      sha: z.optional(sha),
      ref: z.optional(string(300)),
      pullRequest: z.optional(integer(1)),
      baseSha: z.optional(sha),
      repository: z.optional(string(200, /^[\w.-]+\/[\w.-]+$/, 'owner/name')),
      variant: z.optional(string(200)),
    }),
  ),
  params,
  /** Overrides applied on top of params.yaml (`--set`, the params-override input), as given; `params` already holds them. */
  paramsOverride: z.optional(array(string(1000), 100)),
  /** A training command run without a data folder has an empty one (root ''). */
  dataset: object({
    /** The data folder as given to `run` (the report reads preview images from it when it is still there). */
    root: string(RECORD_LIMITS.path),
    /** Sorted class names (folder names), as torchvision's ImageFolder orders them. */
    classes: array(className, RECORD_LIMITS.classes),
    imagesPerClass: map(mapKey(200), integer(0), RECORD_LIMITS.classes),
    totalImages: integer(0),
    /** sha256 over the sorted relative paths and the bytes of every image. */
    contentHash: sha256,
    /** Relative path → sha256 of the file's bytes (lets a report name added/removed/changed images). */
    files: map(mapKey(RECORD_LIMITS.path), sha256, RECORD_LIMITS.files),
    skipped: array(object({ path: relativePath, reason: string() }), RECORD_LIMITS.files),
  }),
  /** The built-in trainer's split; a training command splits its data itself. */
  split: z.optional(
    object({
      seed: integer(0),
      fraction: number,
      trainCount: integer(0),
      validationCount: integer(0),
      /** Relative paths of the validation images, sorted. */
      validation: array(relativePath, RECORD_LIMITS.predictions),
    }),
  ),
  /** The tfjs backend of the built-in trainer; absent for a training command. */
  backend: z.optional(
    object({
      /** A name of the table in model/backend-choice.ts */
      name: string(40, new RegExp(`^(${BACKEND_NAMES.join('|')})$`), backendNamesInWords(BACKEND_NAMES)),
      /** The package it came from, e.g. @tensorflow/tfjs-backend-wasm */
      package: string(100),
      simd: z.optional(boolean),
      /** The WASM backend's own threads. */
      threads: z.optional(integer(0, 1024)),
      /** WASM: threads that trained together (model/backends/wasm/two-threads.ts); their number changes the float sums. */
      trainingThreads: z.optional(integer(0, 1024)),
      /** webgpu: the adapter it ran on (its float order is the adapter's and the driver's). */
      adapter: z.optional(adapter),
    }),
  ),
  versions: z._default(map(mapKey(100), string(100), RECORD_LIMITS.entries), {}),
  /** Each metric's mean over the repeats (metrics.json; in records of older tool versions, the first model's). */
  metrics,
  /** The training history of one model (predictionsSeed's; in records of older tool versions, the first repeat's). */
  history,
  /** Per-class metrics of every repeat's predictions pooled (support: the class's validation images). */
  perClass: z._default(perClass, []),
  /** Counts summed over the repeats; rows are the true class, columns the predicted one, in `dataset.classes` order. */
  confusionMatrix: array(array(integer(0), RECORD_LIMITS.classes), RECORD_LIMITS.classes),
  /** The saved model's predictions, one per validation image. */
  predictions: array(
    object({
      /** Relative to the data folder, '/'-separated: the identity used to pair base and head. */
      path: relativePath,
      trueLabel: className,
      predictedLabel: className,
      /** Softmax probabilities in the order of `dataset.classes`, rounded to 6 decimals. */
      probabilities: array(number, RECORD_LIMITS.classes),
    }),
    RECORD_LIMITS.predictions,
  ),
  /** The seed of the model whose predictions and history the record holds (absent in records of older tool versions: repeats[0]'s). */
  predictionsSeed: z.optional(integer(0)),
  /** One entry per trained model (train.repeats); repeats[0] is the saved model. */
  repeats: z._default(
    array(
      object({
        seed: integer(0),
        history,
        metrics,
        /** Absent in records of older tool versions. */
        perClass: z.optional(perClass),
        /** Paths (as in predictions) of validation images this repeat got right. */
        correct: array(relativePath, RECORD_LIMITS.predictions),
      }),
      RECORD_LIMITS.repeats,
    ),
    [],
  ),
  /** The model's layers, size and speed (absent in records of older tool versions). */
  modelCard: z.optional(modelCard),
  /** sha256 of everything that reaches training (src/fingerprint.ts); absent in records of older tool versions. */
  fingerprint: z.optional(sha256),
  /** Present when this run trained nothing: its fingerprint equalled its base's, and the base's per-seed results were taken from this record. */
  reused: z.optional(object({ sha: z.optional(sha), createdAt: utcTime })),
  /** Present when the seeds were trained in stages against the base's and stopped early (compare/sequential.ts). */
  stopping: z.optional(
    object({
      looks: array(integer(1, RECORD_LIMITS.repeats), 20),
      seeds: integer(1, RECORD_LIMITS.repeats),
      reason: oneOf(['decided', 'no change likely', 'maximum'], '"decided", "no change likely" or "maximum"'),
    }),
  ),
  /** Seconds per stage: decode, split, train, evaluate, save, total (and report when run with it). */
  timings: z._default(map(mapKey(100), number, RECORD_LIMITS.entries), {}),
  /** Absent: the built-in CNN trained the run; a training command (`run --command`) says so here. */
  trainer: z.optional(trainer),
};

/** An untrusted record: every field's type and size, no unknown field. */
export const RUN_RECORD_SCHEMA = object(RUN_RECORD_SHAPE);

/** Fields only the built-in trainer writes (a training command's record has neither). */
export const BUILTIN_FIELDS = ['split', 'backend'] as const;

/**
 * Fields a stored record may lack although an untrusted one must have them:
 * the report needs neither who wrote it and when, nor the built-in trainer's
 * backend (records written by hand for a baseline, by tests, lack them).
 */
export const STORED_MAY_LACK: readonly string[] = ['tool', 'createdAt', 'backend'];

/**
 * A stored record, this tool's own (the reports branch, a --base folder): the
 * same fields, which of them must be there (but STORED_MAY_LACK) and the
 * defaults of those older versions left out, but no field's contents checked
 * again, and fields of newer minor versions kept.
 */
export const STORED_RECORD_SCHEMA = z.looseObject(
  Object.fromEntries(
    Object.entries(RUN_RECORD_SHAPE).map(([key, field]) => {
      if (field instanceof z.ZodMiniDefault) return [key, z._default(z.unknown(), () => structuredClone(field.def.defaultValue))];
      return [key, field._zod.optin === 'optional' || STORED_MAY_LACK.includes(key) ? z.optional(z.unknown()) : z.unknown()];
    }),
  ) as { [K in keyof typeof RUN_RECORD_SHAPE]: z.ZodMiniUnknown },
);
