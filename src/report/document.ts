// The report as a list of blocks, built from the comparison. markdown.ts and
// html.ts serialise the same blocks, so report.md and report.html say the
// same thing. Text in blocks is plain (unescaped); serialisers escape it.
// `detail` lowers how much is shown, so that the markdown can fit GitHub's
// comment limit by dropping whole rows and sections, each with a note.

import { describeAdapter } from '../model/backend-choice.js';
import type { ClassRow, Comparison, MetricRow } from '../compare/compare.js';
import { RECOMMENDED_REPEATS, reusedFromBase, SEED_TEST } from '../compare/compare.js';
import { formatPValue } from '../compare/stats.js';
import type { ThresholdCheck } from '../compare/thresholds.js';
import { metricDigits, metricLabel } from '../metrics.js';
import { oneModelLabel, type RunRecord } from '../record.js';
import { modelBlocks } from './model-card.js';
import { confusionBlocks, historyBlocks } from './text-charts.js';
import { TREND_IMAGE, trendBlocks, type TrendSection } from './trend.js';

export type Inline = string | { strong: string } | { code: string };

export type Block =
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; text: Inline[] }
  | { type: 'list'; items: Inline[][] }
  | { type: 'table'; header: string[]; rows: string[][]; align?: Array<'left' | 'right' | 'center'> }
  | { type: 'image'; file: string; alt: string }
  /** Preformatted text; `mermaid` blocks are drawn as diagrams by GitHub. */
  | { type: 'code'; language: string; text: string }
  | { type: 'details'; summary: string; blocks: Block[] };

export interface DocumentInput {
  head: RunRecord;
  base?: RunRecord;
  comparison: Comparison;
  baseMissingReason?: string;
  thresholdChecks: ThresholdCheck[];
  /** Chart files in display order, with alt text. */
  images: Array<{ file: string; alt: string }>;
  /** Why the predictions preview is missing, when it is. */
  previewNote?: string;
  /** Where the numbers come from, when it is not this job (a fork's own run). */
  provenance?: string;
  labels: { headSha?: string; baseSha?: string; headRef?: string; baseRef?: string; title?: string };
  /** The branch over time (the push's summary, folded in a PR's comment). */
  trend?: TrendSection;
}

/** 0: everything; 1: long tables cut to their most changed rows; 2: long sections dropped; 3: minimal. */
export type Detail = 0 | 1 | 2 | 3;
export const MAX_DETAIL: Detail = 3;

const ROW_LIMITS: Record<Detail, number> = { 0: Infinity, 1: 50, 2: 0, 3: 0 };

export function shortSha(sha: string | undefined): string | undefined {
  return sha ? sha.slice(0, 7) : undefined;
}

function number(value: number | undefined, digits = 4): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function signed(value: number | undefined, digits = 4): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text.replace('-', '−');
}

const MARKS = { better: '✅ better', worse: '❌ worse', unchanged: '= same', 'within noise': '≈ within seed noise', untested: '? one run', 'n/a': '' } as const;

/** The chart of every seed, shown in "Is the change real?" rather than with the other charts. */
const SEEDS_IMAGE = 'seeds.png';

const VERDICT_TEXT: Record<Comparison['verdict'], string> = {
  better: 'Better than the base',
  worse: 'Worse than the base',
  'no clear change': 'No clear change',
  'no baseline': 'No baseline to compare with',
};

