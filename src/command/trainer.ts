// The second trainer: a training command of the user's own (a PyTorch
// script, a DVC pipeline) run once per seed of the same seed list the
// built-in trainer uses, its files read as untrusted input, and one run
// record of the same shape (with `trainer: command`), so that compare, the
// report, the comment, the fork hand-off and the sweeps read it unchanged.

import { readdir, readFile, rm, mkdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { hashDataset, listDataset, type DatasetListing } from '../data/dataset.js';
import { directionOf } from '../metrics.js';
import { confusionMatrix, perClassMetrics } from '../model/evaluate.js';
import { checkOutputFolder, claimOutputFolder } from '../output.js';
import { ParamsError } from '../params.js';
import { metricsFileContent, RUN_RECORD_VERSION, writeRecord, type ClassMetrics, type CommandSeed, type DatasetSummary, type HistoryEpoch, type Metrics, type RepeatResult, type RunRecord } from '../record.js';
import { pooledResults } from '../record-builder.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { CommandOutputError, OUTPUT_LIMITS, parseDvcliveHistory, parseHistoryCsv, parseMetricsJson, parsePredictionsCsv, type CommandPrediction } from './outputs.js';
import { loadCommandParams, type CommandParams } from './params.js';
import { runSeedCommand } from './spawn.js';

export interface CommandRunOptions {
  /** The command line, run through the shell once per seed. */
  command: string;
  /** Given to the command as TRAIN_AND_REPORT_DATA; its images are listed and hashed, predictions.csv is checked against them. */
  dataDir?: string;
  /** params.yaml; given to the command as TRAIN_AND_REPORT_PARAMS when it exists. */
  paramsFile?: string;
  outDir: string;
  /** Where the command runs (default: this process's working directory). */
  cwd?: string;
  log?: (line: string) => void;
  source?: RunRecord['source'];
}

export interface CommandRunResult {
  record: RunRecord;
  outDir: string;
  files: { record: string; metrics: string; seeds: string };
}

/** What a command run writes into --out: the record, the metrics (means over the seeds), and each seed's own folder. */
export const COMMAND_OUTPUT_ENTRIES = ['run.json', 'metrics.json', 'seeds'] as const;

export class CommandFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailedError';
  }
}

const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(3));

