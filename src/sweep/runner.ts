// Runs a sweep's variants: the data is decoded once (through the pixel
// cache) and its pixels, in shared memory, serve every variant; each variant
// trains with the same pipeline as `run`, N at a time, each in a worker
// thread with its own tfjs engine. Within a thread the variants share the
// backend and the second training thread. One progress
// line per finished variant, with the ETA. A variant that fails is reported
// and the others go on.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeDataset, listDataset } from '../data/dataset.js';
import type { BackendChoice } from '../model/backend-choice.js';
import { checkOutputFolder } from '../output.js';
import { applyOverrides, loadParams } from '../params.js';
import { OUTPUT_ENTRIES, prepareKey, type PreparedData } from '../pipeline.js';
import { upgradeRecord, type RunRecord } from '../record.js';
import type { Variant } from './grid.js';
import type { FromSweepWorker, SweepRunOptions, ToSweepWorker } from './worker.js';

export interface SweepOptions {
  variants: Variant[];
  dataDir: string;
  paramsFile: string;
  /** Each variant's run goes to <outDir>/<variant.folder>. */
  outDir: string;
  backend?: BackendChoice;
  /** The pixel cache; without one the sweep uses a temporary one for its own variants. */
  cacheDir?: string;
  /** Variants that train at the same time. */
  parallel: number;
  log?: (line: string) => void;
}

export interface VariantOutcome {
  variant: Variant;
  record?: RunRecord;
  /** One line: why the variant failed. */
  error?: string;
  seconds: number;
}

export interface SweepResult {
  outcomes: VariantOutcome[];
  /** Seconds spent decoding the data once for all variants. */
  decodeSeconds: number;
}

function formatSeconds(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Starts the worker: built, the .js next to this file; under tsx the .ts source with tsx registered first. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const entry = new URL('./worker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

/** Runs variants one after another on one worker thread. */
class SweepThread {
  private readonly worker = startWorker();

  run(options: SweepRunOptions): Promise<RunRecord> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the sweep's worker thread exited (code ${code})`));
      const onError = (error: Error) => reject(error);
      this.worker.once('exit', onExit);
      this.worker.once('error', onError);
      this.worker.once('message', (message: FromSweepWorker) => {
        this.worker.off('exit', onExit);
        this.worker.off('error', onError);
        if (message.type === 'done') resolve(upgradeRecord(message.record, options.outDir));
        else reject(Object.assign(new Error(message.message), { name: message.name }));
      });
      this.worker.postMessage({ type: 'run', options } satisfies ToSweepWorker);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const log = options.log ?? (() => {});
  const { params } = await loadParams(options.paramsFile);
  // Everything that can fail fast does, before anything trains.
  const variantParams = options.variants.map((variant) => applyOverrides(params, variant.overrides, `--grid (${variant.name})`));
  for (const variant of options.variants) await checkOutputFolder(join(options.outDir, variant.folder), [...OUTPUT_ENTRIES, 'report.md', 'report.html']);

  const temporaryCache = options.cacheDir ? undefined : await mkdtemp(join(tmpdir(), 'train-and-report-sweep-cache-'));
  const cacheDir = options.cacheDir ?? temporaryCache!;
  try {
    // One decode per preprocessing setting; every variant then finds its pixels in the cache.
    const started = performance.now();
    const listing = await listDataset(options.dataDir);
    const settings = new Map(variantParams.map((variantParams) => [prepareKey(variantParams.prepare), variantParams.prepare]));
    const prepared = new Map<string, PreparedData>();
    for (const [key, prepare] of settings) prepared.set(key, { prepare: key, listing, decoded: await decodeDataset(listing, prepare, { cacheDir }) });
    const decodeSeconds = (performance.now() - started) / 1000;
    log(`decoded ${listing.images.length} images once in ${formatSeconds(decodeSeconds)} (${settings.size} preprocessing setting${settings.size === 1 ? '' : 's'}); ${options.variants.length} variants, ${options.parallel} at a time`);

    const outcomes: VariantOutcome[] = new Array(options.variants.length);
    const sweepStarted = performance.now();
    let next = 0;
    let finished = 0;
    const runOptions = (variant: Variant, index: number): SweepRunOptions => ({
      prepared: prepared.get(prepareKey(variantParams[index].prepare)),
      dataDir: options.dataDir,
      paramsFile: options.paramsFile,
      outDir: join(options.outDir, variant.folder),
      backend: options.backend,
      cacheDir,
      overrides: variant.overrides,
      overridesSource: `--grid (${variant.name})`,
    });
    const report = (outcome: VariantOutcome) => {
      finished += 1;
      const elapsed = (performance.now() - sweepStarted) / 1000;
      const eta = (elapsed / finished) * (options.variants.length - finished);
      const what = outcome.record
        ? `val_acc ${outcome.record.metrics.val_acc.toFixed(4)}, val_loss ${outcome.record.metrics.val_loss.toFixed(4)}`
        : `failed: ${outcome.error}`;
      log(`[${finished}/${options.variants.length}] ${outcome.variant.name}: ${what} (${formatSeconds(outcome.seconds)}; ETA ${formatSeconds(eta)})`);
    };
    // Every variant runs in a worker thread, also one at a time: a variant that breaks its
    // thread's state (a WebAssembly trap, say) takes only that thread down, and the next one gets a fresh thread.
    const slot = async () => {
      let thread: SweepThread | undefined;
      try {
        while (next < options.variants.length) {
          const index = next++;
          const variant = options.variants[index];
          const variantStarted = performance.now();
          thread ??= new SweepThread();
          let outcome: VariantOutcome;
          try {
            outcome = { variant, record: await thread.run(runOptions(variant, index)), seconds: (performance.now() - variantStarted) / 1000 };
          } catch (error) {
            outcome = { variant, error: error instanceof Error ? error.message : String(error), seconds: (performance.now() - variantStarted) / 1000 };
            await thread.close();
            thread = undefined;
          }
          outcomes[index] = outcome;
          report(outcome);
        }
      } finally {
        await thread?.close();
      }
    };
    const count = Math.max(1, Math.min(options.parallel, options.variants.length));
    await Promise.all(Array.from({ length: count }, () => slot()));
    return { outcomes, decodeSeconds };
  } finally {
    if (temporaryCache) await rm(temporaryCache, { recursive: true, force: true });
  }
}
