// Publish mode end to end against a hostile artifact: action.yml run as the
// runner runs it (harness.ts), real HTTP to the loopback fake API, one real
// fork pull-request run whose artifact each case then tampers with, as a fork
// could (its workflow is its own code). Every case checks that no comment
// lands on another pull request, that nothing is written outside the pull
// request's own record, and that the job says what happened in one line.

import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleDataset } from '../../src/data/sample.js';
import { commentMarker } from '../../src/github/comment.js';
import { DEFAULT_STORE_REF } from '../../src/github/store.js';
import { identityKey } from '../../src/identity.js';
import { reencodePreview } from '../../src/report/preview.js';
import { APP_BOT_LOGIN, FakeGitHub, type FakeWorkflowRun } from '../fakes/github.js';
import { webhookExample } from '../fakes/webhooks.js';
import { runAction, type ArtifactStore, type RunResult } from './harness.js';

const TOKEN = 'ghs_PublishTest0123456789abcdefabcdef012';
const READ_ONLY_TOKEN = 'ghs_PublishForkReadOnly0123456789abcdef';
const FORK = 'someone/planets';
const FORK_BRANCH = 'fork-feature';
const FORK_PR = 9;
const OTHER_PR = 12;
const MARKER = commentMarker('.github/workflows/ci.yml', 'train');
/** Where the fork pull request's runs are recorded: its own folder of the records ref. */
const OWN = `pulls/${FORK_PR}/`;
const ownRecord = (sha: string) => `${OWN}${identityKey({ workflow: '.github/workflows/ci.yml', job: 'train', variant: '' })}/${sha}/`;

let fake: FakeGitHub;
let workspace = '';
const artifacts: ArtifactStore = new Map();
let main: string[] = [];
let forkHead = '';
let otherHead = '';
let artifactName = '';
let forkRun: FakeWorkflowRun;
let nextRunId = 100;

before(async () => {
  const root = await mkdtemp(join(tmpdir(), 'publish-data-'));
  const data = join(root, 'data');
  await generateSampleDataset({ outDir: data, imagesPerClass: 12, seed: 5 });
  await writeFile(join(root, 'params.yaml'), 'train:\n  epochs: 1\n');
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN);
  fake.addToken(READ_ONLY_TOKEN, { contents: 'read', pullRequests: 'read' });
  workspace = await mkdtemp(join(tmpdir(), 'workspace-'));
  const m0 = fake.addCommit([], 'm0');
  main = [m0, fake.addCommit([m0], 'm1')];

  // Another pull request (same repository) that already has this workflow's comment: the target a fork would aim at.
  otherHead = fake.addCommit([main[1]], 'other pr');
  fake.addPullRequest(OTHER_PR, otherHead, main[1], `${fake.owner}/${fake.repo}`, { headRef: 'feature' });
  fake.addComment(OTHER_PR, `${MARKER}\nthe other pull request's report`, APP_BOT_LOGIN);

  // The fork's pull-request run, with the read-only token a fork gets: it uploads the artifact.
  forkHead = fake.addCommit([main[1]], 'fork pr');
  const payload = webhookExample('pull_request', 'opened');
  Object.assign(payload, { number: FORK_PR });
  Object.assign(payload.pull_request, { number: FORK_PR, title: 'Bigger conv' });
  Object.assign(payload.pull_request.head, { sha: forkHead, ref: FORK_BRANCH });
  payload.pull_request.head.repo.full_name = FORK;
  Object.assign(payload.pull_request.base, { sha: main[1], ref: 'main' });
  payload.pull_request.base.repo.full_name = `${fake.owner}/${fake.repo}`;
  payload.repository.full_name = `${fake.owner}/${fake.repo}`;
  fake.addPullRequest(FORK_PR, forkHead, main[1], FORK, { headRef: FORK_BRANCH, title: 'Bigger conv' });
  const runId = 1;
  const trained = await runAction({
    fake, token: READ_ONLY_TOKEN, eventName: 'pull_request', payload, sha: fake.addCommit([main[1], forkHead], 'merge'), ref: `refs/pull/${FORK_PR}/merge`,
    inputs: { data, params: join(root, 'params.yaml'), 'github-token': READ_ONLY_TOKEN }, workspace, artifacts, runId: String(runId),
  });
  assert.equal(trained.failed, false, trained.rawLog);
  artifactName = trained.uploads[0].name;
  forkRun = { id: runId, name: 'CI', event: 'pull_request', headSha: forkHead, headBranch: FORK_BRANCH, headRepo: FORK };
  fake.addWorkflowRun(forkRun);
});

