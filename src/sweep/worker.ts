// A sweep's worker thread: runs the variants it is sent, one at a time, with
// the same pipeline as `run`, in its own tfjs engine (a thread has its own).
// Its variants share one backend and training thread, and the data the sweep
// decoded once (the pixels arrive as shared memory, not copies).
// Messages: { type: 'run', options } → { type: 'done', record } | { type: 'failed', message }.

import { parentPort } from 'node:worker_threads';
import type { Trainer } from '../model/backends/types.js';
import { runExperiment, type RunOptions } from '../pipeline.js';
import { startSharedTraining } from './training.js';

export type SweepRunOptions = Omit<RunOptions, 'log' | 'trainer'>;
export type ToSweepWorker = { type: 'run'; options: SweepRunOptions };
export type FromSweepWorker = { type: 'done'; record: unknown } | { type: 'failed'; message: string; name: string };

const port = parentPort!;
let training: Promise<Trainer | undefined> | undefined;

port.on('message', (message: ToSweepWorker) => {
  training ??= startSharedTraining(message.options.backend);
  training
    .then((trainer) => runExperiment({ ...message.options, trainer }))
    .then(
      (result) => port.postMessage({ type: 'done', record: result.record } satisfies FromSweepWorker),
      (error: unknown) => {
        // The sweep ends this thread after a failure and starts a fresh one for the next variant.
        port.postMessage({
          type: 'failed',
          message: error instanceof Error ? error.message : String(error),
          name: error instanceof Error ? error.name : 'Error',
        } satisfies FromSweepWorker);
      },
    );
});
