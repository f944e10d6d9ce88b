import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePValue, erfc, formatPValue, mcnemarExact, spread, twoProportionTest } from '../../src/compare/stats.js';

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

test('p-values are put in plain words', () => {
  assert.match(describePValue(0.2), /could be noise/);
  assert.match(describePValue(0.05), /could be noise/);
  assert.match(describePValue(0.01), /unlikely to be noise/);
  assert.match(describePValue(0.00001), /very unlikely/);
  assert.equal(formatPValue(0.00001), 'p < 0.0001');
  assert.equal(formatPValue(0.0342), 'p = 0.034');
  assert.equal(formatPValue(0.999), 'p = 1');
});
