import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORD_LIMITS, readUntrustedRecord, validateRecord } from '../src/record-schema.js';
import { RecordError } from '../src/record.js';
import { makeRecord } from './report/fixtures.js';
import { baseCard } from './report/model-cards.js';

const HASH = 'ab'.repeat(32);

/** A record as the pipeline writes it (the fixture's hashes made real-looking), as parsed JSON. */
function record(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const value = JSON.parse(JSON.stringify(makeRecord({ sha: 'c'.repeat(40) })));
  value.dataset.contentHash = HASH;
  value.dataset.files = Object.fromEntries(Object.keys(value.dataset.files).map((path) => [path, HASH]));
  return value;
}

function refused(value: unknown, pattern: RegExp): void {
  assert.throws(() => validateRecord(value, 'art/run.json'), (error: unknown) => {
    assert.ok(error instanceof RecordError);
    assert.match(error.message, pattern);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
}

test('a record as the pipeline writes it passes', () => {
  const value = record();
  assert.deepEqual(validateRecord(value, 'art/run.json').metrics, value.metrics);
});

test('a record with several seeds (per-class scores per repeat) and params overrides passes; a repeat naming an unknown class does not', () => {
  const value = JSON.parse(JSON.stringify(makeRecord({ sha: 'c'.repeat(40), repeats: 3 })));
  value.dataset.contentHash = HASH;
  value.dataset.files = Object.fromEntries(Object.keys(value.dataset.files).map((path) => [path, HASH]));
  value.paramsOverride = ['train.lr=0.001'];
  assert.equal(value.repeats[2].perClass.length, value.dataset.classes.length);
  const valid = validateRecord(value, 'art/run.json');
  assert.equal(valid.repeats.length, 3);
  assert.deepEqual(valid.paramsOverride, ['train.lr=0.001']);
  value.repeats[1].perClass[0].label = '@octo-org/admins';
  refused(value, /field "repeats\[1\]\.perClass\[0\]\.label" must be one of dataset\.classes/);
});

test('unknown fields are refused, top-level and nested, by name', () => {
  refused({ ...record(), extra: 1 }, /^art\/run\.json: field "extra" must be absent \(not a field of run records; known: recordVersion, tool/);
  const nested = record();
  nested.dataset.preview = '/etc/passwd';
  refused(nested, /field "dataset\.preview" must be absent/);
  const inParams = record();
  inParams.params.train.evil = 1;
  refused(inParams, /art\/run\.json field "params": unknown key "train\.evil"/);
});

test('wrong types are refused before anything formats them', () => {
  const value = record();
  value.metrics.val_acc = '0.9';
  refused(value, /field "metrics\.val_acc" must be a finite number/);
  const label = record();
  label.predictions[0].trueLabel = { toString: 1 };
  refused(label, /field "predictions\[0\]\.trueLabel" must be a string/);
  const created = record();
  created.createdAt = '2026-01-01 "; rm -rf /';
  refused(created, /field "createdAt" must be a UTC time/);
});

test('sizes are bounded: classes, predictions, and what the report indexes must agree', () => {
  const many = record();
  many.dataset.classes = Array.from({ length: RECORD_LIMITS.classes + 1 }, (_, i) => `c${i}`);
  refused(many, new RegExp(`field "dataset\\.classes" must be an array of at most ${RECORD_LIMITS.classes} entries \\(has ${RECORD_LIMITS.classes + 1}\\)`));
  const predictions = record();
  predictions.predictions = Array.from({ length: RECORD_LIMITS.predictions + 1 }, () => predictions.predictions[0]);
  refused(predictions, /field "predictions" must be an array of at most 100000 entries/);
  const matrix = record();
  matrix.confusionMatrix.pop();
  refused(matrix, /field "confusionMatrix" must be a \d+ × \d+ matrix/);
  const stranger = record();
  stranger.predictions[0].predictedLabel = '@octo-org/admins';
  refused(stranger, /field "predictions\[0\]\.predictedLabel" must be one of dataset\.classes/);
});

test('readUntrustedRecord refuses a file over the cap without reading it, and a link', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'untrusted-'));
  const big = join(folder, 'run.json');
  await writeFile(big, JSON.stringify(record()));
  await assert.rejects(readUntrustedRecord(big, 1000), /run\.json: \d+ bytes, more than the 1000 a run record may have; refusing the artifact/);
  assert.equal((await readUntrustedRecord(big)).recordVersion, 1);
  const link = join(folder, 'link.json');
  await symlink(big, link);
  await assert.rejects(readUntrustedRecord(link), /link\.json: not a regular file \(a link or device\); refusing the artifact/);
});

/** A record with the hand-written model card, as parsed JSON. */
function carded(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return { ...record(), modelCard: JSON.parse(JSON.stringify(baseCard())) };
}

test('a record with a model card passes, and a record without one (older versions) still does', () => {
  const value = carded();
  value.modelCard.optimizer = { name: 'sgd', learningRate: 0.01, momentum: 0.9 };
  const valid = validateRecord(value, 'art/run.json');
  assert.deepEqual(valid.modelCard, value.modelCard);
  assert.equal(validateRecord(record(), 'art/run.json').modelCard, undefined);
});

