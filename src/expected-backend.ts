// The backend a choice would start, told without starting it: what a run
// whose fingerprint may equal its base's needs before anything is decoded
// (reuse.ts). Starting tfjs, WASM and the GPU adapter listing costs a second
// or two, most of what a reused run would cost. Only what is certain from
// cheap facts is told; everything else is "unknown", and the run starts the
// backend and compares the fingerprint after that, as it always did.
//
// Decided:
// - wasm: its record is fixed by the package (in Node tfjs-backend-wasm never
//   runs its own threads), WebAssembly SIMD support (the same test tfjs runs)
//   and the two training threads the pipeline starts beside it.
// - cpu: its name and package.
// - auto: the table's auto rows in order. webgpu is passed over only where no
//   hardware adapter can exist: on Linux, no GPU node under /dev (DRM render node,
//   NVIDIA's or WSL's); auto never takes a software adapter. Native
//   TensorFlow is passed over when its package is not installed (auto
//   installs nothing). Then wasm, as above.
// - webgpu, tensorflow, tensorflow-gpu, and auto where a GPU node under /dev or a
//   native package is present: unknown (only starting tells the adapter, or
//   whether the native library works).

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BackendInfo } from './record.js';
import { BACKENDS, backendRow, type BackendChoice, type BackendRow } from './model/backend-choice.js';

/** Threads that train together on WASM: model/backends/wasm/two-threads.ts's SHARDS (a test holds them equal). */
export const WASM_TRAINING_THREADS = 2;

/** The facts the prediction rests on; tests pass their own. */
export interface MachineFacts {
  platform: NodeJS.Platform;
  /** GPU nodes present under /dev (Linux): /dev/dri/renderD*, /dev/nvidia<N>, /dev/dxg. */
  gpuNodes: () => string[];
  /** Whether an npm package can be resolved from this tool (as `import` would find it). */
  installed: (name: string) => boolean;
  /** WebAssembly SIMD support, tested as tfjs-backend-wasm tests it. */
  wasmSimd: () => boolean;
}

export type ExpectedBackend = { info: BackendInfo } | { unknown: string };

// wasm-feature-detect's SIMD test, the bytes tfjs-backend-wasm validates for WASM_HAS_SIMD_SUPPORT.
const SIMD_TEST = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11]);

function listDevices(folder: string, pattern: RegExp): string[] {
  try {
    return readdirSync(folder).filter((name) => pattern.test(name)).map((name) => `${folder}/${name}`);
  } catch {
    return [];
  }
}

export function machineFacts(): MachineFacts {
  const require = createRequire(import.meta.url);
  return {
    platform: process.platform,
    gpuNodes: () => [...listDevices('/dev/dri', /^renderD\d+$/), ...listDevices('/dev', /^(nvidia\d+|dxg)$/)],
    installed: (name) => {
      try {
        require.resolve(name);
        return true;
      } catch {
        return false;
      }
    },
    wasmSimd: () => {
      try {
        return WebAssembly.validate(SIMD_TEST);
      } catch {
        return false;
      }
    },
  };
}

function wasmInfo(facts: MachineFacts): BackendInfo {
  const row = backendRow('wasm')!;
  return { name: row.name, package: row.package, simd: facts.wasmSimd(), threads: 1, trainingThreads: WASM_TRAINING_THREADS };
}

/** Whether auto would pass over `row` without starting it (and why), or why only starting it can tell. */
function autoSkips(row: BackendRow, facts: MachineFacts): { skip: true } | { skip: false; why: string } {
  if (row.name === 'webgpu') {
    if (facts.platform !== 'linux') return { skip: false, why: `on ${facts.platform} only Dawn can tell whether a hardware adapter is there` };
    const nodes = facts.gpuNodes();
    // Every hardware Vulkan driver on Linux opens one of these; without one only software adapters exist.
    return nodes.length === 0 ? { skip: true } : { skip: false, why: `a GPU node is present (${nodes[0]})` };
  }
  if (row.name === 'tensorflow' || row.name === 'tensorflow-gpu') {
    return facts.installed(row.package) ? { skip: false, why: `${row.package} is installed` } : { skip: true };
  }
  return { skip: false, why: `backend ${row.name}` };
}

/** The backend `choice` would start on this machine, or why that is unknown until it starts. */
export function expectBackend(choice: BackendChoice, facts: MachineFacts = machineFacts()): ExpectedBackend {
  if (choice === 'wasm') return { info: wasmInfo(facts) };
  if (choice === 'cpu') return { info: { name: 'cpu', package: backendRow('cpu')!.package } };
  if (choice !== 'auto') return { unknown: `backend ${choice} is known only once it starts (its adapter or native library)` };
  for (const row of (BACKENDS as readonly BackendRow[]).filter((candidate) => candidate.auto)) {
    if (row.name === 'wasm') return { info: wasmInfo(facts) };
    const skips = autoSkips(row, facts);
    if (!skips.skip) return { unknown: `auto's choice is known only once it starts: ${skips.why}` };
  }
  return { unknown: "auto's choice is known only once it starts" };
}
