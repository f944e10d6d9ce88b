// Native TensorFlow (@tensorflow/tfjs-node, or -gpu with CUDA 11.2 and cuDNN
// 8.1): not a dependency of this package. Their install downloads
// libtensorflow, so they are installed only when chosen (the action's
// install step does it for backend: tensorflow and tensorflow-gpu); auto uses
// one only when it is already installed, and never downloads it.

import * as tf from '@tensorflow/tfjs-core';
import { polyfillRemovedUtil, probeBackend, tryImport } from '../backend.js';
import type { BackendModule, NotStarted, StartedBackend } from './types.js';

const FAILING_FIX = 'use backend: auto (it falls back to WASM) or fix the native install';

function nativeBackend(name: 'tensorflow' | 'tensorflow-gpu', packageName: string, installFix: string): BackendModule {
  return {
    async start(): Promise<StartedBackend | NotStarted> {
      polyfillRemovedUtil();
      const loaded = await tryImport(packageName);
      if (!loaded.ok) return { reason: `${packageName}: ${loaded.reason}`, ordinary: loaded.missing, fix: loaded.missing ? installFix : FAILING_FIX };
      if (!(await tf.setBackend('tensorflow'))) return { reason: `${packageName}: the tensorflow backend did not start`, ordinary: false, fix: FAILING_FIX };
      await tf.ready();
      if (name === 'tensorflow-gpu' && (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice !== true) {
        // No GPU is the ordinary case on a CPU runner: not worth a notice.
        return { reason: `${packageName}: loaded, but TensorFlow sees no usable GPU (check the CUDA and cuDNN libraries on the runner)`, ordinary: true, fix: FAILING_FIX };
      }
      const failed = await probeBackend();
      if (failed) return { reason: `${packageName}: loaded, but ${failed}`, ordinary: false, fix: FAILING_FIX };
      return { info: { name, package: packageName }, log: [], notices: [] };
    },
  };
}

export const tensorflow = nativeBackend(
  'tensorflow',
  '@tensorflow/tfjs-node',
  'install it next to train-and-report with `npm install @tensorflow/tfjs-node@4.22.0` (it downloads libtensorflow), or use backend: auto',
);

export const tensorflowGpu = nativeBackend(
  'tensorflow-gpu',
  '@tensorflow/tfjs-node-gpu',
  'install it next to train-and-report with `npm install @tensorflow/tfjs-node-gpu@4.22.0` on a runner with an NVIDIA GPU, CUDA 11.2 and cuDNN 8.1 (it downloads libtensorflow with GPU support), or use backend: webgpu or auto',
);
