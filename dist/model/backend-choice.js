// The backend names a user can choose, checked: pure, so that the action's
// inputs and the command line can check a choice without loading tfjs (that
// happens once, in backend.ts, when the run starts).
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
