import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { blobUrl, DEFAULT_STORE_REF, INDEX_PATH, parseStoreIndex, planRetention, readStoreIndex, runFolder, saveRun, type SaveOptions, type StoreEntry } from '../../src/github/store.js';
import { GitHubError } from '../../src/github/client.js';
import { identityKey, type RunIdentity } from '../../src/identity.js';
import { startFake } from './helpers.js';

const REF = DEFAULT_STORE_REF;
const IDENTITY: RunIdentity = { workflow: '.github/workflows/ci.yml', job: 'train', variant: '' };
const KEY = identityKey(IDENTITY);
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

const base = (sha: string, extra: Partial<SaveOptions> = {}): SaveOptions => ({
  ref: REF, identity: IDENTITY, kind: 'baseline', sha, createdAt: '2026-01-01T00:00:00Z', files: files(sha), keepRuns: 10, backoffMs: 1, ...extra,
});

function entry(kind: 'baseline' | 'pull', sha: string, extra: Partial<StoreEntry> = {}): StoreEntry {
  const pullRequest = extra.pullRequest;
  return { kind, sha, identity: KEY, workflow: '', job: '', variant: '', path: runFolder(kind, KEY, sha, pullRequest), pin: `pin-${sha}`, createdAt: '2026-01-01T00:00:00Z', bytes: 1, files: {}, ...extra };
}

test('planRetention: keep-runs counts baselines per identity; PR runs are kept apart, a few per open PR, dropped after a closed PR\'s grace', () => {
  const runs = [entry('baseline', '1'), entry('baseline', '2'), entry('baseline', '3')];
  for (let index = 0; index < 5; index += 1) runs.push(entry('pull', `p${index}`, { pullRequest: 7 }));
  runs.push(entry('pull', 'q', { pullRequest: 8, createdAt: '2026-01-01T00:00:00Z' }));
  const now = Date.parse('2026-02-01T00:00:00Z');
  const plan = planRetention({ version: 2, runs }, entry('baseline', '4'), { keepRuns: 2, openPulls: new Set([7]), now, protect: new Set() });
  assert.deepEqual(plan.index.runs.map((run) => run.sha), ['3', 'p2', 'p3', 'p4', '4']);
  assert.deepEqual(plan.pruned.map((run) => run.sha), ['1', '2', 'p0', 'p1', 'q']);
  // A PR run never pushes out a baseline.
  const pulls = planRetention({ version: 2, runs: [entry('baseline', '1'), entry('baseline', '2')] }, entry('pull', 'x', { pullRequest: 9 }), { keepRuns: 2, now, protect: new Set() });
  assert.deepEqual(pulls.pruned, []);
  // Another identity has its own keep-runs.
  const other = planRetention({ version: 2, runs: [entry('baseline', '1'), entry('baseline', '2')] }, entry('baseline', '3', { identity: 'other', path: 'baselines/other/3' }), { keepRuns: 2, now, protect: new Set() });
  assert.deepEqual(other.pruned, []);
  // Unknown open PRs (no permission to list): closed ones are not guessed.
  assert.ok(planRetention({ version: 2, runs }, entry('baseline', '4'), { keepRuns: 2, now, protect: new Set() }).index.runs.some((run) => run.sha === 'q'));
});

test('parseStoreIndex names the file when it is broken', () => {
  assert.throws(() => parseStoreIndex(Buffer.from('{'), 'index.json of x'), /index.json of x is not valid JSON/);
  assert.throws(() => parseStoreIndex(Buffer.from('{"version": 2, "runs": 3}'), 'index.json of x'), /no valid version 2 "runs" list/);
});

test('blobUrl pins the commit and asks for the raw file', () => {
  assert.equal(blobUrl('https://github.com/', { owner: 'o', repo: 'r' }, 'c0ffee', 'pulls/1/k/abc/confusion matrix.png'), 'https://github.com/o/r/blob/c0ffee/pulls/1/k/abc/confusion%20matrix.png?raw=true');
});

test('the first save creates the ref outside refs/heads; each head is re-rooted onto the kept runs\' pins only', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const first = await saveRun(client, repo, base(SHA_A));
    assert.equal(fake.refHead(REF), first.head);
    assert.deepEqual([...fake.refs.keys()], ['train-and-report/records'], 'no branch is created');
    assert.ok(fake.filesAt(first.commit).has(`baselines/${KEY}/${SHA_A}/chart.png`), 'the pin holds the run');
    const second = await saveRun(client, repo, base(SHA_B));
    const tree = fake.filesAt(second.head);
    assert.deepEqual([...tree.keys()].sort(), [INDEX_PATH, `baselines/${KEY}/${SHA_A}/chart.png`, `baselines/${KEY}/${SHA_A}/run.json`, `baselines/${KEY}/${SHA_B}/chart.png`, `baselines/${KEY}/${SHA_B}/run.json`].sort());
    const reachable = fake.reachableObjects((ref) => ref === REF);
    assert.ok(!reachable.has(first.head), 'the previous head is unreachable: history does not accumulate');
    assert.ok(reachable.has(first.commit) && reachable.has(second.commit), 'pins of kept runs stay reachable');
    const index = await readStoreIndex(client, repo, second.head);
    assert.deepEqual(index.runs.map((run) => [run.sha, run.kind, run.bytes]), [[SHA_A, 'baseline', first.bytes], [SHA_B, 'baseline', second.bytes]]);
    assert.equal(first.bytes, files(SHA_A).reduce((sum, file) => sum + file.content.length, 0), 'each record says its stored size');
  } finally {
    await fake.close();
  }
});

