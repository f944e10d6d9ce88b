// Benchmark: the whole `run` (decode → split → train → evaluate → report) on
// the real dataset with the default and the tuned params, as separate
// processes, side by side with the PyTorch reference notebook when Debian's
// torch is present, alternating rounds so that both see the same machine
// load. Prints medians per stage and the ratio ours / reference.
//
//   npm run bench [-- --rounds 3] [--only default,tuned,tuned-1,scale,images] [--no-reference] [--no-warm] [--scale]
//   npm run bench -- --sweep [--parallel 1,2] [--rounds N]
//   npm run bench -- --verdict [--rounds N]
//   npm run bench -- --start [--before] [--this-platform] [--data DIR]
//   npm run bench -- --noise [--k 6] [--pool-seeds 60] [--other-seeds 30] [--change epochs6|epochs7|dense16] [--pools DIR]
//   npm run bench -- --command [--rounds N]
//   npm run bench -- --command-noise [--pool-seeds 60] [--k 6]
//   npm run bench -- --artifact
//   npm run bench -- --layers '[{"conv2d": {"filters": 32, "kernel": 3}}, …]' [--lr 0.001] [--epochs 10] [--repeats 1] [--rounds N]
//   npm run bench -- --trend [--trend-runs 20] [--record RUN_DIR/run.json] [--latency-ms 0,150] [--rounds N]
//
// --layers hands one layer list (params.yaml's `model:`, the reference's
// --layers) to both tools, and benches only that model (add --only default,…
// for the others too).
// The default and tuned sets run with the default train.repeats; tuned-1 is the
// tuned params with repeats: 1, so that the cost of the repeats shows apart.
// --scale adds a run on the built-in generator at 1x and 10x the dataset's size.
// Every bench ends with the bytes of the report's images (one run alone, and
// tuned vs default), which the records store keeps for every run.
// --sweep runs only the sweep figures: `sweep` over 8 variants against the same
// 8 variants as single `run`s one after another (wall time, peak RSS, ratios).
// --verdict times what a pull request costs against a recorded base (the
// notebook's params, 6 seeds, trained once): a PR that changes nothing that
// reaches training (its runs reused) beside the reference's single notebook
// run, and notebook → tuned params (seeds in stages) beside the reference's
// single tuned run; the tuned PR runs twice to show the same verdict.
// --start measures the action's start (its folder as a release, to its first training line) and
// size (scripts/start-bench.ts); --before adds the run-time install it replaced.
// --noise measures the verdict's false-alarm and detection rates instead
// (scripts/noise-bench.ts).
// --command measures what command mode costs over the command's own time,
// --command-noise the verdict's false alarms on seed-only changes through a
// command (scripts/command-bench.ts).
// --gpu times GPU_WORKLOAD (128×128 RGB, three conv blocks of 32/64/128 filters,
// global average pool, dense 128, 3 epochs) on backend webgpu and on wasm, side
// by side with the reference, and prints the WebGPU adapter that ran; --gpu-small
// does the same for the notebook's model. With --gpu-epochs N, N epochs;
// --gpu-backends wasm (or webgpu) runs one side only (lavapipe is too slow for the big one).
// --artifact measures what the largest artifact a fork can get accepted costs
// the privileged publish job: wall seconds and peak RSS (scripts/artifact-bench.ts).
// --trend measures what the action's trend costs: API calls and seconds to read
// the recorded runs (scripts/trend-bench.ts); it trains nothing.
// Our CLI is launched as its bin and the action launch it: with src/node-flags.ts's flags.
// A script that prints figures, not a test: it asserts nothing.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeBackend } from '../src/model/backend-choice.js';
import { NODE_FLAGS } from '../src/node-flags.js';
import { DEFAULT_PARAMS } from '../src/params.js';
import { benchCommand, benchCommandNoise } from './command-bench.js';
import { benchArtifact } from './artifact-bench.js';
import { benchNoise } from './noise-bench.js';
import { benchStart } from './start-bench.js';
import { benchTrend } from './trend-bench.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    'no-reference': { type: 'boolean', default: false },
    // Skips the two extra runs on a warm pixel cache (the slowest part with the default repeats).
    'no-warm': { type: 'boolean', default: false },
    scale: { type: 'boolean', default: false },
    sweep: { type: 'boolean', default: false },
    parallel: { type: 'string', default: '1,2' },
    data: { type: 'string', default: '../shared/datasets/planets-and-moons' },
    noise: { type: 'boolean', default: false },
    verdict: { type: 'boolean', default: false },
    start: { type: 'boolean', default: false },
    before: { type: 'boolean', default: false },
    'this-platform': { type: 'boolean', default: false },
    command: { type: 'boolean', default: false },
    'command-noise': { type: 'boolean', default: false },
    artifact: { type: 'boolean', default: false },
    k: { type: 'string', default: String(DEFAULT_PARAMS.train.repeats) },
    'pool-seeds': { type: 'string', default: '60' },
    'other-seeds': { type: 'string', default: '30' },
    change: { type: 'string', default: 'epochs6' },
    pools: { type: 'string' },
    layers: { type: 'string' },
    lr: { type: 'string', default: '0.001' },
    epochs: { type: 'string', default: '10' },
    repeats: { type: 'string', default: '1' },
    trend: { type: 'boolean', default: false },
    'trend-runs': { type: 'string', default: '20' },
    record: { type: 'string' },
    'latency-ms': { type: 'string', default: '0,150' },
    gpu: { type: 'boolean', default: false },
    'gpu-small': { type: 'boolean', default: false },
    'gpu-epochs': { type: 'string' },
    'gpu-backends': { type: 'string', default: 'webgpu,wasm' },
  },
});
const rounds = Number(values.rounds);
const DATA = resolve(values.data!);
const REFERENCE = resolve('../shared/reference/notebook_reference.py');
const PYTHON = '/usr/bin/python3';

