// The report's Model section: what the model is and costs (parameters, size
// on disk, inference time, optimizer, where training ran), base vs PR, and
// its layers as a diff. It sits beside Params, so that "the PR makes the
// model three times bigger for one point of accuracy" reads at a glance.
// Pure. Every text from the card (kinds, options, the training summary) is
// untrusted and goes into blocks as plain text, which the serialisers escape.
import { diffLayers, formatShape, describeOptions } from '../compare/architecture.js';
/** A record's card when it has one with a layer list (older records have none; a damaged one is treated as none). */
export function modelCardOf(record) {
    const card = record?.modelCard;
    if (card === null || typeof card !== 'object' || !Array.isArray(card.layers))
        return undefined;
    return { ...card, layers: card.layers.filter((layer) => layer !== null && typeof layer === 'object') };
}
const finite = (value) => typeof value === 'number' && Number.isFinite(value);
const MINUS = '−';
function count(value) {
    return finite(value) ? value.toLocaleString('en-US') : '—';
}
function signedCount(value) {
    return value > 0 ? `+${count(value)}` : value < 0 ? `${MINUS}${count(-value)}` : '0';
}
/** 164,352 → "160.5 KB": 1024-based, three significant digits or so. */
export function formatBytes(bytes) {
    if (!finite(bytes) || bytes < 0)
        return '—';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    if (unit === 0)
        return `${bytes} B`;
    return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${units[unit]}`;
}
function milliseconds(value) {
    return finite(value) ? `${value.toFixed(value < 1 ? 3 : 2)} ms` : '—';
}
/** "×3.1": how many times the base's (undefined when that means nothing). */
function times(head, base) {
    if (base <= 0 || head === base)
        return undefined;
    const factor = head / base;
    return `×${factor.toFixed(factor >= 10 ? 0 : Math.abs(factor - 1) < 0.1 ? 2 : 1)}`;
}
/** "×3.1 (+84,224)": how many times the base's, and by how much. */
function ratio(head, base) {
    if (!finite(head) || !finite(base))
        return '—';
    if (head === base)
        return 'same';
    const factor = times(head, base);
    return factor ? `${factor} (${signedCount(head - base)})` : signedCount(head - base);
}
function difference(head, base, format) {
    if (!finite(head) || !finite(base))
        return '—';
    if (head === base)
        return 'same';
    return head > base ? `+${format(head - base)}` : `${MINUS}${format(base - head)}`;
}
function optimizerText(card) {
    const optimizer = card.optimizer;
    if (!optimizer || typeof optimizer !== 'object')
        return '—';
    const parts = [String(optimizer.name), `lr ${optimizer.learningRate}`];
    if (optimizer.weightDecay !== undefined)
        parts.push(`weight decay ${optimizer.weightDecay}`);
    if (optimizer.momentum !== undefined)
        parts.push(`momentum ${optimizer.momentum}`);
    return parts.join(', ');
}
function trainingText(card) {
    const training = card.training;
    if (!training || typeof training !== 'object')
        return '—';
    const threads = finite(training.threads) ? `${training.threads} thread${training.threads === 1 ? '' : 's'}` : '';
    return [String(training.summary ?? ''), threads].filter(Boolean).join('; ') || '—';
}
function inferenceRuns(card) {
    const inference = card.inference;
    return inference ? `median of ${inference.batches} batches of ${inference.batchSize} images` : '';
}
/** The card as label → cell per side → change; the change column only when there is a base card. */
function cardTable(head, base) {
    const sameRuns = base !== undefined && inferenceRuns(base) === inferenceRuns(head);
    const inferenceCell = (card) => `${milliseconds(card.inference?.msPerImage)}${base && !sameRuns ? ` (${inferenceRuns(card)})` : ''}`;
    const textChange = (text) => (base ? (text(head) === text(base) ? 'same' : 'changed') : '');
    const rows = [
        ['layers (output included)', (card) => count(card.layers.length), base ? difference(head.layers.length, base.layers.length, count) : ''],
        ['parameters', (card) => count(card.parameters), base ? ratio(head.parameters, base.parameters) : ''],
    ];
    const allTrainable = (card) => !card || card.trainableParameters === card.parameters;
    if (!allTrainable(head) || !allTrainable(base)) {
        rows.push(['trainable parameters', (card) => count(card.trainableParameters), base ? ratio(head.trainableParameters, base.trainableParameters) : '']);
    }
    rows.push(['size on disk', (card) => formatBytes(card.sizeBytes), base ? difference(head.sizeBytes, base.sizeBytes, formatBytes) : ''], [base && !sameRuns ? 'inference per image' : `inference per image (${inferenceRuns(head)})`, inferenceCell, base ? difference(head.inference?.msPerImage, base.inference?.msPerImage, milliseconds) : ''], ['optimizer', optimizerText, textChange(optimizerText)], ['training', trainingText, textChange(trainingText)]);
    if (!base)
        return { type: 'table', header: ['', 'PR'], rows: rows.map(([label, cell]) => [label, cell(head)]), align: ['left', 'right'] };
    return {
        type: 'table',
        header: ['', 'base', 'PR', 'change'],
        rows: rows.map(([label, cell, change]) => [label, cell(base), cell(head), change]),
        align: ['left', 'right', 'right', 'right'],
    };
}
/** "Parameters ×3.1 (…), …, for +0.0100 validation accuracy": the trade in one line. */
function tradeLine(head, base, comparison) {
    const factor = finite(head.parameters) && finite(base.parameters) ? times(head.parameters, base.parameters) : undefined;
    const size = difference(head.sizeBytes, base.sizeBytes, formatBytes);
    const inference = difference(head.inference?.msPerImage, base.inference?.msPerImage, milliseconds);
    const text = [
        head.parameters === base.parameters ? `The same number of parameters (${count(head.parameters)})` : `Parameters ${factor ? `${factor} ` : ''}(${count(base.parameters)} → ${count(head.parameters)})`,
        size === 'same' ? ', the same size on disk' : `, size on disk ${size}`,
        inference === 'same' ? ', the same inference time' : `, inference ${inference} per image`,
    ];
    const accuracy = comparison.seeds?.difference;
    if (finite(accuracy)) {
        const sign = accuracy > 0 ? '+' : accuracy < 0 ? MINUS : '±';
        text.push(', for ', { strong: `${sign}${Math.abs(accuracy).toFixed(4)} validation accuracy` });
    }
    text.push('. Inference is timed on the runner that trained each model; runners differ, so read small changes in it with care.');
    return { type: 'paragraph', text };
}
const STATUS_TEXT = { added: '+ added', removed: `${MINUS} removed`, changed: '≠ changed', unchanged: '= same' };
/** One value of a diff row: "a → b" where the sides differ, the one value where they agree or only one side has the layer. */
function pair(base, head, format, same) {
    if (base === undefined)
        return head === undefined ? '—' : format(head);
    if (head === undefined || same)
        return format(base);
    return `${format(base)} → ${format(head)}`;
}
const orDash = (text) => text || '—';
function diffRow(row) {
    const position = row.basePosition === row.headPosition ? String(row.basePosition) : `${row.basePosition ?? '—'} → ${row.headPosition ?? '—'}`;
    return [
        STATUS_TEXT[row.status],
        position,
        row.kind,
        pair(row.baseOptions, row.headOptions, orDash, !row.changes.includes('options')),
        pair(row.baseShape, row.headShape, formatShape, !row.changes.includes('outputShape')),
        pair(row.baseParameters, row.headParameters, count, !row.changes.includes('parameters')),
    ];
}
function layerRow(layer) {
    return [String(layer.position), String(layer.kind), orDash(describeOptions(layer)), formatShape(layer.outputShape), count(layer.parameters)];
}
function layerTable(layers) {
    return { type: 'table', header: ['#', 'Layer', 'Options', 'Output shape', 'Parameters'], rows: layers.map(layerRow), align: ['right', 'left', 'left', 'left', 'right'] };
}
/** One side's layers, the first `rowLimit` of them. */
function layerBlocks(layers, rowLimit) {
    const blocks = [layerTable(layers.slice(0, rowLimit))];
    if (layers.length > rowLimit)
        blocks.push(leftOut(layers.length - rowLimit));
    return blocks;
}
function leftOut(rows) {
    return { type: 'paragraph', text: [`${rows} more layer row${rows === 1 ? '' : 's'} left out to keep this comment under GitHub's size limit; report.html in the run's output has them all.`] };
}
/** "2 added, 1 changed, 6 unchanged". */
function diffSummary(diff) {
    return [['added', diff.added], ['removed', diff.removed], ['changed', diff.changed], ['unchanged', diff.unchanged]]
        .filter(([, n]) => n > 0)
        .map(([what, n]) => `${n} ${what}`)
        .join(', ');
}
function architectureBlocks(head, base, rowLimit) {
    const diff = diffLayers(base.layers, head.layers);
    if (diff.rows.every((row) => row.status === 'unchanged')) {
        const blocks = [{ type: 'paragraph', text: [`The architecture is unchanged: ${head.layers.length} layers (output included), ${count(head.parameters)} parameters.`] }];
        if (rowLimit > 0)
            blocks.push({ type: 'details', summary: `Layers (${head.layers.length})`, blocks: layerBlocks(head.layers, rowLimit) });
        return blocks;
    }
    const blocks = [{ type: 'paragraph', text: [`Layer by layer, base → PR: ${diffSummary(diff)}.`] }];
    if (rowLimit === 0)
        return [...blocks, leftOut(diff.rows.length)];
    // When rows must go, the unchanged ones go first; the rest keep their order.
    const kept = diff.rows.length > rowLimit
        ? new Set([...diff.rows].sort((a, b) => Number(a.status === 'unchanged') - Number(b.status === 'unchanged')).slice(0, rowLimit))
        : new Set(diff.rows);
    blocks.push({
        type: 'table',
        header: ['', '#', 'Layer', 'Options', 'Output shape', 'Parameters'],
        rows: diff.rows.filter((row) => kept.has(row)).map(diffRow),
        align: ['left', 'right', 'left', 'left', 'left', 'right'],
    });
    if (kept.size < diff.rows.length)
        blocks.push(leftOut(diff.rows.length - kept.size));
    return blocks;
}
/**
 * The Model section, or nothing when the PR's record has no card. Without a
 * base card (no base, or one written before cards existed) it shows the PR's
 * card and layers alone. `rowLimit` is the document's row limit for its detail.
 */
export function modelBlocks(head, base, comparison, rowLimit) {
    const headCard = modelCardOf(head);
    if (!headCard)
        return [];
    const baseCard = modelCardOf(base);
    const blocks = [{ type: 'heading', level: 3, text: 'Model' }];
    if (baseCard)
        blocks.push(tradeLine(headCard, baseCard, comparison));
    else if (base)
        blocks.push({ type: 'paragraph', text: ['The base record has no model card (it was written by an older version of the tool), so only the PR\'s model is shown.'] });
    blocks.push(cardTable(headCard, baseCard));
    if (baseCard)
        return [...blocks, ...architectureBlocks(headCard, baseCard, rowLimit)];
    if (rowLimit === 0)
        return [...blocks, leftOut(headCard.layers.length)];
    blocks.push({ type: 'details', summary: `Layers (${headCard.layers.length})`, blocks: layerBlocks(headCard.layers, rowLimit) });
    return blocks;
}
