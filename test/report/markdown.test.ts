import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/compare.js';
import { checkThresholds, parseThresholds } from '../../src/compare/thresholds.js';
import type { DocumentInput } from '../../src/report/document.js';
import { blocksToMarkdown, GITHUB_COMMENT_LIMIT, renderFittingMarkdown } from '../../src/report/markdown.js';
import { buildDocument } from '../../src/report/document.js';
import type { RunRecord } from '../../src/record.js';
import { DEFAULT_PARAMS, makeRecord, PLANETS } from './fixtures.js';

function input(head: RunRecord, base?: RunRecord, extra: Partial<DocumentInput> = {}): DocumentInput {
  return {
    head,
    base,
    comparison: compare(head, base),
    thresholdChecks: checkThresholds(parseThresholds('val_acc: -0.02'), head.metrics, base?.metrics),
    images: [{ file: 'history.png', alt: 'Training history' }],
    labels: { headSha: '1a2b3c4d5e6f7a8b' },
    ...extra,
  };
}

/** Every line of a table has the same number of unescaped pipes as its header. */
function assertTablesWhole(markdown: string): void {
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (!lines[i].startsWith('|')) continue;
    const pipes = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const start = i;
    while (i < lines.length && lines[i].startsWith('|')) {
      assert.equal(pipes(lines[i]), pipes(lines[start]), `table row breaks the table: ${lines[i]}`);
      i += 1;
    }
    assert.ok(i - start >= 2, 'a table has a header and a delimiter row');
  }
}

test('the report opens with the short SHA and a verdict, and has every section', () => {
  const base = makeRecord({ accuracy: 0.4, repeats: 5 });
  const head = makeRecord({ accuracy: 0.8, repeats: 5, params: { ...DEFAULT_PARAMS, train: { ...DEFAULT_PARAMS.train, lr: 0.001 } } });
  const markdown = renderFittingMarkdown(input(head, base), (file) => file);
  const lines = markdown.split('\n');
  assert.equal(lines[0], '## Train and report: 1a2b3c4');
  assert.match(lines[2], /^\*\*Better than the base\*\*: validation accuracy 0\.\d{4} → 0\.\d{4} \(\+0\.\d{4}\), means over 5 seeds per side\. Over 5 seeds per side seed noise alone would give a change this large rarely \(p = 0\.0079, rank test over seeds\)\. Seeds alone move accuracy by ±\d\.\d points on the base \(sd over its 5 seeds\)\./);
  for (const heading of ['### Metrics', '### Is the change real?', '### Charts', '### Params', '### Dataset', '### Run info', '### Regression thresholds']) {
    assert.ok(lines.includes(heading), `missing ${heading}`);
  }
  assert.match(markdown, /\| train\.lr \| 0\.0001 \| 0\.001 \|/);
  assert.match(markdown, /\| Metric \| base \(mean of 5\) \| PR \(mean of 5\) \| Δ \|/);
  assert.match(markdown, /\| val\\_loss \| \d\.\d{4} \| \d\.\d{4} \| −\d\.\d{4} \| ✅ better \|/);
  assert.match(markdown, /<details><summary>Per-class metrics \(11 classes\)<\/summary>\n\n\| Class/);
  assert.match(markdown, /Each side trained 5 seeds \(the same seeds on both sides, 77–81\)\. Validation accuracy, mean ± sd over seeds: base 0\.\d{4} ± 0\.\d{4}, PR 0\.\d{4} ± 0\.\d{4}; the mean changed by \+0\.\d{4} \(95 % interval \+0\.\d{4} to \+0\.\d{4}\)/);
  assert.match(markdown, /Rank test over seeds \(exact two-sided permutation test, Wilcoxon-Mann-Whitney\): p = 0\.0079: \*\*larger than seed noise explains/);
  assert.match(markdown, /<details><summary>Every seed<\/summary>\n\n\| Seed \| base val\\_acc \| PR val\\_acc \| Δ \|\n[^\n]*\n\| 77 \|/);
  assert.match(markdown, /these two models disagree on \d+ images; the base gets \d+ right that the PR gets wrong/);
  assert.match(markdown, /not whether the change is larger than seed noise/);
  assert.match(markdown, /\| backend \| wasm \(@\u2060tensorflow\/tfjs-backend-wasm, SIMD, 1 thread, trained on 2 threads\) \|/);
  assertTablesWhole(markdown);
});