type TrainSet = Record<string, number>;

const PARAM_SETS: Record<string, TrainSet> = {
  default: { conv_size: 32, dense_size: 64, lr: 0.0001, epochs: 5 },
  tuned: { conv_size: 64, dense_size: 128, lr: 0.001, epochs: 10 },
  'tuned-1': { conv_size: 64, dense_size: 128, lr: 0.001, epochs: 10, repeats: 1 },
};

/** The --layers list, checked as JSON here (each tool checks its layers itself); both tools get it as given. */
const LAYERS: unknown[] | undefined = (() => {
  if (!values.layers) return undefined;
  const text = values.layers.startsWith('@') ? readFileSync(values.layers.slice(1), 'utf8') : values.layers;
  try {
    return JSON.parse(text) as unknown[];
  } catch (error) {
    throw new Error(`--layers: not JSON (${(error as Error).message}); write e.g. '[{"conv2d": {"filters": 32, "kernel": 3}}, {"max_pool": {"size": 2}}, {"flatten": {}}, {"dense": {"units": 64}}]'`);
  }
})();
if (LAYERS) PARAM_SETS.layers = { lr: Number(values.lr), epochs: Number(values.epochs), repeats: Number(values.repeats) };

interface OurRun {
  wall: number;
  peakRssMiB: number;
  timings: Record<string, number>;
  epochSeconds: number[];
  trainImages: number;
  images: number;
  backend: string;
  valAcc: number;
  repeats: number;
}

interface ReferenceRun {
  wall: number;
  peakRssMiB: number;
  decode: number;
  epochSeconds: number[];
  epochComputeSeconds: number[];
  trainImages: number;
  valAcc: number;
}

/** Runs a command under /usr/bin/time; returns wall seconds, peak RSS, CPU seconds (user + system) and stdout. */
function timed(command: string, args: string[]): { wall: number; peakRssMiB: number; cpu: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME_PEAK_RSS_KIB=%M TIME_CPU=%U+%S', command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const match = /TIME_PEAK_RSS_KIB=(\d+)/.exec(result.stderr);
  const cpu = /TIME_CPU=([\d.]+)\+([\d.]+)/.exec(result.stderr);
  return { wall, peakRssMiB: match ? Number(match[1]) / 1024 : NaN, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, stdout: result.stdout };
}

interface RunSetup {
  /** params.yaml's prepare section, e.g. "  image_size: [128, 128]\n  grayscale: false" */
  prepare?: string;
  backend?: string;
}

