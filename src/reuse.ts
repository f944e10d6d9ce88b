// Whether a run may take its base's results, decided before anything is
// decoded or any backend starts: the data's fingerprint comes from the files'
// bytes (each file's sha256 and its path, class folder included), the
// backend's from what the choice would start (expected-backend.ts). A reused
// run then costs a listing, one read of every file and the report.

import { DatasetError, hashDataset, listDataset } from './data/dataset.js';
import { expectBackend, type MachineFacts } from './expected-backend.js';
import { decideReuse, seedList, trainingFingerprint } from './fingerprint.js';
import type { BackendChoice } from './model/backend-choice.js';
import type { Params } from './params.js';
import type { RunRecord } from './record.js';
import { recordedParams } from './record-builder.js';
import { numericsVersions } from './version.js';

export type EarlyReuse =
  | { reuse: true; fingerprint: string }
  /** `decided`: the fingerprint was computed and differs (or reuse is ruled out); else it must wait for the backend or the decoder. */
  | { reuse: false; reason: string; decided: boolean };

export interface EarlyReuseInput {
  dataDir: string;
  params: Params;
  base: RunRecord;
  backend: BackendChoice;
  force: boolean;
  facts?: MachineFacts;
}

export async function reuseBeforeDecoding(input: EarlyReuseInput): Promise<EarlyReuse> {
  const seeds = seedList(input.params.train.seed, input.params.train.repeats);
  // Ruled out whatever this run's fingerprint is (forced, a command's base, an older base, missing seeds): checked with the base's own.
  const ruledOut = decideReuse(input.base.fingerprint as string, seeds, input.base, input.force);
  if (!ruledOut.reuse) return { reuse: false, reason: ruledOut.reason, decided: true };
  const expected = expectBackend(input.backend, input.facts);
  if ('unknown' in expected) return { reuse: false, reason: expected.unknown, decided: false };
  let data: string;
  try {
    data = (await hashDataset(await listDataset(input.dataDir))).contentHash;
  } catch (error) {
    // An unreadable file: decoding says what to do about it (params' on_bad_image).
    if (error instanceof DatasetError) return { reuse: false, reason: error.message, decided: false };
    throw error;
  }
  const fingerprint = trainingFingerprint({
    data,
    params: recordedParams(input.params),
    seeds,
    backend: expected.info,
    numerics: numericsVersions(),
    machine: `${process.platform}-${process.arch}`,
  });
  const decision = decideReuse(fingerprint, seeds, input.base, input.force);
  return decision.reuse ? { reuse: true, fingerprint } : { reuse: false, reason: decision.reason, decided: true };
}
