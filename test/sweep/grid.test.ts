import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParamsError, parseOverrides } from '../../src/params.js';
import { expandGrid, parseGrid } from '../../src/sweep/grid.js';

test('a grid expands to every combination, the first key varying slowest', () => {
  const variants = expandGrid(parseGrid('train.lr=0.0001,0.001 train.conv_size=32,64'));
  assert.deepEqual(variants.map((variant) => variant.name), [
    'train.lr=0.0001, train.conv_size=32',
    'train.lr=0.0001, train.conv_size=64',
    'train.lr=0.001, train.conv_size=32',
    'train.lr=0.001, train.conv_size=64',
  ]);
  assert.deepEqual(variants[3].overrides.map((override) => override.value), [0.001, 64]);
  assert.equal(new Set(variants.map((variant) => variant.folder)).size, 4, 'each variant has its own folder');
  for (const variant of variants) assert.match(variant.folder, /^[A-Za-z0-9._-]+$/);
});

test('list values keep their commas; --set values join every variant', () => {
  const variants = expandGrid(parseGrid('prepare.image_size=[32,32],[48,48]'), parseOverrides(['train.epochs=2'], '--set'));
  assert.equal(variants.length, 2);
  assert.deepEqual(variants[1].overrides.map((override) => override.value), [2, [48, 48]]);
});

const refused: [string, string, RegExp][] = [
  ['unknown key', 'train.lrr=0.1,0.2', /^--grid: unknown key "train\.lrr"; did you mean "lr"\?/],
  ['a value of the wrong type', 'train.conv_size=32,big', /^--grid: "train\.conv_size" must be a whole number from 1 to 4096; got "big"/],
  ['an empty list', 'train.lr=', /^--grid: "train\.lr" has an empty list of values/],
  ['an empty value in a list', 'train.lr=0.1,,0.2', /^--grid: "train\.lr=0\.1,,0\.2" has an empty value/],
  ['no values at all', '   ', /^--grid is empty/],
  ['a key twice', 'train.lr=0.1 train.lr=0.2', /^--grid: "train\.lr" appears twice/],
  ['a value twice', 'train.lr=0.1,0.1', /^--grid: "train\.lr" lists the same value twice/],
];
for (const [name, grid, message] of refused) {
  test(`grid refused: ${name}`, () => {
    assert.throws(() => parseGrid(grid), (error: unknown) => error instanceof ParamsError && message.test(error.message));
  });
}

test('a key in both --set and --grid is refused', () => {
  assert.throws(() => expandGrid(parseGrid('train.lr=0.1,0.2'), parseOverrides(['train.lr=0.3'], '--set')), /"train\.lr" is also in --grid/);
});
