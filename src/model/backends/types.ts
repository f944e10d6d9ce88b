// What a backend must do: start (and say why it cannot), pass the probe
// (backend.ts runs it before the backend is used), train the repeats and
// predict. Training is the one loop of train.ts on every backend; a backend
// chooses only how its steps are computed, through its trainer: the plain
// one (train.ts's plainTrainer: one thread, tfjs's gradient and optimizer,
// the host-memory fast parts where the table's `hostKernels` allows) unless
// it offers its own (WASM: data-parallel steps on two threads, wasm/).
// Adding a backend is one file here plus one row in backend-choice.ts.

import type { BackendInfo, EpochStats } from '../../record.js';
import type { ModelSpec } from '../build.js';
import type { Engine } from '../step.js';
import type { ImageTensorSource, TrainOptions } from '../train.js';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { OptimizerSettings } from '../optimizer.js';

/** The facts a backend's start is told from without starting it (expected-backend.ts reads them; tests pass their own). */
export interface MachineFacts {
  platform: NodeJS.Platform;
  /** GPU nodes present under /dev (Linux): /dev/dri/renderD*, /dev/nvidia<N>, /dev/dxg. */
  gpuNodes: () => string[];
  /** Whether an npm package can be resolved from this tool (as `import` would find it). */
  installed: (name: string) => boolean;
  /** WebAssembly SIMD support, tested as tfjs-backend-wasm tests it. */
  wasmSimd: () => boolean;
}

/** What a backend's record says beyond its table row's name and package (a plain shape: the record schema derives from the table). */
export interface ExpectedDetails {
  simd?: boolean;
  threads?: number;
  trainingThreads?: number;
}

/**
 * What starting a backend would record, told from cheap facts: its details
 * when they are certain; `unknown` (and why) when only starting can tell;
 * `skip` (and why) when auto would certainly pass it over.
 */
export type ExpectedStart = { details: ExpectedDetails } | { unknown: string } | { skip: string };

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

/** Where each layer trains and with which optimizer, for the log and the model card. */
export interface TrainingDescription {
  /** "3 of 4 layers on WASM kernels (conv2d + max_pool, dense); output on tfjs; optimizer adam on WASM kernels". */
  summary: string;
  /** Where each layer-list position trains. */
  engines: Map<number, Engine>;
}

/** How a started backend trains and predicts; opened once per run (or sweep) and used for every repeat. */
export interface Trainer {
  /** Threads that train together: part of the numbers (their float sums). */
  threads: number;
  /** What this trainer adds to the record's backend info (WASM: its training threads). */
  info?: Partial<BackendInfo>;
  describe(model: LayersModel, spec: ModelSpec, batchSize: number, optimizer: OptimizerSettings): TrainingDescription;
  /** The one loop of train.ts, with this trainer's steps. */
  train(model: LayersModel, spec: ModelSpec, source: ImageTensorSource, options: TrainOptions): Promise<EpochStats[]>;
  /** Logits of the chosen images, row-major. */
  predict(model: LayersModel, source: ImageTensorSource, indices: ArrayLike<number>): Promise<Float32Array>;
  close(): Promise<void>;
}

export interface BackendModule {
  start(mode: StartMode): Promise<StartedBackend | NotStarted>;
  /**
   * Its trainer, once started; absent: the plain one. `log` takes lines
   * that say why a faster path did not start (the trainer then is plain).
   */
  trainer?(log: (line: string) => void): Promise<Trainer>;
}

export function notStarted(result: StartedBackend | NotStarted): result is NotStarted {
  return 'reason' in result;
}
