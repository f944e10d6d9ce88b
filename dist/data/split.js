// The train/validation split: seeded, deterministic, stratified and stable
// when the data grows. Each image's side is decided by a hash of the seed and
// its path relative to the data folder, compared with the split fraction, so
// adding images never moves an old one across the split: that is what lets a
// pull request's run be compared image by image with the base branch's.
// Pure: no I/O.
import { createHash } from 'node:crypto';
/** A uniform number in [0, 1) from the seed and the path (48 bits of sha256). */
export function splitKey(seed, path) {
    const digest = createHash('sha256').update(`${seed}\0${path}`).digest();
    return digest.readUIntBE(0, 6) / 2 ** 48;
}
export function splitDataset(images, fraction, seed, classCount) {
    const keys = images.map((image) => splitKey(seed, image.path));
    const inValidation = keys.map((key) => key < fraction);
    // Stratification guard: a small class could draw no validation image (or
    // no training image) by chance. Then its image with the smallest (largest)
    // key changes side, which is still a pure function of the paths.
    for (let label = 0; label < classCount; label++) {
        const members = images.flatMap((image, index) => (image.label === label ? [index] : []));
        if (members.length < 2)
            continue;
        if (!members.some((index) => inValidation[index])) {
            const lowest = members.reduce((best, index) => (keys[index] < keys[best] ? index : best));
            inValidation[lowest] = true;
        }
        if (members.every((index) => inValidation[index])) {
            const highest = members.reduce((best, index) => (keys[index] > keys[best] ? index : best));
            inValidation[highest] = false;
        }
    }
    // Byte-identical copies on both sides would leak validation images into
    // training: keep such copies in training.
    const trainContent = new Set();
    images.forEach((image, index) => {
        if (!inValidation[index] && image.contentHash)
            trainContent.add(image.contentHash);
    });
    const movedDuplicates = [];
    images.forEach((image, index) => {
        if (inValidation[index] && image.contentHash && trainContent.has(image.contentHash)) {
            inValidation[index] = false;
            movedDuplicates.push(image.path);
        }
    });
    // Copies that all landed in validation are fine: none is seen in training.
    const train = [];
    const validation = [];
    inValidation.forEach((isValidation, index) => (isValidation ? validation : train).push(index));
    return { train, validation, movedDuplicates };
}
