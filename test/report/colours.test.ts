// Every chart's colours, as readers with deuteranopia or protanopia see them
// (Machado et al. 2009 simulation): base and PR, right and wrong, better and
// worse must stay apart. ΔE*ab (CIE 1976) of at least 30 after simulation:
// the old green/red of the preview (#1a9641 / #d7191c) falls to 23.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/compare.js';
import { BAD_COLOUR, BASE_COLOUR, GOOD_COLOUR, HEAD_COLOUR, NONE_COLOUR } from '../../src/report/colours.js';
import { chartSpecs } from '../../src/report/plots.js';
import { deltaE, MACHADO, parseHex, simulate, worstDeltaE } from '../helpers/colour-vision.js';
import { makeRecord } from './fixtures.js';

const DISTINCT = 30;

function assertDistinct(a: string, b: string, what: string): void {
  const worst = worstDeltaE(a, b);
  assert.ok(worst.deltaE >= DISTINCT, `${what}: ${a} vs ${b} is ΔE ${worst.deltaE.toFixed(1)} with ${worst.vision}, below ${DISTINCT}`);
}

test('the simulation keeps greys grey and merges red with green', () => {
  for (const matrix of Object.values(MACHADO)) {
    for (const row of matrix) assert.ok(Math.abs(row[0] + row[1] + row[2] - 1) < 1e-3, 'white maps to white');
  }
  for (const vision of ['deuteranopia', 'protanopia'] as const) {
    const grey = simulate(parseHex('#808080'), vision);
    for (const channel of grey) assert.ok(Math.abs(channel - 128) < 1.5, `${vision} grey ${grey}`);
  }
  // A red and a green of the same lightness: far apart normally, close for a dichromat.
  assert.ok(deltaE('#d7191c', '#1a9641') > 80);
  assert.ok(deltaE('#d7191c', '#1a9641', 'deuteranopia') < 30);
  assert.ok(deltaE('#d7191c', '#1a9641', 'protanopia') < 30);
  assert.ok(worstDeltaE('#d7191c', '#1a9641').deltaE < DISTINCT, 'the check can fail');
});

test('base and PR, right and wrong, better and worse stay distinguishable', () => {
  assertDistinct(BASE_COLOUR, HEAD_COLOUR, 'base vs PR');
  assertDistinct(GOOD_COLOUR, BAD_COLOUR, 'right/better vs wrong/worse');
  for (const colour of [BASE_COLOUR, HEAD_COLOUR, GOOD_COLOUR, BAD_COLOUR]) assertDistinct(colour, NONE_COLOUR, `${colour} on white`);
});

interface ColourScale { scale?: { range?: unknown; domain?: unknown } }

/** Every explicit colour range in a spec. */
function colourRanges(node: unknown, found: string[][] = []): string[][] {
  if (Array.isArray(node)) node.forEach((child) => colourRanges(child, found));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    const color = record.color as ColourScale | undefined;
    if (color && Array.isArray(color.scale?.range)) found.push(color.scale!.range as string[]);
    Object.values(record).forEach((child) => colourRanges(child, found));
  }
  return found;
}

test('every chart uses only those colours, each pair apart after simulation', () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1, repeats: 3 });
  const head = makeRecord({ accuracy: 0.8, seed: 2, repeats: 3 });
  const charts = chartSpecs(compare(head, base), { head, base });
  assert.deepEqual(charts.map((c) => c.name), ['history', 'confusion', 'f1', 'seeds']);
  for (const chart of charts) {
    const ranges = colourRanges(chart.spec);
    if (chart.name === 'confusion') {
      // The PR − base panel: worse, no change, better.
      assert.deepEqual(ranges, [[BAD_COLOUR, NONE_COLOUR, GOOD_COLOUR]]);
      assertDistinct(ranges[0][0], ranges[0][2], 'confusion: worse vs better');
    } else {
      assert.ok(ranges.length > 0, chart.name);
      for (const range of ranges) {
        assert.deepEqual(range, [BASE_COLOUR, HEAD_COLOUR], chart.name);
        assertDistinct(range[0], range[1], `${chart.name}: base vs PR`);
      }
    }
  }
});