test('a model card of the wrong shape is refused, naming the field', () => {
  const cases: Array<[(card: Record<string, any>) => void, RegExp]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    [(card) => { card.parameters = '421771'; }, /field "modelCard\.parameters" must be a whole number from 0/],
    [(card) => { card.layers[2].kind = '<img src=x onerror=alert(1)>'; }, /field "modelCard\.layers\[2\]\.kind" must be a layer kind in lower case/],
    [(card) => { card.layers[0].options.filters = { evil: true }; }, /field "modelCard\.layers\[0\]\.options\["filters"\]" must be a finite number or a string of at most 100 characters/],
    [(card) => { card.layers[0].options['Bad Key'] = 1; }, /field "modelCard\.layers\[0\]\.options" must be keyed by option names in lower case/],
    [(card) => { card.layers[0].options.padding = 'x'.repeat(101); }, /field "modelCard\.layers\[0\]\.options\["padding"\]" must be a finite number or a string/],
    [(card) => { card.layers[1].outputShape = [16, 16, -1]; }, /field "modelCard\.layers\[1\]\.outputShape\[2\]" must be a whole number from 1/],
    [(card) => { card.layers[1].engine = 'gpu'; }, /field "modelCard\.layers\[1\]\.engine" must be "wasm", "javascript" or "tfjs"/],
    [(card) => { card.layers = Array.from({ length: RECORD_LIMITS.layers + 2 }, () => card.layers[0]); }, /field "modelCard\.layers" must be an array of at most 1001 entries \(has 1002\)/],
    [(card) => { card.optimizer.name = 'rmsprop'; }, /field "modelCard\.optimizer\.name" must be adam, adamw or sgd/],
    [(card) => { card.inference.msPerImage = -1; }, /field "modelCard\.inference\.msPerImage" must be a finite number, 0 or more/],
    [(card) => { card.training.summary = 'x'.repeat(501); }, /field "modelCard\.training\.summary" must be a string of at most 500 characters/],
    [(card) => { delete card.sizeBytes; }, /field "modelCard\.sizeBytes" must be present/],
    [(card) => { card.preview = '/etc/passwd'; }, /field "modelCard\.preview" must be absent/],
    [(card) => { card.trainableParameters = card.parameters + 1; }, /field "modelCard\.trainableParameters" must be at most modelCard\.parameters \(421771\)/],
  ];
  for (const [spoil, pattern] of cases) {
    const value = carded();
    spoil(value.modelCard);
    refused(value, pattern);
  }
});

test('params.model is bounded before params.ts reads it', () => {
  const many = record();
  many.params.model = Array.from({ length: RECORD_LIMITS.layers + 1 }, () => ({ dense: { units: 8 } }));
  refused(many, /field "params\.model" must be an array of at most 1000 entries \(has 1001\)/);
  const twoKinds = record();
  twoKinds.params.model = [{ dense: { units: 8 } }, { conv2d: { filters: 8 }, dense: { units: 8 } }];
  refused(twoKinds, /field "params\.model\[1\]" must be a mapping of one layer kind to its options/);
  const nested = record();
  nested.params.model = [{ conv2d: { filters: { deep: [1, 2, 3] } } }];
  refused(nested, /field "params\.model\[0\]\.conv2d\["filters"\]" must be a finite number or a string/);
});

test('own fields only: constructor, toString and __proto__ are no fields of a record', async () => {
  const top = record();
  Object.defineProperty(top, 'constructor', { value: { name: 'x' }, enumerable: true });
  refused(top, /field "constructor" must be absent \(a key naming JavaScript object internals is never data\)/);
  const metric = record();
  metric.metrics.toString = 0.5;
  refused(metric, /field "metrics\.toString" must be absent/);
  const keyed = record();
  keyed.dataset.imagesPerClass = Object.fromEntries([...Object.entries(keyed.dataset.imagesPerClass), ['constructor', 3]]);
  refused(keyed, /field "dataset\.imagesPerClass\.constructor" must be absent/);
  // As a file: the parser itself refuses the key, before any object could inherit from it.
  const folder = await mkdtemp(join(tmpdir(), 'proto-'));
  const file = join(folder, 'run.json');
  await writeFile(file, JSON.stringify(record()).replace('{', '{"__proto__": {"polluted": true},'));
  await assert.rejects(readUntrustedRecord(file), /run\.json: the key "__proto__" is not allowed \(it names a JavaScript object's internals, not data\); refusing the artifact/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('metric values are in range: shares from 0 to 1, losses 0 or more', () => {
  const accuracy = record();
  accuracy.metrics.val_acc = 7.5;
  refused(accuracy, /field "metrics\.val_acc" must be a finite number from 0 to 1/);
  const loss = record();
  loss.metrics.val_loss = -1;
  refused(loss, /field "metrics\.val_loss" must be a finite number, 0 or more/);
  const f1 = record();
  f1.perClass[0].f1 = 1.5;
  refused(f1, /field "perClass\[0\]\.f1" must be a finite number from 0 to 1/);
  const history = record();
  history.history[0].val_accuracy = -0.1;
  refused(history, /field "history\[0\]\.val_accuracy" must be a finite number from 0 to 1/);
});

test("a webgpu record with its adapter passes; an adapter's text that could carry markup, or a backend not in the table, is refused", () => {
  const value = record();
  value.backend = {
    name: 'webgpu',
    package: '@tensorflow/tfjs-backend-webgpu',
    adapter: { vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15-0-6-256-bits-', driver: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1', fallback: true },
  };
  assert.deepEqual(validateRecord(value, 'art/run.json').backend, value.backend);
  refused({ ...value, backend: { ...value.backend, adapter: { ...value.backend.adapter, device: '<img src=x>' } } }, /^art\/run\.json: field "backend\.adapter\.device" must be at most 200 letters/);
  refused({ ...value, backend: { ...value.backend, adapter: { ...value.backend.adapter, fallback: 'yes' } } }, /"backend\.adapter\.fallback" must be true or false/);
  refused({ ...value, backend: { ...value.backend, name: 'metal' } }, /"backend\.name" must be webgpu, tensorflow-gpu, tensorflow, wasm or cpu/);
});
