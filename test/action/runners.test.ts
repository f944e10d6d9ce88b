// action.yml on today's runners: the Node it runs on (set up when PATH has none
// or an old one), and its caches (the dependency cache saved only after an
// install that succeeded and never used in publish mode; the pixel cache keyed
// by the data folder's content wherever it lies). Each run stops at the entry
// with a bad input, after the steps under test, so no training is needed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pixelCacheKey } from '../../src/pixel-cache-key.js';
import { FakeGitHub } from '../fakes/github.js';
import { webhookExample } from '../fakes/webhooks.js';
import { runAction, type RunOptions, type RunResult } from './harness.js';

const TOKEN = 'ghs_RunnersTest0123456789abcdefabcdef01';
const BAD_INPUT = `input 'comment' must be one of update, new, off; got "sometimes"`;

async function runPush(extra: Partial<RunOptions> & { inputs?: Record<string, string> } = {}): Promise<RunResult> {
  const fake = await FakeGitHub.start();
  fake.addToken(TOKEN);
  try {
    const sha = fake.addCommit([], 'm0');
    const payload = webhookExample('push');
    Object.assign(payload, { ref: 'refs/heads/main', after: sha });
    return await runAction({
      fake, token: TOKEN, eventName: 'push', payload, sha, ref: 'refs/heads/main',
      workspace: await mkdtemp(join(tmpdir(), 'workspace-')), artifacts: new Map(), runId: '1',
      ...extra,
      inputs: { 'github-token': TOKEN, comment: 'sometimes', ...extra.inputs },
    });
  } finally {
    await fake.close();
  }
}

function errors(result: RunResult): string[] {
  return result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
}

/** A folder whose `node` is an old (or broken) one, first on PATH. */
async function oldNodeFirst(version: string | undefined): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'old-node-'));
  const script = version === undefined ? '#!/bin/sh\necho "node: cannot execute binary file" >&2\nexit 126\n' : `#!/bin/sh\necho ${version}\n`;
  await writeFile(join(folder, 'node'), script, { mode: 0o755 });
  return `${folder}:${process.env.PATH}`;
}

const step = (result: RunResult, id: string) => result.steps.find((candidate) => candidate.id === id)?.outcome;

test('node on PATH is 22 or newer: no setup, the entry runs on it', async () => {
  const result = await runPush();
  assert.deepEqual(result.setupNode, []);
  assert.equal(step(result, 'setup-node'), 'skipped');
  assert.deepEqual(errors(result), [BAD_INPUT], 'the entry ran');
});

for (const [name, version] of [['Node 20', 'v20.19.0'], ['a node that does not run', undefined]] as const) {
  test(`${name} first on PATH: the action sets up Node 24 and runs on it`, async () => {
    const result = await runPush({ path: await oldNodeFirst(version) });
    assert.deepEqual(result.setupNode, [{ 'node-version': '24', 'package-manager-cache': 'false' }]);
    assert.match(result.rawLog, new RegExp(`node on PATH: ${version ?? 'none'}; train-and-report needs 22 or newer, setting up Node 24`));
    assert.deepEqual(errors(result), [BAD_INPUT], 'the entry ran on the Node that was set up');
  });
}

test('Node 20 on PATH and setup-node cannot run: one line naming the fix, nothing else runs', async () => {
  const result = await runPush({ path: await oldNodeFirst('v20.19.0'), setupNode: 'fail' });
  assert.equal(result.failed, true);
  assert.deepEqual(errors(result), [
    "train-and-report needs Node 22 or newer on PATH (found v20.19.0) and could not set up Node 24 itself; add 'uses: actions/setup-node' with 'node-version: 24' before this step",
  ]);
  assert.equal(step(result, 'run'), 'skipped');
  assert.deepEqual(result.npmCalls, []);
});

test('the dependency cache is restored, installed into and saved under one key only after the install succeeded', async () => {
  const ok = await runPush();
  const deps = ok.caches.filter((cache) => cache.path.endsWith('node_modules'));
  assert.deepEqual(deps.map((cache) => cache.kind), ['restore', 'save']);
  assert.equal(deps[0].key, deps[1].key);
  assert.equal(ok.npmCalls[0], 'npm ci --omit=dev --ignore-scripts --no-audit --no-fund');

  const failed = await runPush({ install: 'fail' });
  assert.equal(failed.failed, true);
  assert.deepEqual(failed.caches.filter((cache) => cache.path.endsWith('node_modules')).map((cache) => cache.kind), ['restore'], 'a failed install is not cached');
  assert.equal(step(failed, 'run'), 'skipped');
});

test('publish mode neither restores nor saves a dependency or pixel cache, and installs from the lock file', async () => {
  const result = await runPush({ inputs: { mode: 'publish', comment: 'sometimes' } });
  assert.deepEqual(result.caches, []);
  assert.deepEqual(result.npmCalls, ['npm ci --omit=dev --ignore-scripts --no-audit --no-fund']);
});

test('the pixel-cache key follows data outside the workspace', async () => {
  const data = join(await mkdtemp(join(tmpdir(), 'runner-temp-')), 'sample');
  await mkdir(join(data, 'Moon'), { recursive: true });
  await writeFile(join(data, 'Moon', 'a.png'), 'first');
  const keyOf = (result: RunResult) => result.caches.find((cache) => cache.path.endsWith('train-and-report-pixels'))!.key;
  const first = keyOf(await runPush({ inputs: { data, comment: 'sometimes' } }));
  assert.equal(first, `train-and-report-pixels-Linux-${await pixelCacheKey(data)}`);
  assert.match(first, /-[0-9a-f]{32}$/);
  await writeFile(join(data, 'Moon', 'a.png'), 'changed');
  const second = keyOf(await runPush({ inputs: { data, comment: 'sometimes' } }));
  assert.notEqual(second, first, 'a changed image changes the key');
  assert.equal(await pixelCacheKey(join(data, 'absent')), 'none');
});
