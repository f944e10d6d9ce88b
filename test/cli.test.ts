import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSampleDataset } from '../src/data/sample.js';
import { temporaryFolder } from './helpers/images.js';

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('no command prints the usage and fails', () => {
  const result = cli();
  assert.equal(result.code, 1);
  assert.match(result.stdout, /usage:\n {2}train-and-report run/);
});

test('every command has --help: its options, an example and the exit codes; --version prints the package version', async () => {
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  const usage = cli('--help');
  assert.equal(usage.code, 0);
  for (const command of ['run', 'sweep', 'report', 'predict', 'sample']) {
    assert.match(usage.stdout, new RegExp(`^  train-and-report ${command} `, 'm'));
    const help = cli(command, '--help');
    assert.equal(help.code, 0, `${command} --help: ${help.stderr}`);
    assert.match(help.stdout, new RegExp(`^usage: train-and-report ${command} `));
    assert.match(help.stdout, /\noptions:\n/);
    assert.match(help.stdout, new RegExp(`\nexample:\n  train-and-report ${command} `));
    assert.match(help.stdout, /\nexit codes:\n  0  success\n  1  /);
    assert.equal(help.stderr, '');
  }
  // Options come from the parser's own table: an option the parser accepts is in the help.
  const run = cli('run', '-h').stdout;
  for (const option of ['--data DIR', '--params FILE', '--set KEY=VALUE', '--out DIR', '--backend B', '--base DIR', '--thresholds T', '--cache DIR', '--no-cache', '--verbose']) {
    assert.ok(run.includes(`\n  ${option} `), `run --help lacks ${option}`);
  }
  assert.match(cli('report', '--help').stdout, /^usage: train-and-report report --head DIR \[--base DIR\] --out DIR/);
  // --help wins over missing required options and does no work.
  assert.equal(cli('sweep', '--help').code, 0);

  for (const args of [['--version'], ['run', '--version']]) {
    const printed = cli(...args);
    assert.equal(printed.code, 0);
    assert.equal(printed.stdout.trim(), version);
  }
});

test('errors are one clear line, no stack trace', () => {
  const missing = cli('run', '--data', '/nonexistent/raw', '--out', '/tmp/never-written');
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
  assert.match(missing.stderr, /^train-and-report: data folder "\/nonexistent\/raw" does not exist/);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);

  const backend = cli('run', '--backend', 'gpu', '--out', '/tmp/never-written');
  assert.equal(backend.code, 1);
  assert.match(backend.stderr, /--backend must be one of auto, webgpu, tensorflow-gpu, tensorflow, wasm, cpu; got "gpu"/);

  const unknown = cli('train');
  assert.match(unknown.stderr, /unknown command "train"/);

  const option = cli('run', '--dat', 'x');
  assert.match(option.stderr, /Unknown option '--dat'/);
});

test('an explicitly requested native backend that is missing says how to install it', () => {
  const result = cli('run', '--backend', 'tensorflow', '--data', '/nonexistent', '--out', '/tmp/never-written');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /backend "tensorflow" is not available .*npm install @tensorflow\/tfjs-node@4\.22\.0/);
});

test('--verbose adds the stack trace', () => {
  const result = cli('run', '--data', '/nonexistent/raw', '--out', '/tmp/never-written', '--verbose');
  assert.match(result.stderr, /DatasetError: data folder/);
  assert.match(result.stderr, /\n\s+at /);
});

test('run then predict, from the command line', async () => {
  const work = await temporaryFolder();
  const data = join(work, 'data');
  await generateSampleDataset({ outDir: data, imagesPerClass: 6, seed: 9 });
  await writeFile(join(work, 'params.yaml'), 'train:\n  epochs: 1\n');
  const run = cli('run', '--data', data, '--params', join(work, 'params.yaml'), '--out', join(work, 'out'), '--backend', 'wasm');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /epoch 1\/1: loss/);
  assert.match(run.stdout, /done in .*val_acc/);
  const predicted = cli('predict', '--model', join(work, 'out', 'model'), join(data, 'Saturn', 'Saturn_0.jpg'));
  assert.equal(predicted.code, 0, predicted.stderr);
  assert.match(predicted.stdout, /Saturn_0\.jpg: \w+ \(\w+ \d+\.\d%, \w+ \d+\.\d%, \w+ \d+\.\d%\)/);
  const missingModel = cli('predict', '--model', join(work, 'nothing'), 'x.jpg');
  assert.match(missingModel.stderr, /metadata\.json is missing; pass --model the model\/ folder/);
});

test('a failed run leaves no output folder behind', async () => {
  const outDir = join(await temporaryFolder(), 'out');
  const result = cli('run', '--data', '/nonexistent/raw', '--out', outDir);
  assert.equal(result.code, 1);
  assert.equal(existsSync(outDir), false);
});

test('trend: the runs in the order given, exit 2 when the last step is worse beyond seed noise, 0 otherwise', async () => {
  const { makeRecord } = await import('./report/fixtures.js');
  const { mkdir, readFile } = await import('node:fs/promises');
  const work = await temporaryFolder();
  const runs = { notebook: 0.55, tuned: 0.85, 'notebook-again': 0.55 };
  for (const [name, accuracy] of Object.entries(runs)) {
    await mkdir(join(work, name));
    await writeFile(join(work, name, 'run.json'), JSON.stringify(makeRecord({ accuracy, repeats: 6, repeatSpread: 0.01 })));
  }
  const worse = cli('trend', join(work, 'notebook'), join(work, 'tuned'), join(work, 'notebook-again'), '--out', join(work, 'trend'));
  assert.equal(worse.code, 2, worse.stderr);
  assert.match(worse.stdout, /^3 runs, 2 steps: 1 better and 1 worse beyond seed noise .*Last step: ▼ worse −0\.\d{4} \(p = 0\.0022\)\.$/m);
  assert.match(worse.stdout, /^ {2}2\. .*tuned: 0\.\d{4} ± 0\.\d{4} ▲ better/m);
  const written = await readFile(join(work, 'trend', 'trend.json'), 'utf8');
  assert.deepEqual((JSON.parse(written) as { steps: Array<{ verdict: string }> }).steps.map((step) => step.verdict), ['better', 'worse']);
  for (const file of ['trend.md', 'trend.html', 'trend.png', 'trend.vl.json']) assert.ok(existsSync(join(work, 'trend', file)), file);
  const better = cli('trend', join(work, 'notebook'), join(work, 'tuned'), '--out', join(work, 'trend'));
  assert.equal(better.code, 0, better.stderr);
});
