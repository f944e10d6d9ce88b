import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blobUrl, parseIndex, planIndex, readRunIndex, readStoredRecord, saveRun, INDEX_PATH } from '../../src/github/store.js';
import { GitHubError } from '../../src/github/client.js';
import { startFake } from './helpers.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const SHA_C = 'c'.repeat(40);

function record(sha: string): Buffer {
  return Buffer.from(JSON.stringify({
    recordVersion: 1, params: {}, dataset: {}, split: {}, metrics: { val_acc: 0.5 }, history: [], confusionMatrix: [], predictions: [], source: { sha },
  }));
}

function files(sha: string) {
  return [
    { name: 'run.json', content: record(sha) },
    { name: 'chart.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, sha.charCodeAt(0)]) },
  ];
}

const entry = (createdAt: string) => ({ createdAt });

test('planIndex prunes the oldest runs beyond keepRuns but never protected or the new one', () => {
  const index = { version: 1, runs: ['1', '2', '3', '4'].map((sha) => ({ sha, createdAt: sha })) };
  assert.deepEqual(planIndex(index, { sha: '5', createdAt: '5' }, { keepRuns: 3, protect: new Set() }).pruned, ['1', '2']);
  const protectedPlan = planIndex(index, { sha: '5', createdAt: '5' }, { keepRuns: 3, protect: new Set(['1']) });
  assert.deepEqual(protectedPlan.pruned, ['2', '3']);
  assert.deepEqual(protectedPlan.index.runs.map((run) => run.sha), ['1', '4', '5']);
  // A re-run of a commit moves its entry to the end instead of adding a second one.
  assert.deepEqual(planIndex(index, { sha: '2', createdAt: '9' }, { keepRuns: 10, protect: new Set() }).index.runs.map((run) => run.sha), ['1', '3', '4', '2']);
});

test('parseIndex names the file when it is broken', () => {
  assert.throws(() => parseIndex(Buffer.from('{'), 'index.json on x'), /index.json on x is not valid JSON/);
  assert.throws(() => parseIndex(Buffer.from('{"runs": 3}'), 'index.json on x'), /no valid "runs" list/);
});

test('blobUrl pins the commit and asks for the raw file', () => {
  assert.equal(blobUrl('https://github.com/', { owner: 'o', repo: 'r' }, 'c0ffee', 'runs/abc/confusion matrix.png'), 'https://github.com/o/r/blob/c0ffee/runs/abc/confusion%20matrix.png?raw=true');
});

test('the first save creates the orphan reports branch; a second goes on top of it', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const first = await saveRun(client, repo, { branch: 'reports', sha: SHA_A, files: files(SHA_A), entry: entry('t1'), keepRuns: 10 });
    assert.equal(fake.branchHead('reports'), first.commit);
    assert.equal(fake.firstParentChain(first.commit).length, 1, 'orphan: no parent');
    const second = await saveRun(client, repo, { branch: 'reports', sha: SHA_B, files: files(SHA_B), entry: entry('t2'), keepRuns: 10 });
    assert.deepEqual(fake.firstParentChain(second.commit), [second.commit, first.commit]);
    const tree = fake.filesAt('reports');
    assert.deepEqual([...tree.keys()].sort(), [INDEX_PATH, `runs/${SHA_A}/chart.png`, `runs/${SHA_A}/run.json`, `runs/${SHA_B}/chart.png`, `runs/${SHA_B}/run.json`]);
    assert.deepEqual((await readRunIndex(client, repo, 'reports')).runs.map((run) => run.sha), [SHA_A, SHA_B]);
    const stored = await readStoredRecord(client, repo, 'reports', SHA_A);
    assert.equal(stored?.source?.sha, SHA_A);
    assert.equal(await readStoredRecord(client, repo, 'reports', SHA_C), undefined);
  } finally {
    await fake.close();
  }
});

