// Small real image files for tests, written with sharp.

import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

export async function temporaryFolder(prefix = 'tar-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A JPEG (or PNG by extension) of one colour with a lighter square whose position encodes `variant`. */
export async function writeImage(file: string, colour: [number, number, number], variant = 0, size = 40): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const square = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect x="${(variant * 7) % (size - 10)}" y="${(variant * 3) % (size - 10)}" width="10" height="10" fill="white"/></svg>`,
  );
  const image = sharp({ create: { width: size, height: size, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } }).composite([
    { input: square },
  ]);
  await (file.endsWith('.png') ? image.png() : image.jpeg({ quality: 90 })).toFile(file);
}

/** A dataset folder with the given classes, `perClass` images each. */
export async function writeDataset(root: string, classes: Record<string, [number, number, number]>, perClass: number): Promise<void> {
  for (const [name, colour] of Object.entries(classes)) {
    for (let index = 0; index < perClass; index++) await writeImage(join(root, name, `${name}_${index}.jpg`), colour, index);
  }
}
