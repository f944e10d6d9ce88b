// The dataset: a folder with one sub-folder per class. Lists the images
// (class names sorted, as torchvision's ImageFolder does), hashes their bytes
// and decodes them with sharp into one uint8 buffer of preprocessed pixels.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import sharp from 'sharp';
import type { PrepareParams } from '../params.js';
import type { SkippedFile } from '../record.js';
import { cacheFile, readPixelCache, writePixelCache, type PixelCache } from './cache.js';
import { preprocessPixels } from './preprocess.js';

/** Extensions of files that are read as images; others (notes, labels, …) are ignored. */
export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.gif', '.tif', '.tiff', '.avif', '.bmp'];

/** Names that file managers leave behind; never images. */
const IGNORED_NAMES = new Set(['Thumbs.db', 'desktop.ini']);

/** Beyond this many input pixels an image is shrunk by sharp before the exact resize, to bound memory. */
const MAX_EXACT_PIXELS = 4_000_000;

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

export interface ImageEntry {
  /** Relative to the data folder, '/'-separated. */
  path: string;
  label: number;
}

export interface DatasetListing {
  root: string;
  classes: string[];
  images: ImageEntry[];
  /** Files beside the images that are not images (by extension), relative paths. */
  ignored: string[];
}

function isHidden(name: string): boolean {
  return name.startsWith('.') || IGNORED_NAMES.has(name);
}

function isImageName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && IMAGE_EXTENSIONS.includes(name.slice(dot).toLowerCase());
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Files below `folder`, recursively (ImageFolder also takes images in nested
 * folders). Symbolic links are followed only while they stay inside the data
 * folder: a link out of it could read anything on the runner.
 */
async function walk(folder: string, rootReal: string, found: string[], ignored: string[], root: string): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const path = join(folder, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      let target: string;
      try {
        target = await realpath(path);
      } catch {
        ignored.push(toPosix(relative(root, path)));
        continue; // a dangling link
      }
      if (target !== rootReal && !target.startsWith(rootReal + sep)) {
        ignored.push(toPosix(relative(root, path)));
        continue;
      }
      const targetStat = await stat(target);
      isDirectory = targetStat.isDirectory();
      isFile = targetStat.isFile();
    }
    if (isDirectory) await walk(path, rootReal, found, ignored, root);
    else if (isFile && isImageName(entry.name)) found.push(toPosix(relative(root, path)));
    else if (isFile) ignored.push(toPosix(relative(root, path)));
  }
}

function compareCodePoints(a: string, b: string): number {
  // Python's sorted() on str compares code points; so must we, or class indices would differ.
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function listDataset(root: string): Promise<DatasetListing> {
  let rootStat;
  try {
    rootStat = await lstat(root);
  } catch {
    throw new DatasetError(`data folder "${root}" does not exist; pass --data with a folder that holds one sub-folder per class (e.g. data/raw/<Class>/*.jpg)`);
  }
  if (rootStat.isSymbolicLink()) rootStat = await stat(root);
  if (!rootStat.isDirectory()) {
    throw new DatasetError(`data folder "${root}" is a file, not a folder; pass the folder that holds one sub-folder per class`);
  }
  const rootReal = await realpath(root);
  const entries = await readdir(root, { withFileTypes: true });
  const classFolders: string[] = [];
  const ignored: string[] = [];
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      const target = await realpath(join(root, entry.name)).catch(() => undefined);
      isDirectory = target !== undefined && target.startsWith(rootReal + sep) && (await stat(target)).isDirectory();
    }
    if (isDirectory) classFolders.push(entry.name);
    else ignored.push(entry.name);
  }
  classFolders.sort(compareCodePoints);
  if (classFolders.length === 0) {
    throw new DatasetError(`data folder "${root}" has no class folders; put each class's images in a sub-folder named after the class (e.g. ${join(root, 'Earth', 'Earth_1.jpg')})`);
  }
  if (classFolders.length < 2) {
    throw new DatasetError(`data folder "${root}" has only one class ("${classFolders[0]}"); a classifier needs at least 2 class folders`);
  }
  const images: ImageEntry[] = [];
  for (const [label, className] of classFolders.entries()) {
    const found: string[] = [];
    await walk(join(root, className), rootReal, found, ignored, root);
    if (found.length === 0) {
      throw new DatasetError(
        `class folder "${join(root, className)}" has no images (${IMAGE_EXTENSIONS.join(' ')}); add images or remove the folder`,
      );
    }
    found.sort(compareCodePoints);
    for (const path of found) images.push({ path, label });
  }
  return { root, classes: classFolders, images, ignored: ignored.sort(compareCodePoints) };
}

