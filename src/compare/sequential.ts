// Stopping seeds early: a pull request trains its seeds in stages against the
// base's recorded seeds and stops as soon as the verdict is decided (a group
// sequential design). At each look the same exact rank test as the verdict
// compares the PR's seeds so far with the base's; the change is called at a
// look only when p is at or below that look's level, and a look whose p is
// far from any level stops as "no clear change" (futility). The levels spend
// the 5 % false-alarm budget across the looks: under "the change does
// nothing" every ordering of the seeds' values is equally likely, so the
// rule's overall false-alarm rate does not depend on the seed distribution
// and is computed once, by simulation (test/compare/sequential.test.ts,
// `npm run bench -- --noise`): docs/verdict.md has the figures. Pure.

import { permutationTest } from './stats.js';

export interface StoppingRule {
  /** Base seeds the rule was calibrated for (it applies only to a base with exactly these many). */
  baseSeeds: number;
  /** The PR's seed counts at which it looks, ascending; the last is the most it trains. */
  looks: readonly number[];
  /** Per look: call a change when the rank test's p ≤ this. */
  levels: readonly number[];
  /** Per look: stop as "no clear change" when p > this (1 at the last look: it stops anyway). */
  futility: readonly number[];
}

/**
 * Looks after 3, 4, 6 and 8 PR seeds against the base's 6. With 3 PR seeds
 * against 6 the smallest possible p is 2/84 = 0.024, so a clear change is
 * called after 3 seeds when every PR seed lies beyond every base seed; the
 * default 6 is the third look; a borderline result (p ≤ 0.2 after 6) goes on
 * to 8 seeds, where the base's 6 seeds, not the PR's, limit what more seeds
 * can tell. Chosen by measurement (docs/verdict.md): in 20,000 simulated
 * pull requests its false alarms are 4.3 % (for a rank rule the same for any
 * seed distribution), a two-sd change is found in 82 % (6 fixed seeds: 82 %)
 * with 5.0 PR seeds on average, and a PR that changes nothing stops after
 * 4.4 seeds on average.
 */
export const STOPPING_RULE: StoppingRule = {
  baseSeeds: 6,
  looks: [3, 4, 6, 8],
  levels: [0.024, 0.01, 0.02, 0.02],
  futility: [0.55, 0.4, 0.2, 1],
};

export type StopReason = 'decided' | 'no change likely' | 'maximum';

export interface SequentialJudgement {
  /** The PR seeds the rule used (the look it stopped at, or the last look reached). */
  seeds: number;
  /** The rank test's p at that look. */
  pValue: number;
  /** That look's level. */
  level: number;
  /** Absent while the rule wants more seeds. */
  stop?: StopReason;
  decision: 'better' | 'worse' | 'no clear change';
}

/** Whether the rule applies: a base with the calibrated number of seeds. */
export function ruleApplies(baseValues: readonly number[], rule: StoppingRule = STOPPING_RULE): boolean {
  return baseValues.length === rule.baseSeeds;
}

/**
 * The rule on the PR's per-seed values in training order: each look whose
 * seeds are there, in turn, until one stops. `sign` is +1 when higher is
 * better. Without a stop the judgement of the last look reached says "no
 * clear change" and has no `stop`: the caller trains up to the next look.
 */
export function judgeSequentially(baseValues: readonly number[], headValues: readonly number[], sign: 1 | -1, rule: StoppingRule = STOPPING_RULE): SequentialJudgement | undefined {
  let last: SequentialJudgement | undefined;
  for (const [index, seeds] of rule.looks.entries()) {
    if (headValues.length < seeds) break;
    const head = headValues.slice(0, seeds);
    const pValue = permutationTest(baseValues, head, 'ranks').pValue;
    const level = rule.levels[index];
    const difference = mean(head) - mean(baseValues);
    if (pValue <= level && difference !== 0) {
      return { seeds, pValue, level, stop: 'decided', decision: Math.sign(difference) === sign ? 'better' : 'worse' };
    }
    const final = index === rule.looks.length - 1;
    last = { seeds, pValue, level, decision: 'no clear change', ...(final ? { stop: 'maximum' as const } : pValue > rule.futility[index] ? { stop: 'no change likely' as const } : {}) };
    if (last.stop) return last;
  }
  return last;
}

/** The PR seeds to train before the rule can look again: the next look, or the first. */
export function nextLook(trained: number, rule: StoppingRule = STOPPING_RULE): number | undefined {
  return rule.looks.find((seeds) => seeds > trained);
}

/**
 * The rule as a pull request runs it, on values drawn one seed at a time
 * (`draw` trains the next seed, or picks it from a pool in the noise bench):
 * up to each look in turn, until the rule stops.
 */
export function runInStages(baseValues: readonly number[], draw: () => number, sign: 1 | -1, rule: StoppingRule = STOPPING_RULE): { judgement: SequentialJudgement; values: number[] } {
  const values: number[] = [];
  for (let target = nextLook(0, rule); target !== undefined; target = nextLook(values.length, rule)) {
    while (values.length < target) values.push(draw());
    const judgement = judgeSequentially(baseValues, values, sign, rule)!;
    if (judgement.stop) return { judgement, values };
  }
  throw new Error('the stopping rule never stopped: its last look must stop');
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