export async function runCommandExperiment(options: CommandRunOptions): Promise<CommandRunResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const paramsFile = options.paramsFile ?? 'params.yaml';
  const { params, recorded, fromFile } = await loadCommandParams(paramsFile);
  if (!fromFile) log(`${paramsFile} not found: seeds ${params.seed}…${params.seed + params.repeats - 1} (the defaults), and the command gets no TRAIN_AND_REPORT_PARAMS`);
  await checkOutputFolder(options.outDir, COMMAND_OUTPUT_ENTRIES);
  const timings: Record<string, number> = {};
  let stageStart = performance.now();
  const data = options.dataDir === undefined ? undefined : await describeData(options.dataDir);
  timings.hash = seconds(stageStart);
  if (data) log(`data: ${data.summary.totalImages} images in ${data.summary.classes.length} classes from ${options.dataDir} (hashed in ${timings.hash.toFixed(2)} s)`);
  await claimOutputFolder(options.outDir, COMMAND_OUTPUT_ENTRIES);
  const seedsDir = join(options.outDir, 'seeds');
  // Ours (claimed above): emptied, so that every seed starts from an empty folder.
  await rm(seedsDir, { recursive: true, force: true });

  const repeats: RepeatResult[] = [];
  const seedRuns: CommandSeed[] = [];
  let firstPredictions: { rows: CommandPrediction[]; matrix: number[][]; perClass: ClassMetrics[] } | undefined;
  // Every seed's confusion counts and the images it predicted, to pool them as the built-in trainer does.
  const matrices: number[][][] = [];
  const predictedImages: string[] = [];
  let hasHistory = false;
  timings.command = 0;
  for (let repeat = 0; repeat < params.repeats; repeat++) {
    const seed = params.seed + repeat;
    const out = resolve(seedsDir, String(seed));
    await mkdir(out, { recursive: true });
    log(`seed ${seed} (${repeat + 1}/${params.repeats}): ${options.command}`);
    const outcome = await runSeedCommand({
      command: options.command,
      cwd: options.cwd ?? process.cwd(),
      env: {
        TRAIN_AND_REPORT_SEED: String(seed),
        TRAIN_AND_REPORT_OUT: out,
        ...(options.dataDir !== undefined ? { TRAIN_AND_REPORT_DATA: resolve(options.dataDir) } : {}),
        ...(fromFile ? { TRAIN_AND_REPORT_PARAMS: resolve(paramsFile) } : {}),
      },
      timeoutSeconds: params.timeout,
      onLine: (line) => log(`  ${line}`),
    });
    timings.command += outcome.seconds;
    const lastLines = outcome.stderrTail.length > 0 ? `: ${outcome.stderrTail.join(' / ')}` : ' (nothing on stderr)';
    if (outcome.timedOut) {
      throw new CommandFailedError(`seed ${seed}: stopped after ${params.timeout} s (train.timeout in ${paramsFile}); raise train.timeout or make the command faster${lastLines}`);
    }
    if (outcome.exitCode !== 0) {
      throw new CommandFailedError(`seed ${seed}: exited ${outcome.signal ? `on ${outcome.signal}` : outcome.exitCode}${lastLines}`);
    }
    seedRuns.push({ seed, exitCode: outcome.exitCode, seconds: outcome.seconds });
    const read = await readSeedOutputs(out, options.outDir, data);
    checkHeadline(read.metrics, params, join(out, 'metrics.json'), paramsFile);
    hasHistory ||= read.history.length > 0;
    for (const line of read.notes) log(line);
    const result: RepeatResult = { seed, history: read.history, metrics: read.metrics, correct: [] };
    if (read.predictions && data) {
      const classes = data.summary.classes;
      const index = new Map(classes.map((name, label) => [name, label]));
      const matrix = confusionMatrix(read.predictions.map((row) => index.get(row.trueLabel)!), read.predictions.map((row) => index.get(row.predictedLabel)!), classes.length);
      result.perClass = perClassMetrics(matrix, classes);
      result.correct = read.predictions.filter((row) => row.trueLabel === row.predictedLabel).map((row) => row.path);
      if (repeat === 0) firstPredictions = { rows: read.predictions, matrix, perClass: result.perClass };
      matrices.push(matrix);
      predictedImages.push(read.predictions.map((row) => row.path).sort().join('\n'));
    }
    if (repeat > 0 && (read.predictions !== undefined) !== (firstPredictions !== undefined)) {
      const [wrote, lacks] = firstPredictions ? [params.seed, seed] : [seed, params.seed];
      throw new CommandOutputError(`seeds/${lacks}/predictions.csv: missing, but seed ${wrote} wrote one; write predictions.csv for every seed or for none`);
    }
    repeats.push(result);
    log(`seed ${seed}: done in ${outcome.seconds.toFixed(1)} s: ${Object.entries(read.metrics).slice(0, 4).map(([key, value]) => `${key} ${Number(value.toFixed(4))}`).join(', ')}`);
  }
  timings.command = Number(timings.command.toFixed(3));
  timings.total = seconds(started);
  // One number everywhere, as for the built-in trainer: each metric's mean over the seeds; per-class
  // metrics and the confusion matrix pooled over the seeds when every seed predicted the same images.
  const pooled = data && firstPredictions && predictedImages.every((images) => images === predictedImages[0]) ? pooledResults(matrices, data.summary.classes) : undefined;
  const record: RunRecord = {
    recordVersion: RUN_RECORD_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    ...(options.source ? { source: options.source } : {}),
    trainer: { kind: 'command', command: options.command, seeds: seedRuns, outputs: { history: hasHistory, predictions: firstPredictions !== undefined } },
    params: recorded,
    dataset: data?.summary ?? emptyDataset(),
    versions: { node: process.versions.node },
    metrics: meanOverSeeds(repeats),
    history: repeats[0].history,
    perClass: pooled?.perClass ?? firstPredictions?.perClass ?? [],
    confusionMatrix: pooled?.matrix ?? firstPredictions?.matrix ?? [],
    predictions: firstPredictions?.rows ?? [],
    predictionsSeed: repeats[0].seed,
    repeats,
    timings,
  };
  const files = { record: join(options.outDir, 'run.json'), metrics: join(options.outDir, 'metrics.json'), seeds: seedsDir };
  await writeRecord(files.record, record);
  await writeFile(files.metrics, metricsFileContent(record.metrics));
  log(`done in ${timings.total.toFixed(1)} s (the command ${timings.command.toFixed(1)} s over ${repeats.length} seed${repeats.length === 1 ? '' : 's'}) → ${files.record}`);
  return { record, outDir: options.outDir, files };
}

interface Data {
  listing: DatasetListing;
  summary: DatasetSummary;
  images: Set<string>;
}

async function describeData(dataDir: string): Promise<Data> {
  const listing = await listDataset(dataDir);
  const { fileHashes, contentHash } = await hashDataset(listing);
  const imagesPerClass: Record<string, number> = Object.fromEntries(listing.classes.map((name) => [name, 0]));
  for (const image of listing.images) imagesPerClass[listing.classes[image.label]]++;
  return {
    listing,
    images: new Set(listing.images.map((image) => image.path)),
    summary: { root: dataDir, classes: listing.classes, imagesPerClass, totalImages: listing.images.length, contentHash, files: fileHashes, skipped: [] },
  };
}

