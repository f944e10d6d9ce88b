// End to end, the branch over time: action.yml run as the runner runs it
// (harness.ts) against the loopback fake, real training. Three pushes to
// main (the notebook's params, tuned params, the notebook's again) and a
// pull request: the second push is better beyond seed noise (a notice), the
// third worse (a warning on the commit, one issue opened), the push's
// summary shows the trend, the pull request's comment folds it with the
// PR's own run as the last point. The data is four grey levels, so that two
// epochs separate the params beyond the noise of six seeds.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commentMarker } from '../../src/github/comment.js';
import { DEFAULT_STORE_REF } from '../../src/github/store.js';
import { identityKey, type RunIdentity } from '../../src/identity.js';
import { FakeGitHub } from '../fakes/github.js';
import { webhookExample } from '../fakes/webhooks.js';
import { writeDataset } from '../helpers/images.js';
import { runAction, type ArtifactStore, type RunResult } from './harness.js';

const TOKEN = 'ghs_TrendSecret0123456789abcdefabcdef01';
const IDENTITY: RunIdentity = { workflow: '.github/workflows/ci.yml', job: 'train', variant: '' };
let root = '';
let fake: FakeGitHub;
const artifacts: ArtifactStore = new Map();
let runs = 0;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'trend-e2e-'));
  await writeDataset(join(root, 'data'), { dark: [30, 30, 30], dim: [90, 90, 90], mid: [150, 150, 150], light: [210, 210, 210] }, 24);
  await writeFile(join(root, 'notebook.yaml'), 'train:\n  epochs: 2\n');
  await writeFile(join(root, 'tuned.yaml'), 'train:\n  epochs: 2\n  lr: 0.001\n  conv_size: 64\n  dense_size: 128\n');
  fake = await FakeGitHub.start();
  fake.addToken(TOKEN);
});

after(() => fake.close());

function inputs(params: string): Record<string, string> {
  return { data: join(root, 'data'), params: join(root, `${params}.yaml`), 'github-token': TOKEN };
}

async function push(sha: string, beforeSha: string, params: string): Promise<RunResult> {
  const payload = webhookExample('push');
  Object.assign(payload, { ref: 'refs/heads/main', before: beforeSha, after: sha });
  payload.repository.default_branch = 'main';
  payload.repository.full_name = `${fake.owner}/${fake.repo}`;
  runs += 1;
  return runAction({ fake, token: TOKEN, eventName: 'push', payload, sha, ref: 'refs/heads/main', inputs: inputs(params), workspace: root, artifacts, runId: String(runs) });
}

async function pull(number: number, head: string, base: string, params: string): Promise<RunResult> {
  const payload = webhookExample('pull_request', 'opened');
  const full = `${fake.owner}/${fake.repo}`;
  payload.number = number;
  Object.assign(payload.pull_request, { number, title: 'Tuned params again' });
  payload.pull_request.head.sha = head;
  payload.pull_request.base.sha = base;
  payload.pull_request.base.ref = 'main';
  payload.pull_request.base.repo.full_name = full;
  payload.pull_request.head.repo.full_name = full;
  payload.repository.full_name = full;
  payload.repository.default_branch = 'main';
  fake.addPullRequest(number, head, base, full, { headRef: payload.pull_request.head.ref, baseRef: 'main', title: 'Tuned params again' });
  const merge = fake.addCommit([base, head], 'merge');
  runs += 1;
  return runAction({ fake, token: TOKEN, eventName: 'pull_request', payload, sha: merge, ref: `refs/pull/${number}/merge`, inputs: inputs(params), workspace: root, artifacts, runId: String(runs) });
}

const level = (result: RunResult, which: 'warning' | 'notice') => result.annotations.filter((annotation) => annotation.level === which).map((annotation) => annotation.message);

