// The report's colours, in one place, each with one meaning everywhere:
// orange is the base and blue the PR; green is right or better and magenta
// wrong or worse; white is "nothing" (a cell that never happened, no change).
// The pairs are chosen to stay apart for readers with deuteranopia or
// protanopia (green against red would not): a test simulates both and
// checks the colour difference.
export const BASE_COLOUR = '#f28e2b';
export const HEAD_COLOUR = '#1f5fa8';
/** Right predictions, and changes for the better. */
export const GOOD_COLOUR = '#4d9221';
/** Wrong predictions, and changes for the worse. */
export const BAD_COLOUR = '#c51b7d';
/** No change; a confusion-matrix cell with no images. */
export const NONE_COLOUR = '#ffffff';
