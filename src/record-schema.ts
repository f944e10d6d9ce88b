// The run record as untrusted input: publish mode reads run.json from a fork's
// artifact with a write token in hand. Every field is checked against the
// record's shape (types, known fields only, sizes bounded), so that a crafted
// record can neither crash the report (`.toFixed` on a string), nor smuggle
// fields into the reports branch, nor make the job allocate without bound.
// The first problem is one line naming the file and the field.
// Pure except for readUntrustedRecord, which reads one regular file.

import { lstat, open } from 'node:fs/promises';
import { readCommandParams } from './command/params.js';
import { forbiddenKeyProblem, parseUntrustedJson, UntrustedJsonError } from './github/untrusted.js';
import { isMetricKey, METRIC_KEYS, METRICS, metricDefinition, type MetricDefinition } from './metrics.js';
import { BACKEND_NAMES, backendNamesInWords } from './model/backend-choice.js';
import { ParamsError, validateParams } from './params.js';
import { RecordError, RUN_RECORD_VERSION, upgradeRecord, type RunRecord } from './record.js';

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

class Invalid extends Error {
  constructor(
    readonly field: string,
    readonly want: string,
  ) {
    super(`${field} must be ${want}`);
  }
}

type Check = (value: unknown, field: string) => void;

const fail = (field: string, want: string): never => {
  throw new Invalid(field, want);
};

const string = (max: number = RECORD_LIMITS.text, pattern?: RegExp, want?: string): Check => (value, field) => {
  if (typeof value !== 'string' || value.length > max || (pattern && !pattern.test(value))) {
    fail(field, want ?? `a string of at most ${max} characters`);
  }
};

const number: Check = (value, field) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, 'a finite number');
};

const integer = (min = 0, max = Number.MAX_SAFE_INTEGER): Check => (value, field) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(field, `a whole number from ${min} to ${max}`);
};

const boolean: Check = (value, field) => {
  if (typeof value !== 'boolean') fail(field, 'true or false');
};

const array = (item: Check, maxItems: number): Check => (value, field) => {
  if (!Array.isArray(value)) return fail(field, 'an array');
  if (value.length > maxItems) fail(field, `an array of at most ${maxItems} entries (has ${value.length})`);
  value.forEach((entry, index) => item(entry, `${field}[${index}]`));
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Own keys only: "constructor" or "toString" is no field of a record, whatever objects inherit. */
const refuseForbidden = (key: string, field: string) => {
  if (forbiddenKeyProblem(key)) fail(`${field}.${key}`, 'absent (a key naming JavaScript object internals is never data)');
};

/** An object with exactly these fields; those in `optional` may be absent. Unknown fields are refused. */
const object = (fields: Record<string, Check>, optional: string[] = []): Check => (value, field) => {
  if (!isPlainObject(value)) return fail(field, 'an object');
  for (const key of Object.keys(value)) {
    refuseForbidden(key, field);
    if (!Object.hasOwn(fields, key)) fail(`${field}.${key}`, `absent (not a field of run records; known: ${Object.keys(fields).join(', ')})`);
  }
  for (const [key, check] of Object.entries(fields)) {
    if (value[key] === undefined) {
      if (!optional.includes(key)) fail(`${field}.${key}`, 'present');
      continue;
    }
    check(value[key], `${field}.${key}`);
  }
};

/** An object used as a map: keys of bounded length, each value checked. */
const map = (item: Check, maxEntries: number, keyMax: number = RECORD_LIMITS.path): Check => (value, field) => {
  if (!isPlainObject(value)) return fail(field, 'an object');
  const keys = Object.keys(value);
  if (keys.length > maxEntries) fail(field, `an object of at most ${maxEntries} entries (has ${keys.length})`);
  for (const key of keys) {
    refuseForbidden(key, field);
    if (key.length > keyMax) fail(`${field}`, `keyed by names of at most ${keyMax} characters`);
    item(value[key], `${field}[${JSON.stringify(key.slice(0, 80))}]`);
  }
};

const SHA = /^[0-9a-f]{40}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const sha = string(40, SHA, 'a 40-character commit SHA');
const className = string(200);
const relativePath = string(RECORD_LIMITS.path);
// A GPU adapter's words reach the comment as text: letters, digits and the punctuation drivers use.
const adapterText = string(200, /^[\w .,:;()+\-/@#~]*$/, 'at most 200 letters, digits, spaces and . , : ; ( ) + - / @ # ~');

const nonNegative: Check = (value, field) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(field, 'a finite number, 0 or more');
};

/** A share (accuracy, precision, recall, F1): a fork's "val_acc: 7.5" is no accuracy. */
const share: Check = (value, field) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) fail(field, 'a finite number from 0 to 1');
};

