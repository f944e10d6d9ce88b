// What a sweep's variants share within one thread: the backend, started
// once, and on WASM the second training thread (model/backends/wasm/two-threads.ts),
// so that each variant does not start, compile and warm up its own.

import { startBackend, type BackendChoice } from '../model/backend.js';
import { TrainingWorker } from '../model/backends/wasm/two-threads.js';

export async function startSharedTraining(backend: BackendChoice | undefined): Promise<TrainingWorker | undefined> {
  const { info } = await startBackend(backend ?? 'auto');
  if (info.name !== 'wasm') return undefined;
  // When it does not start, each variant tries its own and says why (pipeline.ts).
  return TrainingWorker.start().catch(() => undefined);
}
