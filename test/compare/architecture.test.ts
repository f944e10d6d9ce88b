import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOptions, diffLayers, formatShape, type LayerRow } from '../../src/compare/architecture.js';
import type { LayerCard } from '../../src/record.js';

// Hand-written cards of the brief's example network on 32×32 grey images
// (parameters: kernel² · in · out + out for conv2d, in · out + out for dense).
const conv = (position: number, filters: number, padding: string, outputShape: number[], parameters: number): LayerCard =>
  ({ position, kind: 'conv2d', options: { filters, kernel: 3, stride: 1, padding, activation: 'relu' }, outputShape, parameters });
const pool = (position: number, outputShape: number[]): LayerCard =>
  ({ position, kind: 'max_pool', options: { size: 2, stride: 2, padding: 'valid' }, outputShape, parameters: 0 });
const dropout = (position: number, outputShape: number[]): LayerCard => ({ position, kind: 'dropout', options: { rate: 0.25 }, outputShape, parameters: 0 });
const flatten = (position: number, units: number): LayerCard => ({ position, kind: 'flatten', options: {}, outputShape: [units], parameters: 0 });
const dense = (position: number, inputs: number): LayerCard =>
  ({ position, kind: 'dense', options: { units: 128, activation: 'relu' }, outputShape: [128], parameters: inputs * 128 + 128 });
const output = (position: number): LayerCard => ({ position, kind: 'output', options: { units: 11, activation: 'softmax' }, outputShape: [11], parameters: 128 * 11 + 11 });

const BASE: LayerCard[] = [
  conv(1, 32, 'same', [32, 32, 32], 320),
  pool(2, [16, 16, 32]),
  conv(3, 64, 'valid', [14, 14, 64], 18_496),
  pool(4, [7, 7, 64]),
  dropout(5, [7, 7, 64]),
  flatten(6, 3136),
  dense(7, 3136),
  output(8),
];

const statuses = (rows: LayerRow[]) => rows.map((row) => `${row.status} ${row.kind} ${row.basePosition ?? '-'}→${row.headPosition ?? '-'}`);

test('identical layer lists are unchanged row for row', () => {
  const diff = diffLayers(BASE, structuredClone(BASE));
  assert.equal(diff.rows.length, BASE.length);
  assert.deepEqual([diff.added, diff.removed, diff.changed, diff.unchanged], [0, 0, 0, BASE.length]);
  assert.ok(diff.rows.every((row, i) => row.basePosition === i + 1 && row.headPosition === i + 1 && row.changes.length === 0));
});

test('an inserted conv block is two added rows; the layers after it stay paired and show only their new shapes and parameters', () => {
  const head: LayerCard[] = [
    conv(1, 32, 'same', [32, 32, 32], 320),
    pool(2, [16, 16, 32]),
    conv(3, 64, 'same', [16, 16, 64], 18_496),
    pool(4, [8, 8, 64]),
    conv(5, 64, 'valid', [6, 6, 64], 36_928),
    pool(6, [3, 3, 64]),
    dropout(7, [3, 3, 64]),
    flatten(8, 576),
    dense(9, 576),
    output(10),
  ];
  const diff = diffLayers(BASE, head);
  assert.deepEqual(statuses(diff.rows), [
    'unchanged conv2d 1→1',
    'unchanged max_pool 2→2',
    'added conv2d -→3',
    'added max_pool -→4',
    'changed conv2d 3→5',
    'changed max_pool 4→6',
    'changed dropout 5→7',
    'changed flatten 6→8',
    'changed dense 7→9',
    'unchanged output 8→10',
  ]);
  assert.ok(diff.rows.every((row) => !row.changes.includes('options')), 'no layer after the insert has new options');
  const moved = diff.rows[4];
  assert.deepEqual(moved.changes, ['outputShape', 'parameters']);
  assert.deepEqual([moved.baseShape, moved.headShape, moved.baseParameters, moved.headParameters], [[14, 14, 64], [6, 6, 64], 18_496, 36_928]);
  assert.equal(diff.rows[2].headOptions, '64 filters 3×3 same, relu');
  assert.equal(diff.rows[2].baseOptions, undefined);
});

