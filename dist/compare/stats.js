// Small, exact statistics for "is the change real?": McNemar's exact test on
// paired outcomes, a two-proportion z-test for unpaired ones, and the
// mean ± sd of repeated runs. Pure; no dependencies.
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
export const SIGNIFICANCE_LEVEL = 0.05;
/** The p-value in words a reviewer can act on. */
export function describePValue(pValue) {
    const shown = formatPValue(pValue);
    if (pValue < 0.001)
        return `${shown}: very unlikely to be noise`;
    if (pValue < SIGNIFICANCE_LEVEL)
        return `${shown}: unlikely to be noise (below ${SIGNIFICANCE_LEVEL})`;
    return `${shown}: could be noise (p ≥ ${SIGNIFICANCE_LEVEL})`;
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
