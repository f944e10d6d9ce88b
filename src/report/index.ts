// The report: run records in, report.md, report.html, PNG charts and their
// vega-lite specs out. The only module here that touches the file system
// (besides reading preview images); everything it writes goes to outDir.

import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compare, metricValues, reusedFromBase, type Comparison } from '../compare/compare.js';
import { checkThresholds, type Regression, type Thresholds } from '../compare/thresholds.js';
import { claimOutputFolder } from '../output.js';
import { oneModelLabel, readRecord, RecordError, type RunRecord } from '../record.js';
import { buildDocument, shortSha, type DocumentInput } from './document.js';
import { blocksToHtmlPage } from './html.js';
import { GITHUB_COMMENT_LIMIT, renderFittingMarkdown } from './markdown.js';
import { chartSpecs } from './plots.js';
import { flipsAlt, predictionsAlt } from './alt-text.js';
import { flipSections, folderExists, predictionSection, PREVIEW_PIXEL_RATIO, previewInputSize, previewIsGrayscale, previewSvg, type PreviewSection } from './preview.js';
import { getRenderer, type Renderer } from './render.js';
import type { TrendSection } from './trend.js';
import { trendData } from '../compare/trend.js';

/** What a reused run's report says in place of its charts and previews. */
export const REUSED_NOTE = "No charts or previews drawn: the PR's runs are the base's, reused seed for seed, so each would show the base's results on both sides; the base's own report has them.";

/** The trend's data beside the run's record. */
export const TREND_DATA = 'trend.json';

export { compare, type Comparison } from '../compare/compare.js';
export { mcnemarExact, twoProportionTest } from '../compare/stats.js';
export { checkThresholds, parseThresholds, ThresholdError, type Regression, type Threshold, type Thresholds } from '../compare/thresholds.js';
export { GITHUB_COMMENT_LIMIT } from './markdown.js';

export interface ReportOptions {
  head: RunRecord;
  base?: RunRecord;
  /** Why there is no base (shown in the report), e.g. "no run recorded for 1a2b3c4 or its ancestors". */
  baseMissingReason?: string;
  /** Written: report.md, report.html, *.png, *.vl.json. */
  outDir: string;
  /** Preview images; default head.dataset.root. */
  dataDir?: string;
  /**
   * The preview as already rendered (publish mode: from the artifact, re-encoded by the
   * caller), or none; when given, no data folder is read, whatever the record names.
   */
  preview?: { png?: Buffer; alt?: string; note?: string };
  /** A line under the verdict on where the numbers come from (e.g. a fork's own run). */
  provenance?: string;
  /** Parsed by parseThresholds. */
  thresholds?: Thresholds;
  labels?: { headSha?: string; baseSha?: string; headRef?: string; baseRef?: string; title?: string };
  /** The branch over time: shown as a section (folded in a PR's comment), drawn as trend.png, kept as trend.json. */
  trend?: TrendSection;
}

export type ReportVerdict = 'better' | 'worse' | 'no clear change' | 'no baseline';

export interface ReportResult {
  verdict: ReportVerdict;
  /** Thresholds crossed, as data. */
  regressions: Regression[];
  /** PNG file names written in outDir, in display order. */
  images: string[];
  /** Data files written in outDir that belong with the run's record (trend.json). */
  data: string[];
  /** Every file written (absolute paths). */
  files: string[];
  /** report.md's text (relative image links). */
  markdown: string;
  comparison: Comparison;
  /** What the document is built from (a sweep folds it into its comparison report). */
  document: DocumentInput;
  /** The same markdown with image links made by `imageUrl(fileName)`; pure, no I/O. Default limit: GitHub's comment limit. */
  renderMarkdown(imageUrl: (fileName: string) => string, maxLength?: number): string;
}

interface RenderedImage {
  file: string;
  alt: string;
  png: Buffer;
  spec?: object;
}