const RANGE_CHECKS: Record<MetricDefinition['range'], Check> = { share, nonNegative };

// The table's metrics in their range (the built-in trainer writes all of them: checkConsistency); a training
// command's own metrics are any finite number, under names that reach the comment as text.
const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_.\-/]{0,63}$/;
const metrics: Check = (value, field) => {
  if (!isPlainObject(value)) return fail(field, 'an object');
  const keys = Object.keys(value);
  if (keys.length > RECORD_LIMITS.entries) fail(field, `an object of at most ${RECORD_LIMITS.entries} entries (has ${keys.length})`);
  for (const key of keys) {
    if (!METRIC_NAME.test(key)) fail(field, 'keyed by metric names (letters, digits and _ . - /)');
    (isMetricKey(key) ? RANGE_CHECKS[metricDefinition(key).range] : number)(value[key], `${field}.${key}`);
  }
};
// A training command's history.csv may have some of the fields only.
const epoch = object(
  { epoch: integer(1, RECORD_LIMITS.epochs), loss: nonNegative, accuracy: share, val_loss: nonNegative, val_accuracy: share, seconds: nonNegative },
  ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'seconds'],
);
const history = array(epoch, RECORD_LIMITS.epochs);
const classMetrics = array(object({ label: className, precision: share, recall: share, f1: share, support: integer(0) }), RECORD_LIMITS.classes);

// Kinds and option names are words (conv2d, max_pool, filters): they reach the comment as text.
const WORD = /^[a-z][a-z0-9_]{0,39}$/;
const layerKind = string(40, WORD, 'a layer kind in lower case, such as conv2d or max_pool');
const optionValue: Check = (value, field) => {
  if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || value.length > 100) {
    fail(field, 'a finite number or a string of at most 100 characters');
  }
};
const layerOptions: Check = (value, field) => {
  map(optionValue, 20, 40)(value, field);
  for (const key of Object.keys(value as object)) if (!WORD.test(key)) fail(`${field}`, 'keyed by option names in lower case, such as filters');
};

const layerCard = object(
  {
    position: integer(1, RECORD_LIMITS.layers + 1),
    kind: layerKind,
    options: layerOptions,
    outputShape: array(integer(1, 1_000_000_000), 8),
    parameters: integer(0),
    engine: string(10, /^(wasm|javascript|tfjs)$/, '"wasm", "javascript" or "tfjs"'),
  },
  ['engine'],
);

const modelCard = object({
  layers: array(layerCard, RECORD_LIMITS.layers + 1),
  parameters: integer(0),
  trainableParameters: integer(0),
  sizeBytes: integer(0),
  inference: object({ msPerImage: nonNegative, batchSize: integer(1, 1_000_000), batches: integer(1, 1_000_000) }),
  optimizer: object(
    { name: string(5, /^(adam|adamw|sgd)$/, 'adam, adamw or sgd'), learningRate: nonNegative, weightDecay: nonNegative, momentum: nonNegative },
    ['weightDecay', 'momentum'],
  ),
  training: object({ threads: integer(0, 1024), summary: string(500) }),
});

/**
 * params.model before params.ts reads it: a list of at most RECORD_LIMITS.layers
 * one-key mappings (`- conv2d: {filters: 32}`) of a few short options, so that
 * a crafted list is refused by its size before anything walks it.
 */
const paramsModel: Check = (value, field) => {
  array((layer, at) => {
    if (!isPlainObject(layer) || Object.keys(layer).length !== 1) return fail(at, 'a mapping of one layer kind to its options, such as conv2d: {filters: 32}');
    const [kind] = Object.keys(layer);
    layerKind(kind, `${at} (its key)`);
    if (layer[kind] !== null) layerOptions(layer[kind], `${at}.${kind}`);
  }, RECORD_LIMITS.layers)(value, field);
};

const trainer = object({
  kind: string(7, /^command$/, '"command"'),
  command: string(4000),
  seeds: array(object({ seed: integer(0), exitCode: integer(0, 255), seconds: nonNegative }), RECORD_LIMITS.repeats),
  outputs: object({ history: boolean, predictions: boolean }),
});

