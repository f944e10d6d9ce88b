// Small in-memory image sets for training tests: no files, no decoding.

import type { ImageTensorSource } from '../../src/model/train.js';
import { createRandom } from '../../src/random.js';

/** Three classes of 12×12 images: a bright bar at the top, middle or bottom, with noise. */
export function syntheticImages(perClass: number, seed: number): ImageTensorSource {
  const random = createRandom(seed);
  const size = 12 * 12;
  const count = perClass * 3;
  const pixels = new Uint8Array(count * size);
  const labels = new Int32Array(count);
  for (let index = 0; index < count; index++) {
    const label = index % 3;
    labels[index] = label;
    for (let y = 0; y < 12; y++) {
      for (let x = 0; x < 12; x++) {
        const bar = Math.floor(y / 4) === label ? 150 : 0;
        pixels[index * size + y * 12 + x] = Math.min(255, bar + Math.floor(random() * 100));
      }
    }
  }
  return { pixels, labels, imageShape: [12, 12, 1] };
}

