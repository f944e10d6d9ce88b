// Checks on the team's real dataset (../shared/datasets/planets-and-moons):
// the notebook's and the tuned params, then the report comparing the two.
// Skipped, with the reason printed, where the dataset is not beside the repository.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { runExperiment } from '../src/pipeline.js';
import type { BuiltinRunRecord as RunRecord } from '../src/record.js';
import { writeReport } from '../src/report/index.js';
import { expectedTopConfusions } from './helpers/confusions.js';
import { temporaryFolder } from './helpers/images.js';
import { parseMermaid, xychartSeries } from './helpers/mermaid.js';

const REAL_DATA = '../shared/datasets/planets-and-moons';
const skip = existsSync(REAL_DATA) ? false : `${REAL_DATA} is absent (it is beside the repository in CI)`;
if (skip) console.log(`# real-data tests skipped: ${skip}`);

let defaultRun: RunRecord | undefined;
let tunedRun: RunRecord | undefined;

test('default params (the notebook): a complete run in the under-trained range', { skip }, async () => {
  const work = await temporaryFolder();
  const { record } = await runExperiment({ dataDir: REAL_DATA, paramsFile: join(work, 'none.yaml'), outDir: join(work, 'out'), backend: 'auto' });
  assert.equal(record.dataset.totalImages, 1605);
  assert.equal(record.dataset.classes.length, 11);
  // The reference reaches 0.33-0.43 over three seeds at loss ≈ 1.94 (chance: 1/11, loss 2.40).
  assert.ok(record.metrics.val_acc > 0.2 && record.metrics.val_acc < 0.65, `val_acc ${record.metrics.val_acc}`);
  assert.ok(record.metrics.val_loss < 2.3, `val_loss ${record.metrics.val_loss}`);
  defaultRun = record;
});

test('tuned params (conv 64, dense 128, lr 0.001, 10 epochs): val accuracy ≥ 0.75', { skip }, async () => {
  const work = await temporaryFolder();
  const paramsFile = join(work, 'params.yaml');
  await writeFile(paramsFile, 'train:\n  conv_size: 64\n  dense_size: 128\n  lr: 0.001\n  epochs: 10\n');
  const { record } = await runExperiment({ dataDir: REAL_DATA, paramsFile, outDir: join(work, 'out'), backend: 'auto' });
  assert.ok(record.metrics.val_acc >= 0.75, `val_acc ${record.metrics.val_acc}`);
  assert.ok(record.metrics.f1_score >= 0.7, `macro F1 ${record.metrics.f1_score}`);
  tunedRun = record;
});

/** Share of pixels that differ from the top-left pixel (the background). */
async function inkedShare(file: string): Promise<number> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let inked = 0;
  for (let offset = 0; offset < data.length; offset += info.channels) {
    if (Math.abs(data[offset] - data[0]) + Math.abs(data[offset + 1] - data[1]) + Math.abs(data[offset + 2] - data[2]) > 30) inked++;
  }
  return inked / (info.width * info.height);
}

test('report of tuned vs default: all sections, non-blank charts, the tuned model is significantly better', { skip }, async () => {
  assert.ok(defaultRun && tunedRun, 'needs the two runs above');
  const outDir = await temporaryFolder();
  const report = await writeReport({ head: tunedRun, base: defaultRun, outDir, dataDir: REAL_DATA });
  assert.equal(report.verdict, 'better');
  for (const heading of ['### Metrics', '### Is the change real?', '### Params', 'Per-class', '### Dataset', '### Run info', '### Charts']) {
    assert.ok(report.markdown.includes(heading), `report.md lacks "${heading}"`);
  }
  assert.match(report.markdown, /McNemar/);
  // The default train.repeats: both sides trained the same 6 seeds, and the verdict is over them.
  assert.deepEqual(report.comparison.seeds!.head.seeds, [77, 78, 79, 80, 81, 82]);
  assert.equal(report.comparison.seeds!.sameSeeds, true);
  assert.match(report.markdown, /^\*\*Better than the base\*\*: validation accuracy 0\.\d{4} → 0\.\d{4} \(\+0\.\d{4}\), means over 6 seeds per side\./m);
  assert.ok(report.images.includes('seeds.png'));
  assert.ok(report.images.length >= 5, `only ${report.images.length} images`);
  for (const image of report.images) {
    const share = await inkedShare(join(outDir, image));
    assert.ok(share > 0.02, `${image} is nearly blank (${(share * 100).toFixed(1)}% inked)`);
  }
});