/** A run without a data folder: no classes, no images (the report says the command was given none). */
function emptyDataset(): DatasetSummary {
  return { root: '', classes: [], imagesPerClass: {}, totalImages: 0, contentHash: '0'.repeat(64), files: {}, skipped: [] };
}

/**
 * Each metric's mean over the seeds, for the keys of the first seed's metrics.json in its order;
 * a key some seeds lack is the mean of those that have it.
 */
export function meanOverSeeds(repeats: readonly Pick<RepeatResult, 'metrics'>[]): Metrics {
  const means: Metrics = {};
  for (const key of Object.keys(repeats[0].metrics)) {
    const values = repeats.map((repeat) => repeat.metrics[key]).filter((value): value is number => typeof value === 'number');
    means[key] = values.reduce((sum, value) => sum + value, 0) / values.length;
  }
  return means;
}

/** The verdict's metric must be in every seed's metrics.json, and must have a direction. */
function checkHeadline(metrics: Metrics, params: CommandParams, file: string, paramsFile: string): void {
  const headline = params.headline;
  if (headline === undefined) return;
  if (!Object.hasOwn(metrics, headline)) {
    throw new CommandOutputError(`${file}: no key "${headline}", the headline metric (report.headline in ${paramsFile}); it has ${Object.keys(metrics).join(', ')}`);
  }
  if (directionOf(headline, params.directions) === undefined) {
    throw new ParamsError(`${paramsFile}: "report.headline" ${headline} has no direction; add report.metrics: {${headline}: higher} (or lower)`);
  }
}

/** Reads a file the command wrote, or undefined when it is not there; a folder, a link out or an oversized file is refused. */
async function readOutput(folder: string, name: string, outDir: string): Promise<string | undefined> {
  const file = join(folder, name);
  let info;
  try {
    info = await stat(file);
  } catch {
    return undefined;
  }
  const shown = relative(outDir, file) || file;
  if (!info.isFile()) throw new CommandOutputError(`${shown}: not a file; the command must write ${name} as a regular file`);
  if (info.size > OUTPUT_LIMITS.bytes) throw new CommandOutputError(`${shown}: ${info.size} bytes, more than the ${OUTPUT_LIMITS.bytes} this tool reads`);
  return readFile(file, 'utf8');
}

async function readSeedOutputs(folder: string, outDir: string, data: Data | undefined): Promise<{ metrics: Metrics; history: HistoryEpoch[]; predictions?: CommandPrediction[]; notes: string[] }> {
  const shown = (name: string) => `${relative(outDir, join(folder, name)).split(sep).join('/')}`;
  const metricsText = await readOutput(folder, 'metrics.json', outDir);
  if (metricsText === undefined) {
    throw new CommandOutputError(`${shown('metrics.json')}: missing; the command must write metrics.json (a flat object of numbers, e.g. {"val_acc": 0.91}) into $TRAIN_AND_REPORT_OUT`);
  }
  const metrics = parseMetricsJson(metricsText, shown('metrics.json'));
  const notes: string[] = [];
  let history: HistoryEpoch[] = [];
  const historyText = await readOutput(folder, 'history.csv', outDir);
  if (historyText !== undefined) {
    const parsed = parseHistoryCsv(historyText, shown('history.csv'));
    history = parsed.history;
    if (parsed.ignored.length > 0) notes.push(`${shown('history.csv')}: columns ${parsed.ignored.join(', ')} are not charted`);
  } else {
    const tsv = await dvcliveFiles(join(folder, 'plots', 'metrics'));
    if (tsv.size > 0) {
      const parsed = parseDvcliveHistory(tsv, shown('plots/metrics'));
      history = parsed.history;
      if (parsed.ignored.length > 0) notes.push(`${shown('plots/metrics')}: ${parsed.ignored.join(', ')} are not charted`);
    }
  }
  const predictionsText = await readOutput(folder, 'predictions.csv', outDir);
  if (predictionsText === undefined) return { metrics, history, notes };
  if (!data) throw new CommandOutputError(`${shown('predictions.csv')}: its paths are relative to the data folder, and none was given; pass --data (the action's data input) or leave the file out`);
  const predictions = parsePredictionsCsv(predictionsText, shown('predictions.csv'), data.summary.classes, data.images);
  return { metrics, history, predictions, notes };
}

/** DVCLive's per-metric .tsv files below plots/metrics, by their path without .tsv. */
async function dvcliveFiles(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && depth < 3) await walk(path, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.tsv') && files.size < OUTPUT_LIMITS.metrics) {
        files.set(relative(root, path).split(sep).join('/').replace(/\.tsv$/, ''), await readFile(path, 'utf8'));
      }
    }
  };
  await walk(root, 0);
  return files;
}
