import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, decideReuse, seedList, trainingFingerprint, type FingerprintParts } from '../src/fingerprint.js';
import { makeRecord } from './report/fixtures.js';

const PARTS: FingerprintParts = {
  data: 'd'.repeat(64),
  params: { prepare: { seed: 77, split: 0.2 }, train: { lr: 0.0001, repeats: 6 } },
  seeds: seedList(77, 6),
  backend: { name: 'wasm', package: '@tensorflow/tfjs-backend-wasm', simd: true, threads: 1, trainingThreads: 2 },
  numerics: { numerics: 1, node: '24.0.0' },
  machine: 'linux-x64',
};

test('canonical JSON sorts keys at every level, so key order never changes a fingerprint', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }), '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  const reordered = { machine: PARTS.machine, numerics: PARTS.numerics, backend: { trainingThreads: 2, threads: 1, simd: true, package: PARTS.backend.package, name: 'wasm' }, seeds: PARTS.seeds, params: { train: { repeats: 6, lr: 0.0001 }, prepare: { split: 0.2, seed: 77 } }, data: PARTS.data };
  assert.equal(trainingFingerprint(reordered), trainingFingerprint(PARTS));
  assert.match(trainingFingerprint(PARTS), /^[0-9a-f]{64}$/);
});

test('every part that reaches training changes the fingerprint', () => {
  const base = trainingFingerprint(PARTS);
  const changes: Array<[string, FingerprintParts]> = [
    ['one image', { ...PARTS, data: 'e'.repeat(64) }],
    ['a train param', { ...PARTS, params: { ...(PARTS.params as object), train: { lr: 0.001, repeats: 6 } } }],
    ['a prepare param', { ...PARTS, params: { ...(PARTS.params as object), prepare: { seed: 78, split: 0.2 } } }],
    ['the seed list', { ...PARTS, seeds: seedList(78, 6) }],
    ['training threads', { ...PARTS, backend: { ...PARTS.backend, trainingThreads: 1 } }],
    ['the adapter the backend names', { ...PARTS, backend: { name: 'webgpu', package: '@tensorflow/tfjs-backend-webgpu', adapter: { vendor: 'mesa', architecture: 'software', device: 'llvmpipe', driver: 'Mesa 25.0.7', fallback: true } } as unknown as FingerprintParts['backend'] }],
    ['another adapter', { ...PARTS, backend: { name: 'webgpu', package: '@tensorflow/tfjs-backend-webgpu', adapter: { vendor: 'nvidia', architecture: 'ampere', device: '', driver: '', fallback: false } } as unknown as FingerprintParts['backend'] }],
    ['the numerics version', { ...PARTS, numerics: { ...PARTS.numerics, numerics: 2 } }],
    ['the Node version', { ...PARTS, numerics: { ...PARTS.numerics, node: '24.1.0' } }],
    ['the machine', { ...PARTS, machine: 'linux-arm64' }],
  ];
  for (const [what, parts] of changes) assert.notEqual(trainingFingerprint(parts), base, what);
});

test('reuse needs the base\'s fingerprint, all its seeds, and no force', () => {
  const fingerprint = trainingFingerprint(PARTS);
  const base = { ...makeRecord({ repeats: 6, seed: 77 }), fingerprint };
  assert.deepEqual(decideReuse(fingerprint, PARTS.seeds, base, false), { reuse: true });
  assert.deepEqual(decideReuse(fingerprint, PARTS.seeds, base, true), { reuse: false, reason: 'training forced (force-training)' });
  assert.deepEqual(decideReuse(fingerprint, PARTS.seeds, undefined, false), { reuse: false, reason: 'no base record to reuse' });
  const { fingerprint: _none, ...older } = base;
  assert.match((decideReuse(fingerprint, PARTS.seeds, older, false) as { reason: string }).reason, /no training fingerprint/);
  assert.match((decideReuse('f'.repeat(64), PARTS.seeds, base, false) as { reason: string }).reason, /^something that reaches training changed/);
  // A base that stopped its seeds early cannot stand in for a run of all of them.
  const stopped = { ...base, repeats: base.repeats.slice(0, 3) };
  assert.deepEqual(decideReuse(fingerprint, PARTS.seeds, stopped, false), { reuse: false, reason: 'the base record holds results for 3 of the 6 seeds' });
});