after(async () => {
  await fake?.close();
});

interface Snapshot {
  reportsHead: string | undefined;
  files: Map<string, Buffer>;
  comments: string;
}

function snapshot(): Snapshot {
  const reportsHead = fake.refHead(DEFAULT_STORE_REF);
  return { reportsHead, files: reportsHead ? fake.filesAt(reportsHead) : new Map(), comments: JSON.stringify(fake.comments) };
}

/** Paths on the reports branch that were added, changed or removed since `before`. */
function changedPaths(before: Snapshot): string[] {
  const now = snapshot().files;
  const paths = new Set([...before.files.keys(), ...now.keys()]);
  return [...paths].filter((path) => !before.files.get(path)?.equals(now.get(path) ?? Buffer.alloc(0)) || !now.has(path)).sort();
}

/** A copy of the fork's artifact, changed by `edit`, uploaded by a new workflow run (a pull_request run of the fork's head unless `run` says otherwise). */
async function tampered(edit: (folder: string) => Promise<void>, run: Partial<FakeWorkflowRun> = {}): Promise<string> {
  const original = artifacts.get(String(forkRun.id))!.get(artifactName)!;
  const copy = await mkdtemp(join(tmpdir(), 'tampered-'));
  await cp(original, copy, { recursive: true });
  await edit(copy);
  const id = nextRunId++;
  artifacts.set(String(id), new Map([[artifactName, copy]]));
  fake.addWorkflowRun({ ...forkRun, ...run, id });
  return String(id);
}

async function editJson(file: string, edit: (value: any) => void): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const value = JSON.parse(await readFile(file, 'utf8'));
  edit(value);
  await writeFile(file, JSON.stringify(value, null, 2));
}

/** The publish workflow, triggered by the run `runId` (or, with `viaInput`, told it through the run-id input). */
async function publish(runId: string, viaInput = false): Promise<RunResult> {
  const payload = webhookExample('workflow_run', 'completed');
  payload.workflow_run.id = viaInput ? forkRun.id : Number(runId);
  payload.workflow_run.head_sha = forkHead;
  payload.repository.full_name = `${fake.owner}/${fake.repo}`;
  return runAction({
    fake, token: TOKEN, eventName: 'workflow_run', payload, sha: main[1], ref: 'refs/heads/main',
    inputs: { mode: 'publish', 'github-token': TOKEN, ...(viaInput ? { 'run-id': runId } : {}) },
    workspace, artifacts, runId: String(nextRunId++), workflow: 'Publish', job: 'publish',
  });
}

const errors = (result: RunResult) => result.annotations.filter((a) => a.level === 'error').map((a) => a.message);

/** The refusal: one error line, the step failed, nothing written anywhere, no comment touched. */
async function assertRefused(runId: string, expected: RegExp, viaInput = false): Promise<string> {
  const before = snapshot();
  const result = await publish(runId, viaInput);
  assert.equal(result.failed, true);
  const lines = errors(result);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0], expected);
  assert.doesNotMatch(result.rawLog, /^\s+at .*\(.*:\d+:\d+\)$/m, 'no stack trace in the log');
  assert.equal(snapshot().reportsHead, before.reportsHead, 'the reports branch is unchanged');
  assert.equal(snapshot().comments, before.comments, 'no comment was written or edited');
  return lines[0];
}