export interface DecodedDataset {
  /** Preprocessed pixels of every kept image, `height * width * channels` bytes each, in `images` order. */
  pixels: Uint8Array;
  images: ImageEntry[];
  imageSize: [number, number];
  channels: number;
  /** sha256 of each kept image's bytes, by relative path. */
  fileHashes: Record<string, string>;
  /** sha256 over the sorted paths and file hashes of the kept images. */
  contentHash: string;
  /**
   * The same over every listed image that could be read, bad ones included:
   * what hashDataset computes before anything is decoded (the training
   * fingerprint's data, so that a reused run never decodes).
   */
  listedHash: string;
  skipped: SkippedFile[];
  /** Images taken from the pixel cache / decoded; `cacheError` when the cache could not be written. */
  cache: { hits: number; decoded: number; file?: string; cacheError?: string };
}

export interface DecodeOptions {
  concurrency?: number;
  /** Folder of the pixel cache (see cache.ts); no cache when absent. */
  cacheDir?: string;
  /** Called after each image with the number done so far. */
  onProgress?: (done: number, total: number) => void;
}

async function toRgb(image: sharp.Sharp): Promise<{ data: Uint8Array; width: number; height: number }> {
  // Alpha is dropped, not composited, as PIL's convert('RGB') does.
  const rgb = await image.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (rgb.info.channels !== 3) throw new Error(`unexpected ${rgb.info.channels} channels after conversion to RGB`);
  return { data: new Uint8Array(rgb.data.buffer, rgb.data.byteOffset, rgb.data.byteLength), width: rgb.info.width, height: rgb.info.height };
}

async function decodeOne(bytes: Buffer, prepare: PrepareParams): Promise<Uint8Array> {
  let rgb;
  try {
    rgb = await toRgb(sharp(bytes, { failOn: 'error', pages: 1, limitInputPixels: MAX_EXACT_PIXELS }));
  } catch (error) {
    if (!/exceeds pixel limit/i.test((error as Error).message)) throw error;
    // Decoding a huge photo at full size would take hundreds of MB; sharp
    // shrinks it to 8× the target first (shrink-on-load for JPEG), whose
    // effect on a 32 × 32 result is negligible.
    const [targetHeight, targetWidth] = prepare.image_size;
    rgb = await toRgb(
      sharp(bytes, { failOn: 'error', pages: 1, limitInputPixels: 200_000_000 }).resize(targetWidth * 8, targetHeight * 8, { fit: 'fill', kernel: 'linear' }),
    );
  }
  if (rgb.width === 0 || rgb.height === 0) throw new Error('image has no pixels');
  return preprocessPixels(rgb.data, rgb.width, rgb.height, prepare.image_size, prepare.grayscale);
}

function describeDecodeFailure(error: unknown, size: number): string {
  if (size === 0) return 'the file is empty (0 bytes)';
  const message = error instanceof Error ? error.message : String(error);
  // libvips reports errors through a buffer that concurrent decodes share, so
  // a corrupt image decoded beside others can fail with no text of its own.
  if (/^\s*(unknown error)?\s*$/i.test(message)) return 'the image is truncated or corrupt (the decoder gave no details)';
  if (/unsupported image format/i.test(message)) return 'not an image format that can be decoded (is it really an image?)';
  if (/premature end|truncated|VipsJpeg: .*(end|corrupt)/i.test(message)) return `the image is truncated or corrupt (${message.split('\n')[0]})`;
  return message.split('\n')[0];
}

