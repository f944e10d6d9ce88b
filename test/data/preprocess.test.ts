import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { preprocessPixels, resizeBilinear, rgbToLuma } from '../../src/data/preprocess.js';
import { decodeDataset, listDataset } from '../../src/data/dataset.js';
import { DEFAULT_PARAMS } from '../../src/params.js';

const REAL_DATA = '../shared/datasets/planets-and-moons';

test('luma uses PIL integer weights (ITU-R 601-2)', () => {
  // (255*19595 + 0x8000) >> 16 = 76; (255*38470 + 0x8000) >> 16 = 150; (255*7471 + 0x8000) >> 16 = 29
  assert.deepEqual(Array.from(rgbToLuma(Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]), 4)), [76, 150, 29, 255]);
});

test('2x bilinear shrink widens the triangle filter (antialias), as PIL does', () => {
  // Output 0: centre 1.0, support 2 → inputs 0..2 weighted 3/7, 3/7, 1/7 → (0*3 + 70*3 + 140)/7 = 50.
  // Output 1: centre 3.0 → inputs 1..3 weighted 1/7, 3/7, 3/7 → (70 + 140*3 + 210*3)/7 = 160.
  const row = Uint8Array.from([0, 70, 140, 210]);
  assert.deepEqual(Array.from(resizeBilinear(row, 4, 1, 1, 2, 1)), [50, 160]);
  // Same along the vertical axis.
  assert.deepEqual(Array.from(resizeBilinear(row, 1, 4, 1, 1, 2)), [50, 160]);
});

test('channels are resized independently', () => {
  const rgb = Uint8Array.from([0, 10, 200, 70, 10, 200, 140, 10, 200, 210, 10, 200]);
  assert.deepEqual(Array.from(resizeBilinear(rgb, 4, 1, 3, 2, 1)), [50, 10, 200, 160, 10, 200]);
});

test('same size returns a copy', () => {
  const pixels = Uint8Array.from([1, 2, 3, 4]);
  const result = resizeBilinear(pixels, 2, 2, 1, 2, 2);
  assert.deepEqual(Array.from(result), [1, 2, 3, 4]);
  assert.notEqual(result, pixels);
});

test('preprocessPixels gives one byte per pixel in grayscale and three in RGB', () => {
  const rgb = new Uint8Array(8 * 8 * 3).fill(128);
  assert.equal(preprocessPixels(rgb, 8, 8, [4, 4], true).length, 16);
  assert.equal(preprocessPixels(rgb, 8, 8, [4, 4], false).length, 48);
});

test('real dataset: pixels match the PyTorch/PIL reference statistics', { skip: !existsSync(REAL_DATA) && `${REAL_DATA} is absent` }, async () => {
  // Figures from the reference README: mean 0.22180, std 0.21507, Earth/Earth_0.jpg sums to 112.694.
  const listing = await listDataset(REAL_DATA);
  const decoded = await decodeDataset(listing, DEFAULT_PARAMS.prepare);
  let sum = 0;
  let squares = 0;
  for (const value of decoded.pixels) {
    sum += value / 255;
    squares += (value / 255) ** 2;
  }
  const mean = sum / decoded.pixels.length;
  const std = Math.sqrt(squares / decoded.pixels.length - mean * mean);
  assert.equal(mean.toFixed(5), '0.22180');
  assert.equal(std.toFixed(5), '0.21507');
  const earth = decoded.images.findIndex((image) => image.path === 'Earth/Earth_0.jpg');
  let earthSum = 0;
  for (let index = 0; index < 1024; index++) earthSum += decoded.pixels[earth * 1024 + index] / 255;
  assert.equal(earthSum.toFixed(3), '112.694');
});