test('three pushes and a pull request: a notice at the gain, a warning and one issue at the drop, the trend in the summary and folded in the comment', async () => {
  const m0 = fake.addCommit([], 'initial');
  const m1 = fake.addCommit([m0], "The notebook's params");
  const m2 = fake.addCommit([m1], 'Tuned params');
  // Commit subjects come from pull requests: this one must stay text everywhere.
  const m3 = fake.addCommit([m2], 'Back to the notebook @octocat <img src=x> | #1');

  const first = await push(m1, m0, 'notebook');
  assert.equal(first.failed, false, first.rawLog);
  assert.match(first.summary, /### main over the last 1 push\n\n1 run: no step to judge yet\./);

  const second = await push(m2, m1, 'tuned');
  assert.equal(second.failed, false, second.rawLog);
  assert.equal(level(second, 'warning').length, 0);
  assert.match(level(second, 'notice').join('\n'), new RegExp(`^${m1.slice(0, 7)} \\(“The notebook's params”\\) → ${m2.slice(0, 7)} \\(“Tuned params”\\): val_acc 0\\.\\d{4} → 0\\.\\d{4} \\(\\+0\\.\\d{4}; p = 0\\.0\\d+ over 6 seeds per side\\)\\.$`, 'm'));
  assert.equal(fake.issues.size, 0, 'better opens no issue');

  const third = await push(m3, m2, 'notebook');
  assert.equal(third.failed, false, 'a drop is said, it does not fail the push');
  const warnings = level(third, 'warning');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], new RegExp(`^${m2.slice(0, 7)} \\(“Tuned params”\\) → ${m3.slice(0, 7)} \\(“Back to the notebook @octocat <img src=x> \\| #1”\\): val_acc .* \\(−0\\.\\d{4}; p = 0\\.0\\d+ over 6 seeds per side\\)\\.$`));
  assert.equal(fake.issues.size, 1);
  const [issue] = [...fake.issues.values()];
  assert.equal(issue.title, 'Model worse on main: .github/workflows/ci.yml / train');
  assert.equal(issue.state, 'open');
  assert.equal((issue.body.match(/^- /gm) ?? []).length, 1, issue.body);
  assert.ok(issue.body.includes(`${m2.slice(0, 7)} (“Tuned params”) → ${m3.slice(0, 7)}`), issue.body);
  assert.doesNotMatch(issue.body, /@octocat|<img/);

  // The push's summary: the drop first, then the report with the trend as a table and a Mermaid chart.
  const summary = third.summary;
  assert.match(summary, /^\*\*Worse than the previous push beyond seed noise\*\*: /);
  assert.match(summary, /Opened the alert issue \(\[#500\]\(https:\/\/github\.example\/octo-org\/planets\/issues\/500\)\)\./);
  assert.match(summary, /### main over the last 3 pushes\n\n3 runs, 2 steps: 1 better and 1 worse beyond seed noise/);
  const rows = summary.split('\n').filter((line) => /^\| [123] \| [0-9a-f]{7} \|/.test(line));
  assert.equal(rows.length, 3, summary);
  assert.match(rows[1], /▲ better \+0\.\d{4} \(p = /);
  assert.match(rows[2], /Back to the notebook @⁠octocat &lt;img src=x&gt; \\\| #⁠1 .*▼ worse −0\.\d{4} \(p = /);
  assert.match(summary, /```mermaid\n[^`]*x-axis "Run \(numbered as in the table\)" \[1, 2, 3\]/);
  assert.match(summary, /!\[main over the last 3 pushes: mean validation accuracy over seeds, 3 runs/);

  // In the records, as data, beside the run.
  const folder = `baselines/${identityKey(IDENTITY)}/${m3}`;
  const stored = fake.storeFiles();
  assert.ok(stored.has(`${folder}/trend.png`));
  const data = JSON.parse(stored.get(`${folder}/trend.json`)!.toString()) as { version: number; points: Array<{ sha: string; values: number[] }>; steps: Array<{ verdict: string }> };
  assert.equal(data.version, 1);
  assert.deepEqual(data.points.map((point) => point.sha), [m1, m2, m3]);
  assert.deepEqual(data.steps.map((step) => step.verdict), ['better', 'worse']);
  assert.ok(data.points.every((point) => point.values.length === 6));

  // The pull request: its comment folds the trend, its own run the last point; no second issue.
  const p1 = fake.addCommit([m3], 'tuned again');
  const pr = await pull(7, p1, m3, 'tuned');
  assert.equal(pr.failed, false, pr.rawLog);
  const [comment] = fake.commentsOn(7);
  assert.ok(comment.body.startsWith(commentMarker(IDENTITY.workflow, IDENTITY.job)));
  const folded = /<details><summary>main over the last 3 pushes, and this pull request<\/summary>\n\n([\s\S]*?)\n\n<\/details>/.exec(comment.body);
  assert.ok(folded, comment.body);
  const prRows = folded[1].split('\n').filter((line) => /^\| \d \|/.test(line));
  assert.equal(prRows.length, 4);
  // A pull request's seeds train in stages (looks after 1, 3, 4, 6 and at most 8) and stop once the verdict is decided.
  assert.match(prRows[3], /^\| 4 \| PR #⁠7 \| Tuned params again \| 0\.\d{4}( ± 0\.\d{4} \((3|4|6|8) seeds\)| \(1 seed\)) \| ▲ better /);
  assert.ok(pr.summary.includes('<details><summary>main over the last 3 pushes, and this pull request</summary>'));
  assert.equal(fake.issues.size, 1);
  assert.equal(level(pr, 'warning').length, 0);
});