const RECORD = object(
  {
    recordVersion: integer(1, RUN_RECORD_VERSION),
    tool: object({ name: string(100), version: string(100) }),
    createdAt: string(40, ISO_TIME, 'a UTC time such as 2026-01-01T00:00:00.000Z'),
    source: object(
      { sha, ref: string(300), pullRequest: integer(1), baseSha: sha, repository: string(200, /^[\w.-]+\/[\w.-]+$/, 'owner/name'), variant: string(200) },
      ['sha', 'ref', 'pullRequest', 'baseSha', 'repository', 'variant'],
    ),
    // Checked by params.ts below, with its own messages; the model list's size is bounded first.
    params: (value, field) => {
      if (isPlainObject(value) && value.model !== undefined) paramsModel(value.model, `${field}.model`);
    },
    paramsOverride: array(string(1000), 100),
    dataset: object(
      {
        root: string(RECORD_LIMITS.path),
        classes: array(className, RECORD_LIMITS.classes),
        imagesPerClass: map(integer(0), RECORD_LIMITS.classes, 200),
        totalImages: integer(0),
        contentHash: string(64, HEX64, 'a sha256 in hex'),
        files: map(string(64, HEX64, 'a sha256 in hex'), RECORD_LIMITS.files),
        skipped: array(object({ path: relativePath, reason: string() }), RECORD_LIMITS.files),
      },
    ),
    split: object({
      seed: integer(0),
      fraction: number,
      trainCount: integer(0),
      validationCount: integer(0),
      validation: array(relativePath, RECORD_LIMITS.predictions),
    }),
    backend: object(
      {
        name: string(40, new RegExp(`^(${BACKEND_NAMES.join('|')})$`), backendNamesInWords(BACKEND_NAMES)),
        package: string(100),
        simd: boolean,
        threads: integer(0, 1024),
        trainingThreads: integer(0, 1024),
        adapter: object({ vendor: adapterText, architecture: adapterText, device: adapterText, driver: adapterText, fallback: boolean }),
      },
      ['simd', 'threads', 'trainingThreads', 'adapter'],
    ),
    versions: map(string(100), RECORD_LIMITS.entries, 100),
    metrics,
    history,
    perClass: classMetrics,
    confusionMatrix: array(array(integer(0), RECORD_LIMITS.classes), RECORD_LIMITS.classes),
    predictions: array(
      object({ path: relativePath, trueLabel: className, predictedLabel: className, probabilities: array(number, RECORD_LIMITS.classes) }),
      RECORD_LIMITS.predictions,
    ),
    predictionsSeed: integer(0),
    repeats: array(
      object({ seed: integer(0), history, metrics, perClass: classMetrics, correct: array(relativePath, RECORD_LIMITS.predictions) }, ['perClass']),
      RECORD_LIMITS.repeats,
    ),
    modelCard,
    fingerprint: string(64, HEX64, 'a sha256 in hex'),
    reused: object({ sha, createdAt: string(40, ISO_TIME, 'a UTC time such as 2026-01-01T00:00:00.000Z') }, ['sha']),
    stopping: object({
      looks: array(integer(1, RECORD_LIMITS.repeats), 20),
      seeds: integer(1, RECORD_LIMITS.repeats),
      reason: string(20, /^(decided|no change likely|maximum)$/, '"decided", "no change likely" or "maximum"'),
    }),
    timings: map(number, RECORD_LIMITS.entries, 100),
    trainer,
  },
  ['source', 'trainer', 'paramsOverride', 'perClass', 'repeats', 'modelCard', 'timings', 'versions', 'split', 'backend', 'predictionsSeed', 'fingerprint', 'reused', 'stopping'],
);

