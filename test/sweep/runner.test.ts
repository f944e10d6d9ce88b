import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSampleDataset } from '../../src/data/sample.js';
import { parseOverrides } from '../../src/params.js';
import { runExperiment } from '../../src/pipeline.js';
import { writeSweepReport } from '../../src/report/sweep-report.js';
import { expandGrid, parseGrid } from '../../src/sweep/grid.js';
import { runSweep } from '../../src/sweep/runner.js';
import { temporaryFolder } from '../helpers/images.js';

let work = '';
let dataDir = '';
let paramsFile = '';

before(async () => {
  work = await temporaryFolder('tar-sweep-');
  dataDir = join(work, 'data');
  await generateSampleDataset({ outDir: dataDir, imagesPerClass: 8, seed: 5 });
  paramsFile = join(work, 'params.yaml');
  await writeFile(paramsFile, 'train:\n  epochs: 2\n');
});

test('a sweep trains every variant as a single run would, N at a time, with a progress line and ETA each', async () => {
  const variants = expandGrid(parseGrid('train.lr=0.001,0.003 train.dense_size=16,32'));
  for (const parallel of [1, 2]) {
    const lines: string[] = [];
    const outDir = join(work, `sweep-${parallel}`);
    const result = await runSweep({ variants, dataDir, paramsFile, outDir, backend: 'wasm', parallel, log: (line) => lines.push(line) });
    assert.equal(result.outcomes.length, 4);
    assert.match(lines[0], /^decoded 88 images once in [\d.]+ s \(1 preprocessing setting\); 4 variants, \d at a time$/);
    const progress = lines.filter((line) => /^\[\d\/4\] /.test(line));
    assert.equal(progress.length, 4, lines.join('\n'));
    for (const line of progress) assert.match(line, /: val_acc \d\.\d{4}, val_loss \d+\.\d{4} \([\d.]+ s; ETA [\d.]+ s\)$/);
    assert.deepEqual((await readdir(outDir)).sort(), variants.map((variant) => variant.folder).sort());
    for (const outcome of result.outcomes) {
      assert.equal(outcome.error, undefined);
      assert.deepEqual(outcome.record!.paramsOverride, outcome.variant.overrides.map((override) => override.text));
      const stored = JSON.parse(await readFile(join(outDir, outcome.variant.folder, 'run.json'), 'utf8'));
      assert.deepEqual(stored.metrics, outcome.record!.metrics);
    }
    if (parallel === 2) {
      // The same variant alone, as `run --set` trains it: bit-identical metrics (same backend, same training threads).
      const alone = await runExperiment({ dataDir, paramsFile, outDir: join(work, 'alone'), backend: 'wasm', overrides: parseOverrides(['train.lr=0.003,train.dense_size=32'], '--set') });
      assert.deepEqual(result.outcomes[3].record!.metrics, alone.record.metrics);
      assert.equal(result.outcomes[3].record!.params.train.lr, 0.003);
    }
  }
});

test('a variant that fails is named and the others still finish; the report lists it', async () => {
  // A model over its weight limit fails once the data is listed (the output layer needs the number of
  // classes); an image size too small for the model is refused earlier, with the grid.
  assert.throws(() => parseGrid('prepare.image_size=[4,4],[32,32]'), /"prepare\.image_size" 4×4 is too small for the notebook's model/);
  // The failing variant goes first: the one after it must not inherit a broken training thread.
  const variants = expandGrid(parseGrid('train.max_parameters=1000,10000000'));
  const outDir = join(work, 'sweep-failing');
  const result = await runSweep({ variants, dataDir, paramsFile, outDir, backend: 'wasm', parallel: 1 });
  assert.ok(result.outcomes[0].error, 'the bad variant has an error');
  assert.ok(result.outcomes[1].record, `the good variant trained (${result.outcomes[1].error})`);
  const report = await writeSweepReport({
    variants: result.outcomes.map((outcome) => ({ variant: outcome.variant.name, folder: outcome.variant.folder, head: outcome.record, failure: outcome.error, primary: true })),
    outDir,
    title: 'Sweep',
  });
  assert.match(result.outcomes[0].error!, /over the limit of 1,000 \(train\.max_parameters\)/);
  assert.match(report.markdown, /\| train\.max\\_parameters=1000 \| — \|.*⛔ /);
  assert.match(await readFile(join(outDir, 'report.html'), 'utf8'), /<td>train\.max_parameters=1000<\/td>/);
});
