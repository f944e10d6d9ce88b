// What a sweep's variants share within one thread: the backend, started
// once, and its trainer (on WASM the second training thread), so that each
// variant does not start, compile and warm up its own.

import { startBackend, type BackendChoice } from '../model/backend.js';
import type { Trainer } from '../model/backends/types.js';

export async function startSharedTraining(backend: BackendChoice | undefined): Promise<Trainer | undefined> {
  const started = await startBackend(backend ?? 'auto');
  const trainer = await started.openTrainer(() => {}).catch(() => undefined);
  if (trainer === undefined || trainer.threads > 1) return trainer;
  // One thread shares nothing worth keeping; where a second thread did not start, each variant tries its own and says why (pipeline.ts).
  await trainer.close();
  return undefined;
}
