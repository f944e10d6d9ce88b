import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findBaseline, firstParentPath, getMergeBase } from '../../src/github/baseline.js';
import { saveRun } from '../../src/github/store.js';
import { startFake } from './helpers.js';

function recordFile(sha: string) {
  return [{ name: 'run.json', content: Buffer.from(JSON.stringify({ recordVersion: 1, params: {}, dataset: {}, split: {}, metrics: { val_acc: 0.5 }, history: [], confusionMatrix: [], predictions: [], source: { sha } })) }];
}

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
    const none = await findBaseline(client, repo, { baseSha: m4, headSha: p1, reportsBranch: 'reports', maxDepth: 10 });
    assert.equal(none.found, false);
    assert.match((none as { reason: string }).reason, /branch "reports" does not exist; the first run on the default branch creates it/);

    await saveRun(client, repo, { branch: 'reports', sha: m1, files: recordFile(m1), entry: { createdAt: '1' }, keepRuns: 10 });
    assert.equal(await getMergeBase(client, repo, m4, p1), m3);
    const walked = await findBaseline(client, repo, { baseSha: m4, headSha: p1, reportsBranch: 'reports', maxDepth: 10 });
    assert.ok(walked.found);
    assert.deepEqual([walked.sha, walked.distance, walked.start], [m1, 2, m3]);

    await saveRun(client, repo, { branch: 'reports', sha: m3, files: recordFile(m3), entry: { createdAt: '2' }, keepRuns: 10 });
    await saveRun(client, repo, { branch: 'reports', sha: m4, files: recordFile(m4), entry: { createdAt: '3' }, keepRuns: 10 });
    const exact = await findBaseline(client, repo, { baseSha: m4, headSha: p1, reportsBranch: 'reports', maxDepth: 10 });
    assert.ok(exact.found);
    assert.equal(exact.sha, m3, 'merge-base preferred over the moved base');
    assert.equal(exact.record.source?.sha, m3);

    const bounded = await findBaseline(client, repo, { baseSha: m2, reportsBranch: 'reports', maxDepth: 1 });
    assert.equal(bounded.found, false);
    assert.match((bounded as { reason: string }).reason, /no recorded run for .{7} .*searched up to 1/);
  } finally {
    await fake.close();
  }
});

test('a base commit that does not exist is said plainly', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const m1 = fake.addCommit([], 'm1');
    await saveRun(client, repo, { branch: 'reports', sha: m1, files: recordFile(m1), entry: { createdAt: '1' }, keepRuns: 10 });
    const missing = 'f'.repeat(40);
    const result = await findBaseline(client, repo, { baseSha: missing, headSha: m1, reportsBranch: 'reports', maxDepth: 10 });
    assert.deepEqual(result, { found: false, reason: `the base commit ${missing} was not found in the repository` });
  } finally {
    await fake.close();
  }
});
