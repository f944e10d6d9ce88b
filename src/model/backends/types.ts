// What a backend must do: start (and say why it cannot), with the probe run
// before it is used. Training and prediction go through the one loop
// (train.ts) on whichever backend is active; a backend changes only which
// fast parts serve inside it (the table's `hostKernels`, WASM's second
// training thread).

import type { BackendInfo } from '../../record.js';

/** `chosen`: the user named this backend; `auto`: auto tries it and it must refuse what auto may not take. */
export type StartMode = 'chosen' | 'auto';

export interface StartedBackend {
  info: BackendInfo;
  /** Lines for the log: what was found and why it was taken. */
  log: string[];
  /** Lines worth a warning in CI (e.g. a software GPU adapter: it is slow). */
  notices: string[];
}

/** Why a backend did not start: one line, and whether it is worth a notice under auto (installed but failing). */
export interface NotStarted {
  reason: string;
  /** Ordinary absence (not installed, no GPU): logged, not a warning. */
  ordinary: boolean;
  /** For an explicit choice: what to do about it. */
  fix?: string;
}

export interface BackendModule {
  start(mode: StartMode): Promise<StartedBackend | NotStarted>;
}

export function notStarted(result: StartedBackend | NotStarted): result is NotStarted {
  return 'reason' in result;
}
