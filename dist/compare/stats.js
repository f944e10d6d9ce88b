// Small, exact statistics for "is the change real?": McNemar's exact test on
// paired outcomes, a two-proportion z-test for unpaired ones, and the
// mean ± sd of repeated runs, and tests on repeated runs (seeds). Pure.
import { createRandom } from '../random.js';
/** Two-sided exact McNemar test: b and c are the discordant pair counts. */
export function mcnemarExact(b, c) {
    assertCount('b', b);
    assertCount('c', c);
    const n = b + c;
    if (n === 0)
        return 1;
    const k = Math.min(b, c);
    // Binomial(n, 1/2) tail P(X <= k), summed in log space so that n in the
    // thousands neither overflows C(n, k) nor underflows 2^-n.
    let logTerm = -n * Math.LN2; // log C(n, 0) / 2^n
    let tail = Math.exp(logTerm);
    for (let i = 1; i <= k; i += 1) {
        logTerm += Math.log(n - i + 1) - Math.log(i);
        tail += Math.exp(logTerm);
    }
    return Math.min(1, 2 * tail);
}
/** Two-sided pooled z-test for rate2 vs rate1 (what R's prop.test does without continuity correction). */
export function twoProportionTest(successes1, total1, successes2, total2) {
    for (const [name, value] of [['successes1', successes1], ['total1', total1], ['successes2', successes2], ['total2', total2]]) {
        assertCount(name, value);
    }
    if (total1 === 0 || total2 === 0)
        throw new RangeError('twoProportionTest: both samples need at least one observation');
    if (successes1 > total1 || successes2 > total2)
        throw new RangeError('twoProportionTest: successes cannot exceed the total');
    const rate1 = successes1 / total1;
    const rate2 = successes2 / total2;
    const pooled = (successes1 + successes2) / (total1 + total2);
    const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / total1 + 1 / total2));
    if (standardError === 0)
        return { rate1, rate2, z: 0, pValue: 1 };
    const z = (rate2 - rate1) / standardError;
    return { rate1, rate2, z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}
/**
 * Complementary error function, W. J. Cody's rational approximations
 * (relative error below 1e-14 over the whole range).
 */
