// A sweep's worker thread: runs the variants it is sent, one at a time, with
// the same pipeline as `run`, in its own tfjs engine (a thread has its own).
// Its variants share one backend and training thread, and the data the sweep
// decoded once (the pixels arrive as shared memory, not copies).
// Messages: { type: 'run', options } → { type: 'done', record } | { type: 'failed', message }.
import { parentPort } from 'node:worker_threads';
import { runExperiment } from '../pipeline.js';
import { startSharedTraining } from './training.js';
const port = parentPort;
let training;
port.on('message', (message) => {
    training ??= startSharedTraining(message.options.backend);
    training
        .then((trainingWorker) => runExperiment({ ...message.options, trainingWorker }))
        .then((result) => port.postMessage({ type: 'done', record: result.record }), (error) => {
        // The sweep ends this thread after a failure and starts a fresh one for the next variant.
        port.postMessage({
            type: 'failed',
            message: error instanceof Error ? error.message : String(error),
            name: error instanceof Error ? error.name : 'Error',
        });
    });
});
