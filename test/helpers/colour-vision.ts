// Colour-vision-deficiency simulation for the chart colour checks: Machado,
// Oliveira and Fernandes (2009), severity 1 (dichromacy), applied to linear
// RGB; colour difference as CIE 1976 ΔE*ab in CIELAB (D65). Two colours a
// reader must tell apart should stay far apart for everyone.

export type Vision = 'normal' | 'deuteranopia' | 'protanopia';

type Matrix = [[number, number, number], [number, number, number], [number, number, number]];

/** Machado et al. 2009, table of simulation matrices, severity 1.0. */
export const MACHADO: Record<Exclude<Vision, 'normal'>, Matrix> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
};

export type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

const toLinear = (channel: number) => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const toGamma = (linear: number) => {
  const c = Math.min(1, Math.max(0, linear));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** The colour as a reader with `vision` sees it, in sRGB 0..255. */
export function simulate(rgb: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return rgb;
  const linear = rgb.map(toLinear);
  const m = MACHADO[vision];
  return m.map((row) => toGamma(row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2])) as Rgb;
}

export function toLab(rgb: Rgb): Rgb {
  const [r, g, b] = rgb.map(toLinear);
  // sRGB (D65) → XYZ, normalised by the D65 white.
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 ΔE*ab between two colours as a reader with `vision` sees them. */
export function deltaE(a: string | Rgb, b: string | Rgb, vision: Vision = 'normal'): number {
  const la = toLab(simulate(typeof a === 'string' ? parseHex(a) : a, vision));
  const lb = toLab(simulate(typeof b === 'string' ? parseHex(b) : b, vision));
  return Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}

/** The smallest ΔE over normal vision, deuteranopia and protanopia. */
export function worstDeltaE(a: string, b: string): { deltaE: number; vision: Vision } {
  let worst = { deltaE: Infinity, vision: 'normal' as Vision };
  for (const vision of ['normal', 'deuteranopia', 'protanopia'] as const) {
    const value = deltaE(a, b, vision);
    if (value < worst.deltaE) worst = { deltaE: value, vision };
  }
  return worst;
}
