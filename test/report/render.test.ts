import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { historyChart } from '../../src/report/plots.js';
import { getRenderer, PIXEL_RATIO } from '../../src/report/render.js';
import { makeRecord } from './fixtures.js';
import { inkStats } from './pixels.js';

test('a chart renders to a non-blank PNG at twice its size, the same bytes every time', async () => {
  const renderer = await getRenderer();
  assert.equal(await getRenderer(), renderer, 'loaded once');
  const head = makeRecord({ accuracy: 0.8 });
  const base = makeRecord({ accuracy: 0.4, seed: 3 });
  const spec = historyChart({ head, base })!.spec;
  const first = await renderer.renderVegaLite(spec);
  const second = await renderer.renderVegaLite(spec);
  assert.ok(first.png.equals(second.png), 'PNG bytes differ between two renders');
  assert.equal(first.svg, second.svg);
  const meta = await sharp(first.png).metadata();
  assert.equal(meta.width, Math.round(first.width * PIXEL_RATIO));
  assert.equal(meta.height, Math.round(first.height * PIXEL_RATIO));
  const stats = await inkStats(first.png);
  assert.ok(stats.ink > 0.02 && stats.ink < 0.6, `ink ${stats.ink}`);
  assert.ok(stats.colours > 20);
  assert.match(first.svg, /font-family="DejaVu Sans"/);
  assert.doesNotMatch(first.svg, /font-family="(?!DejaVu Sans")/);
});

test('text is drawn with the shipped font (glyphs render on a machine without system fonts)', async () => {
  const renderer = await getRenderer();
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="10" y="28" font-size="24" font-family="DejaVu Sans">Saturn</text></svg>';
  const png = await renderer.renderSvg(svg, 400);
  const stats = await inkStats(png);
  assert.ok(stats.ink > 0.03, `text left ${stats.ink} of the image inked`);
});

test('vega lays text out with measured widths: a long label widens the chart', async () => {
  const renderer = await getRenderer();
  const spec = (label: string) => ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: [{ label, value: 1 }] },
    mark: 'bar',
    encoding: { y: { field: 'label', type: 'nominal', axis: { labelLimit: 1000 } }, x: { field: 'value', type: 'quantitative' } },
    config: { font: 'DejaVu Sans' },
  });
  const narrow = await renderer.renderVegaLite(spec('iiiiiiiiii'));
  const wide = await renderer.renderVegaLite(spec('WWWWWWWWWW'));
  // Same character count; with estimates both would be laid out alike.
  assert.ok(wide.width - narrow.width > 40, `${narrow.width} vs ${wide.width}`);
});