async function previewImages(options: ReportOptions, comparison: Comparison, renderer: Renderer): Promise<{ images: RenderedImage[]; note?: string }> {
  const { head } = options;
  if (options.preview) {
    const { png, alt, note } = options.preview;
    return { images: png ? [{ file: 'predictions.png', alt: alt ?? 'Predictions on validation images (True / Pred)', png }] : [], note };
  }
  const dataDir = options.dataDir ?? head.dataset?.root;
  if (!Array.isArray(head.predictions) || head.predictions.length === 0) return { images: [], note: 'No predictions preview: the run record holds no predictions.' };
  if (!dataDir || !(await folderExists(dataDir))) {
    return { images: [], note: `No predictions preview: the data folder ${dataDir ? `"${dataDir}" ` : ''}is not on this machine (pass the data folder to show the images).` };
  }
  const grayscale = previewIsGrayscale(head.params);
  // One model's predictions (the saved one): the caption and the alt text name its seed.
  const model = oneModelLabel(head);
  const predictions = predictionSection(head.predictions, model);
  const panels: Array<{ file: string; alt: string; sections: PreviewSection[] }> = [
    { file: 'predictions.png', alt: predictionsAlt(predictions.tiles, head.predictions, model), sections: [predictions] },
  ];
  const flips = comparison.flips;
  if (flips && (flips.rightToWrong.length > 0 || flips.wrongToRight.length > 0) && options.base) {
    const models = `base ${oneModelLabel(options.base)}, PR ${model}`;
    const sections = flipSections(flips);
    panels.push({ file: 'flips.png', alt: flipsAlt(flips, sections.reduce((sum, section) => sum + section.tiles.length, 0), models), sections });
  }
  const missing = new Set<string>();
  const images = await Promise.all(panels.map(async (panel) => {
    const layout = await previewSvg(panel.sections, dataDir, grayscale, renderer.measurer, 8, previewInputSize(head.params));
    layout.missing.forEach((path) => missing.add(path));
    return { file: panel.file, alt: panel.alt, png: await renderer.renderSvg(layout.svg, layout.width * PREVIEW_PIXEL_RATIO) };
  }));
  const note = missing.size > 0 ? `${missing.size} preview image${missing.size === 1 ? ' is' : 's are'} missing from "${dataDir}" and shown as grey tiles.` : undefined;
  return { images, note };
}

export async function writeReport(options: ReportOptions): Promise<ReportResult> {
  const { head, base } = options;
  const outDir = resolve(options.outDir);
  const comparison = compare(head, base);
  const thresholdChecks = checkThresholds(options.thresholds ?? [], metricValues(head), base ? metricValues(base) : undefined);
  // A reused run's results are the base's, seed for seed: every chart would draw the base twice, so none is drawn (the renderer is not even loaded).
  const reused = reusedFromBase(head, base);
  const renderer = reused ? undefined : await getRenderer();

  const charts = reused ? [] : chartSpecs(comparison, { head, base, trend: options.trend });
  const [chartImages, preview] = await Promise.all([
    Promise.all(charts.map(async (chart): Promise<RenderedImage> => ({
      file: `${chart.name}.png`, alt: chart.alt, png: (await renderer!.renderVegaLite(chart.spec)).png, spec: chart.spec,
    }))),
    reused ? { images: [], note: REUSED_NOTE } : previewImages(options, comparison, renderer!),
  ]);
  const images = [...chartImages, ...preview.images];
  const data = options.trend ? [TREND_DATA] : [];
  const names = ['report.md', 'report.html', ...data, ...images.flatMap((image) => (image.spec ? [image.file, image.file.replace(/\.png$/, '.vl.json')] : [image.file]))];
  await claimOutputFolder(outDir, names);

  const files: string[] = [];
  const write = async (name: string, content: string | Buffer) => {
    const path = join(outDir, name);
    await writeFile(path, content);
    files.push(path);
  };
  for (const image of images) {
    await write(image.file, image.png);
    if (image.spec) await write(image.file.replace(/\.png$/, '.vl.json'), JSON.stringify(image.spec, null, 2) + '\n');
  }

  if (options.trend) await write(TREND_DATA, JSON.stringify(trendData(options.trend.trend), null, 2) + '\n');

  const labels = { ...options.labels, headSha: options.labels?.headSha ?? head.source?.sha, baseSha: options.labels?.baseSha ?? base?.source?.sha };
  const input: DocumentInput = {
    head,
    base,
    comparison,
    baseMissingReason: options.baseMissingReason,
    thresholdChecks,
    images: images.map(({ file, alt }) => ({ file, alt })),
    previewNote: preview.note,
    provenance: options.provenance,
    labels,
    trend: options.trend,
  };
  const renderMarkdown = (imageUrl: (fileName: string) => string, maxLength = GITHUB_COMMENT_LIMIT) => renderFittingMarkdown(input, imageUrl, maxLength);
  const markdown = renderMarkdown((file) => file);
  await write('report.md', markdown);
  const title = labels.title ?? `Train and report${shortSha(labels.headSha) ? `: ${shortSha(labels.headSha)}` : ''}`;
  await write('report.html', blocksToHtmlPage(buildDocument(input, 0), (file) => file, title));

  return {
    verdict: comparison.verdict,
    regressions: thresholdChecks.flatMap((check) => (check.regression ? [check.regression] : [])),
    images: images.map((image) => image.file),
    data,
    files,
    markdown,
    comparison,
    document: input,
    renderMarkdown,
  };
}

/**
 * Reads a base run record for the report. A missing or unreadable base is
 * not an error: the report is still made, and says why it has no comparison.
 */
export async function loadBaseRecord(file: string): Promise<{ base?: RunRecord; baseMissingReason?: string }> {
  try {
    return { base: await readRecord(file) };
  } catch (error) {
    if (error instanceof RecordError) return { baseMissingReason: `the base record could not be used (${error.message})` };
    throw error;
  }
}
