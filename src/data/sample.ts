// The built-in sample dataset: 11 planet-and-moon-like classes drawn by a
// small procedural renderer, so the tool can be tried without the real
// (unshippable) photographs. Each image is an SVG string rendered to JPEG by
// sharp; the SVG holds no text, so no fonts are involved.
//
// The pipeline trains on grayscale 32×32, so every class is designed to
// differ in luminance structure (bands, rings, caps, craters, clouds, a
// bright heart), not only in hue, and every image gets random view, scale,
// offset, phase, exposure and noise so that a small model has to learn
// something and is not trivially perfect.
//
// Deterministic: each image has its own PRNG stream derived from
// (seed, class, index), so the output does not depend on the order in which
// the parallel workers finish. Rounding every number written into the SVG
// keeps tiny floating-point differences out of the rendered bytes.

import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

/** Class names of the real planets-and-moons dataset, sorted as folder names are. */
export const SAMPLE_CLASSES: readonly string[] = Object.freeze([
  'Earth', 'Jupiter', 'MakeMake', 'Mars', 'Mercury', 'Moon', 'Neptune', 'Pluto', 'Saturn', 'Uranus', 'Venus',
]);

export interface SampleOptions {
  outDir: string;
  /** Default 146 (the real dataset has 145-146 per class). */
  imagesPerClass?: number;
  /** Default 77. */
  seed?: number;
  /** Width and height in pixels; default 128. */
  size?: number;
  /** Images rendered at the same time; default min(8, max(4, CPU count)). */
  concurrency?: number;
}

export interface SampleResult {
  /** The output folder, resolved to an absolute path. */
  outDir: string;
  /** Images that now exist in the folder (written, or already there byte-identical). */
  images: number;
  /** Images rendered by this call: 0 when the folder's stamp showed them already there, unchanged. */
  rendered: number;
  classes: string[];
}

export class SampleDatasetError extends Error {
  override name = 'SampleDatasetError';
}

const JPEG_QUALITY = 90;

/**
 * The generator's version, part of the stamp: bump it with any change that alters the bytes rendered
 * for the same options (a drawing, the noise, the JPEG settings), so that folders rendered before are
 * rendered again. libvips' version is in the stamp too: its JPEG encoder writes the bytes.
 */
export const SAMPLE_GENERATOR_VERSION = 1;

/** Written into the output folder after a complete generation; hidden, so the dataset reader skips it. */
export const SAMPLE_STAMP_FILE = '.train-and-report-sample.json';
const DEFAULTS = { imagesPerClass: 146, seed: 77, size: 128 };

// ---------------------------------------------------------------- randomness

/** splitmix32 step: a well-mixed 32-bit hash, used both to derive seeds and as the PRNG. */
function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

interface Random {
  next(): number;
  range(low: number, high: number): number;
  int(low: number, high: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    return mix32(state) / 4294967296;
  };
  return {
    next,
    range: (low, high) => low + (high - low) * next(),
    int: (low, high) => low + Math.floor((high - low + 1) * next()),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(items.length * next())],
  };
}

function imageSeed(seed: number, classIndex: number, index: number): number {
  return mix32(mix32(mix32(seed >>> 0) ^ Math.imul(classIndex + 1, 0x27d4eb2d)) ^ Math.imul(index + 1, 0x165667b1));
}

// ------------------------------------------------------------- SVG helpers

const svgNumber = (value: number): string => String(Math.round(value * 100) / 100);
const degrees = (radians: number): number => (radians * 180) / Math.PI;

function hexColour(r: number, g: number, b: number): string {
  const part = (value: number) => Math.max(0, Math.min(255, Math.round(value))).toString(16).padStart(2, '0');
  return `#${part(r)}${part(g)}${part(b)}`;
}

/** A base colour jittered in brightness and a little in hue, so one class is not one exact colour. */
function jitter(random: Random, rgb: [number, number, number], amount = 0.08, tint = 10): string {
  const brightness = 1 + random.range(-amount, amount);
  return hexColour(...(rgb.map((channel) => channel * brightness + random.range(-tint, tint)) as [number, number, number]));
}

/** Grey bodies stay grey: only the brightness varies. */
const grey = (random: Random, level: number, amount = 0.08): string => jitter(random, [level, level, level - 3], amount, 0);

interface Point { x: number; y: number; z: number }

/** The planet as seen: radius in pixels, latitude of the point facing the viewer, longitude offset. */
interface View { radius: number; tilt: number; longitude: number }

/** Orthographic projection of a point on the sphere; z > 0 faces the viewer. */
function project(view: View, latitude: number, longitude: number): Point {
  const x = Math.cos(latitude) * Math.sin(longitude - view.longitude);
  const y = Math.sin(latitude);
  const z = Math.cos(latitude) * Math.cos(longitude - view.longitude);
  return {
    x: view.radius * x,
    y: -view.radius * (y * Math.cos(view.tilt) - z * Math.sin(view.tilt)),
    z: y * Math.sin(view.tilt) + z * Math.cos(view.tilt),
  };
}