/** Reads, hashes and decodes every listed image, `concurrency` at a time. */
export async function decodeDataset(listing: DatasetListing, prepare: PrepareParams, options: DecodeOptions = {}): Promise<DecodedDataset> {
  const [height, width] = prepare.image_size;
  const channels = prepare.grayscale ? 1 : 3;
  const imageBytes = height * width * channels;
  const total = listing.images.length;
  const decoded: (Uint8Array | undefined)[] = new Array(total);
  const hashes: (string | undefined)[] = new Array(total);
  const failures: (string | undefined)[] = new Array(total);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const cachePath = options.cacheDir ? cacheFile(options.cacheDir, prepare) : undefined;
  const cached: PixelCache = cachePath ? await readPixelCache(cachePath, imageBytes) : new Map();
  let hits = 0;
  let next = 0;
  let done = 0;

  async function worker(): Promise<void> {
    while (next < total) {
      const index = next++;
      const file = join(listing.root, listing.images[index].path);
      let bytes: Buffer;
      try {
        // A synchronous read of a small file costs microseconds and keeps libuv's
        // few threads free for sharp, which decodes on them.
        bytes = readFileSync(file);
      } catch (error) {
        failures[index] = `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
        continue;
      }
      const hash = createHash('sha256').update(bytes).digest('hex');
      hashes[index] = hash;
      const fromCache = cached.get(hash);
      if (fromCache) {
        decoded[index] = fromCache;
        hits++;
      } else {
        try {
          decoded[index] = await decodeOne(bytes, prepare);
        } catch (error) {
          failures[index] = describeDecodeFailure(error, bytes.length);
        }
      }
      done++;
      options.onProgress?.(done, total);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));

  const skipped: SkippedFile[] = [];
  const kept: ImageEntry[] = [];
  for (let index = 0; index < total; index++) {
    const failure = failures[index];
    if (failure === undefined) {
      kept.push(listing.images[index]);
      continue;
    }
    const path = listing.images[index].path;
    if (prepare.on_bad_image === 'fail') {
      throw new DatasetError(
        `image "${join(listing.root, path)}" cannot be used: ${failure}. Fix or remove the file, or set prepare.on_bad_image: skip in params.yaml to skip bad images`,
      );
    }
    skipped.push({ path, reason: failure });
  }
  const counts = new Map<number, number>();
  for (const image of kept) counts.set(image.label, (counts.get(image.label) ?? 0) + 1);
  for (const [label, className] of listing.classes.entries()) {
    if (!counts.get(label)) {
      throw new DatasetError(`class folder "${join(listing.root, className)}" has no usable images after skipping bad ones; add images or remove the folder`);
    }
  }

  // Shared memory, so that the training threads read it without a copy.
  const pixels = new Uint8Array(new SharedArrayBuffer(kept.length * imageBytes));
  const fileHashes: Record<string, string> = {};
  let keptIndex = 0;
  for (let index = 0; index < total; index++) {
    const image = decoded[index];
    if (!image) continue;
    pixels.set(image, keptIndex * imageBytes);
    fileHashes[listing.images[index].path] = hashes[index]!;
    keptIndex++;
  }
  const cache: DecodedDataset['cache'] = { hits, decoded: kept.length - hits, file: cachePath };
  if (cachePath && (hits !== kept.length || cached.size !== kept.length)) {
    // Only this dataset's images are kept, so the cache never grows past one dataset.
    const entries: PixelCache = new Map();
    kept.forEach((image, row) => entries.set(fileHashes[image.path], pixels.subarray(row * imageBytes, (row + 1) * imageBytes)));
    try {
      await writePixelCache(cachePath, entries, imageBytes);
    } catch (error) {
      cache.cacheError = (error as Error).message;
    }
  }
  const listedHashes: Record<string, string> = {};
  listing.images.forEach((image, index) => {
    if (hashes[index] !== undefined) listedHashes[image.path] = hashes[index];
  });
  return { pixels, images: kept, imageSize: [height, width], channels, fileHashes, contentHash: contentHashOf(fileHashes), listedHash: contentHashOf(listedHashes), skipped, cache };
}

/** sha256 over the images' paths and file hashes, in listing order (the order of `fileHashes`' keys). */
function contentHashOf(fileHashes: Record<string, string>): string {
  const content = createHash('sha256');
  for (const [path, hash] of Object.entries(fileHashes)) content.update(`${path}\0${hash}\n`);
  return content.digest('hex');
}

/**
 * Every listed image's sha256 and the dataset's content hash, computed as
 * decodeDataset computes them, without decoding: what a training command's
 * record says about the data it was given.
 */
export async function hashDataset(listing: DatasetListing): Promise<Pick<DecodedDataset, 'fileHashes' | 'contentHash'>> {
  const hashes: string[] = new Array(listing.images.length);
  let next = 0;
  // A few reads in flight: the files are small, and the time is the file system's.
  const worker = async () => {
    while (next < listing.images.length) {
      const index = next++;
      const file = join(listing.root, listing.images[index].path);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw new DatasetError(`image "${file}" cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      hashes[index] = createHash('sha256').update(bytes).digest('hex');
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, listing.images.length) }, worker));
  // In listing order, as decodeDataset fills them.
  const fileHashes: Record<string, string> = {};
  listing.images.forEach((image, index) => (fileHashes[image.path] = hashes[index]));
  return { fileHashes, contentHash: contentHashOf(fileHashes) };
}

/** Decodes single files for `predict`, with the same preprocessing as training. */
export async function decodeFiles(files: string[], prepare: PrepareParams): Promise<Uint8Array[]> {
  return Promise.all(
    files.map(async (file) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        throw new DatasetError(`image "${file}" cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      try {
        return await decodeOne(bytes, prepare);
      } catch (error) {
        throw new DatasetError(`image "${file}" cannot be decoded: ${describeDecodeFailure(error, bytes.length)}`);
      }
    }),
  );
}
