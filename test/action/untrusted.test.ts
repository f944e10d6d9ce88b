// A fork's artifact cannot speak for the bot: the attacks of a fork that edits
// its own artifacts by hand, against the privileged workflow_run job, in both
// modes that read them (aggregate and publish). One real fork pull-request
// run of a two-leg matrix (read-only token) uploads the artifacts; each case
// copies them into a new workflow run, tampers with the copy and runs the
// real action.yml (harness.ts) against the loopback fake GitHub API.

import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleDataset } from '../../src/data/sample.js';
import { DEFAULT_STORE_REF } from '../../src/github/store.js';
import { FakeGitHub, type FakeWorkflowRun } from '../fakes/github.js';
import { webhookExample } from '../fakes/webhooks.js';
import { runAction, type ArtifactStore, type RunResult } from './harness.js';

const TOKEN = 'ghs_UntrustedGate0123456789abcdefabcdef01';
const READ_ONLY_TOKEN = 'ghs_UntrustedFork0123456789abcdefabcdef0';
const FORK = 'someone/planets';
const FORK_BRANCH = 'fork-sweep';
const PR = 8;
const LEGS = ['0.001', '0.01'];

let fake: FakeGitHub;
let workspace = '';
const artifacts: ArtifactStore = new Map();
let main: string[] = [];
let forkHead = '';
let forkRun: FakeWorkflowRun;
let nextRunId = 100;
/** The artifacts' names, one per leg, as the legs uploaded them. */
let names: string[] = [];

before(async () => {
  const root = await mkdtemp(join(tmpdir(), 'untrusted-data-'));
  const data = join(root, 'data');
  await generateSampleDataset({ outDir: data, imagesPerClass: 12, seed: 11 });
  await writeFile(join(root, 'params.yaml'), 'train:\n  epochs: 1\n');
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN);
  fake.addToken(READ_ONLY_TOKEN, { contents: 'read', pullRequests: 'read' });
  workspace = await mkdtemp(join(tmpdir(), 'workspace-'));
  const m0 = fake.addCommit([], 'm0');
  main = [m0, fake.addCommit([m0], 'm1')];
  forkHead = fake.addCommit([main[1]], 'fork sweep');
  const payload = webhookExample('pull_request', 'opened');
  Object.assign(payload, { number: PR });
  Object.assign(payload.pull_request, { number: PR, title: 'Sweep the learning rate' });
  Object.assign(payload.pull_request.head, { sha: forkHead, ref: FORK_BRANCH });
  payload.pull_request.head.repo.full_name = FORK;
  Object.assign(payload.pull_request.base, { sha: main[1], ref: 'main' });
  payload.pull_request.base.repo.full_name = `${fake.owner}/${fake.repo}`;
  payload.repository.full_name = `${fake.owner}/${fake.repo}`;
  payload.repository.default_branch = 'main';
  fake.addPullRequest(PR, forkHead, main[1], FORK, { headRef: FORK_BRANCH, title: 'Sweep the learning rate' });
  const merge = fake.addCommit([main[1], forkHead], 'merge');
  for (const lr of LEGS) {
    const leg = await runAction({
      fake, token: READ_ONLY_TOKEN, eventName: 'pull_request', payload, sha: merge, ref: `refs/pull/${PR}/merge`, workflow: 'Sweep', job: 'train', matrix: { lr },
      inputs: { data, params: join(root, 'params.yaml'), 'github-token': READ_ONLY_TOKEN, comment: 'off', 'params-override': `train.lr=${lr}` },
      workspace, artifacts, runId: '1',
    });
    assert.equal(leg.failed, false, leg.rawLog);
    names.push(leg.uploads[0].name);
  }
  forkRun = { id: 1, name: 'Sweep', event: 'pull_request', headSha: forkHead, headBranch: FORK_BRANCH, headRepo: FORK };
  fake.addWorkflowRun(forkRun);
});

after(async () => {
  await fake?.close();
});

/** A new workflow run of the fork holding copies of the legs' artifacts (or the ones `pick` names), each changed by `edit`. */
async function tampered(edit: (folder: string, name: string) => Promise<void> = async () => {}, pick: string[] = names): Promise<string> {
  const id = nextRunId++;
  const copies = new Map<string, string>();
  for (const name of pick) {
    const copy = await mkdtemp(join(tmpdir(), 'tampered-'));
    await cp(artifacts.get('1')!.get(name)!, copy, { recursive: true });
    await edit(copy, name);
    copies.set(name, copy);
  }
  artifacts.set(String(id), copies);
  fake.addWorkflowRun({ ...forkRun, id });
  for (const lr of LEGS) fake.addJob(String(id), { name: `train (${lr})`, status: 'completed', conclusion: 'success' });
  return String(id);
}

