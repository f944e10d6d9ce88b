// A training command through the fork hand-off, end to end: a push records
// the base branch's command run, a fork's pull-request run (read-only token)
// runs the command and uploads its artifact, and publish mode on workflow_run
// comments from the artifact's run.json without running anything.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleDataset } from '../../src/data/sample.js';
import { FakeGitHub } from '../fakes/github.js';
import { webhookExample } from '../fakes/webhooks.js';
import { REPO_ROOT, runAction, type ArtifactStore } from './harness.js';

const TOKEN = 'ghs_CommandForkTest0123456789abcdefabcd';
const READ_ONLY_TOKEN = 'ghs_CommandForkReadOnly0123456789abcde';
const FORK = 'someone/planets';

test("a fork's command run is published from its artifact: one comment with the verdict, and publish mode runs no command", async () => {
  const root = await mkdtemp(join(tmpdir(), 'command-fork-'));
  const data = join(root, 'data');
  await generateSampleDataset({ outDir: data, imagesPerClass: 12, seed: 3 });
  // The verdict is about the loss (report.headline): few training images against many.
  await writeFile(join(root, 'few.yaml'), 'train:\n  fraction: 0.05\n  epochs: 2\nreport:\n  headline: val_loss\n');
  await writeFile(join(root, 'many.yaml'), 'train:\n  fraction: 0.9\n  epochs: 2\nreport:\n  headline: val_loss\n');
  const command = `node ${JSON.stringify(join(REPO_ROOT, 'test', 'fixtures', 'command-trainer', 'train.mjs'))}`;
  const fake = await FakeGitHub.start();
  try {
    fake.addToken(TOKEN);
    fake.addToken(READ_ONLY_TOKEN, { contents: 'read', pullRequests: 'read' });
    const workspace = await mkdtemp(join(tmpdir(), 'workspace-'));
    const artifacts: ArtifactStore = new Map();
    const full = `${fake.owner}/${fake.repo}`;
    const m0 = fake.addCommit([], 'm0');
    const m1 = fake.addCommit([m0], 'm1');

    const push = webhookExample('push');
    Object.assign(push, { ref: 'refs/heads/main', before: m0, after: m1 });
    push.repository.default_branch = 'main';
    push.repository.full_name = full;
    const pushed = await runAction({
      fake, token: TOKEN, eventName: 'push', payload: push, sha: m1, ref: 'refs/heads/main',
      inputs: { command, data, params: join(root, 'few.yaml'), 'github-token': TOKEN }, workspace, artifacts, runId: '1',
    });
    assert.equal(pushed.failed, false, pushed.rawLog);

    const head = fake.addCommit([m1], 'fork pr');
    const payload = webhookExample('pull_request', 'opened');
    Object.assign(payload, { number: 7 });
    Object.assign(payload.pull_request, { number: 7, title: 'More training images' });
    Object.assign(payload.pull_request.head, { sha: head, ref: 'more-images' });
    payload.pull_request.head.repo.full_name = FORK;
    Object.assign(payload.pull_request.base, { sha: m1, ref: 'main' });
    payload.pull_request.base.repo.full_name = full;
    payload.repository.full_name = full;
    fake.addPullRequest(7, head, m1, FORK, { headRef: 'more-images', title: 'More training images' });
    const forkRun = await runAction({
      fake, token: READ_ONLY_TOKEN, eventName: 'pull_request', payload, sha: fake.addCommit([m1, head], 'merge'), ref: 'refs/pull/7/merge',
      inputs: { command, data, params: join(root, 'many.yaml'), 'github-token': READ_ONLY_TOKEN }, workspace, artifacts, runId: '2',
    });
    assert.equal(forkRun.failed, false, forkRun.rawLog);
    assert.equal(fake.commentsOn(7).length, 0, 'the read-only token cannot comment');
    fake.addWorkflowRun({ id: 2, name: 'CI', event: 'pull_request', headSha: head, headBranch: 'more-images', headRepo: FORK });

    const completed = webhookExample('workflow_run', 'completed');
    completed.workflow_run.id = 2;
    completed.workflow_run.head_sha = head;
    completed.repository.full_name = full;
    const published = await runAction({
      fake, token: TOKEN, eventName: 'workflow_run', payload: completed, sha: m1, ref: 'refs/heads/main',
      inputs: { mode: 'publish', 'github-token': TOKEN }, workspace, artifacts, runId: '3', workflow: 'Publish', job: 'publish',
    });
    assert.equal(published.failed, false, published.rawLog);
    assert.doesNotMatch(published.rawLog, /^seed \d+ \(\d+\/\d+\):/m, 'publish mode ran no command');
    const comments = fake.commentsOn(7);
    assert.equal(comments.length, 1);
    assert.match(comments[0].body, /\*\*Reported by the fork's own run, not reproduced/);
    assert.match(comments[0].body, /\*\*Better than the base\*\*: validation loss [\d.]+ → [\d.]+ \(−[\d.]+\), means over 6 seeds per side/);
    assert.match(comments[0].body, /^\| trainer \| command: node ".*train\.mjs" \| command: node ".*train\.mjs" \|$/m);
  } finally {
    await fake.close();
  }
});
