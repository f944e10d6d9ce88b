// The table of backends: the one place a backend is named. The CLI's
// choices, the action input's description, the record schema's names and
// the docs derive from it (tests check action.yml and the docs against it).
// Pure: the action's inputs and the command line check a choice without
// loading tfjs; a row's module is imported only when that backend starts
// (backend.ts). Adding a backend is one file in backends/ (its start, and its
// trainer if the plain one of train.ts will not do: backends/types.ts) and
// one row here, which also says what its start would record, told without
// starting it; the pipeline talks only to the started backend. The action
// input's description and the docs' tables are prose that tests check
// against this table.

import type { AdapterInfo, BackendInfo } from '../record.js';
import type { BackendModule, ExpectedStart, MachineFacts, StartMode } from './backends/types.js';
import { SHARDS } from './backends/wasm/shards.js';

export interface BackendRow {
  name: string;
  /** The npm package that computes on it. */
  package: string;
  /** One line for the docs and the action input's description. */
  summary: string;
  /**
   * Whether `auto` tries it, in table order. A row auto tries must never
   * download anything and must refuse what would make one runner's choice
   * change from run to run (a software GPU adapter).
   */
  auto: boolean;
  /**
   * Whether the project's host-memory parts serve on it (the conv block's
   * JavaScript gradients read values synchronously): false where tensors live
   * on a GPU, whose reads are asynchronous; the plain tfjs path trains there.
   */
  hostKernels: boolean;
  /** The name tfjs registers it under. */
  tfjsName: string;
  /**
   * What starting it would record, told without starting it (a reused run
   * needs to know before it loads tfjs: expected-backend.ts). Only what is
   * certain from cheap facts is told; anything else is `unknown`.
   */
  expect: (facts: MachineFacts, mode: StartMode) => ExpectedStart;
  load: () => Promise<BackendModule>;
}

/** Native TensorFlow: auto passes it over when its package is not installed (auto installs nothing); whether its library works, only starting tells. */
function expectNative(pkg: string) {
  return (facts: MachineFacts, mode: StartMode): ExpectedStart => {
    if (mode === 'auto' && !facts.installed(pkg)) return { skip: `${pkg} is not installed` };
    return { unknown: mode === 'auto' ? `${pkg} is installed` : 'only starting tells whether its native library works' };
  };
}

export const BACKENDS = [
  {
    name: 'webgpu',
    package: '@tensorflow/tfjs-backend-webgpu',
    summary: 'any GPU through its Vulkan, Metal or Direct3D driver (Dawn\'s Node bindings, no CUDA); auto takes it on a hardware adapter only',
    auto: true,
    hostKernels: false,
    tfjsName: 'webgpu',
    expect: (facts, mode) => {
      if (mode === 'chosen') return { unknown: 'only starting tells which adapter it finds' };
      if (facts.platform !== 'linux') return { unknown: `on ${facts.platform} only Dawn can tell whether a hardware adapter is there` };
      // Every hardware Vulkan driver on Linux opens one of these; without one only software adapters exist, which auto never takes.
      const nodes = facts.gpuNodes();
      return nodes.length === 0 ? { skip: 'no GPU node under /dev' } : { unknown: `a GPU node is present (${nodes[0]})` };
    },
    load: async () => (await import('./backends/webgpu.js')).webgpu,
  },
  {
    name: 'tensorflow-gpu',
    package: '@tensorflow/tfjs-node-gpu',
    summary: 'native TensorFlow with CUDA 11.2 and cuDNN 8.1; installed only when chosen (it downloads libtensorflow with GPU support)',
    auto: true,
    hostKernels: true,
    tfjsName: 'tensorflow',
    expect: expectNative('@tensorflow/tfjs-node-gpu'),
    load: async () => (await import('./backends/tensorflow.js')).tensorflowGpu,
  },
  {
    name: 'tensorflow',
    package: '@tensorflow/tfjs-node',
    summary: 'native TensorFlow on the CPU; installed only when chosen (it downloads libtensorflow)',
    auto: true,
    hostKernels: true,
    tfjsName: 'tensorflow',
    expect: expectNative('@tensorflow/tfjs-node'),
    load: async () => (await import('./backends/tensorflow.js')).tensorflow,
  },
  {
    name: 'wasm',
    package: '@tensorflow/tfjs-backend-wasm',
    summary: 'WebAssembly with SIMD and the project\'s own kernels on two training threads: the tested default',
    auto: true,
    hostKernels: true,
    tfjsName: 'wasm',
    // Fixed by the package (in Node tfjs-backend-wasm never runs threads of its own), SIMD support and the training threads.
    expect: (facts) => ({ details: { simd: facts.wasmSimd(), threads: 1, trainingThreads: SHARDS } }),
    load: async () => (await import('./backends/wasm.js')).wasm,
  },
  {
    name: 'cpu',
    package: '@tensorflow/tfjs-backend-cpu',
    summary: 'plain JavaScript: slow, the last resort',
    auto: true,
    hostKernels: true,
    tfjsName: 'cpu',
    expect: () => ({ details: {} }),
    load: async () => (await import('./backends/cpu.js')).cpu,
  },
] as const satisfies readonly BackendRow[];

export type BackendName = (typeof BACKENDS)[number]['name'];
export const BACKEND_NAMES: readonly BackendName[] = BACKENDS.map((row) => row.name);
export const BACKEND_CHOICES = ['auto', ...BACKEND_NAMES] as const;
export type BackendChoice = 'auto' | BackendName;

export function backendRow(name: string): BackendRow | undefined {
  return (BACKENDS as readonly BackendRow[]).find((row) => row.name === name);
}

/** Whether the project's host-memory parts serve on the tfjs backend now active (by its tfjs name). */
export function hostKernelsServe(tfjsName: string): boolean {
  return (BACKENDS as readonly BackendRow[]).filter((row) => row.tfjsName === tfjsName).every((row) => row.hostKernels);
}

/** "a, b, c or d": the names as a sentence lists them. */
export function backendNamesInWords(names: readonly string[] = BACKEND_CHOICES): string {
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** "nvidia ampere NVIDIA A10G (driver 550.54) [hardware]": an adapter in the log and the report. */
export function describeAdapter(info: AdapterInfo): string {
  const words = [info.vendor, info.architecture, info.device].filter((word) => word !== '');
  return `${words.join(' ') || 'unnamed adapter'}${info.driver ? ` (${info.driver})` : ''} [${info.fallback ? 'software' : 'hardware'}]`;
}

/** What trained, in one line: "wasm (SIMD on, 2 threads)", "webgpu on nvidia ampere … [hardware]". */
export function describeBackend(info: BackendInfo): string {
  if (info.adapter) return `${info.name} on ${describeAdapter(info.adapter)}`;
  if (info.simd !== undefined) return `${info.name} (SIMD ${info.simd ? 'on' : 'off'}, ${info.threads} thread${info.threads === 1 ? '' : 's'})`;
  return info.name;
}

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