async function runOurs(dataDir: string, params: TrainSet, work: string, cacheDir?: string, layers?: unknown[], setup: RunSetup = {}): Promise<OurRun> {
  const paramsFile = join(work, 'params.yaml');
  // A JSON list is YAML too: the model goes in as the reference gets it.
  const model = layers ? `model: ${JSON.stringify(layers)}\n` : '';
  const prepare = setup.prepare ? `prepare:\n${setup.prepare}\n` : '';
  await writeFile(paramsFile, `${prepare}train:\n${Object.entries(params).map(([key, value]) => `  ${key}: ${value}`).join('\n')}\n${model}`);
  const outDir = join(work, 'out');
  await rm(outDir, { recursive: true, force: true });
  const cache = cacheDir ? ['--cache', cacheDir] : ['--no-cache'];
  const backend = setup.backend ? ['--backend', setup.backend] : [];
  const { wall, peakRssMiB } = timed(process.execPath, [...NODE_FLAGS, 'dist/cli.js', 'run', '--data', dataDir, '--params', paramsFile, '--out', outDir, '--quiet', ...cache, ...backend]);
  const record = JSON.parse(await readFile(join(outDir, 'run.json'), 'utf8'));
  return {
    wall,
    peakRssMiB,
    timings: record.timings,
    epochSeconds: record.history.map((epoch: { seconds: number }) => epoch.seconds),
    trainImages: record.split.trainCount,
    images: record.dataset.totalImages,
    backend: record.backend.adapter
      ? describeBackend(record.backend)
      : `${record.backend.name}${record.backend.simd ? ' SIMD' : ''}${record.backend.threads ? `, ${record.backend.threads} thread(s)` : ''}` +
      (record.backend.trainingThreads ? `, trained on ${record.backend.trainingThreads} thread(s)` : ''),
    valAcc: record.metrics.val_acc,
    repeats: record.repeats.length,
  };
}

function runReference(params: TrainSet, layers?: unknown[], extra: string[] = []): ReferenceRun {
  const args = [
    REFERENCE,
    '--data', DATA,
    ...extra,
    ...(layers ? ['--layers', JSON.stringify(layers)] : ['--conv-size', String(params.conv_size), '--dense-size', String(params.dense_size)]),
    '--lr', String(params.lr),
    '--epochs', String(params.epochs),
    // One thread is the faster setting on a 2-core machine (reference README).
    '--threads', '1',
    '--quiet',
  ];
  const { wall, peakRssMiB, stdout } = timed(PYTHON, args);
  const report = JSON.parse(stdout);
  const epochs = report.epochs as { epoch_seconds: number; train_compute_seconds: number; val_seconds: number }[];
  return {
    wall,
    peakRssMiB,
    decode: report.timing.load.decode_preprocess_seconds,
    epochSeconds: epochs.map((epoch) => epoch.epoch_seconds),
    epochComputeSeconds: epochs.map((epoch) => epoch.train_compute_seconds + epoch.val_seconds),
    trainImages: report.dataset.train_size,
    valAcc: report.final.val_accuracy,
  };
}

/** One `run --base` of ours: whole-process wall and peak RSS, the verdict, the PR seeds, whether it trained, and each seed's results (not its epoch times). */
async function runAgainstBase(params: TrainSet, baseDir: string, work: string, name: string) {
  const paramsFile = join(work, `${name}.yaml`);
  await writeFile(paramsFile, `train:\n${Object.entries(params).map(([key, value]) => `  ${key}: ${value}`).join('\n')}\n`);
  const outDir = join(work, name);
  await rm(outDir, { recursive: true, force: true });
  const { wall, peakRssMiB, stdout } = timed(process.execPath, [...NODE_FLAGS, 'dist/cli.js', 'run', '--data', DATA, '--params', paramsFile, '--out', outDir, '--base', baseDir, '--no-cache']);
  const record = JSON.parse(await readFile(join(outDir, 'run.json'), 'utf8'));
  const verdict = /\((better|worse|no clear change|no baseline); \d+ images\)/.exec(stdout)?.[1] ?? '?';
  return { wall, peakRssMiB, verdict, seeds: record.repeats.length as number, reused: record.reused !== undefined, stopping: record.stopping, repeats: JSON.stringify(record.repeats.map((repeat: { seed: number; metrics: object; correct: string[] }) => [repeat.seed, repeat.metrics, repeat.correct])), report: await readFile(join(outDir, 'report.md'), 'utf8') };
}

