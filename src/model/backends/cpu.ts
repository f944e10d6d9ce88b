// tfjs's pure-JavaScript backend: always there, slow; auto's last resort.

import * as tf from '@tensorflow/tfjs-core';
import { probeBackend } from '../backend.js';
import { registerTfjsOverrides } from './wasm/tfjs-overrides.js';
import type { BackendModule } from './types.js';

export const cpu: BackendModule = {
  async start() {
    await import('@tensorflow/tfjs-backend-cpu');
    await tf.setBackend('cpu');
    await tf.ready();
    registerTfjsOverrides('cpu');
    const failed = await probeBackend();
    if (failed) return { reason: `@tensorflow/tfjs-backend-cpu does not work: ${failed}`, ordinary: false };
    return { info: { name: 'cpu', package: '@tensorflow/tfjs-backend-cpu' }, log: [], notices: [] };
  },
};
