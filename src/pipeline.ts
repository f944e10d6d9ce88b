// The experiment, in order: params → dataset → split → model → train →
// evaluate → run record (+ metrics.json and the saved model). Runs without
// GitHub; the CLI and the action call it.

import { cp, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decodeDataset, DatasetError, listDataset, type DatasetListing, type DecodedDataset } from './data/dataset.js';
import { splitDataset } from './data/split.js';
import { startBackend, type BackendChoice } from './model/backend.js';
import type { Trainer } from './model/backends/types.js';
import { describeBackend } from './model/backend-choice.js';
import { confusionMatrix, perClassMetrics, scoreLogits, summaryMetrics } from './model/evaluate.js';
import { createModel, shapedLayers, type ModelSpec } from './model/build.js';
import { folderBytes, measureInference, modelCard } from './model/card.js';
import type { Engine } from './model/step.js';
import { checkParameterLimit, ModelSpecError } from './model/spec.js';
import { saveModel, type ModelMetadata } from './model/storage.js';
import { labelsOf, type ImageTensorSource, type TrainOptions } from './model/train.js';
import { checkOutputFolder, claimOutputFolder } from './output.js';
import { applyOverrides, loadParams, modelLayers, optimizerSettings, ParamsError, type ParamOverride, type Params } from './params.js';
import { metricSamples, validationKeys } from './compare/compare.js';
import { judgeSequentially, nextLook, ruleApplies, STOPPING_RULE, type StopReason } from './compare/sequential.js';
import { formatPValue } from './compare/stats.js';
import { decideReuse, seedList, trainingFingerprint } from './fingerprint.js';
import { reuseBeforeDecoding, type EarlyReuse } from './reuse.js';
import { improvementSign } from './metrics.js';
import { buildRunRecord, recordedParams, reusedRunRecord } from './record-builder.js';
import { numericsVersions } from './version.js';
import { metricsFileContent, writeRecord, type BackendInfo, type BuiltinRunRecord, type ModelCard, type RepeatResult, type RunRecord } from './record.js';

export interface RunOptions {
  dataDir: string;
  /** params.yaml; missing file = the notebook's defaults. */
  paramsFile?: string;
  outDir: string;
  backend?: BackendChoice;
  log?: (line: string) => void;
  /** Called as each stage starts, with its name (the action folds each stage's lines into a group). */
  stage?: (name: string) => void;
  /** Lines worth a warning in CI (a backend that is installed but fails); default: log. */
  notice?: (line: string) => void;
  source?: RunRecord['source'];
  /** Folder of the decoded-pixel cache; none when absent. */
  cacheDir?: string;
  /** Applied on top of the params file (parsed by parseOverrides); `overridesSource` names them in messages. */
  overrides?: ParamOverride[];
  overridesSource?: string;
  /**
   * A sweep's data, listed and decoded once for every variant (its pixels may
   * sit in shared memory); used when its `prepare` params are this run's.
   */
  prepared?: PreparedData;
  /** A sweep's trainer (on WASM: its second training thread), reused by its variants; this run does not close it. */
  trainer?: Trainer;
  /**
   * The base's run record, looked up before training: when everything that
   * reaches training equals the base's (the same training fingerprint), this
   * run trains nothing and takes the base's per-seed results.
   */
  base?: RunRecord;
  /** The base's saved model folder, copied into this run's output when its results are reused. */
  baseModelDir?: string;
  /** Train even when the base's results could be reused. */
  forceTraining?: boolean;
  /**
   * Train the seeds in stages against the base's recorded seeds and stop as
   * soon as the verdict is decided (compare/sequential.ts): a pull request's
   * run. Only with a base of the rule's seed count and the default repeats;
   * runs that become baselines train every seed.
   */
  sequential?: boolean;
}

export interface PreparedData {
  /** JSON of the `prepare` params the data was decoded with (prepareKey). */
  prepare: string;
  listing: DatasetListing;
  decoded: DecodedDataset;
}

/** The key a PreparedData is matched by. */
export function prepareKey(prepare: Params['prepare']): string {
  return JSON.stringify(prepare);
}

export interface RunResult {
  record: BuiltinRunRecord;
  outDir: string;
  files: { record: string; metrics: string; model: string };
}

export const OUTPUT_ENTRIES = ['run.json', 'metrics.json', 'model'] as const;

function seconds(since: number): number {
  return Number(((performance.now() - since) / 1000).toFixed(3));
}

