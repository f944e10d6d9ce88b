// Seeded randomness: a small, fast PRNG so that every shuffle and every
// sample is a pure function of its seed (tfjs's own fit() shuffle uses
// Math.random and so cannot be reproduced).
/** mulberry32: returns a function giving uniform numbers in [0, 1). */
export function createRandom(seed) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let mixed = state;
        mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
        mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
        return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
    };
}
/** Fisher-Yates shuffle of a copy of `items`. */
export function shuffled(items, random) {
    const result = items.slice();
    for (let index = result.length - 1; index > 0; index--) {
        const other = Math.floor(random() * (index + 1));
        [result[index], result[other]] = [result[other], result[index]];
    }
    return result;
}
