import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, explain, GitHubError, retryDelay, withRetries } from '../../src/github/client.js';
import { FakeGitHub } from '../fakes/github.js';
import { FAST_RETRY, startFake } from './helpers.js';

test('5xx bursts are retried with backoff until the call succeeds', async () => {
  const { fake, client, repo } = await startFake();
  try {
    fake.addCommit([], 'root');
    for (const status of [500, 502, 503]) fake.failNext({ path: /\/commits$/, status, times: 1 });
    const retries: string[] = [];
    const retrying = createClient('ghs_test_token', { apiUrl: fake.url, retry: { ...FAST_RETRY, onRetry: (line) => retries.push(line) } });
    const root = fake.addCommit([], 'second root');
    const { data } = await retrying.rest.repos.listCommits({ ...repo, sha: root });
    assert.equal(retries.length, 3);
    assert.match(retries[0], /failed with 500/);
    assert.equal(fake.countRequests('GET', /\/commits$/), 4);
    assert.deepEqual(data.map((commit) => commit.sha), [root]);
    void client;
  } finally {
    await fake.close();
  }
});

test('a secondary rate limit (403 with retry-after) waits retry-after units, then succeeds', async () => {
  const { fake, repo } = await startFake();
  try {
    fake.addCommit([], 'root');
    fake.failNext({ path: /\/commits$/, status: 403, headers: { 'retry-after': '3' }, message: 'You have exceeded a secondary rate limit', times: 1 });
    const waits: number[] = [];
    const client = createClient('ghs_test_token', {
      apiUrl: fake.url,
      retry: { ...FAST_RETRY, sleep: async (ms) => void waits.push(ms) },
    });
    const root = fake.addCommit([], 'root 2');
    const { data } = await client.rest.repos.listCommits({ ...repo, sha: root });
    assert.equal(data[0].sha, root);
    assert.deepEqual(waits, [3 * FAST_RETRY.baseDelayMs]);
    assert.equal(fake.countRequests('GET', /\/commits$/), 2);
  } finally {
    await fake.close();
  }
});

test('retries stop at the time bound with a message that says GitHub kept failing', async () => {
  const { fake, repo } = await startFake();
  try {
    fake.failNext({ path: /\/commits$/, status: 503, times: 100 });
    const client = createClient('ghs_test_token', { apiUrl: fake.url, retry: { baseDelayMs: 20, maxAttempts: 50, maxTotalMs: 150 } });
    const started = Date.now();
    await assert.rejects(client.rest.repos.listCommits({ ...repo }), (error: Error) => {
      assert.ok(error instanceof GitHubError);
      assert.match(error.message, /GitHub kept failing \(503 .*\) after \d attempts/);
      return true;
    });
    assert.ok(Date.now() - started < 1000, 'bounded total time');
    assert.ok(fake.countRequests('GET', /\/commits$/) <= 4);
  } finally {
    await fake.close();
  }
});

test('a 403 without rate-limit signs is not retried', async () => {
  const error = Object.assign(new Error('Resource not accessible by integration'), { status: 403, response: { headers: {}, data: { message: 'Resource not accessible by integration' } } });
  assert.equal(retryDelay(error, 1, FAST_RETRY), undefined);
  let calls = 0;
  await assert.rejects(withRetries(async () => { calls += 1; throw error; }, FAST_RETRY, 'x'));
  assert.equal(calls, 1);
});

test('a primary rate limit waits until the reset time', () => {
  const now = 1_000_000_000_000;
  const error = { status: 403, response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 7) } } };
  assert.equal(retryDelay(error, 1, FAST_RETRY, now), 7000);
});

test('explain names the permission from the operation or from GitHub\'s accepted-permissions header', async () => {
  const fake = await FakeGitHub.start();
  fake.addToken('read-only', { contents: 'read' });
  const client = createClient('read-only', { apiUrl: fake.url, retry: FAST_RETRY });
  try {
    const failure = await client.rest.git.createBlob({ owner: fake.owner, repo: fake.repo, content: 'x' }).catch((error: unknown) => error);
    const fromHeader = explain(failure, { action: 'write a blob' }) as Error;
    assert.equal(fromHeader.message, 'Could not write a blob: the token is not allowed to (403 Resource not accessible by integration); give the job `permissions:` with `contents: write` (or pass a github-token that has it)');
    const missing = await client.rest.git.getRef({ owner: fake.owner, repo: fake.repo, ref: 'heads/nope' }).catch((error: unknown) => error);
    assert.equal((explain(missing, { action: 'read it', missing: 'branch "nope"' }) as Error).message, 'Could not read it: branch "nope" was not found');
    const plain = new TypeError('boom');
    assert.equal(explain(plain, { action: 'x' }), plain);
  } finally {
    await fake.close();
  }
});

test('an unknown token gets a 401 message pointing at the github-token input', async () => {
  const fake = await FakeGitHub.start();
  const client = createClient('nobody', { apiUrl: fake.url, retry: FAST_RETRY });
  try {
    const failure = await client.rest.repos.listCommits({ owner: fake.owner, repo: fake.repo }).catch((error: unknown) => error);
    assert.match((explain(failure, { action: 'list commits' }) as Error).message, /401 Bad credentials\); check the github-token input/);
  } finally {
    await fake.close();
  }
});
