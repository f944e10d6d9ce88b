// params.yaml in DVC's layout (`prepare:` and `train:` sections): parsed,
// checked against its one schema (params-schema.ts) and filled with the
// notebook's defaults, which the schema holds. Every message names the file,
// the key and what is allowed.

import { readFile } from 'node:fs/promises';
import type * as z from 'zod/mini';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { forbiddenKeyProblem } from './github/untrusted.js';
import { OPTIMIZERS, type OptimizerName, type OptimizerSettings } from './model/optimizer.js';
import { layersAsList, ModelSpecError, notebookLayers, parseLayers, shapeLayers, type LayerSpec } from './model/spec.js';
import { PARAMS_SCHEMA, PREPARE_SCHEMA, SECTIONS, TRAIN_SCHEMA, type PrepareParams, type SectionName, type TrainParams } from './params-schema.js';

export { OPTIMIZERS, type OptimizerName, type OptimizerSettings, type PrepareParams, type TrainParams };

export interface Params {
  prepare: PrepareParams;
  train: TrainParams;
  /**
   * The hidden layers, when params.yaml lists them (`model:`); absent, the
   * notebook's model built from train.conv_size and train.dense_size.
   */
  model?: LayerSpec[];
}

/** The notebook's values: the schema's defaults. */
export const DEFAULT_PARAMS: Params = { prepare: PREPARE_SCHEMA.parse({}), train: TRAIN_SCHEMA.parse({}) };

/** The hidden layers that train: params.yaml's `model:` list, or the notebook's model from its two shorthands. */
export function modelLayers(params: Params): LayerSpec[] {
  return params.model ?? notebookLayers(params.train.conv_size, params.train.dense_size);
}

/** The optimizer with its defaults filled in (torch's: AdamW's weight decay 0.01, SGD's momentum 0). */
export function optimizerSettings(train: TrainParams): OptimizerSettings {
  if (train.optimizer === 'adamw') return { name: 'adamw', learningRate: train.lr, weightDecay: train.weight_decay ?? 0.01 };
  if (train.optimizer === 'sgd') return { name: 'sgd', learningRate: train.lr, momentum: train.momentum ?? 0 };
  return { name: 'adam', learningRate: train.lr };
}

export class ParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamsError';
  }
}

/** Top-level keys: the two sections, and the model's layer list. */
const TOP_LEVEL_KEYS = Object.keys(PARAMS_SCHEMA.shape);

/** Which optimizer each optimizer-specific key belongs to. */
const OPTIMIZER_KEYS: Record<string, OptimizerName> = { weight_decay: 'adamw', momentum: 'sgd' };

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Levenshtein distance, for "did you mean" suggestions on unknown keys. */
function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

