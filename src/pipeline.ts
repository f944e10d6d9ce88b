// The experiment, in order: params → dataset → split → model → train →
// evaluate → run record (+ metrics.json and the saved model). Runs without
// GitHub; the CLI and the action call it.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeDataset, DatasetError, listDataset, type DatasetListing, type DecodedDataset } from './data/dataset.js';
import { splitDataset } from './data/split.js';
import { startBackend, type BackendChoice } from './model/backend.js';
import { confusionMatrix, perClassMetrics, scoreLogits, summaryMetrics } from './model/evaluate.js';
import { createModel } from './model/build.js';
import { saveModel, type ModelMetadata } from './model/storage.js';
import { labelsOf, predictLogits, trainModel, type ImageTensorSource, type TrainOptions } from './model/train.js';
import { SHARDS, TrainingWorker } from './model/engine/two-threads.js';
import { supportsFusedTraining } from './model/engine/conv-block.js';
import { checkOutputFolder, claimOutputFolder } from './output.js';
import { applyOverrides, loadParams, type ParamOverride, type Params } from './params.js';
import { metricsFileContent, RUN_RECORD_VERSION, writeRecord, type Prediction, type RepeatResult, type RunRecord } from './record.js';
import { libraryVersions, TOOL_NAME, TOOL_VERSION } from './version.js';

