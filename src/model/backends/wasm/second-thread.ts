// The second training thread of two-threads.ts: starts its own WASM
// backend, builds the model of each training it is sent, and serves shard 1
// of every step that the main thread's loop posts in an epoch.

import { workerData, type MessagePort } from 'node:worker_threads';
import type * as tfl from '@tensorflow/tfjs-layers';
import { startBackend } from '../../backend.js';
import { serveSteps, signalFailure, type FromWorker, type SharedTraining, type ToWorker } from './two-threads.js';
import { createModel } from '../../build.js';

const { port } = workerData as { port: MessagePort };
let shared: SharedTraining | undefined;
let model: tfl.LayersModel | undefined;

function fail(error: unknown): void {
  // The message first: the main thread reads it as soon as the flag wakes it.
  port.postMessage({ type: 'failed', message: (error as Error)?.message ?? String(error) } satisfies FromWorker);
  if (shared) signalFailure(shared);
}

function handle(message: ToWorker): void {
  if (message.type === 'train') {
    model?.dispose();
    model = undefined;
    shared = message.shared;
    model = createModel(shared.spec);
  } else if (message.type === 'epoch') {
    if (!model || !shared) throw new Error('an epoch was sent before the training');
    serveSteps(model, shared, message.posted);
  } else {
    model?.dispose();
    model = undefined;
    shared = undefined;
  }
}

try {
  await startBackend('wasm');
  port.on('message', (message: ToWorker) => {
    try {
      handle(message);
    } catch (error) {
      fail(error);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
} catch (error) {
  fail(error);
}
