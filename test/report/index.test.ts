import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { parseThresholds } from '../../src/compare/thresholds.js';
import { loadBaseRecord, writeReport } from '../../src/report/index.js';
import { DEFAULT_PARAMS, makeRecord, writeFixtureImages } from './fixtures.js';
import { inkStats } from './pixels.js';

async function temporaryFolder(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'report-test-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

const TUNED = { ...DEFAULT_PARAMS, train: { ...DEFAULT_PARAMS.train, conv_size: 64, dense_size: 128, lr: 0.001, epochs: 10 } };

test('writeReport writes markdown, HTML, specs and non-blank PNGs, identical on a second run', async (t) => {
  const folder = await temporaryFolder(t);
  const data = join(folder, 'data');
  const base = makeRecord({ accuracy: 0.4, seed: 1, repeats: 6, dataRoot: data });
  const head = makeRecord({ accuracy: 0.8, seed: 2, repeats: 6, dataRoot: data, params: TUNED, sha: 'f00dfeed1234' });
  await writeFixtureImages(data, head);
  const thresholds = parseThresholds('val_acc: -0.02, val_loss: +5%');
  const first = await writeReport({ head, base, outDir: join(folder, 'one'), thresholds });
  const second = await writeReport({ head, base, outDir: join(folder, 'two'), thresholds });

  assert.equal(first.verdict, 'better');
  assert.deepEqual(first.regressions, []);
  assert.deepEqual(first.images, ['history.png', 'confusion.png', 'f1.png', 'seeds.png', 'predictions.png', 'flips.png']);
  const written = first.files.map((file) => basename(file)).sort();
  for (const name of ['report.md', 'report.html', 'history.vl.json', 'confusion.vl.json', ...first.images]) assert.ok(written.includes(name), name);

  for (const image of first.images) {
    const one = await readFile(join(folder, 'one', image));
    const two = await readFile(join(folder, 'two', image));
    assert.ok(one.equals(two), `${image} differs between runs`);
    const meta = await sharp(one).metadata();
    // Charts at 2x for their small text; previews at 1x (their photos are the bytes).
    const preview = image === 'predictions.png' || image === 'flips.png';
    assert.ok(meta.width! >= (preview ? 900 : 1000), `${image} is ${meta.width} px wide`);
    // Opaque palette PNGs: the same on GitHub's dark theme, a fraction of the bytes.
    assert.equal(meta.hasAlpha, false, `${image} has an alpha channel`);
    assert.ok(meta.isPalette && meta.bitsPerSample === 8, `${image} is not an 8-bit palette PNG`);
    // The image holds a picture (ink in several colours), also in its middle, not only a title.
    const whole = await inkStats(one);
    assert.ok(whole.ink > 0.03, `${image}: only ${whole.ink} of the image is inked`);
    assert.ok(whole.colours > 10, `${image}: ${whole.colours} colours`);
    const region = { left: Math.floor(meta.width! / 4), top: Math.floor(meta.height! / 4), width: Math.floor(meta.width! / 2), height: Math.floor(meta.height! / 2) };
    const centre = await inkStats(one, region);
    assert.ok(centre.ink > 0.005, `${image}: only ${centre.ink} of the centre is inked`);
  }
  assert.equal(first.markdown, second.markdown);
  assert.equal(await readFile(join(folder, 'one', 'report.md'), 'utf8'), first.markdown);
  assert.equal(await readFile(join(folder, 'one', 'report.html'), 'utf8'), await readFile(join(folder, 'two', 'report.html'), 'utf8'));
  assert.match(first.markdown, /^## Train and report: f00dfee\n/);
  assert.match(first.markdown, /!\[Validation images whose prediction flipped between base and PR \(base seed \d+'s model, PR seed \d+'s model\): \d+ wrong → right, \d+ right → wrong \(\d+ shown\)\]\(flips\.png\)/);
  assert.match(await readFile(join(folder, 'one', 'report.html'), 'utf8'), /<img src="confusion\.png"/);
  // One model's numbers name the model's seed; the mean over seeds is the table's and the F1 chart's macro F1.
  const seed = first.document.head.repeats[0].seed;
  assert.match(first.markdown, new RegExp(`!\\[Predictions of seed ${seed}'s model on \\d+ of \\d+ validation images[^\\]]*this one model's accuracy\\)\\]\\(predictions\\.png\\)`));
  const macro = first.comparison.metrics.find((row) => row.metric === 'f1_score')!;
  assert.ok(first.markdown.includes(`macro F1 ${macro.base!.toFixed(2)} → ${macro.head!.toFixed(2)} (means over seeds)`), 'the F1 chart quotes the table\'s macro F1');

  // The predictions preview is shown in grey because the params train on grayscale.
  const { data: pixels, info } = await sharp(await readFile(join(folder, 'one', 'predictions.png'))).raw().toBuffer({ resolveWithObject: true });
  const inner = (60 * info.width + 60) * info.channels; // inside the first tile (the preview is drawn at 1x)
  assert.equal(pixels[inner], pixels[inner + 1]);
  assert.equal(pixels[inner + 1], pixels[inner + 2]);

  const urls = first.renderMarkdown((file) => `https://example.test/r/${file}`);
  assert.match(urls, /\(https:\/\/example\.test\/r\/history\.png\)/);
  assert.equal(urls.replaceAll('https://example.test/r/', ''), first.markdown);
});

test('crossed thresholds come back as data', async (t) => {
  const folder = await temporaryFolder(t);
  const base = makeRecord({ accuracy: 0.8, repeats: 6 });
  const head = makeRecord({ accuracy: 0.4, repeats: 6 });
  const result = await writeReport({ head, base, outDir: folder, thresholds: parseThresholds('val_acc: -0.02') });
  assert.equal(result.verdict, 'worse');
  assert.equal(result.regressions.length, 1);
  assert.equal(result.regressions[0].metric, 'val_acc');
  // Judged on the means over the 6 seeds of each side, not on the first models.
  const mean = (record: typeof head) => record.repeats.reduce((sum, r) => sum + r.metrics.val_acc, 0) / record.repeats.length;
  assert.ok(Math.abs(result.regressions[0].change - (mean(head) - mean(base))) < 1e-12);
  assert.equal(result.regressions[0].sure, true);
  assert.match(result.markdown, /\*\*1 regression threshold crossed\.\*\*/);
  assert.match(result.markdown, /\*\*Crossed\*\* val\\_acc: -0\.02: mean val\\_acc over 6 seeds per side changed by -0\.\d{4} \(0\.\d{4} → 0\.\d{4}\), beyond the limit -0\.02; the 95 % interval of the change, -0\.\d{4} to -0\.\d{4}, lies wholly beyond the limit/);
});

test('without a base or data folder the report is still complete and says why', async (t) => {
  const folder = await temporaryFolder(t);
  const head = makeRecord({ dataRoot: join(folder, 'gone') });
  const result = await writeReport({ head, outDir: folder, baseMissingReason: 'no run recorded for 1a2b3c4 or its ancestors' });
  assert.equal(result.verdict, 'no baseline');
  assert.deepEqual(result.images, ['history.png', 'confusion.png', 'f1.png']);
  assert.match(result.markdown, /No comparison: no run recorded for 1a2b3c4 or its ancestors/);
  assert.match(result.markdown, /No predictions preview: the data folder ".*gone" is not on this machine/);
  for (const heading of ['### Metrics', '### Params', '### Dataset', '### Run info']) assert.ok(result.markdown.includes(heading), heading);
});

test('a corrupt or missing base record becomes a reason, not a crash', async (t) => {
  const folder = await temporaryFolder(t);
  const file = join(folder, 'run.json');
  await writeFile(file, '{"recordVersion": 1, "params": {');
  const corrupt = await loadBaseRecord(file);
  assert.equal(corrupt.base, undefined);
  assert.match(corrupt.baseMissingReason!, /the base record could not be used \(.*run\.json: run record is not valid JSON/);
  const missing = await loadBaseRecord(join(folder, 'nothing.json'));
  assert.match(missing.baseMissingReason!, /no run record here/);
  const result = await writeReport({ head: makeRecord(), outDir: join(folder, 'out'), ...missing });
  assert.match(result.markdown, /No comparison: the base record could not be used/);
});

test('report --out into a folder of the user: their files with the same names are never overwritten', async (t) => {
  const outDir = await temporaryFolder(t);
  await writeFile(join(outDir, 'report.md'), 'my notes');
  await assert.rejects(writeReport({ head: makeRecord(), outDir }), /already holds "report\.md", not written by train-and-report/);
  assert.equal(await readFile(join(outDir, 'report.md'), 'utf8'), 'my notes');
});
