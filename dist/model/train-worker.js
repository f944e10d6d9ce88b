// The second training thread of data-parallel.ts: starts its own WASM
// backend, builds the same model, and runs shard 1 of every epoch it is sent.
import { workerData } from 'node:worker_threads';
import { startBackend } from './backend.js';
import { signalFailure, trainShardEpoch } from './data-parallel.js';
import { createModel } from './model.js';
const { shared, port } = workerData;
function fail(error) {
    signalFailure(shared);
    port.postMessage({ type: 'failed', message: error?.message ?? String(error) });
    port.close();
}
try {
    await startBackend('wasm');
    const model = createModel(shared.spec);
    port.on('message', (message) => {
        if (message.type === 'stop') {
            model.dispose();
            port.close();
            return;
        }
        try {
            trainShardEpoch(model, shared, 1, message.trainCount, message.step, message.classes);
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
