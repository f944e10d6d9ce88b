import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fontFiles, installTextMetrics, isBoldWeight, loadTextMeasurer, type VegaTextMetrics } from '../../src/report/fonts.js';

test('the shipped font files exist', () => {
  const files = fontFiles();
  assert.ok(existsSync(files.regular) && files.regular.endsWith('DejaVuSans.ttf'));
  assert.ok(existsSync(files.bold));
});

test('text widths come from the font, not from the character count', async () => {
  const measurer = await loadTextMeasurer();
  // DejaVu Sans advances: "W" is 2025 units, "i" 569, of 2048 per em.
  assert.ok(Math.abs(measurer.width('W', 2048) - 2025) < 1e-9);
  assert.ok(Math.abs(measurer.width('i', 2048) - 569) < 1e-9);
  assert.ok(measurer.width('WWWW', 12) > 3 * measurer.width('iiii', 12));
  assert.ok(measurer.width('Mercury', 12, true) > measurer.width('Mercury', 12));
  // Characters that opentype.js's substitution code cannot handle in DejaVu still measure.
  assert.ok(measurer.width('PR − base → ± Δ', 12) > 0);
});

test('installTextMetrics replaces vega\'s estimate', async () => {
  const measurer = await loadTextMeasurer();
  const metrics: VegaTextMetrics = { width: () => -1 };
  installTextMetrics(metrics, measurer);
  assert.equal(metrics.width({ fontSize: 12 }, ' Saturn '), measurer.width('Saturn', 12));
  assert.equal(metrics.width({ fontSize: 12, fontWeight: 'bold' }, 'Saturn'), measurer.width('Saturn', 12, true));
  assert.equal(metrics.width({}, 'Saturn'), measurer.width('Saturn', 11));
  assert.equal(metrics.width({ fontSize: 0 }, 'Saturn'), 0);
  assert.equal(isBoldWeight(700), true);
  assert.equal(isBoldWeight('normal'), false);
});
