// End to end: action.yml run as the runner runs it (see harness.ts), octokit
// talking real HTTP to the loopback fake GitHub API, real training on a small
// generated dataset, real webhook payloads. CASES is the table of behaviours:
// one row per case with the message or outcome it expects.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateSampleDataset } from '../../src/data/sample.js';
import { createClient } from '../../src/github/client.js';
import { commentMarker } from '../../src/github/comment.js';
import { PULL_REQUEST_TARGET_REFUSED } from '../../src/github/context.js';
import { DEFAULT_STORE_REF, saveRun } from '../../src/github/store.js';
import { identityKey, type RunIdentity } from '../../src/identity.js';
import { REUSED_NOTE } from '../../src/report/index.js';
import { paramsJsonSchema } from '../../src/params-schema.js';
import { APP_BOT_LOGIN, FakeGitHub, type FakeToken } from '../fakes/github.js';
import { webhookExample } from '../fakes/webhooks.js';
import { allFiles, ENTRY_COMMAND, loadManifest, REPO_ROOT, runAction, substitute, type ArtifactStore, type RunResult } from './harness.js';

const TOKEN = 'ghs_TrainAndReportSecret0123456789abcdef';
const STORE = DEFAULT_STORE_REF;
/** The identity of the harness's default job: workflow file, job id, no matrix. */
const IDENTITY: RunIdentity = { workflow: '.github/workflows/ci.yml', job: 'train', variant: '' };
const MARKER = commentMarker(IDENTITY.workflow, IDENTITY.job);
const baselineRun = (sha: string, identity = IDENTITY) => `baselines/${identityKey(identity)}/${sha}/run.json`;
const pullRun = (pr: number, sha: string, identity = IDENTITY) => `pulls/${pr}/${identityKey(identity)}/${sha}/run.json`;
const READ_ONLY_TOKEN = 'ghs_ForkReadOnly0123456789abcdefabcdef';
let dataDir = '';
let paramsFile = '';
/** A second params file (two epochs): its runs' metrics differ from the first's. */
let paramsFile2 = '';

before(async () => {
  const root = await mkdtemp(join(tmpdir(), 'action-data-'));
  dataDir = join(root, 'data');
  paramsFile = join(root, 'params.yaml');
  await generateSampleDataset({ outDir: dataDir, imagesPerClass: 12, seed: 3 });
  await writeFile(paramsFile, 'train:\n  epochs: 1\n');
  paramsFile2 = join(root, 'params-2.yaml');
  await writeFile(paramsFile2, 'train:\n  epochs: 2\n');
});

interface World {
  fake: FakeGitHub;
  artifacts: ArtifactStore;
  workspace: string;
  /** main's history: m0 ← m1 ← m2 */
  main: string[];
  runs: number;
}

async function world(tokens: Record<string, Partial<FakeToken>> = { [TOKEN]: {} }): Promise<World> {
  const fake = await FakeGitHub.start();
  for (const [token, spec] of Object.entries(tokens)) fake.addToken(token, spec);
  const m0 = fake.addCommit([], 'm0');
  const m1 = fake.addCommit([m0], 'm1');
  const m2 = fake.addCommit([m1], 'm2');
  return { fake, artifacts: new Map(), workspace: await mkdtemp(join(tmpdir(), 'workspace-')), main: [m0, m1, m2], runs: 0 };
}

const baseInputs = () => ({ data: dataDir, params: paramsFile });

async function push(w: World, sha: string, beforeSha: string, inputs: Record<string, string> = {}, token = TOKEN, matrix?: Record<string, unknown>): Promise<RunResult> {
  const payload = webhookExample('push');
  Object.assign(payload, { ref: 'refs/heads/main', before: beforeSha, after: sha });
  payload.repository.default_branch = 'main';
  payload.repository.full_name = `${w.fake.owner}/${w.fake.repo}`;
  w.runs += 1;
  return runAction({ fake: w.fake, token, eventName: 'push', payload, sha, ref: 'refs/heads/main', inputs: { ...baseInputs(), 'github-token': token, ...inputs }, workspace: w.workspace, artifacts: w.artifacts, runId: String(w.runs), matrix });
}

interface PullOptions {
  number: number;
  head: string;
  base: string;
  action?: 'opened' | 'synchronize';
  fork?: boolean;
  token?: string;
  inputs?: Record<string, string>;
  matrix?: Record<string, unknown>;
  /** Where the PR's head is now, when it has moved on since this run started (an older, slower run). */
  currentHead?: string;
  /** The PR's base branch (main unless given). */
  baseRef?: string;
  eventName?: string;
}

async function pull(w: World, options: PullOptions): Promise<RunResult> {
  const payload = webhookExample('pull_request', options.action ?? 'opened');
  const full = `${w.fake.owner}/${w.fake.repo}`;
  payload.number = options.number;
  payload.pull_request.number = options.number;
  payload.pull_request.head.sha = options.head;
  payload.pull_request.base.sha = options.base;
  payload.pull_request.base.ref = options.baseRef ?? 'main';
  payload.pull_request.base.repo.full_name = full;
  payload.pull_request.head.repo.full_name = options.fork ? `someone/${w.fake.repo}` : full;
  payload.repository.full_name = full;
  payload.repository.default_branch = 'main';
  w.fake.addPullRequest(options.number, options.currentHead ?? options.head, options.base, payload.pull_request.head.repo.full_name, {
    headRef: payload.pull_request.head.ref, baseRef: 'main', title: payload.pull_request.title,
  });
  // For pull_request events GITHUB_SHA is the merge commit, not the head.
  const merge = w.fake.addCommit([options.base, options.head], 'merge');
  const token = options.token ?? TOKEN;
  w.runs += 1;
  w.fake.addWorkflowRun({
    id: w.runs, name: 'CI', event: 'pull_request', headSha: options.head, headBranch: payload.pull_request.head.ref, headRepo: payload.pull_request.head.repo.full_name,
  });
  return runAction({
    fake: w.fake, token, eventName: options.eventName ?? 'pull_request', payload, sha: merge, ref: `refs/pull/${options.number}/merge`,
    inputs: { ...baseInputs(), 'github-token': token, ...options.inputs }, workspace: w.workspace, artifacts: w.artifacts, runId: String(w.runs), matrix: options.matrix,
  });
}

