// The training fingerprint: one hash of everything that reaches training, so
// that a run whose fingerprint equals its base's can take the base's per-seed
// results instead of training them again (DVC's run-cache, stricter: see
// docs/verdict.md, "Reusing unchanged runs"). Pure: the caller gathers the
// parts (data hash, params, backend, versions) and this module only decides.

import { createHash } from 'node:crypto';
import type { BackendInfo, RunRecord } from './record.js';

/**
 * Bumped by hand with every change of this tool that moves a trained number
 * (a kernel, the loop, an initialiser, the evaluation): runs recorded before
 * it are then trained again, not reused. The WebAssembly kernels' bytes are
 * in the fingerprint on their own, so a change of training.wat needs no bump.
 */
export const NUMERICS_VERSION = 1;

export interface FingerprintParts {
  /**
   * sha256 over the paths (class folder included) and bytes of every listed
   * image, bad ones included (data/dataset.ts's hashDataset and listedHash):
   * known before anything is decoded. Equals the record's dataset.contentHash
   * when no image was skipped.
   */
  data: string;
  /** Every param as recorded (prepare, train, model), defaults filled in. */
  params: unknown;
  /** The seeds trained, in order. */
  seeds: number[];
  /** The backend as recorded: its name, package, SIMD, threads, training threads and whatever else it names (an adapter). */
  backend: BackendInfo;
  /** NUMERICS_VERSION, the kernels' hash, and the versions of the tool, Node and every library that computes (version.ts). */
  numerics: Record<string, string | number>;
  /** Machine architecture and platform: the same code may round differently elsewhere. */
  machine: string;
}

/** JSON with object keys sorted at every level, so that the same values always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function trainingFingerprint(parts: FingerprintParts): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/** The seed list a run trains: train.seed, +1, … (train.repeats of them). */
export function seedList(seed: number, repeats: number): number[] {
  return Array.from({ length: repeats }, (_, i) => seed + i);
}

export type ReuseDecision = { reuse: true } | { reuse: false; reason: string };

/**
 * Whether a run with `fingerprint` may take `base`'s results: only when the
 * base recorded the same fingerprint and a result for every seed, and training
 * was not forced. The reason is one line for the log.
 */
export function decideReuse(fingerprint: string, seeds: readonly number[], base: RunRecord | undefined, force: boolean): ReuseDecision {
  if (!base) return { reuse: false, reason: 'no base record to reuse' };
  if (force) return { reuse: false, reason: 'training forced (force-training)' };
  // A training command's record has no fingerprint either; its runs are never reused.
  if (base.trainer !== undefined) return { reuse: false, reason: 'the base was trained by a training command, not the built-in trainer' };
  if (typeof base.fingerprint !== 'string') return { reuse: false, reason: 'the base record has no training fingerprint (written by an older version of the tool)' };
  if (base.fingerprint !== fingerprint) return { reuse: false, reason: 'something that reaches training changed since the base (data, params, seeds, backend or the tool\'s numerics)' };
  // A base that stopped its seeds early (a local run against its own base) lacks some seeds' results.
  const recorded = Array.isArray(base.repeats) ? base.repeats.map((repeat) => repeat?.seed) : [];
  if (recorded.length !== seeds.length || seeds.some((seed, i) => recorded[i] !== seed)) {
    return { reuse: false, reason: `the base record holds results for ${recorded.length} of the ${seeds.length} seeds` };
  }
  return { reuse: true };
}
