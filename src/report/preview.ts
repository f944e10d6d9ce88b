// The predictions preview (the notebook's plot): validation images in a
// grid with "True / Pred" captions and green (right) or magenta (wrong)
// borders, the caption also marked ✓ or ✗ so that colour is never the only
// cue, and a panel of the images whose prediction flipped between base and
// PR. Images are resized with sharp and placed, with their captions, in one
// SVG that resvg renders with the shipped font.

import { access, readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import sharp from 'sharp';
import type { Flip } from '../compare/compare.js';
import type { Prediction, RunRecord } from '../record.js';
import { escapeXml } from '../github/untrusted.js';
import { FONT_FAMILY, type TextMeasurer } from './fonts.js';
import { BAD_COLOUR, GOOD_COLOUR } from './colours.js';

export interface PreviewTile {
  path: string;
  lines: string[];
  /** Green border and ✓ when true, magenta and ✗ when false. */
  good: boolean;
}

export interface PreviewSection {
  heading: string;
  tiles: PreviewTile[];
}

/**
 * The preview is drawn at its layout size, not twice it: its photos are the
 * bulk of the comment's image bytes, and its captions are 12 px, readable
 * at 1x.
 */
export const PREVIEW_PIXEL_RATIO = 1;
const RIGHT = GOOD_COLOUR;
const WRONG = BAD_COLOUR;
const TILE = 106;
const BORDER = 5;
/** The image inside a tile's border: 3 screen pixels per input pixel of a 32 × 32 model. */
const TILE_IMAGE = TILE - 2 * BORDER;
const GAP = 12;
const CAPTION_SIZE = 12;
const LINE_HEIGHT = 15;
const HEADING_SIZE = 15;
const HEADING_HEIGHT = 30;
const MARGIN = 12;

/** Up to `count` items, taking one per group in turn so every class shows. */
export function roundRobin<T>(items: T[], groupOf: (item: T) => string, count: number): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = groupOf(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(item);
  }
  const queues = [...groups.keys()].sort().map((key) => groups.get(key)!);
  const picked: T[] = [];
  for (let round = 0; picked.length < count; round += 1) {
    let any = false;
    for (const queue of queues) {
      if (round < queue.length && picked.length < count) {
        picked.push(queue[round]);
        any = true;
      }
    }
    if (!any) break;
  }
  return picked;
}

/** `model` names whose predictions these are ("seed 77's model"). */
export function predictionSection(predictions: Prediction[], model: string, count = 24): PreviewSection {
  const sorted = [...predictions].sort((a, b) => a.path.localeCompare(b.path));
  const tiles = roundRobin(sorted, (p) => p.trueLabel, count).map((p) => ({
    path: p.path,
    lines: [`True: ${p.trueLabel}`, `Pred: ${p.predictedLabel} ${p.trueLabel === p.predictedLabel ? '✓' : '✗'}`],
    good: p.trueLabel === p.predictedLabel,
  }));
  return { heading: `Validation images (${tiles.length} of ${predictions.length}), ${model}; green ✓: right, magenta ✗: wrong`, tiles };
}

export function flipSections(flips: { rightToWrong: Flip[]; wrongToRight: Flip[] }, count = 12): PreviewSection[] {
  const tile = (flip: Flip, good: boolean): PreviewTile => ({
    path: flip.path,
    lines: [`True: ${flip.trueLabel}`, `base: ${flip.basePredicted} ${good ? '✗' : '✓'}`, `PR: ${flip.headPredicted} ${good ? '✓' : '✗'}`],
    good,
  });
  const sections: PreviewSection[] = [];
  for (const [name, list, good] of [['Right → wrong', flips.rightToWrong, false], ['Wrong → right', flips.wrongToRight, true]] as const) {
    if (list.length === 0) continue;
    const picked = roundRobin(list, (f) => f.trueLabel, count);
    sections.push({ heading: `${name}: ${list.length} image${list.length === 1 ? '' : 's'}${picked.length < list.length ? ` (${picked.length} shown)` : ''}`, tiles: picked.map((f) => tile(f, good)) });
  }
  return sections;
}

/** The preview shows what the model saw: grey when the params train on grayscale. */
export function previewIsGrayscale(params: RunRecord['params']): boolean {
  const prepare = (params?.prepare ?? {}) as Record<string, unknown>;
  if (typeof prepare.grayscale === 'boolean') return prepare.grayscale;
  if (typeof prepare.color_mode === 'string') return prepare.color_mode.toLowerCase() === 'grayscale';
  if (typeof prepare.channels === 'number') return prepare.channels === 1;
  return true; // the notebook's pipeline trains on grayscale
}

export async function folderExists(folder: string): Promise<boolean> {
  try {
    await access(folder);
    return true;
  } catch {
    return false;
  }
}

/** Bounds for a preview PNG from someone else's run (run mode draws about 2000 × 900). */
export const PREVIEW_MAX_SIZE = { width: 4096, height: 8192 } as const;

/**
 * Re-encodes a preview PNG that came from outside (a fork's artifact): it
 * must decode as a PNG within PREVIEW_MAX_SIZE (sharp refuses larger inputs
 * before decoding them). The new encoding keeps pixels only: no text chunks,
 * nothing after the image. Returns the PNG, or why it was refused.
 */
