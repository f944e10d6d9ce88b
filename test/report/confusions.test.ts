import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topConfusions } from '../../src/report/confusions.js';
import { confusionBlocks } from '../../src/report/text-charts.js';
import { blocksToMarkdown } from '../../src/report/markdown.js';
import type { RunRecord } from '../../src/record.js';
import { expectedTopConfusions } from '../helpers/confusions.js';
import { makeRecord } from './fixtures.js';

test('the top confusions are the off-diagonal cells with the largest share of their row, beside the base', () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1, validationCount: 220 });
  const head = makeRecord({ accuracy: 0.7, seed: 2, validationCount: 220 });
  const top = topConfusions(head, base);
  const expected = expectedTopConfusions(head, base);
  assert.equal(top.length, 5);
  assert.deepEqual(top.map((row) => [row.actual, row.predicted, row.head!.count, row.head!.total, row.base!.count, row.base!.total]),
    expected.map((row) => [row.actual, row.predicted, row.count, row.total, row.baseCount, row.baseTotal]));
  for (const row of top) assert.notEqual(row.actual, row.predicted);
  // Shares never rise down the list.
  for (let i = 1; i < top.length; i += 1) assert.ok(top[i].head!.share <= top[i - 1].head!.share);
});

test('the table says the counts, shares and change; without a base, the PR alone', () => {
  const base = makeRecord({ accuracy: 0.4, seed: 1 });
  const head = makeRecord({ accuracy: 0.7, seed: 2 });
  const markdown = blocksToMarkdown(confusionBlocks(head, base), (file) => file);
  const [first] = expectedTopConfusions(head, base, 1);
  const share = (count: number, total: number) => `${count} of ${total} (${(count / total).toFixed(2)})`;
  const delta = first.count / first.total - first.baseCount! / first.baseTotal!;
  const signed = delta > 0.005 ? `+${delta.toFixed(2)}` : delta < -0.005 ? `−${Math.abs(delta).toFixed(2)}` : '0.00';
  assert.ok(markdown.includes(`| ${first.actual} | ${first.predicted} | ${share(first.baseCount!, first.baseTotal!)} | ${share(first.count, first.total)} | ${signed} |`), markdown);
  assert.match(markdown, /^### Largest confusions\n/);
  const alone = blocksToMarkdown(confusionBlocks(head), (file) => file);
  assert.match(alone, /\| True class \| Predicted as \| PR \|/);
  assert.ok(alone.includes(`| ${first.actual} | ${first.predicted} | ${share(first.count, first.total)} |`));
});

test('a perfect model has no confusions and no table; a bad matrix gives none', () => {
  const perfect = makeRecord({ accuracy: 2 });
  assert.deepEqual(topConfusions(perfect), []);
  assert.deepEqual(confusionBlocks(perfect), []);
  assert.deepEqual(topConfusions({ ...perfect, confusionMatrix: [[1]] } as RunRecord), []);
});