function imageUrls(markdown: string): string[] {
  return [...markdown.matchAll(/https:\/\/github\.example\/[^)\s"']+\?raw=true/g)].map((match) => match[0]);
}

/** Every commit-pinned image URL must name a file that exists in that commit, and the commit must be reachable from the store's ref. */
function assertImagesExist(w: World, markdown: string): void {
  const urls = imageUrls(markdown);
  assert.ok(urls.length > 0, 'the report links images');
  const reachable = w.fake.reachableObjects((ref) => ref === STORE);
  for (const url of urls) {
    const match = /\/blob\/([0-9a-f]{40})\/((?:baselines|pulls)\/[^?]+)\?raw=true$/.exec(url);
    assert.ok(match, `commit-pinned blob URL: ${url}`);
    assert.ok(w.fake.filesAt(match[1]).has(decodeURIComponent(match[2])), `${match[2]} exists at ${match[1]}`);
    assert.ok(reachable.has(match[1]), 'pinned commit is reachable from the records ref');
  }
}

/** The base column of the metrics table's row for `metric` in a comment or summary. */
function baseColumn(markdown: string, metric: string): string | undefined {
  const row = markdown.split('\n').find((line) => line.replace(/\\_/g, '_').startsWith(`| ${metric} |`));
  return row?.split('|')[2]?.trim();
}

function metricsOf(result: RunResult): Record<string, number> {
  return JSON.parse(result.outputs.metrics) as Record<string, number>;
}

/** A stored run's mean of `metric` over its repeats (seeds), as the metrics table shows it. */
function storedMean(w: { fake: { storeFiles(): Map<string, Buffer> } }, path: string, metric: string): string {
  const file = w.fake.storeFiles().get(path);
  assert.ok(file, `${path} is stored`);
  const repeats = (JSON.parse(file.toString()) as { repeats: Array<{ metrics: Record<string, number> }> }).repeats;
  return (repeats.reduce((sum, repeat) => sum + repeat.metrics[metric], 0) / repeats.length).toFixed(4);
}

function errors(result: RunResult): string[] {
  return result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
}

function notices(result: RunResult): string[] {
  return result.annotations.filter((annotation) => annotation.level === 'notice').map((annotation) => annotation.message);
}

/** Writes a baseline record with near-perfect metrics for `sha`, so any real 1-epoch run regresses against it. */
async function seedPerfectBaseline(w: World, sha: string, from: RunResult): Promise<void> {
  const record = JSON.parse(await readFile(join(from.outputs.report, '..', 'run.json'), 'utf8'));
  record.metrics = { ...record.metrics, val_acc: 0.99, val_loss: 0.01 };
  // Made by hand, not trained: without the training fingerprint no run reuses its numbers.
  delete record.fingerprint;
  // Every seed of it: the report judges the mean over seeds.
  for (const repeat of record.repeats) repeat.metrics = { ...repeat.metrics, val_acc: 0.99, val_loss: 0.01 };
  record.source = { ...record.source, sha };
  const client = createClient(TOKEN, { apiUrl: w.fake.url });
  await saveRun(client, { owner: w.fake.owner, repo: w.fake.repo }, {
    ref: STORE, identity: IDENTITY, kind: 'baseline', sha, createdAt: record.createdAt, files: [{ name: 'run.json', content: Buffer.from(JSON.stringify(record)) }], keepRuns: 100,
  });
}

interface Case {
  name: string;
  expect: string;
  run: () => Promise<void>;
}

/** The log's ::group:: folds, name → the lines inside; each must close before the next opens, and none stays open. */
function foldedGroups(log: string): Map<string, string> {
  const groups = new Map<string, string>();
  let open: string | undefined;
  for (const line of log.split('\n')) {
    if (line.startsWith('::group::')) {
      assert.equal(open, undefined, `"${line}" opens inside "${open}"`);
      open = line.slice('::group::'.length);
      groups.set(open, '');
    } else if (line.startsWith('::endgroup::')) {
      assert.notEqual(open, undefined, 'an ::endgroup:: with no group open');
      open = undefined;
    } else if (open !== undefined) groups.set(open, `${groups.get(open)}${line}\n`);
  }
  assert.equal(open, undefined, `"${open}" is never closed`);
  return groups;
}

const CASES: Case[] = [
  {
    name: 'a PR whose head is the base branch\'s tip (a backport) leaves that tip\'s baseline untouched',
    expect: 'the push record at m2 is byte-for-byte the same; a later PR against main has baseline-sha m2 and the push run\'s val_loss in the base column',
    async run() {
      const w = await world();
      try {
        await push(w, w.main[1], w.main[0]);
        const pushed = await push(w, w.main[2], w.main[1]);
        assert.equal(pushed.failed, false, pushed.rawLog);
        const before = w.fake.storeFiles().get(baselineRun(w.main[2]));
        assert.ok(before);
        // main → release/1: head is main's tip, trained with the release branch's (different) params.
        const release = w.fake.addCommit([w.main[1]], 'release/1');
        const backport = await pull(w, { number: 20, head: w.main[2], base: release, baseRef: 'release/1', inputs: { params: paramsFile2 } });
        assert.equal(backport.failed, false, backport.rawLog);
        assert.notEqual(metricsOf(backport).val_loss.toFixed(4), metricsOf(pushed).val_loss.toFixed(4), 'the two runs are told apart by their metrics');
        assert.ok(w.fake.storeFiles().get(baselineRun(w.main[2]))!.equals(before), 'the baseline is untouched');
        assert.ok(w.fake.storeFiles().has(pullRun(20, w.main[2])), 'the PR run is stored apart');
        const later = w.fake.addCommit([w.main[2]], 'feature');
        const result = await pull(w, { number: 21, head: later, base: w.main[2] });
        assert.equal(result.failed, false, result.rawLog);
        assert.equal(result.outputs['baseline-sha'], w.main[2]);
        const [comment] = w.fake.commentsOn(21);
        assert.equal(baseColumn(comment.body, 'val_loss'), storedMean(w, baselineRun(w.main[2]), 'val_loss'), 'the base column is the push run (its mean over seeds)');
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'keep-runs counts baselines: PR runs on other PRs never push out main\'s push run',
    expect: 'keep-runs 2, one push record, three PR runs on PRs 30-32: PR 33 still compares with the push run',
    async run() {
      const w = await world();
      try {
        const inputs = { 'keep-runs': '2' };
        const pushed = await push(w, w.main[1], w.main[0], inputs);
        for (const number of [30, 31, 32]) {
          const result = await pull(w, { number, head: w.fake.addCommit([w.main[1]], `pr ${number}`), base: w.main[1], inputs });
          assert.equal(result.failed, false, result.rawLog);
        }
        const result = await pull(w, { number: 33, head: w.fake.addCommit([w.main[1]], 'pr 33'), base: w.main[1], inputs });
        assert.equal(result.outputs['baseline-sha'], w.main[1]);
        assert.equal(baseColumn(w.fake.commentsOn(33)[0].body, 'val_loss'), storedMean(w, baselineRun(w.main[1]), 'val_loss'));
        assert.equal(metricsOf(pushed).val_loss, JSON.parse(w.fake.storeFiles().get(baselineRun(w.main[1]))!.toString()).metrics.val_loss);
        const index = JSON.parse(w.fake.storeFiles().get('index.json')!.toString()) as { runs: Array<{ kind: string; pullRequest?: number }> };
        assert.deepEqual(index.runs.map((run) => run.pullRequest ?? run.kind), ['baseline', 30, 31, 32, 33]);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'a two-leg matrix (variant left to its default): each leg compares with its own baseline, in its own comment',
    expect: 'two comments with different markers, each base column from its own leg\'s push run; two artifact names',
    async run() {
      const w = await world();
      try {
        const legs = [{ params: 'one-epoch' }, { params: 'two-epochs' }];
        const files: Record<string, string> = { 'one-epoch': paramsFile, 'two-epochs': paramsFile2 };
        const pushed = [];
        for (const leg of legs) {
          const result = await push(w, w.main[1], w.main[0], { params: files[leg.params] }, TOKEN, leg);
          assert.equal(result.failed, false, result.rawLog);
          pushed.push(result);
        }
        assert.notEqual(metricsOf(pushed[0]).val_loss.toFixed(4), metricsOf(pushed[1]).val_loss.toFixed(4));
        assert.notEqual(pushed[0].uploads[0].name, pushed[1].uploads[0].name, 'artifact names differ per leg');
        const head = w.fake.addCommit([w.main[1]], 'pr');
        const runs = [];
        for (const leg of legs) {
          const result = await pull(w, { number: 40, head, base: w.main[1], inputs: { params: files[leg.params] }, matrix: leg });
          assert.equal(result.failed, false, result.rawLog);
          assert.equal(result.outputs['baseline-sha'], w.main[1]);
          runs.push(result);
        }
        const comments = w.fake.commentsOn(40);
        assert.equal(comments.length, 2, 'one comment per leg, neither overwritten');
        for (const [index, leg] of legs.entries()) {
          const variant = JSON.stringify(leg);
          const marker = commentMarker(IDENTITY.workflow, IDENTITY.job, variant);
          const comment = comments.find((candidate) => candidate.body.startsWith(marker));
          assert.ok(comment, `leg ${leg.params} has its comment`);
          assert.equal(baseColumn(comment.body, 'val_loss'), storedMean(w, baselineRun(w.main[1], { ...IDENTITY, variant }), 'val_loss'), `leg ${leg.params} compares with its own baseline`);
          assert.equal(comment.id, comments[index].id);
          assert.equal(JSON.parse(w.fake.storeFiles().get(baselineRun(w.main[1], { ...IDENTITY, variant }))!.toString()).metrics.val_loss, metricsOf(pushed[index]).val_loss, `leg ${leg.params}'s push run is the stored one`);
        }
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'an older run finishing after a newer one leaves the newer comment alone',
    expect: 'log and job summary "Left the comment alone: pull request #50 is now at …"; the comment still reports the newer commit',
    async run() {
      const w = await world();
      try {
        await push(w, w.main[1], w.main[0]);
        const head1 = w.fake.addCommit([w.main[1]], 'pr 1');
        const head2 = w.fake.addCommit([head1], 'pr 2');
        const newer = await pull(w, { number: 50, head: head2, base: w.main[1], action: 'synchronize' });
        assert.equal(newer.failed, false, newer.rawLog);
        const body = w.fake.commentsOn(50)[0].body;
        const older = await pull(w, { number: 50, head: head1, base: w.main[1], currentHead: head2 });
        assert.equal(older.failed, false, older.rawLog);
        assert.equal(w.fake.commentsOn(50).length, 1);
        assert.equal(w.fake.commentsOn(50)[0].body, body, 'the newer comment is untouched');
        const said = `Left the comment alone: pull request #50 is now at ${head2.slice(0, 7)}, not ${head1.slice(0, 7)} as trained`;
        assert.ok(older.rawLog.includes(said), 'said in the log');
        assert.ok(older.summary.includes(said), 'said in the job summary');
        assert.equal(older.outputs['comment-url'], '');
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'a ruleset on the records ref; a 5xx on creating the comment that still created it',
    expect: 'one error naming the ruleset and the fix; exactly one comment after the 502',
    async run() {
      const w = await world();
      try {
        w.fake.rulesets.push(/^refs\/train-and-report\//);
        const refused = await push(w, w.main[1], w.main[0]);
        assert.equal(refused.failed, true);
        assert.deepEqual(errors(refused), [
          'Could not record the run in refs/train-and-report/records: GitHub refused to update refs/train-and-report/records: a repository ruleset or ref protection blocks it ' +
            "(Repository rule violations found); exclude refs/train-and-report/** from the ruleset's targets or let the workflow's token bypass it, or set the records-ref input to a ref no rule covers",
        ]);
        assert.doesNotMatch(refused.rawLog, /moved while recording/, 'not taken for a lost race');
        w.fake.rulesets.length = 0;
        w.fake.failNext({ method: 'POST', path: /\/issues\/51\/comments$/, status: 502, times: 1, applied: true });
        const result = await pull(w, { number: 51, head: w.fake.addCommit([w.main[1]], 'pr'), base: w.main[1] });
        assert.equal(result.failed, false, result.rawLog);
        assert.equal(w.fake.commentsOn(51).length, 1, 'never two comments');
        assert.equal(w.fake.countRequests('POST', /\/issues\/51\/comments$/), 1, 'looked up, not posted again');
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'pull_request_target is refused',
    expect: 'one error line explaining the pull_request + workflow_run pair; nothing trained or recorded',
    async run() {
      const w = await world();
      try {
        const result = await pull(w, { number: 52, head: w.fake.addCommit([w.main[1]], 'pr'), base: w.main[1], eventName: 'pull_request_target' });
        assert.equal(result.failed, true);
        assert.deepEqual(errors(result), [PULL_REQUEST_TARGET_REFUSED]);
        assert.equal(w.fake.refHead(STORE), undefined);
        assert.equal(w.fake.commentsOn(52).length, 0);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'push on main records a baseline',
    expect: 'records ref created with baselines/<identity>/<sha>/run.json and index.json; summary written; artifact and cache emulated',
    async run() {
      const w = await world();
      try {
        const result = await push(w, w.main[1], w.main[0]);
        assert.equal(result.failed, false, result.rawLog);
        const files = w.fake.storeFiles();
        assert.ok(files.has(baselineRun(w.main[1])));
        assert.ok(files.has(baselineRun(w.main[1]).replace('run.json', 'metrics.json')));
        assert.deepEqual(JSON.parse(files.get('index.json')!.toString()).runs.map((run: { sha: string }) => run.sha), [w.main[1]]);
        const stored = JSON.parse(files.get(baselineRun(w.main[1]))!.toString());
        assert.ok(JSON.parse(files.get('index.json')!.toString()).runs[0].bytes > 0, 'the index says the stored size');
        assert.equal(w.fake.branchHead('train-and-report-reports'), undefined, 'no branch is written');
        assert.equal(stored.source.sha, w.main[1]);
        assert.deepEqual(JSON.parse(result.outputs.metrics), stored.metrics);
        assert.match(result.summary, /No baseline/i);
        assert.equal(result.outputs['comment-url'], '');
        assert.equal(result.uploads.length, 1);
        assert.deepEqual(result.npmCalls, [], 'nothing installed');
        assert.deepEqual(result.caches.map((cache) => `${cache.kind} ${cache.path.split('/').pop()}`), ['restore train-and-report-pixels', 'save train-and-report-pixels'], 'the pixel cache only, no dependency cache');
        assert.equal(w.fake.comments.length, 0);
        const second = await push(w, w.main[2], w.main[1]);
        assert.equal(second.outputs['baseline-sha'], w.main[1], 'the next push compares with the previous one');
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'PR opened posts one comment (nothing changed: runs reused, no charts); synchronize with forced training updates it with images on the reports branch',
    expect: 'one comment by github-actions[bot], images at commit-pinned blob URLs that exist; synchronize edits the same comment',
    async run() {
      const w = await world();
      try {
        await push(w, w.main[1], w.main[0]);
        const head1 = w.fake.addCommit([w.main[1]], 'pr 1');
        const opened = await pull(w, { number: 7, head: head1, base: w.main[1] });
        assert.equal(opened.failed, false, opened.rawLog);
        assert.equal(opened.outputs['baseline-sha'], w.main[1]);
        const groups = foldedGroups(opened.rawLog);
        // The baseline is found before training; nothing changed, so its runs are reused and nothing trains.
        assert.deepEqual([...groups.keys()], [
          'Find the baseline', 'Data: params, images, split', "Reuse the base's runs", 'Report', 'Record, summary and comment',
        ]);
        // Decided from the files' bytes: nothing is decoded, no backend starts.
        assert.doesNotMatch(opened.rawLog, /^(data: \d+ images|backend: )/m);
        assert.match(groups.get("Reuse the base's runs")!, /^reused: nothing that reaches training changed/m);
        assert.match(groups.get('Report')!, /^verdict: /m);
        const comments = structuredClone(w.fake.commentsOn(7));
        assert.equal(comments.length, 1);
        assert.equal(comments[0].login, APP_BOT_LOGIN);
        assert.ok(comments[0].body.startsWith(MARKER));
        assert.equal(opened.outputs['comment-url'], `https://github.example/${w.fake.owner}/${w.fake.repo}/pull/7#issuecomment-${comments[0].id}`);
        // A reused run draws no chart (each would show the base's results twice) and says so; the trained run below has images.
        assert.deepEqual(imageUrls(comments[0].body), []);
        assert.ok(comments[0].body.includes(REUSED_NOTE), 'the comment says why it has no charts');
        assert.ok(w.fake.storeFiles().has(pullRun(7, head1)), 'keyed by head SHA, not the merge commit');
        // Nothing that reaches training changed (same data and params): the baseline, looked up first, is reused and nothing trains.
        assert.match(opened.rawLog, /reused: nothing that reaches training changed since the base \(training fingerprint [0-9a-f]{12}\): its 6 runs are reused from the base run [0-9a-f]{7}; nothing is decoded or trained/);
        assert.doesNotMatch(opened.rawLog, /epoch 1\/1/);
        assert.ok(comments[0].body.includes('Nothing that reaches training changed since the base: its 6 runs are reused, nothing was trained.'), 'the headline says so');
        const stored = JSON.parse(w.fake.storeFiles().get(pullRun(7, head1))!.toString());
        assert.deepEqual(stored.reused, { sha: w.main[1], createdAt: JSON.parse(w.fake.storeFiles().get(baselineRun(w.main[1]))!.toString()).createdAt });
        assert.deepEqual(metricsOf(opened), JSON.parse(w.fake.storeFiles().get(baselineRun(w.main[1]))!.toString()).metrics);

        const head2 = w.fake.addCommit([head1], 'pr 2');
        const synced = await pull(w, { number: 7, head: head2, base: w.main[1], action: 'synchronize', inputs: { 'force-training': 'true' } });
        assert.equal(synced.failed, false, synced.rawLog);
        assert.match(synced.rawLog, /training: training forced \(force-training\)/);
        assert.match(synced.rawLog, /epoch 1\/1/);
        // Trained again, the same numbers seed for seed, bit for bit: the fingerprint's promise. (A PR's seeds
        // train in stages: identical to the base's, they stop early as "no change likely".)
        const retrained = JSON.parse(w.fake.storeFiles().get(pullRun(7, head2))!.toString());
        const recorded = JSON.parse(w.fake.storeFiles().get(baselineRun(w.main[1]))!.toString());
        assert.ok(retrained.repeats.length >= 3 && retrained.stopping.reason === 'no change likely', JSON.stringify(retrained.stopping));
        assert.deepEqual(retrained.repeats.map((r: { metrics: object }) => r.metrics), recorded.repeats.slice(0, retrained.repeats.length).map((r: { metrics: object }) => r.metrics));
        const after = w.fake.commentsOn(7);
        assert.equal(after.length, 1);
        assert.equal(after[0].id, comments[0].id);
        assert.notEqual(after[0].body, comments[0].body);
        assert.ok(imageUrls(after[0].body).every((url) => url.includes(`/${head2}/`)), 'images of the new head');
        assertImagesExist(w, after[0].body);
        assert.ok(imageUrls(synced.summary).length > 0, 'summary shows the same images');
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'fork PR with a read-only token degrades to summary + artifact + notice',
    expect: 'notice "This pull request comes from a fork … add the publish workflow"; step succeeds; no comment, branch untouched; publish posts it saying it is the fork\'s own run; a stale artifact is a notice',
    async run() {
      const w = await world({ [TOKEN]: {}, [READ_ONLY_TOKEN]: { contents: 'read', pullRequests: 'read' } });
      try {
        await push(w, w.main[1], w.main[0]);
        const reportsBefore = w.fake.refHead(STORE);
        const head = w.fake.addCommit([w.main[1]], 'fork pr');
        // Trained (nothing changed, so it would reuse its base's runs and draw no charts): the published comment shows the fork's images.
        const result = await pull(w, { number: 9, head, base: w.main[1], fork: true, token: READ_ONLY_TOKEN, inputs: { 'force-training': 'true' } });
        assert.equal(result.failed, false, result.rawLog);
        assert.equal(w.fake.commentsOn(9).length, 0);
        assert.equal(w.fake.refHead(STORE), reportsBefore);
        assert.ok(w.fake.countRequests('POST', /\/issues\/9\/comments$/) >= 1, 'the comment was attempted and refused (403)');
        assert.match(notices(result).join('\n'), /comes from a fork, so the workflow token is read-only.*mode: publish on workflow_run/);
        assert.match(result.summary, /val\\?_acc/);
        assert.equal(result.outputs['baseline-sha'], w.main[1], 'reading the baseline works with a read-only token');
        const [upload] = result.uploads;
        const uploaded = (await allFiles(w.artifacts.get(String(w.runs))!.get(upload.name)!)).map((file) => file.split('/').pop());
        for (const name of ['handoff.json', 'run.json', 'report.md', 'metrics.json']) assert.ok(uploaded.includes(name), `artifact holds ${name}`);

        // The publish workflow (workflow_run, write token) posts it, never running the PR's code.
        const payload = webhookExample('workflow_run', 'completed');
        payload.workflow_run.id = Number(w.runs);
        payload.workflow_run.head_sha = head;
        payload.repository.full_name = `${w.fake.owner}/${w.fake.repo}`;
        const published = await runAction({
          fake: w.fake, token: TOKEN, eventName: 'workflow_run', payload, sha: w.main[1], ref: 'refs/heads/main',
          inputs: { mode: 'publish', 'github-token': TOKEN }, workspace: w.workspace, artifacts: w.artifacts, runId: '99', workflow: 'Publish', job: 'publish',
        });
        assert.equal(published.failed, false, published.rawLog);
        assert.deepEqual(published.downloads, [{ pattern: 'train-and-report-*', runId: String(w.runs), names: [upload.name] }]);
        const posted = w.fake.commentsOn(9);
        assert.equal(posted.length, 1);
        assert.ok(posted[0].body.startsWith(MARKER), 'marker of the run that trained, so later publishes update it');
        assertImagesExist(w, posted[0].body);
        assert.equal(published.outputs['comment-url'], `https://github.example/${w.fake.owner}/${w.fake.repo}/pull/9#issuecomment-${posted[0].id}`);

        assert.match(posted[0].body, /\*\*Reported by the fork's own run, not reproduced: someone\/planets ran its own workflow/);

        // An artifact whose PR has moved on is a notice, and the job succeeds without writing.
        const reportsBefore2 = w.fake.refHead(STORE);
        const newer = w.fake.addCommit([head], 'newer');
        w.fake.addPullRequest(9, newer, w.main[1], `someone/${w.fake.repo}`);
        const stale = await runAction({
          fake: w.fake, token: TOKEN, eventName: 'workflow_run', payload, sha: w.main[1], ref: 'refs/heads/main',
          inputs: { mode: 'publish', 'github-token': TOKEN }, workspace: w.workspace, artifacts: w.artifacts, runId: '100', workflow: 'Publish', job: 'publish',
        });
        assert.equal(stale.failed, false, stale.rawLog);
        assert.deepEqual(notices(stale), [`pull request #9 has moved on to ${newer.slice(0, 7)} since workflow run ${w.runs} built ${head.slice(0, 7)}; nothing published, the newer run's publish will report it`]);
        assert.equal(w.fake.refHead(STORE), reportsBefore2);
        assert.equal(w.fake.commentsOn(9)[0].body, posted[0].body);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'two runs recording at the same time: the ref race is retried and both records survive',
    expect: 'log "moved while recording … rebuilding on top"; both records in the store',
    async run() {
      const w = await world();
      try {
        await push(w, w.main[1], w.main[0]);
        const other = w.fake.addCommit([w.main[1]], 'other branch commit');
        let concurrent: RunResult | undefined;
        w.fake.beforeRefUpdate.push(async () => {
          // This run's branch update is held until a whole second action run has recorded its own run.
          concurrent = await push(w, other, w.main[1]);
        });
        const result = await push(w, w.main[2], w.main[1]);
        assert.equal(result.failed, false, result.rawLog);
        assert.equal(concurrent?.failed, false);
        assert.match(result.rawLog, /moved while recording \(another job wrote to it\); rebuilding on top of the new head/);
        const files = w.fake.storeFiles();
        for (const sha of [w.main[1], w.main[2], other]) assert.ok(files.has(baselineRun(sha)), `record of ${sha} survives`);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'thresholds crossed fail the step and set regressed',
    expect: 'error "fail-on-regression: 1 threshold(s) crossed: mean val_acc over 6 base and 3 PR seeds changed by …" (the PR\'s seeds stopped at the first look: decided); regressed=true; comment still posted',
    async run() {
      const w = await world();
      try {
        const first = await push(w, w.main[1], w.main[0]);
        await seedPerfectBaseline(w, w.main[2], first);
        const head = w.fake.addCommit([w.main[2]], 'worse');
        const result = await pull(w, { number: 4, head, base: w.main[2], inputs: { 'fail-on-regression': 'val_acc: -0.05' } });
        assert.equal(result.failed, true);
        assert.equal(result.outputs.regressed, 'true');
        assert.match(errors(result).join('\n'), /fail-on-regression: 1 threshold\(s\) crossed: mean val_acc over 6 base and 3 PR seeds changed by -0\.\d+ \(0\.9900 → [^)]*\), beyond the limit -0\.05; the 95 % interval of the change/);
        assert.equal(w.fake.commentsOn(4).length, 1, 'the comment is posted before failing');
        assert.equal(result.steps.find((step) => step.id === 'upload')?.outcome, 'success', 'artifact uploaded although the step failed');
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'missing pull-requests permission on a same-repo PR',
    expect: 'error naming `pull-requests: write`',
    async run() {
      const w = await world({ [TOKEN]: { pullRequests: 'read' } });
      try {
        const head = w.fake.addCommit([w.main[1]], 'pr');
        const result = await pull(w, { number: 5, head, base: w.main[1] });
        assert.equal(result.failed, true);
        assert.match(errors(result).join('\n'), /Could not comment on pull request #5: the token is not allowed to \(403 Resource not accessible by integration\); give the job `permissions:` with `pull-requests: write`/);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'missing contents permission on a same-repo PR',
    expect: 'error naming `contents: write`',
    async run() {
      const w = await world({ [TOKEN]: { contents: 'read' } });
      try {
        const head = w.fake.addCommit([w.main[1]], 'pr');
        const result = await pull(w, { number: 6, head, base: w.main[1] });
        assert.equal(result.failed, true);
        assert.match(errors(result).join('\n'), /Could not record the run in refs\/train-and-report\/records: .*`contents: write`/);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'base commit not found (404)',
    expect: 'summary says "the base commit <sha> was not found"; step succeeds',
    async run() {
      const w = await world();
      try {
        await push(w, w.main[1], w.main[0]);
        const missing = 'e'.repeat(40);
        const head = w.fake.addCommit([w.main[1]], 'pr');
        const result = await pull(w, { number: 8, head, base: missing });
        assert.equal(result.failed, false, result.rawLog);
        assert.match(result.summary, new RegExp(`the base commit ${missing} was not found in the repository`));
        assert.equal(result.outputs['baseline-sha'], '');
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'ref update keeps losing the race',
    expect: 'error "another job moved it 5 times in a row … nothing was changed"; only the other writer moved the ref',
    async run() {
      const w = await world();
      try {
        await push(w, w.main[1], w.main[0]);
        w.fake.racingWriter = { ref: STORE, times: 50 };
        const result = await push(w, w.main[2], w.main[1]);
        assert.equal(result.failed, true);
        assert.match(errors(result).join('\n'), /another job moved it 5 times in a row while this one was writing; nothing was changed/);
        assert.equal(w.fake.racingWriter.times, 45, 'five bounded attempts');
        assert.ok(!w.fake.storeFiles().has(baselineRun(w.main[2])));
        const waits = [...result.rawLog.matchAll(/rebuilding on top of the new head in (\d+) ms/g)].map((match) => Number(match[1]));
        assert.equal(waits.length, 4, 'a backoff before each retry');
        assert.ok(waits[3] > waits[0], `backoff grows: ${waits.join(', ')} ms`);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: '5xx bursts and a secondary rate limit',
    expect: 'log "failed with 50x … retrying"; comment posted; step succeeds',
    async run() {
      const w = await world();
      try {
        await push(w, w.main[1], w.main[0]);
        w.fake.failNext({ method: 'POST', path: /\/issues\/3\/comments$/, status: 502, times: 2 });
        w.fake.failNext({ method: 'POST', path: /\/git\/blobs$/, status: 500, times: 1 });
        w.fake.failNext({ method: 'GET', path: /\/git\/ref\//, status: 503, times: 1 });
        w.fake.failNext({ method: 'POST', path: /^\/graphql$/, status: 403, headers: { 'retry-after': '2' }, message: 'You have exceeded a secondary rate limit', times: 1 });
        const head = w.fake.addCommit([w.main[1]], 'pr');
        const result = await pull(w, { number: 3, head, base: w.main[1] });
        assert.equal(result.failed, false, result.rawLog);
        assert.equal(w.fake.commentsOn(3).length, 1);
        for (const status of [500, 503]) assert.match(result.rawLog, new RegExp(`failed with ${status} .*retrying`));
        assert.match(result.rawLog, /hit GitHub's secondary rate limit; retrying after 2 units/);
        assert.match(result.rawLog, /creating the comment on #3 failed \(502\); checking whether it was created anyway/);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'comment deleted by a user between runs; look-alike comments by others',
    expect: 'a new comment is made; comments by another bot or a person with the same marker are never edited',
    async run() {
      const w = await world();
      try {
        // The marker written before run identities (workflow name): still found, still only when the token wrote it.
        const marker = commentMarker('CI', 'train');
        const impostors = [w.fake.addComment(2, `${marker}\nby a person`, 'mallory'), w.fake.addComment(2, `${marker}\nby another bot`, 'other-app[bot]')];
        const head1 = w.fake.addCommit([w.main[1]], 'pr 1');
        await pull(w, { number: 2, head: head1, base: w.main[1] });
        const ours = w.fake.commentsOn(2).filter((comment) => comment.login === APP_BOT_LOGIN);
        assert.equal(ours.length, 1);
        w.fake.deleteComment(ours[0].id);
        const head2 = w.fake.addCommit([head1], 'pr 2');
        const result = await pull(w, { number: 2, head: head2, base: w.main[1], action: 'synchronize' });
        assert.equal(result.failed, false, result.rawLog);
        const now = w.fake.commentsOn(2).filter((comment) => comment.login === APP_BOT_LOGIN);
        assert.equal(now.length, 1);
        assert.notEqual(now[0].id, ours[0].id);
        for (const impostor of impostors) {
          assert.equal(w.fake.commentsOn(2).find((comment) => comment.id === impostor.id)?.body, impostor.body);
        }
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'the token appears in no log line, file, comment, output or artifact',
    expect: 'the token occurs only in the ::add-mask:: command the runner consumes',
    async run() {
      const w = await world();
      try {
        await push(w, w.main[1], w.main[0]);
        const head = w.fake.addCommit([w.main[1]], 'pr');
        const result = await pull(w, { number: 11, head, base: w.main[1], inputs: { 'fail-on-regression': 'val_acc: -0.99' } });
        assert.equal(result.failed, false, result.rawLog);
        assert.deepEqual(result.masks, [TOKEN]);
        const logLines = result.rawLog.split('\n').filter((line) => line.includes(TOKEN));
        assert.deepEqual(logLines, [`::add-mask::${TOKEN}`]);
        assert.ok(!result.summary.includes(TOKEN));
        assert.ok(!JSON.stringify(result.outputs).includes(TOKEN));
        const places = [result.runnerTemp, w.workspace, ...[...w.artifacts.values()].flatMap((run) => [...run.values()])];
        let searched = 0;
        for (const place of places) {
          for (const file of await allFiles(place)) {
            searched += 1;
            assert.ok(!(await readFile(file)).includes(TOKEN), `${file} holds the token`);
          }
        }
        assert.ok(searched > 10, `searched ${searched} files`);
        for (const comment of w.fake.comments) assert.ok(!comment.body.includes(TOKEN));
        for (const [path, content] of w.fake.storeFiles()) assert.ok(!content.includes(TOKEN), path);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'a bad input fails the step with the input named',
    expect: "error \"input 'comment' must be one of update, new, off; got \"sometimes\"\"",
    async run() {
      const w = await world();
      try {
        const result = await push(w, w.main[1], w.main[0], { comment: 'sometimes' });
        assert.equal(result.failed, true);
        assert.deepEqual(errors(result), [`input 'comment' must be one of update, new, off; got "sometimes"`]);
      } finally {
        await w.fake.close();
      }
    },
  },
  {
    name: 'command mode: a push records a training command\'s run, a PR is compared with it in one comment',
    expect: 'the PR comment says Better on the headline metric params choose (val_loss; few vs many training images, 6 seeds each), with the metrics table, the history and confusion charts; the token never reaches the command',
    async run() {
      const w = await world();
      try {
        const trainer = join(REPO_ROOT, 'test', 'fixtures', 'command-trainer', 'train.mjs');
        const folder = await mkdtemp(join(tmpdir(), 'command-params-'));
        const few = join(folder, 'few.yaml');
        const many = join(folder, 'many.yaml');
        // On this data the centroids' accuracy moves within seed noise; their loss does not: the verdict is about the loss.
        await writeFile(few, 'train:\n  fraction: 0.05\n  epochs: 2\nreport:\n  headline: val_loss\n');
        await writeFile(many, 'train:\n  fraction: 0.9\n  epochs: 2\nreport:\n  headline: val_loss\n');
        const command = `node ${JSON.stringify(trainer)} --print-env`;
        const pushed = await push(w, w.main[1], w.main[0], { command, params: few });
        assert.equal(pushed.failed, false, pushed.rawLog);
        const stored = JSON.parse(w.fake.storeFiles().get(baselineRun(w.main[1]))!.toString());
        assert.equal(stored.trainer.kind, 'command');
        assert.deepEqual(stored.trainer.seeds.map((seed: { seed: number }) => seed.seed), [77, 78, 79, 80, 81, 82]);
        const pr = await pull(w, { number: 44, head: w.fake.addCommit([w.main[1]], 'pr'), base: w.main[1], inputs: { command, params: many } });
        assert.equal(pr.failed, false, pr.rawLog);
        assert.match(pr.rawLog, /token=absent/);
        assert.deepEqual(pr.rawLog.split('\n').filter((line) => line.includes(TOKEN)), [`::add-mask::${TOKEN}`], 'the token appears only in its mask');
        const comments = w.fake.commentsOn(44);
        assert.equal(comments.length, 1);
        assert.match(comments[0].body, /\*\*Better than the base\*\*: validation loss [\d.]+ → [\d.]+ \(−[\d.]+\), means over 6 seeds per side/);
        assert.match(comments[0].body, /\| val\\_loss \| [\d.]+ \| [\d.]+ \| −[\d.]+ \| ✅ better \|/);
        assert.match(comments[0].body, /\| train\.fraction \| 0\.05 \| 0\.9 \|/);
        for (const chart of ['history.png', 'confusion.png']) assert.ok(imageUrls(comments[0].body).some((url) => url.includes(chart)), chart);
        assertImagesExist(w, comments[0].body);
      } finally {
        await w.fake.close();
      }
    },
  },
];

for (const testCase of CASES) test(`${testCase.name} → ${testCase.expect}`, testCase.run);

test('only an explicitly chosen native backend installs, at the bundled tfjs version, and says so', async () => {
  const manifest = await loadManifest();
  const step = manifest.runs.steps.find((candidate) => candidate.id === 'native-backend');
  assert.ok(step?.run);
  assert.equal(step.if, "inputs.mode == 'run' && (inputs.backend == 'tensorflow' || inputs.backend == 'tensorflow-gpu')");
  const folder = await mkdtemp(join(tmpdir(), 'install-'));
  await mkdir(join(folder, 'bin'));
  // npm itself needs the registry; a stand-in on PATH records what the step asks of it.
  await writeFile(join(folder, 'bin', 'npm'), `#!/bin/sh\necho "npm $*" >> "${folder}/calls"\n`);
  await chmod(join(folder, 'bin', 'npm'), 0o755);
  const run = promisify(execFile);
  // The native package is installed at the tfjs version of the action's own package.json.
  const tfjs = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')).dependencies as Record<string, string>)['@tensorflow/tfjs-core'];
  for (const [backend, name] of [['tensorflow', '@tensorflow/tfjs-node'], ['tensorflow-gpu', '@tensorflow/tfjs-node-gpu']]) {
    await writeFile(join(folder, 'calls'), '');
    const script: string = substitute(step.run, { inputs: { backend } });
    const { stdout } = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: REPO_ROOT,
      env: { PATH: `${join(folder, 'bin')}:${process.env.PATH}`, TRAIN_AND_REPORT_BACKEND: backend },
    });
    assert.deepEqual((await readFile(join(folder, 'calls'), 'utf8')).trim().split('\n'), [`npm install --no-save --omit=dev --no-audit --no-fund ${name}@${tfjs}`]);
    assert.match(stdout, new RegExp(`::notice::backend ${backend}: installing ${name}@`));
    assert.equal(stdout.includes('built for CUDA 11.2 and cuDNN 8.1'), backend === 'tensorflow-gpu');
  }
});

test('from a release folder (the bundle and its run-time packages, nothing else), the action trains, records and installs nothing', async () => {
  const release = join(await mkdtemp(join(tmpdir(), 'release-')), 'action');
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'release.mjs'), '--assemble', release, '--installed'], { cwd: REPO_ROOT });
  const w = await world();
  try {
    const payload = webhookExample('push');
    Object.assign(payload, { ref: 'refs/heads/main', before: w.main[0], after: w.main[1] });
    payload.repository.default_branch = 'main';
    payload.repository.full_name = `${w.fake.owner}/${w.fake.repo}`;
    const result = await runAction({
      fake: w.fake, token: TOKEN, eventName: 'push', payload, sha: w.main[1], ref: 'refs/heads/main', inputs: { ...baseInputs(), 'github-token': TOKEN },
      workspace: w.workspace, artifacts: w.artifacts, runId: '1', actionPath: release,
    });
    assert.equal(result.failed, false, result.rawLog);
    assert.deepEqual(result.npmCalls, []);
    assert.match(result.rawLog, /native parts: carried by this release, nothing to install/);
    assert.match(result.rawLog, /epoch 1\/1: loss/);
    assert.ok(w.fake.storeFiles().has(baselineRun(w.main[1])), 'the run is recorded');
    // The JSON Schema of params.yaml ships with the action, for the yaml-language-server line.
    assert.deepEqual(JSON.parse(await readFile(join(release, 'schema', 'params.schema.json'), 'utf8')), paramsJsonSchema());
  } finally {
    await w.fake.close();
  }
});

test('every input reaches the entry as INPUT_*, and every output comes from the entry step', async () => {
  const manifest = await loadManifest();
  const entry = manifest.runs.steps.find((step) => step.id === 'run');
  assert.equal(entry?.run, ENTRY_COMMAND);
  for (const name of Object.keys(manifest.inputs)) {
    assert.equal(entry?.env?.[`INPUT_${name.toUpperCase()}`], `\${{ inputs.${name} }}`, `input ${name} is passed on`);
  }
  for (const [name, output] of Object.entries(manifest.outputs)) assert.equal(output.value, `\${{ steps.run.outputs.${name} }}`);
});

test("the project's workflows validate, and the self-test runs this checkout's action as a release folder", async () => {
  const folder = join(REPO_ROOT, '.github', 'workflows');
  const names = (await readdir(folder)).sort();
  assert.deepEqual(names, ['check-dist.yml', 'self-test.yml', 'test.yml']);
  for (const name of names) {
    const content = await readFile(join(folder, name), 'utf8');
    const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
    assert.deepEqual(parsed.context.errors.getErrors().map((error) => error.message), [], name);
  }
  // This checkout's action as a release carries it: assembled, then run with no node_modules above it.
  const selfTest = await readFile(join(folder, 'self-test.yml'), 'utf8');
  assert.match(selfTest, /node scripts\/release\.mjs --assemble \.release --installed\n\s+rm -rf node_modules\n/);
  assert.match(selfTest, /uses: \.\/\.release\n/);
});
