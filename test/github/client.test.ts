import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, explain, GitHubError } from '../../src/github/client.js';
import { FakeGitHub } from '../fakes/github.js';
import { FAST_RETRY, startFake } from './helpers.js';

test('5xx bursts are retried (retry plugin) until the call succeeds, each attempt logged', async () => {
  const { fake, repo } = await startFake();
  try {
    for (const status of [500, 502, 503]) fake.failNext({ path: /\/commits$/, status, times: 1 });
    const retries: string[] = [];
    const client = createClient('ghs_test_token', { apiUrl: fake.url, retry: { ...FAST_RETRY, onRetry: (line) => retries.push(line) } });
    const root = fake.addCommit([], 'root');
    const { data } = await client.rest.repos.listCommits({ ...repo, sha: root });
    assert.equal(retries.length, 3);
    assert.match(retries[0], /GET \/repos\/…\/…\/commits failed with 500 .*retrying/);
    assert.equal(fake.countRequests('GET', /\/commits$/), 4);
    assert.deepEqual(data.map((commit) => commit.sha), [root]);
  } finally {
    await fake.close();
  }
});

test('a secondary rate limit (403 with retry-after) is waited out by the throttling plugin, then succeeds', async () => {
  const { fake, repo } = await startFake();
  try {
    fake.failNext({ path: /\/commits$/, status: 403, headers: { 'retry-after': '3' }, message: 'You have exceeded a secondary rate limit', times: 1 });
    const lines: string[] = [];
    const client = createClient('ghs_test_token', { apiUrl: fake.url, retry: { ...FAST_RETRY, onRetry: (line) => lines.push(line) } });
    const root = fake.addCommit([], 'root 2');
    const { data } = await client.rest.repos.listCommits({ ...repo, sha: root });
    assert.equal(data[0].sha, root);
    assert.ok(lines.some((line) => /secondary rate limit; retrying after 3 units of 5 ms/.test(line)), lines.join('\n'));
    assert.equal(fake.countRequests('GET', /\/commits$/), 2);
  } finally {
    await fake.close();
  }
});

test('retries are bounded and end with a message that says GitHub kept failing', async () => {
  const { fake, repo } = await startFake();
  try {
    fake.failNext({ path: /\/commits$/, status: 503, times: 100 });
    const client = createClient('ghs_test_token', { apiUrl: fake.url, retry: { ...FAST_RETRY, retries: 2 } });
    await assert.rejects(client.rest.repos.listCommits({ ...repo }), (error: Error) => {
      assert.ok(error instanceof GitHubError);
      assert.match(error.message, /GitHub kept failing \(503 .*\) after 3 attempts/);
      return true;
    });
    assert.equal(fake.countRequests('GET', /\/commits$/), 3);
  } finally {
    await fake.close();
  }
});

test('a 403 without rate-limit signs is not retried', async () => {
  const fake = await FakeGitHub.start();
  fake.addToken('read-only', { contents: 'read' });
  const client = createClient('read-only', { apiUrl: fake.url, retry: FAST_RETRY });
  try {
    await assert.rejects(client.rest.git.createBlob({ owner: fake.owner, repo: fake.repo, content: 'x' }), (error: { status?: number }) => error.status === 403);
    assert.equal(fake.countRequests('POST', /\/git\/blobs$/), 1);
  } finally {
    await fake.close();
  }
});

test('a comment POST is never retried by the client (a 5xx may have created it)', async () => {
  const { fake, client, repo } = await startFake();
  try {
    fake.failNext({ method: 'POST', path: /\/issues\/1\/comments$/, status: 502, times: 5 });
    await assert.rejects(client.rest.issues.createComment({ ...repo, issue_number: 1, body: 'x', request: { retries: 0 } }));
    assert.equal(fake.countRequests('POST', /\/issues\/1\/comments$/), 1);
  } finally {
    await fake.close();
  }
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