/** What the fields must agree on beyond their types: the sizes the report indexes with. */
function checkConsistency(record: RunRecord): void {
  const command = record.trainer !== undefined;
  if (!command) {
    // The built-in trainer writes its split, its backend and every metric of the table.
    for (const field of ['split', 'backend'] as const) if (record[field] === undefined) fail(field, 'present');
    for (const key of METRIC_KEYS) if (record.metrics[key] === undefined) fail(`metrics.${key}`, 'present');
    for (const key of Object.keys(record.metrics)) {
      if (!(METRIC_KEYS as readonly string[]).includes(key)) fail(`metrics.${key}`, `absent (not a metric of the built-in trainer; known: ${METRIC_KEYS.join(', ')})`);
    }
  }
  const classes = record.dataset.classes;
  const known = new Set(classes);
  if (known.size !== classes.length) fail('dataset.classes', 'distinct names');
  // A training command without predictions.csv has no matrix.
  const noMatrix = command && record.predictions.length === 0 && record.confusionMatrix.length === 0;
  if (!noMatrix && (record.confusionMatrix.length !== classes.length || record.confusionMatrix.some((row) => row.length !== classes.length))) {
    fail('confusionMatrix', `a ${classes.length} × ${classes.length} matrix (one row and column per class)`);
  }
  record.predictions.forEach((prediction, index) => {
    if (!known.has(prediction.trueLabel)) fail(`predictions[${index}].trueLabel`, 'one of dataset.classes');
    if (!known.has(prediction.predictedLabel)) fail(`predictions[${index}].predictedLabel`, 'one of dataset.classes');
    // A training command's predictions.csv may leave the probabilities out.
    const noProbabilities = command && prediction.probabilities.length === 0;
    if (!noProbabilities && prediction.probabilities.length !== classes.length) fail(`predictions[${index}].probabilities`, `${classes.length} numbers (one per class)`);
  });
  (record.perClass ?? []).forEach((row, index) => {
    if (!known.has(row.label)) fail(`perClass[${index}].label`, 'one of dataset.classes');
  });
  (record.repeats ?? []).forEach((repeat, r) => (repeat.perClass ?? []).forEach((row, index) => {
    if (!known.has(row.label)) fail(`repeats[${r}].perClass[${index}].label`, 'one of dataset.classes');
  }));
  if (Number.isNaN(Date.parse(record.createdAt))) fail('createdAt', 'a real date');
  const card = record.modelCard;
  if (card && card.trainableParameters > card.parameters) fail('modelCard.trainableParameters', `at most modelCard.parameters (${card.parameters})`);
}

/**
 * Checks a parsed run.json from an untrusted source against the record's
 * shape and returns it in the current shape; throws a RecordError naming the
 * first field that is wrong.
 */
export function validateRecord(raw: unknown, source: string): RunRecord {
  const problem = (field: string, want: string) =>
    new RecordError(`${source}: field "${field}" must be ${want}; refusing the artifact (it was not written by this action's run mode)`);
  try {
    if (!isPlainObject(raw)) fail('(record)', 'a JSON object');
    RECORD(raw, '');
    checkConsistency(raw as unknown as RunRecord);
  } catch (error) {
    if (error instanceof Invalid) throw problem(error.field.replace(/^\./, ''), error.want);
    throw error;
  }
  try {
    // A training command's params are its own file's: only the keys this tool reads are checked.
    const params = (raw as Record<string, unknown>).params;
    if ((raw as Record<string, unknown>).trainer !== undefined) readCommandParams(params, `${source} field "params"`);
    else validateParams(params, `${source} field "params"`);
  } catch (error) {
    if (error instanceof ParamsError) throw new RecordError(`${error.message}; refusing the artifact`);
    throw error;
  }
  return upgradeRecord(raw, source);
}

/**
 * Reads and validates a run.json that came from outside: a regular file (not
 * a link that could point anywhere on the runner) of at most `maxBytes`,
 * read no further than that.
 */
export async function readUntrustedRecord(file: string, maxBytes: number = RECORD_LIMITS.bytes): Promise<RunRecord> {
  let info;
  try {
    info = await lstat(file);
  } catch {
    throw new RecordError(`${file}: missing; publish mode expects the artifact of a pull-request run of this action`);
  }
  if (!info.isFile()) throw new RecordError(`${file}: not a regular file (a link or device); refusing the artifact`);
  if (info.size > maxBytes) {
    throw new RecordError(`${file}: ${info.size} bytes, more than the ${maxBytes} a run record may have; refusing the artifact`);
  }
  const handle = await open(file, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) throw new RecordError(`${file}: more than the ${maxBytes} bytes a run record may have; refusing the artifact`);
    text = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  let parsed: unknown;
  try {
    parsed = parseUntrustedJson(text);
  } catch (error) {
    if (error instanceof UntrustedJsonError) throw new RecordError(`${file}: ${error.message}; refusing the artifact`);
    throw new RecordError(`${file}: not valid JSON; refusing the artifact`);
  }
  return validateRecord(parsed, file);
}
