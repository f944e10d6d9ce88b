// The comparison of a sweep's variants as one document: a table with one row
// per variant (key metrics, Δ against the same variant on the base, the
// verdict with its noise, the best value per column marked, failed legs with
// their error), the validation curves of every variant on one chart, and each
// variant's own report folded below. The local `sweep` and the action's
// aggregate mode both build it here. Pure: blocks in, markdown/HTML by the
// serialisers, fitted to a length limit by folding detail away.

import type { Comparison } from '../compare/compare.js';
import { formatPValue } from '../compare/stats.js';
import type { ThresholdCheck } from '../compare/thresholds.js';
import { SWEEP_COLUMNS, type MetricKey } from '../metrics.js';
import { buildDocument, MAX_DETAIL, type Block, type Detail, type DocumentInput, type Inline } from './document.js';
import { blocksToMarkdown, ReportTooLongError, type ImageUrl } from './markdown.js';

export interface SweepEntry {
  /** The variant's name as the table shows it. */
  variant: string;
  /** The variant's own report input (its head, base, comparison and chart files); absent for a leg that produced no record. */
  document?: DocumentInput;
  /** Folder of the variant's images, relative to the sweep report ('' for none). */
  imageDir?: string;
  /** A failed or cancelled leg: what happened, in one line. */
  failure?: string;
  /** Whether fail-on-regression applies to this variant (primary-variant). */
  primary: boolean;
}

export interface SweepDocumentInput {
  title: string;
  entries: SweepEntry[];
  /** The validation-curves chart, when there is one. */
  chart?: { file: string; alt: string };
  /** Said under the table, e.g. where the baselines come from. */
  notes?: string[];
  /** Where the numbers come from when not from this job (a fork's own runs): said in bold above the table. */
  provenance?: string;
}

export const BEST_MARK = '★';

const VERDICT_MARKS: Record<Comparison['verdict'], string> = {
  better: '✅ better',
  worse: '❌ worse',
  'no clear change': '= no clear change',
  'no baseline': 'no baseline',
};

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function signed(value: number | undefined, digits: number): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text.replace('-', '−');
}

/**
 * The verdict with the noise it was judged against: the seed test's p-value
 * (the verdict's own evidence) and the seed-to-seed spread, or why the seeds
 * could not decide.
 */
export function verdictWithNoise(comparison: Comparison): string {
  const parts: string[] = [];
  const seeds = comparison.seeds;
  if (seeds?.pValue !== undefined) parts.push(formatPValue(seeds.pValue));
  if (seeds?.noise !== undefined) parts.push(`seed sd ${seeds.noise.toFixed(4)}${seeds.decision === 'no clear change' ? ', within the noise' : ''}`);
  if (seeds?.untestable !== undefined) parts.push(seeds.untestable);
  return parts.length > 0 ? `${VERDICT_MARKS[comparison.verdict]} (${parts.join('; ')})` : VERDICT_MARKS[comparison.verdict];
}

function crossed(checks: ThresholdCheck[]): number {
  return checks.filter((check) => check.crossed).length;
}

/** The value per column that is best among the variants that have it; ties all get the mark. */
function bestValues(entries: SweepEntry[]): Map<MetricKey, number> {
  const best = new Map<MetricKey, number>();
  for (const column of SWEEP_COLUMNS) {
    const values = entries.flatMap((entry) => {
      const value = entry.document?.head.metrics?.[column.key];
      return typeof value === 'number' && Number.isFinite(value) ? [value] : [];
    });
    if (values.length > 1) best.set(column.key, column.better === 'higher' ? Math.max(...values) : Math.min(...values));
  }
  return best;
}

export function sweepTable(entries: SweepEntry[]): Block {
  const best = bestValues(entries);
  const header = ['Variant', ...SWEEP_COLUMNS.flatMap((column) => [column.heading, `Δ ${column.heading}`]), 'Verdict'];
  const rows = entries.map((entry) => {
    const document = entry.document;
    if (!document) return [entry.variant, ...SWEEP_COLUMNS.flatMap(() => ['—', '—']), `⛔ ${entry.failure ?? 'no run record'}`];
    const cells = SWEEP_COLUMNS.flatMap((column) => {
      const value = document.head.metrics?.[column.key];
      const row = document.comparison.metrics.find((metric) => metric.metric === column.key);
      const mark = typeof value === 'number' && best.get(column.key) === value ? ` ${BEST_MARK}` : '';
      return [`${fixed(value, column.digits)}${mark}`, signed(row?.delta, column.digits)];
    });
    let verdict = verdictWithNoise(document.comparison);
    const count = crossed(document.thresholdChecks);
    if (count > 0) verdict += `; ${count} threshold${count === 1 ? '' : 's'} crossed${entry.primary ? '' : ' (not primary, not enforced)'}`;
    if (entry.failure) verdict = `⛔ ${entry.failure}; ${verdict}`;
    return [entry.variant, ...cells, verdict];
  });
  return { type: 'table', header, rows, align: ['left', ...SWEEP_COLUMNS.flatMap(() => ['right', 'right'] as const), 'left'] };
}