export function buildDocument(input: DocumentInput, detail: Detail = 0): Block[] {
  const { comparison, head, base } = input;
  const headLabel = shortSha(input.labels.headSha ?? head.source?.sha);
  const title = input.labels.title ?? `Train and report${headLabel ? `: ${headLabel}` : ''}`;
  const blocks: Block[] = [{ type: 'heading', level: 2, text: title }];
  blocks.push(verdictLine(input));
  if (input.provenance) blocks.push({ type: 'paragraph', text: [{ strong: input.provenance }] });
  if (!base) {
    blocks.push({
      type: 'paragraph',
      text: [
        'No comparison: ', input.baseMissingReason ?? 'no base run record was given', '. ',
        'To get one, let the workflow run on the base branch first (each push to it records a baseline), ',
        'or locally pass ', { code: '--base DIR' }, ' with the output folder of a run of the base.',
      ],
    });
  }
  blocks.push(...thresholdBlocks(input.thresholdChecks));
  if (comparison.notes.length > 0) {
    const notes = detail >= 3 ? comparison.notes.slice(0, 10) : comparison.notes;
    blocks.push({ type: 'list', items: notes.map((note) => [note]) });
  }
  blocks.push({ type: 'heading', level: 3, text: 'Metrics' });
  blocks.push(metricsTable(comparison.metrics, base !== undefined));
  if (base) blocks.push(...changeBlocks(input, detail));
  // The charts' message in text first: images may not load (see text-charts.ts).
  blocks.push(...historyBlocks(head, base), ...confusionBlocks(head, base));
  blocks.push({ type: 'heading', level: 3, text: 'Charts' });
  for (const image of input.images) {
    if ((base && image.file === SEEDS_IMAGE) || image.file === TREND_IMAGE) continue;
    blocks.push({ type: 'image', file: image.file, alt: image.alt });
  }
  if (input.previewNote) blocks.push({ type: 'paragraph', text: [input.previewNote] });
  blocks.push(...missingOutputBlocks(head));
  if (input.trend) blocks.push(...trendBlocks(input.trend, input.images.find((image) => image.file === TREND_IMAGE), detail));
  blocks.push(...modelBlocks(head, base, comparison, ROW_LIMITS[detail]));
  blocks.push(...paramBlocks(comparison, base !== undefined, detail, head));
  blocks.push(...perClassBlocks(comparison.perClass, base !== undefined, detail));
  blocks.push(...datasetBlocks(comparison, head, base, detail));
  blocks.push(...runInfoBlocks(head, base, detail));
  return blocks;
}

/** "5 seeds per side", "3 base seeds and 5 PR seeds". */
function runsPerSide(head: number, base: number): string {
  return head === base ? `${head} seed${head === 1 ? '' : 's'} per side` : `${base} base seed${base === 1 ? '' : 's'} and ${head} PR seed${head === 1 ? '' : 's'}`;
}

/** "±4.2 points": a spread of accuracy in percentage points; other metrics' spread in their own unit. */
function points(sd: number, metric: string): string {
  return /acc/.test(metric) ? `±${(sd * 100).toFixed(1)} points` : `±${number(sd, metricDigits(metric))}`;
}

function verdictLine(input: DocumentInput): Block {
  const { comparison } = input;
  const seeds = comparison.seeds;
  const text: Inline[] = [{ strong: VERDICT_TEXT[comparison.verdict] }];
  if (input.base && seeds?.base && seeds.difference !== undefined) {
    const many = seeds.head.values.length > 1 || seeds.base.values.length > 1;
    const on = seeds.sharedImages ? ` on the ${seeds.sharedImages.count} validation images both share` : '';
    text.push(`: ${metricLabel(seeds.metric)}${on} ${number(seeds.base.spread.mean)} → ${number(seeds.head.spread.mean)} (${signed(seeds.difference)})`);
    text.push(many ? `, means over ${runsPerSide(seeds.head.values.length, seeds.base.values.length)}.` : '.');
    if (comparison.reasons.length > 0) text.push(` ${comparison.reasons.join(' ')}`);
    if (seeds.noise !== undefined && seeds.noise > 0) text.push(` Seeds alone move ${seeds.metric === 'val_acc' ? 'accuracy' : seeds.metric} by ${points(seeds.noise, seeds.metric)} on the ${seeds.noiseFrom === 'PR' ? 'PR' : 'base'} (sd over its ${seeds.noiseFrom === 'PR' ? seeds.head.values.length : seeds.base.values.length} seeds).`);
  } else if (input.base) {
    text.push('.');
    if (comparison.reasons.length > 0) text.push(` ${comparison.reasons.join(' ')}`);
  } else if (seeds) {
    const many = seeds.head.values.length > 1;
    text.push(`: ${metricLabel(seeds.metric)} ${number(seeds.head.spread.mean)}${many ? ` (mean over ${seeds.head.values.length} seeds, sd ${number(seeds.head.spread.sd)})` : ''}.`);
  }
  const crossed = input.thresholdChecks.filter((check) => check.crossed).length;
  if (crossed > 0) text.push(' ', { strong: `${crossed} regression threshold${crossed === 1 ? '' : 's'} crossed.` });
  return { type: 'paragraph', text };
}

