import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binomial, erfc, formatPValue, incompleteBeta, logGamma, mcnemarExact, midRanks, permutationTest, pooledInterval, spread, studentTQuantile, studentTTwoSided, twoProportionTest } from '../../src/compare/stats.js';

function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${actual} is not ${expected}`);
}

// Expected values are worked by hand from the binomial and normal
// distributions (and agree with R's binom.test / prop.test).
test('mcnemarExact matches hand-computed binomial tails', () => {
  // n = 6, P(X ≤ 1) = (1 + 6) / 64, doubled.
  near(mcnemarExact(1, 5), 14 / 64);
  near(mcnemarExact(5, 1), 14 / 64);
  // n = 10, P(X ≤ 2) = (1 + 10 + 45) / 1024, doubled.
  near(mcnemarExact(2, 8), 112 / 1024);
  near(mcnemarExact(0, 10), 2 / 1024);
  // Equal counts: the doubled tail exceeds 1 and is capped.
  assert.equal(mcnemarExact(5, 5), 1);
  assert.equal(mcnemarExact(0, 0), 1);
});

test('mcnemarExact stays finite for thousands of discordant pairs', () => {
  const p = mcnemarExact(1500, 1700);
  assert.ok(p > 0 && p < 0.05, `p = ${p}`);
  // Normal approximation with continuity correction: z = (|b − c| − 1) / √(b + c) = 199 / √3200 ≈ 3.518, p ≈ 0.000435.
  assert.ok(Math.abs(p - 0.000435) < 0.00005, `p = ${p}`);
  assert.throws(() => mcnemarExact(-1, 2), /b must be a count/);
  assert.throws(() => mcnemarExact(1.5, 2), /whole number/);
});

test('twoProportionTest matches a hand-computed pooled z-test', () => {
  // 45/100 vs 60/100: pooled 0.525, se = √(0.525 · 0.475 · 0.02) = 0.0706222, z = 0.15 / se = 2.12398, p = 0.03367.
  const result = twoProportionTest(45, 100, 60, 100);
  assert.ok(Math.abs(result.z - 2.12398) < 1e-5);
  assert.ok(Math.abs(result.pValue - 0.03367) < 1e-5);
  assert.equal(twoProportionTest(60, 100, 45, 100).z, -result.z);
  assert.deepEqual(twoProportionTest(10, 10, 5, 5), { rate1: 1, rate2: 1, z: 0, pValue: 1 });
  assert.throws(() => twoProportionTest(1, 0, 1, 2), /at least one observation/);
  assert.throws(() => twoProportionTest(3, 2, 1, 2), /cannot exceed/);
});

test('erfc agrees with tabulated values', () => {
  for (const [x, expected] of [[0.1, 0.887537083981715], [1, 0.157299207050285], [3, 2.20904969985854e-5], [5, 1.53745979442803e-12], [-1, 1.842700792949715]]) {
    assert.ok(Math.abs(erfc(x) - expected) / expected < 1e-12, `erfc(${x}) = ${erfc(x)}`);
  }
});

test('spread gives mean and sample sd', () => {
  // Values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, sd = √(32/7).
  const result = spread([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.equal(result.mean, 5);
  assert.ok(Math.abs(result.sd - Math.sqrt(32 / 7)) < 1e-12);
  assert.equal(spread([0.5]).sd, 0);
  assert.throws(() => spread([]), /no values/);
});

test('p-values are written short', () => {
  assert.equal(formatPValue(0.00001), 'p < 0.0001');
  assert.equal(formatPValue(0.0342), 'p = 0.034');
  assert.equal(formatPValue(0.999), 'p = 1');
});

test('logGamma and the incomplete beta match closed forms', () => {
  near(logGamma(5), Math.log(24));
  near(logGamma(0.5), Math.log(Math.sqrt(Math.PI)));
  assert.ok(Math.abs(logGamma(101) - 363.73937555556347) < 1e-9);
  // I_x(2, 3) = Σ_{j=2..4} C(4, j) x^j (1 − x)^(4 − j): at 1/2, (6 + 4 + 1) / 16.
  near(incompleteBeta(0.5, 2, 3), 11 / 16);
  // I_x(1, b) = 1 − (1 − x)^b.
  near(incompleteBeta(0.3, 1, 4), 1 - 0.7 ** 4);
  assert.equal(incompleteBeta(0, 2, 3), 0);
  assert.equal(incompleteBeta(1, 2, 3), 1);
});

test("Student's t tails and quantiles match the textbook table", () => {
  // Two-sided 5 % critical values: df 1 → 12.706, df 4 → 2.776, df 8 → 2.306, df 30 → 2.042.
  for (const [df, critical] of [[1, 12.7062047], [4, 2.7764451], [8, 2.3060041], [30, 2.0422725]]) {
    assert.ok(Math.abs(studentTTwoSided(critical, df) - 0.05) < 1e-7, `df ${df}`);
    assert.ok(Math.abs(studentTQuantile(0.05, df) - critical) < 1e-6, `df ${df}`);
  }
  // df 1 is the Cauchy distribution: P(|T| ≥ 1) = 1/2.
  near(studentTTwoSided(1, 1), 0.5);
  assert.equal(studentTTwoSided(0, 5), 1);
});

test('pooledInterval is Student\'s pooled-variance interval', () => {
  // Means 2 and 5, each sd 1: pooled variance 1, se = √(2/3), df 4, t = 2.7764451.
  const interval = pooledInterval([1, 2, 3], [4, 5, 6]);
  near(interval.difference, 3);
  near(interval.standardError, Math.sqrt(2 / 3));
  assert.equal(interval.df, 4);
  assert.ok(Math.abs(interval.low - (3 - 2.7764451 * Math.sqrt(2 / 3))) < 1e-6);
  assert.ok(Math.abs(interval.high - (3 + 2.7764451 * Math.sqrt(2 / 3))) < 1e-6);
  const same = pooledInterval([0.9, 0.9], [0.9, 0.9]);
  assert.deepEqual([same.low, same.high], [0, 0]);
});

test('midRanks share ties', () => {
  assert.deepEqual(midRanks([0.3, 0.1, 0.3, 0.2]), [3.5, 1, 3.5, 2]);
  assert.equal(binomial(10, 5), 252);
  assert.equal(binomial(12, 6), 924);
});

test('the rank test gives the exact Wilcoxon-Mann-Whitney p-values', () => {
  // Complete separation of 5 and 5: 2 of C(10, 5) = 252 splits, p = 0.0079 (the rank-sum table's U = 0).
  const separated = permutationTest([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
  assert.equal(separated.pValue, 2 / 252);
  assert.equal(separated.smallestPValue, 2 / 252);
  assert.equal(separated.exact, true);
  // U = 1 (one swap): P(U ≤ 1) = 2/252 per side, p = 4/252.
  assert.equal(permutationTest([1, 2, 3, 4, 6], [5, 7, 8, 9, 10]).pValue, 4 / 252);
  // U = 2: P(U ≤ 2) = 4/252 per side (the table's 0.016), p = 8/252 = 0.0317.
  assert.equal(permutationTest([1, 2, 3, 5, 6], [4, 7, 8, 9, 10]).pValue, 8 / 252);
  // Only ranks count: the same order at any scale gives the same p.
  assert.equal(permutationTest([0.81, 0.82, 0.83, 0.85, 0.86], [0.84, 0.97, 0.98, 0.99, 0.995]).pValue, 8 / 252);
  // Identical samples: p = 1.
  assert.equal(permutationTest([0.9, 0.8, 0.85], [0.9, 0.8, 0.85]).pValue, 1);
  // 3 per side can never go below 2/20.
  assert.equal(permutationTest([1, 2, 3], [4, 5, 6]).smallestPValue, 0.1);
});

test('the permutation test on values counts splits by their mean difference', () => {
  // Samples {1, 2} and {3, 10}: the 6 splits of {1, 2, 3, 10} into pairs have first-pair sums
  // 3, 4, 11, 5, 12, 13 (expected 8); |sum − 8| ≥ 5 for sums 3, 13 only: p = 2/6.
  near(permutationTest([1, 2], [3, 10], 'values').pValue, 2 / 6);
  // The ranks of the same data give sums 3..7 around 5: |3 − 5| = 2 reached by 3 and 7, p = 2/6 too.
  near(permutationTest([1, 2], [3, 10], 'ranks').pValue, 2 / 6);
});

test('beyond the exact limit the test samples splits with a fixed seed: same inputs, same p', () => {
  const first = Array.from({ length: 12 }, (_, i) => i);
  const second = first.map((value) => value + 5);
  const a = permutationTest(first, second);
  const b = permutationTest(first, second);
  assert.equal(binomial(24, 12), 2704156);
  assert.equal(a.exact, false);
  assert.equal(a.pValue, b.pValue);
  // Exact, counted over all 2,704,156 splits by a rank-sum recursion: 12,892 as extreme, p = 0.0047675.
  // 100,000 sampled splits have a standard error of about 0.0002 there.
  assert.ok(Math.abs(a.pValue - 12892 / 2704156) < 0.001, `p = ${a.pValue}`);
});
