import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/compare.js';
import { checkThresholds, parseThresholds } from '../../src/compare/thresholds.js';
import type { DocumentInput } from '../../src/report/document.js';
import { sweepCurvesChart } from '../../src/report/plots.js';
import { BEST_MARK, buildSweepDocument, renderSweepMarkdown, type SweepEntry } from '../../src/report/sweep.js';
import { blocksToMarkdown } from '../../src/report/markdown.js';
import type { RunRecord } from '../../src/record.js';
import { makeRecord } from './fixtures.js';

function entry(variant: string, head: RunRecord, base?: RunRecord, extra: Partial<SweepEntry> = {}): SweepEntry {
  const document: DocumentInput = {
    head,
    base,
    comparison: compare(head, base),
    thresholdChecks: checkThresholds(parseThresholds('val_acc: -0.02'), head.metrics, base?.metrics),
    images: [{ file: 'history.png', alt: 'Training history' }],
    labels: { title: variant },
  };
  return { variant, document, imageDir: variant.replace(/[^a-z0-9]+/gi, '-'), primary: true, ...extra };
}

/** The rows of the comparison table (the first table, under its "| Variant |" header). */
function tableRows(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Variant |'));
  const rows: string[] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
  return rows;
}

test('one row per variant, each compared with its own base, best per column marked', () => {
  const entries = [
    entry('lr=0.0001', makeRecord({ accuracy: 0.5, seed: 1 }), makeRecord({ accuracy: 0.5, seed: 1 })),
    // Six seeds per side, as the default: a change this large is beyond seed noise.
    entry('lr=0.001', makeRecord({ accuracy: 0.8, seed: 2, repeats: 6 }), makeRecord({ accuracy: 0.6, seed: 3, repeats: 6 })),
    entry('lr=0.01', makeRecord({ accuracy: 0.3, seed: 4, repeats: 6 }), makeRecord({ accuracy: 0.6, seed: 5, repeats: 6 })),
  ];
  const markdown = blocksToMarkdown(buildSweepDocument({ title: 'Sweep', entries }), (file) => file);
  const rows = tableRows(markdown);
  assert.equal(rows.length, 3);
  const accuracy = (record: RunRecord) => record.metrics.val_acc.toFixed(4);
  // Each Δ is against that variant's own base: 0 for the first, + for the second, − for the third.
  assert.match(rows[0], new RegExp(`\\| ${accuracy(entries[0].document!.head)} \\| 0\\.0000 \\|`));
  assert.match(rows[1], new RegExp(`\\| ${accuracy(entries[1].document!.head)} ${BEST_MARK} \\| \\+0\\.`));
  assert.match(rows[2], /\| −0\./);
  assert.match(rows[1], /✅ better \(p [=<]/);
  assert.match(rows[2], /❌ worse \(p [=<] .*1 threshold crossed/);
  assert.equal(rows.filter((row) => row.includes(BEST_MARK)).length, 1, 'the second variant is best in every column');
  assert.equal((markdown.match(/<details><summary>Full report: /g) ?? []).length, 3);
  assert.match(markdown, /!\[Training history\]\(lr-0-001\/history\.png\)/, "a folded report's images are in its folder");
});

test('a failed leg is a row that names it and why, and the summary says so', () => {
  const entries = [
    entry('lr=0.001', makeRecord({ accuracy: 0.7 })),
    { variant: 'lr=0.1', failure: 'failed: input \'params-override\': "train.lr" must be a positive number', primary: true },
  ];
  const markdown = blocksToMarkdown(buildSweepDocument({ title: 'Sweep', entries }), (file) => file);
  assert.match(markdown, /\| lr=0\.1 \| — \| — \| — \| — \| — \| — \| ⛔ failed: input 'params-override': "train\.lr" must be a positive number \|/);
  assert.match(markdown, /\*\*1 failed or cancelled \(lr=0\.1\)\*\*/);
  assert.doesNotMatch(markdown, new RegExp(BEST_MARK + ' \\|'), 'one value per column is not a contest');
});

test('the comparison fits the comment limit by folding detail, then leaving reports out with a note', () => {
  const entries = Array.from({ length: 24 }, (_, index) => entry(`variant ${index}`, makeRecord({ accuracy: 0.5 + index / 40, seed: index, validationCount: 600 }), makeRecord({ accuracy: 0.5, seed: 100 + index, validationCount: 600 })));
  const full = blocksToMarkdown(buildSweepDocument({ title: 'Sweep', entries }), (file) => file);
  assert.ok(full.length > 65_536, `the fixture is larger than a comment (${full.length})`);
  const fitted = renderSweepMarkdown({ title: 'Sweep', entries }, (file) => file, 65_536);
  assert.ok(fitted.length <= 65_536);
  assert.equal(tableRows(fitted).length, 24, 'every variant keeps its row');
  assert.ok((fitted.match(/<details><summary>Full report: /g) ?? []).length >= 1, 'some reports stay folded in');
  const small = renderSweepMarkdown({ title: 'Sweep', entries }, (file) => file, 6000);
  assert.ok(small.length <= 6000);
  const folded = (small.match(/<details><summary>Full report: /g) ?? []).length;
  assert.match(small, new RegExp(`${24 - folded} variant reports left out to keep this comment under GitHub's size limit`));
  assert.equal(tableRows(small).length, 24);
});

test('the curves chart has every variant, base runs dashed', () => {
  const chart = sweepCurvesChart([
    { variant: 'a', head: makeRecord({ epochs: 3 }), base: makeRecord({ epochs: 3, seed: 9 }) },
    { variant: 'b', head: makeRecord({ epochs: 3, seed: 4 }) },
  ])!;
  const spec = chart.spec as { data: { values: Array<{ variant: string; run: string; metric: string }> }; spec: { encoding: { color: { sort: string[] } } } };
  assert.deepEqual(spec.spec.encoding.color.sort, ['a', 'b']);
  assert.equal(spec.data.values.length, (3 + 3 + 3) * 2, 'validation loss and accuracy per epoch of each run');
  assert.ok(spec.data.values.some((row) => row.variant === 'a' && row.run === 'base'));
});

test('fail-on-regression counts only primary variants; the others are shown as not enforced', async () => {
  const { writeSweepReport } = await import('../../src/report/sweep-report.js');
  const { temporaryFolder } = await import('../helpers/images.js');
  const worse = () => ({ head: makeRecord({ accuracy: 0.3, seed: 1 }), base: makeRecord({ accuracy: 0.7, seed: 2 }) });
  const result = await writeSweepReport({
    variants: [
      { variant: 'primary one', folder: 'a', ...worse(), primary: true },
      { variant: 'other one', folder: 'b', ...worse(), primary: false },
    ],
    outDir: await temporaryFolder('tar-sweep-report-'),
    title: 'Sweep',
    thresholds: parseThresholds('val_acc: -0.02'),
    variantCharts: false,
  });
  assert.deepEqual(result.regressions.map((regression) => [regression.variant, regression.metric]), [['primary one', 'val_acc']]);
  const rows = tableRows(result.markdown);
  assert.match(rows[0], /1 threshold crossed \|$/);
  assert.match(rows[1], /1 threshold crossed \(not primary, not enforced\) \|$/);
  assert.match(result.markdown, /regression thresholds crossed by primary one/);
  assert.deepEqual(result.images, ['sweep-curves.png'], 'without variant charts the one image is the curves of every variant');
});
