import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeSequentially, nextLook, ruleApplies, runInStages, STOPPING_RULE } from '../../src/compare/sequential.js';
import { createRandom } from '../../src/random.js';

const BASE = [0.80, 0.82, 0.84, 0.86, 0.88, 0.90];

test('every PR seed beyond every base seed is decided at the first look, either way', () => {
  assert.deepEqual(judgeSequentially(BASE, [0.95, 0.96, 0.97], 1), { seeds: 3, pValue: 2 / 84, level: 0.024, stop: 'decided', decision: 'better' });
  assert.equal(judgeSequentially(BASE, [0.70, 0.71, 0.72], 1)!.decision, 'worse');
  // For a metric where lower is better the same values are worse.
  assert.equal(judgeSequentially(BASE, [0.95, 0.96, 0.97], -1)!.decision, 'worse');
});

test('a PR in the middle of the base stops early as "no change likely"; a borderline one trains on', () => {
  const middle = judgeSequentially(BASE, [0.83, 0.85, 0.87], 1)!;
  assert.equal(middle.stop, 'no change likely');
  assert.equal(middle.seeds, 3);
  assert.ok(middle.pValue > STOPPING_RULE.futility[0]);
  // Above most of the base, not all of it: not decided, not hopeless: the next look.
  const borderline = judgeSequentially(BASE, [0.89, 0.91, 0.92], 1)!;
  assert.equal(borderline.stop, undefined);
  assert.equal(borderline.decision, 'no clear change');
  assert.equal(nextLook(3), 4);
  assert.equal(nextLook(4), 6);
  assert.equal(nextLook(8), undefined);
  // At the last look it stops whatever p is.
  const last = judgeSequentially(BASE, [0.89, 0.91, 0.87, 0.89, 0.85, 0.91, 0.83, 0.81], 1)!;
  assert.equal(last.seeds, 8);
  assert.equal(last.stop, 'maximum');
  assert.equal(judgeSequentially(BASE, [0.9, 0.91], 1), undefined, 'no look before the first');
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
  // Nothing changed: every ordering of the 6 + up to 8 seeds is equally likely whatever their distribution (ranks), so uniform draws give the rule's exact level.
  const nullRuns = 6000;
  let alarms = 0;
  let nullSeeds = 0;
  for (let i = 0; i < nullRuns; i++) {
    const [claimed, seeds] = simulate(random, 0);
    alarms += Number(claimed);
    nullSeeds += seeds;
  }
  assert.ok(alarms / nullRuns <= 0.05, `false alarms ${alarms / nullRuns}`);
  assert.ok(nullSeeds / nullRuns < 5, `mean PR seeds when nothing changed ${nullSeeds / nullRuns}`);
  const shiftedRuns = 3000;
  let found = 0;
  for (let i = 0; i < shiftedRuns; i++) found += Number(simulate(normal, 2)[0]);
  assert.ok(found / shiftedRuns >= 0.8, `two-sd change found in ${found / shiftedRuns}`);
});
