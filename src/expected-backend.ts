// The backend a choice would start, told without starting it: what a run
// whose fingerprint may equal its base's needs before anything is decoded
// (reuse.ts). Starting tfjs, WASM and the GPU adapter listing costs a second
// or two, most of what a reused run would cost. Each row of the backend
// table says what it can tell from cheap facts (its `expect`); this file
// gathers those facts and walks auto's rows in order. Whatever is not
// certain is "unknown", and the run starts the backend and compares the
// fingerprint after that, as it always did.

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BackendInfo } from './record.js';
import { BACKENDS, backendRow, type BackendChoice, type BackendRow } from './model/backend-choice.js';
import type { ExpectedDetails, MachineFacts } from './model/backends/types.js';

export type { MachineFacts };

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

/** The record's backend info: the row's name and package, then what it told. */
function infoOf(row: BackendRow, details: ExpectedDetails): BackendInfo {
  return { name: row.name as BackendInfo['name'], package: row.package, ...details };
}

/** The backend `choice` would start on this machine, or why that is unknown until it starts. */
export function expectBackend(choice: BackendChoice, facts: MachineFacts = machineFacts()): ExpectedBackend {
  if (choice !== 'auto') {
    const row = backendRow(choice)!;
    const expected = row.expect(facts, 'chosen');
    if ('details' in expected) return { info: infoOf(row, expected.details) };
    return { unknown: `backend ${choice} is known only once it starts: ${'unknown' in expected ? expected.unknown : expected.skip}` };
  }
  for (const row of (BACKENDS as readonly BackendRow[]).filter((candidate) => candidate.auto)) {
    const expected = row.expect(facts, 'auto');
    if ('skip' in expected) continue;
    if ('details' in expected) return { info: infoOf(row, expected.details) };
    return { unknown: `auto's choice is known only once it starts: ${row.name}: ${expected.unknown}` };
  }
  return { unknown: "auto's choice is known only once it starts" };
}
