// The one font the charts use, shipped as a dependency so that text renders
// the same on a machine with no system fonts. Vega without a canvas guesses
// text widths (0.8 × size per character); here it measures them from the
// same font files resvg draws with, so labels, legends and titles get the
// space they really take.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
export const FONT_FAMILY = 'DejaVu Sans';
const require = createRequire(import.meta.url);
export function fontFiles() {
    return {
        regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
        bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
    };
}
export async function loadTextMeasurer(files = fontFiles()) {
    const [regular, bold] = await Promise.all([files.regular, files.bold].map(async (file) => {
        const bytes = await readFile(file);
        return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }));
    const cache = new Map();
    return {
        width(text, fontSize, isBold = false) {
            const key = `${isBold ? 'b' : 'r'}${fontSize}|${text}`;
            let width = cache.get(key);
            if (width === undefined) {
                width = advanceWidth(isBold ? bold : regular, text, fontSize);
                cache.set(key, width);
            }
            return width;
        },
    };
}
/**
 * Sum of glyph advances plus pair kerning. opentype.js's own getAdvanceWidth
 * runs the font's substitution features, and DejaVu holds lookup types that
 * opentype.js 1.x cannot apply (it throws), so glyphs are mapped one by one;
 * DejaVu Sans has no ligatures in its default features that change widths
 * of the Latin text charts use.
 */
function advanceWidth(font, text, fontSize) {
    const scale = fontSize / font.unitsPerEm;
    let units = 0;
    let previous;
    for (const char of text) {
        const glyph = font.charToGlyph(char);
        units += glyph.advanceWidth ?? 0;
        if (previous)
            units += font.getKerningValue(previous, glyph);
        previous = glyph;
    }
    return units * scale;
}
export function isBoldWeight(weight) {
    if (weight === undefined)
        return false;
    if (typeof weight === 'number')
        return weight >= 600;
    return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}
/** Makes vega measure text with the shipped font. */
export function installTextMetrics(textMetrics, measurer) {
    textMetrics.width = (item, text) => {
        const line = text == null ? '' : String(text).trim();
        const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
        return size <= 0 || line === '' ? 0 : measurer.width(line, size, isBoldWeight(item.fontWeight));
    };
}
