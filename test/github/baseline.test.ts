import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findBaseline, firstParentPath, getMergeBase } from '../../src/github/baseline.js';
import { createBlob, createCommit, createTree, DEFAULT_STORE_REF, saveRun } from '../../src/github/store.js';
import type { RunIdentity } from '../../src/identity.js';
import { startFake } from './helpers.js';

const IDENTITY: RunIdentity = { workflow: '.github/workflows/ci.yml', job: 'train', variant: '' };
const LEG_B: RunIdentity = { ...IDENTITY, variant: '{"params":"b.yaml"}' };

function recordFile(sha: string, accuracy = 0.5) {
  return [{ name: 'run.json', content: Buffer.from(JSON.stringify({ recordVersion: 1, params: {}, dataset: {}, split: {}, metrics: { val_acc: accuracy }, history: [], confusionMatrix: [], predictions: [], source: { sha } })) }];
}

const save = (sha: string, extra: Record<string, unknown> = {}) => ({
  ref: DEFAULT_STORE_REF, identity: IDENTITY, kind: 'baseline' as const, sha, createdAt: '2026-01-01T00:00:00Z', files: recordFile(sha), keepRuns: 10, ...extra,
});
const query = (baseSha: string, extra: Record<string, unknown> = {}) => ({ baseSha, storeRef: DEFAULT_STORE_REF, identity: IDENTITY, maxDepth: 10, ...extra });

test('firstParentPath follows first parents and reports where the listing ends', () => {
  const commits = [
    { sha: 'd', parents: ['c', 'x'] },
    { sha: 'c', parents: ['b'] },
    { sha: 'x', parents: ['b'] },
    { sha: 'b', parents: ['a'] },
  ];
  assert.deepEqual(firstParentPath(commits, 'd', 10), { path: ['d', 'c', 'b'], next: 'a' });
  assert.deepEqual(firstParentPath(commits, 'd', 2), { path: ['d', 'c'] });
});

test('the baseline is the merge-base record, else the nearest recorded first-parent ancestor', async () => {
  const { fake, client, repo } = await startFake();
  try {
    // main: m1 - m2 - m3 - m4 ; the PR branched at m3 (p1), main moved on to m4.
    const m1 = fake.addCommit([], 'm1');
    const m2 = fake.addCommit([m1], 'm2');
    const m3 = fake.addCommit([m2], 'm3');
    const m4 = fake.addCommit([m3], 'm4');
    const p1 = fake.addCommit([m3], 'p1');
    const none = await findBaseline(client, repo, query(m4, { headSha: p1 }));
    assert.equal(none.found, false);
    assert.match((none as { reason: string }).reason, /refs\/train-and-report\/records does not exist; the first push run on the base branch creates it/);

    await saveRun(client, repo, save(m1));
    assert.equal(await getMergeBase(client, repo, m4, p1), m3);
    const walked = await findBaseline(client, repo, query(m4, { headSha: p1 }));
    assert.ok(walked.found);
    assert.deepEqual([walked.sha, walked.distance, walked.start], [m1, 2, m3]);

    await saveRun(client, repo, save(m3));
    await saveRun(client, repo, save(m4));
    const exact = await findBaseline(client, repo, query(m4, { headSha: p1 }));
    assert.ok(exact.found);
    assert.equal(exact.sha, m3, 'merge-base preferred over the moved base');
    assert.equal(exact.record.source?.sha, m3);

    const bounded = await findBaseline(client, repo, query(m2, { maxDepth: 1 }));
    assert.equal(bounded.found, false);
    assert.match((bounded as { reason: string }).reason, /no recorded run of this workflow, job and variant for .{7} .*searched up to 1/);
  } finally {
    await fake.close();
  }
});

test('a PR run at a base commit is never a baseline, and each variant has its own baselines', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const m1 = fake.addCommit([], 'm1');
    const m2 = fake.addCommit([m1], 'm2');
    await saveRun(client, repo, save(m1));
    await saveRun(client, repo, { ...save(m2), kind: 'pull', pullRequest: 4 });
    const found = await findBaseline(client, repo, query(m2));
    assert.ok(found.found);
    assert.equal(found.sha, m1, 'the PR run at m2 is skipped');
    await saveRun(client, repo, { ...save(m2), identity: LEG_B, files: recordFile(m2, 0.9) });
    const leg = await findBaseline(client, repo, query(m2, { identity: LEG_B }));
    assert.ok(leg.found);
    assert.deepEqual([leg.sha, leg.record.metrics.val_acc], [m2, 0.9]);
    assert.ok((await findBaseline(client, repo, query(m1, { identity: LEG_B }))).found === false, 'leg B has no run at m1');
  } finally {
    await fake.close();
  }
});

test('records in the old reports-branch layout are read as baselines of the default identity, and only its push records', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const m1 = fake.addCommit([], 'm1');
    const m2 = fake.addCommit([m1], 'm2');
    // Today's layout, written as the previous version wrote it: runs/<sha>/run.json and a version 1 index.
    const entries = [{ sha: m1, createdAt: '1', ref: 'refs/heads/main' }, { sha: m2, createdAt: '2', ref: 'pull/3', pullRequest: 3 }];
    const changes = [];
    for (const sha of [m1, m2]) changes.push({ path: `runs/${sha}/run.json`, sha: await createBlob(client, repo, recordFile(sha)[0].content) });
    changes.push({ path: 'index.json', sha: await createBlob(client, repo, Buffer.from(JSON.stringify({ version: 1, runs: entries }))) });
    const tree = await createTree(client, repo, undefined, changes);
    fake.refs.set('heads/train-and-report-reports', await createCommit(client, repo, 'old', tree, []));
    const found = await findBaseline(client, repo, query(m2, { legacyBranch: 'train-and-report-reports' }));
    assert.ok(found.found);
    assert.equal(found.sha, m1, 'the old PR record at m2 is not a baseline');
    const leg = await findBaseline(client, repo, query(m2, { legacyBranch: 'train-and-report-reports', identity: LEG_B }));
    assert.equal(leg.found, false, 'a matrix leg does not read the old records');
  } finally {
    await fake.close();
  }
});

test('a base commit that does not exist is said plainly', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const m1 = fake.addCommit([], 'm1');
    await saveRun(client, repo, save(m1));
    const missing = 'f'.repeat(40);
    const result = await findBaseline(client, repo, query(missing, { headSha: m1 }));
    assert.deepEqual(result, { found: false, reason: `the base commit ${missing} was not found in the repository` });
  } finally {
    await fake.close();
  }
});