function formatDuration(totalSeconds: number): string {
  if (totalSeconds < 60) return `${totalSeconds.toFixed(1)} s`;
  return `${Math.floor(totalSeconds / 60)} min ${Math.round(totalSeconds % 60)} s`;
}

export async function runExperiment(options: RunOptions): Promise<RunResult> {
  // The trainers this run opened (on WASM, a second training thread), closed when it ends.
  const opened: Trainer[] = [];
  try {
    return await runStages(options, opened);
  } finally {
    await Promise.all(opened.map((trainer) => trainer.close()));
  }
}

/** The run, as its named steps; each logs what it did and adds its seconds to `timings`. */
async function runStages(options: RunOptions, opened: Trainer[]): Promise<RunResult> {
  const run: RunState = { options, log: options.log ?? (() => {}), timings: {}, started: performance.now() };
  const stage = options.stage ?? (() => {});
  stage('Data: params, images, split');
  const params = await readParams(run);
  // Checked now, written only at the end: a failed run leaves no folder behind.
  await checkOutputFolder(options.outDir, OUTPUT_ENTRIES);
  // Before decoding or starting a backend: a run whose fingerprint equals its base's costs a read of the files.
  const early = options.base ? await checkReuseEarly(run, params, options.base) : undefined;
  if (early?.reuse) {
    stage("Reuse the base's runs");
    return reuseBaseRun(run, options.base as BuiltinRunRecord);
  }
  const prepared = await prepare(run, params, opened);
  const split = splitImages(run, params, prepared);
  // The number of threads that trained together changes the float sums: the trainer adds it to the backend where it varies.
  const backend: BackendInfo = { ...prepared.backend, ...prepared.trainer.info };
  const seeds = seedList(params.train.seed, params.train.repeats);
  const fingerprint = trainingFingerprint({
    data: prepared.decoded.listedHash,
    params: recordedParams(params),
    seeds,
    backend,
    numerics: numericsVersions(),
    machine: `${process.platform}-${process.arch}`,
  });
  // Checked again only when the early check could not tell (a backend known only once started, an unreadable file).
  if (options.base && early && !early.decided) {
    const decision = decideReuse(fingerprint, seeds, options.base, options.forceTraining === true);
    if (decision.reuse) {
      stage("Reuse the base's runs");
      // The same fingerprint: the base is a record of the built-in trainer (a training command's has none).
      return reuseBaseRun(run, options.base as BuiltinRunRecord);
    }
    run.log(`training: ${decision.reason}`);
  }
  stage(`Train and evaluate (${params.train.repeats} seed${params.train.repeats === 1 ? '' : 's'})`);
  const plan = planTrainingRun(run, params, prepared);
  const trained = await trainRepeats(run, params, prepared, split, plan);
  stage('Save the model and the run record');
  const saved = await saveFirstModel(run, params, prepared, split, plan, trained);
  run.timings.total = seconds(run.started);
  const record = buildRunRecord({
    source: options.source,
    params,
    overrides: options.overrides ?? [],
    dataDir: options.dataDir,
    listing: prepared.listing,
    decoded: prepared.decoded,
    split: { seed: params.prepare.seed, fraction: params.prepare.split, trainCount: split.train.length, validationPaths: split.validationPaths },
    backend,
    repeats: trained.repeats,
    stopping: trained.stopping,
    first: trained.first,
    matrices: trained.matrices,
    modelCard: saved.card,
    fingerprint,
    timings: run.timings,
  });
  return writeOutputs(run, record, saved.modelDir);
}

/**
 * The reuse check from the files' bytes and the backend the choice would
 * start (reuse.ts), before anything is decoded; logs why the run trains when
 * that is decided here.
 */
async function checkReuseEarly(run: RunState, params: Params, base: RunRecord): Promise<EarlyReuse> {
  const started = performance.now();
  const early = await reuseBeforeDecoding({ dataDir: run.options.dataDir, params, base, backend: run.options.backend ?? 'auto', force: run.options.forceTraining === true });
  run.timings.fingerprint = seconds(started);
  if (early.reuse) return early;
  run.log(early.decided ? `training: ${early.reason}` : `reuse checked after the backend starts: ${early.reason}`);
  return early;
}

/**
 * Nothing that reaches training changed since the base: its per-seed results
 * are this run's, and nothing trains. The base's model is copied when its
 * folder is here (a local --base); in CI the records hold no model, so none is written.
 */