test('the seed chart sits in "Is the change real?", and one run per side says it cannot decide', () => {
  const base = makeRecord({ accuracy: 0.6, repeats: 5 });
  const head = makeRecord({ accuracy: 0.6, repeats: 5, seed: 90 });
  const images = [{ file: 'history.png', alt: 'Training history' }, { file: 'seeds.png', alt: 'Validation accuracy of every seed' }];
  const markdown = renderFittingMarkdown(input(head, base, { images }), (file) => file);
  const real = markdown.indexOf('### Is the change real?');
  const charts = markdown.indexOf('### Charts');
  const seedImage = markdown.indexOf('![Validation accuracy of every seed](seeds.png)');
  assert.ok(real >= 0 && real < seedImage && seedImage < charts, 'the seed chart is in "Is the change real?"');
  assert.equal(markdown.split('seeds.png').length, 2, 'the seed chart is shown once');
  assert.match(markdown, /\(base seeds 77–81, PR seeds 90–94\)/);
  assert.match(markdown, /<details><summary>Every seed<\/summary>\n\n\| Run \| Seed \| val\\_acc \|/);

  const single = renderFittingMarkdown(input(makeRecord({ accuracy: 0.9, seed: 2 }), makeRecord({ accuracy: 0.3, seed: 1 })), (file) => file);
  assert.match(single.split('\n')[2], /^\*\*No clear change\*\*: validation accuracy 0\.\d{4} → 0\.\d{4} \(\+0\.\d{4}\)\. One run per side cannot separate a change from seed noise; set train\.repeats to 6 or more/);
  assert.match(single, /\*\*One run per side cannot separate a change from seed noise\.\*\* Set train\.repeats to 6 or more \(on the base branch too\)\./);
  assert.match(single, /\| val\\_acc \| 0\.\d{4} \| 0\.\d{4} \| \+0\.\d{4} \| \? one run \|/);
  assert.doesNotMatch(single, /Better than the base|Worse than the base/);
});

test('the per-class view names the classes that moved beyond their own seed noise', () => {
  const base = makeRecord({ accuracy: 0.7, repeats: 5 });
  const head = makeRecord({ accuracy: 0.7, repeats: 5 });
  head.repeats = head.repeats.map((repeat) => ({ ...repeat, perClass: repeat.perClass!.map((c) => (c.label === 'Mars' ? { ...c, f1: c.f1 - 0.3 } : c)) }));
  head.perClass = head.repeats[0].perClass!;
  const markdown = renderFittingMarkdown(input(head, base), (file) => file);
  assert.match(markdown, /Classes whose F1 moved beyond their own seed noise \(mean F1 over seeds, rank test per class, p < 0\.05; each of the 11 classes is tested on its own, so with many classes one can cross by chance\): Mars −0\.300 \(p = 0\.0079\)\./);
  assert.match(markdown, /\| Mars \|[^\n]*\| ▼ −0\.300 mean, beyond noise \|/);
  assert.match(markdown, /\| Earth \|[^\n]*\| same \|/);
});

test('image links are the caller\'s', () => {
  const head = makeRecord();
  const doc = input(head);
  assert.match(renderFittingMarkdown(doc, (file) => file), /!\[Training history\]\(history\.png\)/);
  assert.match(renderFittingMarkdown(doc, (file) => `https://example.test/runs/abc/${file}`), /!\[Training history\]\(https:\/\/example\.test\/runs\/abc\/history\.png\)/);
  assert.match(renderFittingMarkdown(doc, (file) => `my dir/${file}`), /\(my%20dir\/history\.png\)/);
});

