#!/usr/bin/env -S node --max-semi-space-size=4
// The local entry: the same pipeline as the action, no @actions/*. The
// shebang's flags are node-flags.ts's (why: there).
//   train-and-report run | sweep | report | predict | trend | sample [options]; COMMAND --help; --version
// The commands and options are the tables below. Errors print one line (the message) and exit 1;
// --verbose adds the stack.

import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Thresholds } from './compare/thresholds.js';
import { formatCommandHelp, formatUsage, type CommandHelp, type OptionHelp } from './cli-help.js';
import { BACKEND_CHOICES } from './model/backend-choice.js';
import { readRecord, type RunRecord } from './record.js';
import { TOOL_VERSION } from './version.js';

// The options the parser accepts, each with the words its help prints (cli-help.ts writes the usage
// and every command's --help from these two tables).
const OPTIONS = {
  command: { type: 'string', arg: "'CMD'", help: 'your own training command, run once per seed through the shell instead of the built-in CNN (docs/command.md); not with --set, --backend or --force-training' },
  data: { type: 'string', arg: 'DIR', help: 'folder of images, one sub-folder per class (run, sweep: default the built-in sample, generated into data/sample)' },
  params: { type: 'string', arg: 'FILE', help: 'params.yaml (default params.yaml; the built-in defaults when that file is missing)' },
  set: { type: 'string', multiple: true, arg: 'KEY=VALUE', help: 'a param on top of the params file, e.g. --set train.lr=0.001 (repeatable)' },
  out: { type: 'string', arg: 'DIR', help: 'output folder (run: out, sweep: out-sweep, trend: out-trend, sample: data/sample); never emptied, only its own files are replaced' },
  backend: { type: 'string', arg: 'B', help: `TensorFlow.js backend: ${BACKEND_CHOICES.join(', ')} (default auto)` },
  base: { type: 'string', arg: 'DIR', help: 'the --out folder of an earlier run to compare with' },
  'force-training': {
    type: 'boolean',
    help: "train even when nothing that reaches training changed since --base (by default its results are reused); the built-in trainer only",
  },
  head: { type: 'string', arg: 'DIR', help: 'the --out folder of the run to report on' },
  model: { type: 'string', arg: 'DIR', help: 'the model/ folder of a run' },
  thresholds: { type: 'string', arg: 'T', help: 'per-metric limits, e.g. "val_acc: -0.02, val_loss: +5%"; exit code 2 when crossed' },
  grid: { type: 'string', arg: "'KEY=V1,V2 ...'", help: 'the values to sweep, one KEY=V1,V2 per param, space-separated' },
  parallel: { type: 'string', arg: 'N', help: 'variants trained at the same time, in worker threads (default 1)' },
  'variant-charts': { type: 'boolean', help: "add each variant's own charts to the sweep report" },
  'images-per-class': { type: 'string', arg: 'N', help: 'images rendered per class (default 146)' },
  seed: { type: 'string', arg: 'N', help: 'seed of the generator (default 77)' },
  cache: { type: 'string', arg: 'DIR', help: 'where decoded pixels are kept between runs (default $TRAIN_AND_REPORT_CACHE or ~/.cache/train-and-report)' },
  'no-cache': { type: 'boolean', help: 'decode every image, keep nothing' },
  verbose: { type: 'boolean', help: 'print the stack trace with an error' },
  quiet: { type: 'boolean', help: 'print only errors' },
  help: { type: 'boolean', short: 'h', help: 'print this help and exit' },
  version: { type: 'boolean', help: 'print the version and exit' },
} as const satisfies Record<string, OptionHelp>;

const COMMANDS: Record<string, CommandHelp> = {
  run: {
    summary: 'Train and evaluate, then write run.json, metrics.json, model/ and the report (report.md, report.html, charts) into --out.',
    options: ['data', 'params', 'set', 'out', 'backend', 'base', 'force-training', 'thresholds', 'cache', 'no-cache', 'command'],
    example: "train-and-report run --data data/raw --set train.epochs=10 --out out-pr --base out\n  train-and-report run --command 'python train.py' --data data/raw --base out",
  },
  sweep: {
    summary: 'Train every combination of the grid, N at a time, each in its own folder under --out, and one report comparing them.',
    options: ['grid', 'data', 'params', 'set', 'out', 'parallel', 'variant-charts', 'backend', 'cache', 'no-cache'],
    required: ['grid'],
    example: "train-and-report sweep --grid 'train.lr=0.0001,0.001 train.conv_size=32,64' --parallel 2",
  },
  report: {
    summary: 'Write the report alone, from run folders.',
    options: ['head', 'base', 'out', 'data', 'thresholds'],
    required: ['head', 'out'],
    example: 'train-and-report report --head out-pr --base out --out report',
  },
  predict: {
    summary: 'Label images with a saved model (top-3 probabilities).',
    options: ['model', 'backend'],
    required: ['model'],
    positionals: 'IMAGE...',
    example: 'train-and-report predict --model out/model data/raw/Saturn/Saturn_0.jpg',
  },
  trend: {
    summary: 'The trend of runs, oldest first: their metric over time and whether the last step is worse beyond seed noise (exit code 2); trend.md into --out (default out-trend).',
    options: ['out'],
    positionals: 'RUN_DIR...',
    example: 'train-and-report trend out-1 out-2 out-3 --out out-trend',
  },
  sample: {
    summary: 'Generate the built-in sample dataset (skipped when the folder already holds this generator\'s images for the same options).',
    options: ['out', 'images-per-class', 'seed'],
    example: 'train-and-report sample --out data/sample',
  },
};