export interface RunOptions {
  dataDir: string;
  /** params.yaml; missing file = the notebook's defaults. */
  paramsFile?: string;
  outDir: string;
  backend?: BackendChoice;
  log?: (line: string) => void;
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
  /** A sweep's second training thread, reused by its variants; this run does not close it. */
  trainingWorker?: TrainingWorker;
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
  record: RunRecord;
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

const round6 = (value: number) => Number(value.toFixed(6));

/**
 * The second training thread for WASM (model/engine/two-threads.ts), or none when
 * it cannot start: training then runs on this thread alone, as on the other
 * backends.
 */
async function startTrainingWorker(workers: TrainingWorker[], log: (line: string) => void): Promise<TrainingWorker | undefined> {
  try {
    const worker = await TrainingWorker.start();
    workers.push(worker);
    return worker;
  } catch (error) {
    log(`training on one thread: the second training thread did not start (${(error as Error).message})`);
    return undefined;
  }
}

export async function runExperiment(options: RunOptions): Promise<RunResult> {
  const workers: TrainingWorker[] = [];
  try {
    return await runStages(options, workers);
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

async function runStages(options: RunOptions, workers: TrainingWorker[]): Promise<RunResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const timings: Record<string, number> = {};

  const paramsFile = options.paramsFile ?? 'params.yaml';
  const loaded = await loadParams(paramsFile);
  if (!loaded.fromFile) log(`${paramsFile} not found: using the default params (the notebook's values)`);
  const overrides = options.overrides ?? [];
  const params = overrides.length > 0 ? applyOverrides(loaded.params, overrides, options.overridesSource ?? 'params override') : loaded.params;
  if (overrides.length > 0) log(`params override: ${overrides.map((override) => override.text).join(', ')}`);
  // Checked now, written only at the end: a failed run leaves no folder behind.
  await checkOutputFolder(options.outDir, OUTPUT_ENTRIES);

  // The backend (and on WASM the second training thread) starts while sharp
  // decodes in its own threads, so `timings.decode` covers both. When both fail, the
  // backend's error is reported: it is the one to fix first.
  let stageStart = performance.now();
  const [backendResult, dataResult] = await Promise.allSettled([
    startBackend(options.backend ?? 'auto').then(async (started) => {
      const worker = started.info.name === 'wasm' ? (options.trainingWorker ?? (await startTrainingWorker(workers, log))) : undefined;
      return { ...started, worker };
    }),
    (async () => {
      if (options.prepared && options.prepared.prepare === prepareKey(params.prepare)) return { listing: options.prepared.listing, decoded: options.prepared.decoded };
      const listing = await listDataset(options.dataDir);
      const decoded = await decodeDataset(listing, params.prepare, { cacheDir: options.cacheDir });
      return { listing, decoded };
    })(),
  ]);
  if (backendResult.status === 'rejected') throw backendResult.reason;
  if (dataResult.status === 'rejected') throw dataResult.reason;
  const { info: backend, skipped: backendsSkipped, notices: backendNotices, worker } = backendResult.value;
  const { listing, decoded } = dataResult.value;
  timings.decode = seconds(stageStart);
  for (const reason of backendsSkipped) log(`backend skipped: ${reason}`);
  for (const line of backendNotices) (options.notice ?? log)(line);
  log(
    `backend: ${backend.name}${backend.simd !== undefined ? ` (SIMD ${backend.simd ? 'on' : 'off'}, ${backend.threads} thread${backend.threads === 1 ? '' : 's'})` : ''}` +
      (worker ? `, training on ${SHARDS} threads` : ''),
  );
  if (decoded.cache.hits > 0) log(`pixel cache: ${decoded.cache.hits} of ${decoded.images.length} images taken from ${decoded.cache.file}`);
  if (decoded.cache.cacheError) log(`pixel cache not written (${decoded.cache.cacheError}); the next run decodes again`);
  const classes = listing.classes;
  const imagesPerClass: Record<string, number> = Object.fromEntries(classes.map((name) => [name, 0]));
  for (const image of decoded.images) imagesPerClass[classes[image.label]]++;
  log(`data: ${decoded.images.length} images in ${classes.length} classes from ${options.dataDir} (decoded in ${timings.decode.toFixed(2)} s)`);
  if (listing.ignored.length > 0) {
    log(`ignored ${listing.ignored.length} file(s) outside class folders, not images, or links out of the data folder, e.g. ${listing.ignored[0]}`);
  }
  for (const skipped of decoded.skipped) log(`skipped ${skipped.path}: ${skipped.reason}`);

  stageStart = performance.now();
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
  timings.split = seconds(stageStart);
  log(`split: ${split.train.length} train / ${split.validation.length} validation (seed ${params.prepare.seed}, ${params.prepare.split})`);

  const source: ImageTensorSource = {
    pixels: decoded.pixels,
    labels: Int32Array.from(decoded.images, (image) => image.label),
    imageShape: [decoded.imageSize[0], decoded.imageSize[1], decoded.channels],
  };
  const validationLabels = labelsOf(source, split.validation);
  const validationPaths = split.validation.map((index) => decoded.images[index].path);

  const repeats: RepeatResult[] = [];
  let savedModel: ReturnType<typeof createModel> | undefined;
  let firstScores: ReturnType<typeof scoreLogits> | undefined;
  let firstPerClass: ReturnType<typeof perClassMetrics> | undefined;
  let firstMatrix: number[][] | undefined;
  timings.train = 0;
  timings.evaluate = 0;
  const totalEpochs = params.train.epochs * params.train.repeats;
  let epochsDone = 0;
  let epochSecondsSum = 0;
  for (let repeat = 0; repeat < params.train.repeats; repeat++) {
    const seed = params.train.seed + repeat;
    const spec = {
      inputShape: source.imageShape,
      classes: classes.length,
      convSize: params.train.conv_size,
      denseSize: params.train.dense_size,
      seed,
    };
    const model = createModel(spec);
    stageStart = performance.now();
    const trainOptions: TrainOptions = {
      train: split.train,
      validation: split.validation,
      classes: classes.length,
      epochs: params.train.epochs,
      batchSize: params.train.batch_size,
      learningRate: params.train.lr,
      seed,
      onEpoch: (stats) => {
        epochsDone++;
        epochSecondsSum += stats.seconds;
        const eta = (epochSecondsSum / epochsDone) * (totalEpochs - epochsDone);
        const prefix = params.train.repeats > 1 ? `repeat ${repeat + 1}/${params.train.repeats} ` : '';
        log(
          `${prefix}epoch ${stats.epoch}/${params.train.epochs}: loss ${stats.loss.toFixed(4)} acc ${stats.accuracy.toFixed(4)} ` +
            `val_loss ${stats.val_loss.toFixed(4)} val_acc ${stats.val_accuracy.toFixed(4)} (${stats.seconds.toFixed(2)} s, ETA ${formatDuration(eta)})`,
        );
      },
    };
    // On WASM two threads train together (model/engine/two-threads.ts); elsewhere tfjs's own threads do the work.
    const history =
      worker && supportsFusedTraining(model) ? await worker.train(model, spec, source, trainOptions) : trainModel(model, source, trainOptions);
    timings.train += seconds(stageStart);

    stageStart = performance.now();
    const scores = scoreLogits(predictLogits(model, source, split.validation), validationLabels, classes.length);
    const matrix = confusionMatrix(validationLabels, scores.predicted, classes.length);
    const perClass = perClassMetrics(matrix, classes);
    const metrics = summaryMetrics(scores, perClass);
    timings.evaluate += seconds(stageStart);
    repeats.push({
      seed,
      history,
      metrics,
      perClass,
      correct: validationPaths.filter((_, row) => scores.predicted[row] === validationLabels[row]),
    });
    if (repeat === 0) {
      [savedModel, firstScores, firstPerClass, firstMatrix] = [model, scores, perClass, matrix];
    } else {
      model.dispose();
    }
  }
  timings.train = Number(timings.train.toFixed(3));
  timings.evaluate = Number(timings.evaluate.toFixed(3));

  const predictions: Prediction[] = validationPaths.map((path, row) => ({
    path,
    trueLabel: classes[validationLabels[row]],
    predictedLabel: classes[firstScores!.predicted[row]],
    probabilities: Array.from(firstScores!.probabilities.subarray(row * classes.length, (row + 1) * classes.length), round6),
  }));

  stageStart = performance.now();
  await claimOutputFolder(options.outDir, OUTPUT_ENTRIES);
  const modelDir = join(options.outDir, 'model');
  const metadata: ModelMetadata = {
    format: 'train-and-report-classifier',
    formatVersion: 1,
    labels: classes,
    imageSize: params.prepare.image_size,
    colourMode: params.prepare.grayscale ? 'grayscale' : 'rgb',
    preprocessing: {
      grayscale: 'ITU-R 601-2 luma, as PIL convert("L")',
      resize: 'bilinear with antialias, as PIL Image.resize(BILINEAR)',
      scale: 'divide uint8 values by 255 to get [0, 1]',
    },
    outputs: 'logits',
  };
  await saveModel(savedModel!, modelDir, metadata);
  savedModel!.dispose();
  timings.save = seconds(stageStart);
  timings.total = seconds(started);

  const record: RunRecord = {
    recordVersion: RUN_RECORD_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    ...(options.source ? { source: options.source } : {}),
    params: params as unknown as RunRecord['params'],
    ...(overrides.length > 0 ? { paramsOverride: overrides.map((override) => override.text) } : {}),
    dataset: {
      root: options.dataDir,
      classes,
      imagesPerClass,
      totalImages: decoded.images.length,
      contentHash: decoded.contentHash,
      files: decoded.fileHashes,
      skipped: decoded.skipped,
    },
    split: {
      seed: params.prepare.seed,
      fraction: params.prepare.split,
      trainCount: split.train.length,
      validationCount: split.validation.length,
      validation: [...validationPaths].sort(),
    },
    backend: backend.name === 'wasm' ? { ...backend, trainingThreads: worker ? SHARDS : 1 } : backend,
    versions: libraryVersions(),
    metrics: repeats[0].metrics,
    history: repeats[0].history,
    perClass: firstPerClass!,
    confusionMatrix: firstMatrix!,
    predictions,
    repeats,
    timings,
  };
  const files = { record: join(options.outDir, 'run.json'), metrics: join(options.outDir, 'metrics.json'), model: modelDir };
  await writeRecord(files.record, record);
  await writeFile(files.metrics, metricsFileContent(record.metrics));
  const metrics = record.metrics;
  const accuracies = repeats.map((repeat) => repeat.metrics.val_acc);
  const meanAccuracy = accuracies.reduce((sum, value) => sum + value, 0) / accuracies.length;
  const seedsText = repeats.length > 1
    ? ` (seed ${repeats[0].seed}; mean over ${repeats.length} seeds ${meanAccuracy.toFixed(4)}, from ${Math.min(...accuracies).toFixed(4)} to ${Math.max(...accuracies).toFixed(4)})`
    : '';
  log(
    `done in ${formatDuration(timings.total)}: val_acc ${metrics.val_acc.toFixed(4)}${seedsText}, val_loss ${metrics.val_loss.toFixed(4)}, ` +
      `macro F1 ${metrics.f1_score.toFixed(4)} → ${files.record}`,
  );
  return { record, outDir: options.outDir, files };
}
