// Regression thresholds ("val_acc: -0.02, val_loss: +5%"): parsing and
// checking. The sign says which way is bad: "-0.02" fails when the metric
// drops by more than 0.02, "+5%" when it rises by more than 5 % of the base.
// Pure.
export const THRESHOLD_METRICS = [
    'val_loss', 'val_acc', 'precision', 'recall', 'f1_score', 'weighted_precision', 'weighted_recall', 'weighted_f1',
];
export class ThresholdError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ThresholdError';
    }
}
const FORM = 'write it as "<metric>: -0.02" (fail when it drops by more than 0.02) or "<metric>: +5%" (fail when it rises by more than 5 %)';
const OFF = new Set(['', 'off', 'none', 'false']);
/** Accepts comma- or newline-separated entries, YAML list dashes, {braces} and # comments. */
export function parseThresholds(text) {
    const trimmed = text.trim();
    if (OFF.has(trimmed.toLowerCase()))
        return [];
    const body = trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1) : trimmed;
    const entries = body
        .split(/\r?\n/)
        .map((line) => line.replace(/#.*$/, ''))
        .flatMap((line) => line.split(','))
        .map((entry) => entry.trim().replace(/^-\s+/, '').trim())
        .filter((entry) => entry !== '');
    const seen = new Set();
    return entries.map((entry) => {
        const threshold = parseEntry(entry);
        if (seen.has(threshold.metric))
            throw new ThresholdError(`threshold for ${threshold.metric} is given twice; keep one`);
        seen.add(threshold.metric);
        return threshold;
    });
}
function parseEntry(entry) {
    const colon = entry.indexOf(':');
    if (colon < 0)
        throw new ThresholdError(`threshold "${entry}" has no ":"; ${FORM}`);
    const metric = entry.slice(0, colon).trim().replace(/^["']|["']$/g, '');
    const value = entry.slice(colon + 1).trim().replace(/^["']|["']$/g, '');
    if (!THRESHOLD_METRICS.includes(metric)) {
        throw new ThresholdError(`threshold for unknown metric "${metric}"; use one of ${THRESHOLD_METRICS.join(', ')}`);
    }
    const match = /^([+-])\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)$/.exec(value);
    if (!match) {
        const hint = /^\d/.test(value) ? ' (the sign is required: it says which way is bad)' : '';
        throw new ThresholdError(`threshold for ${metric}: "${value}" is not a signed number${hint}; ${FORM}`);
    }
    const magnitude = Number(match[2]);
    if (magnitude === 0)
        throw new ThresholdError(`threshold for ${metric}: a limit of 0 fails on any change; ${FORM}`);
    const relative = match[3] === '%';
    const sign = match[1] === '-' ? -1 : 1;
    return {
        metric: metric,
        kind: relative ? 'relative' : 'absolute',
        limit: sign * (relative ? magnitude / 100 : magnitude),
        text: `${metric}: ${match[1]}${match[2]}${relative ? '%' : ''}`,
    };
}
export function checkThresholds(thresholds, head, base) {
    return thresholds.map((threshold) => {
        const headValue = head[threshold.metric];
        const baseValue = base?.[threshold.metric];
        if (base === undefined)
            return { threshold, crossed: false, skipped: 'no base run to compare with' };
        if (typeof headValue !== 'number' || typeof baseValue !== 'number' || !Number.isFinite(headValue) || !Number.isFinite(baseValue)) {
            return { threshold, crossed: false, skipped: `${threshold.metric} is missing from one of the records` };
        }
        let change = headValue - baseValue;
        if (threshold.kind === 'relative') {
            if (baseValue === 0)
                return { threshold, crossed: false, skipped: `base ${threshold.metric} is 0, so a relative change is undefined` };
            change /= Math.abs(baseValue);
        }
        const crossed = threshold.limit < 0 ? change < threshold.limit : change > threshold.limit;
        if (!crossed)
            return { threshold, crossed };
        const shown = threshold.kind === 'relative' ? `${signed(change * 100, 1)}%` : signed(change, 4);
        return {
            threshold,
            crossed,
            regression: {
                metric: threshold.metric,
                threshold: threshold.text,
                base: baseValue,
                head: headValue,
                change,
                kind: threshold.kind,
                message: `${threshold.metric} changed by ${shown} (${baseValue.toFixed(4)} → ${headValue.toFixed(4)}), beyond the limit ${threshold.text.split(': ')[1]}`,
            },
        };
    });
}
function signed(value, digits) {
    return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}