function closest(key: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** A schema entry by the key's own name: "constructor" or "hasOwnProperty" is no params key, whatever objects inherit. */
function ownValue<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Keys that name object internals are refused by name, before anything is looked up or written under them. */
function refuseForbiddenKey(file: string, path: string, key: string): void {
  const problem = forbiddenKeyProblem(key);
  if (problem) throw new ParamsError(`${file}: "${path}${key}": ${problem}; remove it`);
}

function unknownKeyMessage(file: string, path: string, key: string, known: string[]): string {
  const suggestion = closest(key, known);
  const hint = suggestion ? `did you mean "${suggestion}"?` : `known keys: ${known.join(', ')}`;
  return `${file}: unknown key "${path}${key}"; ${hint}`;
}

/** A YAML or JSON mapping: an object that is not a list. */
export const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value at a schema issue's path in the document as given, for "got …". */
function givenValue(document: Record<string, unknown>, path: readonly PropertyKey[]): unknown {
  let value: unknown = document;
  for (const step of path) value = isMapping(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  return value;
}

/**
 * One line for the schema's first problem: an unknown key first (a typo
 * explains the rest, and its fix is a name), then a value, named by its
 * section.key and what the field allows.
 */
function problemMessage(issues: readonly z.core.$ZodIssue[], document: Record<string, unknown>, file: string): string {
  const unknown = issues.filter((issue) => issue.code === 'unrecognized_keys').sort((a, b) => a.path.length - b.path.length)[0];
  if (unknown?.code === 'unrecognized_keys') {
    const section = unknown.path[0] as SectionName | undefined;
    const known = section === undefined ? TOP_LEVEL_KEYS : Object.keys(SECTIONS[section].shape);
    return unknownKeyMessage(file, section === undefined ? '' : `${section}.`, unknown.keys[0], known);
  }
  const issue = issues[0];
  if (issue.path.length === 1) return `${file}: "${String(issue.path[0])}" must be ${issue.message}, got ${describe(givenValue(document, issue.path))}`;
  // A list value (image_size) is one key: its message says what the whole list must be.
  const path = issue.path.slice(0, 2);
  return `${file}: "${path.join('.')}" must be ${issue.message}; got ${describe(givenValue(document, path))}`;
}

/**
 * Checks a parsed params document and fills defaults. Other top-level
 * sections are refused: DVC users keep other stages' params in their own
 * files, and a typo such as `trian:` must not silently train on defaults.
 */
export function validateParams(raw: unknown, file: string): Params {
  if (raw === null || raw === undefined) return structuredClone(DEFAULT_PARAMS);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ParamsError(`${file}: expected a mapping with "prepare:" and "train:" sections, got ${describe(raw)}`);
  }
  const document = raw as Record<string, unknown>;
  const given = new Set<string>();
  const input: Record<string, unknown> = {};
  for (const [sectionName, section] of Object.entries(document)) {
    refuseForbiddenKey(file, '', sectionName);
    // `train:` with nothing under it: all defaults.
    input[sectionName] = section === null && ownValue(SECTIONS, sectionName) ? undefined : section;
    if (sectionName === 'model' || !isMapping(section)) continue;
    for (const key of Object.keys(section)) {
      refuseForbiddenKey(file, `${sectionName}.`, key);
      given.add(`${sectionName}.${key}`);
    }
  }
  const checked = PARAMS_SCHEMA.safeParse(input);
  if (!checked.success) throw new ParamsError(problemMessage(checked.error.issues, document, file));
  const params: Params = { prepare: checked.data.prepare, train: checked.data.train };
  if (document.model !== null && document.model !== undefined) {
    try {
      params.model = parseLayers(document.model, `${file}: model`);
    } catch (error) {
      throw new ParamsError((error as Error).message);
    }
  }
  if (params.model) {
    const shorthands = ['train.conv_size', 'train.dense_size'].filter((key) => given.has(key));
    if (shorthands.length > 0) {
      throw new ParamsError(
        `${file}: both "model" and ${shorthands.map((key) => `"${key}"`).join(' and ')} describe the model; ` +
          `keep the "model" list (set the filters and units there) or remove it to use the shorthand${shorthands.length > 1 ? 's' : ''}`,
      );
    }
  }
  checkShapes(params, file);
  for (const [key, optimizer] of Object.entries(OPTIMIZER_KEYS)) {
    if (given.has(`train.${key}`) && params.train.optimizer !== optimizer) {
      throw new ParamsError(`${file}: "train.${key}" applies to the ${optimizer} optimizer only, but "train.optimizer" is "${params.train.optimizer}"; set train.optimizer: ${optimizer} or remove train.${key}`);
    }
  }
  return params;
}

/**
 * Every layer's shape for the images prepare makes, before anything is
 * decoded: a pool bigger than its input, or images too small for the
 * notebook's model, are refused here. The number of classes changes only the
 * output layer, which fits any, so 2 stands in for it.
 */
function checkShapes(params: Params, file: string): void {
  const [height, width] = params.prepare.image_size;
  try {
    shapeLayers(modelLayers(params), [height, width, params.prepare.grayscale ? 1 : 3], 2, `${file}: model`);
  } catch (error) {
    if (!(error instanceof ModelSpecError)) throw error;
    if (params.model) throw new ParamsError(`${error.message} (images are ${height}×${width}, prepare.image_size)`);
    throw new ParamsError(
      `${file}: "prepare.image_size" ${height}×${width} is too small for the notebook's model (3×3 conv, then a 3×3 pool): use at least [5, 5], or list a smaller model under "model"`,
    );
  }
}

/** A params file's YAML; a syntax error is one line naming the file and the position. */
export function readParamsYaml(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
      // The parser's own text repeats the position; it is said once, up front.
      const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new ParamsError(`${file}: not valid YAML${where}: ${reason}`);
    }
    throw error;
  }
}

export function parseParams(text: string, file: string): Params {
  return validateParams(readParamsYaml(text, file), file);
}

/** What a key of the schema allows, or undefined when `value` is allowed (a training command's params reuse the checks of the keys it shares). */
export function checkParamValue(section: 'prepare' | 'train', key: string, value: unknown): string | undefined {
  const field = ownValue(SECTIONS[section].shape as Record<string, z.ZodMiniType>, key);
  const checked = field?.safeParse(value);
  return checked && !checked.success ? checked.error.issues[0].message : undefined;
}

export interface LoadedParams {
  params: Params;
  /** False when the file does not exist and the defaults were used. */
  fromFile: boolean;
}

/** Reads params.yaml; a missing file means the notebook's defaults. */
export async function loadParams(file: string): Promise<LoadedParams> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { params: structuredClone(DEFAULT_PARAMS), fromFile: false };
    if (code === 'EISDIR') throw new ParamsError(`${file}: is a folder; pass the path of a params.yaml file`);
    throw new ParamsError(`${file}: cannot read params (${code ?? String(error)})`);
  }
  return { params: parseParams(text, file), fromFile: true };
}

