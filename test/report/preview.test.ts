import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flipSections, predictionSection, previewIsGrayscale, previewSvg, roundRobin } from '../../src/report/preview.js';
import { getRenderer } from '../../src/report/render.js';
import { makeRecord, writeFixtureImages } from './fixtures.js';
import { inkStats } from './pixels.js';

test('roundRobin takes one per group in turn', () => {
  const items = ['a1', 'a2', 'a3', 'b1', 'c1', 'c2'];
  assert.deepEqual(roundRobin(items, (s) => s[0], 5), ['a1', 'b1', 'c1', 'a2', 'c2']);
  assert.deepEqual(roundRobin(items, (s) => s[0], 10), ['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
});

test('tiles carry True / Pred captions and right/wrong colour', () => {
  const record = makeRecord();
  const section = predictionSection(record.predictions, "seed 77's model", 11);
  assert.equal(new Set(section.tiles.map((t) => t.path.split('/')[0])).size, 11, 'one image per class');
  for (const tile of section.tiles) {
    const prediction = record.predictions.find((p) => p.path === tile.path)!;
    // The mark repeats the border's colour in a shape, for readers who cannot tell the colours apart.
    assert.deepEqual(tile.lines, [`True: ${prediction.trueLabel}`, `Pred: ${prediction.predictedLabel} ${tile.good ? '✓' : '✗'}`]);
    assert.equal(tile.good, prediction.trueLabel === prediction.predictedLabel);
  }
  const flips = flipSections({ rightToWrong: [], wrongToRight: [{ path: 'Moon/m.jpg', trueLabel: 'Moon', basePredicted: 'Mars', headPredicted: 'Moon' }] });
  assert.deepEqual(flips.map((s) => s.heading), ['Wrong → right: 1 image']);
});

test('grayscale follows the params, defaulting to the notebook\'s grayscale', () => {
  assert.equal(previewIsGrayscale({ prepare: { grayscale: false } }), false);
  assert.equal(previewIsGrayscale({ prepare: { grayscale: true } }), true);
  assert.equal(previewIsGrayscale({}), true);
});

test('the preview draws images, and marks missing or escaping paths as missing', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'preview-test-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  const record = makeRecord({ validationCount: 11 });
  await writeFixtureImages(folder, record);
  const renderer = await getRenderer();
  const tiles = predictionSection(record.predictions, "seed 77's model", 4).tiles;
  const sections = [{ heading: 'Heading <b>', tiles: [...tiles, { path: '../outside.jpg', lines: ['True: x', 'Pred: y'], good: false }, { path: 'Earth/none.jpg', lines: ['a', 'b'], good: true }] }];
  const layout = await previewSvg(sections, folder, false, renderer.measurer, 4);
  assert.deepEqual(layout.missing, ['../outside.jpg', 'Earth/none.jpg']);
  assert.match(layout.svg, /Heading &lt;b&gt;/);
  assert.equal((layout.svg.match(/<image /g) ?? []).length, 4);
  const png = await renderer.renderSvg(layout.svg, layout.width * 2);
  const stats = await inkStats(png);
  assert.ok(stats.ink > 0.3 && stats.colours > 50, JSON.stringify(stats));
});

test('reencodePreview takes only a bounded PNG and re-encodes it', async () => {
  const { reencodePreview } = await import('../../src/report/preview.js');
  const sharpModule = (await import('sharp')).default;
  const image = (width: number, height: number) => sharpModule({ create: { width, height, channels: 3, background: '#808080' } });
  const png = await image(40, 20).png().toBuffer();
  const withTrailer = Buffer.concat([png, Buffer.from('<script>after the image</script>')]);
  const out = await reencodePreview(withTrailer);
  assert.ok(Buffer.isBuffer(out));
  assert.equal((await sharpModule(out).metadata()).width, 40);
  assert.ok(!out.includes(Buffer.from('script')), 'nothing after the image survives');
  assert.equal(await reencodePreview(await image(5000, 10).png().toBuffer()), 'is 5000×10 pixels, more than 4096×8192');
  assert.equal(await reencodePreview(await image(10, 10).jpeg().toBuffer()), 'is a jpeg image, not a PNG');
  assert.match(String(await reencodePreview(Buffer.from('not an image'))), /^does not decode as a PNG \(/);
});
