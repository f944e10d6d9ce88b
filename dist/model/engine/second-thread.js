// The second training thread of two-threads.ts: starts its own WASM
// backend, builds the model of each training it is sent, and runs shard 1 of
// every epoch.
import { workerData } from 'node:worker_threads';
import { startBackend } from '../backend.js';
import { signalFailure, trainShardEpoch } from './two-threads.js';
import { createModel } from '../build.js';
const { port } = workerData;
let shared;
let model;
function fail(error) {
    // The message first: the main thread reads it as soon as the flag wakes it.
    port.postMessage({ type: 'failed', message: error?.message ?? String(error) });
    if (shared)
        signalFailure(shared);
}
function handle(message) {
    if (message.type === 'train') {
        model?.dispose();
        model = undefined;
        shared = message.shared;
        model = createModel(shared.spec);
    }
    else if (message.type === 'epoch') {
        if (!model || !shared)
            throw new Error('an epoch was sent before the training');
        trainShardEpoch(model, shared, 1, message.trainCount, message.step, message.classes);
    }
    else {
        model?.dispose();
        model = undefined;
        shared = undefined;
    }
}
try {
    await startBackend('wasm');
    port.on('message', (message) => {
        try {
            handle(message);
        }
        catch (error) {
            fail(error);
        }
    });
    port.postMessage({ type: 'ready' });
}
catch (error) {
    fail(error);
}
