// The tool's own version and the versions of the libraries that shape its
// numbers, for the run record.

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { NUMERICS_VERSION } from './fingerprint.js';
import { KERNELS_WASM_BASE64 } from './model/backends/wasm/simd/training.wasm.js';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

// src/ and dist/ both sit one level below the package root.
export const TOOL_VERSION: string = (require('../package.json') as { version: string }).version;
export const TOOL_NAME = 'train-and-report';

function libvipsVersion(): string {
  try {
    return (require('sharp') as { versions: { vips: string } }).versions.vips;
  } catch {
    return 'unknown';
  }
}

export function libraryVersions(): Record<string, string> {
  return {
    node: process.versions.node,
    'train-and-report': TOOL_VERSION,
    '@tensorflow/tfjs-core': packageVersion('@tensorflow/tfjs-core'),
    '@tensorflow/tfjs-layers': packageVersion('@tensorflow/tfjs-layers'),
    sharp: packageVersion('sharp'),
    libvips: libvipsVersion(),
  };
}

/**
 * What decides the numbers a run computes, beyond its data, params and
 * backend: the tool's numerics version, the hash of its WebAssembly kernels,
 * the tool's own version and every library version above, and the backend
 * packages' versions. Part of the training fingerprint.
 */
export function numericsVersions(): Record<string, string | number> {
  return {
    numerics: NUMERICS_VERSION,
    kernels: createHash('sha256').update(KERNELS_WASM_BASE64).digest('hex'),
    ...libraryVersions(),
    '@tensorflow/tfjs-backend-wasm': packageVersion('@tensorflow/tfjs-backend-wasm'),
    '@tensorflow/tfjs-backend-cpu': packageVersion('@tensorflow/tfjs-backend-cpu'),
    '@tensorflow/tfjs-node': packageVersion('@tensorflow/tfjs-node'),
    '@tensorflow/tfjs-node-gpu': packageVersion('@tensorflow/tfjs-node-gpu'),
  };
}
