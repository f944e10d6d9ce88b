import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeSequentially, nextLook, predictionTest, RANK_LOOKS_RULE, ruleApplies, ruleForLooks, runInStages, STOPPING_RULE } from '../../src/compare/sequential.js';
import { createRandom } from '../../src/random.js';

const BASE = [0.80, 0.82, 0.84, 0.86, 0.88, 0.90];

test('every PR seed beyond every base seed is decided at the first rank look, either way', () => {
  assert.deepEqual(judgeSequentially(BASE, [0.95, 0.96, 0.97], 1), { seeds: 3, pValue: 2 / 84, level: 0.024, test: 'ranks', stop: 'decided', decision: 'better' });
  assert.equal(judgeSequentially(BASE, [0.70, 0.71, 0.72], 1)!.decision, 'worse');
  // For a metric where lower is better the same values are worse.
  assert.equal(judgeSequentially(BASE, [0.95, 0.96, 0.97], -1)!.decision, 'worse');
});

test('a PR in the middle of the base stops early as "no change likely"; a borderline one trains on', () => {
  const middle = judgeSequentially(BASE, [0.83, 0.85, 0.87], 1)!;
  assert.equal(middle.stop, 'no change likely');
  assert.equal(middle.seeds, 3);
  assert.ok(middle.pValue > STOPPING_RULE.futility[1]);
  // Above most of the base, not all of it: not decided, not hopeless: the next look.
  const borderline = judgeSequentially(BASE, [0.89, 0.91, 0.92], 1)!;
  assert.equal(borderline.stop, undefined);
  assert.equal(borderline.decision, 'no clear change');
  assert.equal(nextLook(0), 1);
  assert.equal(nextLook(1), 3);
  assert.equal(nextLook(3), 4);
  assert.equal(nextLook(4), 6);
  assert.equal(nextLook(8), undefined);
  // At the last look it stops whatever p is.
  const last = judgeSequentially(BASE, [0.89, 0.91, 0.87, 0.89, 0.85, 0.91, 0.83, 0.81], 1)!;
  assert.equal(last.seeds, 8);
  assert.equal(last.stop, 'maximum');
  assert.equal(judgeSequentially(BASE, [], 1), undefined, 'no look before the first');
  // One seed inside the base's prediction interval: no call, and no futility stop at that look.
  assert.deepEqual(judgeSequentially(BASE, [0.9], 1), { seeds: 1, pValue: predictionTest(BASE, 0.9), level: 0.001, test: 'prediction', decision: 'no clear change' });
});

test('one PR seed many base sds away is decided at once; one a few sds away waits for the rank looks', () => {
  // Base mean 0.85, sd 0.0374: 0.336 → 0.9 is the notebook → tuned kind of change, about 14 sds.
  const far = judgeSequentially(BASE, [1.4], 1)!;
  assert.equal(far.seeds, 1);
  assert.equal(far.test, 'prediction');
  assert.equal(far.stop, 'decided');
  assert.equal(far.decision, 'better');
  assert.ok(far.pValue < 0.001);
  assert.equal(judgeSequentially(BASE, [0.3], 1)!.decision, 'worse');
  // Three sds: p ≈ 0.03 with 5 degrees of freedom, far above 0.001.
  const near = judgeSequentially(BASE, [0.85 + 3 * 0.0374], 1)!;
  assert.equal(near.stop, undefined);
  assert.ok(near.pValue > 0.01 && near.pValue < 0.05, String(near.pValue));
  // The interval: t = (x − mean) / (sd·√(1 + 1/6)) with 5 degrees of freedom; |t| = 6.869 is the 0.001 point.
  const sd = Math.sqrt(BASE.reduce((sum, x) => sum + (x - 0.85) ** 2, 0) / 5);
  assert.ok(Math.abs(predictionTest(BASE, 0.85 + 6.869 * sd * Math.sqrt(7 / 6)) - 0.001) < 2e-5);
  // A base whose seeds all agree has no interval: this look says nothing.
  assert.equal(predictionTest([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 0.9), 1);
  assert.equal(predictionTest([0.99, 0.99, 0.99, 0.99, 0.99, 0.99], 0.087), 1, 'float rounding is no spread');
});

test("a record's looks name its rule: an older rank-only record keeps its verdict", () => {
  assert.equal(ruleForLooks([1, 3, 4, 6, 8]), STOPPING_RULE);
  assert.equal(ruleForLooks([3, 4, 6, 8]), RANK_LOOKS_RULE);
  assert.equal(ruleForLooks([2, 5]), undefined);
  // Under the old rule one far seed is no look at all.
  assert.equal(judgeSequentially(BASE, [1.4], 1, RANK_LOOKS_RULE), undefined);
});

test('the rule applies only to a base with the seed count it was calibrated for', () => {
  assert.equal(ruleApplies(BASE), true);
  assert.equal(ruleApplies(BASE.slice(0, 5)), false);
});

/** The rule run on seeds drawn one by one, as a PR trains them: [decided a change, PR seeds trained]. */
function simulate(draw: () => number, shift: number): [boolean, number] {
  const base = Array.from({ length: 6 }, draw);
  const { judgement } = runInStages(base, () => draw() + shift, 1);
  return [judgement.decision !== 'no clear change', judgement.seeds];
}

test('over all its looks the rule raises at most 5 % false alarms, and finds a two-sd change in over 80 %', () => {
  const random = createRandom(2026);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // Heavier tails than normal: Student's t with 3 degrees of freedom, and 5 % of seeds five times as noisy.
  const t3 = () => normal() / Math.sqrt((normal() ** 2 + normal() ** 2 + normal() ** 2) / 3);
  const contaminated = () => (random() < 0.05 ? 5 * normal() : normal());
  // Nothing changed. The rank looks alone would be exact for any distribution (uniform draws); the one-seed look is exact for normal noise.
  for (const [name, draw] of [['uniform', random], ['normal', normal], ['t3', t3], ['contaminated', contaminated]] as const) {
    const nullRuns = 20000;
    let alarms = 0;
    let nullSeeds = 0;
    for (let i = 0; i < nullRuns; i++) {
      const [claimed, seeds] = simulate(draw, 0);
      alarms += Number(claimed);
      nullSeeds += seeds;
    }
    assert.ok(alarms / nullRuns <= 0.05, `${name}: false alarms ${alarms / nullRuns}`);
    assert.ok(nullSeeds / nullRuns < 5, `${name}: mean PR seeds when nothing changed ${nullSeeds / nullRuns}`);
  }
  const shiftedRuns = 3000;
  let found = 0;
  for (let i = 0; i < shiftedRuns; i++) found += Number(simulate(normal, 2)[0]);
  assert.ok(found / shiftedRuns >= 0.8, `two-sd change found in ${found / shiftedRuns}`);
  // A change ten sds wide (notebook → tuned is wider) takes fewer than 1.5 PR seeds on average.
  let seedsForWide = 0;
  for (let i = 0; i < 1000; i++) seedsForWide += simulate(normal, 10)[1];
  assert.ok(seedsForWide / 1000 < 1.5, `mean PR seeds for a ten-sd change ${seedsForWide / 1000}`);
});