/** Wraps content drawn flat at the origin so it lies on the sphere at `point`: squeezed along the radius near the limb. */
function onSurface(point: Point, content: string): string {
  const angle = svgNumber(degrees(Math.atan2(point.y, point.x)));
  return `<g transform="translate(${svgNumber(point.x)} ${svgNumber(point.y)}) rotate(${angle}) scale(${svgNumber(Math.max(point.z, 0.05))} 1) rotate(${-angle})">${content}</g>`;
}

/** A smooth random blob of about `radius`, centred at the origin. */
function blobPath(random: Random, radius: number, corners = 9, roughness = 0.45): string {
  const points = Array.from({ length: corners }, (_, index) => {
    const angle = (index / corners) * 2 * Math.PI;
    const length = radius * (1 + random.range(-roughness, roughness));
    return { x: length * Math.cos(angle), y: length * Math.sin(angle) };
  });
  const middle = (a: { x: number; y: number }, b: { x: number; y: number }) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  const start = middle(points[corners - 1], points[0]);
  let path = `M${svgNumber(start.x)} ${svgNumber(start.y)}`;
  for (let index = 0; index < corners; index++) {
    const end = middle(points[index], points[(index + 1) % corners]);
    path += `Q${svgNumber(points[index].x)} ${svgNumber(points[index].y)} ${svgNumber(end.x)} ${svgNumber(end.y)}`;
  }
  return `${path}Z`;
}

/** A random visible point on the sphere, optionally limited to a latitude range. */
function randomSurfacePoint(random: Random, view: View, minLatitude = -1.4, maxLatitude = 1.4): Point {
  for (let attempt = 0; attempt < 20; attempt++) {
    const point = project(view, random.range(minLatitude, maxLatitude), view.longitude + random.range(-1.5, 1.5));
    if (point.z > 0.1) return point;
  }
  return project(view, 0, view.longitude);
}

/** The region between two latitudes (a band), as a polygon that overshoots the limb; the disk clip trims it. */
function bandPath(view: View, fromLatitude: number, toLatitude: number): string {
  const curve = (latitude: number, reverse: boolean) => {
    const points: Point[] = [];
    for (let step = 0; step <= 12; step++) points.push(project(view, latitude, view.longitude - Math.PI / 2 + (step / 12) * Math.PI));
    return reverse ? points.reverse() : points;
  };
  const first = curve(fromLatitude, false);
  const second = curve(toLatitude, true);
  const far = view.radius * 1.6;
  const all = [
    ...first, { x: far, y: first[12].y, z: 0 }, { x: far, y: second[0].y, z: 0 },
    ...second, { x: -far, y: second[12].y, z: 0 }, { x: -far, y: first[0].y, z: 0 },
  ];
  return `M${all.map((point) => `${svgNumber(point.x)} ${svgNumber(point.y)}`).join('L')}Z`;
}

/** A filter that turns seeded turbulence into patches of one colour (alpha from the noise). */
function noiseFilter(id: string, options: { seed: number; frequency: string; octaves: number; colour: string; gain: number; bias: number; type?: 'fractalNoise' | 'turbulence' }): string {
  const r = parseInt(options.colour.slice(1, 3), 16) / 255;
  const g = parseInt(options.colour.slice(3, 5), 16) / 255;
  const b = parseInt(options.colour.slice(5, 7), 16) / 255;
  return `<filter id="${id}" x="-10%" y="-10%" width="120%" height="120%">` +
    `<feTurbulence type="${options.type ?? 'fractalNoise'}" baseFrequency="${options.frequency}" numOctaves="${options.octaves}" seed="${options.seed}"/>` +
    `<feColorMatrix type="matrix" values="0 0 0 0 ${svgNumber(r)} 0 0 0 0 ${svgNumber(g)} 0 0 0 0 ${svgNumber(b)} ${svgNumber(options.gain)} 0 0 0 ${svgNumber(options.bias)}"/></filter>`;
}

function craters(random: Random, view: View, count: number, minRadius: number, maxRadius: number, dark: string, light: string): string {
  let svg = '';
  for (let index = 0; index < count; index++) {
    const point = randomSurfacePoint(random, view);
    const radius = view.radius * random.range(minRadius, maxRadius);
    svg += onSurface(point,
      `<circle r="${svgNumber(radius)}" fill="${dark}" fill-opacity="${svgNumber(random.range(0.35, 0.7))}"/>` +
      `<circle cx="${svgNumber(radius * 0.2)}" cy="${svgNumber(radius * 0.2)}" r="${svgNumber(radius * 0.85)}" fill="none" stroke="${light}" stroke-width="${svgNumber(Math.max(0.5, radius * 0.25))}" stroke-opacity="0.45"/>`);
  }
  return svg;
}

