// The tool's own version and the versions of the libraries that shape its
// numbers, for the run record.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
function packageVersion(name) {
    try {
        return require(`${name}/package.json`).version;
    }
    catch {
        return 'unknown';
    }
}
// src/ and dist/ both sit one level below the package root.
export const TOOL_VERSION = require('../package.json').version;
export const TOOL_NAME = 'train-and-report';
function libvipsVersion() {
    try {
        return require('sharp').versions.vips;
    }
    catch {
        return 'unknown';
    }
}
export function libraryVersions() {
    return {
        node: process.versions.node,
        'train-and-report': TOOL_VERSION,
        '@tensorflow/tfjs-core': packageVersion('@tensorflow/tfjs-core'),
        '@tensorflow/tfjs-layers': packageVersion('@tensorflow/tfjs-layers'),
        sharp: packageVersion('sharp'),
        libvips: libvipsVersion(),
    };
}
