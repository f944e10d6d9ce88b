// Reuse decided before anything is decoded: real runs on the generated sample
// (real tfjs training, real sharp), the base's fingerprint against the PR's
// from its files' bytes, and the report of a reused run.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, cp, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSampleDataset } from '../src/data/sample.js';
import { expectBackend, machineFacts, type MachineFacts } from '../src/expected-backend.js';
import { runExperiment, type RunResult } from '../src/pipeline.js';
import { REUSED_NOTE, writeReport } from '../src/report/index.js';
import { temporaryFolder } from './helpers/images.js';

let work: string;
let sample: string;
let paramsFile: string;
let base: RunResult;

before(async () => {
  work = await temporaryFolder();
  sample = join(work, 'sample');
  await generateSampleDataset({ outDir: sample, imagesPerClass: 8, seed: 5 });
  paramsFile = join(work, 'params.yaml');
  await writeFile(paramsFile, 'train:\n  epochs: 1\n  lr: 0.001\n  repeats: 2\n');
  // auto, as the action runs: on this machine's CPU (lavapipe at most) it starts WASM.
  base = await runExperiment({ dataDir: sample, paramsFile, outDir: join(work, 'base'), backend: 'auto', cacheDir: join(work, 'cache') });
});

/** A copy of the sample for one test to change. */
async function copyOfSample(name: string): Promise<string> {
  const copy = join(work, name);
  await cp(sample, copy, { recursive: true });
  return copy;
}

test("what auto would start, told without starting it, is what a real start recorded", () => {
  assert.deepEqual(expectBackend('auto'), { info: base.record.backend });
  assert.deepEqual(expectBackend('wasm'), { info: base.record.backend });
});

test('auto is unknown until it starts wherever a GPU or native TensorFlow could be taken', () => {
  const facts = (changes: Partial<MachineFacts>): MachineFacts => ({ ...machineFacts(), platform: 'linux', gpuNodes: () => [], installed: () => false, ...changes });
  assert.equal((expectBackend('auto', facts({})) as { info: { name: string } }).info.name, 'wasm');
  assert.match((expectBackend('auto', facts({ gpuNodes: () => ['/dev/dri/renderD128'] })) as { unknown: string }).unknown, /a GPU node is present \(\/dev\/dri\/renderD128\)/);
  assert.match((expectBackend('auto', facts({ installed: (name) => name === '@tensorflow/tfjs-node' })) as { unknown: string }).unknown, /@tensorflow\/tfjs-node is installed/);
  assert.match((expectBackend('auto', facts({ platform: 'darwin' })) as { unknown: string }).unknown, /on darwin only Dawn can tell/);
  assert.ok('unknown' in expectBackend('webgpu', facts({})));
  assert.deepEqual(expectBackend('cpu', facts({})), { info: { name: 'cpu', package: '@tensorflow/tfjs-backend-cpu' } });
  assert.equal((expectBackend('wasm', facts({ wasmSimd: () => false })) as { info: { simd: boolean } }).info.simd, false);
});

test('nothing changed: reused before any image is decoded or any backend starts, and the report says so', async () => {
  const lines: string[] = [];
  const outDir = join(work, 'pr-same');
  const reused = await runExperiment({ dataDir: sample, paramsFile, outDir, backend: 'auto', base: base.record, baseModelDir: base.files.model, cacheDir: join(work, 'cache'), log: (line) => lines.push(line) });
  assert.deepEqual(reused.record.repeats, base.record.repeats);
  assert.ok(reused.record.reused);
  assert.ok(!lines.some((line) => /^(backend|data|split): /.test(line)), `no backend started, nothing decoded:\n${lines.join('\n')}`);
  assert.equal(reused.record.timings.decode, undefined);
  assert.ok(reused.record.timings.fingerprint >= 0);
  assert.ok(lines.some((line) => /its 2 runs are reused from .*; nothing is decoded or trained$/.test(line)), lines.join('\n'));

  const report = await writeReport({ head: reused.record, base: base.record, outDir, dataDir: sample });
  assert.equal(report.verdict, 'no clear change');
  assert.deepEqual(report.images, [], 'a reused run draws no chart: each would show the base twice');
  assert.match(report.markdown, /Nothing that reaches training changed since the base: its 2 runs are reused, nothing was trained\./);
  assert.ok(report.markdown.includes(REUSED_NOTE));
  // What it compared stays: the metrics and every seed, base beside PR.
  assert.match(report.markdown, /\| 77 \| \d\.\d{4} \| \d\.\d{4} \| 0\.0000 \|/);
});

