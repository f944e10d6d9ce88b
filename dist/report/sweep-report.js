// Writes a sweep's comparison report: each variant's own report into its
// folder (writeReport), the validation curves of every variant as one chart,
// and report.md / report.html over them all (sweep.ts). The local `sweep`
// command and the action's aggregate mode both call this.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compare } from '../compare/compare.js';
import { checkThresholds } from '../compare/thresholds.js';
import { claimOutputFolder } from '../output.js';
import { blocksToHtmlPage } from './html.js';
import { writeReport } from './index.js';
import { GITHUB_COMMENT_LIMIT } from './markdown.js';
import { sweepCurvesChart } from './plots.js';
import { getRenderer } from './render.js';
import { buildSweepDocument, renderSweepMarkdown } from './sweep.js';
export async function writeSweepReport(options) {
    const outDir = resolve(options.outDir);
    const entries = [];
    const images = [];
    const regressions = [];
    // One variant at a time: the renderer is shared and queues its work anyway.
    for (const variant of options.variants) {
        if (!variant.head) {
            entries.push({ variant: variant.variant, failure: variant.failure ?? 'no run record', primary: variant.primary });
            continue;
        }
        if (options.variantCharts === false) {
            const comparison = compare(variant.head, variant.base);
            const thresholdChecks = checkThresholds(options.thresholds ?? [], variant.head.metrics ?? {}, variant.base?.metrics);
            const document = {
                head: variant.head,
                base: variant.base,
                comparison,
                baseMissingReason: variant.baseMissingReason,
                thresholdChecks,
                images: [],
                previewNote: 'Charts of this variant alone: run the sweep with --variant-charts.',
                labels: { ...variant.labels, title: variant.variant },
            };
            if (variant.primary)
                regressions.push(...thresholdChecks.flatMap((check) => (check.regression ? [{ ...check.regression, variant: variant.variant }] : [])));
            entries.push({ variant: variant.variant, document, failure: variant.failure, primary: variant.primary });
            continue;
        }
        const written = await writeReport({
            head: variant.head,
            base: variant.base,
            baseMissingReason: variant.baseMissingReason,
            outDir: join(outDir, variant.folder),
            dataDir: variant.dataDir,
            preview: variant.preview,
            thresholds: options.thresholds,
            labels: { ...variant.labels, title: variant.variant },
        });
        images.push(...written.images.map((file) => `${variant.folder}/${file}`));
        if (variant.primary)
            regressions.push(...written.regressions.map((regression) => ({ ...regression, variant: variant.variant })));
        entries.push({ variant: variant.variant, document: written.document, imageDir: variant.folder, failure: variant.failure, primary: variant.primary });
    }
    const chart = sweepCurvesChart(options.variants.flatMap((variant) => (variant.head ? [{ variant: variant.variant, head: variant.head, base: variant.base }] : [])));
    const names = ['report.md', 'report.html', ...(chart ? [`${chart.name}.png`, `${chart.name}.vl.json`] : [])];
    await claimOutputFolder(outDir, names);
    if (chart) {
        const rendered = await (await getRenderer()).renderVegaLite(chart.spec);
        await writeFile(join(outDir, `${chart.name}.png`), rendered.png);
        await writeFile(join(outDir, `${chart.name}.vl.json`), JSON.stringify(chart.spec, null, 2) + '\n');
        images.push(`${chart.name}.png`);
    }
    const input = {
        title: options.title,
        entries,
        chart: chart ? { file: `${chart.name}.png`, alt: chart.alt } : undefined,
        notes: options.notes,
    };
    const renderMarkdown = (imageUrl, maxLength = GITHUB_COMMENT_LIMIT) => renderSweepMarkdown(input, imageUrl, maxLength);
    const markdown = renderMarkdown((file) => file);
    await writeFile(join(outDir, 'report.md'), markdown);
    await writeFile(join(outDir, 'report.html'), blocksToHtmlPage(buildSweepDocument(input, 0), (file) => file, options.title));
    return { markdown, images, regressions, entries, renderMarkdown };
}