test('without a base the report says why and how to get one', () => {
  const markdown = renderFittingMarkdown(input(makeRecord(), undefined, { baseMissingReason: 'no run recorded for 1a2b3c4 or its ancestors' }), (f) => f);
  assert.match(markdown, /\*\*No baseline to compare with\*\*/);
  assert.match(markdown, /No comparison: no run recorded for 1a2b3c4 or its ancestors\. To get one, let the workflow run on the base branch first/);
  assert.match(markdown, /<code>--base DIR<\/code>/);
  assert.match(markdown, /Not checked val\\_acc: -0\.02: no base run to compare with/);
  assert.doesNotMatch(markdown, /Is the change real/);
  assertTablesWhole(markdown);
});

test('names from the data cannot inject HTML or break tables', () => {
  const classes = ['<img src=x onerror=alert(1)>', 'a|b', 'Plain', '`tick`'];
  const head = makeRecord({ classes, validationCount: 40, params: { train: { 'lr|x': '<script>alert(1)</script>' } } });
  const base = makeRecord({ classes, validationCount: 40, seed: 9, accuracy: 0.3 });
  const markdown = renderFittingMarkdown(input(head, base, { labels: { headSha: 'abc', title: 'Run on <b>evil|branch</b>' } }), (f) => f);
  assert.doesNotMatch(markdown, /<img src=x/);
  assert.doesNotMatch(markdown, /<script>/);
  assert.doesNotMatch(markdown, /<b>/);
  assert.match(markdown, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(markdown, /\| a\\\|b \|/);
  assertTablesWhole(markdown);
});

test('200 classes fit under the comment limit by folding and dropping rows with a note', () => {
  const classes = Array.from({ length: 200 }, (_, i) => `class_${String(i).padStart(3, '0')}_${'long_name_'.repeat(3)}`);
  const head = makeRecord({ classes, validationCount: 2000, accuracy: 0.7 });
  const base = makeRecord({ classes, validationCount: 2000, accuracy: 0.5, seed: 4, filePrefix: 'b' });
  const doc = input(head, base);
  const full = blocksToMarkdown(buildDocument(doc, 0), (f) => f);
  assert.ok(full.length > 30000, `full length ${full.length}`);
  const limit = 30000;
  const fitted = renderFittingMarkdown(doc, (f) => f, limit);
  assert.ok(fitted.length <= limit, `${fitted.length} > ${limit}`);
  assert.match(fitted, /left out to keep this comment under GitHub's size limit/);
  assert.match(fitted, /### Metrics/);
  assertTablesWhole(fitted);
  // With GitHub's real limit the whole 200-class report still fits.
  const real = renderFittingMarkdown(doc, (f) => `https://example.test/${f}`);
  assert.ok(real.length <= GITHUB_COMMENT_LIMIT);
  assertTablesWhole(real);
  assert.throws(() => renderFittingMarkdown(doc, (f) => f, 500), /even with every optional section dropped/);
});

test('different classes are named in the report', () => {
  const head = makeRecord({ classes: [...PLANETS.filter((c) => c !== 'Venus'), 'Ceres'].sort() });
  const markdown = renderFittingMarkdown(input(head, makeRecord({ seed: 5 })), (f) => f);
  assert.match(markdown, /The classes differ \(added: Ceres; removed: Venus\); per-class and confusion-matrix comparisons use the 10 classes/);
});

test('code blocks are fenced, longer than any backtick run inside; the report carries a mermaid block and the largest confusions', () => {
  assert.equal(blocksToMarkdown([{ type: 'code', language: 'mermaid', text: 'pie\n  "a" : 1' }], (f) => f), '```mermaid\npie\n  "a" : 1\n```\n');
  assert.equal(blocksToMarkdown([{ type: 'code', language: 'text', text: 'a ``` b' }], (f) => f), '````text\na ``` b\n````\n');
  const base = makeRecord({ accuracy: 0.4, seed: 1 });
  const head = makeRecord({ accuracy: 0.8, seed: 2 });
  const markdown = renderFittingMarkdown(input(head, base), (file) => file);
  const order = ['### Validation accuracy per epoch', '```mermaid\n', '### Largest confusions', '| True class | Predicted as | base | PR | Δ share |', '### Charts'].map((text) => markdown.indexOf(text));
  assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), JSON.stringify(order));
  assertTablesWhole(markdown);
});
