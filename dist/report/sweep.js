// The comparison of a sweep's variants as one document: a table with one row
// per variant (key metrics, Δ against the same variant on the base, the
// verdict with its noise, the best value per column marked, failed legs with
// their error), the validation curves of every variant on one chart, and each
// variant's own report folded below. The local `sweep` and the action's
// aggregate mode both build it here. Pure: blocks in, markdown/HTML by the
// serialisers, fitted to a length limit by folding detail away.
import { formatPValue } from '../compare/stats.js';
import { SWEEP_COLUMNS } from '../metrics.js';
import { buildDocument, MAX_DETAIL } from './document.js';
import { blocksToMarkdown, ReportTooLongError } from './markdown.js';
export const BEST_MARK = '★';
const VERDICT_MARKS = {
    better: '✅ better',
    worse: '❌ worse',
    'no clear change': '= no clear change',
    'no baseline': 'no baseline',
};
function fixed(value, digits) {
    return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}
function signed(value, digits) {
    if (value === undefined || !Number.isFinite(value))
        return '—';
    const text = value.toFixed(digits);
    return value > 0 ? `+${text}` : text.replace('-', '−');
}
/**
 * The verdict with the noise it was judged against: the seed test's p-value
 * (the verdict's own evidence) and the seed-to-seed spread, or why the seeds
 * could not decide.
 */
export function verdictWithNoise(comparison) {
    const parts = [];
    const seeds = comparison.seeds;
    if (seeds?.pValue !== undefined)
        parts.push(formatPValue(seeds.pValue));
    if (seeds?.noise !== undefined)
        parts.push(`seed sd ${seeds.noise.toFixed(4)}${seeds.decision === 'no clear change' ? ', within the noise' : ''}`);
    if (seeds?.untestable !== undefined)
        parts.push(seeds.untestable);
    return parts.length > 0 ? `${VERDICT_MARKS[comparison.verdict]} (${parts.join('; ')})` : VERDICT_MARKS[comparison.verdict];
}
function crossed(checks) {
    return checks.filter((check) => check.crossed).length;
}
/** The value per column that is best among the variants that have it; ties all get the mark. */
function bestValues(entries) {
    const best = new Map();
    for (const column of SWEEP_COLUMNS) {
        const values = entries.flatMap((entry) => {
            const value = entry.document?.head.metrics?.[column.key];
            return typeof value === 'number' && Number.isFinite(value) ? [value] : [];
        });
        if (values.length > 1)
            best.set(column.key, column.better === 'higher' ? Math.max(...values) : Math.min(...values));
    }
    return best;
}
export function sweepTable(entries) {
    const best = bestValues(entries);
    const header = ['Variant', ...SWEEP_COLUMNS.flatMap((column) => [column.heading, `Δ ${column.heading}`]), 'Verdict'];
    const rows = entries.map((entry) => {
        const document = entry.document;
        if (!document)
            return [entry.variant, ...SWEEP_COLUMNS.flatMap(() => ['—', '—']), `⛔ ${entry.failure ?? 'no run record'}`];
        const cells = SWEEP_COLUMNS.flatMap((column) => {
            const value = document.head.metrics?.[column.key];
            const row = document.comparison.metrics.find((metric) => metric.metric === column.key);
            const mark = typeof value === 'number' && best.get(column.key) === value ? ` ${BEST_MARK}` : '';
            return [`${fixed(value, column.digits)}${mark}`, signed(row?.delta, column.digits)];
        });
        let verdict = verdictWithNoise(document.comparison);
        const count = crossed(document.thresholdChecks);
        if (count > 0)
            verdict += `; ${count} threshold${count === 1 ? '' : 's'} crossed${entry.primary ? '' : ' (not primary, not enforced)'}`;
        if (entry.failure)
            verdict = `⛔ ${entry.failure}; ${verdict}`;
        return [entry.variant, ...cells, verdict];
    });
    return { type: 'table', header, rows, align: ['left', ...SWEEP_COLUMNS.flatMap(() => ['right', 'right']), 'left'] };
}
function withImageDir(input, imageDir) {
    if (!imageDir)
        return input;
    return { ...input, images: input.images.map((image) => ({ ...image, file: `${imageDir.replace(/\/$/, '')}/${image.file}` })) };
}
function foldedReport(entry, detail) {
    // The variant's own title is the fold's summary; its other headings stay.
    const blocks = buildDocument(withImageDir(entry.document, entry.imageDir), detail).slice(1);
    return { type: 'details', summary: `Full report: ${entry.variant}`, blocks };
}
/**
 * `folded`: how many of the variants' reports are folded below the table
 * (the rest are left out with a note, last ones first, to fit a limit).
 */
