#!/usr/bin/env node
// The local entry: the same pipeline as the action, no @actions/*.
//   train-and-report run     [--data DIR] [--params FILE] [--out DIR] [--backend B] [--base DIR]
//   train-and-report run     --command 'CMD' [--data DIR] [--params FILE] [--out DIR] [--base DIR]
//   train-and-report sweep   --grid 'KEY=V1,V2 ...' [--data DIR] [--params FILE] [--out DIR] [--parallel N]
//   train-and-report report  --head DIR [--base DIR] --out DIR [--thresholds T]
//   train-and-report predict --model DIR IMAGE...
//   train-and-report trend   RUN_DIR... [--out DIR]
//   train-and-report sample  [--out DIR] [--images-per-class N] [--seed S]
// Errors print one line (the message) and exit 1; --verbose adds the stack.

import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Thresholds } from './compare/thresholds.js';
import { BACKEND_CHOICES } from './model/backend-choice.js';
import { readRecord, type RunRecord } from './record.js';

const USAGE = `usage:
  train-and-report run     [--data DIR] [--params FILE] [--set KEY=VALUE]... [--out DIR] [--backend ${BACKEND_CHOICES.join('|')}]
                           [--base DIR] [--thresholds T] [--cache DIR | --no-cache]
  train-and-report run     --command 'CMD' [--data DIR] [--params FILE] [--out DIR] [--base DIR] [--thresholds T]
                           (your own training, once per seed: see docs/command.md)
  train-and-report sweep   --grid 'KEY=V1,V2 KEY=V1,V2' [--data DIR] [--params FILE] [--set KEY=VALUE]... [--out DIR]
                           [--parallel N] [--variant-charts] [--backend B] [--cache DIR | --no-cache]
  train-and-report report  --head DIR [--base DIR] --out DIR [--data DIR] [--thresholds T]
  train-and-report predict --model DIR IMAGE...
  train-and-report trend   RUN_DIR... [--out DIR]   (run folders oldest first; exit 2 when the last is worse beyond seed noise)
  train-and-report sample  [--out DIR] [--images-per-class N] [--seed N]

Without --data, run trains on the built-in sample dataset (generated into data/sample).
Options: --verbose prints stack traces; --quiet prints only errors.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = 'UsageError';
  }
}

export class SweepFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepFailedError';
  }
}

const DEFAULT_SAMPLE_DIR = 'data/sample';

/** Where decoded pixels are kept between runs: $TRAIN_AND_REPORT_CACHE, else the user's cache folder. */
function defaultCacheDir(): string {
  if (process.env.TRAIN_AND_REPORT_CACHE) return process.env.TRAIN_AND_REPORT_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'train-and-report');
}

function integerOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, got "${value}"`);
  return number;
}