/** Text GitHub would turn into a mention, an issue link or an autolink. */
const LIVE_REFERENCE = /(^|[^\w`])@[A-Za-z0-9]|(^|[^&\w])#\d|https?:\/\/(?!github\.example\/)|www\./;

const figures: Array<{ name: string; line: string }> = [];

test('the untouched artifact is published on its own pull request, saying it is the fork\'s own run', async () => {
  const before = snapshot();
  const result = await publish(String(forkRun.id));
  assert.equal(result.failed, false, result.rawLog);
  const comments = fake.commentsOn(FORK_PR);
  assert.equal(comments.length, 1);
  assert.ok(comments[0].body.startsWith(MARKER));
  assert.match(comments[0].body, /^## Bigger conv$/m, 'the title as the API has it');
  assert.match(comments[0].body, /\*\*Reported by the fork's own run, not reproduced: someone\/planets ran its own workflow \(the fork's code\)/);
  assert.deepEqual(changedPaths(before).filter((path) => !path.startsWith(ownRecord(forkHead))), ['index.json'], 'only the PR\'s own record (and the index)');
  const stored = JSON.parse(fake.filesAt(fake.refHead(DEFAULT_STORE_REF)!).get(`${ownRecord(forkHead)}run.json`)!.toString());
  assert.deepEqual(stored.source, { sha: forkHead, pullRequest: FORK_PR, baseSha: main[1], repository: `${fake.owner}/${fake.repo}`, ...(stored.source.ref ? { ref: stored.source.ref } : {}) });
  figures.push({ name: 'untouched artifact', line: result.rawLog.split('\n').find((line) => line.startsWith('publishing the report'))! });
});

test('an artifact naming another pull request is refused', async () => {
  const runId = await tampered((folder) => editJson(join(folder, 'handoff.json'), (handoff) => (handoff.pullRequest = OTHER_PR)));
  figures.push({
    name: 'PR number of another PR',
    line: await assertRefused(runId, new RegExp(`^the artifact names pull request #${OTHER_PR} \\(octo-org/planets:feature\\), but workflow run ${runId} ran for someone/planets:fork-feature; refusing to publish it on another pull request$`)),
  });
});

test('an artifact claiming another head SHA (the other pull request\'s) is refused', async () => {
  const runId = await tampered(async (folder) => {
    await editJson(join(folder, 'handoff.json'), (handoff) => Object.assign(handoff, { pullRequest: OTHER_PR, headSha: otherHead }));
    await editJson(join(folder, 'run.json'), (record) => (record.source.sha = otherHead));
  });
  figures.push({
    name: 'another head SHA',
    line: await assertRefused(runId, new RegExp(`^the artifact claims commit ${otherHead}, but workflow run ${runId} built ${forkHead}; refusing to publish it$`)),
  });
});

test('run-id of a workflow_dispatch run (which can name any pull request and SHA) is refused', async () => {
  const runId = await tampered(async (folder) => {
    await editJson(join(folder, 'handoff.json'), (handoff) => Object.assign(handoff, { pullRequest: OTHER_PR, headSha: otherHead }));
    await editJson(join(folder, 'run.json'), (record) => (record.source.sha = otherHead));
  }, { event: 'workflow_dispatch', headSha: otherHead, headBranch: 'feature', headRepo: `${fake.owner}/${fake.repo}` });
  figures.push({
    name: 'run-id of a workflow_dispatch run',
    line: await assertRefused(runId, new RegExp(`^workflow run ${runId} was triggered by workflow_dispatch, not pull_request; publish mode only publishes the artifact of a pull-request run$`), true),
  });
});

test('dataset.root: /dev with paths "zero" reads nothing: the preview is the artifact\'s own, re-encoded', async () => {
  const runId = await tampered((folder) => editJson(join(folder, 'run.json'), (record) => {
    record.dataset.root = '/dev';
    for (const prediction of record.predictions) prediction.path = 'zero';
  }));
  const before = snapshot();
  const result = await publish(runId);
  assert.equal(result.failed, false, result.rawLog);
  const line = result.rawLog.split('\n').find((candidate) => candidate.startsWith('preview: '))!;
  assert.equal(line, "preview: Predictions preview supplied by the fork's own run, not drawn by this job: it shows what that run drew (re-encoded); images whose prediction flipped are not shown, as publishing reads no image files.");
  const artifactPng = await readFile(join(artifacts.get(runId)!.get(artifactName)!, 'predictions.png'));
  const published = fake.filesAt(fake.refHead(DEFAULT_STORE_REF)!).get(`${ownRecord(forkHead)}predictions.png`)!;
  assert.ok(published.equals((await reencodePreview(artifactPng)) as Buffer), 'the published preview is the artifact\'s PNG re-encoded, not drawn from /dev');
  assert.doesNotMatch(result.summary, /\/dev|image missing|missing from/);
  assert.deepEqual(changedPaths(before).filter((path) => !path.startsWith(ownRecord(forkHead)) && path !== 'index.json'), []);
  figures.push({ name: 'dataset.root: /dev', line });
});

test('a 50 MB run.json is refused by its size, before it is parsed', async () => {
  const runId = await tampered(async (folder) => {
    const record = await readFile(join(folder, 'run.json'), 'utf8');
    await writeFile(join(folder, 'run.json'), record.replace(/\}\s*$/, `, "padding": "${'x'.repeat(50 * 1024 * 1024)}"}`));
  });
  figures.push({
    name: 'a 50 MB run.json',
    line: await assertRefused(runId, /run\.json: \d{8} bytes, more than the 20971520 a run record may have; refusing the artifact$/),
  });
});

