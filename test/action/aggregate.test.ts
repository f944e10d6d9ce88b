// End to end: a matrix of variants and its aggregate job, as the runner runs
// them (harness.ts), against the loopback fake GitHub API, with real training.
// The test plays the runner's part of reporting each leg's job and its
// ::error lines to the jobs API (what the aggregate job reads for failed legs).

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleDataset } from '../../src/data/sample.js';
import { APP_BOT_LOGIN, FakeGitHub } from '../fakes/github.js';
import { webhookExample } from '../fakes/webhooks.js';
import { runAction, type ArtifactStore, type RunResult } from './harness.js';

const TOKEN = 'ghs_AggregateSecret0123456789abcdefabcd';
const READ_ONLY_TOKEN = 'ghs_ForkLegsReadOnly0123456789abcdefab';
let dataDir = '';
let paramsFile = '';
// The PR's params.yaml: a real change (a smaller batch), so its legs train. A PR that changed
// nothing would reuse the base's runs and draw no charts (reuse.test.ts covers that).
let prParamsFile = '';

before(async () => {
  const root = await mkdtemp(join(tmpdir(), 'aggregate-data-'));
  dataDir = join(root, 'data');
  paramsFile = join(root, 'params.yaml');
  await generateSampleDataset({ outDir: dataDir, imagesPerClass: 12, seed: 3 });
  await writeFile(paramsFile, 'train:\n  epochs: 1\n');
  prParamsFile = join(root, 'params-pr.yaml');
  await writeFile(prParamsFile, 'train:\n  epochs: 1\n  batch_size: 16\n');
});

interface World {
  fake: FakeGitHub;
  artifacts: ArtifactStore;
  workspace: string;
  runs: number;
}

/** One leg of the matrix: its name in the job's title and its params override. */
interface Leg {
  name: string;
  override: string;
}

const LEGS: Leg[] = [
  { name: '0.0001', override: 'train.lr=0.0001' },
  { name: '0.001', override: 'train.lr=0.001' },
  { name: '0.01', override: 'train.lr=0.01' },
];

type Event = { eventName: 'push'; payload: Record<string, unknown>; sha: string; ref: string } | { eventName: 'pull_request'; payload: Record<string, unknown>; sha: string; ref: string };

function pushEvent(w: World, sha: string, beforeSha: string): Event {
  const payload = webhookExample('push');
  Object.assign(payload, { ref: 'refs/heads/main', before: beforeSha, after: sha });
  payload.repository.default_branch = 'main';
  payload.repository.full_name = `${w.fake.owner}/${w.fake.repo}`;
  return { eventName: 'push', payload, sha, ref: 'refs/heads/main' };
}

function pullEvent(w: World, number: number, head: string, base: string, action: 'opened' | 'synchronize', fork = false): Event {
  const payload = webhookExample('pull_request', action);
  const full = `${w.fake.owner}/${w.fake.repo}`;
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.head.sha = head;
  payload.pull_request.base.sha = base;
  payload.pull_request.base.ref = 'main';
  payload.pull_request.base.repo.full_name = full;
  payload.pull_request.head.repo.full_name = fork ? `someone/${w.fake.repo}` : full;
  payload.repository.full_name = full;
  payload.repository.default_branch = 'main';
  w.fake.addPullRequest(number, head, base, payload.pull_request.head.repo.full_name);
  return { eventName: 'pull_request', payload, sha: w.fake.addCommit([base, head], 'merge'), ref: `refs/pull/${number}/merge` };
}

function errors(result: RunResult): string[] {
  return result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
}

/** One workflow run: every leg (job "train", matrix value in its title), then the aggregate job. */
async function workflowRun(w: World, event: Event, legs: Leg[], token = TOKEN): Promise<{ legs: RunResult[]; aggregate: RunResult; runId: string }> {
  w.runs += 1;
  const runId = String(w.runs);
  const common = { fake: w.fake, token, ...event, workspace: w.workspace, artifacts: w.artifacts, runId, workflow: 'Sweep' };
  const results: RunResult[] = [];
  for (const leg of legs) {
    const result = await runAction({
      ...common,
      job: 'train',
      // The variant is left to its default, the leg's matrix values; so is the artifact's name.
      matrix: { lr: leg.name },
      inputs: { data: dataDir, params: event.eventName === 'pull_request' ? prParamsFile : paramsFile, 'github-token': token, comment: 'off', 'params-override': leg.override },
    });
    w.fake.addJob(runId, { name: `train (${leg.name})`, status: 'completed', conclusion: result.failed ? 'failure' : 'success', errors: errors(result) });
    results.push(result);
  }
  w.fake.addJob(runId, { name: 'aggregate', status: 'in_progress', conclusion: null });
  const aggregate = await runAction({ ...common, job: 'aggregate', inputs: { mode: 'aggregate', 'github-token': token } });
  return { legs: results, aggregate, runId };
}

