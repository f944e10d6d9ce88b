// Writes a sweep's comparison report: each variant's own report into its
// folder (writeReport), the validation curves of every variant as one chart,
// and report.md / report.html over them all (sweep.ts). The local `sweep`
// command and the action's aggregate mode both call this.

import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compare } from '../compare/compare.js';
import { checkThresholds, type Regression, type Thresholds } from '../compare/thresholds.js';
import { claimOutputFolder } from '../output.js';
import type { RunRecord } from '../record.js';
import type { DocumentInput } from './document.js';
import { blocksToHtmlPage } from './html.js';
import { writeReport } from './index.js';
import { GITHUB_COMMENT_LIMIT, type ImageUrl } from './markdown.js';
import { sweepCurvesChart } from './plots.js';
import { getRenderer } from './render.js';
import { buildSweepDocument, renderSweepMarkdown, type SweepDocumentInput, type SweepEntry } from './sweep.js';

export interface SweepVariantInput {
  variant: string;
  /** Its folder under the sweep's outDir: its own report goes there. */
  folder: string;
  head?: RunRecord;
  base?: RunRecord;
  baseMissingReason?: string;
  /** A failed or cancelled leg: what happened. */
  failure?: string;
  /** fail-on-regression applies to it. */
  primary: boolean;
  /** Preview images; absent: the record's data folder, when it is on this machine. */
  dataDir?: string;
  /** The preview as already rendered (aggregate mode: from the leg's artifact, re-encoded); then no image file is read. */
  preview?: { png?: Buffer; alt?: string; note?: string };
  labels?: { headSha?: string; baseSha?: string; headRef?: string; baseRef?: string };
  /** Where its numbers come from when not from this job (a fork's own run): said in its folded report. */
  provenance?: string;
}

export interface SweepReportOptions {
  variants: SweepVariantInput[];
  outDir: string;
  title: string;
  thresholds?: Thresholds;
  notes?: string[];
  /** Where every variant's numbers come from when not from this job (a fork's own runs): said above the table. */
  provenance?: string;
  /**
   * Render each variant's own charts and report into its folder (the
   * action's aggregate mode does); without, the folded reports are text and
   * the one chart is the curves of every variant, which keeps a local sweep
   * from spending a second or more per variant on images.
   */
  variantCharts?: boolean;
}

export interface SweepReportResult {
  /** report.md's text (relative links). */
  markdown: string;
  /** Every PNG of the report, relative to outDir ('variant/history.png', 'sweep-curves.png'). */
  images: string[];
  /** Thresholds crossed by primary variants, with the variant's name. */
  regressions: Array<Regression & { variant: string }>;
  entries: SweepEntry[];
  renderMarkdown(imageUrl: ImageUrl, maxLength?: number): string;
}

export async function writeSweepReport(options: SweepReportOptions): Promise<SweepReportResult> {
  const outDir = resolve(options.outDir);
  const entries: SweepEntry[] = [];
  const images: string[] = [];
  const regressions: SweepReportResult['regressions'] = [];
  // One variant at a time: the renderer is shared and queues its work anyway.
  for (const variant of options.variants) {
    if (!variant.head) {
      entries.push({ variant: variant.variant, failure: variant.failure ?? 'no run record', primary: variant.primary });
      continue;
    }
    if (options.variantCharts === false) {
      const comparison = compare(variant.head, variant.base);
      const thresholdChecks = checkThresholds(options.thresholds ?? [], variant.head.metrics ?? {}, variant.base?.metrics);
      const document: DocumentInput = {
        head: variant.head,
        base: variant.base,
        comparison,
        baseMissingReason: variant.baseMissingReason,
        thresholdChecks,
        images: [],
        previewNote: 'Charts of this variant alone: run the sweep with --variant-charts.',
        provenance: variant.provenance,
        labels: { ...variant.labels, title: variant.variant },
      };
      if (variant.primary) regressions.push(...thresholdChecks.flatMap((check) => (check.regression ? [{ ...check.regression, variant: variant.variant }] : [])));
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
      provenance: variant.provenance,
      thresholds: options.thresholds,
      labels: { ...variant.labels, title: variant.variant },
    });
    images.push(...written.images.map((file) => `${variant.folder}/${file}`));
    if (variant.primary) regressions.push(...written.regressions.map((regression) => ({ ...regression, variant: variant.variant })));
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
  const input: SweepDocumentInput = {
    title: options.title,
    entries,
    chart: chart ? { file: `${chart.name}.png`, alt: chart.alt } : undefined,
    notes: options.notes,
    provenance: options.provenance,
  };
  const renderMarkdown = (imageUrl: ImageUrl, maxLength = GITHUB_COMMENT_LIMIT) => renderSweepMarkdown(input, imageUrl, maxLength);
  const markdown = renderMarkdown((file) => file);
  await writeFile(join(outDir, 'report.md'), markdown);
  await writeFile(join(outDir, 'report.html'), blocksToHtmlPage(buildSweepDocument(input, 0), (file) => file, options.title));
  return { markdown, images, regressions, entries, renderMarkdown };
}
