// action.yml on today's runners: the Node it runs on (set up when PATH has none
// or an old one), what it installs (nothing, unless the action's folder lacks
// its native parts or a native backend is asked for), and the pixel cache, keyed
// by the data folder's content wherever it lies. Each run stops at the entry
// with a bad input, after the steps under test, so no training is needed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pixelCacheKey } from '../../src/pixel-cache-key.js';
import { FakeGitHub } from '../fakes/github.js';
import { webhookExample } from '../fakes/webhooks.js';
import { REPO_ROOT, runAction, type RunOptions, type RunResult } from './harness.js';

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

test('the default path installs nothing: the action folder carries its native parts, and no dependency cache is used', async () => {
  const result = await runPush();
  assert.equal(step(result, 'native'), 'success');
  assert.match(result.rawLog, /native parts: carried by this release, nothing to install/);
  assert.deepEqual(result.npmCalls, [], 'no install');
  assert.equal(step(result, 'native-backend'), 'skipped');
  assert.deepEqual(result.caches.filter((cache) => cache.path.includes('node_modules')), [], 'no dependency cache');
  assert.deepEqual(errors(result), [BAD_INPUT], 'the entry ran');
});

test('a ref of the action without its native parts (not a release) installs from the lock file and says so; a failed install stops the job', async () => {
  const bare = await mkdtemp(join(tmpdir(), 'action-ref-'));
  await cp(join(REPO_ROOT, 'action.yml'), join(bare, 'action.yml'));
  const result = await runPush({ actionPath: bare });
  assert.deepEqual(result.npmCalls, ['npm ci --omit=dev --ignore-scripts --no-audit --no-fund']);
  assert.ok(result.annotations.some((annotation) => annotation.level === 'notice' && /carries no native parts for Linux-X64 .*installing its dependencies from the lock file/.test(annotation.message)));

  const failed = await runPush({ actionPath: bare, install: 'fail' });
  assert.equal(failed.failed, true);
  assert.equal(step(failed, 'native'), 'failure');
  assert.equal(step(failed, 'run'), 'skipped');
});

test('publish mode restores no cache and installs nothing', async () => {
  const result = await runPush({ inputs: { mode: 'publish', comment: 'sometimes' } });
  assert.deepEqual(result.caches, []);
  assert.deepEqual(result.npmCalls, []);
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