// ------------------------------------------------------------- class looks

/** What one class contributes: its size, and SVG drawn behind the planet, on its disk, and in front of it. */
interface Look {
  /** Planet radius as a fraction of half the image. */
  radius: [number, number];
  /** Largest viewing tilt (radians); Saturn's rings need more. */
  tilt?: [number, number];
  draw(random: Random, view: View, defs: string[]): { behind?: string; surface: string; front?: string };
}

function rings(random: Random, view: View, options: { inner: number; outer: number; colour: string; opacity: number; strands: number }): { behind: string; front: string } {
  // The ring plane is the equator: seen at tilt t a ring of radius r is an ellipse with semi-axes r and r·sin t.
  const squash = Math.abs(Math.sin(view.tilt));
  let ellipses = '';
  for (let strand = 0; strand < options.strands; strand++) {
    const radius = view.radius * (options.inner + ((options.outer - options.inner) * (strand + 0.5)) / options.strands);
    const width = (view.radius * (options.outer - options.inner)) / options.strands;
    const opacity = options.opacity * random.range(0.45, 1) * (strand === Math.floor(options.strands * 0.65) ? 0.15 : 1);
    ellipses += `<ellipse rx="${svgNumber(radius)}" ry="${svgNumber(radius * squash)}" fill="none" stroke="${options.colour}" stroke-width="${svgNumber(width)}" stroke-opacity="${svgNumber(opacity)}"/>`;
  }
  // Viewer above the ring plane (t > 0) sees the near half of the rings below the planet's centre.
  const near = view.tilt > 0 ? 'ringfront' : 'ringback';
  const far = view.tilt > 0 ? 'ringback' : 'ringfront';
  const extent = view.radius * options.outer * 1.2;
  const clips = `<clipPath id="ringfront"><rect x="${svgNumber(-extent)}" y="0" width="${svgNumber(2 * extent)}" height="${svgNumber(extent)}"/></clipPath>` +
    `<clipPath id="ringback"><rect x="${svgNumber(-extent)}" y="${svgNumber(-extent)}" width="${svgNumber(2 * extent)}" height="${svgNumber(extent)}"/></clipPath>`;
  return { behind: `${clips}<g clip-path="url(#${far})">${ellipses}</g>`, front: `<g clip-path="url(#${near})">${ellipses}</g>` };
}

function bands(random: Random, view: View, count: number, colours: string[], opacity: [number, number], wobble = 0.6): string {
  let svg = '';
  let latitude = -1.45;
  const step = 2.9 / count;
  for (let index = 0; index < count; index++) {
    const next = Math.min(1.5, latitude + step * random.range(1 - wobble, 1 + wobble));
    if (random.chance(0.8)) {
      svg += `<path d="${bandPath(view, latitude, next)}" fill="${random.pick(colours)}" fill-opacity="${svgNumber(random.range(...opacity))}"/>`;
    }
    latitude = next;
  }
  return svg;
}

