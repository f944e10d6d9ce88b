// The run record as untrusted input: publish mode reads run.json from a fork's
// artifact with a write token in hand. Every field is checked against the
// record's one shape (record-shape.ts: types, known fields only, sizes
// bounded), then what fields must agree on, so that a crafted
// record can neither crash the report (`.toFixed` on a string), nor smuggle
// fields into the reports branch, nor make the job allocate without bound.
// The first problem is one line naming the file and the field.
// Pure except for readUntrustedRecord, which reads one regular file.

import { lstat, open } from 'node:fs/promises';
import { readCommandParams } from './command/params.js';
import { parseUntrustedJson, UntrustedJsonError } from './github/untrusted.js';
import type * as z from 'zod/mini';
import { METRIC_KEYS } from './metrics.js';
import { isMapping, ParamsError, validateParams } from './params.js';
import { BUILTIN_FIELDS, FIELD_LIKE_MAPS, FORBIDDEN_WANT, RECORD_LIMITS, RUN_RECORD_SCHEMA } from './record-shape.js';
import { RecordError, upgradeRecord, type RunRecord } from './record.js';

export { RECORD_LIMITS };

class Invalid extends Error {
  constructor(
    readonly field: string,
    readonly want: string,
  ) {
    super(`${field} must be ${want}`);
  }
}

const fail = (field: string, want: string): never => {
  throw new Invalid(field, want);
};


/** The schema under a wrapper (a pipe's output side, an optional's or a default's inner schema). */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as { type: string; out?: z.core.$ZodType; innerType?: z.core.$ZodType };
  if (def.type === 'pipe') return unwrap(def.out!);
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') return unwrap(def.innerType!);
  return schema;
}

/**
 * A path of the schema as the messages write it: fields and the metrics'
 * names after a dot, list positions in brackets, and the keys of other maps
 * (file paths, option names) quoted in brackets.
 */
function fieldName(path: readonly PropertyKey[]): string {
  let schema: z.core.$ZodType | undefined = RUN_RECORD_SCHEMA;
  let name = '';
  for (const step of path) {
    const here: z.core.$ZodType | undefined = schema && unwrap(schema);
    const def = here?._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType; valueType?: z.core.$ZodType } | undefined;
    if (def?.type === 'array') {
      name += `[${String(step)}]`;
      schema = def.element;
    } else if (def?.type === 'record') {
      name += here && FIELD_LIKE_MAPS.has(here) ? `.${String(step)}` : `[${JSON.stringify(String(step).slice(0, 80))}]`;
      schema = def.valueType;
    } else {
      name += `.${String(step)}`;
      schema = def?.shape && Object.hasOwn(def.shape, step) ? def.shape[step as string] : undefined;
    }
  }
  return name.replace(/^\./, '');
}

/** The value at a path of the document, or undefined where nothing is. */
function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value = document;
  for (const step of path) value = value !== null && typeof value === 'object' && Object.hasOwn(value, step) ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  return value;
}

/** The first problem the schema found, as the field and what it must be. */
function firstProblem(issues: readonly z.core.$ZodIssue[], raw: unknown): Invalid {
  const issue = issues[0];
  if (issue.code === 'unrecognized_keys') return new Invalid(fieldName([...issue.path, issue.keys[0]]), issue.message);
  if (issue.code === 'invalid_key') {
    const [keyIssue] = issue.issues;
    const key = issue.path.at(-1)!;
    // A name of object internals is named itself; another bad key is said of its map.
    if (keyIssue.message === FORBIDDEN_WANT) return new Invalid(`${fieldName(issue.path.slice(0, -1))}.${String(key)}`, FORBIDDEN_WANT);
    return new Invalid(fieldName(issue.path.slice(0, -1)), keyIssue.message);
  }
  if (valueAt(raw, issue.path) === undefined && issue.path.length > 0 && isMapping(valueAt(raw, issue.path.slice(0, -1)))) {
    return new Invalid(fieldName(issue.path), 'present');
  }
  return new Invalid(fieldName(issue.path), issue.message);
}

/** What the fields must agree on beyond their types: the sizes the report indexes with. */
function checkConsistency(record: RunRecord): void {
  const command = record.trainer !== undefined;
  if (!command) {
    // The built-in trainer writes its split, its backend and every metric of the table.
    for (const field of BUILTIN_FIELDS) if (record[field] === undefined) fail(field, 'present');
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
    if (!isMapping(raw)) fail('(record)', 'a JSON object');
    const checked = RUN_RECORD_SCHEMA.safeParse(raw, { reportInput: true });
    if (!checked.success) throw firstProblem(checked.error.issues, raw);
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
