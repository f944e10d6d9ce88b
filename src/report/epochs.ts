// Which epochs a chart draws. A history of thousands of epochs (train.epochs
// allows 10,000, for the run and each repeat) would make every curve chart
// tens of thousands of points: minutes of rendering in the job, and a Mermaid
// block longer than a whole comment. Charts draw at most MAX_DRAWN_EPOCHS,
// evenly spaced, the first and last always among them; the numbers in the
// record and the tables are untouched. Pure.

export const MAX_DRAWN_EPOCHS = 200;

/** At most `max` entries of a history sorted by epoch, evenly spaced, first and last kept. */
export function drawnEpochs<T extends { epoch: number }>(history: readonly T[], max = MAX_DRAWN_EPOCHS): T[] {
  if (history.length <= max) return [...history];
  const step = (history.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => history[Math.round(i * step)]);
}