/** params.yaml text for the given params (used for the sample project and docs). */
export function formatParams(params: Params): string {
  const lines = ['prepare:'];
  for (const [key, value] of Object.entries(params.prepare)) lines.push(`  ${key}: ${JSON.stringify(value).replace(/,/g, ', ')}`);
  lines.push('train:');
  for (const [key, value] of Object.entries(params.train)) {
    // With a layer list the shorthands are not the model, and both forms at once are refused.
    if (params.model && (key === 'conv_size' || key === 'dense_size')) continue;
    lines.push(`  ${key}: ${JSON.stringify(value)}`);
  }
  if (params.model) {
    lines.push('model:');
    for (const layer of layersAsList(params.model)) {
      const [[kind, options]] = Object.entries(layer);
      lines.push(`  - ${kind}: {${Object.entries(options).map(([name, value]) => `${name}: ${JSON.stringify(value)}`).join(', ')}}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** One `key=value` of `--set` or the params-override input, checked against the schema. */
export interface ParamOverride {
  /** "train.lr" */
  key: string;
  value: unknown;
  /** As given, e.g. "train.lr=0.001": what the record and the report show. */
  text: string;
}

// A comma starts a new override only before `section.key=`, so that a list value such as
// prepare.image_size=[48,48] keeps its commas.
const OVERRIDE_SEPARATOR = /,(?=\s*(?:[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*|model)\s*=)/;

/** A value as YAML reads it (0.001, true, skip, [48, 48]); one that is not YAML stays the text itself. */
function overrideValue(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return text;
  }
}

/** Checks that `section.key` exists in the schema; the message names the key and suggests the closest. */
function checkKey(key: string, where: string): void {
  if (key === 'model') return; // the whole layer list, e.g. model=[{conv2d: {filters: 32, kernel: 3}}, …]
  const [sectionName, name, ...deeper] = key.split('.');
  const sections = Object.keys(SECTIONS);
  if (!name || deeper.length > 0) {
    throw new ParamsError(`${where}: "${key}" is not a params key; write section.key=value, e.g. train.lr=0.001 (sections: ${sections.join(', ')}), or model=[…]`);
  }
  refuseForbiddenKey(where, '', sectionName);
  refuseForbiddenKey(where, `${sectionName}.`, name);
  const schema: Record<string, unknown> | undefined = ownValue(SECTIONS, sectionName)?.shape;
  if (!schema) throw new ParamsError(unknownKeyMessage(where, '', sectionName, sections));
  if (!ownValue(schema, name)) throw new ParamsError(unknownKeyMessage(where, `${sectionName}.`, name, Object.keys(schema)));
}

/**
 * Parses overrides: each text holds one or more `section.key=value`,
 * separated by commas. Keys are checked here; values against the schema
 * in applyOverrides (their range may depend on nothing else, but the check
 * is the one params.yaml gets). `where` names the source in messages.
 */
export function parseOverrides(texts: readonly string[], where: string): ParamOverride[] {
  const overrides: ParamOverride[] = [];
  for (const text of texts) {
    for (const part of text.split(OVERRIDE_SEPARATOR)) {
      const item = part.trim();
      if (item === '') continue;
      const equals = item.indexOf('=');
      if (equals <= 0) throw new ParamsError(`${where}: "${item}" is not key=value; write e.g. train.lr=0.001`);
      const key = item.slice(0, equals).trim();
      const valueText = item.slice(equals + 1).trim();
      checkKey(key, where);
      if (valueText === '') throw new ParamsError(`${where}: "${key}" has no value; write e.g. ${key}=${JSON.stringify(valueOf(DEFAULT_PARAMS, key))}`);
      overrides.push({ key, value: overrideValue(valueText), text: `${key}=${valueText}` });
    }
  }
  // The same key twice is almost always a mistake in a long list; the later one would win silently.
  const seen = new Set<string>();
  for (const override of overrides) {
    if (seen.has(override.key)) throw new ParamsError(`${where}: "${override.key}" is set twice; keep one`);
    seen.add(override.key);
  }
  // Types and ranges do not depend on the other params, so they are checked now, before anything slow.
  applyOverrides(DEFAULT_PARAMS, overrides, where);
  return overrides;
}

function valueOf(params: Params, key: string): unknown {
  if (key === 'model') return layersAsList(modelLayers(params));
  const [section, name] = key.split('.');
  return (params as unknown as Record<string, Record<string, unknown>>)[section][name];
}

/** The params with the overrides applied, each value checked exactly as params.yaml's are. */
export function applyOverrides(params: Params, overrides: readonly ParamOverride[], where: string): Params {
  const raw = structuredClone(params) as unknown as { prepare: Record<string, unknown>; train: Record<string, unknown>; model?: unknown };
  // Written back as a params file would say them: a layer list as the file's list, and the notebook's
  // shorthands only when they are the model (validateParams refuses both forms at once).
  if (params.model) raw.model = layersAsList(params.model);
  const overridden = new Set(overrides.map((override) => override.key));
  for (const override of overrides) {
    if (override.key === 'model') {
      raw.model = override.value;
      continue;
    }
    const [section, name] = override.key.split('.');
    raw[section as SectionName][name] = override.value;
  }
  if (raw.model !== undefined) {
    for (const key of ['conv_size', 'dense_size']) if (!overridden.has(`train.${key}`)) delete raw.train[key];
  }
  return validateParams(raw, where);
}
