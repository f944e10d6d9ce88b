// Vega-lite spec → SVG (vega, headless) → PNG (resvg, with the shipped font).
// The heavy modules load once per process, on first use.
import { FONT_FAMILY, fontFiles, installTextMetrics, loadTextMeasurer } from './fonts.js';
/** Charts are drawn at twice their layout size so that they stay sharp when GitHub scales them down. */
export const PIXEL_RATIO = 2;
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
        background: 'white',
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
        return image.asPng();
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