async function valAcc(result: RunResult): Promise<number> {
  return JSON.parse(await readFile(join(result.outputs.report, '..', 'run.json'), 'utf8')).metrics.val_acc;
}

function tableRows(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Variant |'));
  assert.ok(start >= 0, 'the comment has the comparison table');
  const rows: string[] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
  return rows;
}

function signed(value: number): string {
  const text = value.toFixed(4);
  return value > 0 ? `+${text}` : text.replace('-', '−');
}

/** Every image link is pinned to a commit of the store that holds that file. */
function assertImagesExist(w: World, markdown: string): void {
  const urls = [...markdown.matchAll(/https:\/\/github\.example\/[^)\s"']+\?raw=true/g)].map((match) => match[0]);
  assert.ok(urls.length >= 4, `the comment links the curves chart and each variant's charts (${urls.length})`);
  for (const url of urls) {
    const match = /\/blob\/([0-9a-f]{40})\/([^?]+)\?raw=true$/.exec(url);
    assert.ok(match, `commit-pinned blob URL: ${url}`);
    assert.ok(w.fake.filesAt(match[1]).has(decodeURIComponent(match[2])), `${match[2]} exists at ${match[1]}`);
  }
}

test('a 3-leg matrix on push, then on a PR, then aggregate: one comment, each variant against its own baseline; a failed leg is named; a second push updates it', async () => {
  const fake = await FakeGitHub.start();
  fake.addToken(TOKEN);
  const w: World = { fake, artifacts: new Map(), workspace: await mkdtemp(join(tmpdir(), 'workspace-')), runs: 0 };
  try {
    const m0 = fake.addCommit([], 'm0');
    const m1 = fake.addCommit([m0], 'm1');

    // Push on main: every leg records its variant's baseline; the aggregate job summarises, with no PR to comment on.
    const onPush = await workflowRun(w, pushEvent(w, m1, m0), LEGS);
    for (const leg of onPush.legs) assert.equal(leg.failed, false, leg.rawLog);
    assert.equal(onPush.aggregate.failed, false, onPush.aggregate.rawLog);
    assert.equal(tableRows(onPush.aggregate.summary).length, 3);
    assert.equal(fake.comments.length, 0);
    const baseAccuracy = await Promise.all(onPush.legs.map(valAcc));

    // The PR: three legs with comment: off, then one comment from the aggregate job.
    const head1 = fake.addCommit([m1], 'pr 1');
    const opened = await workflowRun(w, pullEvent(w, 5, head1, m1, 'opened'), LEGS);
    for (const leg of opened.legs) assert.equal(leg.failed, false, leg.rawLog);
    assert.equal(opened.aggregate.failed, false, opened.aggregate.rawLog);
    const comments = structuredClone(fake.commentsOn(5));
    assert.equal(comments.length, 1, 'exactly one comment: the legs do not comment');
    assert.equal(comments[0].login, APP_BOT_LOGIN);
    const rows = tableRows(comments[0].body);
    assert.equal(rows.length, 3);
    const headAccuracy = await Promise.all(opened.legs.map(valAcc));
    for (const [index, leg] of LEGS.entries()) {
      const row = rows.find((candidate) => candidate.startsWith(`| lr=${leg.name} |`));
      assert.ok(row, `a row for lr=${leg.name}: ${rows.join('\n')}`);
      // Its Δ is against the same variant's push run, not another leg's.
      assert.match(row, new RegExp(`\\| ${headAccuracy[index].toFixed(4)}(?: ★)? \\| ${signed(headAccuracy[index] - baseAccuracy[index]).replace('+', '\\+')} \\|`), row);
    }
    assertImagesExist(w, comments[0].body);
    assert.ok(comments[0].body.length <= 65_536);
    assert.equal((comments[0].body.match(/<details><summary>Full report: /g) ?? []).length, 3, "each variant's report is folded below");
    assert.equal(opened.aggregate.outputs['comment-url'], `https://github.example/${fake.owner}/${fake.repo}/pull/5#issuecomment-${comments[0].id}`);

    // A second push of the PR with one leg failing: the same comment is updated and names the failed leg and why.
    const head2 = fake.addCommit([head1], 'pr 2');
    const broken: Leg[] = [LEGS[0], { name: 'fast', override: 'train.lr=fast' }, LEGS[2]];
    const synced = await workflowRun(w, pullEvent(w, 5, head2, m1, 'synchronize'), broken);
    assert.equal(synced.legs[1].failed, true, 'the leg with a bad override fails');
    assert.equal(synced.aggregate.failed, false, synced.aggregate.rawLog);
    const after = fake.commentsOn(5);
    assert.equal(after.length, 1, 'still one comment');
    assert.equal(after[0].id, comments[0].id, 'the same comment, updated');
    assert.notEqual(after[0].body, comments[0].body);
    const failedRow = tableRows(after[0].body).find((row) => row.startsWith('| train (fast) |'));
    assert.ok(failedRow, tableRows(after[0].body).join('\n'));
    assert.match(failedRow, /⛔ failed: input 'params-override': "train\.lr" must be a positive number, e\.g\. 0\.0001; got "fast"/);
    assert.match(after[0].body, /1 failed or cancelled \(train \(fast\)\)/);
    assert.equal(tableRows(after[0].body).length, 3);
    assertImagesExist(w, after[0].body);
  } finally {
    await fake.close();
  }
});

test('a fork PR: the legs and their aggregate cannot comment; mode aggregate on workflow_run checks every artifact and posts the one comment', async () => {
  const fake = await FakeGitHub.start();
  fake.addToken(TOKEN);
  fake.addToken(READ_ONLY_TOKEN, { contents: 'read', pullRequests: 'read' });
  const w: World = { fake, artifacts: new Map(), workspace: await mkdtemp(join(tmpdir(), 'workspace-')), runs: 0 };
  try {
    const m0 = fake.addCommit([], 'm0');
    const m1 = fake.addCommit([m0], 'm1');
    await workflowRun(w, pushEvent(w, m1, m0), LEGS);
    const head = fake.addCommit([m1], 'fork pr');
    const forked = await workflowRun(w, pullEvent(w, 8, head, m1, 'opened', true), LEGS, READ_ONLY_TOKEN);
    for (const leg of forked.legs) assert.equal(leg.failed, false, leg.rawLog);
    assert.equal(forked.aggregate.failed, false, forked.aggregate.rawLog);
    assert.equal(fake.commentsOn(8).length, 0, 'a read-only token cannot comment');
    assert.equal(tableRows(forked.aggregate.summary).length, 3, 'the comparison is in the job summary');

    // The legs' run as the API describes it: publish mode's checks bind every artifact to it.
    const pull = fake.pulls.get(8)!;
    fake.addWorkflowRun({ id: Number(forked.runId), name: 'CI', event: 'pull_request', headSha: head, headBranch: pull.headRef, headRepo: pull.headRepo });
    const publish = (runId: string) => {
      const payload = webhookExample('workflow_run', 'completed');
      payload.workflow_run.id = Number(forked.runId);
      payload.workflow_run.head_sha = head;
      payload.repository.full_name = `${fake.owner}/${fake.repo}`;
      return runAction({
        fake, token: TOKEN, eventName: 'workflow_run', payload, sha: m1, ref: 'refs/heads/main',
        inputs: { mode: 'aggregate', 'github-token': TOKEN }, workspace: w.workspace, artifacts: w.artifacts, runId, workflow: 'Publish sweep', job: 'publish',
      });
    };
    const published = await publish('90');
    assert.equal(published.failed, false, published.rawLog);
    assert.deepEqual(published.downloads.map((download) => [download.runId, download.names.length]), [[forked.runId, 3]], "the legs' run's artifacts");
    const posted = fake.commentsOn(8);
    assert.equal(posted.length, 1);
    assert.equal(tableRows(posted[0].body).length, 3);
    assertImagesExist(w, posted[0].body);

    // One artifact that claims another commit: nothing is published.
    const [name, artifact] = [...w.artifacts.get(forked.runId)!].find(([, folder]) => folder !== undefined)!;
    const record = JSON.parse(await readFile(join(artifact, 'run.json'), 'utf8'));
    record.source.sha = m1;
    await writeFile(join(artifact, 'run.json'), JSON.stringify(record));
    const refused = await publish('91');
    assert.equal(refused.failed, true);
    assert.match(refused.annotations.map((annotation) => annotation.message).join('\n'), new RegExp(`${name}/run\\.json: field "source\\.sha" is "[0-9a-f]{40}", not "[0-9a-f]{40}"; refusing a mismatched artifact`));
    assert.equal(fake.commentsOn(8)[0].body, posted[0].body, 'the comment is unchanged');
  } finally {
    await fake.close();
  }
});
