// Vega-lite spec → SVG (vega, headless) → PNG (resvg, with the shipped font)
// → palette PNG (sharp, libimagequant). The heavy modules load once per
// process, on first use.
//
// Every PNG is opaque on a white ground, so that it reads the same on
// GitHub's light and dark themes (a transparent chart would put black text
// on the dark page), and is stored as a palette PNG: a chart has a few dozen
// flat colours, and the records store keeps every run's images.
import sharp from 'sharp';
import { FONT_FAMILY, fontFiles, installTextMetrics, loadTextMeasurer } from './fonts.js';
/** Charts are drawn at twice their layout size so that their small text stays sharp on high-density screens. */
export const PIXEL_RATIO = 2;
/** The one background of every image: opaque, so the dark theme never shows through. */
export const BACKGROUND = '#ffffff';
/**
 * Colours kept in a palette PNG. A chart uses fewer; photos in the preview
 * are grey (or few hues) at the size the model sees them, so 128 levels show
 * them without visible banding.
 */
const PALETTE_COLOURS = 256;
/**
 * An RGBA PNG flattened onto the background and re-encoded as an 8-bit
 * palette PNG without dithering (dithering speckles flat fills and costs
 * bytes). libimagequant and zlib are deterministic: the same pixels give
 * the same bytes.
 */
export async function toPalettePng(png) {
    return sharp(png)
        .flatten({ background: BACKGROUND })
        .png({ palette: true, colours: PALETTE_COLOURS, dither: 0, effort: 10, compressionLevel: 9 })
        .toBuffer();
}
export class RenderError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RenderError';
    }
}
let shared;
export function getRenderer() {
    shared ??= createRenderer().catch((error) => {
        shared = undefined;
        throw error;
    });
    return shared;
}
async function createRenderer() {
    const [vega, vegaLite, resvg, measurer] = await Promise.all([
        import('vega'),
        import('vega-lite'),
        import('@resvg/resvg-js'),
        loadTextMeasurer(),
    ]);
    installTextMetrics(vega.textMetrics, measurer);
    const files = fontFiles();
    const resvgOptions = (width) => ({
        fitTo: { mode: 'width', value: Math.round(width) },
        background: BACKGROUND,
        font: { loadSystemFonts: false, fontFiles: [files.regular, files.bold], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
        logLevel: 'error',
    });
    // vega numbers gradient and clip ids globally; views are turned into SVG
    // one at a time, each from a reset counter, so ids do not depend on order.
    let svgQueue = Promise.resolve();
    async function toSvg(spec) {
        let compiled;
        try {
            compiled = vegaLite.compile(spec).spec;
        }
        catch (error) {
            throw new RenderError(`vega-lite could not compile the chart: ${error.message}`);
        }
        const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
        try {
            vega.resetSVGDefIds();
            const svg = await view.toSVG();
            return { svg, width: view.width(), height: view.height() };
        }
        finally {
            view.finalize();
        }
    }
    const renderSvg = async (svg, width) => {
        const image = await resvg.renderAsync(svg, resvgOptions(width));
        return toPalettePng(image.asPng());
    };
    return {
        measurer,
        renderSvg,
        async renderVegaLite(spec) {
            const turn = svgQueue.then(() => toSvg(spec));
            svgQueue = turn.catch(() => undefined);
            const { svg } = await turn;
            const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
            if (!size)
                throw new RenderError('vega produced an SVG without a size');
            const width = Number(size[1]);
            const height = Number(size[2]);
            return { svg, png: await renderSvg(svg, width * PIXEL_RATIO), width, height };
        },
    };
}