async function reuseBaseRun(run: RunState, base: BuiltinRunRecord): Promise<RunResult> {
  const { options } = run;
  await claimOutputFolder(options.outDir, OUTPUT_ENTRIES);
  const modelDir = join(options.outDir, 'model');
  const from = base.source?.sha ? `the base run ${base.source.sha.slice(0, 7)}` : `the base run (recorded ${base.createdAt})`;
  run.log(`reused: nothing that reaches training changed since the base (training fingerprint ${base.fingerprint!.slice(0, 12)}): its ${base.repeats.length} runs are reused from ${from}; nothing is decoded or trained`);
  if (resolve(options.baseModelDir ?? modelDir) === resolve(modelDir)) {
    run.log('model: the base\'s, left where it is (the base folder is the output folder)');
  } else if (options.baseModelDir && (await stat(options.baseModelDir).then((info) => info.isDirectory(), () => false))) {
    await cp(options.baseModelDir, modelDir, { recursive: true });
  } else {
    run.log(`model: not written (${from} left no model folder here; force training to get one)`);
  }
  run.timings.total = seconds(run.started);
  const record = reusedRunRecord(base, { source: options.source, overrides: options.overrides ?? [], dataDir: options.dataDir, timings: run.timings });
  return writeOutputs(run, record, modelDir);
}

interface RunState {
  options: RunOptions;
  log: (line: string) => void;
  timings: Record<string, number>;
  started: number;
}

/** params.yaml with the overrides applied; a missing file means the notebook's values. */
async function readParams(run: RunState): Promise<Params> {
  const { options, log } = run;
  const paramsFile = options.paramsFile ?? 'params.yaml';
  const loaded = await loadParams(paramsFile);
  if (!loaded.fromFile) log(`${paramsFile} not found: using the default params (the notebook's values)`);
  const overrides = options.overrides ?? [];
  if (overrides.length === 0) return loaded.params;
  log(`params override: ${overrides.map((override) => override.text).join(', ')}`);
  return applyOverrides(loaded.params, overrides, options.overridesSource ?? 'params override');
}

interface Prepared {
  listing: DatasetListing;
  decoded: DecodedDataset;
  source: ImageTensorSource;
  backend: BackendInfo;
  /** The started backend's trainer: how it trains and predicts. */
  trainer: Trainer;
}

/**
 * The images, listed and decoded, and the backend and its trainer (on WASM
 * with the second training thread) started meanwhile, so `timings.decode` covers both. When
 * both fail, the backend's error is reported: it is the one to fix first.
 * The model's size is checked once the classes are known, before decoding.
 */
async function prepare(run: RunState, params: Params, opened: Trainer[]): Promise<Prepared> {
  const { options, log } = run;
  const stageStart = performance.now();
  const [backendResult, dataResult] = await Promise.allSettled([
    startBackend(options.backend ?? 'auto').then(async (started) => {
      if (options.trainer) return { ...started, trainer: options.trainer };
      const trainer = await started.openTrainer(log);
      opened.push(trainer);
      return { ...started, trainer };
    }),
    (async () => {
      const paramsFile = options.paramsFile ?? 'params.yaml';
      if (options.prepared && options.prepared.prepare === prepareKey(params.prepare)) {
        checkModelSize(params, options.prepared.listing.classes.length, paramsFile);
        return { listing: options.prepared.listing, decoded: options.prepared.decoded };
      }
      const listing = await listDataset(options.dataDir);
      checkModelSize(params, listing.classes.length, paramsFile);
      const decoded = await decodeDataset(listing, params.prepare, { cacheDir: options.cacheDir });
      return { listing, decoded };
    })(),
  ]);
  if (backendResult.status === 'rejected') throw backendResult.reason;
  if (dataResult.status === 'rejected') throw dataResult.reason;
  const { info: backend, skipped: backendsSkipped, log: backendLog, notices: backendNotices, trainer } = backendResult.value;
  const { listing, decoded } = dataResult.value;
  run.timings.decode = seconds(stageStart);
  for (const reason of backendsSkipped) log(`backend skipped: ${reason}`);
  for (const line of backendLog) log(line);
  for (const line of backendNotices) (options.notice ?? log)(line);
  log(`backend: ${describeBackend(backend)}`);
  if (decoded.cache.hits > 0) log(`pixel cache: ${decoded.cache.hits} of ${decoded.images.length} images taken from ${decoded.cache.file}`);
  if (decoded.cache.cacheError) log(`pixel cache not written (${decoded.cache.cacheError}); the next run decodes again`);
  log(`data: ${decoded.images.length} images in ${listing.classes.length} classes from ${options.dataDir} (decoded in ${run.timings.decode.toFixed(2)} s)`);
  if (listing.ignored.length > 0) {
    log(`ignored ${listing.ignored.length} file(s) outside class folders, not images, or links out of the data folder, e.g. ${listing.ignored[0]}`);
  }
  for (const skipped of decoded.skipped) log(`skipped ${skipped.path}: ${skipped.reason}`);
  const source: ImageTensorSource = {
    pixels: decoded.pixels,
    labels: Int32Array.from(decoded.images, (image) => image.label),
    imageShape: [decoded.imageSize[0], decoded.imageSize[1], decoded.channels],
  };
  return { listing, decoded, source, backend, trainer };
}