export function buildSweepDocument(input, detail = 0, folded = Infinity) {
    const { entries } = input;
    const blocks = [{ type: 'heading', level: 2, text: input.title }];
    const failed = entries.filter((entry) => entry.failure);
    const summary = [`${entries.length} variant${entries.length === 1 ? '' : 's'}`];
    if (failed.length > 0)
        summary.push(', ', { strong: `${failed.length} failed or cancelled (${failed.map((entry) => entry.variant).join(', ')})` });
    const crossedPrimary = entries.filter((entry) => entry.primary && entry.document && crossed(entry.document.thresholdChecks) > 0);
    if (crossedPrimary.length > 0)
        summary.push(', ', { strong: `regression thresholds crossed by ${crossedPrimary.map((entry) => entry.variant).join(', ')}` });
    summary.push(`. Each variant is compared with the same variant on the base; ${BEST_MARK} marks the best value in its column.`);
    blocks.push({ type: 'paragraph', text: summary });
    blocks.push(sweepTable(entries));
    for (const note of input.notes ?? [])
        blocks.push({ type: 'paragraph', text: [note] });
    const missingBase = entries.filter((entry) => entry.document && !entry.document.base);
    const reasons = new Set(missingBase.map((entry) => entry.document.baseMissingReason ?? 'no base run'));
    if (missingBase.length > 1 && reasons.size === 1 && missingBase.length === entries.filter((entry) => entry.document).length) {
        blocks.push({ type: 'paragraph', text: [`No comparison for any variant: ${[...reasons][0]}.`] });
    }
    else if (missingBase.length > 0 && detail < 3) {
        blocks.push({ type: 'list', items: missingBase.map((entry) => [`${entry.variant}: no comparison (${entry.document.baseMissingReason ?? 'no base run'}).`]) });
    }
    if (input.chart)
        blocks.push({ type: 'image', file: input.chart.file, alt: input.chart.alt });
    const withReports = entries.filter((entry) => entry.document);
    withReports.slice(0, folded).forEach((entry) => blocks.push(foldedReport(entry, detail)));
    const left = withReports.length - Math.min(folded, withReports.length);
    if (left > 0) {
        blocks.push({ type: 'paragraph', text: [`${left} variant report${left === 1 ? '' : 's'} left out to keep this comment under GitHub's size limit; each leg's artifact and job summary has its full report.`] });
    }
    return blocks;
}
/**
 * The most detailed markdown that fits: less detail in every folded report
 * first, then fewer folded reports (the most that fit, found by bisection,
 * each with as much detail as still fits).
 */
export function renderSweepMarkdown(input, imageUrl, maxLength) {
    const render = (detail, folded) => blocksToMarkdown(buildSweepDocument(input, detail, folded), imageUrl);
    const mostDetailed = (folded) => {
        for (let detail = 0; detail <= MAX_DETAIL; detail = (detail + 1)) {
            const text = render(detail, folded);
            if (text.length <= maxLength)
                return text;
        }
        return undefined;
    };
    const reports = input.entries.filter((entry) => entry.document).length;
    const all = mostDetailed(reports);
    if (all !== undefined)
        return all;
    let fits = -1;
    for (let low = 0, high = reports - 1; low <= high;) {
        const middle = Math.floor((low + high) / 2);
        if (render(MAX_DETAIL, middle).length <= maxLength)
            [fits, low] = [middle, middle + 1];
        else
            high = middle - 1;
    }
    if (fits < 0) {
        const text = render(MAX_DETAIL, 0);
        throw new ReportTooLongError(`the sweep report is ${text.length} characters even without the variants' reports; the limit is ${maxLength}`);
    }
    return mostDetailed(fits);
}