export function erfc(x) {
    if (Number.isNaN(x))
        return Number.NaN;
    if (x < 0)
        return 2 - erfc(-x);
    if (x < 0.5)
        return 1 - erfSmall(x);
    if (x < 4) {
        const p = [3.00459261020161601e2, 4.51918953711872942e2, 3.39320816734343687e2, 1.52989285046940404e2, 4.31622272220567353e1, 7.21175825088309366, 5.64195517478973971e-1, -1.36864857382716707e-7];
        const q = [3.00459260956983293e2, 7.90950925327898027e2, 9.31354094850609621e2, 6.38980264465631167e2, 2.77585444743987643e2, 7.70001529352294730e1, 1.27827273196294235e1, 1];
        return Math.exp(-x * x) * polynomial(p, x) / polynomial(q, x);
    }
    if (x > 27)
        return 0;
    const p = [-2.99610707703542174e-3, -4.94730910623250734e-2, -2.26956593539686930e-1, -2.78661308609647788e-1, -2.23192459734184686e-2];
    const q = [1.06209230528467918e-2, 1.91308926107829841e-1, 1.05167510706793207, 1.98733201817135256, 1];
    const z = 1 / (x * x);
    const r = (z * polynomial(p, z)) / polynomial(q, z);
    return (Math.exp(-x * x) / x) * (1 / Math.sqrt(Math.PI) + r);
}
function erfSmall(x) {
    const p = [3.16112374387056560, 1.13864154151050156e2, 3.77485237685302021e2, 3.20937758913846947e3, 1.85777706184603153e-1];
    const q = [2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3, 2.84423683343917062e3];
    const z = x * x;
    let numerator = p[4] * z;
    let denominator = z;
    for (let i = 0; i < 3; i += 1) {
        numerator = (numerator + p[i]) * z;
        denominator = (denominator + q[i]) * z;
    }
    return (x * (numerator + p[3])) / (denominator + q[3]);
}
/** Coefficients in ascending powers. */
function polynomial(coefficients, x) {
    let sum = 0;
    for (let i = coefficients.length - 1; i >= 0; i -= 1)
        sum = sum * x + coefficients[i];
    return sum;
}
export function spread(values) {
    if (values.length === 0)
        throw new RangeError('spread: no values');
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
    return {
        count: values.length,
        mean,
        sd: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0,
        min: Math.min(...values),
        max: Math.max(...values),
    };
}
/** "p = 0.034", "p < 0.0001". */
export function formatPValue(pValue) {
    if (pValue < 0.0001)
        return 'p < 0.0001';
    if (pValue >= 0.995)
        return 'p = 1';
    return `p = ${pValue < 0.01 ? pValue.toFixed(4) : pValue.toFixed(3)}`;
}
function assertCount(name, value) {
    if (!Number.isInteger(value) || value < 0)
        throw new RangeError(`${name} must be a count (a whole number ≥ 0), got ${value}`);
}
// ---- Comparing repeated runs: the seed is the unit of replication ----
/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-15). */
export function logGamma(x) {
    if (!(x > 0))
        throw new RangeError(`logGamma: x must be > 0, got ${x}`);
    if (x < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
    const z = x - 1;
    let sum = c[0];
    for (let i = 1; i < 9; i += 1)
        sum += c[i] / (z + i);
    const t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
/** Regularised incomplete beta I_x(a, b), by its continued fraction (modified Lentz). */
export function incompleteBeta(x, a, b) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
    if (x > (a + 1) / (a + b + 2))
        return 1 - incompleteBeta(1 - x, b, a);
    const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - (logGamma(a) + logGamma(b) - logGamma(a + b))) / a;
    const tiny = 1e-300;
    let f = 1;
    let c = 1;
    let d = 0;
    for (let i = 0; i <= 400; i += 1) {
        const m = Math.floor(i / 2);
        let numerator;
        if (i === 0)
            numerator = 1;
        else if (i % 2 === 0)
            numerator = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
        else
            numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
        d = 1 + numerator * d;
        if (Math.abs(d) < tiny)
            d = tiny;
        d = 1 / d;
        c = 1 + numerator / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        const step = c * d;
        f *= step;
        if (Math.abs(1 - step) < 1e-15)
            return front * (f - 1);
    }
    return front * (f - 1);
}
/** Two-sided tail of Student's t: P(|T| ≥ |t|) with `df` degrees of freedom. */
export function studentTTwoSided(t, df) {
    if (!(df > 0))
        throw new RangeError(`studentTTwoSided: df must be > 0, got ${df}`);
    if (!Number.isFinite(t))
        return Number.isNaN(t) ? Number.NaN : 0;
    return Math.min(1, incompleteBeta(df / (df + t * t), df / 2, 0.5));
}
/** The t value with P(|T| ≥ t) = `twoSidedTail` (bisection; enough for intervals). */
export function studentTQuantile(twoSidedTail, df) {
    if (!(twoSidedTail > 0 && twoSidedTail < 1))
        throw new RangeError(`studentTQuantile: the tail must be in (0, 1), got ${twoSidedTail}`);
    let low = 0;
    let high = 1;
    while (studentTTwoSided(high, df) > twoSidedTail)
        high *= 2;
    for (let i = 0; i < 200 && high - low > 1e-12 * high; i += 1) {
        const middle = (low + high) / 2;
        if (studentTTwoSided(middle, df) > twoSidedTail)
            low = middle;
        else
            high = middle;
    }
    return (low + high) / 2;
}
/** Student's pooled-variance interval for mean(second) − mean(first); needs df ≥ 1. */
export function pooledInterval(first, second, level = 0.95) {
    const df = first.length + second.length - 2;
    if (first.length === 0 || second.length === 0 || df < 1)
        throw new RangeError('pooledInterval: needs at least one value per sample and three in all');
    const a = spread(first);
    const b = spread(second);
    const pooledVariance = ((a.count - 1) * a.sd ** 2 + (b.count - 1) * b.sd ** 2) / df;
    const standardError = Math.sqrt(pooledVariance * (1 / a.count + 1 / b.count));
    const difference = b.mean - a.mean;
    const half = standardError === 0 ? 0 : studentTQuantile(1 - level, df) * standardError;
    return { difference, standardError, df, low: difference - half, high: difference + half, level };
}
/** Mid-ranks (1-based) of the values, ties sharing their average rank. */
export function midRanks(values) {
    const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value || x.index - y.index);
    const ranks = new Array(values.length);
    for (let start = 0; start < order.length;) {
        let end = start;
        while (end + 1 < order.length && order[end + 1].value === order[start].value)
            end += 1;
        for (let i = start; i <= end; i += 1)
            ranks[order[i].index] = (start + end) / 2 + 1;
        start = end + 1;
    }
    return ranks;
}
/** Splits enumerated exactly up to this many; beyond it a seeded sample of them is drawn. */
export const EXACT_SPLIT_LIMIT = 200_000;
const SAMPLED_SPLITS = 100_000;
/**
 * Two-sided permutation test of "both samples come from one distribution":
 * every way of relabelling the pooled scores into groups of the two sizes is
 * equally likely under that hypothesis, so the p-value is the share of them
 * whose group sum lies at least as far from its expectation as the observed
 * one. Exact (and deterministic) up to EXACT_SPLIT_LIMIT splits, sampled with
 * a fixed seed beyond. With ranks as scores this is the Wilcoxon-Mann-Whitney
 * rank-sum test; with the values themselves, the test of the mean difference.
 */
