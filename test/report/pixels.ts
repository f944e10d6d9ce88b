// Checks that a PNG holds a picture, not an empty canvas.

import sharp from 'sharp';

export interface InkStats {
  width: number;
  height: number;
  /** Share of pixels that are not (near) white. */
  ink: number;
  /** Distinct colours among the pixels (capped sample), to tell a chart from a flat fill. */
  colours: number;
}

export async function inkStats(png: Buffer | string, region?: { left: number; top: number; width: number; height: number }): Promise<InkStats> {
  let image = sharp(png).removeAlpha();
  if (region) image = image.extract(region);
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  let inked = 0;
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i], data[i + 1] ?? data[i], data[i + 2] ?? data[i]];
    if (r < 235 || g < 235 || b < 235) inked += 1;
    if (colours.size < 5000) colours.add((r << 16) | (g << 8) | b);
  }
  return { width: info.width, height: info.height, ink: inked / (info.width * info.height), colours: colours.size };
}