function thresholdBlocks(checks: ThresholdCheck[]): Block[] {
  if (checks.length === 0) return [];
  const items: Inline[][] = checks.map((check) => {
    if (check.regression) return [{ strong: 'Crossed' }, ` ${check.threshold.text}: ${check.regression.message}`];
    if (check.skipped) return [`Not checked ${check.threshold.text}: ${check.skipped}`];
    return [`Within ${check.threshold.text}`];
  });
  return [{ type: 'heading', level: 3, text: 'Regression thresholds' }, { type: 'list', items }];
}

function metricsTable(rows: MetricRow[], withBase: boolean): Block {
  const runs = (count: number | undefined) => (count !== undefined && count > 1 ? ` (mean of ${count})` : '');
  const digits = (row: MetricRow) => metricDigits(row.metric);
  if (!withBase) {
    return { type: 'table', header: ['Metric', `PR${runs(rows[0]?.headRuns)}`, 'Better when'], rows: rows.map((row) => [row.metric, number(row.head, digits(row)), row.direction ?? 'not known (params: report.metrics)']), align: ['left', 'right', 'left'] };
  }
  return {
    type: 'table',
    header: ['Metric', `base${runs(rows[0]?.baseRuns)}`, `PR${runs(rows[0]?.headRuns)}`, 'Δ', ''],
    rows: rows.map((row) => [row.metric, number(row.base, digits(row)), number(row.head, digits(row)), signed(row.delta, digits(row)), MARKS[row.assessment]]),
    align: ['left', 'right', 'right', 'right', 'left'],
  };
}

/** "Is the change real?": every seed of both sides, the seed test, then the image-by-image detail. */
function changeBlocks(input: DocumentInput, detail: Detail): Block[] {
  const { comparison } = input;
  const seeds = comparison.seeds;
  const blocks: Block[] = [{ type: 'heading', level: 3, text: 'Is the change real?' }];
  if (seeds?.base) {
    const { head, base } = seeds;
    const describe = (run: typeof head) => (run.values.length > 1 ? `${number(run.spread.mean)} ± ${number(run.spread.sd)}` : number(run.spread.mean));
    const seedList = (run: typeof head) => (run.seeds.length > 1 ? `${run.seeds[0]}–${run.seeds[run.seeds.length - 1]}` : String(run.seeds[0]));
    const text: Inline[] = [
      head.values.length === base.values.length
        ? `Each side trained ${head.values.length} seed${head.values.length === 1 ? '' : 's'}`
        : `The base trained ${base.values.length} seed${base.values.length === 1 ? '' : 's'} and the PR ${head.values.length}`,
      seeds.sameSeeds ? ` (the same seeds on both sides, ${seedList(head)})` : ` (base seeds ${seedList(base)}, PR seeds ${seedList(head)})`,
      `. ${metricLabel(seeds.metric).charAt(0).toUpperCase()}${metricLabel(seeds.metric).slice(1)}, mean ± sd over seeds: base ${describe(base)}, PR ${describe(head)}; the mean changed by ${signed(seeds.difference)}`,
    ];
    if (seeds.interval && !seeds.identical) text.push(` (${Math.round(seeds.interval.level * 100)} % interval ${signed(seeds.interval.low)} to ${signed(seeds.interval.high)})`);
    text.push('. ');
    if (seeds.identical && reusedFromBase(input.head, input.base)) {
      const from = shortSha(input.head.reused?.sha);
      text.push({ strong: `Nothing that reaches training changed, so the PR trained nothing: its results are the base's${from ? ` (${from})` : ''}, reused seed for seed.` });
    } else if (seeds.identical) text.push({ strong: 'Identical runs, seed for seed: no change.' });
    else if (seeds.sequential) {
      const { seeds: trained, pValue, level, stop } = seeds.sequential;
      const why = stop === 'decided' ? 'the verdict was decided' : stop === 'no change likely' ? 'more seeds were unlikely to find a change' : 'that is the most the rule trains';
      text.push(`The PR trained its seeds in stages (looks after ${input.head.stopping?.looks.join(', ')} seeds) against the base's recorded seeds and stopped after ${trained}, because ${why}. `);
      const how = seeds.sequential.test === 'prediction'
        ? `The PR's one seed against the base's prediction interval (Student's t from the mean and sd of the base's ${base.values.length} seeds)`
        : 'Rank test over seeds at that look (exact two-sided permutation test, Wilcoxon-Mann-Whitney)';
      text.push(`${how}: ${formatPValue(pValue)}, against that look's level ${level} (the levels spend the 5 % false-alarm budget across the looks): `);
      text.push({ strong: seeds.decision === 'no clear change' ? 'within seed noise' : 'larger than seed noise explains' }, '.');
    } else if (seeds.untestable) text.push({ strong: `${seeds.untestable.charAt(0).toUpperCase()}${seeds.untestable.slice(1)}.` }, ` Set train.repeats to ${RECOMMENDED_REPEATS} or more (on the base branch too).`);
    else {
      text.push(`Rank test over seeds (exact two-sided permutation test, Wilcoxon-Mann-Whitney): ${formatPValue(seeds.pValue!)}: `);
      text.push({ strong: seeds.decision === 'no clear change' ? `within seed noise (not below ${SEED_TEST.level})` : `larger than seed noise explains (below ${SEED_TEST.level})` }, '.');
    }
    blocks.push({ type: 'paragraph', text });
    const chart = input.images.find((image) => image.file === SEEDS_IMAGE);
    if (chart) blocks.push({ type: 'image', file: chart.file, alt: chart.alt });
    if (detail < 2 && (head.values.length > 1 || base.values.length > 1)) blocks.push(seedTable(head, base, seeds.sameSeeds === true));
  }
  blocks.push(...imagePairBlocks(comparison, input));
  return blocks;
}