async function benchVerdict(withReference: boolean, work: string): Promise<void> {
  const baseDir = join(work, 'base');
  const baseParams = join(work, 'base.yaml');
  await writeFile(baseParams, `train:\n${Object.entries(PARAM_SETS.default).map(([key, value]) => `  ${key}: ${value}`).join('\n')}\n`);
  process.stderr.write('  verdict: training the base (notebook params, 6 seeds, untimed)…\n');
  timed(process.execPath, [...NODE_FLAGS, 'dist/cli.js', 'run', '--data', DATA, '--params', baseParams, '--out', baseDir, '--no-cache', '--quiet']);
  const rows: string[][] = [['PR against the base', 'ours wall s', 'ours peak MiB', 'verdict', 'PR seeds', 'reference wall s', 'reference peak MiB', 'ours / reference']];
  const tunedRuns: Awaited<ReturnType<typeof runAgainstBase>>[] = [];
  for (const [label, params, referenceParams] of [
    ['nothing that reaches training changed (notebook params again)', PARAM_SETS.default, PARAM_SETS.default],
    ['notebook → tuned params', PARAM_SETS.tuned, PARAM_SETS.tuned],
  ] as const) {
    const ours: Awaited<ReturnType<typeof runAgainstBase>>[] = [];
    const reference: ReferenceRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? ['ours', 'reference'] : ['reference', 'ours'];
      for (const who of order) {
        if (who === 'ours') ours.push(await runAgainstBase(params, baseDir, work, `pr-${round}`));
        else if (withReference) reference.push(runReference(referenceParams));
      }
      process.stderr.write(`  verdict, ${label}: round ${round}/${rounds} done\n`);
    }
    if (params === PARAM_SETS.tuned) tunedRuns.push(...ours);
    const oursWall = median(ours.map((run) => run.wall));
    const referenceWall = reference.length ? median(reference.map((run) => run.wall)) : NaN;
    const last = ours[ours.length - 1];
    rows.push([
      label, fixed(oursWall), fixed(median(ours.map((run) => run.peakRssMiB)), 0), `${last.verdict}${last.reused ? ' (runs reused)' : ''}`,
      `${last.seeds}${last.stopping ? ` (${last.stopping.reason})` : ''}`, fixed(referenceWall), reference.length ? fixed(median(reference.map((run) => run.peakRssMiB)), 0) : '-', fixed(oursWall / referenceWall) + 'x',
    ]);
  }
  console.log(`\n## a pull request against a recorded base (medians of ${rounds} round(s); reference: one model, its single run)`);
  console.log(table(rows));
  if (tunedRuns.length < 2) tunedRuns.push(await runAgainstBase(PARAM_SETS.tuned, baseDir, work, 'pr-again'));
  const same = tunedRuns.every((run) => run.repeats === tunedRuns[0].repeats && run.verdict === tunedRuns[0].verdict);
  console.log(`notebook → tuned, ${tunedRuns.length} runs: ${same ? 'the same per-seed results and verdict, bit for bit' : 'DIFFERENT results'} (${tunedRuns.map((run) => run.verdict).join(', ')})`);
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const mean = (numbers: number[]) => numbers.reduce((sum, value) => sum + value, 0) / numbers.length;
const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`).join('\n');
}

function hasTorch(): boolean {
  if (values['no-reference'] || !existsSync(PYTHON) || !existsSync(REFERENCE)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch, torchvision, sklearn'], { stdio: 'ignore' }).status === 0;
}

async function benchParams(name: string, withReference: boolean, work: string): Promise<void> {
  const params = PARAM_SETS[name];
  const layers = name === 'layers' ? LAYERS : undefined;
  if (layers) console.log(`\nmodel (both tools): ${JSON.stringify(layers)}`);
  const ours: OurRun[] = [];
  const reference: ReferenceRun[] = [];
  for (let round = 1; round <= rounds; round++) {
    // Alternate which goes first, so that neither always meets a warm or a cold cache.
    const order = round % 2 === 1 ? ['ours', 'reference'] : ['reference', 'ours'];
    for (const who of order) {
      if (who === 'ours') ours.push(await runOurs(DATA, params, work, undefined, layers));
      else if (withReference) reference.push(runReference(params, layers));
    }
    process.stderr.write(`  ${name}: round ${round}/${rounds} done\n`);
  }
  const stage = (key: string) => median(ours.map((run) => run.timings[key] ?? NaN));
  const epochs = ours[0].epochSeconds.length;
  const ourEpoch = median(ours.map((run) => mean(run.epochSeconds.slice(1))));
  const ourImagesPerSecond = ours[0].trainImages / ourEpoch;
  const rows: string[][] = [['stage', 'ours (s)', 'ours (images/s)', 'reference (s)', 'reference (images/s)', 'ours / reference (time)']];
  const referenceDecode = withReference ? median(reference.map((run) => run.decode)) : NaN;
  rows.push(['decode + preprocess', fixed(stage('decode')), fixed(ours[0].images / stage('decode'), 0), fixed(referenceDecode), fixed(1605 / referenceDecode, 0), fixed(stage('decode') / referenceDecode)]);
  rows.push(['split', fixed(stage('split'), 3), '', '', '', '']);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const ourSeconds = median(ours.map((run) => run.epochSeconds[epoch]));
    const referenceSeconds = withReference ? median(reference.map((run) => run.epochComputeSeconds[epoch])) : NaN;
    rows.push([
      `epoch ${epoch + 1} (train + validate)`,
      fixed(ourSeconds),
      fixed(ours[0].trainImages / ourSeconds, 0),
      fixed(referenceSeconds),
      withReference ? fixed(reference[0].trainImages / referenceSeconds, 0) : '-',
      fixed(ourSeconds / referenceSeconds),
    ]);
  }
  const referenceEpoch = withReference ? median(reference.map((run) => mean(run.epochComputeSeconds.slice(1)))) : NaN;
  const referenceImagesPerSecond = withReference ? reference[0].trainImages / referenceEpoch : NaN;
  rows.push(['epochs 2+ (mean)', fixed(ourEpoch), fixed(ourImagesPerSecond, 0), fixed(referenceEpoch), fixed(referenceImagesPerSecond, 0), fixed(ourEpoch / referenceEpoch)]);
  rows.push([`train, all ${ours[0].repeats} repeat(s)`, fixed(stage('train')), '', '', '', '']);
  rows.push(['evaluate', fixed(stage('evaluate'), 3), '', '', '', '']);
  rows.push(['save model', fixed(stage('save'), 3), '', '', '', '']);
  rows.push(['start-up + charts + report (wall − pipeline)', fixed(median(ours.map((run) => run.wall - run.timings.total))), '', '', '', '']);
  const ourWall = median(ours.map((run) => run.wall));
  const referenceWall = withReference ? median(reference.map((run) => run.wall)) : NaN;
  rows.push(['whole process (wall), no pixel cache', fixed(ourWall), '', fixed(referenceWall), '', fixed(ourWall / referenceWall)]);
  if (!values['no-warm']) {
    // A second run on unchanged data and prepare params takes its pixels from the cache.
    const cacheDir = join(work, `cache-${name}`);
    await runOurs(DATA, params, work, cacheDir);
    const warm = await runOurs(DATA, params, work, cacheDir);
    rows.push(['whole process (wall), warm pixel cache', fixed(warm.wall), '', fixed(referenceWall), '', fixed(warm.wall / referenceWall)]);
  }
  const ourRss = median(ours.map((run) => run.peakRssMiB));
  const referenceRss = withReference ? median(reference.map((run) => run.peakRssMiB)) : NaN;
  rows.push(['peak RSS (MiB)', fixed(ourRss, 0), '', fixed(referenceRss, 0), '', fixed(ourRss / referenceRss)]);

  console.log(`\n## ${name} params (${Object.entries(params).map(([key, value]) => `${key} ${value}`).join(', ')}; ${ours[0].repeats} repeat(s), seeds back to back); medians of ${rounds} round(s)`);
  console.log(`backend: ${ours[0].backend}; reference: ${withReference ? 'PyTorch, 1 thread; epoch = compute (train + validation), without its per-epoch re-decode' : 'not run'}`);
  console.log(table(rows));
  console.log(`training images/s, ours / reference: ${fixed(ourImagesPerSecond / referenceImagesPerSecond)}x`);
  console.log(`val_acc: ours ${ours.map((run) => fixed(run.valAcc, 3)).join(' / ')}${withReference ? `; reference ${reference.map((run) => fixed(run.valAcc, 3)).join(' / ')}` : ''}`);
}

