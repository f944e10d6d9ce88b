// The report as a list of blocks, built from the comparison. markdown.ts and
// html.ts serialise the same blocks, so report.md and report.html say the
// same thing. Text in blocks is plain (unescaped); serialisers escape it.
// `detail` lowers how much is shown, so that the markdown can fit GitHub's
// comment limit by dropping whole rows and sections, each with a note.
import { describePValue, formatPValue } from '../compare/stats.js';
import { confusionBlocks, historyBlocks } from './text-charts.js';
export const MAX_DETAIL = 3;
const ROW_LIMITS = { 0: Infinity, 1: 50, 2: 0, 3: 0 };
export function shortSha(sha) {
    return sha ? sha.slice(0, 7) : undefined;
}
function number(value, digits = 4) {
    return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}
function signed(value, digits = 4) {
    if (value === undefined || !Number.isFinite(value))
        return '—';
    const text = value.toFixed(digits);
    return value > 0 ? `+${text}` : text.replace('-', '−');
}
const MARKS = { better: '✅ better', worse: '❌ worse', unchanged: '= same', 'n/a': '' };
const VERDICT_TEXT = {
    better: 'Better than the base',
    worse: 'Worse than the base',
    'no significant change': 'No significant change',
    'no baseline': 'No baseline to compare with',
};
export function buildDocument(input, detail = 0) {
    const { comparison, head, base } = input;
    const headLabel = shortSha(input.labels.headSha ?? head.source?.sha);
    const title = input.labels.title ?? `Train and report${headLabel ? `: ${headLabel}` : ''}`;
    const blocks = [{ type: 'heading', level: 2, text: title }];
    blocks.push(verdictLine(input));
    if (!base) {
        blocks.push({
            type: 'paragraph',
            text: [
                'No comparison: ', input.baseMissingReason ?? 'no base run record was given', '. ',
                'To get one, let the workflow run on the base branch first (each push to it records a baseline), ',
                'or locally pass ', { code: '--base DIR' }, ' with the output folder of a run of the base.',
            ],
        });
    }
    blocks.push(...thresholdBlocks(input.thresholdChecks));
    if (comparison.notes.length > 0) {
        const notes = detail >= 3 ? comparison.notes.slice(0, 10) : comparison.notes;
        blocks.push({ type: 'list', items: notes.map((note) => [note]) });
    }
    blocks.push({ type: 'heading', level: 3, text: 'Metrics' });
    blocks.push(metricsTable(comparison.metrics, base !== undefined));
    if (base)
        blocks.push(...significanceBlocks(comparison));
    if (comparison.seeds)
        blocks.push(...seedBlocks(comparison, detail));
    // The charts' message in text first: images may not load (see text-charts.ts).
    blocks.push(...historyBlocks(head, base), ...confusionBlocks(head, base));
    blocks.push({ type: 'heading', level: 3, text: 'Charts' });
    for (const image of input.images)
        blocks.push({ type: 'image', file: image.file, alt: image.alt });
    if (input.previewNote)
        blocks.push({ type: 'paragraph', text: [input.previewNote] });
    blocks.push(...paramBlocks(comparison, base !== undefined, detail, head));
    blocks.push(...perClassBlocks(comparison.perClass, base !== undefined, detail));
    blocks.push(...datasetBlocks(comparison, head, base, detail));
    blocks.push(...runInfoBlocks(head, base, detail));
    return blocks;
}
function verdictLine(input) {
    const { comparison } = input;
    const accuracy = comparison.metrics.find((row) => row.metric === 'val_acc');
    const text = [{ strong: VERDICT_TEXT[comparison.verdict] }];
    if (input.base && accuracy) {
        text.push(`: validation accuracy ${number(accuracy.base)} → ${number(accuracy.head)} (${signed(accuracy.delta)})`);
        const significance = comparison.significance;
        if (significance && significance.kind !== 'unavailable')
            text.push(`, ${formatPValue(significance.pValue)}`);
        text.push('.');
        if (comparison.reasons.length > 0)
            text.push(` ${comparison.reasons.join(' ')}`);
    }
    else if (accuracy) {
        text.push(`: validation accuracy ${number(accuracy.head)}.`);
    }
    const crossed = input.thresholdChecks.filter((check) => check.crossed).length;
    if (crossed > 0)
        text.push(' ', { strong: `${crossed} regression threshold${crossed === 1 ? '' : 's'} crossed.` });
    return { type: 'paragraph', text };
}
function thresholdBlocks(checks) {
    if (checks.length === 0)
        return [];
    const items = checks.map((check) => {
        if (check.regression)
            return [{ strong: 'Crossed' }, ` ${check.threshold.text}: ${check.regression.message}`];
        if (check.skipped)
            return [`Not checked ${check.threshold.text}: ${check.skipped}`];
        return [`Within ${check.threshold.text}`];
    });
    return [{ type: 'heading', level: 3, text: 'Regression thresholds' }, { type: 'list', items }];
}
function metricsTable(rows, withBase) {
    if (!withBase) {
        return { type: 'table', header: ['Metric', 'PR', 'Better when'], rows: rows.map((row) => [row.metric, number(row.head), row.direction]), align: ['left', 'right', 'left'] };
    }
    return {
        type: 'table',
        header: ['Metric', 'base', 'PR', 'Δ', ''],
        rows: rows.map((row) => [row.metric, number(row.base), number(row.head), signed(row.delta), MARKS[row.assessment]]),
        align: ['left', 'right', 'right', 'right', 'left'],
    };
}
function significanceBlocks(comparison) {
    const significance = comparison.significance;
    const blocks = [{ type: 'heading', level: 3, text: 'Is the change real?' }];
    if (!significance || significance.kind === 'unavailable') {
        blocks.push({ type: 'paragraph', text: [`No significance test: ${significance?.reason ?? 'nothing to compare'}.`] });
        return blocks;
    }
    if (significance.kind === 'paired') {
        blocks.push({
            type: 'paragraph',
            text: [
                `Both runs predicted the same ${significance.shared} validation images, so the outcomes are paired (McNemar's exact test). `,
                `The base got ${significance.b} right that the PR gets wrong (b), and the PR gets ${significance.c} right that the base got wrong (c). `,
                `Accuracy on these images: ${number(significance.baseAccuracy)} → ${number(significance.headAccuracy)}. `,
                { strong: describePValue(significance.pValue) }, '.',
            ],
        });
    }
    else {
        blocks.push({
            type: 'paragraph',
            text: [
                'The runs share no validation images, so the comparison is unpaired (two-proportion z-test): ',
                `base ${significance.baseCorrect}/${significance.baseTotal} right, PR ${significance.headCorrect}/${significance.headTotal} right, z = ${significance.z.toFixed(2)}. `,
                { strong: describePValue(significance.pValue) }, '.',
            ],
        });
    }
    return blocks;
}
function seedBlocks(comparison, detail) {
    const seeds = comparison.seeds;
    const describe = (run) => `${number(run.spread.mean)} ± ${number(run.spread.sd)} over ${run.values.length} repeat${run.values.length === 1 ? '' : 's'}`;
    const text = [`Validation accuracy, mean ± sd over seeds: PR ${describe(seeds.head)}`];
    if (seeds.base)
        text.push(`; base ${describe(seeds.base)}`);
    text.push('.');
    if (seeds.difference !== undefined && seeds.noise !== undefined) {
        text.push(` The means differ by ${signed(seeds.difference)}; the seed-to-seed spread is ${number(seeds.noise)}, so the change is `);
        text.push({ strong: seeds.exceedsNoise ? 'larger than the seed noise' : 'within the seed noise' }, '.');
    }
    const blocks = [{ type: 'heading', level: 3, text: 'Seed noise' }, { type: 'paragraph', text }];
    if (detail < 2) {
        const rows = [];
        for (const [run, side] of [['base', seeds.base], ['PR', seeds.head]]) {
            side?.values.forEach((value, i) => rows.push([run, String(side.seeds[i]), number(value)]));
        }
        blocks.push({ type: 'details', summary: 'Every repeat', blocks: [{ type: 'table', header: ['Run', 'Seed', 'val_acc'], rows, align: ['left', 'right', 'right'] }] });
    }
    return blocks;
}
function paramBlocks(comparison, withBase, detail, head) {
    const blocks = [{ type: 'heading', level: 3, text: 'Params' }];
    const overrides = Array.isArray(head.paramsOverride) ? head.paramsOverride.map(String) : [];
    if (overrides.length > 0) {
        // The values below already include them; this says they did not come from params.yaml.
        blocks.push({ type: 'paragraph', text: ['Overridden for this run (params-override or --set), on top of params.yaml: ', ...overrides.flatMap((text, i) => [...(i > 0 ? [', '] : []), { code: text }]), '.'] });
    }
    const overridden = new Set(overrides.map((text) => text.slice(0, text.indexOf('='))));
    const keyCell = (key) => (overridden.has(key) ? `${key} (override)` : key);
    const changed = comparison.params.filter((row) => row.changed);
    if (withBase) {
        if (changed.length === 0) {
            blocks.push({ type: 'paragraph', text: ['No params changed.'] });
        }
        else {
            const limit = detail >= 3 ? 20 : Infinity;
            blocks.push({ type: 'table', header: ['Param', 'base', 'PR'], rows: changed.slice(0, limit).map((row) => [keyCell(row.key), row.base ?? '(unset)', row.head ?? '(unset)']) });
            if (changed.length > limit)
                blocks.push(omitted(changed.length - limit, 'changed params'));
        }
    }
    const all = comparison.params;
    const limit = detail === 0 ? Infinity : detail === 1 ? 100 : 0;
    if (limit === 0) {
        if (!withBase)
            blocks.push(omitted(all.length, 'params'));
        return blocks;
    }
    const rows = all.slice(0, limit).map((row) => (withBase ? [keyCell(row.key), row.base ?? '(unset)', row.head ?? '(unset)'] : [keyCell(row.key), row.head ?? '(unset)']));
    const inner = [{ type: 'table', header: withBase ? ['Param', 'base', 'PR'] : ['Param', 'Value'], rows }];
    if (all.length > limit)
        inner.push(omitted(all.length - limit, 'params'));
    blocks.push({ type: 'details', summary: `All params (${all.length})`, blocks: inner });
    return blocks;
}
function omitted(count, what) {
    return { type: 'paragraph', text: [`${count} more ${what} left out to keep this comment under GitHub's size limit; report.html in the run's output has them all.`] };
}
function perClassBlocks(rows, withBase, detail) {
    if (rows.length === 0)
        return [];
    const limit = ROW_LIMITS[detail];
    const summary = `Per-class metrics (${rows.length} classes)`;
    if (limit === 0)
        return [{ type: 'heading', level: 3, text: summary }, omitted(rows.length, 'per-class rows')];
    // When rows must go, keep the classes that changed most.
    const shown = rows.length > limit
        ? [...rows].sort((a, b) => Math.abs(b.f1Delta ?? 0) - Math.abs(a.f1Delta ?? 0)).slice(0, limit).sort((a, b) => rows.indexOf(a) - rows.indexOf(b))
        : rows;
    const table = withBase
        ? {
            type: 'table',
            header: ['Class', 'Support', 'Precision', 'Recall', 'F1 base', 'F1 PR', 'Δ F1'],
            rows: shown.map((row) => [row.label, row.head ? String(row.head.support) : '—', number(row.head?.precision, 3), number(row.head?.recall, 3), number(row.base?.f1, 3), number(row.head?.f1, 3), signed(row.f1Delta, 3)]),
            align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
        }
        : {
            type: 'table',
            header: ['Class', 'Support', 'Precision', 'Recall', 'F1'],
            rows: shown.map((row) => [row.label, row.head ? String(row.head.support) : '—', number(row.head?.precision, 3), number(row.head?.recall, 3), number(row.head?.f1, 3)]),
            align: ['left', 'right', 'right', 'right', 'right'],
        };
    const inner = [table];
    if (shown.length < rows.length)
        inner.push(omitted(rows.length - shown.length, 'per-class rows (the least changed)'));
    return [{ type: 'details', summary, blocks: inner }];
}
function datasetBlocks(comparison, head, base, detail) {
    const dataset = comparison.dataset;
    const blocks = [{ type: 'heading', level: 3, text: 'Dataset' }];
    const text = [`${dataset.headTotal} images in ${dataset.perClass.filter((row) => row.head !== undefined).length} classes`];
    if (base)
        text.push(` (base: ${dataset.baseTotal ?? '—'} in ${dataset.perClass.filter((row) => row.base !== undefined).length})`);
    text.push('.');
    if (dataset.added && dataset.removed && dataset.changed) {
        text.push(dataset.sameContent
            ? ' Same images as the base.'
            : ` Since the base: ${dataset.added.length} added, ${dataset.removed.length} removed, ${dataset.changed.length} changed.`);
    }
    else if (base) {
        text.push(' The base record does not list its files, so added or removed images are unknown.');
    }
    blocks.push({ type: 'paragraph', text });
    const limit = ROW_LIMITS[detail];
    if (limit > 0) {
        const rows = dataset.perClass.slice(0, limit).map((row) => (base
            ? [row.label, row.base === undefined ? '—' : String(row.base), row.head === undefined ? '—' : String(row.head), row.base !== undefined && row.head !== undefined ? signedCount(row.head - row.base) : '—']
            : [row.label, row.head === undefined ? '—' : String(row.head)]));
        const inner = [{ type: 'table', header: base ? ['Class', 'base', 'PR', 'Δ'] : ['Class', 'Images'], rows, align: base ? ['left', 'right', 'right', 'right'] : ['left', 'right'] }];
        if (dataset.perClass.length > limit)
            inner.push(omitted(dataset.perClass.length - limit, 'classes'));
        blocks.push({ type: 'details', summary: 'Images per class', blocks: inner });
        const fileLimit = detail === 0 ? 100 : 20;
        for (const [what, files] of [['Added', dataset.added], ['Removed', dataset.removed], ['Changed', dataset.changed]]) {
            if (!files || files.length === 0)
                continue;
            const list = [{ type: 'list', items: files.slice(0, fileLimit).map((file) => [{ code: file }]) }];
            if (files.length > fileLimit)
                list.push({ type: 'paragraph', text: [`and ${files.length - fileLimit} more.`] });
            blocks.push({ type: 'details', summary: `${what} images (${files.length})`, blocks: list });
        }
    }
    const skipped = Array.isArray(head.dataset?.skipped) ? head.dataset.skipped : [];
    if (skipped.length > 0) {
        const shown = detail === 0 ? skipped.slice(0, 100) : skipped.slice(0, 10);
        const inner = [{ type: 'list', items: shown.map((file) => [{ code: file.path }, `: ${file.reason}`]) }];
        if (shown.length < skipped.length)
            inner.push({ type: 'paragraph', text: [`and ${skipped.length - shown.length} more.`] });
        blocks.push({ type: 'details', summary: `Skipped files (${skipped.length})`, blocks: inner });
    }
    return blocks;
}
function signedCount(value) {
    return value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
}
function runInfoBlocks(head, base, detail) {
    const backend = (record) => {
        if (!record?.backend)
            return '—';
        const { simd, threads, trainingThreads } = record.backend;
        const plural = (count) => `${count} thread${count === 1 ? '' : 's'}`;
        const extras = [
            simd === undefined ? '' : simd ? 'SIMD' : 'no SIMD',
            threads ? plural(threads) : '',
            trainingThreads ? `trained on ${plural(trainingThreads)}` : '',
        ].filter(Boolean);
        return `${record.backend.name} (${record.backend.package}${extras.length ? `, ${extras.join(', ')}` : ''})`;
    };
    const rows = [['backend', backend(head), ...(base ? [backend(base)] : [])]];
    rows.push(['tool', `${head.tool?.name ?? '—'} ${head.tool?.version ?? ''}`.trim(), ...(base ? [`${base.tool?.name ?? '—'} ${base.tool?.version ?? ''}`.trim()] : [])]);
    const stages = [...new Set([...Object.keys(head.timings ?? {}), ...Object.keys(base?.timings ?? {})])];
    for (const stage of stages) {
        const seconds = (record) => (typeof record?.timings?.[stage] === 'number' ? `${record.timings[stage].toFixed(2)} s` : '—');
        rows.push([`${stage} time`, seconds(head), ...(base ? [seconds(base)] : [])]);
    }
    const blocks = [
        { type: 'heading', level: 3, text: 'Run info' },
        { type: 'table', header: base ? ['', 'base', 'PR'] : ['', 'PR'], rows: base ? rows.map((row) => [row[0], row[2], row[1]]) : rows },
    ];
    if (detail < 2) {
        const names = [...new Set([...Object.keys(head.versions ?? {}), ...Object.keys(base?.versions ?? {})])].sort();
        if (names.length > 0) {
            const versionRows = names.map((name) => (base ? [name, base.versions?.[name] ?? '—', head.versions?.[name] ?? '—'] : [name, head.versions?.[name] ?? '—']));
            blocks.push({ type: 'details', summary: 'Versions', blocks: [{ type: 'table', header: base ? ['Package', 'base', 'PR'] : ['Package', 'Version'], rows: versionRows }] });
        }
    }
    return blocks;
}