/** The model's weights against train.max_parameters, for this data's number of classes (the output layer). */
function checkModelSize(params: Params, classes: number, paramsFile: string): void {
  const imageShape: [number, number, number] = [...params.prepare.image_size, params.prepare.grayscale ? 1 : 3];
  try {
    checkParameterLimit(shapedLayers({ inputShape: imageShape, classes, layers: modelLayers(params), seed: 0 }), params.train.max_parameters, `${paramsFile}: model`);
  } catch (error) {
    if (error instanceof ModelSpecError) throw new ParamsError(error.message);
    throw error;
  }
}

interface SplitImages {
  train: number[];
  validation: number[];
  validationLabels: Int32Array;
  validationPaths: string[];
  imagesPerClass: Record<string, number>;
}

/** The seeded train/validation split; every class needs an image on each side. */
function splitImages(run: RunState, params: Params, prepared: Prepared): SplitImages {
  const stageStart = performance.now();
  const { decoded, listing } = prepared;
  const classes = listing.classes;
  const imagesPerClass: Record<string, number> = Object.fromEntries(classes.map((name) => [name, 0]));
  for (const image of decoded.images) imagesPerClass[classes[image.label]]++;
  const split = splitDataset(
    decoded.images.map((image) => ({ path: image.path, label: image.label, contentHash: decoded.fileHashes[image.path] })),
    params.prepare.split,
    params.prepare.seed,
    classes.length,
  );
  for (const [label, name] of classes.entries()) {
    if (imagesPerClass[name] < 2) {
      throw new DatasetError(`class "${name}" has only ${imagesPerClass[name]} image; each class needs at least 2 (one to train on, one to validate)`);
    }
    if (!split.validation.some((index) => decoded.images[index].label === label)) {
      throw new DatasetError(`class "${name}" has no validation image: its copies of other images were kept in training; add distinct images to "${name}"`);
    }
  }
  run.timings.split = seconds(stageStart);
  run.log(`split: ${split.train.length} train / ${split.validation.length} validation (seed ${params.prepare.seed}, ${params.prepare.split})`);
  return {
    train: split.train,
    validation: split.validation,
    validationLabels: labelsOf(prepared.source, split.validation),
    validationPaths: split.validation.map((index) => decoded.images[index].path),
    imagesPerClass,
  };
}

/** How this run's model trains with the backend's trainer: threads, where each layer trains, the spec per seed. */
interface TrainingPlan {
  threads: number;
  /** Where each layer-list position trains, and the same in words. */
  engines: Map<number, Engine>;
  summary: string;
  specFor(seed: number): ModelSpec;
}

/**
 * What the backend's trainer does with this model (two threads on WASM, for
 * any layer list; one thread elsewhere, tfjs's own threads doing the work).
 * The log and the record say which layers run on the WebAssembly kernels.
 */
function planTrainingRun(run: RunState, params: Params, prepared: Prepared): TrainingPlan {
  const specFor = (seed: number): ModelSpec => ({ inputShape: prepared.source.imageShape, classes: prepared.listing.classes.length, layers: modelLayers(params), seed });
  const { threads } = prepared.trainer;
  const probe = createModel(specFor(params.train.seed));
  try {
    const { summary, engines } = prepared.trainer.describe(probe, specFor(params.train.seed), params.train.batch_size, optimizerSettings(params.train));
    run.log(`training on ${threads === 1 ? '1 thread' : `${threads} threads`}: ${summary}`);
    return { threads, engines, summary, specFor };
  } finally {
    probe.dispose();
  }
}

