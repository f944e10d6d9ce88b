// The backend names a user can choose, checked: pure, so that the action's
// inputs and the command line can check a choice without loading tfjs (that
// happens once, in backend.ts, when the run starts).

export const BACKEND_CHOICES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export class BackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendError';
  }
}

export function parseBackendChoice(value: string, source = 'backend'): BackendChoice {
  if ((BACKEND_CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new BackendError(`${source} must be one of ${BACKEND_CHOICES.join(', ')}; got "${value}"`);
}