async function editJson(file: string, edit: (value: any) => void): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const value = JSON.parse(await readFile(file, 'utf8'));
  edit(value);
  await writeFile(file, JSON.stringify(value, null, 2));
}

/** The privileged workflow_run job, in aggregate or publish mode, for the run `runId`. */
function privileged(mode: 'aggregate' | 'publish', runId: string): Promise<RunResult> {
  const payload = webhookExample('workflow_run', 'completed');
  payload.workflow_run.id = Number(runId);
  payload.workflow_run.head_sha = forkHead;
  payload.repository.full_name = `${fake.owner}/${fake.repo}`;
  return runAction({
    fake, token: TOKEN, eventName: 'workflow_run', payload, sha: main[1], ref: 'refs/heads/main',
    inputs: { mode, 'github-token': TOKEN }, workspace, artifacts, runId: String(nextRunId++), workflow: 'Publish', job: 'publish',
  });
}

const errors = (result: RunResult) => result.annotations.filter((a) => a.level === 'error').map((a) => a.message);

function snapshot(): { head: string | undefined; comments: string } {
  return { head: fake.refHead(DEFAULT_STORE_REF), comments: JSON.stringify(fake.comments) };
}

/** Refused: the step failed with one error line, no stack trace, nothing stored, no comment touched. */
async function assertRefused(mode: 'aggregate' | 'publish', runId: string, expected: RegExp): Promise<string> {
  const before = snapshot();
  const result = await privileged(mode, runId);
  assert.equal(result.failed, true, result.rawLog);
  const lines = errors(result);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0], expected);
  assert.doesNotMatch(result.rawLog, /^\s+at .*\(.*:\d+:\d+\)$/m, 'no stack trace in the log');
  assert.deepEqual(snapshot(), before, 'nothing stored, no comment written');
  return lines[0];
}

