// The tool's own version and the versions of the libraries that shape its
// numbers, for the run record. The package files are imported (not read at
// run time), so that the bundle in dist/ carries them: the release has no
// node_modules/@tensorflow to read them from.

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import tfjsBackendCpuPackage from '@tensorflow/tfjs-backend-cpu/package.json' with { type: 'json' };
import tfjsBackendWasmPackage from '@tensorflow/tfjs-backend-wasm/package.json' with { type: 'json' };
import tfjsBackendWebgpuPackage from '@tensorflow/tfjs-backend-webgpu/package.json' with { type: 'json' };
import tfjsCorePackage from '@tensorflow/tfjs-core/package.json' with { type: 'json' };
import tfjsLayersPackage from '@tensorflow/tfjs-layers/package.json' with { type: 'json' };
import toolPackage from '../package.json' with { type: 'json' };
import { NUMERICS_VERSION } from './fingerprint.js';
import { KERNELS_WASM_BASE64 } from './model/backends/wasm/simd/training.wasm.js';

const require = createRequire(import.meta.url);

export const TOOL_VERSION: string = toolPackage.version;
export const TOOL_NAME = 'train-and-report';

/**
 * A native package's version (not bundled: read from node_modules at run time),
 * 'unknown' where it is not installed (native TensorFlow is opt-in).
 */
function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** sharp is a native package, loaded from node_modules at run time (not bundled). */
function sharpVersions(): { sharp: string; libvips: string } {
  try {
    const sharp = require('sharp') as { versions: { vips: string; sharp?: string } };
    return { sharp: sharp.versions.sharp ?? (require('sharp/package.json') as { version: string }).version, libvips: sharp.versions.vips };
  } catch {
    return { sharp: 'unknown', libvips: 'unknown' };
  }
}

export function libraryVersions(): Record<string, string> {
  const { sharp, libvips } = sharpVersions();
  return {
    node: process.versions.node,
    'train-and-report': TOOL_VERSION,
    '@tensorflow/tfjs-core': tfjsCorePackage.version,
    '@tensorflow/tfjs-layers': tfjsLayersPackage.version,
    sharp,
    libvips,
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
    '@tensorflow/tfjs-backend-wasm': tfjsBackendWasmPackage.version,
    '@tensorflow/tfjs-backend-cpu': tfjsBackendCpuPackage.version,
    '@tensorflow/tfjs-backend-webgpu': tfjsBackendWebgpuPackage.version,
    '@tensorflow/tfjs-node': packageVersion('@tensorflow/tfjs-node'),
    '@tensorflow/tfjs-node-gpu': packageVersion('@tensorflow/tfjs-node-gpu'),
  };
}