export async function reencodePreview(input: Buffer): Promise<Buffer | string> {
  const { width: maxWidth, height: maxHeight } = PREVIEW_MAX_SIZE;
  try {
    const image = sharp(input, { limitInputPixels: maxWidth * maxHeight, failOn: 'error' });
    const meta = await image.metadata();
    if (meta.format !== 'png') return `is ${meta.format ? `a ${meta.format} image` : 'not an image'}, not a PNG`;
    if (!meta.width || !meta.height || meta.width > maxWidth || meta.height > maxHeight) {
      return `is ${meta.width}×${meta.height} pixels, more than ${maxWidth}×${maxHeight}`;
    }
    return await image.removeAlpha().png({ compressionLevel: 6, palette: false }).toBuffer();
  } catch (error) {
    return `does not decode as a PNG (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`;
  }
}

/** [height, width] of the model input, from the params; the notebook's 32 × 32 by default. */
export function previewInputSize(params: RunRecord['params']): [number, number] {
  const size = ((params?.prepare ?? {}) as Record<string, unknown>).image_size;
  if (Array.isArray(size) && size.length === 2 && size.every((n) => Number.isInteger(n) && n > 0 && n <= 4096)) return [size[0], size[1]];
  return [32, 32];
}

/**
 * A tile image as a PNG data URL, or undefined when the file is missing,
 * outside the folder or unreadable. It shows what the model saw: the image
 * squeezed to the input size (as training resizes it, without cropping),
 * then scaled up to the tile with hard pixel edges, which also keeps the
 * preview small (a few thousand distinct pixels per tile, not a photo's).
 */
async function tileImage(dataDir: string, path: string, grayscale: boolean, inputSize: [number, number]): Promise<string | undefined> {
  const root = resolve(dataDir);
  const file = resolve(join(root, path));
  if (!file.startsWith(root + sep)) return undefined;
  try {
    const size = TILE_IMAGE * PREVIEW_PIXEL_RATIO;
    let image = sharp(await readFile(file)).rotate().removeAlpha();
    if (grayscale) image = image.grayscale();
    const input = await image.resize(inputSize[1], inputSize[0], { fit: 'fill' }).png().toBuffer();
    const upscale = Math.max(inputSize[0], inputSize[1]) <= size ? 'nearest' : 'lanczos3';
    const png = await sharp(input).resize(size, size, { fit: 'contain', kernel: upscale, background: '#ffffff' }).png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }).toBuffer();
    return `data:image/png;base64,${png.toString('base64')}`;
  } catch {
    return undefined;
  }
}

function fitText(text: string, width: number, measurer: TextMeasurer, size: number): string {
  if (measurer.width(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && measurer.width(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export interface PreviewLayout {
  svg: string;
  width: number;
  missing: string[];
}

export async function previewSvg(sections: PreviewSection[], dataDir: string, grayscale: boolean, measurer: TextMeasurer, columns = 8, inputSize: [number, number] = [32, 32]): Promise<PreviewLayout> {
  const width = MARGIN * 2 + columns * TILE + (columns - 1) * GAP;
  const parts: string[] = [];
  const missing: string[] = [];
  let y = MARGIN;
  for (const section of sections) {
    parts.push(`<text x="${MARGIN}" y="${y + HEADING_SIZE}" font-size="${HEADING_SIZE}" font-weight="bold" fill="#222">${escapeXml(fitText(section.heading, width - 2 * MARGIN, measurer, HEADING_SIZE))}</text>`);
    y += HEADING_HEIGHT;
    const captionHeight = 6 + LINE_HEIGHT * Math.max(0, ...section.tiles.map((tile) => tile.lines.length));
    const images = await Promise.all(section.tiles.map((tile) => tileImage(dataDir, tile.path, grayscale, inputSize)));
    section.tiles.forEach((tile, i) => {
      const x = MARGIN + (i % columns) * (TILE + GAP);
      const top = y + Math.floor(i / columns) * (TILE + captionHeight + GAP);
      const colour = tile.good ? RIGHT : WRONG;
      parts.push(`<rect x="${x}" y="${top}" width="${TILE}" height="${TILE}" fill="${colour}"/>`);
      const inner = TILE - 2 * BORDER;
      const image = images[i];
      if (image) {
        parts.push(`<image x="${x + BORDER}" y="${top + BORDER}" width="${inner}" height="${inner}" xlink:href="${image}"/>`);
      } else {
        missing.push(tile.path);
        parts.push(`<rect x="${x + BORDER}" y="${top + BORDER}" width="${inner}" height="${inner}" fill="#ddd"/>`);
        parts.push(`<text x="${x + TILE / 2}" y="${top + TILE / 2 + 4}" font-size="11" text-anchor="middle" fill="#555">image missing</text>`);
      }
      tile.lines.forEach((line, l) => {
        const text = escapeXml(fitText(line, TILE + GAP - 2, measurer, CAPTION_SIZE));
        parts.push(`<text x="${x + TILE / 2}" y="${top + TILE + 14 + l * LINE_HEIGHT}" font-size="${CAPTION_SIZE}" text-anchor="middle" fill="${l === tile.lines.length - 1 ? colour : '#222'}">${text}</text>`);
      });
    });
    y += Math.ceil(section.tiles.length / columns) * (TILE + captionHeight + GAP);
  }
  const height = y + MARGIN - GAP;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">` +
    `<rect width="${width}" height="${height}" fill="white"/>${parts.join('')}</svg>`;
  return { svg, width, missing };
}
