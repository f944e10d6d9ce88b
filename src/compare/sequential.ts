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
// `npm run bench -- --noise`): docs/verdict.md has the figures.
// The first look comes after one PR seed, where no rank test can reach any
// level (one seed among seven is at best p = 2/7): it asks whether that seed
// lies outside the base's prediction interval (Student's t with the base's
// mean and sd, 5 degrees of freedom), at a level so small (0.001) that it
// only calls changes many sds wide, and it never stops for futility. Its
// false alarms are its level for normal seed noise (4.3 % + 0.1 % by the
// union bound); heavier tails raise them a little (simulated: 4.7 % for
// Student's t with 3 degrees of freedom, 4.9 % with 5 % of seeds five times
// as noisy; docs/verdict.md). Pure.

import { permutationTest, studentTTwoSided } from './stats.js';

export interface StoppingRule {
  /** Base seeds the rule was calibrated for (it applies only to a base with exactly these many). */
  baseSeeds: number;
  /** The PR's seed counts at which it looks, ascending; the last is the most it trains. */
  looks: readonly number[];
  /** Per look: call a change when the rank test's p ≤ this. */
  levels: readonly number[];
  /** Per look: stop as "no clear change" when p > this (1 at the last look: it stops anyway; 1 where a look never stops for futility). */
  futility: readonly number[];
  /** Per look: the rank test, or (one PR seed) the base's prediction interval. */
  tests: readonly LookTest[];
}

/** `ranks`: the exact rank test of the verdict; `prediction`: one PR seed against the base's prediction interval (Student's t). */
export type LookTest = 'ranks' | 'prediction';

/**
 * The rule of tool versions before the one-seed look: after 3, 4, 6 and 8
 * PR seeds against the base's 6. With 3 PR seeds against 6 the smallest
 * possible p is 2/84 = 0.024, so a clear change is called after 3 seeds
 * when every PR seed lies beyond every base seed; the default 6 is the third
 * look; a borderline result (p ≤ 0.2 after 6) goes on to 8 seeds, where the
 * base's 6 seeds, not the PR's, limit what more seeds can tell. Chosen by
 * measurement (docs/verdict.md): in 20,000 simulated pull requests its false
 * alarms are 4.3 % (for a rank rule the same for any seed distribution), a
 * two-sd change is found in 82 % with 5.0 PR seeds on average. Records that
 * name these looks are judged by it, so their verdict stays theirs.
 */
export const RANK_LOOKS_RULE: StoppingRule = {
  baseSeeds: 6,
  looks: [3, 4, 6, 8],
  levels: [0.024, 0.01, 0.02, 0.02],
  futility: [0.55, 0.4, 0.2, 1],
  tests: ['ranks', 'ranks', 'ranks', 'ranks'],
};

/**
 * The rule: a first look after one PR seed (the prediction interval, level
 * 0.001, no futility stop), then the rank looks above unchanged. A change as
 * wide as notebook → tuned params (over ten base sds) is called after one
 * seed; smaller ones go on as before. Simulated (test/compare/sequential.test.ts):
 * false alarms 4.2 % with normal seed noise, under 5 % with heavy tails; a
 * two-sd change found in 83 % with 5.0 PR seeds on average; a ten-sd change
 * after 1.2 seeds on average.
 */
export const STOPPING_RULE: StoppingRule = {
  baseSeeds: 6,
  looks: [1, ...RANK_LOOKS_RULE.looks],
  levels: [0.001, ...RANK_LOOKS_RULE.levels],
  futility: [1, ...RANK_LOOKS_RULE.futility],
  tests: ['prediction', ...RANK_LOOKS_RULE.tests],
};

/** The rule a record's looks name (an older record's rank-only looks keep their own rule), or undefined for looks no rule has. */
export function ruleForLooks(looks: readonly number[] | undefined): StoppingRule | undefined {
  const same = (rule: StoppingRule) => looks !== undefined && looks.length === rule.looks.length && looks.every((seeds, i) => seeds === rule.looks[i]);
  return [STOPPING_RULE, RANK_LOOKS_RULE].find(same);
}

export type StopReason = 'decided' | 'no change likely' | 'maximum';

export interface SequentialJudgement {
  /** The PR seeds the rule used (the look it stopped at, or the last look reached). */
  seeds: number;
  /** That look's p (its test's). */
  pValue: number;
  /** That look's test. */
  test: LookTest;
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
    const test = rule.tests[index];
    const pValue = test === 'prediction' ? predictionTest(baseValues, head[0]) : permutationTest(baseValues, head, 'ranks').pValue;
    const level = rule.levels[index];
    const difference = mean(head) - mean(baseValues);
    if (pValue <= level && difference !== 0) {
      return { seeds, pValue, level, test, stop: 'decided', decision: Math.sign(difference) === sign ? 'better' : 'worse' };
    }
    const final = index === rule.looks.length - 1;
    last = { seeds, pValue, level, test, decision: 'no clear change', ...(final ? { stop: 'maximum' as const } : pValue > rule.futility[index] ? { stop: 'no change likely' as const } : {}) };
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

/**
 * Two-sided p of one new value against the base's prediction interval:
 * t = (value − mean) / (sd · √(1 + 1/n)), Student's t with n − 1 degrees of
 * freedom, exact for normal seed noise. A base whose seeds all agree (sd 0,
 * or float rounding's) gives 1: this look then says nothing and the rank
 * looks decide.
 */
export function predictionTest(baseValues: readonly number[], value: number): number {
  const n = baseValues.length;
  if (n < 2) return 1;
  const centre = mean(baseValues);
  const sd = Math.sqrt(baseValues.reduce((sum, x) => sum + (x - centre) ** 2, 0) / (n - 1));
  // Seeds that agree up to float rounding (0.99 six times has an sd of about 1e-16) have no interval either.
  if (!(sd > 1e-9 * Math.max(1, Math.abs(centre)))) return 1;
  return studentTTwoSided((value - centre) / (sd * Math.sqrt(1 + 1 / n)), n - 1);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
