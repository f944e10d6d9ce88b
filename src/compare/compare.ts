// Head run vs base run: every difference the report shows, as data, with a
// verdict. Pure. Fields are read defensively because a base record may come
// from an older tool version or be partly damaged: what cannot be compared
// is named in `notes` instead of failing the whole report.

import { describeBackend } from '../model/backend-choice.js';
import { DEFAULT_PARAMS } from '../params.js';
import type { ClassMetrics, Metrics, Prediction, RunRecord } from '../record.js';
import { RUN_RECORD_VERSION } from '../record.js';
import { directionOf, improvementSign, isMetricKey, METRIC_KEYS, metricDefinition, metricLabel, type Direction, type MetricKey } from '../metrics.js';
import { judgeSequentially, ruleApplies, ruleForLooks, type SequentialJudgement } from './sequential.js';
import { formatPValue, mcnemarExact, permutationTest, pooledInterval, spread, twoProportionTest, type Spread, type TwoSampleInterval } from './stats.js';

export type Verdict = 'better' | 'worse' | 'no clear change' | 'no baseline';

/**
 * How the verdict tells a change from seed noise (docs/verdict.md has the
 * measurements behind it). The unit of replication is the training seed:
 * each side trains the same seed list, and the per-seed values of the two
 * sides are compared with an exact two-sided permutation test on their ranks
 * (Wilcoxon-Mann-Whitney). Exact, so its false-alarm rate is at most `level`
 * whatever the shape of the seed distribution (it is left-skewed: some seeds
 * train badly); ranks, so one bad seed does not hide a real change.
 */
export const SEED_TEST = { scores: 'ranks', level: 0.05 } as const;

/** Seeds per side (the params default): on the real dataset the fewest at which the seed test kept false alarms under 5 % and found a two-sd change in over 80 % of pairs (docs/verdict.md). */
export const RECOMMENDED_REPEATS = 6;
/** 'within noise': changed, but not by more than seed noise explains; 'untested': changed, with too few runs to tell. */
export type Assessment = 'better' | 'worse' | 'unchanged' | 'within noise' | 'untested' | 'n/a';

export interface MetricRow {
  metric: string;
  /** Absent for a training command's own metric that params give no direction: shown, never judged. */
  direction?: Direction;
  /** Means over the repeats (the one run's value without repeats). */
  head?: number;
  base?: number;
  headRuns?: number;
  baseRuns?: number;
  delta?: number;
  pValue?: number;
  assessment: Assessment;
}

export interface ParamRow {
  key: string;
  head?: string;
  base?: string;
  changed: boolean;
}

export interface ClassRow {
  label: string;
  head?: ClassMetrics;
  base?: ClassMetrics;
  /** head F1 − base F1 when both have the class. */
  f1Delta?: number;
  /** The class's F1 over repeats, tested against its own seed noise (when both records hold per-class F1 per repeat). */
  f1Seeds?: { head: SeedRun; base: SeedRun } & SeedTest;
}

export interface ClassDifference {
  shared: string[];
  onlyInHead: string[];
  onlyInBase: string[];
  /** Base classes whose images (by content hash) now sit under another class name. */
  renamed: Array<{ from: string; to: string }>;
}

export interface PairedSignificance {
  kind: 'paired';
  /** Validation images both runs predicted. */
  shared: number;
  /** Base right, head wrong. */
  b: number;
  /** Base wrong, head right. */
  c: number;
  baseAccuracy: number;
  headAccuracy: number;
  pValue: number;
}

export interface UnpairedSignificance {
  kind: 'unpaired';
  baseCorrect: number;
  baseTotal: number;
  headCorrect: number;
  headTotal: number;
  z: number;
  pValue: number;
}

export type Significance = PairedSignificance | UnpairedSignificance | { kind: 'unavailable'; reason: string };

export interface SeedRun {
  seeds: number[];
  values: number[];
  spread: Spread;
}

export interface SeedTest {
  /** mean(head) − mean(base); exactly 0 for identical runs. */
  difference: number;
  /** Same seed list and, seed for seed, the same value on both sides. */
  identical: boolean;
  /** Two-sided interval of the difference (pooled seed variance), at 1 − SEED_TEST.level. */
  interval?: TwoSampleInterval;
  /** The seed test's two-sided p-value. */
  pValue?: number;
  /** Why the test cannot decide (one run per side, or too few to ever reach the level). */
  untestable?: string;
  decision: 'better' | 'worse' | 'no clear change';
}

