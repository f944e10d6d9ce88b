// The branch over time in the report: the words for points and steps (one
// source for the table, the chart, its alt text and the Mermaid chart), and
// the section's blocks: a table that reads without images, the Mermaid
// chart GitHub draws itself, the chart image and the notes on bad input.
// Folded into a <details> in a pull request's comment. Pure.

import { formatPValue } from '../compare/stats.js';
import type { Trend, TrendKind, TrendPoint, TrendStep } from '../compare/trend.js';
import type { Block, Inline } from './document.js';
import { trendMermaid } from './mermaid.js';

/** The section as a report shows it. */
export interface TrendSection {
  trend: Trend;
  /** "main over the last 20 pushes". */
  title: string;
  /** In a <details> (the PR comment), or open (the push's job summary, the local trend). */
  folded: boolean;
}

/** The chart's file name (trend.png, trend.vl.json). */
export const TREND_IMAGE = 'trend.png';

/** A commit subject is one line; long ones are cut so the table stays a table. */
const SUBJECT_LIMIT = 72;

const four = (value: number) => value.toFixed(4);

function signed(value: number, digits = 4): string {
  const text = Math.abs(value).toFixed(digits);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** "3 abc1234": the position in the table and the commit, so two runs never share a name. */
export function trendPointName(point: TrendPoint, index: number): string {
  return `${index + 1} ${point.kind === 'push' && point.sha ? point.sha.slice(0, 7) : point.label}`;
}

/** The legend's word for a point's kind. */
export function trendRunName(kind: TrendKind): string {
  return kind === 'pull' ? 'PR' : kind === 'push' ? 'push' : 'run';
}

/** One word per step, shared by the chart's colours and the table. */
export function stepWord(step: TrendStep | undefined): 'first' | 'better' | 'worse' | 'within noise' | 'not judged' {
  if (!step) return 'first';
  if (step.untestable) return 'not judged';
  return step.verdict === 'no clear change' ? 'within noise' : step.verdict;
}

/** "▼ worse −0.0512 (p = 0.0022)": a step as the table and the logs say it. */
export function describeStep(step: TrendStep | undefined): string {
  if (!step) return '—';
  if (step.identical) return '= identical runs';
  const change = `${signed(step.difference)}${step.pValue !== undefined ? ` (${formatPValue(step.pValue)})` : ''}`;
  switch (stepWord(step)) {
    case 'better':
      return `▲ better ${change}`;
    case 'worse':
      return `▼ worse ${change}`;
    case 'within noise':
      return `≈ within noise ${change}`;
    default:
      return `? not judged ${signed(step.difference)}: ${step.untestable}`;
  }
}

/** "0.8123 ± 0.0210 (6 seeds)". */
export function describePoint(point: TrendPoint): string {
  const seeds = `${point.values.length} seed${point.values.length === 1 ? '' : 's'}`;
  return point.sd === undefined ? `${four(point.mean)} (${seeds})` : `${four(point.mean)} ± ${four(point.sd)} (${seeds})`;
}

/** What the point is: the commit's short SHA, "PR #12", or the run folder. */
export function pointWho(point: TrendPoint): string {
  if (point.kind === 'pull') return point.pullRequest !== undefined ? `PR #${point.pullRequest}` : point.label;
  return point.sha ? point.sha.slice(0, 7) : point.label;
}

export function oneLine(text: string | undefined, limit = SUBJECT_LIMIT): string {
  const line = (text ?? '').split(/\r?\n|\r/)[0].replace(/\p{Cc}/gu, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}

/** One sentence: how many runs, and which steps went beyond seed noise. */
export function trendSummary(trend: Trend): string {
  const better = trend.steps.filter((step) => stepWord(step) === 'better').length;
  const worse = trend.steps.filter((step) => stepWord(step) === 'worse').length;
  const runs = `${trend.points.length} run${trend.points.length === 1 ? '' : 's'}`;
  if (trend.steps.length === 0) return `${runs}: no step to judge yet.`;
  const last = trend.steps[trend.steps.length - 1];
  return `${runs}, ${trend.steps.length} step${trend.steps.length === 1 ? '' : 's'}: ${better} better and ${worse} worse beyond seed noise ` +
    `(${trend.metric}, rank test over seeds, the verdict a pull request gets). Last step: ${describeStep(last)}.`;
}

export function trendTable(trend: Trend): Block {
  const local = trend.points.every((point) => point.kind === 'local');
  return {
    type: 'table',
    header: local ? ['#', 'Run', `${trend.metric} mean ± sd`, 'Step from the one before'] : ['#', 'Commit', 'Subject', `${trend.metric} mean ± sd`, 'Step from the one before'],
    rows: trend.points.map((point, index) => {
      const step = describeStep(trend.steps.find((candidate) => candidate.to === index));
      return local
        ? [String(index + 1), point.label, describePoint(point), step]
        : [String(index + 1), pointWho(point), oneLine(point.subject), describePoint(point), step];
    }),
    align: local ? ['right', 'left', 'right', 'left'] : ['right', 'left', 'left', 'right', 'left'],
  };
}

/** The section: summary, table, Mermaid chart, chart image, notes; `detail` ≥ 2 keeps only the summary and the table. */
export function trendBlocks(section: TrendSection, image: { file: string; alt: string } | undefined, detail = 0): Block[] {
  const { trend } = section;
  const inner: Block[] = [{ type: 'paragraph', text: [trendSummary(trend)] }];
  if (trend.points.length > 0) inner.push(trendTable(trend));
  const chart = detail < 2 ? trendMermaid(trend) : undefined;
  if (chart) inner.push({ type: 'paragraph', text: [chart.caption] }, { type: 'code', language: 'mermaid', text: chart.text });
  if (image && detail < 2) inner.push({ type: 'image', file: image.file, alt: image.alt });
  if (trend.notes.length > 0) inner.push({ type: 'list', items: trend.notes.map((note): Inline[] => [note]) });
  return section.folded
    ? [{ type: 'details', summary: section.title, blocks: inner }]
    : [{ type: 'heading', level: 3, text: section.title }, ...inner];
}
