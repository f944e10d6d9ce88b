import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInputs } from '../src/inputs.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

test('defaults fill every input left empty; paths resolve in the working directory', () => {
  const config = readInputs(reader({ 'github-token': 't', 'working-directory': 'sub' }), '/ws');
  assert.equal(config.data, '/ws/sub/data/raw');
  assert.equal(config.params, '/ws/sub/params.yaml');
  assert.equal(config.paramsIsDefault, true);
  assert.deepEqual(
    [config.mode, config.backend, config.reportsBranch, config.comment, config.failOnRegression, config.baseline, config.uploadArtifact, config.keepRuns],
    ['run', 'auto', 'train-and-report-reports', 'update', [], { kind: 'auto' }, true, 100],
  );
  assert.deepEqual([config.trendRuns, config.alertIssue], [20, true]);
  const off = readInputs(reader({ 'github-token': 't', 'trend-runs': '0', 'alert-issue': 'false' }), '/ws');
  assert.deepEqual([off.trendRuns, off.alertIssue], [0, false]);
});

test('thresholds, baseline refs and booleans are parsed', () => {
  const config = readInputs(reader({ 'github-token': 't', 'fail-on-regression': 'val_acc: -0.02, val_loss: +5%', baseline: 'refs/heads/main', 'upload-artifact': 'false', params: 'cfg/p.yaml' }), '/ws');
  assert.deepEqual(config.failOnRegression.map((threshold) => threshold.text), ['val_acc: -0.02', 'val_loss: +5%']);
  assert.deepEqual(config.baseline, { kind: 'ref', ref: 'main' });
  assert.equal(config.uploadArtifact, false);
  assert.equal(config.paramsIsDefault, false);
});

test('a training command runs in run mode only: the privileged modes refuse the input', () => {
  const config = readInputs(reader({ 'github-token': 't', command: ' python train.py ' }), '/ws');
  assert.equal(config.command, 'python train.py');
  assert.equal(config.dataIsDefault, true);
  for (const mode of ['publish', 'aggregate']) {
    assert.throws(() => readInputs(reader({ 'github-token': 't', command: 'python train.py', mode }), '/ws'), new RegExp(`^InputError: input 'command' is for run mode only; ${mode} mode never runs a command`));
  }
  assert.throws(() => readInputs(reader({ 'github-token': 't', command: 'python train.py', 'params-override': 'train.lr=0.1' }), '/ws'), /input 'params-override' applies to the built-in trainer only/);
  assert.throws(() => readInputs(reader({ 'github-token': 't', command: 'python train.py', 'force-training': 'true' }), '/ws'), /input 'force-training' applies to the built-in trainer only/);
  assert.equal(readInputs(reader({ 'github-token': 't', command: 'python train.py', 'force-training': 'false' }), '/ws').forceTraining, false);
});

test('each bad input is named with its bad value', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ comment: 'sometimes' }, /input 'comment' must be one of update, new, off; got "sometimes"/],
    [{ backend: 'tpu' }, /input 'backend' must be one of auto, webgpu, tensorflow-gpu, tensorflow, wasm, cpu; got "tpu"/],
    [{ 'keep-runs': '0' }, /input 'keep-runs' must be a whole number ≥ 1; got "0"/],
    [{ 'upload-artifact': 'maybe' }, /input 'upload-artifact' must be true or false; got "maybe"/],
    [{ 'force-training': 'always' }, /input 'force-training' must be true or false; got "always"/],
    [{ 'reports-branch': 'bad..name' }, /input 'reports-branch' must be a valid branch name; got "bad..name"/],
    [{ 'fail-on-regression': 'val_acc 0.02' }, /input 'fail-on-regression': threshold "val_acc 0.02" has no ":"/],
    [{ baseline: 'main..dev' }, /input 'baseline' must be auto, none or a git ref/],
    [{ mode: 'post' }, /input 'mode' must be one of run, publish, aggregate; got "post"/],
    [{ 'artifact-name': 'a/b' }, /input 'artifact-name' may not contain/],
    [{ 'trend-runs': '-1' }, /input 'trend-runs' must be a whole number from 0 to 100; got "-1"/],
    [{ 'trend-runs': '101' }, /input 'trend-runs' must be a whole number from 0 to 100; got "101"/],
    [{ 'alert-issue': 'maybe' }, /input 'alert-issue' must be true or false; got "maybe"/],
  ];
  for (const [values, message] of cases) assert.throws(() => readInputs(reader({ 'github-token': 't', ...values }), '/ws'), message);
  assert.throws(() => readInputs(reader({}), '/ws'), /input 'github-token' is empty/);
});

test('reading the inputs loads no tfjs: its import graph, followed file by file, reaches no @tensorflow package', async () => {
  const { readFile: read } = await import('node:fs/promises');
  const { dirname: folderOf, join: joinPath } = await import('node:path');
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = await read(file, 'utf8');
    // Value imports only: `import type` is erased and loads nothing.
    for (const match of text.matchAll(/^(?:import|export)(?!\s+type\b)[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) await visit(joinPath(folderOf(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  await visit(joinPath(import.meta.dirname, '..', 'src', 'inputs.ts'));
  assert.ok(seen.size > 3, `followed ${[...seen].join(', ')}`);
  assert.ok(packages.has('yaml'), 'the walk sees the packages params.ts loads');
  assert.deepEqual([...packages].filter((name) => name.startsWith('@tensorflow/')), []);
});