export interface SeedComparison extends Partial<SeedTest> {
  /** The headline metric (headlineMetric): val_acc, or what a training command's params choose. */
  metric: string;
  head: SeedRun;
  base?: SeedRun;
  /** Both sides trained the same seeds, in the same order. */
  sameSeeds?: boolean;
  /** Seed-to-seed sd on one side: what seeds alone move the metric by. */
  noise?: number;
  noiseFrom?: 'base' | 'PR';
  /** The PR trained its seeds in stages and stopped early: the stopping rule's judgement, which is the verdict's. */
  sequential?: SequentialJudgement;
  /**
   * The runs validate on different images (the PR added, removed or relabelled
   * some): `head` and `base` are then each seed's accuracy on the images both
   * share (same content, same class), and this is the PR's on all its images.
   */
  sharedImages?: { count: number; headTotal: number; baseTotal: number; headAll: SeedRun };
}

export interface Flip {
  path: string;
  trueLabel: string;
  basePredicted: string;
  headPredicted: string;
}

export interface DatasetDiff {
  perClass: Array<{ label: string; head?: number; base?: number }>;
  headTotal: number;
  baseTotal?: number;
  /** Relative paths; undefined when a record does not list its files. */
  added?: string[];
  removed?: string[];
  changed?: string[];
  sameContent?: boolean;
}

export interface Comparison {
  verdict: Verdict;
  /** Sentences behind the verdict, in order. */
  reasons: string[];
  metrics: MetricRow[];
  params: ParamRow[];
  classes: ClassDifference;
  perClass: ClassRow[];
  significance?: Significance;
  seeds?: SeedComparison;
  flips?: { rightToWrong: Flip[]; wrongToRight: Flip[] };
  dataset: DatasetDiff;
  /** What differs between the records themselves or could not be compared. */
  notes: string[];
}

/** A change in a metric smaller than this is shown as unchanged. */
const METRIC_EPSILON = 1e-9;

export function compare(head: RunRecord, base?: RunRecord): Comparison {
  const notes: string[] = [];
  if (base) notes.push(...recordNotes(head, base));
  const classes = classDifference(head, base);
  if (base && (classes.onlyInBase.length > 0 || classes.onlyInHead.length > 0)) {
    notes.push(describeClassDifference(classes));
  }
  const significance = base ? significanceOf(head, base, notes) : undefined;
  const seeds = seedComparison(head, base);
  const metrics = metricRows(head, base);
  const { verdict, reasons } = decide(base, significance, seeds, headlineMetric(head, base), customDirections(head, base), reusedFromBase(head, base));
  const backends = base ? backendDifference(head, base) : undefined;
  if (backends) {
    notes.push(`${backends}: their float order differs, so a seed does not give the same model on both sides and seeds are not paired; the verdict compares the two groups of seeds as they are.`);
    if (seeds?.base && !seeds.identical) reasons.push("The two sides trained on different backends (see the notes): part of any change may be the backend's, not the PR's.");
  }
  const perClass = classRows(head, base);
  if (base) classChanges(head, base, perClass);
  return {
    verdict,
    reasons,
    metrics,
    params: paramRows(head, base),
    classes,
    perClass,
    significance,
    seeds,
    flips: base && significance?.kind === 'paired' ? flips(head, base) : undefined,
    dataset: datasetDiff(head, base),
    notes,
  };
}

/** What trained, as the report names it: backend, adapter and training threads (all change the float sums). */
function trainedOn(record: RunRecord): string | undefined {
  const info = record.backend;
  if (!info || typeof info.name !== 'string') return undefined;
  const threads = info.trainingThreads ? `, trained on ${info.trainingThreads} thread${info.trainingThreads === 1 ? '' : 's'}` : '';
  return `${describeBackend(info)}${threads}`;
}

/** "The base trained on X and the PR on Y", when they differ; undefined when the same or unknown. */
export function backendDifference(head: RunRecord, base: RunRecord): string | undefined {
  const [headOn, baseOn] = [trainedOn(head), trainedOn(base)];
  if (!headOn || !baseOn || headOn === baseOn) return undefined;
  return `The base trained on ${baseOn} and the PR on ${headOn}`;
}

function recordNotes(head: RunRecord, base: RunRecord): string[] {
  const notes: string[] = [];
  if (base.recordVersion < RUN_RECORD_VERSION) {
    notes.push(`The base record was written by an older version of the tool (record version ${base.recordVersion}, now ${RUN_RECORD_VERSION}); fields it lacks are left out of the comparison.`);
  }
  if (!Array.isArray(base.history) || base.history.length === 0) notes.push('The base record has no training history.');
  if (!Array.isArray(base.perClass) || base.perClass.length === 0) notes.push('The base record has no per-class metrics.');
  if (!isMatrix(base.confusionMatrix, classesOf(base).length)) notes.push('The base confusion matrix is missing or does not match its classes; the difference matrix is left out.');
  if (head.dataset?.contentHash && base.dataset?.contentHash && head.dataset.contentHash !== base.dataset.contentHash) {
    notes.push('The dataset changed between the runs (different content hash); see the dataset summary.');
  }
  if (head.split?.seed !== undefined && base.split?.seed !== undefined && head.split.seed !== base.split.seed) {
    notes.push(`The validation split differs (split seed ${base.split.seed} → ${head.split.seed}).`);
  }
  return notes;
}