test('one byte of one image changed after a reuse: the run trains, even with that image in the pixel cache', async () => {
  const data = await copyOfSample('data-byte');
  const cacheDir = join(work, 'cache-byte');
  const first = await runExperiment({ dataDir: data, paramsFile, outDir: join(work, 'byte-base'), backend: 'wasm', cacheDir });
  const again = await runExperiment({ dataDir: data, paramsFile, outDir: join(work, 'byte-again'), backend: 'wasm', base: first.record, cacheDir });
  assert.ok(again.record.reused, 'unchanged: reused');
  // A byte after the PNG's end: the same pixels, other bytes; strict: it counts as a change.
  const folder = join(data, first.record.dataset.classes[0]);
  const image = join(folder, (await readdir(folder)).sort()[0]);
  await appendFile(image, Buffer.from([0]));
  const lines: string[] = [];
  const changed = await runExperiment({ dataDir: data, paramsFile, outDir: join(work, 'byte-changed'), backend: 'wasm', base: first.record, cacheDir, log: (line) => lines.push(line) });
  assert.equal(changed.record.reused, undefined);
  assert.ok(lines.some((line) => line.startsWith('training: something that reaches training changed since the base')), lines.join('\n'));
  assert.ok(lines.some((line) => /epoch 1\/1/.test(line)), 'it trained');
  assert.notEqual(changed.record.dataset.contentHash, first.record.dataset.contentHash);
  assert.notEqual(changed.record.fingerprint, first.record.fingerprint);
});

test('an image moved to another class folder, same bytes: the run trains', async () => {
  const data = await copyOfSample('data-moved');
  const first = await runExperiment({ dataDir: data, paramsFile, outDir: join(work, 'moved-base'), backend: 'wasm' });
  const [from, to] = first.record.dataset.classes;
  const name = first.record.split.validation.find((path) => path.startsWith(`${from}/`))!.slice(from.length + 1);
  await rename(join(data, from, name), join(data, to, `moved-${name}`));
  const lines: string[] = [];
  const moved = await runExperiment({ dataDir: data, paramsFile, outDir: join(work, 'moved-pr'), backend: 'wasm', base: first.record, log: (line) => lines.push(line) });
  assert.equal(moved.record.reused, undefined);
  assert.ok(lines.some((line) => line.startsWith('training: something that reaches training changed since the base')), lines.join('\n'));
});

test('a base recorded on another backend is not reused; one on the same backend is', async () => {
  await mkdir(join(work, 'cpu'), { recursive: true });
  const first = await runExperiment({ dataDir: sample, paramsFile, outDir: join(work, 'cpu', 'base'), backend: 'cpu' });
  const lines: string[] = [];
  const other = await runExperiment({ dataDir: sample, paramsFile, outDir: join(work, 'cpu', 'pr-wasm'), backend: 'wasm', base: first.record, log: (line) => lines.push(line) });
  assert.equal(other.record.reused, undefined);
  assert.ok(lines.some((line) => line.startsWith('training: something that reaches training changed')), lines.join('\n'));
  const same = await runExperiment({ dataDir: sample, paramsFile, outDir: join(work, 'cpu', 'pr-cpu'), backend: 'cpu', base: first.record });
  assert.ok(same.record.reused);
  assert.equal(await readFile(join(work, 'cpu', 'pr-cpu', 'metrics.json'), 'utf8'), await readFile(join(work, 'cpu', 'base', 'metrics.json'), 'utf8'));
});
