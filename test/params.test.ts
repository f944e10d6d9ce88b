import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyOverrides, DEFAULT_PARAMS, formatParams, loadParams, parseOverrides, parseParams, ParamsError } from '../src/params.js';
import { temporaryFolder } from './helpers/images.js';

test('defaults are the notebook values', () => {
  assert.deepEqual(DEFAULT_PARAMS.prepare, { seed: 77, split: 0.2, image_size: [32, 32], grayscale: true, on_bad_image: 'fail' });
  assert.deepEqual(DEFAULT_PARAMS.train, { seed: 77, lr: 0.0001, epochs: 5, batch_size: 32, conv_size: 32, dense_size: 64, repeats: 6 });
});

test('given keys override defaults, others keep them', () => {
  const params = parseParams('train:\n  lr: 0.001\n  epochs: 10\nprepare:\n  image_size: [64, 48]\n', 'p.yaml');
  assert.equal(params.train.lr, 0.001);
  assert.equal(params.train.epochs, 10);
  assert.equal(params.train.batch_size, 32);
  assert.deepEqual(params.prepare.image_size, [64, 48]);
  assert.equal(params.prepare.split, 0.2);
});

test('an empty file or empty section means defaults', () => {
  assert.deepEqual(parseParams('', 'p.yaml'), DEFAULT_PARAMS);
  assert.deepEqual(parseParams('train:\n', 'p.yaml'), DEFAULT_PARAMS);
});

const refused: [string, string, RegExp][] = [
  ['malformed YAML', 'train:\n  lr: [0.1\n', /p\.yaml: not valid YAML at line \d+/],
  ['unknown key, close to a known one', 'train:\n  learning_rate: 0.1\n  epoch: 3\n', /unknown key "train\.learning_rate"; known keys/],
  ['typo suggests the closest key', 'train:\n  epoch: 3\n', /unknown key "train\.epoch"; did you mean "epochs"\?/],
  ['unknown section', 'trian:\n  lr: 0.1\n', /unknown key "trian"; did you mean "train"\?/],
  ['wrong type', 'train:\n  epochs: "five"\n', /"train\.epochs" must be a whole number from 1 to 10000; got "five"/],
  ['split 0', 'prepare:\n  split: 0\n', /"prepare\.split" must be a number between 0 and 1 \(exclusive\)/],
  ['split 1', 'prepare:\n  split: 1\n', /"prepare\.split" must be a number between 0 and 1/],
  ['epochs 0', 'train:\n  epochs: 0\n', /"train\.epochs" must be a whole number from 1/],
  ['image_size with 0', 'prepare:\n  image_size: [0, 32]\n', /"prepare\.image_size" must be two whole numbers/],
  ['image_size with 5 numbers', 'prepare:\n  image_size: [32, 32, 1, 2, 3]\n', /"prepare\.image_size" must be two whole numbers/],
  ['negative lr', 'train:\n  lr: -0.1\n', /"train\.lr" must be a positive number/],
  ['grayscale not boolean', 'prepare:\n  grayscale: "yes"\n', /"prepare\.grayscale" must be true or false/],
  ['on_bad_image unknown', 'prepare:\n  on_bad_image: ignore\n', /"prepare\.on_bad_image" must be "fail" or "skip"/],
  ['not a mapping', '- 1\n- 2\n', /expected a mapping with "prepare:" and "train:" sections/],
  ['section not a mapping', 'train: 5\n', /"train" must be a mapping of keys/],
];
for (const [name, text, message] of refused) {
  test(`refused: ${name}`, () => {
    assert.throws(() => parseParams(text, 'p.yaml'), (error: unknown) => error instanceof ParamsError && message.test(error.message));
  });
}

test('a missing file gives the defaults and says so', async () => {
  const folder = await temporaryFolder();
  const loaded = await loadParams(join(folder, 'params.yaml'));
  assert.equal(loaded.fromFile, false);
  assert.deepEqual(loaded.params, DEFAULT_PARAMS);
});

test('a folder in place of the file is a clear error', async () => {
  const folder = await temporaryFolder();
  await assert.rejects(loadParams(folder), /is a folder; pass the path of a params\.yaml file/);
});

test('formatParams writes a file that parses back to the same params', async () => {
  const folder = await temporaryFolder();
  const params = parseParams('train:\n  lr: 0.001\n  repeats: 3\nprepare:\n  grayscale: false\n  on_bad_image: skip\n', 'p.yaml');
  await writeFile(join(folder, 'params.yaml'), formatParams(params));
  assert.deepEqual((await loadParams(join(folder, 'params.yaml'))).params, params);
});

// ---- overrides (--set, params-override) ---------------------------------------

test('overrides: comma-separated or one per --set, values typed as YAML reads them', () => {
  const overrides = parseOverrides(['train.lr=0.001,train.conv_size=64', 'prepare.grayscale=false', 'prepare.image_size=[48,40]'], '--set');
  assert.deepEqual(overrides.map((override) => override.key), ['train.lr', 'train.conv_size', 'prepare.grayscale', 'prepare.image_size']);
  const params = applyOverrides(DEFAULT_PARAMS, overrides, '--set');
  assert.equal(params.train.lr, 0.001);
  assert.equal(params.train.conv_size, 64);
  assert.equal(params.prepare.grayscale, false);
  assert.deepEqual(params.prepare.image_size, [48, 40]);
  assert.equal(params.train.dense_size, DEFAULT_PARAMS.train.dense_size, 'keys not overridden keep their value');
  assert.equal(overrides[0].text, 'train.lr=0.001');
});

test('overrides apply on top of the params file', () => {
  const fromFile = parseParams('train:\n  epochs: 3\n  lr: 0.01\n', 'p.yaml');
  const params = applyOverrides(fromFile, parseOverrides(['train.lr=0.002'], '--set'), '--set');
  assert.equal(params.train.epochs, 3);
  assert.equal(params.train.lr, 0.002);
});

const refusedOverrides: [string, string, RegExp][] = [
  ['unknown key, suggested', 'train.learning_rat=0.1', /^--set: unknown key "train\.learning_rat"; known keys/],
  ['typo, did you mean', 'train.epoch=3', /^--set: unknown key "train\.epoch"; did you mean "epochs"\?/],
  ['unknown section', 'trian.lr=0.1', /^--set: unknown key "trian"; did you mean "train"\?/],
  ['no section', 'lr=0.1', /^--set: "lr" is not a params key; write section\.key=value/],
  ['wrong type', 'train.epochs=five', /^--set: "train\.epochs" must be a whole number from 1 to 10000; got "five"/],
  ['out of range', 'prepare.split=1.5', /^--set: "prepare\.split" must be a number between 0 and 1/],
  ['no value', 'train.lr=', /^--set: "train\.lr" has no value/],
  ['not key=value', 'train.lr', /^--set: "train\.lr" is not key=value/],
  ['set twice', 'train.lr=0.1,train.lr=0.2', /^--set: "train\.lr" is set twice/],
];
for (const [name, text, message] of refusedOverrides) {
  test(`override refused: ${name}`, () => {
    assert.throws(() => parseOverrides([text], '--set'), (error: unknown) => error instanceof ParamsError && message.test(error.message));
  });
}
