// Picks and starts the tfjs backend. The only module that imports the
// native TensorFlow bindings: they are optional dependencies (their install
// downloads TensorFlow, which is not possible everywhere), so they are loaded
// at run time when present and the portable WASM and CPU backends serve
// otherwise. Every backend is probed with a tiny forward and gradient step
// before it is used: one that loads but cannot compute is skipped by `auto`
// (with a notice) and fails an explicit choice with one line.

import util from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
// The probe takes gradients: tfjs-layers registers them when it loads (training loads it anyway).
import '@tensorflow/tfjs-layers';
import type { BackendInfo } from '../record.js';
import { registerTfjsOverrides } from './engine/tfjs-overrides.js';

import { BackendError, type BackendChoice } from './backend-choice.js';
import { commonJsExports } from '../commonjs.js';

export { BACKEND_CHOICES, BackendError, parseBackendChoice, type BackendChoice } from './backend-choice.js';

const NATIVE_PACKAGES = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
} as const;

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
 */
export function probeBackend(): string | undefined {
  try {
    const [value, ...gradient] = tf.tidy(() => {
      const x = tf.tensor2d([[1, 2]]);
      const weights = tf.tensor2d([[0.5, -0.25], [0.125, 1]]);
      const { value: loss, grad } = tf.valueAndGrad((w: tf.Tensor) => tf.sum(tf.relu(tf.matMul(x, w))))(weights);
      return [...loss.dataSync(), ...grad.dataSync()];
    });
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

async function tryImport(name: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await import(name);
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return { ok: false, reason: 'not installed' };
    return { ok: false, reason: (error as Error).message.split('\n')[0] };
  }
}

function usesGpu(): boolean {
  const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
  return backend.isUsingGpuDevice === true;
}

async function startNative(choice: 'tensorflow-gpu' | 'tensorflow'): Promise<BackendInfo | string> {
  const packageName = NATIVE_PACKAGES[choice];
  polyfillRemovedUtil();
  const loaded = await tryImport(packageName);
  if (!loaded.ok) return `${packageName}: ${loaded.reason}`;
  if (!(await tf.setBackend('tensorflow'))) return `${packageName}: the tensorflow backend did not start`;
  await tf.ready();
  if (choice === 'tensorflow-gpu' && !usesGpu()) return `${packageName}: loaded, but TensorFlow sees no usable GPU (check the CUDA and cuDNN libraries on the runner)`;
  const failed = probeBackend();
  if (failed) return `${packageName}: loaded, but ${failed}`;
  return { name: choice, package: packageName };
}

async function startWasm(threads?: number): Promise<BackendInfo | string> {
  const wasm = commonJsExports(await import('@tensorflow/tfjs-backend-wasm'));
  if (threads !== undefined) wasm.setThreadsCount(threads);
  try {
    if (!(await tf.setBackend('wasm'))) return '@tensorflow/tfjs-backend-wasm: did not start';
    await tf.ready();
  } catch (error) {
    return `@tensorflow/tfjs-backend-wasm: ${(error as Error).message}`;
  }
  registerTfjsOverrides('wasm');
  const failed = probeBackend();
  if (failed) return `@tensorflow/tfjs-backend-wasm: started, but ${failed}`;
  return {
    name: 'wasm',
    package: '@tensorflow/tfjs-backend-wasm',
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: wasm.getThreadsCount(),
  };
}

async function startCpu(): Promise<BackendInfo> {
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  await tf.ready();
  registerTfjsOverrides('cpu');
  const failed = probeBackend();
  if (failed) throw new BackendError(`backend "cpu" (@tensorflow/tfjs-backend-cpu) does not work: ${failed}`);
  return { name: 'cpu', package: '@tensorflow/tfjs-backend-cpu' };
}

const INSTALL_HINT: Record<'tensorflow-gpu' | 'tensorflow', string> = {
  'tensorflow-gpu':
    'install it next to train-and-report with `npm install @tensorflow/tfjs-node-gpu@4.22.0` on a runner with an NVIDIA GPU, CUDA 11.2 and cuDNN 8.1, or use backend: auto',
  tensorflow: 'install it next to train-and-report with `npm install @tensorflow/tfjs-node@4.22.0`, or use backend: auto',
};

/**
 * Starts the requested backend. `auto` tries the native GPU build, the native
 * CPU build, WASM, then the pure-JS CPU backend, and says in `skipped` why
 * the faster ones were not taken; `notices` are the skips worth a warning
 * (installed, but failing), not the ordinary "not installed".
 */
export async function startBackend(choice: BackendChoice): Promise<{ info: BackendInfo; skipped: string[]; notices: string[] }> {
  tf.enableProdMode();
  if (choice === 'tensorflow-gpu' || choice === 'tensorflow') {
    const result = await startNative(choice);
    if (typeof result === 'string') {
      const hint = result.includes(': loaded, but ') ? 'use backend: auto (it falls back to WASM) or fix the native install' : INSTALL_HINT[choice];
      throw new BackendError(`backend "${choice}" is not available (${result}); ${hint}`);
    }
    return { info: result, skipped: [], notices: [] };
  }
  if (choice === 'wasm') {
    const result = await startWasm();
    if (typeof result === 'string') throw new BackendError(`backend "wasm" did not start (${result})`);
    return { info: result, skipped: [], notices: [] };
  }
  if (choice === 'cpu') return { info: await startCpu(), skipped: [], notices: [] };

  const skipped: string[] = [];
  const notices: string[] = [];
  const skip = (reason: string, fallback: string) => {
    skipped.push(reason);
    if (!reason.endsWith(': not installed')) notices.push(`backend auto: ${reason}; falling back to ${fallback}`);
  };
  for (const candidate of ['tensorflow-gpu', 'tensorflow'] as const) {
    const result = await startNative(candidate);
    if (typeof result !== 'string') return { info: result, skipped, notices };
    // No GPU is the ordinary case on a CPU runner: not worth a notice.
    if (result.includes('sees no usable GPU')) skipped.push(result);
    else skip(result, candidate === 'tensorflow-gpu' ? 'the next backend' : 'WASM');
  }
  const wasm = await startWasm();
  if (typeof wasm !== 'string') return { info: wasm, skipped, notices };
  skip(wasm, 'the pure-JS CPU backend');
  return { info: await startCpu(), skipped, notices };
}
