// How many threads train together on WASM, in a file of its own so that the
// backend table (backend-choice.ts) can say what a WASM run records without
// loading the engine that trains.

/** Threads that train together; fixed, so that results do not depend on the machine. */
export const SHARDS = 2;