export function classesOf(record: RunRecord): string[] {
  const classes = record.dataset?.classes;
  return Array.isArray(classes) ? classes.map(String) : [];
}

function isMatrix(matrix: unknown, size: number): matrix is number[][] {
  return Array.isArray(matrix) && size > 0 && matrix.length === size
    && matrix.every((row) => Array.isArray(row) && row.length === size && row.every((value) => typeof value === 'number'));
}

function classDifference(head: RunRecord, base?: RunRecord): ClassDifference {
  const headClasses = classesOf(head);
  if (!base) return { shared: headClasses, onlyInHead: [], onlyInBase: [], renamed: [] };
  const baseClasses = classesOf(base);
  const baseSet = new Set(baseClasses);
  const headSet = new Set(headClasses);
  const onlyInHead = headClasses.filter((label) => !baseSet.has(label));
  const onlyInBase = baseClasses.filter((label) => !headSet.has(label));
  return {
    shared: headClasses.filter((label) => baseSet.has(label)),
    onlyInHead,
    onlyInBase,
    renamed: detectRenames(onlyInBase, onlyInHead, head, base),
  };
}

/** A base-only class whose image contents mostly reappear under one head-only class was renamed. */
function detectRenames(onlyInBase: string[], onlyInHead: string[], head: RunRecord, base: RunRecord): Array<{ from: string; to: string }> {
  const baseFiles = base.dataset?.files;
  const headFiles = head.dataset?.files;
  if (!baseFiles || !headFiles || onlyInBase.length === 0 || onlyInHead.length === 0) return [];
  const headClassByHash = new Map<string, string>();
  for (const [path, hash] of Object.entries(headFiles)) headClassByHash.set(hash, topFolder(path));
  const renamed: Array<{ from: string; to: string }> = [];
  for (const from of onlyInBase) {
    const hashes = Object.entries(baseFiles).filter(([path]) => topFolder(path) === from).map(([, hash]) => hash);
    if (hashes.length === 0) continue;
    const votes = new Map<string, number>();
    for (const hash of hashes) {
      const to = headClassByHash.get(hash);
      if (to !== undefined && onlyInHead.includes(to)) votes.set(to, (votes.get(to) ?? 0) + 1);
    }
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best && best[1] * 2 > hashes.length) renamed.push({ from, to: best[0] });
  }
  return renamed;
}

