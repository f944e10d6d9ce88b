import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/compare.js';
import { buildTrend, lastStep, type TrendEntry } from '../../src/compare/trend.js';
import { RUN_RECORD_VERSION, type RunRecord } from '../../src/record.js';
import { makeRecord } from '../report/fixtures.js';

const SHA = (n: number) => String(n).repeat(40).slice(0, 40);

function push(n: number, record?: RunRecord, problem?: string): TrendEntry {
  return { label: SHA(n).slice(0, 7), kind: 'push', sha: SHA(n), subject: `commit ${n}`, record, problem };
}

const notebook = (seed: number) => makeRecord({ accuracy: 0.55, repeats: 6, repeatSpread: 0.01, seed });
const tuned = (seed: number) => makeRecord({ accuracy: 0.85, repeats: 6, repeatSpread: 0.01, seed });

test('each step is the verdict a pull request gets: better, then worse, then within noise', () => {
  const records = [notebook(77), tuned(77), notebook(77), notebook(177)];
  const trend = buildTrend(records.map((record, i) => push(i + 1, record)));
  assert.equal(trend.points.length, 4);
  assert.deepEqual(trend.steps.map((step) => step.verdict), ['better', 'worse', 'no clear change']);
  // The same function a pull request's verdict comes from, step by step.
  for (const step of trend.steps) {
    const comparison = compare(records[step.to], records[step.from]);
    assert.equal(step.verdict, comparison.verdict);
    assert.equal(step.pValue, comparison.seeds?.pValue);
  }
  const [first, second] = trend.points;
  assert.equal(first.values.length, 6);
  assert.ok(Math.abs(first.mean - first.values.reduce((a, b) => a + b, 0) / 6) < 1e-12);
  assert.ok(first.sd !== undefined && first.sd > 0);
  assert.ok(Math.abs(trend.steps[0].difference - (second.mean - first.mean)) < 1e-12);
  assert.equal(lastStep(trend)?.verdict, 'no clear change');
  assert.deepEqual(trend.notes, []);
});

test('the same run twice is an identical step, no change', () => {
  const trend = buildTrend([push(1, notebook(77)), push(2, notebook(77))]);
  assert.equal(trend.steps[0].identical, true);
  assert.equal(trend.steps[0].verdict, 'no clear change');
  assert.equal(trend.steps[0].difference, 0);
});

test('bad input is one line each and never a point: unreadable records, no val_acc; a run of one seed has no spread and no judged step', () => {
  const noAccuracy = notebook(1);
  noAccuracy.repeats = [];
  delete (noAccuracy.metrics as Partial<RunRecord['metrics']>).val_acc;
  const oneSeed = makeRecord({ accuracy: 0.9, repeats: 1 });
  const trend = buildTrend([
    push(1, notebook(77)),
    push(2, undefined, `run.json: record version ${RUN_RECORD_VERSION + 1} is newer than this tool understands`),
    push(3, noAccuracy),
    push(4, oneSeed),
    push(5, notebook(177)),
  ], { notes: ['a gap the caller found'] });
  assert.deepEqual(trend.points.map((point) => point.sha), [SHA(1), SHA(4), SHA(5)]);
  assert.equal(trend.notes.length, 4, trend.notes.join('\n'));
  assert.equal(trend.notes[0], 'a gap the caller found');
  assert.match(trend.notes[1], /^2222222: run\.json: record version \d+ is newer .*; left out of the trend\.$/);
  assert.match(trend.notes[2], /^3333333: its run record holds no val_acc; left out of the trend\.$/);
  assert.match(trend.notes[3], /^4444444: one seed only \(train\.repeats: 1, or a record from before repeats\), so its point has no spread and the steps to and from it are not judged\.$/);
  assert.equal(trend.points[1].sd, undefined);
  // 0.55 → 0.9 is a big change, but one seed cannot tell it from noise: not judged.
  assert.ok(trend.steps.every((step) => step.untestable !== undefined && step.verdict === 'no clear change'));
  for (const note of trend.notes) assert.equal(note.split('\n').length, 1);
});

test('limit keeps the newest runs; steps index into the points kept', () => {
  const entries = [1, 2, 3, 4, 5].map((n) => push(n, n === 5 ? tuned(n) : notebook(n * 100)));
  const trend = buildTrend(entries, { limit: 3 });
  assert.deepEqual(trend.points.map((point) => point.sha), [SHA(3), SHA(4), SHA(5)]);
  assert.deepEqual(trend.steps.map((step) => [step.from, step.to]), [[0, 1], [1, 2]]);
  assert.equal(lastStep(trend)?.verdict, 'better');
});
