import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyOverrides, DEFAULT_PARAMS, formatParams, loadParams, modelLayers, optimizerSettings, parseOverrides, parseParams, ParamsError } from '../src/params.js';
import { notebookLayers } from '../src/model/spec.js';
import { temporaryFolder } from './helpers/images.js';

test('defaults are the notebook values', () => {
  assert.deepEqual(DEFAULT_PARAMS.prepare, { seed: 77, split: 0.2, image_size: [32, 32], grayscale: true, on_bad_image: 'fail' });
  assert.deepEqual(DEFAULT_PARAMS.train, {
    seed: 77, lr: 0.0001, epochs: 5, batch_size: 32, conv_size: 32, dense_size: 64, repeats: 6, optimizer: 'adam', max_parameters: 10_000_000,
  });
  assert.equal(DEFAULT_PARAMS.model, undefined, 'no model list: the notebook model from its shorthands');
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

const TWO_BLOCKS_YAML = `model:
  - conv2d: {filters: 32, kernel: 3, padding: same}
  - max_pool: {size: 2}
  - conv2d: {filters: 64, kernel: 3}
  - max_pool: {size: 2}
  - dropout: {rate: 0.25}
  - flatten:
  - dense: {units: 128}
train:
  lr: 0.001
  optimizer: adamw
  weight_decay: 0.05
`;

test('model: the hidden layers as a list, options defaulted as the reference does', () => {
  const params = parseParams(TWO_BLOCKS_YAML, 'p.yaml');
  assert.deepEqual(params.model, [
    { kind: 'conv2d', filters: 32, kernel: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'max_pool', size: 2, stride: 2 },
    { kind: 'conv2d', filters: 64, kernel: 3, stride: 1, padding: 'valid', activation: 'relu' },
    { kind: 'max_pool', size: 2, stride: 2 },
    { kind: 'dropout', rate: 0.25 },
    { kind: 'flatten' },
    { kind: 'dense', units: 128, activation: 'relu' },
  ]);
  assert.deepEqual(optimizerSettings(params.train), { name: 'adamw', learningRate: 0.001, weightDecay: 0.05 });
  // The text written back reads as the same params.
  assert.deepEqual(parseParams(formatParams(params), 'again.yaml'), params);
});

test('no model list: the notebook model from train.conv_size and train.dense_size', () => {
  const params = parseParams('train:\n  conv_size: 64\n  dense_size: 128\n', 'p.yaml');
  assert.deepEqual(modelLayers(params), notebookLayers(64, 128));
  assert.deepEqual(optimizerSettings(params.train), { name: 'adam', learningRate: 0.0001 });
  assert.deepEqual(optimizerSettings(parseParams('train:\n  optimizer: sgd\n  momentum: 0.9\n', 'p.yaml').train), { name: 'sgd', learningRate: 0.0001, momentum: 0.9 });
});

for (const [name, text, pattern] of [
  ['both forms of the model', 'train:\n  conv_size: 64\nmodel:\n  - flatten: {}\n', /both "model" and "train\.conv_size" describe the model; keep the "model" list/],
  ['an unknown layer', 'model:\n  - flatten: {}\n  - convolution: {filters: 3}\n', /p\.yaml: model, layer 2: unknown layer "convolution"; known layers: conv2d, max_pool/],
  ['an unknown option', 'model:\n  - conv2d: {filters: 8, kernel: 3, dilation: 2}\n', /model, layer 1 \(conv2d\): unknown option "dilation"; its options are filters, kernel, stride, padding, activation/],
  ['a missing option', 'model:\n  - dense: {activation: relu}\n', /model, layer 1 \(dense\): "units" is required; e\.g\. - dense: \{units: 64\}/],
  ['a bad value', 'model:\n  - dropout: {rate: 1.5}\n', /model, layer 1 \(dropout\): "rate" must be a number from 0 up to/],
  ['a pool bigger than its input', 'model:\n  - conv2d: {filters: 8, kernel: 3}\n  - max_pool: {size: 31}\n', /model, layer 2 \(max_pool\): size 31 is bigger than its 30×30 input; use a size ≤ 30 or remove the layer \(images are 32×32/],
  ['dense before flatten', 'model:\n  - conv2d: {filters: 8, kernel: 3}\n  - dense: {units: 8}\n', /model, layer 2 \(dense\): needs a flat input; put - flatten: \{\} or - global_avg_pool: \{\} before it/],
  ['a conv after flatten', 'model:\n  - flatten: {}\n  - conv2d: {filters: 8, kernel: 3}\n', /model, layer 2 \(conv2d\): needs an image-shaped input/],
  ['not a list', 'model:\n  conv2d: {filters: 8}\n', /p\.yaml: model: must be a non-empty list of layers/],
  ['two keys in one layer', 'model:\n  - {flatten: {}, dense: {units: 3}}\n', /model, layer 1: each layer is a mapping with one key/],
  ['an optimizer option for another optimizer', 'train:\n  momentum: 0.9\n', /"train\.momentum" applies to the sgd optimizer only, but "train\.optimizer" is "adam"/],
  ['an unknown optimizer', 'train:\n  optimizer: rmsprop\n', /"train\.optimizer" must be "adam", "adamw", "sgd"/],
  ['images too small for the notebook model', 'prepare:\n  image_size: [4, 4]\n', /"prepare\.image_size" 4×4 is too small for the notebook's model/],
] as const) {
  test(`params.yaml: ${name} is refused with the layer and the fix`, () => {
    assert.throws(() => parseParams(text, 'p.yaml'), (error: Error) => error instanceof ParamsError && pattern.test(error.message) && !error.message.includes('\n'));
  });
}

test('--set model=[…] replaces the layer list; the shorthands then stay out of it', () => {
  const overrides = parseOverrides(['model=[{flatten: {}}, {dense: {units: 8}}],train.lr=0.01'], '--set');
  assert.deepEqual(overrides.map((override) => override.key), ['model', 'train.lr']);
  const params = applyOverrides(parseParams('train:\n  conv_size: 64\n', 'p.yaml'), overrides, '--set');
  assert.deepEqual(params.model, [{ kind: 'flatten' }, { kind: 'dense', units: 8, activation: 'relu' }]);
  assert.equal(params.train.lr, 0.01);
  // A file with a model list, overridden elsewhere, keeps its list.
  const withList = applyOverrides(parseParams(TWO_BLOCKS_YAML, 'p.yaml'), parseOverrides(['train.epochs=2'], '--set'), '--set');
  assert.equal(withList.model?.length, 7);
  assert.throws(() => applyOverrides(withList, parseOverrides(['train.conv_size=8'], '--set'), '--set'), /both "model" and "train\.conv_size"/);
});

test('keys naming object internals are refused by name, and nothing inherited counts as a key', () => {
  for (const [text, key] of [
    ['constructor:\n  hasOwn: 1\n', 'constructor'],
    ['__proto__:\n  polluted: 1\n', '__proto__'],
    ['train:\n  constructor: 1\n', 'train.constructor'],
    ['train:\n  __proto__:\n    polluted: 1\n', 'train.__proto__'],
    ['prepare:\n  prototype: 1\n', 'prepare.prototype'],
  ] as const) {
    assert.throws(() => parseParams(text, 'p.yaml'), (error: unknown) => error instanceof ParamsError && error.message === `p.yaml: "${key}": the key "${key.split('.').pop()}" is not allowed (it names a JavaScript object's internals, not data); remove it`, text);
  }
  assert.throws(() => parseParams('train:\n  hasOwnProperty: 1\n', 'p.yaml'), /p\.yaml: unknown key "train\.hasOwnProperty"/);
  assert.throws(() => parseParams('model:\n  - constructor: null\n', 'p.yaml'), /unknown layer "constructor"/);
  assert.throws(() => parseOverrides(['constructor.hasOwn=1'], 'override'), /override: "constructor": the key "constructor" is not allowed/);
  assert.equal(typeof Object.hasOwn, 'function', 'no builtin was overwritten');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
