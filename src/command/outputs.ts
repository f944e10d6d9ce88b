// What a training command writes into TRAIN_AND_REPORT_OUT, read as
// untrusted input: metrics.json (required), history.csv or DVCLive's
// plots/metrics/*.tsv (optional), predictions.csv (optional). Each problem is
// one line naming the file and the key, column or line. Pure: the caller
// reads the files.

import { posix } from 'node:path';
import { isMetricKey, metricDefinition } from '../metrics.js';
import type { HistoryEpoch, Metrics } from '../record.js';

export class CommandOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandOutputError';
  }
}

/** Bounds far above real outputs; a command's files are read before anything else trusts them. */
export const OUTPUT_LIMITS = { metrics: 100, epochs: 10_000, predictions: 100_000, bytes: 64 * 1024 * 1024 } as const;

/** Metric names reach the comment: letters, digits and _ . - / only. */
const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_.\-/]{0,63}$/;

const describe = (value: unknown) => (JSON.stringify(value) ?? String(value)).slice(0, 80);

/**
 * metrics.json: a flat object of numbers, as DVC and DVCLive write them; a
 * nested object (DVCLive's "train/loss" names) is flattened to "train.loss",
 * as `dvc metrics show` prints it.
 */
export function parseMetricsJson(text: string, file: string): Metrics {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CommandOutputError(`${file}: not valid JSON (${(error as Error).message}); write a flat object of numbers, e.g. {"val_acc": 0.91, "val_loss": 0.31}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CommandOutputError(`${file}: expected a JSON object of numbers, e.g. {"val_acc": 0.91}, got ${describe(raw)}`);
  }
  const metrics: Metrics = {};
  const add = (object: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [key, value] of Object.entries(object)) {
      const name = prefix + key;
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 3) {
        add(value as Record<string, unknown>, `${name}.`, depth + 1);
        continue;
      }
      if (!METRIC_NAME.test(name)) throw new CommandOutputError(`${file}: key ${describe(name)} is not a metric name; use letters, digits and _ . - / (at most 64)`);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new CommandOutputError(`${file}: key "${name}" is ${describe(value)}, not a finite number; every value of metrics.json must be a number`);
      }
      // The table's metrics have a range (a share from 0 to 1, or 0 or more); the record schema holds a fork's run to it too.
      if (isMetricKey(name)) {
        const range = metricDefinition(name).range;
        if (value < 0 || (range === 'share' && value > 1)) {
          throw new CommandOutputError(`${file}: key "${name}" is ${value}, but ${name} is ${range === 'share' ? 'a share from 0 to 1 (e.g. 0.91, not 91)' : '0 or more'}; write it so, or name your own metric otherwise`);
        }
      }
      metrics[name] = value;
      if (Object.keys(metrics).length > OUTPUT_LIMITS.metrics) throw new CommandOutputError(`${file}: more than ${OUTPUT_LIMITS.metrics} metrics`);
    }
  };
  add(raw as Record<string, unknown>, '', 0);
  if (Object.keys(metrics).length === 0) throw new CommandOutputError(`${file}: holds no metrics; write at least one, e.g. {"val_acc": 0.91}`);
  return metrics;
}

/** CSV (RFC 4180: quoted fields, doubled quotes) or TSV; rows with their 1-based line numbers, blank lines skipped. */
export function parseDelimited(text: string, separator: ',' | '\t', file: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let line = 1;
  let at = 0;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  while (at < body.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let done = false;
    while (at < body.length && !done) {
      const char = body[at];
      if (quoted) {
        if (char === '"' && body[at + 1] === '"') {
          field += '"';
          at += 2;
        } else if (char === '"') {
          quoted = false;
          at++;
        } else {
          if (char === '\n') line++;
          field += char;
          at++;
        }
      } else if (char === '"' && field === '') {
        quoted = true;
        at++;
      } else if (char === separator) {
        fields.push(field);
        field = '';
        at++;
      } else if (char === '\n' || char === '\r') {
        at += char === '\r' && body[at + 1] === '\n' ? 2 : 1;
        line++;
        done = true;
      } else {
        field += char;
        at++;
      }
    }
    if (quoted) throw new CommandOutputError(`${file} line ${startLine}: a quoted field is not closed`);
    fields.push(field);
    if (fields.length === 1 && fields[0].trim() === '') continue;
    rows.push({ line: startLine, fields: fields.map((value) => value.trim()) });
  }
  return rows;
}

/** Column names of Keras's CSVLogger, DVCLive and common loops, and the history field each fills. */
const HISTORY_COLUMNS: Record<string, keyof Omit<HistoryEpoch, 'epoch'>> = {
  loss: 'loss', train_loss: 'loss', 'train.loss': 'loss', 'train/loss': 'loss',
  accuracy: 'accuracy', acc: 'accuracy', train_accuracy: 'accuracy', train_acc: 'accuracy', 'train.acc': 'accuracy', 'train/acc': 'accuracy', 'train/accuracy': 'accuracy',
  val_loss: 'val_loss', eval_loss: 'val_loss', validation_loss: 'val_loss', 'eval/loss': 'val_loss', 'val/loss': 'val_loss', 'eval.loss': 'val_loss',
  val_accuracy: 'val_accuracy', val_acc: 'val_accuracy', eval_accuracy: 'val_accuracy', eval_acc: 'val_accuracy', validation_accuracy: 'val_accuracy',
  'eval/acc': 'val_accuracy', 'eval/accuracy': 'val_accuracy', 'val/acc': 'val_accuracy', 'val/accuracy': 'val_accuracy', 'eval.acc': 'val_accuracy',
  seconds: 'seconds', time: 'seconds', epoch_seconds: 'seconds',
};

/** The columns a history may have, for messages. */
export const HISTORY_COLUMN_NAMES = Object.keys(HISTORY_COLUMNS);

function number(text: string, file: string, line: number, column: string): number {
  const value = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new CommandOutputError(`${file} line ${line}: column "${column}" is ${describe(text)}, not a number`);
  return value;
}

/** Epochs numbered from 0 (Keras, DVCLive's step) become 1, 2, …, as the built-in trainer numbers them. */
function renumber(epochs: HistoryEpoch[]): HistoryEpoch[] {
  const sorted = [...epochs].sort((a, b) => a.epoch - b.epoch);
  const shift = sorted.length > 0 && sorted[0].epoch === 0 ? 1 : 0;
  return sorted.map((epoch) => ({ ...epoch, epoch: epoch.epoch + shift }));
}

/**
 * history.csv: a header with `epoch` and metric columns (Keras's CSVLogger:
 * epoch,accuracy,loss,val_accuracy,val_loss), one row per epoch. Columns it
 * does not know are left out (`ignored` names them).
 */
export function parseHistoryCsv(text: string, file: string): { history: HistoryEpoch[]; ignored: string[] } {
  const rows = parseDelimited(text, text.split('\n', 1)[0].includes('\t') ? '\t' : ',', file);
  if (rows.length === 0) throw new CommandOutputError(`${file}: empty; write a header row (epoch,loss,accuracy,val_loss,val_accuracy) and one row per epoch, or leave the file out`);
  const header = rows[0].fields;
  const epochColumn = header.indexOf('epoch');
  if (epochColumn < 0) throw new CommandOutputError(`${file} line 1: no "epoch" column in the header (${header.join(',').slice(0, 120)}); Keras's CSVLogger writes one`);
  const used = header.map((name) => HISTORY_COLUMNS[name]);
  if (used.every((field) => field === undefined)) {
    throw new CommandOutputError(`${file} line 1: no column the report knows (${['loss', 'accuracy', 'val_loss', 'val_accuracy', 'seconds'].join(', ')})`);
  }
  if (rows.length - 1 > OUTPUT_LIMITS.epochs) throw new CommandOutputError(`${file}: more than ${OUTPUT_LIMITS.epochs} epochs`);
  const seen = new Set<number>();
  const history = rows.slice(1).map(({ line, fields }) => {
    if (fields.length !== header.length) throw new CommandOutputError(`${file} line ${line}: ${fields.length} fields, but the header has ${header.length}`);
    const epoch = number(fields[epochColumn], file, line, 'epoch');
    if (!Number.isInteger(epoch) || epoch < 0) throw new CommandOutputError(`${file} line ${line}: column "epoch" is ${describe(fields[epochColumn])}, not a whole number`);
    if (seen.has(epoch)) throw new CommandOutputError(`${file} line ${line}: epoch ${epoch} appears twice`);
    seen.add(epoch);
    const entry: HistoryEpoch = { epoch };
    header.forEach((name, column) => {
      const field = used[column];
      if (field !== undefined) entry[field] = number(fields[column], file, line, name);
    });
    return entry;
  });
  return { history: renumber(history), ignored: header.filter((name, column) => column !== epochColumn && used[column] === undefined) };
}

/**
 * DVCLive's plots/metrics/**.tsv: one file per metric (`step<TAB>name`),
 * named by its path below plots/metrics ("train/loss", "eval/acc"). `files`
 * maps that path (without .tsv) to the file's text.
 */
export function parseDvcliveHistory(files: ReadonlyMap<string, string>, folder: string): { history: HistoryEpoch[]; ignored: string[] } {
  const byStep = new Map<number, HistoryEpoch>();
  const ignored: string[] = [];
  for (const [name, text] of files) {
    const file = `${folder}/${name}.tsv`;
    const field = HISTORY_COLUMNS[name] ?? HISTORY_COLUMNS[posix.basename(name)];
    if (field === undefined) {
      ignored.push(name);
      continue;
    }
    const rows = parseDelimited(text, '\t', file);
    const header = rows[0]?.fields ?? [];
    const step = header.indexOf('step');
    const value = header.length - 1;
    if (step < 0 || value <= step) throw new CommandOutputError(`${file} line 1: expected the header "step<TAB>${posix.basename(name)}" that DVCLive writes`);
    for (const { line, fields } of rows.slice(1)) {
      const epoch = number(fields[step], file, line, 'step');
      if (!Number.isInteger(epoch) || epoch < 0) throw new CommandOutputError(`${file} line ${line}: column "step" is ${describe(fields[step])}, not a whole number`);
      const entry = byStep.get(epoch) ?? { epoch };
      entry[field] = number(fields[value], file, line, header[value]);
      byStep.set(epoch, entry);
      if (byStep.size > OUTPUT_LIMITS.epochs) throw new CommandOutputError(`${file}: more than ${OUTPUT_LIMITS.epochs} steps`);
    }
  }
  return { history: renumber([...byStep.values()]), ignored };
}

export interface CommandPrediction {
  /** Relative to the data folder, '/'-separated. */
  path: string;
  trueLabel: string;
  predictedLabel: string;
  /** One per class in `classes` order, when the file has the probability columns; else empty. */
  probabilities: number[];
}

/**
 * predictions.csv: header `path,true,predicted`, optionally followed by one
 * probability column per class (named by the class). Every path must be an
 * image of the data folder (`images`, relative paths); a path that leaves
 * the folder, an unknown class or a bad value is refused with its line.
 */
export function parsePredictionsCsv(text: string, file: string, classes: readonly string[], images: ReadonlySet<string>): CommandPrediction[] {
  const rows = parseDelimited(text, ',', file);
  const header = rows[0]?.fields ?? [];
  if (header[0] !== 'path' || header[1] !== 'true' || header[2] !== 'predicted') {
    throw new CommandOutputError(`${file} line 1: the header must start with path,true,predicted (then optionally one probability column per class), got ${describe(header.join(',').slice(0, 120))}`);
  }
  const probabilityColumns = header.slice(3);
  if (probabilityColumns.length > 0) {
    const missing = classes.filter((name) => !probabilityColumns.includes(name));
    const unknown = probabilityColumns.filter((name) => !classes.includes(name));
    if (unknown.length > 0) throw new CommandOutputError(`${file} line 1: column "${unknown[0]}" is not a class of the data folder (${classes.join(', ')})`);
    if (missing.length > 0 || probabilityColumns.length !== classes.length) {
      throw new CommandOutputError(`${file} line 1: probability columns must be one per class; ${missing.length > 0 ? `"${missing[0]}" is missing` : 'a class appears twice'}`);
    }
  }
  if (rows.length - 1 > OUTPUT_LIMITS.predictions) throw new CommandOutputError(`${file}: more than ${OUTPUT_LIMITS.predictions} predictions`);
  const known = new Set(classes);
  const seen = new Set<string>();
  const predictions = rows.slice(1).map(({ line, fields }) => {
    if (fields.length !== header.length) throw new CommandOutputError(`${file} line ${line}: ${fields.length} fields, but the header has ${header.length}`);
    const [given, trueLabel, predictedLabel] = fields;
    const path = checkPath(given, file, line, images);
    if (seen.has(path)) throw new CommandOutputError(`${file} line ${line}: "${path}" appears twice`);
    seen.add(path);
    for (const [column, label] of [['true', trueLabel], ['predicted', predictedLabel]] as const) {
      if (!known.has(label)) throw new CommandOutputError(`${file} line ${line}: ${column} class ${describe(label)} is not a class of the data folder (${classes.join(', ')})`);
    }
    const probabilities = probabilityColumns.length === 0 ? [] : classes.map((name) => {
      const value = number(fields[3 + probabilityColumns.indexOf(name)], file, line, name);
      if (value < 0 || value > 1) throw new CommandOutputError(`${file} line ${line}: column "${name}" is ${value}, not a probability from 0 to 1`);
      return Number(value.toFixed(6));
    });
    return { path, trueLabel, predictedLabel, probabilities };
  });
  if (predictions.length === 0) throw new CommandOutputError(`${file}: has a header but no predictions; write one row per validation image, or leave the file out`);
  return predictions;
}

/** A path relative to the data folder, normalised; one that is absolute, leaves the folder or is not one of its images is refused. */
function checkPath(given: string, file: string, line: number, images: ReadonlySet<string>): string {
  const slashed = given.replace(/\\/g, '/');
  const path = posix.normalize(slashed);
  if (slashed === '' || posix.isAbsolute(slashed) || /^[A-Za-z]:/.test(slashed) || path === '..' || path.startsWith('../')) {
    throw new CommandOutputError(`${file} line ${line}: path ${describe(given)} is outside the data folder; write paths relative to it (e.g. Earth/Earth_1.jpg)`);
  }
  if (!images.has(path)) throw new CommandOutputError(`${file} line ${line}: path ${describe(given)} is not an image of the data folder`);
  return path;
}