const PROGRAM = 'train-and-report';
const USAGE = formatUsage(PROGRAM, COMMANDS, OPTIONS);

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
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const how = result.rendered === 0 ? `already rendered by this generator with these options, checked in ${seconds} s` : `rendered in ${seconds} s`;
  log(`sample data: ${result.images} images in ${result.classes.length} classes at ${outDir} (${how})`);
  return result;
}

/** The --base folder's record, or why there is none (a missing or unreadable base is not an error: the report says why). */
async function loadBase(baseDir: string | undefined): Promise<{ base?: RunRecord; baseMissingReason?: string }> {
  if (!baseDir) return { base: undefined, baseMissingReason: 'no base run was given (pass --base DIR, the output folder of a run on the base branch, to compare)' };
  const { loadBaseRecord } = await import('./report/index.js');
  return loadBaseRecord(resolve(baseDir, 'run.json'));
}

async function reportStep(
  options: { head: RunRecord; loaded: { base?: RunRecord; baseMissingReason?: string }; outDir: string; dataDir?: string; thresholds?: Thresholds },
  log: (line: string) => void,
) {
  const { writeReport } = await import('./report/index.js');
  const thresholds = options.thresholds;
  const { base, baseMissingReason } = options.loaded;
  const result = await writeReport({ head: options.head, base, baseMissingReason, outDir: options.outDir, dataDir: options.dataDir, thresholds });
  log(`report: ${resolve(options.outDir, 'report.md')} (${result.verdict}; ${result.images.length} images)`);
  for (const regression of result.regressions) log(`threshold crossed: ${JSON.stringify(regression)}`);
  return result;
}

/** `run --command`: the user's training command instead of the built-in CNN; the same record, report and comparison. */
async function runCommand(
  values: { command?: string; data?: string; params?: string; out?: string; base?: string; thresholds?: string; set?: string[]; backend?: string; 'force-training'?: boolean },
  print: (line: string) => void,
): Promise<number> {
  const command = values.command!.trim();
  if (command === '') throw new UsageError('--command is empty; give the command that trains one seed, e.g. --command "python train.py"');
  for (const option of ['set', 'backend'] as const) {
    if (values[option] !== undefined) throw new UsageError(`--${option} applies to the built-in trainer only; with --command, ${option === 'set' ? 'change params.yaml, which the command reads' : 'the command chooses its own device'}`);
  }
  // A training command's runs are never reused from its base (it trains every seed every time), so there is nothing to force.
  if (values['force-training']) throw new UsageError('--force-training applies to the built-in trainer only; a training command trains every seed of every run');
  const { runCommandExperiment, COMMAND_OUTPUT_ENTRIES } = await import('./command/trainer.js');
  const { checkOutputFolder } = await import('./output.js');
  const { parseThresholds } = await import('./compare/thresholds.js');
  const thresholds = values.thresholds ? parseThresholds(values.thresholds) : undefined;
  const outDir = values.out ?? 'out';
  await checkOutputFolder(outDir, [...COMMAND_OUTPUT_ENTRIES, 'report.md', 'report.html']);
  const result = await runCommandExperiment({ command, dataDir: values.data, paramsFile: values.params ?? 'params.yaml', outDir, log: print });
  const report = await reportStep({ head: result.record, loaded: await loadBase(values.base), outDir, dataDir: values.data, thresholds }, print);
  return report.regressions.length > 0 ? 2 : 0;
}

export async function main(argv: string[], log: (line: string) => void = (line) => console.log(line)): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version') {
    log(TOOL_VERSION);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    log(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}"`);
  const { values, positionals } = (() => {
    try {
      return parseArgs({ args: rest, allowPositionals: COMMANDS[command].positionals !== undefined, options: OPTIONS });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  if (values.help) {
    log(formatCommandHelp(PROGRAM, command, COMMANDS, OPTIONS));
    return 0;
  }
  if (values.version) {
    log(TOOL_VERSION);
    return 0;
  }
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
      if (values['force-training'] && !values.base) throw new UsageError('--force-training needs --base DIR (without a base there is nothing to reuse, and every run trains)');
      // The base before training: when nothing that reaches training changed, its runs are reused.
      const loaded = await loadBase(values.base);
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
        base: loaded.base,
        baseModelDir: values.base ? resolve(values.base, 'model') : undefined,
        forceTraining: values['force-training'] === true,
        // Against a base, as a pull request does: seeds in stages, stopping when the verdict is decided.
        sequential: loaded.base !== undefined,
      });
      // run.json is the pipeline's, as the action writes it: the report's own time is only logged.
      const reportStarted = performance.now();
      const report = await reportStep({ head: result.record, loaded, outDir, dataDir, thresholds }, print);
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
      const result = await reportStep({ head, loaded: await loadBase(values.base), outDir: values.out, dataDir: values.data, thresholds }, print);
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
