// Head run vs base run: every difference the report shows, as data, with a
// verdict. Pure. Fields are read defensively because a base record may come
// from an older tool version or be partly damaged: what cannot be compared
// is named in `notes` instead of failing the whole report.
import { RUN_RECORD_VERSION } from '../record.js';
import { mcnemarExact, SIGNIFICANCE_LEVEL, spread, twoProportionTest } from './stats.js';
/** Which way is good, per metric (val_loss up is bad, the rest up is good). */
export const METRIC_DIRECTIONS = {
    val_loss: 'lower',
    val_acc: 'higher',
    precision: 'higher',
    recall: 'higher',
    f1_score: 'higher',
    weighted_precision: 'higher',
    weighted_recall: 'higher',
    weighted_f1: 'higher',
};
/** A change in a metric smaller than this is shown as unchanged. */
const METRIC_EPSILON = 1e-9;
export function compare(head, base) {
    const notes = [];
    if (base)
        notes.push(...recordNotes(head, base));
    const classes = classDifference(head, base);
    if (base && (classes.onlyInBase.length > 0 || classes.onlyInHead.length > 0)) {
        notes.push(describeClassDifference(classes));
    }
    const significance = base ? significanceOf(head, base, notes) : undefined;
    const seeds = seedComparison(head, base);
    const metrics = metricRows(head, base);
    const { verdict, reasons } = decide(base, significance, seeds);
    return {
        verdict,
        reasons,
        metrics,
        params: paramRows(head, base),
        classes,
        perClass: classRows(head, base),
        significance,
        seeds,
        flips: base && significance?.kind === 'paired' ? flips(head, base) : undefined,
        dataset: datasetDiff(head, base),
        notes,
    };
}
function recordNotes(head, base) {
    const notes = [];
    if (base.recordVersion < RUN_RECORD_VERSION) {
        notes.push(`The base record was written by an older version of the tool (record version ${base.recordVersion}, now ${RUN_RECORD_VERSION}); fields it lacks are left out of the comparison.`);
    }
    if (!Array.isArray(base.history) || base.history.length === 0)
        notes.push('The base record has no training history.');
    if (!Array.isArray(base.perClass) || base.perClass.length === 0)
        notes.push('The base record has no per-class metrics.');
    if (!isMatrix(base.confusionMatrix, classesOf(base).length))
        notes.push('The base confusion matrix is missing or does not match its classes; the difference matrix is left out.');
    if (head.dataset?.contentHash && base.dataset?.contentHash && head.dataset.contentHash !== base.dataset.contentHash) {
        notes.push('The dataset changed between the runs (different content hash); see the dataset summary.');
    }
    if (head.split?.seed !== undefined && base.split?.seed !== undefined && head.split.seed !== base.split.seed) {
        notes.push(`The validation split differs (split seed ${base.split.seed} → ${head.split.seed}).`);
    }
    return notes;
}
export function classesOf(record) {
    const classes = record.dataset?.classes;
    return Array.isArray(classes) ? classes.map(String) : [];
}
function isMatrix(matrix, size) {
    return Array.isArray(matrix) && size > 0 && matrix.length === size
        && matrix.every((row) => Array.isArray(row) && row.length === size && row.every((value) => typeof value === 'number'));
}
function classDifference(head, base) {
    const headClasses = classesOf(head);
    if (!base)
        return { shared: headClasses, onlyInHead: [], onlyInBase: [], renamed: [] };
    const baseClasses = classesOf(base);
    const baseSet = new Set(baseClasses);
    const headSet = new Set(headClasses);
    const onlyInHead = headClasses.filter((label) => !baseSet.has(label));
    const onlyInBase = baseClasses.filter((label) => !headSet.has(label));
    return {
        shared: headClasses.filter((label) => baseSet.has(label)),
        onlyInHead,
        onlyInBase,
        renamed: detectRenames(onlyInBase, onlyInHead, head, base),
    };
}
/** A base-only class whose image contents mostly reappear under one head-only class was renamed. */
function detectRenames(onlyInBase, onlyInHead, head, base) {
    const baseFiles = base.dataset?.files;
    const headFiles = head.dataset?.files;
    if (!baseFiles || !headFiles || onlyInBase.length === 0 || onlyInHead.length === 0)
        return [];
    const headClassByHash = new Map();
    for (const [path, hash] of Object.entries(headFiles))
        headClassByHash.set(hash, topFolder(path));
    const renamed = [];
    for (const from of onlyInBase) {
        const hashes = Object.entries(baseFiles).filter(([path]) => topFolder(path) === from).map(([, hash]) => hash);
        if (hashes.length === 0)
            continue;
        const votes = new Map();
        for (const hash of hashes) {
            const to = headClassByHash.get(hash);
            if (to !== undefined && onlyInHead.includes(to))
                votes.set(to, (votes.get(to) ?? 0) + 1);
        }
        const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
        if (best && best[1] * 2 > hashes.length)
            renamed.push({ from, to: best[0] });
    }
    return renamed;
}
function topFolder(path) {
    const slash = path.indexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
}
function describeClassDifference(classes) {
    const renamedFrom = new Set(classes.renamed.map((r) => r.from));
    const renamedTo = new Set(classes.renamed.map((r) => r.to));
    const parts = [];
    if (classes.renamed.length > 0)
        parts.push(`renamed: ${classes.renamed.map((r) => `${r.from} → ${r.to}`).join(', ')}`);
    const added = classes.onlyInHead.filter((label) => !renamedTo.has(label));
    const removed = classes.onlyInBase.filter((label) => !renamedFrom.has(label));
    if (added.length > 0)
        parts.push(`added: ${added.join(', ')}`);
    if (removed.length > 0)
        parts.push(`removed: ${removed.join(', ')}`);
    return `The classes differ (${parts.join('; ')}); per-class and confusion-matrix comparisons use the ${classes.shared.length} classes both runs have.`;
}
function metricRows(head, base) {
    return Object.keys(METRIC_DIRECTIONS).map((metric) => {
        const direction = METRIC_DIRECTIONS[metric];
        const headValue = finite(head.metrics?.[metric]);
        const baseValue = finite(base?.metrics?.[metric]);
        if (headValue === undefined || baseValue === undefined) {
            return { metric, direction, head: headValue, base: baseValue, assessment: 'n/a' };
        }
        const delta = headValue - baseValue;
        const improved = direction === 'higher' ? delta > 0 : delta < 0;
        const assessment = Math.abs(delta) <= METRIC_EPSILON ? 'unchanged' : improved ? 'better' : 'worse';
        return { metric, direction, head: headValue, base: baseValue, delta, assessment };
    });
}
function finite(value) {
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
/** Nested params flattened to "train.lr" → display string. */
export function flattenParams(params, prefix = '') {
    const flat = {};
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
        if (prefix !== '')
            flat[prefix] = formatParam(params);
        return flat;
    }
    for (const [key, value] of Object.entries(params)) {
        const path = prefix === '' ? key : `${prefix}.${key}`;
        if (value !== null && typeof value === 'object' && !Array.isArray(value))
            Object.assign(flat, flattenParams(value, path));
        else
            flat[path] = formatParam(value);
    }
    return flat;
}
function formatParam(value) {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
function paramRows(head, base) {
    const headFlat = flattenParams(head.params ?? {});
    const baseFlat = base ? flattenParams(base.params ?? {}) : {};
    const keys = [...new Set([...Object.keys(headFlat), ...Object.keys(baseFlat)])].sort();
    const rows = keys.map((key) => ({
        key,
        head: headFlat[key],
        base: base ? baseFlat[key] : undefined,
        changed: base !== undefined && headFlat[key] !== baseFlat[key],
    }));
    // Changed rows first, each group in key order (sort is stable).
    return rows.sort((a, b) => Number(b.changed) - Number(a.changed));
}
function classRows(head, base) {
    const headByLabel = byLabel(head.perClass);
    const baseByLabel = byLabel(base?.perClass);
    const labels = [...classesOf(head)];
    for (const label of [...headByLabel.keys(), ...baseByLabel.keys()])
        if (!labels.includes(label))
            labels.push(label);
    return labels.map((label) => {
        const headClass = headByLabel.get(label);
        const baseClass = baseByLabel.get(label);
        const row = { label, head: headClass, base: baseClass };
        if (headClass && baseClass)
            row.f1Delta = headClass.f1 - baseClass.f1;
        return row;
    });
}
function byLabel(perClass) {
    const map = new Map();
    if (!Array.isArray(perClass))
        return map;
    for (const entry of perClass)
        if (entry && typeof entry.label === 'string')
            map.set(entry.label, entry);
    return map;
}
function isCorrect(prediction) {
    return prediction.trueLabel === prediction.predictedLabel;
}
function predictionsOf(record) {
    return Array.isArray(record.predictions) ? record.predictions.filter((p) => p && typeof p.path === 'string') : [];
}
function significanceOf(head, base, notes) {
    const headPredictions = predictionsOf(head);
    const basePredictions = predictionsOf(base);
    if (headPredictions.length === 0 || basePredictions.length === 0) {
        return { kind: 'unavailable', reason: `the ${headPredictions.length === 0 ? 'PR' : 'base'} record holds no predictions` };
    }
    const baseByPath = new Map(basePredictions.map((p) => [p.path, p]));
    let b = 0;
    let c = 0;
    let shared = 0;
    let baseRight = 0;
    let headRight = 0;
    for (const prediction of headPredictions) {
        const other = baseByPath.get(prediction.path);
        if (!other)
            continue;
        shared += 1;
        const headOk = isCorrect(prediction);
        const baseOk = isCorrect(other);
        if (headOk)
            headRight += 1;
        if (baseOk)
            baseRight += 1;
        if (baseOk && !headOk)
            b += 1;
        if (!baseOk && headOk)
            c += 1;
    }
    if (shared > 0) {
        if (shared < headPredictions.length || shared < basePredictions.length) {
            notes.push(`The runs share ${shared} of their validation images (PR ${headPredictions.length}, base ${basePredictions.length}); the paired test uses the shared ones.`);
        }
        return { kind: 'paired', shared, b, c, baseAccuracy: baseRight / shared, headAccuracy: headRight / shared, pValue: mcnemarExact(b, c) };
    }
    const headCorrect = headPredictions.filter(isCorrect).length;
    const baseCorrect = basePredictions.filter(isCorrect).length;
    const test = twoProportionTest(baseCorrect, basePredictions.length, headCorrect, headPredictions.length);
    return {
        kind: 'unpaired',
        baseCorrect,
        baseTotal: basePredictions.length,
        headCorrect,
        headTotal: headPredictions.length,
        z: test.z,
        pValue: test.pValue,
    };
}
function seedRun(record) {
    const repeats = Array.isArray(record.repeats) ? record.repeats.filter((r) => finite(r?.metrics?.val_acc) !== undefined) : [];
    if (repeats.length === 0)
        return undefined;
    const values = repeats.map((r) => r.metrics.val_acc);
    return { seeds: repeats.map((r) => r.seed), values, spread: spread(values) };
}
function seedComparison(head, base) {
    const headRun = seedRun(head);
    const baseRun = base ? seedRun(base) : undefined;
    const repeated = (headRun?.values.length ?? 0) > 1 || (baseRun?.values.length ?? 0) > 1;
    if (!headRun || !repeated)
        return undefined;
    const comparison = { metric: 'val_acc', head: headRun, base: baseRun };
    if (baseRun) {
        comparison.difference = headRun.spread.mean - baseRun.spread.mean;
        const spreads = [headRun, baseRun].filter((run) => run.values.length > 1).map((run) => run.spread.sd);
        comparison.noise = Math.max(...spreads);
        comparison.exceedsNoise = Math.abs(comparison.difference) > comparison.noise;
    }
    return comparison;
}
function decide(base, significance, seeds) {
    if (!base)
        return { verdict: 'no baseline', reasons: [] };
    const reasons = [];
    // Each piece of evidence votes +1 (better), -1 (worse) or 0 (not shown); all available must agree.
    const votes = [];
    if (significance && significance.kind !== 'unavailable') {
        const difference = significance.kind === 'paired' ? significance.c - significance.b : significance.headCorrect / significance.headTotal - significance.baseCorrect / significance.baseTotal;
        const test = significance.kind === 'paired' ? "McNemar's exact test" : 'the two-proportion test';
        if (significance.pValue < SIGNIFICANCE_LEVEL && difference !== 0) {
            votes.push(Math.sign(difference));
            reasons.push(`${test} says the accuracy change is unlikely to be noise (p below ${SIGNIFICANCE_LEVEL}).`);
        }
        else {
            votes.push(0);
            reasons.push(`${test} cannot tell the change from noise (p ≥ ${SIGNIFICANCE_LEVEL}).`);
        }
    }
    else if (significance) {
        reasons.push(`No significance test: ${significance.reason}.`);
    }
    if (seeds?.exceedsNoise !== undefined && seeds.difference !== undefined) {
        if (seeds.exceedsNoise) {
            votes.push(Math.sign(seeds.difference));
            reasons.push('The change in mean accuracy over repeats is larger than the seed-to-seed spread.');
        }
        else {
            votes.push(0);
            reasons.push('The change in mean accuracy over repeats is within the seed-to-seed spread.');
        }
    }
    if (votes.length === 0 || votes.some((vote) => vote === 0))
        return { verdict: 'no significant change', reasons };
    if (votes.every((vote) => vote > 0))
        return { verdict: 'better', reasons };
    if (votes.every((vote) => vote < 0))
        return { verdict: 'worse', reasons };
    reasons.push('The tests disagree on the direction of the change.');
    return { verdict: 'no significant change', reasons };
}
function flips(head, base) {
    const baseByPath = new Map(predictionsOf(base).map((p) => [p.path, p]));
    const rightToWrong = [];
    const wrongToRight = [];
    for (const prediction of [...predictionsOf(head)].sort((a, b) => a.path.localeCompare(b.path))) {
        const other = baseByPath.get(prediction.path);
        if (!other)
            continue;
        const flip = { path: prediction.path, trueLabel: prediction.trueLabel, basePredicted: other.predictedLabel, headPredicted: prediction.predictedLabel };
        if (isCorrect(other) && !isCorrect(prediction))
            rightToWrong.push(flip);
        if (!isCorrect(other) && isCorrect(prediction))
            wrongToRight.push(flip);
    }
    return { rightToWrong, wrongToRight };
}
function imagesPerClass(record) {
    const counts = record.dataset?.imagesPerClass;
    return counts && typeof counts === 'object' ? counts : {};
}
function datasetDiff(head, base) {
    const headCounts = imagesPerClass(head);
    const baseCounts = base ? imagesPerClass(base) : {};
    const labels = [...new Set([...classesOf(head), ...Object.keys(headCounts), ...(base ? [...classesOf(base), ...Object.keys(baseCounts)] : [])])];
    const diff = {
        perClass: labels.map((label) => ({ label, head: headCounts[label], base: base ? baseCounts[label] : undefined })),
        headTotal: head.dataset?.totalImages ?? Object.values(headCounts).reduce((sum, n) => sum + n, 0),
        baseTotal: base ? base.dataset?.totalImages ?? Object.values(baseCounts).reduce((sum, n) => sum + n, 0) : undefined,
    };
    const headFiles = head.dataset?.files;
    const baseFiles = base?.dataset?.files;
    if (base && headFiles && baseFiles) {
        const headPaths = Object.keys(headFiles).sort();
        const basePaths = Object.keys(baseFiles).sort();
        diff.added = headPaths.filter((path) => !(path in baseFiles));
        diff.removed = basePaths.filter((path) => !(path in headFiles));
        diff.changed = headPaths.filter((path) => path in baseFiles && baseFiles[path] !== headFiles[path]);
        diff.sameContent = diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
    }
    return diff;
}
/** Row-normalised confusion matrix (each row sums to 1; an empty row stays 0). */
export function normaliseRows(matrix) {
    return matrix.map((row) => {
        const total = row.reduce((sum, value) => sum + value, 0);
        return row.map((value) => (total > 0 ? value / total : 0));
    });
}
/** The record's row-normalised matrix as actual → predicted → rate, or undefined when it is malformed. */
export function confusionRates(record) {
    const classes = classesOf(record);
    if (!isMatrix(record.confusionMatrix, classes.length))
        return undefined;
    const rates = normaliseRows(record.confusionMatrix);
    return new Map(classes.map((actual, i) => [actual, new Map(classes.map((predicted, j) => [predicted, rates[i][j]]))]));
}
