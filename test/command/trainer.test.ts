// Command mode with real commands: a small Node trainer (test/fixtures/command-trainer)
// run through the shell on a real image folder, once per seed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommandExperiment } from '../../src/command/trainer.js';
import { decodeDataset, hashDataset, listDataset } from '../../src/data/dataset.js';
import { DEFAULT_PARAMS } from '../../src/params.js';
import { compare } from '../../src/compare/compare.js';
import { main } from '../../src/cli.js';
import { validateRecord } from '../../src/record-schema.js';
import { temporaryFolder, writeDataset } from '../helpers/images.js';

const TRAINER = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/command-trainer/train.mjs');
const command = (options = '') => `node ${JSON.stringify(TRAINER)} ${options}`.trim();

let root: string;
let data: string;

before(async () => {
  root = await temporaryFolder('tar-command-');
  data = join(root, 'data');
  // Close colours, so that how many training images a seed samples matters.
  await writeDataset(data, { Earth: [85, 100, 130], Mars: [130, 100, 85], Moon: [108, 108, 108] }, 20);
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function params(name: string, text: string): Promise<string> {
  const file = join(root, `${name}.yaml`);
  await writeFile(file, text);
  return file;
}

test('a command trains every seed of the seed list; its files become a run record the untrusted-record schema accepts', async () => {
  const lines: string[] = [];
  const outDir = join(root, 'out-ok');
  const previous = process.env.INPUT_TOKEN;
  process.env.INPUT_TOKEN = 'ghs_secret-token-value';
  let result;
  try {
    result = await runCommandExperiment({
      command: command('--print-env'),
      dataDir: data,
      paramsFile: await params('ok', 'train:\n  seed: 5\n  repeats: 3\n  fraction: 0.4\nfeaturize:\n  size: 4\n'),
      outDir,
      log: (line) => lines.push(line),
    });
  } finally {
    if (previous === undefined) delete process.env.INPUT_TOKEN;
    else process.env.INPUT_TOKEN = previous;
  }
  const { record } = result;
  assert.equal(record.trainer?.kind, 'command');
  assert.equal(record.trainer?.command, command('--print-env'));
  assert.deepEqual(record.trainer?.seeds.map((seed) => [seed.seed, seed.exitCode]), [[5, 0], [6, 0], [7, 0]]);
  assert.ok(record.trainer!.seeds.every((seed) => seed.seconds > 0));
  assert.deepEqual(record.repeats.map((repeat) => repeat.seed), [5, 6, 7]);
  assert.deepEqual(Object.keys(record.metrics), ['val_acc', 'val_loss', 'train_images']);
  assert.equal(record.history.length, 3);
  assert.equal(record.history[0].epoch, 1, "the fixture's 0-based epochs are renumbered");
  assert.equal(record.dataset.totalImages, 60);
  assert.equal(record.predictions.length, record.repeats[0].perClass!.reduce((sum, row) => sum + row.support, 0));
  assert.equal(record.confusionMatrix.length, 3);
  assert.equal(record.predictions[0].probabilities.length, 3);
  assert.deepEqual(record.params.featurize, { size: 4 }, "the command's own params are kept");
  // Each seed got its own empty folder, the data and the params; the token stayed with this process.
  assert.ok(lines.some((line) => line.includes(`seed=6 out=${resolve(outDir, 'seeds', '6')} data=${resolve(data)}`)), lines.join('\n'));
  assert.ok(lines.filter((line) => line.includes('token=absent')).length === 3, lines.join('\n'));
  const written = await readFile(join(outDir, 'run.json'), 'utf8');
  assert.ok(!written.includes('ghs_secret') && !lines.join('\n').includes('ghs_secret'));
  validateRecord(JSON.parse(written), 'run.json');
  assert.deepEqual(JSON.parse(await readFile(join(outDir, 'metrics.json'), 'utf8')), Object.fromEntries(Object.entries(record.metrics).map(([k, v]) => [k, Number(v.toFixed(6))])));

  // The same run again: identical, seed for seed (the command is seeded), so no change.
  const again = await runCommandExperiment({ command: command('--print-env'), dataDir: data, paramsFile: join(root, 'ok.yaml'), outDir: join(root, 'out-ok-2') });
  const same = compare(again.record, record);
  assert.equal(same.seeds?.identical, true);
  assert.equal(same.verdict, 'no clear change');
  // An unknown metric without a direction is shown, never judged.
  const row = same.metrics.find((metric) => metric.metric === 'train_images')!;
  assert.equal(row.direction, undefined);
  assert.equal(row.assessment, 'n/a');
  // A changed command is a changed param.
  const changed = compare({ ...again.record, trainer: { ...again.record.trainer!, command: command('--other') } }, record);
  assert.deepEqual(changed.params.filter((param) => param.changed).map((param) => param.key), ['command']);
});

test("the data's hashes are the built-in trainer's: the same images compare as the same content", async () => {
  const listing = await listDataset(data);
  const hashed = await hashDataset(listing);
  const decoded = await decodeDataset(listing, DEFAULT_PARAMS.prepare);
  assert.deepEqual(hashed.fileHashes, decoded.fileHashes);
  assert.equal(hashed.contentHash, decoded.contentHash);
});

test('a failing seed stops the run with its seed, exit code and last lines of stderr; the earlier output is kept', async () => {
  const outDir = join(root, 'out-fail');
  await mkdir(outDir, { recursive: true });
  const paramsFile = await params('three', 'train:\n  repeats: 3\n');
  await runCommandExperiment({ command: command(), dataDir: data, paramsFile, outDir });
  const before = await readFile(join(outDir, 'run.json'), 'utf8');
  await assert.rejects(
    runCommandExperiment({ command: command('--fail-seed 78'), dataDir: data, paramsFile, outDir }),
    (error: Error) => error.message === 'seed 78: exited 3: loading the model / RuntimeError: CUDA out of memory',
  );
  assert.equal(await readFile(join(outDir, 'run.json'), 'utf8'), before, 'the last good run.json stays');
});

test("bad files from the command name the file and the key or line", async () => {
  const paramsFile = await params('one', 'train:\n  repeats: 1\n');
  const cases: Array<[string, RegExp]> = [
    ['--no-metrics', /^seeds\/77\/metrics\.json: missing; the command must write metrics\.json/],
    ['--bad-metric', /^seeds\/77\/metrics\.json: key "val_acc" is "high", not a finite number/],
    ['--bad-history', /^seeds\/77\/history\.csv line 3: column "loss" is "oops", not a number$/],
    ['--unknown-class', /^seeds\/77\/predictions\.csv line 3: predicted class "Vulcan" is not a class of the data folder \(Earth, Mars, Moon\)$/],
    ['--outside', /^seeds\/77\/predictions\.csv line 2: path "\.\.\/[A-Za-z]+\/[A-Za-z]+_\d+\.jpg" is outside the data folder/],
  ];
  for (const [option, message] of cases) {
    await assert.rejects(runCommandExperiment({ command: command(option), dataDir: data, paramsFile, outDir: join(root, `out${option}`) }), (error: Error) => message.test(error.message), option);
  }
  // Through the shell, as any command: predictions.csv without a data folder to check its paths against.
  const shell = `echo '{"val_acc": 0.5}' > "$TRAIN_AND_REPORT_OUT/metrics.json" && printf 'path,true,predicted\\nEarth/Earth_1.jpg,Earth,Mars\\n' > "$TRAIN_AND_REPORT_OUT/predictions.csv"`;
  await assert.rejects(
    runCommandExperiment({ command: shell, paramsFile, outDir: join(root, 'out-no-data') }),
    (error: Error) => /^seeds\/77\/predictions\.csv: its paths are relative to the data folder, and none was given/.test(error.message),
  );
});

test('a seed past train.timeout is stopped and named', async () => {
  const started = performance.now();
  await assert.rejects(
    runCommandExperiment({ command: command('--sleep 60'), dataDir: data, paramsFile: await params('slow', 'train:\n  repeats: 2\n  timeout: 1\n'), outDir: join(root, 'out-slow') }),
    (error: Error) => /^seed 77: stopped after 1 s \(train\.timeout in .*slow\.yaml\); raise train\.timeout or make the command faster/.test(error.message),
  );
  assert.ok(performance.now() - started < 20_000, 'the command was stopped, not waited for');
});

test('a command that writes over our files does not win: run.json is written after the command', async () => {
  const outDir = join(root, 'out-over');
  await runCommandExperiment({ command: command(`--write-over ${JSON.stringify(join(outDir, 'run.json'))}`), dataDir: data, paramsFile: await params('over', 'train:\n  repeats: 1\n'), outDir });
  validateRecord(JSON.parse(await readFile(join(outDir, 'run.json'), 'utf8')), 'run.json');
});

test('run --command end to end: base and PR, the report with the verdict, the history and the confusion matrix', async () => {
  const base = join(root, 'cli-base');
  const head = join(root, 'cli-head');
  const log: string[] = [];
  // Few training images vs many: a real change (val_acc about 0.5 vs 1.0 on every seed).
  assert.equal(await main(['run', '--command', command(), '--data', data, '--params', await params('small', 'train:\n  repeats: 6\n  fraction: 0.05\n  epochs: 2\n'), '--out', base], (line) => log.push(line)), 0);
  assert.equal(await main(['run', '--command', command(), '--data', data, '--params', await params('large', 'train:\n  repeats: 6\n  fraction: 0.9\n  epochs: 2\n'), '--out', head, '--base', base], (line) => log.push(line)), 0);
  const report = await readFile(join(head, 'report.md'), 'utf8');
  assert.match(report, /^\*\*Better than the base\*\*: validation accuracy 0\.5\d+ → 1\.0000 \(\+0\.\d+\), means over 6 seeds per side/m);
  assert.match(report, /\| train\.fraction \| 0\.05 \| 0\.9 \|/);
  assert.match(report, /\| val\\_acc \| 0\.\d+ \| 1\.0000 \| \+0\.\d+ \| ✅ better \|/);
  for (const file of ['history.png', 'confusion.png', 'seeds.png']) assert.ok(existsSync(join(head, file)), file);
  assert.match(report, /\| trainer \| command: node /);
  await assert.rejects(main(['run', '--command', command(), '--set', 'train.lr=0.1', '--out', join(root, 'cli-x')]), (error: Error) => error.message.startsWith('--set applies to the built-in trainer only'));
});
