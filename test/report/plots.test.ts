import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { compile } from 'vega-lite';
import { compare } from '../../src/compare/compare.js';
import { chartSpecs, confusionChart, fillTemplate, seedsChart, TemplateError } from '../../src/report/plots.js';
import { makeRecord } from './fixtures.js';

const TEMPLATE_DIR = new URL('../../src/report/templates/', import.meta.url);

test('every template is a complete vega-lite spec that uses the shipped font', () => {
  const names = readdirSync(TEMPLATE_DIR).filter((name) => name.endsWith('.vl.json'));
  assert.ok(names.length >= 5);
  for (const name of names) {
    const template = JSON.parse(readFileSync(new URL(name, TEMPLATE_DIR), 'utf8'));
    assert.match(template.$schema, /vega-lite\/v6\.json$/, name);
    assert.equal(template.config.font, 'DejaVu Sans', name);
    assert.deepEqual(template.data, { values: '<DATA>' }, name);
  }
});

test('fillTemplate replaces whole values and names what is wrong', () => {
  const template = { title: '<TITLE>', data: { values: '<DATA>' }, keep: 'a <TITLE> inside text is not a placeholder' };
  const rows = [{ label: '"},{"evil": true', value: 1 }];
  const filled = fillTemplate('t', template, { '<TITLE>': 'Hello', '<DATA>': rows }) as Record<string, unknown>;
  assert.deepEqual(filled, { title: 'Hello', data: { values: rows }, keep: 'a <TITLE> inside text is not a placeholder' });
  assert.equal(template.title, '<TITLE>', 'the template itself is left alone');
  assert.throws(() => fillTemplate('t', template, { '<TITLE>': 'x' }), (e: unknown) => e instanceof TemplateError && /template t: no value for <DATA>/.test(e.message));
  assert.throws(() => fillTemplate('t', template, { '<TITLE>': 'x', '<DATA>': [], '<OTHER>': 1 }), /template t: has no placeholder <OTHER>/);
});

test('chart specs compile and carry base and PR as one run column', () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1, repeats: 3 });
  const head = makeRecord({ accuracy: 0.8, seed: 2, repeats: 3 });
  const charts = chartSpecs(compare(head, base), { head, base });
  assert.deepEqual(charts.map((c) => c.name), ['history', 'confusion', 'f1', 'seeds']);
  for (const chart of charts) {
    assert.doesNotThrow(() => compile(chart.spec as Parameters<typeof compile>[0]), chart.name);
    assert.doesNotMatch(JSON.stringify(chart.spec), /"<[A-Z_]+>"/, chart.name);
  }
  const history = charts[0].spec as { data: { values: Array<{ run: string; split: string; metric: string }> } };
  assert.deepEqual([...new Set(history.data.values.map((row) => row.run))].sort(), ['PR', 'base']);
  // 5 epochs × 2 splits × 2 metrics × 2 runs.
  assert.equal(history.data.values.length, 40);
});

test('the confusion chart holds row-normalised rates and PR − base differences', () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1 });
  const head = makeRecord({ accuracy: 0.8, seed: 2 });
  const chart = confusionChart({ head, base })!;
  const rows = (chart.spec as { data: { values: Array<{ actual: string; predicted: string; rate: number; delta: number }> } }).data.values;
  assert.equal(rows.length, 121);
  const earth = rows.filter((row) => row.actual === 'Earth');
  const earthTotal = head.confusionMatrix[0].reduce((a, b) => a + b, 0);
  const baseTotal = base.confusionMatrix[0].reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(earth[0].rate - head.confusionMatrix[0][0] / earthTotal) < 1e-12);
  assert.ok(Math.abs(earth[0].delta - (head.confusionMatrix[0][0] / earthTotal - base.confusionMatrix[0][0] / baseTotal)) < 1e-12);
  assert.ok(Math.abs(earth.reduce((sum, row) => sum + row.rate, 0) - 1) < 1e-12);
  // Without a base: the single-matrix template.
  assert.equal('hconcat' in confusionChart({ head })!.spec, false);
});

test('PR − base is coloured by effect: more on the diagonal or less off it is better; zero cells are white', async () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1 });
  const head = makeRecord({ accuracy: 0.8, seed: 2 });
  const chart = confusionChart({ head, base })!;
  const rows = (chart.spec as { data: { values: Array<{ actual: string; predicted: string; delta: number; effect: number }> } }).data.values;
  for (const row of rows) assert.equal(row.effect, row.actual === row.predicted ? row.delta : -row.delta);
  const text = JSON.stringify(chart.spec);
  assert.match(text, /green is better, magenta worse/);
  assert.match(text, /on the diagonal \(right\) more is better; off it \(confusions\) less is better/);
  assert.match(text, /' better'/);
  assert.match(text, /' worse'/);
  // In the PR's own matrix a share of exactly 0 is white, not the scale's lightest blue.
  assert.match(text, /"condition":\{"test":"datum\.rate === 0","value":"#ffffff"\}/);
  const single = JSON.stringify(confusionChart({ head })!.spec);
  assert.match(single, /"condition":\{"test":"datum\.rate === 0","value":"#ffffff"\}/);
  // Rendered: the cells that never happened are drawn white.
  const { getRenderer } = await import('../../src/report/render.js');
  const renderer = await getRenderer();
  const rendered = await renderer.renderVegaLite(confusionChart({ head })!.spec);
  const svgRects = [...rendered.svg.matchAll(/<path[^>]*d="M([\d.]+),([\d.]+)h([\d.]+)v([\d.]+)h-[\d.]+Z"[^>]*fill="([^"]+)"/g)];
  assert.ok(svgRects.length >= 121, `found ${svgRects.length} cells`);
  const fills = new Set(svgRects.map((match) => match[5]));
  assert.ok(fills.has('#ffffff'), `no white cell among ${[...fills].slice(0, 5)}`);
});

test('the seed chart has every seed of both sides, and is left out for one run per side', () => {
  const base = makeRecord({ accuracy: 0.5, repeats: 5 });
  const head = makeRecord({ accuracy: 0.7, repeats: 5 });
  const chart = seedsChart(compare(head, base), { head, base })!;
  assert.doesNotThrow(() => compile(chart.spec as Parameters<typeof compile>[0]));
  const spec = chart.spec as { data: { values: Array<{ run: string; seed: number; val_acc: number }> }; layer: Array<{ mark: { type: string; extent?: string } }> };
  const rows = spec.data.values;
  assert.deepEqual(rows.filter((row) => row.run === 'base').map((row) => [row.seed, row.val_acc]), base.repeats.map((r) => [r.seed, r.metrics.val_acc]));
  assert.deepEqual(rows.filter((row) => row.run === 'PR').map((row) => [row.seed, row.val_acc]), head.repeats.map((r) => [r.seed, r.metrics.val_acc]));
  // Points per seed, a tick at the mean, and an error bar of ± 1 sd.
  assert.deepEqual(spec.layer.map((layer) => layer.mark.type), ['errorbar', 'tick', 'point']);
  assert.equal(spec.layer[0].mark.extent, 'stdev');
  assert.equal(chart.title, 'Validation accuracy of every seed, base vs PR (mean ± sd)');
  const single = makeRecord({ accuracy: 0.5 });
  assert.equal(seedsChart(compare(single, makeRecord({ accuracy: 0.6, seed: 3 })), { head: single }), undefined);
});