async function benchScale(work: string): Promise<void> {
  const { generateSampleDataset } = await import('../src/data/sample.js');
  const rows: string[][] = [['images', 'generate (s)', 'decode (s)', 'train (s)', 'whole run (s)', 'peak RSS (MiB)', 'pixel data (MiB)', 'RSS beyond pixels (MiB)']];
  const results: { images: number; beyond: number; wall: number }[] = [];
  for (const perClass of [146, 1460]) {
    const dataDir = join(work, `sample-${perClass}`);
    const started = performance.now();
    await generateSampleDataset({ outDir: dataDir, imagesPerClass: perClass, seed: 77 });
    const generate = (performance.now() - started) / 1000;
    const run = await runOurs(dataDir, PARAM_SETS.default, work);
    const pixelsMiB = (run.images * 32 * 32) / 1048576;
    results.push({ images: run.images, beyond: run.peakRssMiB - pixelsMiB, wall: run.wall });
    rows.push([String(run.images), fixed(generate, 1), fixed(run.timings.decode), fixed(run.timings.train), fixed(run.wall), fixed(run.peakRssMiB, 0), fixed(pixelsMiB, 1), fixed(run.peakRssMiB - pixelsMiB, 0)]);
  }
  console.log('\n## scale: built-in generator at 1x and 10x, default params');
  console.log(table(rows));
  console.log(`growth at 10x the images: whole run ${fixed(results[1].wall / results[0].wall)}x, memory beyond the pixel data ${fixed(results[1].beyond / results[0].beyond)}x`);
}