test('a lost ref race (422) is rebuilt on top of the new head and both records survive', async () => {
  const { fake, client, repo } = await startFake();
  try {
    await saveRun(client, repo, { branch: 'reports', sha: SHA_A, files: files(SHA_A), entry: entry('t1'), keepRuns: 10 });
    // Another job records B exactly when this job is about to move the ref.
    fake.beforeRefUpdate.push(async () => {
      await saveRun(client, repo, { branch: 'reports', sha: SHA_B, files: files(SHA_B), entry: entry('t2'), keepRuns: 10 });
    });
    const logs: string[] = [];
    const result = await saveRun(client, repo, { branch: 'reports', sha: SHA_C, files: files(SHA_C), entry: entry('t3'), keepRuns: 10, log: (line) => logs.push(line) });
    assert.equal(result.attempts, 2);
    assert.equal(fake.countRequests('PATCH', /\/git\/refs\/heads\/reports$/), 3);
    assert.match(logs[0], /moved while recording/);
    const tree = fake.filesAt('reports');
    for (const sha of [SHA_A, SHA_B, SHA_C]) assert.ok(tree.has(`runs/${sha}/run.json`), `record ${sha.slice(0, 1)} survives`);
    assert.deepEqual((await readRunIndex(client, repo, 'reports')).runs.map((run) => run.sha), [SHA_A, SHA_B, SHA_C]);
  } finally {
    await fake.close();
  }
});

test('after N lost races a clear error, and the branch is where the other job left it', async () => {
  const { fake, client, repo } = await startFake();
  try {
    await saveRun(client, repo, { branch: 'reports', sha: SHA_A, files: files(SHA_A), entry: entry('t1'), keepRuns: 10 });
    fake.failNext({ method: 'PATCH', path: /\/git\/refs\/heads\/reports$/, status: 422, message: 'Update is not a fast forward', times: 3 });
    const before = fake.branchHead('reports');
    await assert.rejects(
      saveRun(client, repo, { branch: 'reports', sha: SHA_B, files: files(SHA_B), entry: entry('t2'), keepRuns: 10, maxAttempts: 3 }),
      (error: Error) => error instanceof GitHubError && /another job moved the branch 3 times in a row while this one was writing; nothing was changed/.test(error.message),
    );
    assert.equal(fake.branchHead('reports'), before);
    assert.ok(!fake.filesAt('reports').has(`runs/${SHA_B}/run.json`));
  } finally {
    await fake.close();
  }
});

test('pruning keeps keepRuns records and never drops one a concurrent job added', async () => {
  const { fake, client, repo } = await startFake();
  try {
    await saveRun(client, repo, { branch: 'reports', sha: SHA_A, files: files(SHA_A), entry: entry('t1'), keepRuns: 1 });
    fake.beforeRefUpdate.push(async () => {
      await saveRun(client, repo, { branch: 'reports', sha: SHA_B, files: files(SHA_B), entry: entry('t2'), keepRuns: 1 });
    });
    const result = await saveRun(client, repo, { branch: 'reports', sha: SHA_C, files: files(SHA_C), entry: entry('t3'), keepRuns: 1 });
    // A is pruned (by whichever write came first); B was written concurrently and must stay, C is ours.
    const tree = fake.filesAt('reports');
    assert.ok(!tree.has(`runs/${SHA_A}/run.json`));
    assert.ok(tree.has(`runs/${SHA_B}/run.json`));
    assert.ok(tree.has(`runs/${SHA_C}/run.json`));
    assert.deepEqual(result.pruned, []);
  } finally {
    await fake.close();
  }
});

test('a re-run of the same commit replaces that commit\'s folder', async () => {
  const { fake, client, repo } = await startFake();
  try {
    await saveRun(client, repo, { branch: 'reports', sha: SHA_A, files: [...files(SHA_A), { name: 'old.png', content: Buffer.from('old') }], entry: entry('t1'), keepRuns: 5 });
    await saveRun(client, repo, { branch: 'reports', sha: SHA_A, files: files(SHA_A), entry: entry('t2'), keepRuns: 5 });
    const tree = fake.filesAt('reports');
    assert.ok(!tree.has(`runs/${SHA_A}/old.png`));
    assert.ok(tree.has(`runs/${SHA_A}/chart.png`));
  } finally {
    await fake.close();
  }
});

test('a read-only token gets a message naming contents: write', async () => {
  const { fake, client, repo } = await startFake('ro', { contents: 'read' });
  try {
    await assert.rejects(
      saveRun(client, repo, { branch: 'reports', sha: SHA_A, files: files(SHA_A), entry: entry('t1'), keepRuns: 5 }),
      /Could not record the run on branch "reports": the token is not allowed to \(403 Resource not accessible by integration\); give the job `permissions:` with `contents: write`/,
    );
    assert.equal(fake.branchHead('reports'), undefined);
  } finally {
    await fake.close();
  }
});