const LOOKS: Record<string, Look> = {
  Earth: {
    radius: [0.7, 0.92],
    draw(random, view, defs) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${jitter(random, [26, 58, 110])}"/>`;
      for (let index = random.int(2, 5); index > 0; index--) {
        const land = random.pick([[60, 110, 50], [150, 130, 85], [95, 120, 60]] as [number, number, number][]);
        surface += onSurface(randomSurfacePoint(random, view, -1, 1), `<path d="${blobPath(random, view.radius * random.range(0.18, 0.42), 11, 0.5)}" fill="${jitter(random, land)}"/>`);
      }
      for (const pole of [1.25, -1.25]) {
        const point = project(view, pole * 1.15, view.longitude);
        if (point.z > 0) surface += onSurface(point, `<circle r="${svgNumber(view.radius * 0.3)}" fill="#e8eef2"/>`);
      }
      defs.push(noiseFilter('clouds', { seed: random.int(1, 9999), frequency: `${svgNumber(random.range(0.025, 0.05))} ${svgNumber(random.range(0.05, 0.1))}`, octaves: 3, colour: '#f4f7fa', gain: 3.5, bias: -1.6 - random.range(0, 0.35) }));
      surface += `<rect x="${svgNumber(-view.radius)}" y="${svgNumber(-view.radius)}" width="${svgNumber(2 * view.radius)}" height="${svgNumber(2 * view.radius)}" filter="url(#clouds)"/>`;
      return { surface };
    },
  },
  Jupiter: {
    radius: [0.72, 0.92],
    draw(random, view, defs) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${jitter(random, [200, 180, 150])}"/>`;
      surface += bands(random, view, random.int(9, 14), [jitter(random, [235, 225, 205]), jitter(random, [150, 110, 80]), jitter(random, [120, 95, 80])], [0.45, 0.9]);
      defs.push(noiseFilter('swirl', { seed: random.int(1, 9999), frequency: `${svgNumber(random.range(0.03, 0.06))} ${svgNumber(random.range(0.15, 0.3))}`, octaves: 2, colour: '#f0e6d6', gain: 2.5, bias: -1.1 }));
      surface += `<rect x="${svgNumber(-view.radius)}" y="${svgNumber(-view.radius)}" width="${svgNumber(2 * view.radius)}" height="${svgNumber(2 * view.radius)}" filter="url(#swirl)"/>`;
      if (random.chance(0.5)) {
        const spot = project(view, -0.38, view.longitude + random.range(-1, 1));
        if (spot.z > 0) surface += onSurface(spot, `<ellipse rx="${svgNumber(view.radius * 0.2)}" ry="${svgNumber(view.radius * 0.11)}" fill="#b4643a" fill-opacity="0.85"/>`);
      }
      return { surface };
    },
  },
  MakeMake: {
    radius: [0.62, 0.9],
    draw(random, view, defs) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${jitter(random, [150, 84, 70])}"/>`;
      defs.push(noiseFilter('mottle', { seed: random.int(1, 9999), frequency: svgNumber(random.range(0.12, 0.2)), octaves: 4, colour: jitter(random, [80, 40, 32]), gain: 3, bias: -1.2 }));
      defs.push(noiseFilter('frost', { seed: random.int(1, 9999), frequency: svgNumber(random.range(0.12, 0.22)), octaves: 3, colour: '#ecd2c8', gain: 3.5, bias: -1.75 }));
      const square = `x="${svgNumber(-view.radius)}" y="${svgNumber(-view.radius)}" width="${svgNumber(2 * view.radius)}" height="${svgNumber(2 * view.radius)}"`;
      surface += `<rect ${square} filter="url(#mottle)"/><rect ${square} filter="url(#frost)"/>`;
      surface += craters(random, view, random.int(2, 6), 0.05, 0.14, '#5a2d25', '#e0b0a0');
      return { surface };
    },
  },
  Mars: {
    radius: [0.68, 0.92],
    draw(random, view, defs) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${jitter(random, [215, 126, 80])}"/>`;
      for (let index = random.int(2, 4); index > 0; index--) {
        surface += onSurface(randomSurfacePoint(random, view, -0.7, 0.7), `<path d="${blobPath(random, view.radius * random.range(0.2, 0.45), 9, 0.55)}" fill="${jitter(random, [95, 45, 32])}" fill-opacity="${svgNumber(random.range(0.7, 0.95))}"/>`);
      }
      defs.push(noiseFilter('dust', { seed: random.int(1, 9999), frequency: svgNumber(random.range(0.02, 0.04)), octaves: 2, colour: '#e0a080', gain: 2, bias: -1.1 }));
      surface += `<rect x="${svgNumber(-view.radius)}" y="${svgNumber(-view.radius)}" width="${svgNumber(2 * view.radius)}" height="${svgNumber(2 * view.radius)}" filter="url(#dust)"/>`;
      for (const pole of [1, -1]) {
        const point = project(view, pole * Math.PI / 2, view.longitude);
        if (point.z > -0.2 && random.chance(0.95)) {
          surface += onSurface({ ...point, z: Math.max(point.z, 0.3) }, `<path d="${blobPath(random, view.radius * random.range(0.2, 0.35), 8, 0.25)}" fill="#f6f1ec"/>`);
        }
      }
      return { surface };
    },
  },
  Mercury: {
    radius: [0.66, 0.9],
    draw(random, view, defs) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${grey(random, 100)}"/>`;
      defs.push(noiseFilter('grit', { seed: random.int(1, 9999), frequency: svgNumber(random.range(0.15, 0.3)), octaves: 3, colour: '#5a5854', gain: 3, bias: -1.3 }));
      surface += `<rect x="${svgNumber(-view.radius)}" y="${svgNumber(-view.radius)}" width="${svgNumber(2 * view.radius)}" height="${svgNumber(2 * view.radius)}" filter="url(#grit)"/>`;
      surface += craters(random, view, random.int(18, 35), 0.03, 0.1, '#4a4846', '#c8c4bc');
      return { surface };
    },
  },
  Moon: {
    radius: [0.66, 0.92],
    draw(random, view, defs) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${grey(random, 192)}"/>`;
      // Maria: large soft dark plains.
      defs.push(`<filter id="maria" x="-30%" y="-30%" width="160%" height="160%"><feGaussianBlur stdDeviation="${svgNumber(view.radius * 0.04)}"/></filter>`);
      let maria = '';
      for (let index = random.int(3, 7); index > 0; index--) {
        maria += onSurface(randomSurfacePoint(random, view, -0.8, 1), `<path d="${blobPath(random, view.radius * random.range(0.15, 0.35), 10, 0.5)}" fill="${grey(random, 92)}" fill-opacity="${svgNumber(random.range(0.6, 0.9))}"/>`);
      }
      surface += `<g filter="url(#maria)">${maria}</g>`;
      surface += craters(random, view, random.int(6, 14), 0.03, 0.09, '#6a6866', '#e6e4e0');
      if (random.chance(0.6)) {
        const crater = randomSurfacePoint(random, view, -1.2, -0.3);
        let rays = '';
        for (let ray = random.int(6, 11); ray > 0; ray--) {
          const angle = random.range(0, 2 * Math.PI);
          const length = view.radius * random.range(0.25, 0.7);
          rays += `<line x2="${svgNumber(length * Math.cos(angle))}" y2="${svgNumber(length * Math.sin(angle))}" stroke="#f2f0ec" stroke-width="${svgNumber(random.range(0.8, 2))}" stroke-opacity="0.5"/>`;
        }
        surface += onSurface(crater, `${rays}<circle r="${svgNumber(view.radius * 0.06)}" fill="#fafafa"/>`);
      }
      return { surface };
    },
  },
  Neptune: {
    radius: [0.7, 0.92],
    draw(random, view) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${jitter(random, [55, 85, 175])}"/>`;
      surface += bands(random, view, random.int(4, 7), [jitter(random, [35, 60, 140]), jitter(random, [80, 115, 200])], [0.25, 0.6]);
      if (random.chance(0.6)) {
        const spot = randomSurfacePoint(random, view, -0.6, -0.2);
        surface += onSurface(spot, `<ellipse rx="${svgNumber(view.radius * 0.16)}" ry="${svgNumber(view.radius * 0.09)}" fill="#1c2c6a" fill-opacity="0.8"/>`);
      }
      for (let cloud = random.int(0, 4); cloud > 0; cloud--) {
        const point = randomSurfacePoint(random, view, -0.9, 0.9);
        surface += onSurface(point, `<ellipse rx="${svgNumber(view.radius * random.range(0.08, 0.2))}" ry="${svgNumber(view.radius * 0.025)}" fill="#eef2ff" fill-opacity="${svgNumber(random.range(0.5, 0.9))}"/>`);
      }
      return { surface };
    },
  },
  Pluto: {
    radius: [0.64, 0.9],
    draw(random, view, defs) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${jitter(random, [228, 216, 200])}"/>`;
      // Cthulhu: a long dark reddish-brown region along the equator.
      for (let index = random.int(4, 6); index > 0; index--) {
        const point = project(view, random.range(-0.65, -0.15), view.longitude + random.range(-1.3, 1.3));
        if (point.z > 0) surface += onSurface(point, `<path d="${blobPath(random, view.radius * random.range(0.25, 0.45), 10, 0.4)}" fill="${jitter(random, [90, 45, 35])}" fill-opacity="${svgNumber(random.range(0.75, 0.95))}"/>`);
      }
      // The bright heart (Tombaugh Regio).
      const heart = project(view, random.range(0.1, 0.45), view.longitude + random.range(-0.5, 0.5));
      if (heart.z > 0) {
        const size = view.radius * random.range(0.35, 0.5);
        const path = `M0 ${svgNumber(size * 0.9)}C${svgNumber(-size * 1.2)} ${svgNumber(size * 0.1)} ${svgNumber(-size * 0.9)} ${svgNumber(-size * 0.9)} 0 ${svgNumber(-size * 0.35)}C${svgNumber(size * 0.9)} ${svgNumber(-size * 0.9)} ${svgNumber(size * 1.2)} ${svgNumber(size * 0.1)} 0 ${svgNumber(size * 0.9)}Z`;
        surface += onSurface(heart, `<path d="${path}" fill="#fbf9f6" transform="rotate(${svgNumber(random.range(-30, 30))})"/>`);
      }
      defs.push(noiseFilter('ice', { seed: random.int(1, 9999), frequency: svgNumber(random.range(0.06, 0.12)), octaves: 3, colour: '#8a6a5a', gain: 2.5, bias: -1.3 }));
      surface += `<rect x="${svgNumber(-view.radius)}" y="${svgNumber(-view.radius)}" width="${svgNumber(2 * view.radius)}" height="${svgNumber(2 * view.radius)}" filter="url(#ice)"/>`;
      return { surface };
    },
  },
  Saturn: {
    radius: [0.32, 0.5],
    tilt: [0.12, 0.55],
    draw(random, view) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${jitter(random, [210, 190, 145])}"/>`;
      surface += bands(random, view, random.int(6, 10), [jitter(random, [230, 215, 175]), jitter(random, [170, 145, 100])], [0.3, 0.7]);
      const ringSet = rings(random, view, { inner: 1.25, outer: random.range(2, 2.3), colour: jitter(random, [215, 200, 165]), opacity: 0.9, strands: 7 });
      // The rings' shadow on the planet: a dark stripe just past the equator.
      surface += `<path d="${bandPath(view, -0.12, -0.02)}" fill="#000" fill-opacity="0.35"/>`;
      return { surface, behind: ringSet.behind, front: ringSet.front };
    },
  },
  Uranus: {
    radius: [0.68, 0.92],
    tilt: [0.05, 0.9],
    draw(random, view) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${jitter(random, [160, 205, 215])}"/>`;
      surface += bands(random, view, random.int(3, 5), [jitter(random, [170, 215, 222]), jitter(random, [130, 180, 195])], [0.1, 0.3]);
      const ringSet = rings(random, view, { inner: 1.4, outer: 1.55, colour: '#c8dce0', opacity: 0.25, strands: 2 });
      return { surface, behind: ringSet.behind, front: ringSet.front };
    },
  },
  Venus: {
    radius: [0.68, 0.92],
    draw(random, view, defs) {
      let surface = `<circle r="${svgNumber(view.radius)}" fill="${jitter(random, [232, 172, 82])}"/>`;
      defs.push(noiseFilter('dark', { seed: random.int(1, 9999), frequency: svgNumber(random.range(0.04, 0.08)), octaves: 3, colour: jitter(random, [150, 80, 30]), gain: 2.5, bias: -1.25 }));
      defs.push(noiseFilter('veins', { seed: random.int(1, 9999), frequency: svgNumber(random.range(0.03, 0.06)), octaves: 4, colour: '#fff4d6', gain: -8, bias: random.range(1.6, 2), type: 'turbulence' }));
      const square = `x="${svgNumber(-view.radius)}" y="${svgNumber(-view.radius)}" width="${svgNumber(2 * view.radius)}" height="${svgNumber(2 * view.radius)}"`;
      // Turbulence is near zero along thin wandering lines: inverted, those become the bright veins.
      surface += `<rect ${square} filter="url(#dark)"/><rect ${square} filter="url(#veins)"/>`;
      return { surface };
    },
  },
};

