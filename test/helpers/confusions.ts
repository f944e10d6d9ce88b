// The largest confusions worked out the long way, straight from the
// confusion matrices, to check the report's table against.

import type { RunRecord } from '../../src/record.js';

/** The expected top cells, straight from the matrices: every off-diagonal cell, by PR share. */
export function expectedTopConfusions(head: RunRecord, base: RunRecord | undefined, limit = 5) {
  const classes = head.dataset.classes;
  const cells: Array<{ actual: string; predicted: string; count: number; total: number; baseCount?: number; baseTotal?: number }> = [];
  classes.forEach((actual, i) => classes.forEach((predicted, j) => {
    if (i === j || head.confusionMatrix[i][j] === 0) return;
    const total = head.confusionMatrix[i].reduce((a, b) => a + b, 0);
    const bi = base?.dataset.classes.indexOf(actual) ?? -1;
    const bj = base?.dataset.classes.indexOf(predicted) ?? -1;
    const baseRow = base && bi >= 0 && bj >= 0 ? base.confusionMatrix[bi] : undefined;
    cells.push({ actual, predicted, count: head.confusionMatrix[i][j], total, baseCount: baseRow?.[bj], baseTotal: baseRow?.reduce((a, b) => a + b, 0) });
  }));
  cells.sort((a, b) => b.count / b.total - a.count / a.total || b.count - a.count);
  return cells.slice(0, limit);
}