/** Lines of the raw log that the runner would read as a workflow command, other than the action's own kinds. */
function foreignCommands(result: RunResult): string[] {
  return result.rawLog.split('\n').filter((line) => /^\s*(::|##\[)/.test(line) && !/^::(add-mask|debug|notice|warning|error|group|endgroup)::/.test(line));
}

function tableRows(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Variant |'));
  assert.ok(start >= 0, 'the comment has the comparison table');
  const rows: string[] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
  return rows;
}

const PROVENANCE = /\*\*Reported by the fork's own run, not reproduced: someone\/planets ran its own workflow \(the fork's code\), so these numbers are its claim\.\*\*/;

test("aggregate: the fork's sweep is published with its numbers marked as the fork's own, and its previews as supplied by it", async () => {
  const result = await privileged('aggregate', await tampered());
  assert.equal(result.failed, false, result.rawLog);
  const [comment] = fake.commentsOn(PR);
  assert.ok(comment, 'one comment');
  assert.equal(tableRows(comment.body).length, 2);
  const above = comment.body.slice(0, comment.body.indexOf('| Variant |'));
  assert.match(above, PROVENANCE, 'said above the table, where the verdicts are');
  assert.equal(comment.body.match(new RegExp(PROVENANCE.source, 'g'))?.length, 3, "and in each variant's folded report");
  assert.equal((comment.body.match(/!\[Predictions preview supplied by the fork's own run, not drawn by this job\]/g) ?? []).length, 2);
  assert.equal((comment.body.match(/Predictions preview supplied by the fork's own run, not drawn by this job: /g) ?? []).length, 2);
  assert.deepEqual(foreignCommands(result), []);
});

test("aggregate: workflow commands in leg.json's variant reach no log line, output or annotation", async () => {
  const attack = 'lr=0.001\n::set-output name=baseline-sha::$(id>/tmp/pwned)\n::set-output name=model::/etc\n::error title=Security::All checks passed, merge approved\n';
  const runId = await tampered((folder, name) => (name === names[0] ? editJson(join(folder, 'leg.json'), (leg) => (leg.variant = attack)) : Promise.resolve()));
  const result = await privileged('aggregate', runId);
  assert.equal(result.failed, false, result.rawLog);
  assert.deepEqual(foreignCommands(result), [], 'no line of the log is a command the runner obeys');
  assert.ok(!result.annotations.some((annotation) => /All checks passed/.test(annotation.message)), JSON.stringify(result.annotations));
  assert.doesNotMatch(result.outputs['baseline-sha'] ?? '', /\$\(id/);
  assert.doesNotMatch(result.outputs.model ?? '', /^\/etc/);
  assert.doesNotMatch(result.outputs.metrics ?? '', /[$`\n]/);
});

test("aggregate: a blank line in leg.json's variant cannot break out of <summary> into headings, links and images", async () => {
  const attack = 'lr=0.001\n\n## INJECTED heading\n\n[merge now](https://evil.example) ![approved](https://evil.example/ok.png)\n\n<summary>';
  const runId = await tampered((folder, name) => (name === names[0] ? editJson(join(folder, 'leg.json'), (leg) => (leg.variant = attack)) : Promise.resolve()));
  const result = await privileged('aggregate', runId);
  assert.equal(result.failed, false, result.rawLog);
  const body = fake.commentsOn(PR)[0].body;
  assert.doesNotMatch(body, /^#+ INJECTED/m);
  assert.doesNotMatch(body, /\]\(https:\/\/evil\.example/);
  for (const text of [body, result.summary]) {
    for (const line of text.split('\n').filter((candidate) => candidate.includes('<summary>'))) {
      assert.match(line, /^<details><summary>[^<]*<\/summary>$/, line);
    }
  }
});

test('aggregate: a variant ".." writes no report or chart outside the comparison\'s folder', async () => {
  const runId = await tampered(async (folder, name) => {
    if (name !== names[0]) return;
    await editJson(join(folder, 'leg.json'), (leg) => (leg.variant = '..'));
    await editJson(join(folder, 'handoff.json'), (handoff) => (handoff.variant = '..'));
  });
  const result = await privileged('aggregate', runId);
  assert.equal(result.failed, false, result.rawLog);
  const above = await readdir(result.runnerTemp);
  assert.deepEqual(above.filter((entry) => /\.(md|html|png|json)$/.test(entry)), [], `RUNNER_TEMP holds only folders: ${above.join(', ')}`);
  const inside = await readdir(join(result.runnerTemp, 'train-and-report-aggregate'));
  assert.ok(inside.includes('report.md') && inside.includes('variant'), inside.join(', '));
});

test('aggregate: a val_acc of 7.5 is refused by the schema, not shown as a verdict', async () => {
  const runId = await tampered((folder, name) => (name === names[0] ? editJson(join(folder, 'run.json'), (record) => (record.metrics.val_acc = 7.5)) : Promise.resolve()));
  await assertRefused('aggregate', runId, /run\.json: field "metrics\.val_acc" must be a finite number from 0 to 1; refusing the artifact/);
});

test('aggregate: an artifact holding only leg.json is refused with one line and gets no row', async () => {
  const runId = await tampered();
  const evil = await mkdtemp(join(tmpdir(), 'evil-'));
  await writeFile(join(evil, 'leg.json'), JSON.stringify({ version: 1, workflow: '.github/workflows/ci.yml', job: 'train', variant: 'approved', paramsOverride: [], runId: '1', sha: forkHead }));
  artifacts.get(runId)!.set('train-and-report-approved', evil);
  const result = await privileged('aggregate', runId);
  assert.equal(result.failed, false, result.rawLog);
  const notices = result.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
  assert.deepEqual(notices.filter((line) => line.includes('train-and-report-approved')), [
    'Refused the artifact train-and-report-approved: it holds no run record and hand-off to check against the API, so nothing in it is shown.',
  ]);
  const rows = tableRows(fake.commentsOn(PR)[0].body);
  assert.equal(rows.length, 2, rows.join('\n'));
  assert.ok(!rows.some((row) => row.includes('approved')), rows.join('\n'));
});

test('aggregate: 21 artifacts are refused before any is read', async () => {
  const runId = await tampered();
  const run = artifacts.get(runId)!;
  for (let index = run.size; index < 21; index++) run.set(`train-and-report-copy-${index}`, run.get(names[index % 2])!);
  await assertRefused('aggregate', runId, /holds 21 artifacts, more than the 20 one run may publish; refusing them all/);
});

test('publish: 21 artifacts are refused, and two artifacts of one pull request and variant too', async () => {
  const many = await tampered();
  const run = artifacts.get(many)!;
  for (let index = run.size; index < 21; index++) run.set(`train-and-report-copy-${index}`, run.get(names[index % 2])!);
  await assertRefused('publish', many, /holds 21 artifacts with a hand-off, more than the 20 one publish run takes; refusing them all, nothing was published/);
  const twice = await tampered();
  artifacts.get(twice)!.set('train-and-report-same-again', artifacts.get(twice)!.get(names[0])!);
  await assertRefused('publish', twice, /^the artifacts \S+ and \S+ are the same run \(pull request, workflow, job and variant\); refusing to publish either$/);
});

test('publish: run.json fields named constructor, __proto__ or metrics.toString are refused by name, and nothing inherits', async () => {
  const one = [names[0]];
  const constructor = await tampered((folder) => editJson(join(folder, 'run.json'), (record) => (record.constructor = { prototype: { polluted: true } })), one);
  await assertRefused('publish', constructor, /run\.json: the key "(constructor|prototype)" is not allowed \(it names a JavaScript object's internals, not data\); refusing the artifact$/);
  // Metric names are open (a training command's own metrics), so a text value is refused as no number,
  // and a number under a name the built-in trainer never writes as not its metric.
  const toString = await tampered((folder) => editJson(join(folder, 'run.json'), (record) => (record.metrics.toString = 'pwned')), one);
  await assertRefused('publish', toString, /run\.json: field "metrics\.toString" must be a finite number/);
  const numeric = await tampered((folder) => editJson(join(folder, 'run.json'), (record) => (record.metrics.toString = 1)), one);
  await assertRefused('publish', numeric, /run\.json: field "metrics\.toString" must be absent \(not a metric of the built-in trainer/);
  const params = await tampered(async (folder) => {
    const file = join(folder, 'run.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"params": {', '"params": {"__proto__": {"hasOwn": {}}, '));
  }, one);
  await assertRefused('publish', params, /run\.json: the key "__proto__" is not allowed/);
});

test('publish: a record of 151 classes is refused before any chart is drawn', async () => {
  const runId = await tampered((folder) => editJson(join(folder, 'run.json'), (record) => {
    // Consistent in every other way: the matrix, the probabilities and the image counts follow the classes.
    const extra = Array.from({ length: 151 - record.dataset.classes.length }, (_, i) => `Extra${i}`);
    record.dataset.classes.push(...extra);
    for (const name of extra) record.dataset.imagesPerClass[name] = 0;
    record.confusionMatrix = record.dataset.classes.map((_: string, i: number) => record.dataset.classes.map((__: string, j: number) => record.confusionMatrix[i]?.[j] ?? 0));
    for (const prediction of record.predictions) prediction.probabilities.push(...extra.map(() => 0));
  }), [names[0]]);
  await assertRefused('publish', runId, /run\.json: field "dataset\.classes" must be an array of at most 150 entries \(has 151\)/);
});

test('publish: bidi overrides and zero-width characters in class names are shown, not obeyed; the record is stored compact', async () => {
  const renames: Record<string, string> = { Earth: 'Earth\u202Eecnalab', Moon: 'Mo\u200Bon' };
  const runId = await tampered((folder) => editJson(join(folder, 'run.json'), (record) => {
    const rename = (name: string) => renames[name] ?? name;
    record.dataset.classes = record.dataset.classes.map(rename);
    record.dataset.imagesPerClass = Object.fromEntries(Object.entries(record.dataset.imagesPerClass).map(([name, count]) => [rename(name), count]));
    for (const prediction of record.predictions) Object.assign(prediction, { trueLabel: rename(prediction.trueLabel), predictedLabel: rename(prediction.predictedLabel) });
    for (const row of record.perClass) row.label = rename(row.label);
    for (const repeat of record.repeats) for (const row of repeat.perClass ?? []) row.label = rename(row.label);
  }), [names[0]]);
  const result = await privileged('publish', runId);
  assert.equal(result.failed, false, result.rawLog);
  const body = fake.commentsOn(PR).find((comment) => result.outputs['comment-url'].endsWith(`#issuecomment-${comment.id}`))!.body;
  for (const text of [body, result.summary, result.rawLog]) {
    assert.doesNotMatch(text, /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\uFEFF]/u, 'no bidi or zero-width character survives');
  }
  assert.ok(body.includes('Earth⟨U+202E⟩ecnalab'), 'the override is shown by its code point');
  assert.ok(body.includes('Mo⟨U+200B⟩on'));
  const stored = [...fake.filesAt(fake.refHead(DEFAULT_STORE_REF)!)].find(([path]) => path.startsWith(`pulls/${PR}/`) && path.endsWith('/run.json'))!;
  assert.ok(!stored[1].toString().trimEnd().includes('\n'), 'run.json is stored on one line, not pretty-printed');
});

after(async () => {
  // The tampered copies; the harness's own folders are left as every action test leaves them.
  for (const [id, run] of artifacts) if (id !== '1') for (const folder of new Set(run.values())) await rm(folder, { recursive: true, force: true });
});
