// params.yaml when a training command trains: the file is the command's own
// (a DVC project's params, any keys), so only the keys this tool reads are
// checked; the rest is kept as written, so that the params diff shows what
// the PR changed. Our keys: train.seed and train.repeats (the seed list, as
// for the built-in trainer), train.timeout (seconds one seed may run), and
// report.metrics / report.headline (which way the command's own metrics are
// better, and which metric the verdict is about). Pure but for loadCommandParams.

import { readFile } from 'node:fs/promises';
import type { Direction } from '../metrics.js';
import { checkParamValue, DEFAULT_PARAMS, isMapping, ParamsError, readParamsYaml } from '../params.js';

export interface CommandParams {
  seed: number;
  repeats: number;
  /** Seconds one seed's command may run before it is stopped. */
  timeout: number;
  /** Directions of the command's own metrics (report.metrics). */
  directions: Record<string, Direction>;
  /** The verdict's metric (report.headline); absent: val_acc when the command writes it. */
  headline?: string;
}

/** One hour per seed: far above the examples' minutes, short of a runner's six-hour job limit. */
export const DEFAULT_TIMEOUT_SECONDS = 3600;

/** Bounds on the params a record carries (they reach the comment's params table). */
export const COMMAND_PARAMS_LIMITS = { entries: 1000, depth: 8, key: 200, text: 1000 } as const;

const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_.\-/]{0,63}$/;

const describe = (value: unknown) => JSON.stringify(value) ?? String(value);

/** A JSON-like tree of bounded size: what YAML gives for a params file, and what a record may carry. */
function checkTree(value: unknown, file: string, path: string, depth: number, count: { entries: number }): void {
  if (++count.entries > COMMAND_PARAMS_LIMITS.entries) throw new ParamsError(`${file}: more than ${COMMAND_PARAMS_LIMITS.entries} params; keep the params file to the values that change a run`);
  if (depth > COMMAND_PARAMS_LIMITS.depth) throw new ParamsError(`${file}: "${path}" is nested deeper than ${COMMAND_PARAMS_LIMITS.depth} levels`);
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ParamsError(`${file}: "${path}" must be a finite number, got ${describe(value)}`);
    return;
  }
  if (typeof value === 'string') {
    if (value.length > COMMAND_PARAMS_LIMITS.text) throw new ParamsError(`${file}: "${path}" is longer than ${COMMAND_PARAMS_LIMITS.text} characters`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkTree(item, file, `${path}[${index}]`, depth + 1, count));
    return;
  }
  if (isMapping(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.length > COMMAND_PARAMS_LIMITS.key) throw new ParamsError(`${file}: a key under "${path || '(top)'}" is longer than ${COMMAND_PARAMS_LIMITS.key} characters`);
      checkTree(inner, file, path ? `${path}.${key}` : key, depth + 1, count);
    }
    return;
  }
  throw new ParamsError(`${file}: "${path}" is ${describe(value)}, not a YAML value`);
}

/**
 * Checks a command's params (parsed YAML, or a record's params) and returns
 * ours with defaults filled in, and the whole tree with them written back
 * (what run.json records).
 */
export function readCommandParams(raw: unknown, file: string): { params: CommandParams; recorded: Record<string, Record<string, unknown>> } {
  if (raw !== null && raw !== undefined && !isMapping(raw)) throw new ParamsError(`${file}: expected a mapping of sections (e.g. "train:"), got ${describe(raw)}`);
  checkTree(raw ?? {}, file, '', 0, { entries: 0 });
  const recorded = structuredClone((raw ?? {}) as Record<string, Record<string, unknown>>);
  for (const section of ['train', 'report'] as const) {
    if (recorded[section] === undefined || recorded[section] === null) recorded[section] = {};
    if (!isMapping(recorded[section])) throw new ParamsError(`${file}: "${section}" must be a mapping of keys, got ${describe(recorded[section])}`);
  }
  const train = recorded.train;
  for (const key of ['seed', 'repeats'] as const) {
    if (train[key] === undefined) train[key] = DEFAULT_PARAMS.train[key];
    const allowed = checkParamValue('train', key, train[key]);
    if (allowed) throw new ParamsError(`${file}: "train.${key}" must be ${allowed}; got ${describe(train[key])}`);
  }
  if (train.timeout === undefined) train.timeout = DEFAULT_TIMEOUT_SECONDS;
  if (typeof train.timeout !== 'number' || !Number.isFinite(train.timeout) || train.timeout <= 0 || train.timeout > 7 * 24 * 3600) {
    throw new ParamsError(`${file}: "train.timeout" must be the seconds one seed may run, a number above 0 (e.g. ${DEFAULT_TIMEOUT_SECONDS}); got ${describe(train.timeout)}`);
  }
  const report = recorded.report;
  for (const key of Object.keys(report)) {
    if (key !== 'metrics' && key !== 'headline') throw new ParamsError(`${file}: unknown key "report.${key}"; known keys: metrics, headline`);
  }
  const directions: Record<string, Direction> = {};
  if (report.metrics !== undefined && report.metrics !== null) {
    if (!isMapping(report.metrics)) throw new ParamsError(`${file}: "report.metrics" must map metric names to higher or lower, e.g. {auc: higher}; got ${describe(report.metrics)}`);
    for (const [name, direction] of Object.entries(report.metrics)) {
      if (!METRIC_NAME.test(name)) throw new ParamsError(`${file}: "report.metrics" names ${describe(name)}, not a metric name (letters, digits, _ . - /, at most 64)`);
      if (direction !== 'higher' && direction !== 'lower') throw new ParamsError(`${file}: "report.metrics.${name}" must be higher or lower (which way is better); got ${describe(direction)}`);
      directions[name] = direction;
    }
  }
  let headline: string | undefined;
  if (report.headline !== undefined && report.headline !== null) {
    if (typeof report.headline !== 'string' || !METRIC_NAME.test(report.headline)) throw new ParamsError(`${file}: "report.headline" must name a metric of metrics.json, e.g. val_acc; got ${describe(report.headline)}`);
    headline = report.headline;
  }
  return {
    params: { seed: train.seed as number, repeats: train.repeats as number, timeout: train.timeout, directions, headline },
    recorded,
  };
}

/** Reads a command's params.yaml; a missing file means the defaults (seed 77, 6 repeats). */
export async function loadCommandParams(file: string): Promise<{ params: CommandParams; recorded: Record<string, Record<string, unknown>>; fromFile: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ...readCommandParams(undefined, file), fromFile: false };
    if (code === 'EISDIR') throw new ParamsError(`${file}: is a folder; pass the path of a params.yaml file`);
    throw new ParamsError(`${file}: cannot read params (${code ?? String(error)})`);
  }
  return { ...readCommandParams(readParamsYaml(text, file), file), fromFile: true };
}