// ------------------------------------------------------------- one image

/** Sun direction and phase: a dark night side bounded by the terminator (half an ellipse), plus limb darkening. */
function lighting(random: Random, radius: number): string {
  const direction = random.range(0, 360);
  // Mostly nearly full discs, as in the real photographs, sometimes a half or a crescent.
  const phase = 1.7 * random.next() ** 2.5;
  const terminator = radius * Math.cos(phase);
  const sweep = terminator >= 0 ? 1 : 0;
  // The dark side is on the left (-x) before rotating by the light direction.
  const night = `M0 ${svgNumber(-radius)}A${svgNumber(radius)} ${svgNumber(radius)} 0 0 0 0 ${svgNumber(radius)}A${svgNumber(Math.abs(terminator))} ${svgNumber(radius)} 0 0 ${sweep} 0 ${svgNumber(-radius)}Z`;
  const blur = svgNumber(radius * 0.05);
  return `<defs><filter id="soft" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="${blur}"/></filter>` +
    `<radialGradient id="limb" cx="${svgNumber(0.5 + random.range(0.05, 0.15))}" cy="0.5" r="0.55"><stop offset="0.45" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="${svgNumber(random.range(0.6, 0.85))}"/></radialGradient></defs>` +
    `<g transform="rotate(${svgNumber(direction)})"><circle r="${svgNumber(radius * 1.02)}" fill="url(#limb)"/>` +
    (phase > 0.15 ? `<path d="${night}" fill="#000" fill-opacity="${svgNumber(random.range(0.85, 0.97))}" filter="url(#soft)"/>` : '') + '</g>';
}

