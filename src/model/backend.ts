// Starts the tfjs backend: the one driver over the table of backends
// (backend-choice.ts), each backend one file in backends/. An explicit choice
// starts that backend or fails with one line that says the fix; `auto` tries
// the table's auto rows in order and says in `skipped` why the earlier ones
// were not taken, and in `notices` those worth a warning (installed, but
// failing). Every backend passes a tiny forward and gradient step (the probe)
// before it is used. The started backend is the pipeline's one door to it:
// its info, and its trainer (backends/types.ts), opened when training needs it.

import util from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
// The probe takes gradients: tfjs-layers registers them when it loads (training loads it anyway).
import '@tensorflow/tfjs-layers';
import type { BackendInfo } from '../record.js';
import { BACKENDS, BackendError, backendRow, type BackendChoice, type BackendRow } from './backend-choice.js';
import { notStarted, type BackendModule, type Trainer } from './backends/types.js';
import { plainTrainer } from './train.js';

export { BACKEND_CHOICES, BackendError, parseBackendChoice, type BackendChoice } from './backend-choice.js';

/**
 * @tensorflow/tfjs-node 4.22's kernel backend calls util.isNullOrUndefined,
 * which Node 23 removed (tfjs issue 8609: fixed upstream, not released), so
 * on Node 24 its first op throws. Put it back, as Node defined it, before the
 * package is loaded; a Node that still has it keeps its own.
 */
export function polyfillRemovedUtil(): void {
  const target = util as unknown as Record<string, unknown>;
  if (typeof target.isNullOrUndefined !== 'function') {
    target.isNullOrUndefined = (value: unknown): boolean => value === null || value === undefined;
  }
}

/**
 * One forward and gradient step of relu(x·W) on the current backend, checked
 * against its known result: undefined when it works, else why not (one line).
 * Read asynchronously: a GPU backend has no synchronous read in Node.
 */
export async function probeBackend(): Promise<string | undefined> {
  try {
    const tensors = tf.tidy(() => {
      const x = tf.tensor2d([[1, 2]]);
      const weights = tf.tensor2d([[0.5, -0.25], [0.125, 1]]);
      const { value: loss, grad } = tf.valueAndGrad((w: tf.Tensor) => tf.sum(tf.relu(tf.matMul(x, w))))(weights);
      return [loss, grad];
    });
    const [value, ...gradient] = [...(await tensors[0].data()), ...(await tensors[1].data())];
    tf.dispose(tensors);
    // relu([0.75, 1.75]) sums to 2.5; d/dW = xᵀ·[1, 1].
    const expected = [2.5, 1, 1, 2, 2];
    if ([value, ...gradient].some((got, i) => !(Math.abs(got - expected[i]) < 1e-5))) {
      return `a test step computed [${[value, ...gradient].join(', ')}] instead of [${expected.join(', ')}]`;
    }
    return undefined;
  } catch (error) {
    return `its first operation failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
  }
}

/** Imports an optional package: why not when it cannot be loaded ("not installed" when absent). */
export async function tryImport(name: string): Promise<{ ok: true; module: unknown } | { ok: false; reason: string; missing: boolean }> {
  try {
    return { ok: true, module: await import(name) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return { ok: false, reason: 'not installed', missing: true };
    return { ok: false, reason: (error as Error).message.split('\n')[0], missing: false };
  }
}

export interface StartResult {
  info: BackendInfo;
  /** Why auto did not take the earlier rows: for the log. */
  skipped: string[];
  /** What the taken backend found and why it took it (a GPU's adapters): for the log. */
  log: string[];
  /** Lines worth a warning in CI. */
  notices: string[];
  /** Opens the backend's trainer (the plain one unless it has its own); `log` says why a faster path did not start. */
  openTrainer(log: (line: string) => void): Promise<Trainer>;
}

function trainerOf(module: BackendModule): StartResult['openTrainer'] {
  return async (log) => (module.trainer ? module.trainer(log) : plainTrainer);
}

/** "WASM" for wasm, else the row's name: how a fallback is named in a notice. */
function fallbackName(row: BackendRow | undefined): string {
  if (!row) return 'nothing';
  return row.name === 'wasm' ? 'WASM' : row.name === 'cpu' ? 'the pure-JS CPU backend' : `backend "${row.name}"`;
}

/** Starts the requested backend (see the top of this file). */
export async function startBackend(choice: BackendChoice): Promise<StartResult> {
  tf.enableProdMode();
  if (choice !== 'auto') {
    const module = await backendRow(choice)!.load();
    const result = await module.start('chosen');
    if (notStarted(result)) throw new BackendError(`backend "${choice}" is not available (${result.reason})${result.fix ? `; ${result.fix}` : ''}`);
    return { info: result.info, skipped: [], log: result.log, notices: result.notices, openTrainer: trainerOf(module) };
  }
  const skipped: string[] = [];
  const notices: string[] = [];
  const candidates = (BACKENDS as readonly BackendRow[]).filter((row) => row.auto);
  for (const [index, row] of candidates.entries()) {
    const module = await row.load();
    const result = await module.start('auto');
    if (!notStarted(result)) return { info: result.info, skipped, log: result.log, notices: [...notices, ...result.notices], openTrainer: trainerOf(module) };
    skipped.push(result.reason);
    if (!result.ordinary) notices.push(`backend auto: ${result.reason}; falling back to ${fallbackName(candidates[index + 1])}`);
  }
  throw new BackendError(`backend "auto": no backend started (${skipped.join('; ')})`);
}
