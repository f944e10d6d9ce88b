import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/compare.js';
import { buildTrend, type TrendEntry } from '../../src/compare/trend.js';
import { buildDocument } from '../../src/report/document.js';
import { blocksToMarkdown } from '../../src/report/markdown.js';
import { trendMermaid } from '../../src/report/mermaid.js';
import { trendChart } from '../../src/report/plots.js';
import { trendBlocks, TREND_IMAGE } from '../../src/report/trend.js';
import { makeRecord } from './fixtures.js';

const HOSTILE = 'Fix @octo-org/admins | <img src=x onerror=alert(1)> `code` #12 https://evil.example\nsecond line';

function entries(): TrendEntry[] {
  const accuracies = [0.55, 0.85, 0.55];
  const shas = ['1'.repeat(40), '2'.repeat(40), '3'.repeat(40)];
  const pushes: TrendEntry[] = accuracies.map((accuracy, i) => ({
    label: shas[i].slice(0, 7), kind: 'push', sha: shas[i], subject: i === 2 ? HOSTILE : `commit ${i + 1}`,
    record: makeRecord({ accuracy, repeats: 6, repeatSpread: 0.01, seed: 77 }),
  }));
  return [...pushes, { label: 'PR #7', kind: 'pull', sha: '4'.repeat(40), pullRequest: 7, subject: 'PR title', record: makeRecord({ accuracy: 0.85, repeats: 6, repeatSpread: 0.01, seed: 177 }) }];
}

test('the table reads without images: every run, its mean ± sd, each step; untrusted subjects stay text', () => {
  const trend = buildTrend(entries());
  const markdown = blocksToMarkdown(trendBlocks({ trend, title: 'main over the last 3 pushes, and this pull request', folded: true }, undefined), (file) => file);
  assert.match(markdown, /^<details><summary>main over the last 3 pushes, and this pull request<\/summary>\n\n4 runs, 3 steps: 2 better and 1 worse beyond seed noise/);
  const rows = markdown.split('\n').filter((line) => /^\| \d \|/.test(line));
  assert.equal(rows.length, 4);
  assert.match(rows[0], /^\| 1 \| 1111111 \| commit 1 \| 0\.\d{4} ± 0\.\d{4} \(6 seeds\) \| — \|$/);
  assert.match(rows[1], /\| ▲ better \+0\.\d{4} \(p = 0\.0022\) \|$/);
  assert.match(rows[2], /\| ▼ worse −0\.\d{4} \(p = 0\.0022\) \|$/);
  assert.match(rows[3], /^\| 4 \| PR #⁠7 \| PR title \| .* \| ▲ better /);
  // One line, no mention, no tag, no link, no extra table cell.
  // Cut to 72 characters, the cut marked.
  assert.ok(rows[2].includes('| Fix @⁠octo-org/admins \\| &lt;img src=x onerror=alert(1)&gt; \\`code\\` #⁠12 https:⁠//… |'), rows[2]);
  assert.doesNotMatch(markdown, /second line/);
  assert.equal(rows[2].match(/(?<!\\)\|/g)?.length, 6);
});

test('the Mermaid chart holds numbers and fixed words only, one line per series', () => {
  const trend = buildTrend(entries());
  const chart = trendMermaid(trend)!;
  assert.match(chart.text, /x-axis "Run \(numbered as in the table\)" \[1, 2, 3, 4\]/);
  const lines = chart.text.split('\n').filter((line) => line.trim().startsWith('line ['));
  assert.equal(lines.length, 3, 'mean − sd, mean + sd, mean');
  const means = lines[2].replace(/^\s*line \[|\]$/g, '').split(', ').map(Number);
  assert.deepEqual(means, trend.points.map((point) => Number(point.mean.toFixed(4))));
  assert.doesNotMatch(chart.text, /octo|img|commit|PR/);
  // The y axis fits the spread, on steps of 0.05.
  const axis = /y-axis "Validation accuracy" ([\d.]+) --> ([\d.]+)/.exec(chart.text)!;
  assert.ok(Number(axis[1]) <= Math.min(...trend.points.map((point) => point.mean - (point.sd ?? 0))));
  assert.ok(Number(axis[2]) >= Math.max(...trend.points.map((point) => point.mean + (point.sd ?? 0))));
});

test('the chart: every seed, each mean coloured by the step into it, runs in the table\'s order', () => {
  const trend = buildTrend(entries());
  const chart = trendChart(trend, 'main')!;
  const spec = chart.spec as { data: { values: unknown[] }; layer: Array<{ data: { values: Array<Record<string, unknown>> } }>; encoding: { x: { sort: string[] } } };
  assert.deepEqual(spec.encoding.x.sort, ['1 1111111', '2 2222222', '3 3333333', '4 PR #7']);
  assert.equal(spec.data.values.length, 24);
  assert.deepEqual(spec.layer[1].data.values.map((row) => row.step), ['first', 'better', 'worse', 'better']);
  assert.deepEqual(spec.layer[1].data.values.map((row) => row.run), ['push', 'push', 'push', 'PR']);
  assert.match(chart.alt, /^main: mean validation accuracy over seeds, 4 runs, .*beyond seed noise: better at run 2 \(\+0\.\d\d\), worse at run 3 \(−0\.\d\d\), better at run 4/);
});

test('in the report the trend is a section of its own, its image there and not among the charts', () => {
  const [base, head] = [entries()[2].record!, entries()[3].record!];
  const trend = buildTrend(entries());
  const images = [{ file: 'history.png', alt: 'history' }, { file: TREND_IMAGE, alt: 'trend alt' }];
  const input = { head, base, comparison: compare(head, base), thresholdChecks: [], images, labels: {}, trend: { trend, title: 'main over the last 3 pushes', folded: true } };
  const markdown = blocksToMarkdown(buildDocument(input), (file) => file);
  assert.equal(markdown.split('](trend.png)').length, 2, 'the trend image once');
  const folded = markdown.slice(markdown.indexOf('<details><summary>main over the last 3 pushes</summary>'));
  assert.ok(folded.indexOf('![trend alt](trend.png)') < folded.indexOf('</details>'));
  assert.match(folded, /```mermaid\n/);
  // At the lowest detail the section keeps its table and drops the charts.
  const minimal = blocksToMarkdown(buildDocument(input, 3), (file) => file);
  assert.match(minimal, /\| 4 \| PR #⁠7 \|/);
  assert.doesNotMatch(minimal, /trend\.png|xychart-beta[\s\S]*Run \(numbered/);
});