function background(random: Random, size: number): string {
  const shade = random.int(0, 14);
  let svg = `<rect width="${size}" height="${size}" fill="${hexColour(shade, shade, shade + random.int(0, 6))}"/>`;
  for (let star = random.int(0, 45); star > 0; star--) {
    const level = random.int(60, 255);
    svg += `<circle cx="${svgNumber(random.range(0, size))}" cy="${svgNumber(random.range(0, size))}" r="${svgNumber(random.range(0.25, 0.8) * size / 128)}" fill="${hexColour(level, level, level)}"/>`;
  }
  return svg;
}

export interface SampleImagePlan {
  svg: string;
  /** Exposure multiplier applied to the rendered pixels. */
  gain: number;
  /** Standard deviation of the per-pixel noise, in 0-255 units. */
  noise: number;
  /** Seed of the noise stream. */
  noiseSeed: number;
}

/** The SVG and post-processing of one image. Pure: the same arguments give the same plan. */
export function planSampleImage(className: string, index: number, seed: number = DEFAULTS.seed, size: number = DEFAULTS.size): SampleImagePlan {
  const classIndex = SAMPLE_CLASSES.indexOf(className);
  const look = LOOKS[className];
  if (classIndex < 0 || look === undefined) {
    throw new SampleDatasetError(`Unknown sample class "${className}"; expected one of ${SAMPLE_CLASSES.join(', ')}.`);
  }
  const random = createRandom(imageSeed(seed, classIndex, index));
  const half = size / 2;
  // Partial views: now and then the planet is zoomed in and pushed off-centre.
  const zoomed = random.chance(0.08);
  const radius = half * random.range(...look.radius) * (zoomed ? random.range(1.25, 1.6) : 1);
  const reach = zoomed ? radius * 0.45 : half * 0.12;
  const centreX = half + random.range(-reach, reach);
  const centreY = half + random.range(-reach, reach);
  const [minTilt, maxTilt] = look.tilt ?? [0, 0.45];
  const view: View = { radius, tilt: random.range(minTilt, maxTilt) * (random.chance(0.5) ? 1 : -1), longitude: random.range(0, 2 * Math.PI) };
  const rotation = random.range(-35, 35);

  const defs: string[] = [];
  const parts = look.draw(random, view, defs);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    background(random, size) +
    `<defs><clipPath id="disk"><circle r="${svgNumber(radius)}"/></clipPath>${defs.join('')}</defs>` +
    `<g transform="translate(${svgNumber(centreX)} ${svgNumber(centreY)}) rotate(${svgNumber(rotation)})">` +
    (parts.behind ?? '') +
    `<g clip-path="url(#disk)">${parts.surface}${lighting(random, radius)}</g>` +
    (parts.front ?? '') + '</g></svg>';
  return { svg, gain: random.range(0.85, 1.12), noise: random.range(2, 9), noiseSeed: random.int(1, 2 ** 31) };
}