interface Trained {
  repeats: RepeatResult[];
  /** The first repeat's model (the one saved) and its validation results. */
  first: { model: ReturnType<typeof createModel>; scores: ReturnType<typeof scoreLogits> };
  /** Every repeat's confusion counts (the record pools them). */
  matrices: number[][][];
  /** When the seeds were trained in stages: how many, and why it stopped. */
  stopping?: RunRecord['stopping'];
}

/** train.repeats models, seeds train.seed, +1, …, each trained and evaluated on the same split. */
async function trainRepeats(run: RunState, params: Params, prepared: Prepared, split: SplitImages, plan: TrainingPlan): Promise<Trained> {
  const { log, timings } = run;
  const { source, listing } = prepared;
  const classes = listing.classes;
  const repeats: RepeatResult[] = [];
  const matrices: number[][][] = [];
  let first: Trained['first'] | undefined;
  timings.train = 0;
  timings.evaluate = 0;
  // In stages against the base's seeds when the rule applies (a PR's run), else every seed.
  const baseValues = run.options.base ? metricSamples(run.options.base, 'val_acc')?.values : undefined;
  // The rule judges accuracy on the same images: after a data change that moved the validation images, every seed trains.
  const baseKeys = run.options.base ? validationKeys(run.options.base) : undefined;
  // As sets: copies of one image in one class are one key.
  const ownKeys = new Set(split.validationPaths.map((path, row) => `${classes[split.validationLabels[row]]}/${prepared.decoded.fileHashes[path]}`));
  const theirKeys = new Set(baseKeys?.values() ?? []);
  const sameImages = baseKeys !== undefined && theirKeys.size === ownKeys.size && [...ownKeys].every((key) => theirKeys.has(key));
  // A base a training command wrote has other numbers: every seed trains.
  const staged = run.options.sequential === true && run.options.base?.trainer === undefined && params.train.repeats === STOPPING_RULE.baseSeeds && baseValues !== undefined && ruleApplies(baseValues) && sameImages;
  let target = staged ? STOPPING_RULE.looks[0] : params.train.repeats;
  let stopping: Trained['stopping'];
  if (staged) log(`seeds in stages: ${STOPPING_RULE.looks.join(', ')} PR seeds against the base's ${baseValues!.length}, stopping as soon as the verdict is decided`);
  let epochsDone = 0;
  let epochSecondsSum = 0;
  for (let repeat = 0; repeat < target; repeat++) {
    const totalEpochs = params.train.epochs * target;
    const seed = params.train.seed + repeat;
    const spec = plan.specFor(seed);
    const model = createModel(spec);
    let stageStart = performance.now();
    const trainOptions: TrainOptions = {
      train: split.train,
      validation: split.validation,
      classes: classes.length,
      epochs: params.train.epochs,
      batchSize: params.train.batch_size,
      learningRate: params.train.lr,
      optimizer: optimizerSettings(params.train),
      seed,
      onEpoch: (stats) => {
        epochsDone++;
        epochSecondsSum += stats.seconds;
        const eta = (epochSecondsSum / epochsDone) * (totalEpochs - epochsDone);
        const prefix = target > 1 ? `repeat ${repeat + 1}/${target} ` : '';
        log(
          `${prefix}epoch ${stats.epoch}/${params.train.epochs}: loss ${stats.loss.toFixed(4)} acc ${stats.accuracy.toFixed(4)} ` +
            `val_loss ${stats.val_loss.toFixed(4)} val_acc ${stats.val_accuracy.toFixed(4)} (${stats.seconds.toFixed(2)} s, ETA ${formatDuration(eta)})`,
        );
      },
    };
    const history = await prepared.trainer.train(model, spec, source, trainOptions);
    timings.train += seconds(stageStart);

    stageStart = performance.now();
    const scores = scoreLogits(await prepared.trainer.predict(model, source, split.validation), split.validationLabels, classes.length);
    const matrix = confusionMatrix(split.validationLabels, scores.predicted, classes.length);
    const perClass = perClassMetrics(matrix, classes);
    timings.evaluate += seconds(stageStart);
    matrices.push(matrix);
    repeats.push({
      seed,
      history,
      metrics: summaryMetrics(scores, perClass),
      perClass,
      correct: split.validationPaths.filter((_, row) => scores.predicted[row] === split.validationLabels[row]),
    });
    if (repeat === 0) first = { model, scores };
    else model.dispose();
    if (staged && repeats.length === target) {
      const judged = judgeSequentially(baseValues!, repeats.map((result) => result.metrics.val_acc), improvementSign('val_acc'))!;
      const said = `${judged.seeds} PR seed${judged.seeds === 1 ? '' : 's'} against the base's ${baseValues!.length}${judged.test === 'prediction' ? ' (its prediction interval)' : ''}: ${formatPValue(judged.pValue)} (level ${judged.level})`;
      if (judged.stop) {
        stopping = { looks: [...STOPPING_RULE.looks], seeds: judged.seeds, reason: judged.stop };
        log(`seeds: stopped after ${said}: ${STOP_WORDS[judged.stop]}`);
        break;
      }
      target = nextLook(repeats.length)!;
      log(`seeds: ${said}: not decided yet, training up to ${target}`);
    }
  }
  timings.train = Number(timings.train.toFixed(3));
  timings.evaluate = Number(timings.evaluate.toFixed(3));
  return { repeats, first: first!, matrices, stopping };
}