/** 2 × 2 × 2 = 8 variants of the default params, a grid a team would try. */
const SWEEP_GRID = 'train.lr=0.0001,0.001 train.conv_size=32,64 train.dense_size=64,128';

function sweepVariants(): string[][] {
  const axes = SWEEP_GRID.split(' ').map((axis) => {
    const [key, list] = axis.split('=');
    return list.split(',').map((value) => `${key}=${value}`);
  });
  return axes.reduce<string[][]>((prefixes, axis) => prefixes.flatMap((prefix) => axis.map((value) => [...prefix, value])), [[]]);
}

async function benchSweep(work: string): Promise<void> {
  const cacheDir = join(work, 'sweep-cache');
  const cache = ['--cache', cacheDir];
  // Both sides meet a warm pixel cache, as a user's second command would: the sweep's gain is not a cold decode.
  timed(process.execPath, [...NODE_FLAGS, 'dist/cli.js', 'run', '--data', DATA, '--out', join(work, 'warm'), '--quiet', ...cache]);
  const sweeps = [
    ...values.parallel!.split(',').map((parallel) => ({ label: `sweep --parallel ${parallel}`, args: ['--parallel', parallel] })),
    { label: 'sweep --parallel 1 --variant-charts', args: ['--parallel', '1', '--variant-charts'] },
  ];
  type Figures = { wall: number; peakRssMiB: number; cpu: number };
  const singles: Figures[] = [];
  const singleRss: number[] = [];
  const measured = new Map<string, Figures[]>(sweeps.map((sweep) => [sweep.label, []]));
  const differing: string[] = [];
  // Rounds alternate the two sides, so that both meet the same load from whatever else runs on the machine.
  for (let round = 1; round <= rounds; round++) {
    let wall = 0;
    let cpu = 0;
    let rss = 0;
    for (const [index, variant] of sweepVariants().entries()) {
      const sets = variant.flatMap((text) => ['--set', text]);
      const run = timed(process.execPath, [...NODE_FLAGS, 'dist/cli.js', 'run', '--data', DATA, '--out', join(work, `single-${round}-${index}`), '--quiet', ...sets, ...cache]);
      wall += run.wall;
      cpu += run.cpu;
      rss = Math.max(rss, run.peakRssMiB);
    }
    singles.push({ wall, peakRssMiB: rss, cpu });
    singleRss.push(rss);
    process.stderr.write(`  round ${round}: 8 single runs ${fixed(wall)} s\n`);
    for (const sweep of sweeps) {
      const outDir = join(work, `sweep-${round}-${sweep.args.join('')}`);
      const result = timed(process.execPath, [...NODE_FLAGS, 'dist/cli.js', 'sweep', '--grid', SWEEP_GRID, '--data', DATA, '--out', outDir, '--quiet', ...sweep.args, ...cache]);
      measured.get(sweep.label)!.push(result);
      // The figures are only worth comparing if the sweep trained the same models: every variant's metrics must equal its single run's.
      for (const [index, variant] of sweepVariants().entries()) {
        const folder = variant.map((text) => text.replace('=', '-')).join('_');
        const [mine, single] = await Promise.all([join(outDir, folder), join(work, `single-${round}-${index}`)].map(async (dir) => JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')).metrics));
        if (JSON.stringify(mine) !== JSON.stringify(single)) differing.push(`${sweep.label}: ${variant.join(', ')}`);
      }
      process.stderr.write(`  round ${round}: ${sweep.label} ${fixed(result.wall)} s\n`);
    }
  }
  const singlesWall = median(singles.map((run) => run.wall));
  const singlesCpu = median(singles.map((run) => run.cpu));
  const oneSingleRss = median(singleRss);
  const rows: string[][] = [['what', 'wall (s)', 'CPU (s)', 'peak RSS (MiB)', 'wall / 8 singles', 'CPU / 8 singles', 'peak RSS / one single']];
  rows.push(['8 single runs, one after another', fixed(singlesWall), fixed(singlesCpu), fixed(oneSingleRss, 0), '1.00', '1.00', '1.00']);
  for (const [label, runs] of measured) {
    const wall = median(runs.map((run) => run.wall));
    const cpu = median(runs.map((run) => run.cpu));
    const rss = median(runs.map((run) => run.peakRssMiB));
    rows.push([label, fixed(wall), fixed(cpu), fixed(rss, 0), fixed(wall / singlesWall), fixed(cpu / singlesCpu), fixed(rss / oneSingleRss)]);
  }
  console.log(`\n## sweep: 8 variants (${SWEEP_GRID}) on ${DATA}, warm pixel cache, ${availableParallelism()} cores, medians of ${rounds} round(s)`);
  console.log('single runs: wall and CPU are the sums over the 8 processes; peak RSS is the largest of them');
  console.log(table(rows));
  console.log('goals: wall / 8 singles ≤ 0.60 on 2 cores; peak RSS / one single ≤ 2.00');
  console.log(differing.length === 0 ? "every sweep variant's metrics equal its single run's, bit for bit" : `metrics differ from the single run for: ${differing.join('; ')}`);
}

/** The issue's budget for one run's images. */
const IMAGE_BUDGET_BYTES = 250_000;

/** Bytes of each image the report put in `outDir` (a run's output folder holds no other images). */
async function imageBytes(outDir: string): Promise<Array<[string, number]>> {
  const names = (await readdir(outDir)).filter((name) => /\.(png|jpe?g)$/.test(name)).sort();
  return Promise.all(names.map(async (name): Promise<[string, number]> => [name, (await stat(join(outDir, name))).size]));
}

async function benchImages(work: string): Promise<void> {
  const write = async (name: string, params: Record<string, number>) => {
    const file = join(work, `${name}.yaml`);
    await writeFile(file, `train:\n${Object.entries(params).map(([key, value]) => `  ${key}: ${value}`).join('\n')}\n`);
    return file;
  };
  const baseDir = join(work, 'images-base');
  const headDir = join(work, 'images-pr');
  const run = (params: string, outDir: string, extra: string[] = []) => timed(process.execPath, [...NODE_FLAGS, 'dist/cli.js', 'run', '--data', DATA, '--params', params, '--out', outDir, '--quiet', '--no-cache', ...extra]);
  run(await write('images-default', PARAM_SETS.default), baseDir);
  run(await write('images-tuned', PARAM_SETS.tuned), headDir, ['--base', baseDir]);
  console.log('\n## report images (palette PNGs), bytes per run');
  const rows: string[][] = [['image', 'default alone', 'tuned vs default']];
  const alone = new Map(await imageBytes(baseDir));
  const compared = new Map(await imageBytes(headDir));
  for (const name of new Set([...compared.keys(), ...alone.keys()])) rows.push([name, String(alone.get(name) ?? '-'), String(compared.get(name) ?? '-')]);
  const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((sum, size) => sum + size, 0);
  rows.push(['total', String(total(alone)), String(total(compared))]);
  console.log(table(rows));
  const worst = Math.max(total(alone), total(compared));
  console.log(`PNG bytes per run: ${worst} (${(worst / 1000).toFixed(1)} kB), budget ${IMAGE_BUDGET_BYTES / 1000} kB: ${worst <= IMAGE_BUDGET_BYTES ? 'within' : 'OVER'}`);
}

/** The issue's bigger workload for a GPU: three conv blocks on 128×128 RGB images. */
const GPU_WORKLOAD = {
  prepare: '  image_size: [128, 128]\n  grayscale: false',
  reference: ['--image-size', '128', '--rgb'],
  layers: [
    { conv2d: { filters: 32, kernel: 3, padding: 'same' } },
    { max_pool: { size: 2 } },
    { conv2d: { filters: 64, kernel: 3, padding: 'same' } },
    { max_pool: { size: 2 } },
    { conv2d: { filters: 128, kernel: 3, padding: 'same' } },
    { max_pool: { size: 2 } },
    { global_avg_pool: {} },
    { dense: { units: 128 } },
  ],
  epochs: 3,
};

/** One run each on webgpu and wasm (and the reference), side by side: whole run, epochs 2+, val_acc. */
async function benchGpu(small: boolean, withReference: boolean, work: string): Promise<void> {
  const epochs = Number(values['gpu-epochs'] ?? (small ? DEFAULT_PARAMS.train.epochs : GPU_WORKLOAD.epochs));
  const layers = small ? undefined : GPU_WORKLOAD.layers;
  // A layer list replaces the notebook's two size shorthands (params.yaml refuses both).
  const { conv_size: _conv, dense_size: _dense, ...notebookTrain } = PARAM_SETS.default;
  const params: TrainSet = small ? { ...PARAM_SETS.default, epochs, repeats: 1 } : { ...notebookTrain, epochs, repeats: 1 };
  const setup = small ? {} : { prepare: GPU_WORKLOAD.prepare };
  console.log(`\n## GPU check: ${small ? "the notebook's model (32×32 grayscale)" : '128×128 RGB, conv blocks 32/64/128 + global average pool + dense 128'}, ${epochs} epoch(s), 1 repeat, one round`);
  const runs: Array<[string, { wall: number; epochs: number[]; valAcc: number; backend: string; train?: number }]> = [];
  for (const backend of values['gpu-backends']!.split(',').map((name) => name.trim())) {
    try {
      const run = await runOurs(DATA, params, work, undefined, layers, { ...setup, backend });
      runs.push([`ours, ${backend}`, { wall: run.wall, epochs: run.epochSeconds, valAcc: run.valAcc, backend: run.backend, train: run.timings.train }]);
    } catch (error) {
      console.log(`${backend}: did not run (${(error as Error).message.split('\n').filter(Boolean).pop()})`);
    }
  }
  if (withReference) {
    const run = runReference(params, layers, small ? [] : GPU_WORKLOAD.reference);
    runs.push(['reference (PyTorch, 1 thread)', { wall: run.wall, epochs: run.epochComputeSeconds, valAcc: run.valAcc, backend: 'PyTorch CPU' }]);
  }
  const rows = [['tool', 'ran on', 'epoch 1 (s)', 'epochs 2+ mean (s)', 'whole run (s)', 'val_acc']];
  for (const [tool, run] of runs) {
    rows.push([tool, run.backend, fixed(run.epochs[0]), run.epochs.length > 1 ? fixed(mean(run.epochs.slice(1))) : '-', fixed(run.wall), fixed(run.valAcc, 3)]);
  }
  console.log(table(rows));
  const gpu = runs.find(([tool]) => tool === 'ours, webgpu')?.[1];
  const wasm = runs.find(([tool]) => tool === 'ours, wasm')?.[1];
  if (gpu && wasm) {
    console.log(`wasm / webgpu: whole run ${fixed(wasm.wall / gpu.wall)}x, epochs 2+ ${fixed(mean(wasm.epochs.slice(1)) / mean(gpu.epochs.slice(1)))}x (above 1: webgpu is faster)`);
  }
}

async function main(): Promise<void> {
  if (values.trend) {
    await benchTrend({ runs: Number(values['trend-runs']), record: values.record, latencies: values['latency-ms']!.split(',').map(Number), rounds });
    return;
  }
  if (!existsSync(DATA)) {
    console.log(`bench: ${DATA} is absent; the benchmark needs the real dataset beside the repository`);
    return;
  }
  if (values.artifact) {
    // Runs the action's entry from src, as its tests do: no build needed.
    await benchArtifact();
    return;
  }
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  if (values.command || values['command-noise']) {
    const work = await mkdtemp(join(tmpdir(), 'train-and-report-bench-'));
    try {
      if (values.command) await benchCommand({ data: DATA, rounds, work });
      if (values['command-noise']) await benchCommandNoise({ work, pool: Number(values['pool-seeds']), k: Number(values.k) });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return;
  }
  if (values.sweep) {
    const work = await mkdtemp(join(tmpdir(), 'train-and-report-bench-'));
    try {
      await benchSweep(work);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    return;
  }
  if (values.start) {
    await benchStart({ data: DATA, before: values.before === true, installedOnly: values['this-platform'] === true });
    return;
  }
  const withReference = hasTorch();
  if (!withReference) console.log("reference: not run (needs Debian's python3-torch, python3-torchvision, python3-sklearn at /usr/bin/python3)");
  const work = await mkdtemp(join(tmpdir(), 'train-and-report-bench-'));
  try {
    if (values.verdict) {
      await benchVerdict(withReference, work);
      return;
    }
    if (values.noise) {
      await benchNoise({
        data: DATA,
        k: Number(values.k),
        poolSeeds: Number(values['pool-seeds']),
        otherSeeds: Number(values['other-seeds']),
        change: values.change!,
        pools: values.pools ? resolve(values.pools) : join(work, 'pools'),
      });
      return;
    }
    if (values.gpu || values['gpu-small']) {
      await benchGpu(values['gpu-small']!, withReference, work);
      return;
    }
    const names = values.only ? values.only.split(',').map((name) => name.trim()) : LAYERS ? ['layers'] : Object.keys(PARAM_SETS);
    if (LAYERS && !names.includes('layers')) names.push('layers');
    for (const name of names) {
      if (name in PARAM_SETS) await benchParams(name, withReference, work);
      else if (name !== 'scale' && name !== 'images') throw new Error(`--only takes a comma-separated list of ${Object.keys(PARAM_SETS).join(', ')}, scale, images; got "${name}"`);
    }
    if (values.scale || names.includes('scale')) await benchScale(work);
    if ((!values.only && !LAYERS) || names.includes('images')) await benchImages(work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