async function ensureSample(outDir: string, imagesPerClass: number | undefined, seed: number | undefined, log: (line: string) => void) {
  const { generateSampleDataset } = await import('./data/sample.js');
  const started = performance.now();
  const result = await generateSampleDataset({ outDir, imagesPerClass, seed });
  log(`sample data: ${result.images} images in ${result.classes.length} classes at ${outDir} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function reportStep(
  options: { head: RunRecord; baseDir?: string; outDir: string; dataDir?: string; thresholds?: Thresholds },
  log: (line: string) => void,
) {
  const { writeReport, loadBaseRecord } = await import('./report/index.js');
  const thresholds = options.thresholds;
  const { base, baseMissingReason } = options.baseDir
    ? await loadBaseRecord(resolve(options.baseDir, 'run.json'))
    : { base: undefined, baseMissingReason: 'no base run was given (pass --base DIR, the output folder of a run on the base branch, to compare)' };
  const result = await writeReport({ head: options.head, base, baseMissingReason, outDir: options.outDir, dataDir: options.dataDir, thresholds });
  log(`report: ${resolve(options.outDir, 'report.md')} (${result.verdict}; ${result.images.length} images)`);
  for (const regression of result.regressions) log(`threshold crossed: ${JSON.stringify(regression)}`);
  return result;
}

/** `run --command`: the user's training command instead of the built-in CNN; the same record, report and comparison. */
async function runCommand(values: { command?: string; data?: string; params?: string; out?: string; base?: string; thresholds?: string; set?: string[]; backend?: string }, print: (line: string) => void): Promise<number> {
  const command = values.command!.trim();
  if (command === '') throw new UsageError('--command is empty; give the command that trains one seed, e.g. --command "python train.py"');
  for (const option of ['set', 'backend'] as const) {
    if (values[option] !== undefined) throw new UsageError(`--${option} applies to the built-in trainer only; with --command, ${option === 'set' ? 'change params.yaml, which the command reads' : 'the command chooses its own device'}`);
  }
  const { runCommandExperiment, COMMAND_OUTPUT_ENTRIES } = await import('./command/trainer.js');
  const { checkOutputFolder } = await import('./output.js');
  const { parseThresholds } = await import('./compare/thresholds.js');
  const thresholds = values.thresholds ? parseThresholds(values.thresholds) : undefined;
  const outDir = values.out ?? 'out';
  await checkOutputFolder(outDir, [...COMMAND_OUTPUT_ENTRIES, 'report.md', 'report.html']);
  const result = await runCommandExperiment({ command, dataDir: values.data, paramsFile: values.params ?? 'params.yaml', outDir, log: print });
  const report = await reportStep({ head: result.record, baseDir: values.base, outDir, dataDir: values.data, thresholds }, print);
  return report.regressions.length > 0 ? 2 : 0;
}

export async function main(argv: string[], log: (line: string) => void = (line) => console.log(line)): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    log(USAGE);
    return command === undefined ? 1 : 0;
  }
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: rest,
        allowPositionals: command === 'predict' || command === 'trend',
        options: {
          command: { type: 'string' },
          data: { type: 'string' },
          params: { type: 'string' },
          out: { type: 'string' },
          backend: { type: 'string' },
          base: { type: 'string' },
          head: { type: 'string' },
          model: { type: 'string' },
          thresholds: { type: 'string' },
          set: { type: 'string', multiple: true },
          grid: { type: 'string' },
          parallel: { type: 'string' },
          'variant-charts': { type: 'boolean' },
          'images-per-class': { type: 'string' },
          seed: { type: 'string' },
          cache: { type: 'string' },
          'no-cache': { type: 'boolean' },
          verbose: { type: 'boolean' },
          quiet: { type: 'boolean' },
        },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  const print = values.quiet ? () => {} : log;

  switch (command) {
    case 'run': {
      if (values.command !== undefined) return runCommand(values, print);
      const { runExperiment, OUTPUT_ENTRIES } = await import('./pipeline.js');
      const { parseBackendChoice } = await import('./model/backend-choice.js');
      const { checkOutputFolder } = await import('./output.js');
      const { parseThresholds } = await import('./compare/thresholds.js');
      const { parseOverrides } = await import('./params.js');
      // Everything that can be checked is checked before the slow stages.
      const overrides = parseOverrides(values.set ?? [], '--set');
      const backend = parseBackendChoice(values.backend ?? 'auto', '--backend');
      const thresholds = values.thresholds ? parseThresholds(values.thresholds) : undefined;
      const outDir = values.out ?? 'out';
      await checkOutputFolder(outDir, [...OUTPUT_ENTRIES, 'report.md', 'report.html']);
      let dataDir = values.data;
      if (dataDir === undefined) {
        dataDir = DEFAULT_SAMPLE_DIR;
        await ensureSample(dataDir, undefined, undefined, print);
      }
      const result = await runExperiment({
        dataDir,
        paramsFile: values.params ?? 'params.yaml',
        outDir,
        backend,
        cacheDir: values['no-cache'] ? undefined : (values.cache ?? defaultCacheDir()),
        log: print,
        overrides,
        overridesSource: '--set',
      });
      // run.json is the pipeline's, as the action writes it: the report's own time is only logged.
      const reportStarted = performance.now();
      const report = await reportStep({ head: result.record, baseDir: values.base, outDir, dataDir, thresholds }, print);
      print(`report written in ${((performance.now() - reportStarted) / 1000).toFixed(1)} s`);
      return report.regressions.length > 0 ? 2 : 0;
    }
    case 'sweep': {
      if (values.command !== undefined) throw new UsageError('sweep trains the built-in CNN; for a training command, run a matrix of "run --command" jobs (one params file each): the action\'s aggregate mode compares them');
      if (!values.grid) throw new UsageError("sweep needs --grid 'KEY=V1,V2 KEY=V1,V2' (e.g. --grid 'train.lr=0.0001,0.001 train.conv_size=32,64')");
      const { parseGrid, expandGrid } = await import('./sweep/grid.js');
      const { parseOverrides } = await import('./params.js');
      const { parseBackendChoice } = await import('./model/backend-choice.js');
      const { checkOutputFolder } = await import('./output.js');
      // The grid and every value in it are checked before anything is decoded or trained.
      const variants = expandGrid(parseGrid(values.grid, '--grid'), parseOverrides(values.set ?? [], '--set'));
      const parallel = integerOption(values.parallel, 'parallel', 1);
      const backend = parseBackendChoice(values.backend ?? 'auto', '--backend');
      const outDir = values.out ?? 'out-sweep';
      await checkOutputFolder(outDir, ['report.md', 'report.html', 'sweep-curves.png', 'sweep-curves.vl.json']);
      let dataDir = values.data;
      if (dataDir === undefined) {
        dataDir = DEFAULT_SAMPLE_DIR;
        await ensureSample(dataDir, undefined, undefined, print);
      }
      const { runSweep } = await import('./sweep/runner.js');
      const { writeSweepReport } = await import('./report/sweep-report.js');
      const result = await runSweep({
        variants,
        dataDir,
        paramsFile: values.params ?? 'params.yaml',
        outDir,
        backend,
        cacheDir: values['no-cache'] ? undefined : (values.cache ?? defaultCacheDir()),
        parallel,
        log: print,
      });
      const report = await writeSweepReport({
        variants: result.outcomes.map((outcome) => ({
          variant: outcome.variant.name,
          folder: outcome.variant.folder,
          head: outcome.record,
          failure: outcome.error,
          primary: true,
          baseMissingReason: 'a local sweep has no base; run the same grid on the base branch in CI to compare',
          dataDir,
        })),
        outDir,
        title: `Sweep: ${variants.length} variants`,
        variantCharts: values['variant-charts'] === true,
      });
      print(`report: ${resolve(outDir, 'report.md')} (${report.entries.length} variants; ${report.images.length} images)`);
      const failed = result.outcomes.filter((outcome) => outcome.error);
      if (failed.length > 0) {
        throw new SweepFailedError(`${failed.length} of ${variants.length} variants failed: ${failed.map((outcome) => `${outcome.variant.name} (${outcome.error})`).join('; ')}; the report lists them`);
      }
      return 0;
    }
    case 'report': {
      if (!values.head) throw new UsageError('report needs --head DIR (the --out folder of a run)');
      if (!values.out) throw new UsageError('report needs --out DIR (where report.md and the images go)');
      const { parseThresholds } = await import('./compare/thresholds.js');
      const thresholds = values.thresholds ? parseThresholds(values.thresholds) : undefined;
      const head = await readRecord(resolve(values.head, 'run.json'));
      const result = await reportStep({ head, baseDir: values.base, outDir: values.out, dataDir: values.data, thresholds }, print);
      return result.regressions.length > 0 ? 2 : 0;
    }
    case 'predict': {
      if (!values.model) throw new UsageError('predict needs --model DIR (the model/ folder of a run)');
      if (positionals.length === 0) throw new UsageError('predict needs at least one image file');
      const { predictImages } = await import('./predict.js');
      const { startBackend, parseBackendChoice } = await import('./model/backend.js');
      await startBackend(parseBackendChoice(values.backend ?? 'auto', '--backend'));
      for (const line of await predictImages(values.model, positionals)) log(line);
      return 0;
    }
    case 'trend': {
      if (positionals.length < 2) throw new UsageError('trend needs two or more run folders (the --out folders of runs), oldest first');
      const { buildTrend, lastStep } = await import('./compare/trend.js');
      const { writeTrendReport } = await import('./report/trend-report.js');
      const { describeStep, trendSummary } = await import('./report/trend.js');
      const entries = [];
      for (const folder of positionals) {
        const record = await readRecord(resolve(folder, 'run.json'));
        entries.push({ label: folder.replace(/\/+$/, ''), kind: 'local' as const, ...(record.source?.sha ? { sha: record.source.sha } : {}), record });
      }
      const trend = buildTrend(entries);
      const outDir = values.out ?? 'out-trend';
      await writeTrendReport({ trend, title: `${trend.metric} over ${trend.points.length} runs`, folded: false }, outDir);
      print(trendSummary(trend));
      trend.points.forEach((point, index) => print(`  ${index + 1}. ${point.label}: ${point.mean.toFixed(4)}${point.sd === undefined ? '' : ` ± ${point.sd.toFixed(4)}`} ${describeStep(trend.steps.find((step) => step.to === index))}`));
      for (const note of trend.notes) print(`note: ${note}`);
      print(`trend: ${resolve(outDir, 'trend.md')}`);
      return lastStep(trend)?.verdict === 'worse' ? 2 : 0;
    }
    case 'sample': {
      await ensureSample(
        values.out ?? DEFAULT_SAMPLE_DIR,
        values['images-per-class'] === undefined ? undefined : integerOption(values['images-per-class'], 'images-per-class', 146),
        values.seed === undefined ? undefined : integerOption(values.seed, 'seed', 77),
        print,
      );
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** One line for the user; the stack only when asked for. */
export function formatError(error: unknown, verbose: boolean): string {
  if (verbose && error instanceof Error && error.stack) return error.stack;
  if (error instanceof Error) {
    const known = error.name !== 'Error' && error.name !== 'TypeError' && error.name !== 'RangeError';
    return `train-and-report: ${known ? '' : 'unexpected error: '}${error.message}${known ? '' : ' (run with --verbose for details)'}`;
  }
  return `train-and-report: unexpected error: ${String(error)}`;
}

// Run only as the program (also through npm's bin link), not when imported by tests.
const isEntry = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  const argv = process.argv.slice(2);
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(formatError(error, argv.includes('--verbose')));
      process.exitCode = 1;
    },
  );
}