const STOP_WORDS: Record<StopReason, string> = {
  decided: 'the verdict is decided',
  'no change likely': 'no change is likely to be found with more seeds',
  maximum: 'the most seeds the rule trains',
};

/** Saves the first repeat's model into the output folder and measures the model card (size, inference time). */
async function saveFirstModel(run: RunState, params: Params, prepared: Prepared, split: SplitImages, plan: TrainingPlan, trained: Trained): Promise<{ modelDir: string; card: ModelCard }> {
  const stageStart = performance.now();
  await claimOutputFolder(run.options.outDir, OUTPUT_ENTRIES);
  const modelDir = join(run.options.outDir, 'model');
  const metadata: ModelMetadata = {
    format: 'train-and-report-classifier',
    formatVersion: 1,
    labels: prepared.listing.classes,
    imageSize: params.prepare.image_size,
    colourMode: params.prepare.grayscale ? 'grayscale' : 'rgb',
    preprocessing: {
      grayscale: 'ITU-R 601-2 luma, as PIL convert("L")',
      resize: 'bilinear with antialias, as PIL Image.resize(BILINEAR)',
      scale: 'divide uint8 values by 255 to get [0, 1]',
    },
    outputs: 'logits',
  };
  const { model } = trained.first;
  try {
    await saveModel(model, modelDir, metadata);
    run.timings.save = seconds(stageStart);
    const inference = await measureInference(model, prepared.source, split.validation);
    const card = modelCard(shapedLayers(plan.specFor(params.train.seed)), plan.engines, await folderBytes(modelDir), inference, optimizerSettings(params.train), {
      threads: plan.threads,
      // A GPU's adapter is part of where training ran (the CPU backends are named in the run info).
      summary: prepared.backend.adapter ? `${describeBackend(prepared.backend)}: ${plan.summary}` : plan.summary,
    });
    run.log(
      `model: ${card.parameters.toLocaleString('en-US')} weights, ${(card.sizeBytes / 1024).toFixed(0)} KiB on disk, ` +
        `${card.inference.msPerImage.toFixed(3)} ms per image (median of ${inference.batches} batches of ${inference.batchSize})`,
    );
    return { modelDir, card };
  } finally {
    model.dispose();
  }
}

/** run.json, metrics.json (the model is saved already), and the closing log line. */
async function writeOutputs(run: RunState, record: BuiltinRunRecord, modelDir: string): Promise<RunResult> {
  const outDir = run.options.outDir;
  const files = { record: join(outDir, 'run.json'), metrics: join(outDir, 'metrics.json'), model: modelDir };
  await writeRecord(files.record, record);
  await writeFile(files.metrics, metricsFileContent(record.metrics));
  const { metrics, repeats } = record;
  // The record's metrics are the means over seeds: the same numbers as metrics.json and the report.
  const accuracies = repeats.map((repeat) => repeat.metrics.val_acc);
  const seedsText = repeats.length > 1 ? `, means over ${repeats.length} seeds (val_acc from ${Math.min(...accuracies).toFixed(4)} to ${Math.max(...accuracies).toFixed(4)})` : '';
  run.log(
    `done in ${formatDuration(record.timings.total)}: val_acc ${metrics.val_acc.toFixed(4)}, val_loss ${metrics.val_loss.toFixed(4)}, ` +
      `macro F1 ${metrics.f1_score.toFixed(4)}${seedsText} → ${files.record}`,
  );
  return { record, outDir, files };
}