function withImageDir(input: DocumentInput, imageDir: string | undefined): DocumentInput {
  if (!imageDir) return input;
  return { ...input, images: input.images.map((image) => ({ ...image, file: `${imageDir.replace(/\/$/, '')}/${image.file}` })) };
}

function foldedReport(entry: SweepEntry, detail: Detail): Block {
  // The variant's own title is the fold's summary; its other headings stay.
  const blocks = buildDocument(withImageDir(entry.document!, entry.imageDir), detail).slice(1);
  return { type: 'details', summary: `Full report: ${entry.variant}`, blocks };
}

/**
 * `folded`: how many of the variants' reports are folded below the table
 * (the rest are left out with a note, last ones first, to fit a limit).
 */
export function buildSweepDocument(input: SweepDocumentInput, detail: Detail = 0, folded = Infinity): Block[] {
  const { entries } = input;
  const blocks: Block[] = [{ type: 'heading', level: 2, text: input.title }];
  const failed = entries.filter((entry) => entry.failure);
  const summary: Inline[] = [`${entries.length} variant${entries.length === 1 ? '' : 's'}`];
  if (failed.length > 0) summary.push(', ', { strong: `${failed.length} failed or cancelled (${failed.map((entry) => entry.variant).join(', ')})` });
  const crossedPrimary = entries.filter((entry) => entry.primary && entry.document && crossed(entry.document.thresholdChecks) > 0);
  if (crossedPrimary.length > 0) summary.push(', ', { strong: `regression thresholds crossed by ${crossedPrimary.map((entry) => entry.variant).join(', ')}` });
  summary.push(`. Each variant is compared with the same variant on the base; ${BEST_MARK} marks the best value in its column.`);
  blocks.push({ type: 'paragraph', text: summary });
  if (input.provenance) blocks.push({ type: 'paragraph', text: [{ strong: input.provenance }] });
  blocks.push(sweepTable(entries));
  for (const note of input.notes ?? []) blocks.push({ type: 'paragraph', text: [note] });
  const missingBase = entries.filter((entry) => entry.document && !entry.document.base);
  const reasons = new Set(missingBase.map((entry) => entry.document!.baseMissingReason ?? 'no base run'));
  if (missingBase.length > 1 && reasons.size === 1 && missingBase.length === entries.filter((entry) => entry.document).length) {
    blocks.push({ type: 'paragraph', text: [`No comparison for any variant: ${[...reasons][0]}.`] });
  } else if (missingBase.length > 0 && detail < 3) {
    blocks.push({ type: 'list', items: missingBase.map((entry) => [`${entry.variant}: no comparison (${entry.document!.baseMissingReason ?? 'no base run'}).`]) });
  }
  if (input.chart) blocks.push({ type: 'image', file: input.chart.file, alt: input.chart.alt });
  const withReports = entries.filter((entry) => entry.document);
  withReports.slice(0, folded).forEach((entry) => blocks.push(foldedReport(entry, detail)));
  const left = withReports.length - Math.min(folded, withReports.length);
  if (left > 0) {
    blocks.push({ type: 'paragraph', text: [`${left} variant report${left === 1 ? '' : 's'} left out to keep this comment under GitHub's size limit; each leg's artifact and job summary has its full report.`] });
  }
  return blocks;
}

/**
 * The most detailed markdown that fits: less detail in every folded report
 * first, then fewer folded reports (the most that fit, found by bisection,
 * each with as much detail as still fits).
 */
export function renderSweepMarkdown(input: SweepDocumentInput, imageUrl: ImageUrl, maxLength: number): string {
  const render = (detail: Detail, folded: number) => blocksToMarkdown(buildSweepDocument(input, detail, folded), imageUrl);
  const mostDetailed = (folded: number): string | undefined => {
    for (let detail = 0 as Detail; detail <= MAX_DETAIL; detail = (detail + 1) as Detail) {
      const text = render(detail, folded);
      if (text.length <= maxLength) return text;
    }
    return undefined;
  };
  const reports = input.entries.filter((entry) => entry.document).length;
  const all = mostDetailed(reports);
  if (all !== undefined) return all;
  let fits = -1;
  for (let low = 0, high = reports - 1; low <= high; ) {
    const middle = Math.floor((low + high) / 2);
    if (render(MAX_DETAIL, middle).length <= maxLength) [fits, low] = [middle, middle + 1];
    else high = middle - 1;
  }
  if (fits < 0) {
    const text = render(MAX_DETAIL, 0);
    throw new ReportTooLongError(`the sweep report is ${text.length} characters even without the variants' reports; the limit is ${maxLength}`);
  }
  return mostDetailed(fits)!;
}
