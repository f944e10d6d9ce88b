import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitDataset, splitKey, type SplitInput } from '../../src/data/split.js';

function images(classes: number, perClass: number, prefix = 'img'): SplitInput[] {
  return Array.from({ length: classes * perClass }, (_, index) => ({
    path: `class${index % classes}/${prefix}_${Math.floor(index / classes)}.jpg`,
    label: index % classes,
  }));
}

test('splitKey is uniform-ish, deterministic and seed-dependent', () => {
  assert.equal(splitKey(77, 'a/b.jpg'), splitKey(77, 'a/b.jpg'));
  assert.notEqual(splitKey(77, 'a/b.jpg'), splitKey(78, 'a/b.jpg'));
  const keys = Array.from({ length: 10_000 }, (_, index) => splitKey(1, `x/${index}.jpg`));
  const below = keys.filter((key) => key < 0.2).length;
  assert.ok(below > 1800 && below < 2200, `expected about 2000 keys below 0.2, got ${below}`);
  assert.ok(keys.every((key) => key >= 0 && key < 1));
});

test('every class gets about the split fraction in validation', () => {
  const input = images(11, 146);
  const split = splitDataset(input, 0.2, 77, 11);
  assert.equal(split.train.length + split.validation.length, input.length);
  for (let label = 0; label < 11; label++) {
    const count = split.validation.filter((index) => input[index].label === label).length;
    assert.ok(count >= 15 && count <= 45, `class ${label}: ${count} validation images of 146`);
  }
});

test('same seed gives the same split; another seed another', () => {
  const input = images(3, 50);
  assert.deepEqual(splitDataset(input, 0.2, 77, 3), splitDataset(input, 0.2, 77, 3));
  assert.notDeepEqual(splitDataset(input, 0.2, 77, 3).validation, splitDataset(input, 0.2, 1, 3).validation);
});

test('adding 10% new images to each class keeps every old validation image in validation', () => {
  const old = images(11, 146);
  const grown = [...old, ...images(11, 15, 'new')];
  const before = new Set(splitDataset(old, 0.2, 77, 11).validation.map((index) => old[index].path));
  const after = new Set(splitDataset(grown, 0.2, 77, 11).validation.map((index) => grown[index].path));
  for (const path of before) assert.ok(after.has(path), `${path} left validation`);
  const oldTrain = old.map((image) => image.path).filter((path) => !before.has(path));
  for (const path of oldTrain) assert.ok(!after.has(path), `${path} moved into validation`);
});

test('a small class still gets one validation and one training image', () => {
  const input: SplitInput[] = [
    { path: 'a/1.jpg', label: 0 },
    { path: 'a/2.jpg', label: 0 },
    ...images(1, 40).map((image) => ({ ...image, path: `b/${image.path}`, label: 1 })),
  ];
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const split = splitDataset(input, 0.2, seed, 2);
    assert.equal(split.validation.filter((index) => input[index].label === 0).length, 1, `seed ${seed}`);
    assert.equal(split.train.filter((index) => input[index].label === 0).length, 1, `seed ${seed}`);
  }
});

test('byte-identical copies never straddle the split', () => {
  const input = images(2, 60).map((image, index) => ({ ...image, contentHash: `hash${index}` }));
  const plain = splitDataset(input, 0.3, 5, 2);
  const validationImage = input[plain.validation[0]];
  const trainImage = input[plain.train[0]];
  // Make a training image a copy of a validation image.
  const withCopy = input.map((image) => (image === trainImage ? { ...image, contentHash: validationImage.contentHash } : image));
  const split = splitDataset(withCopy, 0.3, 5, 2);
  assert.deepEqual(split.movedDuplicates, [validationImage.path]);
  const validationHashes = new Set(split.validation.map((index) => withCopy[index].contentHash));
  for (const index of split.train) assert.ok(!validationHashes.has(withCopy[index].contentHash));
});
