// The model card's layers, base vs head, as rows of a diff. Pure.
// Layers are aligned by a longest common subsequence on kind and options, so
// that a conv block inserted in the middle shows as two added rows and the
// layers after it stay paired with their counterparts (their output shapes
// and parameters may still change: those rows say so). Layers left between
// two aligned ones are paired by kind (a conv2d whose filters changed is one
// changed row, not a removed and an added one); the rest are added or removed.
function optionsOf(layer) {
    const options = layer?.options;
    return options !== null && typeof options === 'object' && !Array.isArray(options) ? options : {};
}
/** Kind and options in a fixed key order: what makes two layers "the same layer". */
function identity(layer) {
    const options = optionsOf(layer);
    return JSON.stringify([String(layer?.kind), Object.keys(options).sort().map((key) => [key, options[key]])]);
}
const square = (value) => (typeof value === 'number' ? `${value}×${value}` : String(value));
/** "32 filters 3×3 same, relu": the options a reader looks for, in the words of params.yaml; defaults (stride 1) left out. */
export function describeOptions(layer) {
    const options = optionsOf(layer);
    const shown = new Set();
    const take = (key) => {
        shown.add(key);
        return options[key];
    };
    const main = [];
    const push = (text) => {
        if (text)
            main.push(text);
    };
    const present = (value) => value !== undefined;
    switch (layer?.kind) {
        case 'conv2d': {
            const filters = take('filters');
            const kernel = take('kernel');
            const stride = take('stride');
            const padding = take('padding');
            push(present(filters) ? `${filters} filters` : undefined);
            push(present(kernel) ? square(kernel) : undefined);
            push(present(stride) && stride !== 1 ? `stride ${stride}` : undefined);
            push(present(padding) ? String(padding) : undefined);
            break;
        }
        case 'max_pool':
        case 'avg_pool': {
            const size = take('size');
            const stride = take('stride');
            const padding = take('padding');
            push(present(size) ? square(size) : undefined);
            push(present(stride) && stride !== size ? `stride ${stride}` : undefined);
            push(present(padding) && padding !== 'valid' ? String(padding) : undefined);
            break;
        }
        case 'dense':
        case 'output': {
            const units = take('units');
            push(present(units) ? `${units} units` : undefined);
            break;
        }
        case 'dropout': {
            const rate = take('rate');
            push(present(rate) ? `rate ${rate}` : undefined);
            break;
        }
    }
    const parts = main.length > 0 ? [main.join(' ')] : [];
    const activation = take('activation');
    if (activation !== undefined)
        parts.push(String(activation));
    for (const key of Object.keys(options).sort()) {
        if (!shown.has(key))
            parts.push(`${key} ${options[key]}`);
    }
    return parts.join(', ');
}
/** [30, 30, 32] → "30×30×32". */
export function formatShape(shape) {
    return Array.isArray(shape) && shape.length > 0 ? shape.join('×') : '—';
}
function sameShape(a, b) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((value, i) => value === b[i]);
}
/** Index pairs [i, j] of a longest common subsequence of a and b under `equal`, in order. */
function commonSubsequence(a, b, equal) {
    // lengths[i][j]: LCS length of a[i..] and b[j..].
    const lengths = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i -= 1) {
        for (let j = b.length - 1; j >= 0; j -= 1) {
            lengths[i][j] = equal(a[i], b[j]) ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
        }
    }
    const pairs = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        if (equal(a[i], b[j])) {
            pairs.push([i, j]);
            i += 1;
            j += 1;
        }
        else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
            i += 1; // ties drop the base layer first, so removed rows come before added ones
        }
        else {
            j += 1;
        }
    }
    return pairs;
}
function pairRow(base, head) {
    const row = {
        status: 'unchanged',
        basePosition: base.position,
        headPosition: head.position,
        kind: String(head.kind),
        baseOptions: describeOptions(base),
        headOptions: describeOptions(head),
        baseShape: base.outputShape,
        headShape: head.outputShape,
        baseParameters: base.parameters,
        headParameters: head.parameters,
        changes: [],
    };
    if (identity(base) !== identity(head))
        row.changes.push('options');
    if (!sameShape(base.outputShape, head.outputShape))
        row.changes.push('outputShape');
    if (base.parameters !== head.parameters)
        row.changes.push('parameters');
    if (row.changes.length > 0)
        row.status = 'changed';
    return row;
}
function removedRow(layer) {
    return { status: 'removed', basePosition: layer.position, kind: String(layer.kind), baseOptions: describeOptions(layer), baseShape: layer.outputShape, baseParameters: layer.parameters, changes: [] };
}
function addedRow(layer) {
    return { status: 'added', headPosition: layer.position, kind: String(layer.kind), headOptions: describeOptions(layer), headShape: layer.outputShape, headParameters: layer.parameters, changes: [] };
}
/** The layers between two aligned ones: paired by kind where they can be, the rest removed or added. */
function gapRows(base, head) {
    const rows = [];
    let i = 0;
    let j = 0;
    for (const [bi, hj] of commonSubsequence(base, head, (x, y) => x?.kind === y?.kind)) {
        while (i < bi)
            rows.push(removedRow(base[i++]));
        while (j < hj)
            rows.push(addedRow(head[j++]));
        rows.push(pairRow(base[i++], head[j++]));
    }
    while (i < base.length)
        rows.push(removedRow(base[i++]));
    while (j < head.length)
        rows.push(addedRow(head[j++]));
    return rows;
}
/** Base's layers vs head's, in order: every layer of both lists appears in exactly one row. */
export function diffLayers(base, head) {
    const baseLayers = Array.isArray(base) ? base.filter(Boolean) : [];
    const headLayers = Array.isArray(head) ? head.filter(Boolean) : [];
    const rows = [];
    let i = 0;
    let j = 0;
    for (const [bi, hj] of commonSubsequence(baseLayers, headLayers, (x, y) => identity(x) === identity(y))) {
        rows.push(...gapRows(baseLayers.slice(i, bi), headLayers.slice(j, hj)));
        rows.push(pairRow(baseLayers[bi], headLayers[hj]));
        i = bi + 1;
        j = hj + 1;
    }
    rows.push(...gapRows(baseLayers.slice(i), headLayers.slice(j)));
    const count = (status) => rows.filter((row) => row.status === status).length;
    return { rows, added: count('added'), removed: count('removed'), changed: count('changed'), unchanged: count('unchanged') };
}
