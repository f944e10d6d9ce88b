// tfjs's WebAssembly backend with the project's SIMD kernels (wasm/): the
// tested default. Its trainer takes data-parallel steps on two threads
// (wasm/two-threads.ts); when the second thread does not start, the plain
// one on this thread.

import * as tf from '@tensorflow/tfjs-core';
import { probeBackend } from '../backend.js';
import { registerTfjsOverrides } from './wasm/tfjs-overrides.js';
import type { BackendModule } from './types.js';
import { plainTrainer } from '../train.js';
import { TrainingWorker, twoThreadTrainer } from './wasm/two-threads.js';
import { commonJsExports } from '../../commonjs.js';

export const wasm: BackendModule = {
  async start() {
    const backend = commonJsExports(await import('@tensorflow/tfjs-backend-wasm'));
    try {
      if (!(await tf.setBackend('wasm'))) return { reason: '@tensorflow/tfjs-backend-wasm: did not start', ordinary: false };
      await tf.ready();
    } catch (error) {
      return { reason: `@tensorflow/tfjs-backend-wasm: ${(error as Error).message}`, ordinary: false };
    }
    registerTfjsOverrides('wasm');
    const failed = await probeBackend();
    if (failed) return { reason: `@tensorflow/tfjs-backend-wasm: started, but ${failed}`, ordinary: false };
    return {
      info: { name: 'wasm', package: '@tensorflow/tfjs-backend-wasm', simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: backend.getThreadsCount() },
      log: [],
      notices: [],
    };
  },
  async trainer(log) {
    try {
      return twoThreadTrainer(await TrainingWorker.start());
    } catch (error) {
      log(`training on one thread: the second training thread did not start (${(error as Error).message})`);
      // The number of threads that trained together changes the float sums: the record says it.
      return { ...plainTrainer, info: { trainingThreads: 1 } };
    }
  },
};