export function permutationTest(first, second, scoreWith = 'ranks') {
    const n = first.length;
    const m = second.length;
    if (n === 0 || m === 0)
        throw new RangeError('permutationTest: each sample needs at least one value');
    const pooled = [...first, ...second];
    const scores = scoreWith === 'ranks' ? midRanks(pooled) : pooled;
    const total = scores.reduce((sum, value) => sum + value, 0);
    const expected = (total * n) / (n + m);
    const observedSum = scores.slice(0, n).reduce((sum, value) => sum + value, 0);
    // Relative tolerance: sums of the same scores in another order may differ in the last bits.
    const observed = Math.abs(observedSum - expected) - 1e-9 * (Math.abs(total) + 1);
    const splits = binomial(n + m, n);
    if (splits <= EXACT_SPLIT_LIMIT) {
        let extreme = 0;
        const visit = (start, left, sum) => {
            if (left === 0) {
                if (Math.abs(sum - expected) >= observed)
                    extreme += 1;
                return;
            }
            for (let i = start; i <= scores.length - left; i += 1)
                visit(i + 1, left - 1, sum + scores[i]);
        };
        visit(0, n, 0);
        return { pValue: extreme / splits, splits, exact: true, smallestPValue: smallestPValue(scores, n, splits) };
    }
    const random = createRandom(0x5eed);
    const indices = scores.map((_, i) => i);
    let extreme = 0;
    for (let draw = 0; draw < SAMPLED_SPLITS; draw += 1) {
        // Partial Fisher-Yates: the first n indices are a uniform random group.
        let sum = 0;
        for (let i = 0; i < n; i += 1) {
            const j = i + Math.floor(random() * (indices.length - i));
            [indices[i], indices[j]] = [indices[j], indices[i]];
            sum += scores[indices[i]];
        }
        if (Math.abs(sum - expected) >= observed)
            extreme += 1;
    }
    // Counting the observed split itself keeps a sampled p-value valid (never 0).
    return { pValue: (extreme + 1) / (SAMPLED_SPLITS + 1), splits: SAMPLED_SPLITS, exact: false, smallestPValue: 1 / (SAMPLED_SPLITS + 1) };
}
/** The share of splits that are as extreme as the most extreme one: the floor under any p-value. */
function smallestPValue(scores, n, splits) {
    const sorted = [...scores].sort((a, b) => a - b);
    const total = scores.reduce((sum, value) => sum + value, 0);
    const expected = (total * n) / scores.length;
    const lowest = sorted.slice(0, n).reduce((sum, value) => sum + value, 0);
    const highest = sorted.slice(-n).reduce((sum, value) => sum + value, 0);
    const farthest = Math.max(Math.abs(lowest - expected), Math.abs(highest - expected));
    if (farthest === 0)
        return 1;
    let extreme = 0;
    const visit = (start, left, sum) => {
        if (left === 0) {
            if (Math.abs(sum - expected) >= farthest - 1e-9 * (Math.abs(total) + 1))
                extreme += 1;
            return;
        }
        for (let i = start; i <= scores.length - left; i += 1)
            visit(i + 1, left - 1, sum + scores[i]);
    };
    visit(0, n, 0);
    return extreme / splits;
}
/** C(n, k) as a float (exact for the sizes used here). */
export function binomial(n, k) {
    let result = 1;
    for (let i = 1; i <= k; i += 1)
        result = (result * (n - k + i)) / i;
    return Math.round(result);
}
