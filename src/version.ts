// The tool's own version and the versions of the libraries that shape its
// numbers, for the run record. The package files are imported (not read at
// run time), so that the bundle in dist/ carries them: the release has no
// node_modules/@tensorflow to read them from.

import { createRequire } from 'node:module';
import tfjsCorePackage from '@tensorflow/tfjs-core/package.json' with { type: 'json' };
import tfjsLayersPackage from '@tensorflow/tfjs-layers/package.json' with { type: 'json' };
import toolPackage from '../package.json' with { type: 'json' };

const require = createRequire(import.meta.url);

export const TOOL_VERSION: string = toolPackage.version;
export const TOOL_NAME = 'train-and-report';

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