function seedTable(head: NonNullable<Comparison['seeds']>['head'], base: NonNullable<Comparison['seeds']>['head'], sameSeeds: boolean): Block {
  const table: Block = sameSeeds
    ? {
      type: 'table',
      header: ['Seed', 'base val_acc', 'PR val_acc', 'Δ'],
      rows: head.seeds.map((seed, i) => [String(seed), number(base.values[i]), number(head.values[i]), signed(head.values[i] - base.values[i])]),
      align: ['right', 'right', 'right', 'right'],
    }
    : {
      type: 'table',
      header: ['Run', 'Seed', 'val_acc'],
      rows: [...base.seeds.map((seed, i) => ['base', String(seed), number(base.values[i])]), ...head.seeds.map((seed, i) => ['PR', String(seed), number(head.values[i])])],
      align: ['left', 'right', 'right'],
    };
  return { type: 'details', summary: 'Every seed', blocks: [table] };
}

/** McNemar on the saved models, worded as what it is: whether these two particular models differ. */
function imagePairBlocks(comparison: Comparison, input: DocumentInput): Block[] {
  const models = input.base ? `the base's ${oneModelLabel(input.base)} and the PR's ${oneModelLabel(input.head)}` : '';
  const significance = comparison.significance;
  if (!significance || significance.kind === 'unavailable') {
    return [{ type: 'paragraph', text: [`No image-by-image comparison: ${significance?.reason ?? 'nothing to compare'}.`] }];
  }
  if (significance.kind === 'paired') {
    return [{
      type: 'paragraph',
      text: [
        `Image by image (one model per side, ${models}, on the ${significance.shared} validation images both predicted): `,
        `these two models disagree on ${significance.b + significance.c} images; the base gets ${significance.b} right that the PR gets wrong, `,
        `the PR gets ${significance.c} right that the base gets wrong (McNemar's exact test ${formatPValue(significance.pValue)}). `,
        'That says whether these two trained models differ, not whether the change is larger than seed noise.',
      ],
    }];
  }
  return [{
    type: 'paragraph',
    text: [
      'The runs share no validation images, so they cannot be compared image by image; ',
      `one model per side (${models}) got base ${significance.baseCorrect}/${significance.baseTotal} and PR ${significance.headCorrect}/${significance.headTotal} right `,
      `(two-proportion z-test z = ${significance.z.toFixed(2)}, ${formatPValue(significance.pValue)}, which ignores seed noise).`,
    ],
  }];
}