/** Renders one image to JPEG bytes: SVG → pixels, exposure and noise, → JPEG at a fixed quality. */
export async function renderSampleImage(className: string, index: number, seed: number = DEFAULTS.seed, size: number = DEFAULTS.size): Promise<Buffer> {
  const plan = planSampleImage(className, index, seed, size);
  const { data, info } = await sharp(Buffer.from(plan.svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const random = createRandom(plan.noiseSeed);
  // Cheap noise shapes keep this loop a small part of the render time: triangular (sd 1) for the
  // luminance noise every channel of a pixel shares, like a sensor's, and a little uniform noise per channel.
  const triangular = plan.noise * Math.sqrt(6);
  const uniform = plan.noise * 0.3 * Math.sqrt(12);
  for (let offset = 0; offset < data.length; offset += info.channels) {
    const shared = (random.next() + random.next() - 1) * triangular;
    for (let channel = 0; channel < info.channels; channel++) {
      const value = data[offset + channel] * plan.gain + shared + (random.next() - 0.5) * uniform;
      data[offset + channel] = Math.max(0, Math.min(255, Math.round(value)));
    }
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer();
}

// ------------------------------------------------------------- the dataset

function checkedOptions(options: SampleOptions): Required<SampleOptions> {
  if (options === null || typeof options !== 'object') throw new SampleDatasetError('generateSampleDataset needs an options object with at least "outDir".');
  const { outDir } = options;
  if (typeof outDir !== 'string' || outDir.trim() === '') {
    throw new SampleDatasetError(`Sample option "outDir" must be a non-empty folder path, got ${JSON.stringify(outDir)}.`);
  }
  const integer = (field: keyof SampleOptions, value: unknown, fallback: number, min: number, max: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new SampleDatasetError(`Sample option "${field}" must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`);
    }
    return value;
  };
  return {
    outDir,
    imagesPerClass: integer('imagesPerClass', options.imagesPerClass, DEFAULTS.imagesPerClass, 1, 100_000),
    seed: integer('seed', options.seed, DEFAULTS.seed, 0, 2 ** 32 - 1),
    size: integer('size', options.size, DEFAULTS.size, 16, 2048),
    concurrency: integer('concurrency', options.concurrency, Math.min(8, Math.max(4, availableParallelism())), 1, 64),
  };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes a file unless it already exists. Existing files are never deleted or
 * overwritten, except the generator's own: an identical file is kept (so
 * re-running into the same folder is a cheap no-op); a different one whose
 * content is what an earlier generation wrote (`earlierHash`, from that
 * generation's stamp) is replaced; any other stops the run with an error
 * naming it, because silently mixing two generations, or losing someone's
 * edit, would corrupt a dataset.
 */
async function writeNew(path: string, bytes: Buffer, earlierHash: string | undefined): Promise<void> {
  try {
    await writeFile(path, bytes, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = await readFile(path);
    if (existing.equals(bytes)) return;
    if (earlierHash !== undefined && sha256(existing) === earlierHash) {
      await writeFile(path, bytes);
      return;
    }
    throw new SampleDatasetError(
      `${path} already exists with different content; the sample generator never overwrites files. ` +
      'Choose an empty or new "outDir", or remove that folder yourself.');
  }
}

/** What a complete generation wrote: the generator, the options and each image's sha256 (by path under outDir). */
interface SampleStamp {
  generator: number;
  libvips: string;
  imagesPerClass: number;
  seed: number;
  size: number;
  files: Record<string, string>;
}

function imagePath(className: string, index: number): string {
  return `${className}/${className}_${index}.jpg`;
}

async function readStamp(outDir: string): Promise<SampleStamp | undefined> {
  try {
    const stamp = JSON.parse(await readFile(join(outDir, SAMPLE_STAMP_FILE), 'utf8')) as SampleStamp;
    return stamp !== null && typeof stamp === 'object' && stamp.files !== null && typeof stamp.files === 'object' ? stamp : undefined;
  } catch {
    return undefined; // none, or unreadable: render, and write a new one
  }
}

/** True when the stamp is this generator's for these options and every image is still the bytes it recorded. */
async function stampHolds(stamp: SampleStamp | undefined, current: Omit<SampleStamp, 'files'>, paths: string[], outDir: string): Promise<boolean> {
  if (!stamp) return false;
  const same = (Object.keys(current) as (keyof typeof current)[]).every((key) => stamp[key] === current[key]);
  if (!same || Object.keys(stamp.files).length !== paths.length) return false;
  let holds = true;
  await forEachLimited(paths.length, 16, async (index) => {
    const path = paths[index];
    const recorded = Object.hasOwn(stamp.files, path) ? stamp.files[path] : undefined;
    const bytes = holds ? await readFile(join(outDir, path)).catch(() => undefined) : undefined;
    if (recorded === undefined || bytes === undefined || sha256(bytes) !== recorded) holds = false;
  });
  return holds;
}

/**
 * Runs `task` for 0..count-1 with at most `limit` in flight. After a failure
 * no new task starts, and the first error is thrown once the tasks in flight
 * have finished: nothing writes into the folder after the call returns.
 */
async function forEachLimited(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
  let nextIndex = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && nextIndex < count) {
      const index = nextIndex++;
      try {
        await task(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  if (failure) throw failure.error;
}

/**
 * Generates `<outDir>/<Class>/<Class>_<N>.jpg` for every sample class; byte-identical for the same options.
 * Rendered once: a folder whose stamp names this generator, these options and the images as they are
 * is left as it is (a changed generator, option or image renders again).
 */
export async function generateSampleDataset(options: SampleOptions): Promise<SampleResult> {
  const settings = checkedOptions(options);
  const outDir = resolve(settings.outDir);
  for (const className of SAMPLE_CLASSES) {
    const folder = join(outDir, className);
    try {
      await mkdir(folder, { recursive: true });
    } catch (error) {
      throw new SampleDatasetError(`Cannot create the sample folder ${folder} (${(error as NodeJS.ErrnoException).code ?? String(error)}); choose another "outDir".`);
    }
  }
  const total = SAMPLE_CLASSES.length * settings.imagesPerClass;
  const jobs = Array.from({ length: total }, (_, job) => ({
    className: SAMPLE_CLASSES[job % SAMPLE_CLASSES.length],
    index: Math.floor(job / SAMPLE_CLASSES.length),
  }));
  const paths = jobs.map(({ className, index }) => imagePath(className, index));
  const current = { generator: SAMPLE_GENERATOR_VERSION, libvips: sharp.versions.vips, imagesPerClass: settings.imagesPerClass, seed: settings.seed, size: settings.size };
  const earlier = await readStamp(outDir);
  if (await stampHolds(earlier, current, paths, outDir)) return { outDir, images: total, rendered: 0, classes: [...SAMPLE_CLASSES] };

  const files: Record<string, string> = {};
  await forEachLimited(total, settings.concurrency, async (job) => {
    const { className, index } = jobs[job];
    const bytes = await renderSampleImage(className, index, settings.seed, settings.size);
    const path = paths[job];
    await writeNew(join(outDir, path), bytes, earlier && Object.hasOwn(earlier.files, path) ? earlier.files[path] : undefined);
    files[path] = sha256(bytes);
  });
  // Written last and renamed into place: a stamp exists only for a complete generation.
  const stamp: SampleStamp = { ...current, files: Object.fromEntries(paths.map((path) => [path, files[path]])) };
  const partial = join(outDir, `${SAMPLE_STAMP_FILE}.partial`);
  await writeFile(partial, `${JSON.stringify(stamp)}\n`);
  await rename(partial, join(outDir, SAMPLE_STAMP_FILE));
  return { outDir, images: total, rendered: total, classes: [...SAMPLE_CLASSES] };
}
