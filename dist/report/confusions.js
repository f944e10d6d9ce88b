// The largest confusions as data: the off-diagonal cells of the PR's
// confusion matrix (a true class predicted as another) with the largest
// share of their row, each beside the same cell of the base, so that a
// reader without the chart sees what the model mixes up and whether the PR
// made it better. Shares, not counts, are ranked, because the two runs may
// have different numbers of validation images per class. Pure.
import { classesOf } from '../compare/compare.js';
function cells(record) {
    if (!record)
        return undefined;
    const classes = classesOf(record);
    const matrix = record.confusionMatrix;
    const isMatrix = Array.isArray(matrix) && classes.length > 0 && matrix.length === classes.length
        && matrix.every((row) => Array.isArray(row) && row.length === classes.length && row.every((value) => typeof value === 'number' && Number.isFinite(value)));
    if (!isMatrix)
        return undefined;
    return new Map(classes.map((actual, i) => {
        const total = matrix[i].reduce((sum, value) => sum + value, 0);
        return [actual, new Map(classes.map((predicted, j) => [predicted, { count: matrix[i][j], total, share: total > 0 ? matrix[i][j] / total : 0 }]))];
    }));
}
/**
 * The `limit` off-diagonal cells of `head` with the largest share of their
 * row, never an empty cell, with the same cell of `base` where the base has
 * both classes. Ties go to the larger count, then to the class order, so
 * the list is the same for the same records.
 */
export function topConfusions(head, base, limit = 5) {
    const headCells = cells(head);
    if (!headCells)
        return [];
    const baseCells = cells(base);
    const classes = classesOf(head);
    const candidates = [];
    classes.forEach((actual, i) => classes.forEach((predicted, j) => {
        const headCell = headCells.get(actual).get(predicted);
        if (actual === predicted || headCell.count === 0)
            return;
        const baseCell = baseCells?.get(actual)?.get(predicted);
        candidates.push({ actual, predicted, head: headCell, ...(baseCell ? { base: baseCell } : {}), order: i * classes.length + j });
    }));
    candidates.sort((a, b) => b.head.share - a.head.share || b.head.count - a.head.count || a.order - b.order);
    return candidates.slice(0, limit).map(({ order: _order, ...confusion }) => confusion);
}
