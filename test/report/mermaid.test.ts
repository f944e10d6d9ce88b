import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawnEpochs, MAX_DRAWN_EPOCHS } from '../../src/report/epochs.js';
import { historyMermaid } from '../../src/report/mermaid.js';
import { BASE_COLOUR, HEAD_COLOUR } from '../../src/report/colours.js';
import { parseMermaid, xychartSeries } from '../helpers/mermaid.js';
import { makeRecord } from './fixtures.js';

test('the history block is an xychart that mermaid parses, one line per run, in run colours', async () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1, epochs: 5 });
  const head = makeRecord({ accuracy: 0.8, seed: 2, epochs: 8 });
  const chart = historyMermaid(head, base)!;
  assert.equal(await parseMermaid(chart.text), 'xychart');
  assert.match(chart.text, /^%%\{init: .*\}%%\nxychart-beta\n/);
  assert.ok(chart.text.includes(`"plotColorPalette":"${BASE_COLOUR}, ${HEAD_COLOUR}"`));
  const { categories, lines } = xychartSeries(chart.text);
  assert.deepEqual(categories, ['1', '2', '3', '4', '5', '6', '7', '8']);
  assert.deepEqual(lines, [base.history.map((e) => Number(e.val_accuracy!.toFixed(4))), head.history.map((e) => Number(e.val_accuracy!.toFixed(4)))]);
  assert.match(chart.caption, /base in orange \(5 epochs, seed 1's model\), PR in blue \(8 epochs, seed 2's model\)/);
});

test('the parser check can fail: a broken block is rejected', async () => {
  const chart = historyMermaid(makeRecord())!;
  await assert.rejects(parseMermaid(chart.text.replace('line [', 'lines [')), /Parse error/);
  await assert.rejects(parseMermaid(chart.text.replace(/\]$/, '')), /Parse error/);
});

test('no history, no block; a head alone has one line', async () => {
  const empty = { ...makeRecord(), history: [] };
  assert.equal(historyMermaid(empty), undefined);
  const chart = historyMermaid(makeRecord())!;
  assert.equal(xychartSeries(chart.text).lines.length, 1);
  assert.equal(await parseMermaid(chart.text), 'xychart');
});

test('a 10,000-epoch history is drawn as 200 evenly spaced epochs, first and last kept, and the caption says so', async () => {
  const head = makeRecord({ accuracy: 0.8, seed: 2, epochs: 10_000 });
  const chart = historyMermaid(head)!;
  assert.equal(await parseMermaid(chart.text), 'xychart');
  const { categories, lines } = xychartSeries(chart.text);
  assert.equal(categories.length, MAX_DRAWN_EPOCHS);
  assert.equal(categories[0], '1');
  assert.equal(categories.at(-1), '10000');
  assert.equal(lines[0].length, MAX_DRAWN_EPOCHS);
  assert.ok(chart.text.length < 5000, `${chart.text.length} characters`);
  assert.match(chart.caption, /\(10000 epochs, seed \d+'s model\)\. 200 of 10000 epochs drawn, evenly spaced\./);
  assert.deepEqual(drawnEpochs([{ epoch: 1 }, { epoch: 2 }]), [{ epoch: 1 }, { epoch: 2 }]);
});