function paramBlocks(comparison: Comparison, withBase: boolean, detail: Detail, head: RunRecord): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 3, text: 'Params' }];
  const overrides = Array.isArray(head.paramsOverride) ? head.paramsOverride.map(String) : [];
  if (overrides.length > 0) {
    // The values below already include them; this says they did not come from params.yaml.
    blocks.push({ type: 'paragraph', text: ['Overridden for this run (params-override or --set), on top of params.yaml: ', ...overrides.flatMap((text, i) => [...(i > 0 ? [', '] : []), { code: text }]), '.'] });
  }
  const overridden = new Set(overrides.map((text) => text.slice(0, text.indexOf('='))));
  const keyCell = (key: string) => (overridden.has(key) ? `${key} (override)` : key);
  const changed = comparison.params.filter((row) => row.changed);
  if (withBase) {
    if (changed.length === 0) {
      blocks.push({ type: 'paragraph', text: ['No params changed.'] });
    } else {
      const limit = detail >= 3 ? 20 : Infinity;
      blocks.push({ type: 'table', header: ['Param', 'base', 'PR'], rows: changed.slice(0, limit).map((row) => [keyCell(row.key), row.base ?? '(unset)', row.head ?? '(unset)']) });
      if (changed.length > limit) blocks.push(omitted(changed.length - limit, 'changed params'));
    }
  }
  const all = comparison.params;
  const limit = detail === 0 ? Infinity : detail === 1 ? 100 : 0;
  if (limit === 0) {
    if (!withBase) blocks.push(omitted(all.length, 'params'));
    return blocks;
  }
  const rows = all.slice(0, limit).map((row) => (withBase ? [keyCell(row.key), row.base ?? '(unset)', row.head ?? '(unset)'] : [keyCell(row.key), row.head ?? '(unset)']));
  const inner: Block[] = [{ type: 'table', header: withBase ? ['Param', 'base', 'PR'] : ['Param', 'Value'], rows }];
  if (all.length > limit) inner.push(omitted(all.length - limit, 'params'));
  blocks.push({ type: 'details', summary: `All params (${all.length})`, blocks: inner });
  return blocks;
}

function omitted(count: number, what: string): Block {
  return { type: 'paragraph', text: [`${count} more ${what} left out to keep this comment under GitHub's size limit; report.html in the run's output has them all.`] };
}

function perClassBlocks(rows: ClassRow[], withBase: boolean, detail: Detail): Block[] {
  if (rows.length === 0) return [];
  const limit = ROW_LIMITS[detail];
  const summary = `Per-class metrics (${rows.length} classes)`;
  if (limit === 0) return [{ type: 'heading', level: 3, text: summary }, omitted(rows.length, 'per-class rows')];
  // When rows must go, keep the classes that changed most.
  const shown = rows.length > limit
    ? [...rows].sort((a, b) => Math.abs(b.f1Delta ?? 0) - Math.abs(a.f1Delta ?? 0)).slice(0, limit).sort((a, b) => rows.indexOf(a) - rows.indexOf(b))
    : rows;
  const table: Block = withBase
    ? {
      type: 'table',
      header: ['Class', 'Support', 'Precision', 'Recall', 'F1 base', 'F1 PR', 'Δ F1', 'Over seeds'],
      rows: shown.map((row) => [row.label, row.head ? String(row.head.support) : '—', number(row.head?.precision, 3), number(row.head?.recall, 3), number(row.base?.f1, 3), number(row.head?.f1, 3), signed(row.f1Delta, 3), classSeedMark(row)]),
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    }
    : {
      type: 'table',
      header: ['Class', 'Support', 'Precision', 'Recall', 'F1'],
      rows: shown.map((row) => [row.label, row.head ? String(row.head.support) : '—', number(row.head?.precision, 3), number(row.head?.recall, 3), number(row.head?.f1, 3)]),
      align: ['left', 'right', 'right', 'right', 'right'],
    };
  const inner: Block[] = [table];
  if (shown.length < rows.length) inner.push(omitted(rows.length - shown.length, 'per-class rows (the least changed)'));
  return [...(withBase ? classNoiseBlocks(rows) : []), { type: 'details', summary, blocks: inner }];
}

/** Which classes' F1 moved beyond their own seed noise (each class tested on its own, like the verdict). */
function classNoiseBlocks(rows: ClassRow[]): Block[] {
  const tested = rows.filter((row) => row.f1Seeds && !row.f1Seeds.untestable);
  if (tested.length === 0) return [];
  const moved = tested.filter((row) => row.f1Seeds!.decision !== 'no clear change');
  const runs = tested[0].f1Seeds!.head.values.length;
  const text: Inline[] = moved.length === 0
    ? [`No class's F1 moved beyond its own seed noise (mean F1 over ${runs} seeds per side, rank test per class, p < ${SEED_TEST.level}).`]
    : [
      `Classes whose F1 moved beyond their own seed noise (mean F1 over seeds, rank test per class, p < ${SEED_TEST.level}; each of the ${tested.length} classes is tested on its own, so with many classes one can cross by chance): `,
      moved.map((row) => `${row.label} ${signed(row.f1Seeds!.difference, 3)} (${formatPValue(row.f1Seeds!.pValue!)})`).join(', '),
      '.',
    ];
  return [{ type: 'paragraph', text }];
}

