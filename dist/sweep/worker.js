// A sweep's worker thread: runs the variants it is sent, one at a time, with
// the same pipeline as `run`, in its own tfjs engine (a thread has its own).
// Messages: { type: 'run', options } → { type: 'done', record } | { type: 'failed', message }.
import { parentPort } from 'node:worker_threads';
import { runExperiment } from '../pipeline.js';
const port = parentPort;
port.on('message', (message) => {
    if (message.type === 'stop') {
        port.close();
        return;
    }
    runExperiment({ ...message.options }).then((result) => port.postMessage({ type: 'done', record: result.record }), (error) => port.postMessage({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        name: error instanceof Error ? error.name : 'Error',
    }));
});
