// Shared set-up for tests that talk to the loopback fake GitHub API.
import { createClient, type GitHubClient, type RetryPolicy } from '../../src/github/client.js';
import { FakeGitHub, type FakeToken } from '../fakes/github.js';

export const FAST_RETRY: RetryPolicy = { baseDelayMs: 5, retries: 3, rateLimitRetries: 2, maxRetryAfter: 120, writeSpacingMs: 0 };

export async function startFake(token = 'ghs_test_token', spec: Partial<FakeToken> = {}): Promise<{ fake: FakeGitHub; client: GitHubClient; repo: { owner: string; repo: string } }> {
  const fake = await FakeGitHub.start();
  fake.addToken(token, spec);
  const client = createClient(token, { apiUrl: fake.url, retry: FAST_RETRY });
  return { fake, client, repo: { owner: fake.owner, repo: fake.repo } };
}