function classSeedMark(row: ClassRow): string {
  const seeds = row.f1Seeds;
  if (!seeds || seeds.untestable) return '';
  if (seeds.identical) return 'same';
  if (seeds.decision === 'no clear change') return `within noise (mean ${signed(seeds.difference, 3)})`;
  return `${seeds.difference > 0 ? '▲' : '▼'} ${signed(seeds.difference, 3)} mean, beyond noise`;
}

function datasetBlocks(comparison: Comparison, head: RunRecord, base: RunRecord | undefined, detail: Detail): Block[] {
  if (head.trainer && !head.dataset?.root) {
    return [{ type: 'heading', level: 3, text: 'Dataset' }, { type: 'paragraph', text: ['The training command was given no data folder (', { code: '--data' }, ', the action\'s data input), so there is no dataset summary.'] }];
  }
  const dataset = comparison.dataset;
  const blocks: Block[] = [{ type: 'heading', level: 3, text: 'Dataset' }];
  const text: Inline[] = [`${dataset.headTotal} images in ${dataset.perClass.filter((row) => row.head !== undefined).length} classes`];
  if (base) text.push(` (base: ${dataset.baseTotal ?? '—'} in ${dataset.perClass.filter((row) => row.base !== undefined).length})`);
  text.push('.');
  if (dataset.added && dataset.removed && dataset.changed) {
    text.push(dataset.sameContent
      ? ' Same images as the base.'
      : ` Since the base: ${dataset.added.length} added, ${dataset.removed.length} removed, ${dataset.changed.length} changed.`);
  } else if (base) {
    text.push(' The base record does not list its files, so added or removed images are unknown.');
  }
  blocks.push({ type: 'paragraph', text });
  const limit = ROW_LIMITS[detail];
  if (limit > 0) {
    const rows = dataset.perClass.slice(0, limit).map((row) => (base
      ? [row.label, row.base === undefined ? '—' : String(row.base), row.head === undefined ? '—' : String(row.head), row.base !== undefined && row.head !== undefined ? signedCount(row.head - row.base) : '—']
      : [row.label, row.head === undefined ? '—' : String(row.head)]));
    const inner: Block[] = [{ type: 'table', header: base ? ['Class', 'base', 'PR', 'Δ'] : ['Class', 'Images'], rows, align: base ? ['left', 'right', 'right', 'right'] : ['left', 'right'] }];
    if (dataset.perClass.length > limit) inner.push(omitted(dataset.perClass.length - limit, 'classes'));
    blocks.push({ type: 'details', summary: 'Images per class', blocks: inner });
    const fileLimit = detail === 0 ? 100 : 20;
    for (const [what, files] of [['Added', dataset.added], ['Removed', dataset.removed], ['Changed', dataset.changed]] as const) {
      if (!files || files.length === 0) continue;
      const list: Block[] = [{ type: 'list', items: files.slice(0, fileLimit).map((file) => [{ code: file }]) }];
      if (files.length > fileLimit) list.push({ type: 'paragraph', text: [`and ${files.length - fileLimit} more.`] });
      blocks.push({ type: 'details', summary: `${what} images (${files.length})`, blocks: list });
    }
  }
  const skipped = Array.isArray(head.dataset?.skipped) ? head.dataset.skipped : [];
  if (skipped.length > 0) {
    const shown = detail === 0 ? skipped.slice(0, 100) : skipped.slice(0, 10);
    const inner: Block[] = [{ type: 'list', items: shown.map((file) => [{ code: file.path }, `: ${file.reason}`]) }];
    if (shown.length < skipped.length) inner.push({ type: 'paragraph', text: [`and ${skipped.length - shown.length} more.`] });
    blocks.push({ type: 'details', summary: `Skipped files (${skipped.length})`, blocks: inner });
  }
  return blocks;
}