test('a lost race is rebuilt on top of the winner, after a jittered backoff, and both records survive', async () => {
  const { fake, client, repo } = await startFake();
  try {
    await saveRun(client, repo, base(SHA_A));
    fake.beforeRefUpdate.push(async () => {
      await saveRun(client, repo, base(SHA_B));
    });
    const logs: string[] = [];
    const waits: number[] = [];
    const result = await saveRun(client, repo, base(SHA_C, { backoffMs: 100, random: () => 0.25, sleep: async (ms) => void waits.push(ms), log: (line) => logs.push(line) }));
    assert.equal(result.attempts, 2);
    assert.deepEqual(waits, [75], 'backoff × (0.5 + jitter)');
    assert.match(logs[0], /moved while recording/);
    const tree = fake.storeFiles();
    for (const sha of [SHA_A, SHA_B, SHA_C]) assert.ok(tree.has(`baselines/${KEY}/${sha}/run.json`), `record ${sha.slice(0, 1)} survives`);
  } finally {
    await fake.close();
  }
});

test('after N lost races a clear error, and nothing of ours was written', async () => {
  const { fake, client, repo } = await startFake();
  try {
    await saveRun(client, repo, base(SHA_A));
    fake.racingWriter = { ref: REF, times: 3 };
    const waits: number[] = [];
    await assert.rejects(
      saveRun(client, repo, base(SHA_B, { maxAttempts: 3, backoffMs: 10, random: () => 0.5, sleep: async (ms) => void waits.push(ms) })),
      (error: Error) => error instanceof GitHubError && /another job moved it 3 times in a row while this one was writing; nothing was changed/.test(error.message),
    );
    assert.deepEqual(waits, [10, 20], 'bounded, doubling');
    assert.ok(!fake.storeFiles().has(`baselines/${KEY}/${SHA_B}/run.json`));
  } finally {
    await fake.close();
  }
});

