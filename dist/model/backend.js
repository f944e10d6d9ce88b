// Picks and starts the tfjs backend. The only module that imports the
// native TensorFlow bindings: they are optional dependencies (their install
// downloads TensorFlow, which is not possible everywhere), so they are loaded
// at run time when present and the portable WASM and CPU backends serve
// otherwise.
import * as tf from '@tensorflow/tfjs-core';
import { registerTrainingKernels } from './kernels.js';
export const BACKEND_CHOICES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
export class BackendError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BackendError';
    }
}
export function parseBackendChoice(value, source = 'backend') {
    if (BACKEND_CHOICES.includes(value))
        return value;
    throw new BackendError(`${source} must be one of ${BACKEND_CHOICES.join(', ')}; got "${value}"`);
}
const NATIVE_PACKAGES = {
    'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
    tensorflow: '@tensorflow/tfjs-node',
};
async function tryImport(name) {
    try {
        await import(name);
        return { ok: true };
    }
    catch (error) {
        const code = error.code;
        if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
            return { ok: false, reason: 'not installed' };
        return { ok: false, reason: error.message.split('\n')[0] };
    }
}
function usesGpu() {
    const backend = tf.backend();
    return backend.isUsingGpuDevice === true;
}
async function startNative(choice) {
    const packageName = NATIVE_PACKAGES[choice];
    const loaded = await tryImport(packageName);
    if (!loaded.ok)
        return `${packageName}: ${loaded.reason}`;
    if (!(await tf.setBackend('tensorflow')))
        return `${packageName}: the tensorflow backend did not start`;
    await tf.ready();
    if (choice === 'tensorflow-gpu' && !usesGpu())
        return `${packageName}: loaded, but TensorFlow sees no usable GPU (check the CUDA and cuDNN libraries on the runner)`;
    return { name: choice, package: packageName };
}
async function startWasm(threads) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (threads !== undefined)
        wasm.setThreadsCount(threads);
    try {
        if (!(await tf.setBackend('wasm')))
            return '@tensorflow/tfjs-backend-wasm: did not start';
        await tf.ready();
    }
    catch (error) {
        return `@tensorflow/tfjs-backend-wasm: ${error.message}`;
    }
    registerTrainingKernels('wasm');
    return {
        name: 'wasm',
        package: '@tensorflow/tfjs-backend-wasm',
        simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
        threads: wasm.getThreadsCount(),
    };
}
async function startCpu() {
    await import('@tensorflow/tfjs-backend-cpu');
    await tf.setBackend('cpu');
    await tf.ready();
    registerTrainingKernels('cpu');
    return { name: 'cpu', package: '@tensorflow/tfjs-backend-cpu' };
}
const INSTALL_HINT = {
    'tensorflow-gpu': 'install it next to train-and-report with `npm install @tensorflow/tfjs-node-gpu@4.22.0` on a runner with an NVIDIA GPU, CUDA 11.2 and cuDNN 8.1, or use backend: auto',
    tensorflow: 'install it next to train-and-report with `npm install @tensorflow/tfjs-node@4.22.0`, or use backend: auto',
};
/**
 * Starts the requested backend. `auto` tries the native GPU build, the native
 * CPU build, WASM, then the pure-JS CPU backend, and says in `skipped` why
 * the faster ones were not taken.
 */
export async function startBackend(choice) {
    tf.enableProdMode();
    if (choice === 'tensorflow-gpu' || choice === 'tensorflow') {
        const result = await startNative(choice);
        if (typeof result === 'string')
            throw new BackendError(`backend "${choice}" is not available (${result}); ${INSTALL_HINT[choice]}`);
        return { info: result, skipped: [] };
    }
    if (choice === 'wasm') {
        const result = await startWasm();
        if (typeof result === 'string')
            throw new BackendError(`backend "wasm" did not start (${result})`);
        return { info: result, skipped: [] };
    }
    if (choice === 'cpu')
        return { info: await startCpu(), skipped: [] };
    const skipped = [];
    for (const candidate of ['tensorflow-gpu', 'tensorflow']) {
        const result = await startNative(candidate);
        if (typeof result !== 'string')
            return { info: result, skipped };
        skipped.push(result);
    }
    const wasm = await startWasm();
    if (typeof wasm !== 'string')
        return { info: wasm, skipped };
    skipped.push(wasm);
    return { info: await startCpu(), skipped };
}