function signedCount(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0';
}

/** What a training command did not write, what the report leaves out for it, and how to add it (docs/command.md). */
function missingOutputBlocks(head: RunRecord): Block[] {
  if (!head.trainer) return [];
  const items: Inline[][] = [];
  if (!head.trainer.outputs.history) {
    items.push([
      'No training history chart: the command wrote no history. Write ', { code: '$TRAIN_AND_REPORT_OUT/history.csv' },
      ' (a header with epoch and loss, accuracy, val_loss, val_accuracy; Keras\'s CSVLogger writes it) or DVCLive\'s ', { code: 'plots/metrics/' }, '.',
    ]);
  }
  if (!head.trainer.outputs.predictions) {
    items.push([
      'No per-class table, confusion matrix, largest confusions or predictions preview: the command wrote no predictions. Write ',
      { code: '$TRAIN_AND_REPORT_OUT/predictions.csv' }, ' (header ', { code: 'path,true,predicted' },
      ', optionally one probability column per class; paths relative to the data folder) and pass the data folder.',
    ]);
  }
  return items.length > 0 ? [{ type: 'list', items }] : [];
}

function runInfoBlocks(head: RunRecord, base: RunRecord | undefined, detail: Detail): Block[] {
  const backend = (record: RunRecord | undefined) => {
    if (!record?.backend) return '—';
    const { simd, threads, trainingThreads } = record.backend;
    const plural = (count: number) => `${count} thread${count === 1 ? '' : 's'}`;
    const extras = [
      simd === undefined ? '' : simd ? 'SIMD' : 'no SIMD',
      threads ? plural(threads) : '',
      trainingThreads ? `trained on ${plural(trainingThreads)}` : '',
    ].filter(Boolean);
    const adapter = record.backend.adapter ? `, adapter ${describeAdapter(record.backend.adapter)}` : '';
    return `${record.backend.name} (${record.backend.package}${extras.length ? `, ${extras.join(', ')}` : ''}${adapter})`;
  };
  const trainer = (record: RunRecord | undefined) => (record?.trainer ? `command: ${record.trainer.command}` : record ? 'built-in CNN' : '—');
  const seedRuns = (record: RunRecord | undefined) => record?.trainer?.seeds.map((seed) => `${seed.seed}: exit ${seed.exitCode}, ${seed.seconds.toFixed(1)} s`).join('; ') ?? '—';
  const rows: string[][] = [];
  if (head.trainer || base?.trainer) {
    rows.push(['trainer', trainer(head), ...(base ? [trainer(base)] : [])]);
    rows.push(['seeds', seedRuns(head), ...(base ? [seedRuns(base)] : [])]);
  }
  if (head.backend || base?.backend) rows.push(['backend', backend(head), ...(base ? [backend(base)] : [])]);
  rows.push(['tool', `${head.tool?.name ?? '—'} ${head.tool?.version ?? ''}`.trim(), ...(base ? [`${base.tool?.name ?? '—'} ${base.tool?.version ?? ''}`.trim()] : [])]);
  const stages = [...new Set([...Object.keys(head.timings ?? {}), ...Object.keys(base?.timings ?? {})])];
  for (const stage of stages) {
    const seconds = (record: RunRecord | undefined) => (typeof record?.timings?.[stage] === 'number' ? `${record.timings[stage].toFixed(2)} s` : '—');
    rows.push([`${stage} time`, seconds(head), ...(base ? [seconds(base)] : [])]);
  }
  const blocks: Block[] = [
    { type: 'heading', level: 3, text: 'Run info' },
    { type: 'table', header: base ? ['', 'base', 'PR'] : ['', 'PR'], rows: base ? rows.map((row) => [row[0], row[2], row[1]]) : rows },
  ];
  if (detail < 2) {
    const names = [...new Set([...Object.keys(head.versions ?? {}), ...Object.keys(base?.versions ?? {})])].sort();
    if (names.length > 0) {
      const versionRows = names.map((name) => (base ? [name, base.versions?.[name] ?? '—', head.versions?.[name] ?? '—'] : [name, head.versions?.[name] ?? '—']));
      blocks.push({ type: 'details', summary: 'Versions', blocks: [{ type: 'table', header: base ? ['Package', 'base', 'PR'] : ['Package', 'Version'], rows: versionRows }] });
    }
  }
  return blocks;
}