test('a ruleset that refuses the ref is named as such, with the fix, and not retried', async () => {
  const { fake, client, repo } = await startFake();
  try {
    fake.rulesets.push(/^refs\/train-and-report\//);
    const waits: number[] = [];
    await assert.rejects(saveRun(client, repo, base(SHA_A, { sleep: async (ms) => void waits.push(ms) })), (error: Error) => {
      assert.equal(
        error.message,
        'Could not record the run in refs/train-and-report/records: GitHub refused to update refs/train-and-report/records: a repository ruleset or ref protection blocks it ' +
          "(Repository rule violations found); exclude refs/train-and-report/** from the ruleset's targets or let the workflow's token bypass it, or set the records-ref input to a ref no rule covers",
      );
      return true;
    });
    assert.deepEqual(waits, [], 'a refusal is not a race');
  } finally {
    await fake.close();
  }
});

test('pruning never drops a run a concurrent job added', async () => {
  const { fake, client, repo } = await startFake();
  try {
    await saveRun(client, repo, base(SHA_A, { keepRuns: 1 }));
    fake.beforeRefUpdate.push(async () => {
      await saveRun(client, repo, base(SHA_B, { keepRuns: 1 }));
    });
    const result = await saveRun(client, repo, base(SHA_C, { keepRuns: 1 }));
    const tree = fake.storeFiles();
    assert.ok(!tree.has(`baselines/${KEY}/${SHA_A}/run.json`));
    assert.ok(tree.has(`baselines/${KEY}/${SHA_B}/run.json`));
    assert.ok(tree.has(`baselines/${KEY}/${SHA_C}/run.json`));
    assert.deepEqual(result.pruned, []);
  } finally {
    await fake.close();
  }
});

test('a re-run of the same commit replaces that run\'s folder', async () => {
  const { fake, client, repo } = await startFake();
  try {
    await saveRun(client, repo, base(SHA_A, { files: [...files(SHA_A), { name: 'old.png', content: Buffer.from('old') }] }));
    await saveRun(client, repo, base(SHA_A));
    const tree = fake.storeFiles();
    assert.ok(!tree.has(`baselines/${KEY}/${SHA_A}/old.png`));
    assert.ok(tree.has(`baselines/${KEY}/${SHA_A}/chart.png`));
  } finally {
    await fake.close();
  }
});

test('a read-only token gets a message naming contents: write', async () => {
  const { fake, client, repo } = await startFake('ro', { contents: 'read' });
  try {
    await assert.rejects(
      saveRun(client, repo, base(SHA_A)),
      /Could not record the run in refs\/train-and-report\/records: the token is not allowed to \(403 Resource not accessible by integration\); give the job `permissions:` with `contents: write`/,
    );
    assert.equal(fake.refHead(REF), undefined);
  } finally {
    await fake.close();
  }
});

test('300 records: bytes reachable from the store stay within 1.5 × kept runs × mean run size; a clone of the branches fetches none of them', async (t) => {
  const { fake, client, repo } = await startFake();
  try {
    // The user's repository: a main branch and a tag, whose clone must not grow.
    let mainTip = fake.addCommit([], 'm0');
    fake.refs.set('heads/main', mainTip);
    fake.refs.set('tags/v1', mainTip);
    const cloneBefore = fake.objectBytes(fake.reachableObjects((ref) => ref.startsWith('refs/heads/') || ref.startsWith('refs/tags/')));
    const start = Date.parse('2026-01-01T00:00:00Z');
    let written = 0;
    let pull = 100;
    const open = new Set<number>();
    const total = 300;
    for (let index = 0; index < total; index += 1) {
      const now = start + index * 4 * 3600 * 1000;
      // A run: its record and three charts of varying size (random, so git cannot share them).
      const runFiles = [
        { name: 'run.json', content: Buffer.from(JSON.stringify({ index, pad: 'x'.repeat(1500 + (index % 7) * 100) })) },
        ...['history.png', 'confusion.png', 'predictions.png'].map((name, at) => ({ name, content: randomBytes(8000 + ((index * 37 + at * 11) % 9) * 1000) })),
      ];
      written += runFiles.reduce((sum, file) => sum + file.content.length, 0);
      let options: SaveOptions;
      if (index % 3 === 0) {
        mainTip = fake.addCommit([mainTip], `m${index}`);
        fake.refs.set('heads/main', mainTip);
        options = { ...base(mainTip), files: runFiles, createdAt: new Date(now).toISOString(), keepRuns: 10, now };
      } else {
        // PRs get four runs each, then close.
        if (index % 12 === 1) {
          open.delete(pull);
          pull += 1;
          open.add(pull);
        }
        const head = fake.addCommit([mainTip], `pr ${pull} run ${index}`);
        options = { ...base(head), kind: 'pull', pullRequest: pull, files: runFiles, createdAt: new Date(now).toISOString(), keepRuns: 10, openPulls: new Set(open), now };
      }
      await saveRun(client, repo, options);
    }
    const index = await readStoreIndex(client, repo, fake.refHead(REF)!);
    const kept = index.runs.length;
    const meanRun = written / total;
    const reachable = fake.reachableObjects((ref) => ref === REF);
    const reachableBytes = fake.objectBytes(reachable);
    const bound = 1.5 * kept * meanRun;
    const everWritten = fake.objectBytes(fake.objects.keys());
    const clone = fake.reachableObjects((ref) => ref.startsWith('refs/heads/') || ref.startsWith('refs/tags/'));
    const cloneStoreBytes = fake.objectBytes([...clone].filter((sha) => reachable.has(sha)));
    const figures =
      `records: ${total}; kept: ${kept} (${index.runs.filter((run) => run.kind === 'baseline').length} baselines, ${index.runs.filter((run) => run.kind === 'pull').length} PR runs); ` +
      `mean run ${Math.round(meanRun)} bytes; reachable from ${REF}: ${reachableBytes} bytes; bound 1.5 × kept × mean = ${Math.round(bound)} bytes ` +
      `(ratio ${(reachableBytes / (kept * meanRun)).toFixed(3)}); all objects ever written: ${everWritten} bytes; ` +
      `store bytes a clone of refs/heads + refs/tags fetches: ${cloneStoreBytes} (clone size ${fake.objectBytes(clone)} bytes, ${cloneBefore} before the 300 records)`;
    t.diagnostic(figures);
    console.log(`# ${figures}`);
    assert.ok(reachableBytes <= bound, figures);
    assert.equal(cloneStoreBytes, 0, 'a clone of the branches fetches none of the store');
    assert.ok(kept < 40, `retention keeps the store small (${kept} runs)`);
    assert.ok(everWritten > 5 * reachableBytes, 'pruned runs exist but are unreachable');
    // Every open PR's newest run (what its comment links) is still reachable.
    for (const number of open) {
      const newest = index.runs.filter((run) => run.pullRequest === number).at(-1);
      assert.ok(newest && reachable.has(newest.pin), `PR #${number}'s images stay reachable`);
    }
  } finally {
    await fake.close();
  }
});