function topFolder(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function describeClassDifference(classes: ClassDifference): string {
  const renamedFrom = new Set(classes.renamed.map((r) => r.from));
  const renamedTo = new Set(classes.renamed.map((r) => r.to));
  const parts: string[] = [];
  if (classes.renamed.length > 0) parts.push(`renamed: ${classes.renamed.map((r) => `${r.from} → ${r.to}`).join(', ')}`);
  const added = classes.onlyInHead.filter((label) => !renamedTo.has(label));
  const removed = classes.onlyInBase.filter((label) => !renamedFrom.has(label));
  if (added.length > 0) parts.push(`added: ${added.join(', ')}`);
  if (removed.length > 0) parts.push(`removed: ${removed.join(', ')}`);
  return `The classes differ (${parts.join('; ')}); per-class and confusion-matrix comparisons use the ${classes.shared.length} classes both runs have.`;
}

/**
 * The directions params give a training command's own metrics
 * (`report.metrics: {name: higher|lower}`); the PR's win over the base's.
 */
export function customDirections(head: RunRecord, base?: RunRecord): Record<string, Direction> {
  const of = (record: RunRecord | undefined): Record<string, Direction> => {
    const given = (record?.params?.report as { metrics?: unknown } | undefined)?.metrics;
    if (given === null || typeof given !== 'object' || Array.isArray(given)) return {};
    return Object.fromEntries(Object.entries(given).filter((entry): entry is [string, Direction] => entry[1] === 'higher' || entry[1] === 'lower'));
  };
  return { ...of(base), ...of(head) };
}

/**
 * The metric the verdict is about: params' report.headline (a training
 * command chooses it), else val_acc when the PR has it, else the first metric
 * of the table it has, else its first own metric with a direction.
 */
export function headlineMetric(head: RunRecord, base?: RunRecord): string {
  const chosen = (head.params?.report as { headline?: unknown } | undefined)?.headline;
  if (typeof chosen === 'string' && chosen !== '') return chosen;
  const keys = metricKeysOf(head);
  const directions = customDirections(head, base);
  return keys.find((key) => key === 'val_acc') ?? keys.find(isMetricKey) ?? keys.find((key) => directionOf(key, directions) !== undefined) ?? 'val_acc';
}

/** The metric keys a record holds, in its metrics.json order (its repeats' too). */
function metricKeysOf(record: RunRecord | undefined): string[] {
  if (!record) return [];
  const keys = new Set(Object.keys(record.metrics ?? {}));
  for (const repeat of Array.isArray(record.repeats) ? record.repeats : []) for (const key of Object.keys(repeat?.metrics ?? {})) keys.add(key);
  return [...keys];
}

/**
 * The table's metrics for the built-in trainer's records (a metric an older
 * record lacks shows as a gap); for a training command's, the metrics either
 * side wrote: the table's in its order, then the command's own.
 */
function rowKeys(head: RunRecord, base?: RunRecord): string[] {
  if (head.trainer === undefined && base?.trainer === undefined) return [...METRIC_KEYS];
  const present = [...new Set([...metricKeysOf(head), ...metricKeysOf(base)])];
  return [...METRIC_KEYS.filter((key) => present.includes(key)), ...present.filter((key) => !isMetricKey(key))];
}

function metricRows(head: RunRecord, base?: RunRecord): MetricRow[] {
  const directions = customDirections(head, base);
  return rowKeys(head, base).map((metric) => {
    const direction = directionOf(metric, directions);
    const headSamples = metricSamples(head, metric);
    const baseSamples = base ? metricSamples(base, metric) : undefined;
    const headRun = headSamples && seedSide(headSamples.seeds, headSamples.values);
    const baseRun = baseSamples && seedSide(baseSamples.seeds, baseSamples.values);
    const row: MetricRow = { metric, direction, head: headRun?.spread.mean, base: baseRun?.spread.mean, headRuns: headRun?.values.length, baseRuns: baseRun?.values.length, assessment: 'n/a' };
    if (!headRun || !baseRun) return row;
    if (direction === undefined) {
      // Shown, never judged: which way is better is not known.
      row.delta = headRun.spread.mean - baseRun.spread.mean;
      return row;
    }
    const test = testSeeds(headRun, baseRun, improvementSign(metric, directions));
    row.delta = test.difference;
    row.pValue = test.pValue;
    if (test.identical || Math.abs(test.difference) <= METRIC_EPSILON) row.assessment = 'unchanged';
    else if (test.untestable) row.assessment = 'untested';
    else row.assessment = test.decision === 'no clear change' ? 'within noise' : test.decision;
    return row;
  });
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Nested params flattened to "train.lr" → display string. */
export function flattenParams(params: unknown, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    if (prefix !== '') flat[prefix] = formatParam(params);
    return flat;
  }
  for (const [key, value] of Object.entries(params)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(flat, flattenParams(value, path));
    else flat[path] = formatParam(value);
  }
  return flat;
}

function formatParam(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/**
 * params.model is the architecture, a list of layers: as one JSON value it
 * would fill the params table. Its row says how many layers; the Model
 * section shows them (whether the row changed still compares the whole list).
 */
function layerListText(model: unknown, seeModel: boolean): string | undefined {
  if (!Array.isArray(model)) return undefined;
  return `${model.length} layer${model.length === 1 ? '' : 's'}${seeModel ? ', see Model' : ''}`;
}

/**
 * A record's params with the keys it lacks filled in with their defaults:
 * a record of an older version has no key that version did not know (e.g.
 * train.optimizer), and it trained with that key's default. With a layer
 * list the notebook's shorthands are not the model, so they stay absent.
 */
function paramsWithDefaults(record: RunRecord): Record<string, string> {
  const params = record.params;
  const flat = flattenParams(params ?? {});
  // A training command's params are its own file's, defaults included; the command line is a param
  // like any other, so that a PR that changes it is compared as a change. The built-in trainer's are not its params.
  if (record.trainer) return { ...flat, command: record.trainer.command };
  const hasModel = Array.isArray(params?.model);
  for (const [key, value] of Object.entries(flattenParams(DEFAULT_PARAMS))) {
    if (hasModel && (key === 'train.conv_size' || key === 'train.dense_size')) continue;
    flat[key] ??= value;
  }
  return flat;
}

function paramRows(head: RunRecord, base?: RunRecord): ParamRow[] {
  const headFlat = paramsWithDefaults(head);
  const baseFlat = base ? paramsWithDefaults(base) : {};
  const keys = [...new Set([...Object.keys(headFlat), ...Object.keys(baseFlat)])].sort();
  const rows = keys.map((key) => ({
    key,
    head: headFlat[key],
    base: base ? baseFlat[key] : undefined,
    changed: base !== undefined && headFlat[key] !== baseFlat[key],
  }));
  const model = rows.find((row) => row.key === 'model');
  if (model) {
    model.head = layerListText(head.params?.model, model.changed && head.modelCard !== undefined) ?? model.head;
    if (base) model.base = layerListText(base.params?.model, false) ?? model.base;
  }
  // Changed rows first, each group in key order (sort is stable).
  return rows.sort((a, b) => Number(b.changed) - Number(a.changed));
}

function classRows(head: RunRecord, base?: RunRecord): ClassRow[] {
  const headByLabel = byLabel(head.perClass);
  const baseByLabel = byLabel(base?.perClass);
  const labels = [...classesOf(head)];
  for (const label of [...headByLabel.keys(), ...baseByLabel.keys()]) if (!labels.includes(label)) labels.push(label);
  return labels.map((label) => {
    const headClass = headByLabel.get(label);
    const baseClass = baseByLabel.get(label);
    const row: ClassRow = { label, head: headClass, base: baseClass };
    if (headClass && baseClass) row.f1Delta = headClass.f1 - baseClass.f1;
    return row;
  });
}

function byLabel(perClass: ClassMetrics[] | undefined): Map<string, ClassMetrics> {
  const map = new Map<string, ClassMetrics>();
  if (!Array.isArray(perClass)) return map;
  for (const entry of perClass) if (entry && typeof entry.label === 'string') map.set(entry.label, entry);
  return map;
}

function isCorrect(prediction: Prediction): boolean {
  return prediction.trueLabel === prediction.predictedLabel;
}

function predictionsOf(record: RunRecord): Prediction[] {
  return Array.isArray(record.predictions) ? record.predictions.filter((p) => p && typeof p.path === 'string') : [];
}

function significanceOf(head: RunRecord, base: RunRecord, notes: string[]): Significance {
  const headPredictions = predictionsOf(head);
  const basePredictions = predictionsOf(base);
  if (headPredictions.length === 0 || basePredictions.length === 0) {
    return { kind: 'unavailable', reason: `the ${headPredictions.length === 0 ? 'PR' : 'base'} record holds no predictions` };
  }
  const baseByPath = new Map(basePredictions.map((p) => [p.path, p]));
  let b = 0;
  let c = 0;
  let shared = 0;
  let baseRight = 0;
  let headRight = 0;
  for (const prediction of headPredictions) {
    const other = baseByPath.get(prediction.path);
    if (!other) continue;
    shared += 1;
    const headOk = isCorrect(prediction);
    const baseOk = isCorrect(other);
    if (headOk) headRight += 1;
    if (baseOk) baseRight += 1;
    if (baseOk && !headOk) b += 1;
    if (!baseOk && headOk) c += 1;
  }
  if (shared > 0) {
    if (shared < headPredictions.length || shared < basePredictions.length) {
      notes.push(`The runs share ${shared} of their validation images (PR ${headPredictions.length}, base ${basePredictions.length}); the paired test uses the shared ones.`);
    }
    return { kind: 'paired', shared, b, c, baseAccuracy: baseRight / shared, headAccuracy: headRight / shared, pValue: mcnemarExact(b, c) };
  }
  const headCorrect = headPredictions.filter(isCorrect).length;
  const baseCorrect = basePredictions.filter(isCorrect).length;
  const test = twoProportionTest(baseCorrect, basePredictions.length, headCorrect, headPredictions.length);
  return {
    kind: 'unpaired',
    baseCorrect,
    baseTotal: basePredictions.length,
    headCorrect,
    headTotal: headPredictions.length,
    z: test.z,
    pValue: test.pValue,
  };
}

/** Each repeat's value of `metric`, by seed; a record without repeats counts as one run of its saved model. */
export function metricSamples(record: RunRecord, metric: string): { seeds: number[]; values: number[] } | undefined {
  const repeats = Array.isArray(record.repeats) ? record.repeats.filter((r) => r && finite(r.metrics?.[metric]) !== undefined) : [];
  if (repeats.length > 0) return { seeds: repeats.map((r) => r.seed), values: repeats.map((r) => r.metrics[metric]) };
  const value = finite(record.metrics?.[metric]);
  if (value === undefined) return undefined;
  const seed = record.params?.train?.seed;
  return { seeds: [typeof seed === 'number' ? seed : 0], values: [value] };
}

/** Every metric's per-seed values, for checkThresholds. */
export function metricValues(record: RunRecord): Partial<Record<MetricKey, number[]>> {
  const values: Partial<Record<MetricKey, number[]>> = {};
  for (const metric of METRIC_KEYS) {
    const samples = metricSamples(record, metric);
    if (samples) values[metric] = samples.values;
  }
  return values;
}

function seedSide(seeds: number[], values: number[]): SeedRun {
  return { seeds, values, spread: spread(values) };
}

/** Same seed list, and for each seed the same value on both sides. */
function identicalRuns(head: SeedRun, base: SeedRun): boolean {
  return head.seeds.length === base.seeds.length
    && head.seeds.every((seed, i) => seed === base.seeds[i] && head.values[i] === base.values[i]);
}

/**
 * The seed test on two sides' per-seed values: the change of the mean, its
 * interval, and whether it is larger than seed noise explains (module
 * comment on SEED_TEST). `sign` is +1 when higher is better.
 */
export function testSeeds(head: SeedRun, base: SeedRun, sign: 1 | -1, canBeIdentical = true): SeedTest {
  const difference = head.spread.mean - base.spread.mean;
  // Values on shared images of different datasets can agree seed for seed without the runs being the same.
  const identical = canBeIdentical && identicalRuns(head, base);
  const runsPerSide = Math.min(head.values.length, base.values.length);
  const result: SeedTest = { difference, identical, decision: 'no clear change' };
  if (identical) return { ...result, difference: 0 };
  if (head.values.length + base.values.length >= 3) result.interval = pooledInterval(base.values, head.values, 1 - SEED_TEST.level);
  if (runsPerSide < 2) return { ...result, untestable: 'one run per side cannot separate a change from seed noise' };
  // Every seed of both sides at one value (a class always right, say): nothing moved, nothing to test.
  if (head.values.every((value) => value === head.values[0]) && base.values.every((value) => value === head.values[0])) return { ...result, pValue: 1 };
  const test = permutationTest(base.values, head.values, SEED_TEST.scores);
  result.pValue = test.pValue;
  if (test.exact && test.smallestPValue >= SEED_TEST.level) {
    result.untestable = `with ${describeCounts(head.values.length, base.values.length)} no change can reach p < ${SEED_TEST.level} (the smallest possible p is ${trimmed(test.smallestPValue)})`;
    return result;
  }
  if (test.pValue < SEED_TEST.level && difference !== 0) result.decision = Math.sign(difference) === sign ? 'better' : 'worse';
  return result;
}

function describeCounts(head: number, base: number): string {
  return head === base ? `${head} seeds per side` : `${base} base seeds and ${head} PR seeds`;
}

function trimmed(value: number): string {
  return value.toFixed(value < 0.01 ? 4 : 3);
}

/**
 * Each validation image of a record as "class/content hash": the same key in
 * two records is the same question (the same image, the same true class),
 * whatever its path. Undefined when the record lacks what it takes.
 */
export function validationKeys(record: RunRecord): Map<string, string> | undefined {
  const files = record.dataset?.files;
  const predictions = predictionsOf(record);
  if (!files || predictions.length === 0) return undefined;
  const keys = new Map<string, string>();
  for (const prediction of predictions) {
    const hash = files[prediction.path];
    if (typeof hash !== 'string') return undefined;
    keys.set(prediction.path, `${prediction.trueLabel}/${hash}`);
  }
  return keys;
}

/**
 * When the two runs validate on different images: every seed's accuracy on
 * the images both share (by content and class), from each repeat's list of
 * images it got right. Undefined when they validate on the same images, or
 * when a record lacks what it takes (then all images are compared, as before).
 */
export function sharedImageAccuracies(head: RunRecord, base: RunRecord): { count: number; head: SeedRun; base: SeedRun; headTotal: number; baseTotal: number } | undefined {
  const headKeys = validationKeys(head);
  const baseKeys = validationKeys(base);
  if (!headKeys || !baseKeys) return undefined;
  const baseSet = new Set(baseKeys.values());
  const headSet = new Set(headKeys.values());
  const shared = new Set([...headSet].filter((key) => baseSet.has(key)));
  if (shared.size === headSet.size && shared.size === baseSet.size) return undefined;
  if (shared.size === 0) return undefined;
  const side = (record: RunRecord, keys: Map<string, string>): SeedRun | undefined => {
    const repeats = Array.isArray(record.repeats) ? record.repeats.filter((r) => r && Array.isArray(r.correct)) : [];
    if (repeats.length === 0) return undefined;
    // Copies of one image count once, as a key.
    const values = repeats.map((r) => new Set(r.correct.map((path) => keys.get(path)).filter((key): key is string => key !== undefined && shared.has(key))).size / shared.size);
    return seedSide(repeats.map((r) => r.seed), values);
  };
  const headRun = side(head, headKeys);
  const baseRun = side(base, baseKeys);
  if (!headRun || !baseRun) return undefined;
  return { count: shared.size, head: headRun, base: baseRun, headTotal: headSet.size, baseTotal: baseSet.size };
}

function seedComparison(head: RunRecord, base?: RunRecord): SeedComparison | undefined {
  const metric = headlineMetric(head, base);
  const direction = directionOf(metric, customDirections(head, base));
  const headSamples = metricSamples(head, metric);
  if (!headSamples || direction === undefined) return undefined;
  const sign = direction === 'higher' ? 1 : -1;
  const headAll = seedSide(headSamples.seeds, headSamples.values);
  const baseSamples = base ? metricSamples(base, metric) : undefined;
  if (!baseSamples) return { metric, head: headAll };
  // A data change is judged on the images both runs validate on (accuracy: the headline val_acc only);
  // the PR's figures on all its images stay beside it.
  const shared = base && metric === 'val_acc' ? sharedImageAccuracies(head, base) : undefined;
  const headRun = shared?.head ?? headAll;
  const baseRun = shared?.base ?? seedSide(baseSamples.seeds, baseSamples.values);
  const test = testSeeds(headRun, baseRun, sign, shared === undefined);
  // Seeds trained in stages were looked at several times: the stopping rule's levels, not the single test's, decide.
  // By the rule the record names: a record of an older rule keeps its verdict.
  const rule = head.stopping ? ruleForLooks(head.stopping.looks) : undefined;
  const sequential = rule && !test.identical && ruleApplies(baseRun.values, rule) ? judgeSequentially(baseRun.values, headRun.values, sign, rule) : undefined;
  if (sequential) {
    test.pValue = sequential.pValue;
    test.decision = sequential.decision;
    delete test.untestable;
  }
  // "Seeds alone move accuracy by": the base's own spread, or the PR's when the base has one run.
  const noiseSide = baseRun.values.length > 1 ? baseRun : headRun.values.length > 1 ? headRun : undefined;
  return {
    metric,
    head: headRun,
    base: baseRun,
    sameSeeds: headRun.seeds.length === baseRun.seeds.length && headRun.seeds.every((seed, i) => seed === baseRun.seeds[i]),
    noise: noiseSide?.spread.sd,
    noiseFrom: noiseSide === undefined ? undefined : noiseSide === baseRun ? 'base' : 'PR',
    ...(sequential ? { sequential } : {}),
    ...(shared ? { sharedImages: { count: shared.count, headTotal: shared.headTotal, baseTotal: shared.baseTotal, headAll } } : {}),
    ...test,
  };
}

/** Per-class F1 of every repeat, for the classes both sides have, tested like the verdict. */
function classChanges(head: RunRecord, base: RunRecord, rows: ClassRow[]): void {
  const perRepeat = (record: RunRecord, label: string) => {
    const repeats = Array.isArray(record.repeats) ? record.repeats : [];
    const values = repeats.map((r) => (Array.isArray(r?.perClass) ? finite(r.perClass.find((c) => c?.label === label)?.f1) : undefined));
    if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
    return seedSide(repeats.map((r) => r.seed), values as number[]);
  };
  for (const row of rows) {
    if (!row.head || !row.base) continue;
    const headRun = perRepeat(head, row.label);
    const baseRun = perRepeat(base, row.label);
    if (!headRun || !baseRun) continue;
    row.f1Seeds = { head: headRun, base: baseRun, ...testSeeds(headRun, baseRun, 1) };
  }
}

/** The head trained nothing and took this base's results (the same training fingerprint). */
export function reusedFromBase(head: RunRecord, base: RunRecord | undefined): boolean {
  return base !== undefined && head.reused !== undefined && typeof head.fingerprint === 'string' && head.fingerprint === base.fingerprint;
}

function decide(
  base: RunRecord | undefined,
  significance: Significance | undefined,
  seeds: SeedComparison | undefined,
  headline: string,
  directions: Record<string, Direction>,
  reused: boolean,
): { verdict: Verdict; reasons: string[] } {
  if (!base) return { verdict: 'no baseline', reasons: [] };
  const reasons: string[] = [];
  if (directionOf(headline, directions) === undefined) {
    reasons.push(`The headline metric "${headline}" has no direction, so it can be shown but not judged; give it one in params.yaml (report.metrics: {${headline}: higher} or lower).`);
    return { verdict: 'no clear change', reasons };
  }
  if (!seeds?.base) {
    reasons.push(`The PR or the base record holds no ${metricLabel(headline)}, so nothing can be compared.`);
    return { verdict: 'no clear change', reasons };
  }
  const perSide = describeCounts(seeds.head.values.length, seeds.base.values.length);
  if (seeds.sharedImages) {
    const { count, headTotal, baseTotal, headAll } = seeds.sharedImages;
    reasons.push(`The runs validate on different images (PR ${headTotal}, base ${baseTotal}), so the verdict compares each seed's accuracy on the ${count} images both share (same content and class); on all its ${headTotal} images the PR's mean is ${headAll.spread.mean.toFixed(4)}.`);
  }
  if (seeds.identical && reused) {
    reasons.push(`Nothing that reaches training changed since the base: its ${seeds.base.values.length} run${seeds.base.values.length === 1 ? ' is' : 's are'} reused, nothing was trained.`);
    return { verdict: 'no clear change', reasons };
  }
  if (seeds.identical) {
    reasons.push(`The PR's runs are identical to the base's, seed for seed (${perSide}): nothing that reaches training changed.`);
    return { verdict: 'no clear change', reasons };
  }
  if (seeds.sequential) {
    const { seeds: trained, pValue, level, stop } = seeds.sequential;
    const prSeeds = `${trained} PR seed${trained === 1 ? '' : 's'}`;
    const why = stop === 'decided' ? `decided at ${prSeeds} (${formatPValue(pValue)}, at or below that look's level ${level})`
      : stop === 'no change likely' ? `stopped at ${prSeeds}: ${formatPValue(pValue)}, too far from any level for more seeds to likely find a change`
        : `stopped at ${prSeeds}, the most the rule trains (${formatPValue(pValue)}, above that look's level ${level})`;
    reasons.push(`The PR trained its seeds in stages against the base's ${seeds.base.values.length} and ${why}; the rule keeps false alarms under 5 % over all its looks.`);
  } else if (seeds.untestable) {
    reasons.push(`${capitalise(seeds.untestable)}; set train.repeats to ${RECOMMENDED_REPEATS} or more to tell a change from seed noise.`);
  } else if (seeds.decision === 'no clear change') {
    reasons.push(`Over ${perSide} the change of the mean is within what seed noise alone gives (${formatPValue(seeds.pValue!)}).`);
  } else {
    reasons.push(`Over ${perSide} seed noise alone would give a change this large rarely (${formatPValue(seeds.pValue!)}, rank test over seeds).`);
  }
  if (significance?.kind === 'unavailable') reasons.push(`No image-by-image comparison: ${significance.reason}.`);
  return { verdict: seeds.decision ?? 'no clear change', reasons };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function flips(head: RunRecord, base: RunRecord): { rightToWrong: Flip[]; wrongToRight: Flip[] } {
  const baseByPath = new Map(predictionsOf(base).map((p) => [p.path, p]));
  const rightToWrong: Flip[] = [];
  const wrongToRight: Flip[] = [];
  for (const prediction of [...predictionsOf(head)].sort((a, b) => a.path.localeCompare(b.path))) {
    const other = baseByPath.get(prediction.path);
    if (!other) continue;
    const flip = { path: prediction.path, trueLabel: prediction.trueLabel, basePredicted: other.predictedLabel, headPredicted: prediction.predictedLabel };
    if (isCorrect(other) && !isCorrect(prediction)) rightToWrong.push(flip);
    if (!isCorrect(other) && isCorrect(prediction)) wrongToRight.push(flip);
  }
  return { rightToWrong, wrongToRight };
}

function imagesPerClass(record: RunRecord): Record<string, number> {
  const counts = record.dataset?.imagesPerClass;
  return counts && typeof counts === 'object' ? counts : {};
}

function datasetDiff(head: RunRecord, base?: RunRecord): DatasetDiff {
  const headCounts = imagesPerClass(head);
  const baseCounts = base ? imagesPerClass(base) : {};
  const labels = [...new Set([...classesOf(head), ...Object.keys(headCounts), ...(base ? [...classesOf(base), ...Object.keys(baseCounts)] : [])])];
  const diff: DatasetDiff = {
    perClass: labels.map((label) => ({ label, head: headCounts[label], base: base ? baseCounts[label] : undefined })),
    headTotal: head.dataset?.totalImages ?? Object.values(headCounts).reduce((sum, n) => sum + n, 0),
    baseTotal: base ? base.dataset?.totalImages ?? Object.values(baseCounts).reduce((sum, n) => sum + n, 0) : undefined,
  };
  const headFiles = head.dataset?.files;
  const baseFiles = base?.dataset?.files;
  if (base && headFiles && baseFiles) {
    const headPaths = Object.keys(headFiles).sort();
    const basePaths = Object.keys(baseFiles).sort();
    diff.added = headPaths.filter((path) => !(path in baseFiles));
    diff.removed = basePaths.filter((path) => !(path in headFiles));
    diff.changed = headPaths.filter((path) => path in baseFiles && baseFiles[path] !== headFiles[path]);
    diff.sameContent = diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
  }
  return diff;
}

/** Row-normalised confusion matrix (each row sums to 1; an empty row stays 0). */
export function normaliseRows(matrix: number[][]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((sum, value) => sum + value, 0);
    return row.map((value) => (total > 0 ? value / total : 0));
  });
}

/** The record's row-normalised matrix as actual → predicted → rate, or undefined when it is malformed. */
export function confusionRates(record: RunRecord): Map<string, Map<string, number>> | undefined {
  const classes = classesOf(record);
  if (!isMatrix(record.confusionMatrix, classes.length)) return undefined;
  const rates = normaliseRows(record.confusionMatrix);
  return new Map(classes.map((actual, i) => [actual, new Map(classes.map((predicted, j) => [predicted, rates[i][j]]))]));
}