test('changed filters pair the conv layer with itself (options, shape and parameters), and the next conv sees more inputs', () => {
  const head = structuredClone(BASE);
  head[0] = conv(1, 64, 'same', [32, 32, 64], 640);
  head[1] = pool(2, [16, 16, 64]);
  head[2] = conv(3, 64, 'valid', [14, 14, 64], 36_928);
  const diff = diffLayers(BASE, head);
  assert.deepEqual(statuses(diff.rows), [
    'changed conv2d 1→1',
    'changed max_pool 2→2',
    'changed conv2d 3→3',
    'unchanged max_pool 4→4',
    'unchanged dropout 5→5',
    'unchanged flatten 6→6',
    'unchanged dense 7→7',
    'unchanged output 8→8',
  ]);
  assert.deepEqual(diff.rows[0].changes, ['options', 'outputShape', 'parameters']);
  assert.deepEqual([diff.rows[0].baseOptions, diff.rows[0].headOptions], ['32 filters 3×3 same, relu', '64 filters 3×3 same, relu']);
  assert.deepEqual(diff.rows[1].changes, ['outputShape']);
  assert.deepEqual(diff.rows[2].changes, ['parameters']);
  assert.deepEqual([diff.added, diff.removed, diff.changed, diff.unchanged], [0, 0, 3, 5]);
});

test('a removed dropout is one removed row; the layers after it are unchanged at their new positions', () => {
  const head = [...BASE.slice(0, 4), ...BASE.slice(5).map((layer) => ({ ...layer, position: layer.position - 1 }))];
  const diff = diffLayers(BASE, head);
  assert.deepEqual(statuses(diff.rows), [
    'unchanged conv2d 1→1',
    'unchanged max_pool 2→2',
    'unchanged conv2d 3→3',
    'unchanged max_pool 4→4',
    'removed dropout 5→-',
    'unchanged flatten 6→5',
    'unchanged dense 7→6',
    'unchanged output 8→7',
  ]);
  assert.equal(diff.rows[4].baseOptions, 'rate 0.25');
  assert.equal(diff.rows[4].headShape, undefined);
});

test('layers of different kinds between aligned ones are removed and added, not paired', () => {
  const base: LayerCard[] = [flatten(1, 3136), dense(2, 3136), output(3)];
  const head: LayerCard[] = [
    { position: 1, kind: 'global_avg_pool', options: {}, outputShape: [64], parameters: 0 },
    dense(2, 64),
    output(3),
  ];
  assert.deepEqual(statuses(diffLayers(base, head).rows), ['removed flatten 1→-', 'added global_avg_pool -→1', 'changed dense 2→2', 'unchanged output 3→3']);
  assert.deepEqual(statuses(diffLayers([], head).rows), ['added global_avg_pool -→1', 'added dense -→2', 'added output -→3']);
});

test('options read as params.yaml says them, defaults left out, unknown options kept', () => {
  assert.equal(describeOptions(BASE[0]), '32 filters 3×3 same, relu');
  assert.equal(describeOptions({ ...BASE[0], options: { filters: 8, kernel: 5, stride: 2, padding: 'valid', activation: 'tanh' } }), '8 filters 5×5 stride 2 valid, tanh');
  assert.equal(describeOptions(BASE[1]), '2×2');
  assert.equal(describeOptions({ ...BASE[1], kind: 'avg_pool', options: { size: 3, stride: 1, padding: 'same' } }), '3×3 stride 1 same');
  assert.equal(describeOptions(BASE[4]), 'rate 0.25');
  assert.equal(describeOptions(BASE[5]), '');
  assert.equal(describeOptions(BASE[6]), '128 units, relu');
  assert.equal(describeOptions({ position: 1, kind: 'batch_norm', options: { momentum: 0.99, epsilon: 0.001 }, outputShape: [8], parameters: 32 }), 'epsilon 0.001, momentum 0.99');
  assert.equal(formatShape([30, 30, 32]), '30×30×32');
  assert.equal(formatShape([64]), '64');
  assert.equal(formatShape(undefined), '—');
});