/** The budget for one run's images, which the records store keeps for every run. */
const IMAGE_BUDGET_BYTES = 250_000;

test('report of tuned vs default without images: Mermaid history, largest confusions, alt texts in numbers, images within budget', { skip }, async () => {
  assert.ok(defaultRun && tunedRun, 'needs the two runs above');
  const outDir = await temporaryFolder();
  const report = await writeReport({ head: tunedRun, base: defaultRun, outDir, dataDir: REAL_DATA });
  const markdown = report.markdown;

  // The Mermaid block parses with mermaid's own parser and holds both runs' validation accuracy.
  const block = /```mermaid\n([\s\S]*?)\n```/.exec(markdown)?.[1];
  assert.ok(block, 'no mermaid block');
  assert.equal(await parseMermaid(block), 'xychart');
  const series = xychartSeries(block);
  assert.equal(series.categories.length, Math.max(tunedRun.history.length, defaultRun.history.length));
  assert.deepEqual(series.lines, [defaultRun, tunedRun].map((run) => run.history.map((epoch) => Number(epoch.val_accuracy.toFixed(4)))));

  // The largest-confusions table is the confusion matrices' largest off-diagonal shares.
  const table = markdown.slice(markdown.indexOf('### Largest confusions'), markdown.indexOf('### Charts'));
  const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| True class') && !/^\| :?-/.test(line));
  const expected = expectedTopConfusions(tunedRun, defaultRun);
  assert.equal(rows.length, 5);
  rows.forEach((line, i) => {
    const [actual, predicted, base, head] = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const want = expected[i];
    assert.deepEqual([actual, predicted], [want.actual, want.predicted], line);
    assert.equal(head, `${want.count} of ${want.total} (${(want.count / want.total).toFixed(2)})`, line);
    assert.equal(base, `${want.baseCount} of ${want.baseTotal} (${(want.baseCount! / want.baseTotal!).toFixed(2)})`, line);
  });

  // Alt texts carry the numbers the charts show.
  const alt = (file: string) => new RegExp(`!\\[([^\\]]*)\\]\\(${file.replace('.', '\\.')}\\)`).exec(markdown)?.[1] ?? '';
  const span = (run: RunRecord) => `validation accuracy ${run.history[0].val_accuracy.toFixed(2)} → ${run.history.at(-1)!.val_accuracy.toFixed(2)} over ${run.history.length} epochs`;
  // The history is one model's: the alt text names its seed.
  const seedOf = (run: RunRecord) => run.predictionsSeed ?? run.repeats[0].seed;
  assert.ok(alt('history.png').includes(`PR (seed ${seedOf(tunedRun)}'s model) ${span(tunedRun)}`), alt('history.png'));
  assert.ok(alt('history.png').includes(`base (seed ${seedOf(defaultRun)}'s model) ${span(defaultRun)}`), alt('history.png'));
  const diagonal = (run: RunRecord) => run.confusionMatrix.reduce((sum, row, i) => sum + row[i] / row.reduce((a, b) => a + b, 0), 0) / run.confusionMatrix.length;
  assert.ok(alt('confusion.png').includes(`right per class on average ${diagonal(tunedRun).toFixed(2)} (base ${diagonal(defaultRun).toFixed(2)}`), alt('confusion.png'));
  assert.ok(alt('confusion.png').includes(`largest confusion: ${expected[0].actual} predicted as ${expected[0].predicted}, ${(expected[0].count / expected[0].total).toFixed(2)} of its row`), alt('confusion.png'));
  assert.ok(alt('f1.png').includes(`macro F1 ${defaultRun.metrics.f1_score.toFixed(2)} → ${tunedRun.metrics.f1_score.toFixed(2)}`), alt('f1.png'));
  const right = tunedRun.predictions.filter((p) => p.trueLabel === p.predictedLabel).length;
  assert.ok(alt('predictions.png').includes(`(all ${tunedRun.predictions.length}: ${right} right`), alt('predictions.png'));
  assert.match(alt('flips.png'), /^Validation images whose prediction flipped between base and PR \(base seed \d+'s model, PR seed \d+'s model\): \d+ wrong → right, \d+ right → wrong/);

  // All of one run's images together within the budget.
  let bytes = 0;
  for (const image of report.images) bytes += (await stat(join(outDir, image))).size;
  console.log(`# report images: ${report.images.length} files, ${bytes} bytes`);
  assert.ok(bytes <= IMAGE_BUDGET_BYTES, `the report's images take ${bytes} bytes; the budget is ${IMAGE_BUDGET_BYTES}`);
});