test('unknown fields in run.json are refused by name', async () => {
  const runId = await tampered((folder) => editJson(join(folder, 'run.json'), (record) => (record.dataset.previewFiles = ['/etc/passwd'])));
  figures.push({
    name: 'unknown fields',
    line: await assertRefused(runId, /run\.json: field "dataset\.previewFiles" must be absent \(not a field of run records; known: root, classes, /),
  });
});

test('a class named @octo-org/admins (and one holding #123 and links) pings nobody and links nowhere', async () => {
  const renames: Record<string, string> = { Earth: '@octo-org/admins', Moon: 'see #123 https://evil.example www.evil.example' };
  const runId = await tampered((folder) => editJson(join(folder, 'run.json'), (record) => {
    const rename = (name: string) => renames[name] ?? name;
    // Renamed in place: the confusion matrix and the probabilities follow the class order.
    record.dataset.classes = record.dataset.classes.map(rename);
    record.dataset.imagesPerClass = Object.fromEntries(Object.entries(record.dataset.imagesPerClass).map(([name, count]) => [rename(name), count]));
    for (const prediction of record.predictions) Object.assign(prediction, { trueLabel: rename(prediction.trueLabel), predictedLabel: rename(prediction.predictedLabel) });
    for (const row of record.perClass) row.label = rename(row.label);
    for (const repeat of record.repeats) for (const row of repeat.perClass ?? []) row.label = rename(row.label);
  }));
  const result = await publish(runId);
  assert.equal(result.failed, false, result.rawLog);
  const body = fake.commentsOn(FORK_PR)[0].body;
  assert.ok(body.includes('@\u2060octo-org/admins'), 'the class is named, with a word joiner after the @');
  for (const text of [body, result.summary]) {
    // GitHub links nothing inside fenced code blocks (the Mermaid history chart is one).
    const prose = text.replace(/^```[\s\S]*?^```$/gm, '');
    const live = prose.split('\n').filter((line) => LIVE_REFERENCE.test(line));
    assert.deepEqual(live, [], 'no mention, reference or link survives');
  }
  assert.equal(fake.commentsOn(OTHER_PR)[0].body.endsWith("the other pull request's report"), true);
  figures.push({ name: 'a class named @octo-org/admins', line: body.split('\n').find((line) => line.includes('octo-org/admins'))!.slice(0, 120) });
});

test('a stale artifact (the pull request moved on) is a notice, and the job succeeds writing nothing', async () => {
  const newer = fake.addCommit([forkHead], 'newer');
  fake.addPullRequest(FORK_PR, newer, main[1], FORK);
  try {
    const before = snapshot();
    const result = await publish(String(forkRun.id));
    assert.equal(result.failed, false, result.rawLog);
    const notices = result.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
    assert.deepEqual(notices, [`pull request #${FORK_PR} has moved on to ${newer.slice(0, 7)} since workflow run ${forkRun.id} built ${forkHead.slice(0, 7)}; nothing published, the newer run's publish will report it`]);
    assert.equal(snapshot().reportsHead, before.reportsHead);
    assert.equal(snapshot().comments, before.comments);
    figures.push({ name: 'stale artifact', line: notices[0] });
  } finally {
    fake.addPullRequest(FORK_PR, forkHead, main[1], FORK);
  }
});

test('across every case: no comment on another pull request, every request for the fork\'s own', () => {
  const others = fake.comments.filter((comment) => comment.issue !== FORK_PR);
  assert.deepEqual(others.map((comment) => comment.issue), [OTHER_PR]);
  assert.equal(others[0].body.endsWith("the other pull request's report"), true, 'the other pull request\'s comment was never edited');
  assert.equal(fake.countRequests('PATCH', new RegExp(`/issues/comments/${others[0].id}$`)), 0);
  assert.equal(fake.countRequests('POST', new RegExp(`/issues/${OTHER_PR}/comments$`)), 0);
  for (const path of fake.filesAt(fake.refHead(DEFAULT_STORE_REF)!).keys()) {
    assert.ok(path === 'index.json' || path.startsWith(ownRecord(forkHead)), `${path} belongs to the fork's record`);
  }
  // The figures of this file, for the record.
  for (const { name, line } of figures) console.log(`${name}: ${line}`);
});
