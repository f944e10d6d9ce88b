// The one place that builds the GitHub client: @actions/github's octokit
// (which honours GITHUB_API_URL) wrapped with bounded retries for server
// errors and rate limits, and the translation of API failures into messages
// that name the missing permission or ref.

import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface RetryPolicy {
  /** First backoff delay; doubles per attempt. Also the unit a `retry-after` header is counted in (1000 = seconds as GitHub means). */
  baseDelayMs: number;
  maxAttempts: number;
  /** No retry starts once this much time has passed since the first attempt. */
  maxTotalMs: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (message: string) => void;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 1000, maxAttempts: 6, maxTotalMs: 120_000 };

export class GitHubError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as ErrorLike | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

function header(error: unknown, name: string): string | undefined {
  const value = (error as ErrorLike | undefined)?.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** GitHub's own message for a failed call, without octokit's " - https://docs..." suffix. */
export function apiMessage(error: unknown): string {
  const data = (error as ErrorLike | undefined)?.response?.data as { message?: unknown } | undefined;
  if (data && typeof data.message === 'string') return data.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ - https?:\/\/\S+$/, '');
}

/**
 * How long to wait before retrying, or undefined when the failure is not
 * transient. Secondary rate limits are 403/429 with `retry-after` (or the
 * "secondary rate limit" message); primary ones send x-ratelimit-remaining: 0.
 */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy, now = Date.now()): number | undefined {
  const status = statusOf(error);
  if (status === undefined) return undefined;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  if (status >= 500) return backoff;
  if (status === 403 || status === 429) {
    const retryAfter = Number(header(error, 'retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter >= 0 && header(error, 'retry-after') !== undefined) {
      return Math.max(retryAfter * policy.baseDelayMs, backoff);
    }
    if (header(error, 'x-ratelimit-remaining') === '0') {
      const reset = Number(header(error, 'x-ratelimit-reset'));
      return Number.isFinite(reset) ? Math.max(reset * 1000 - now, backoff) : backoff;
    }
    if (/secondary rate limit|abuse/i.test(apiMessage(error)) || status === 429) return backoff;
  }
  return undefined;
}

/** Runs `call`, retrying transient failures within the policy's attempt and time bounds. */
export async function withRetries<T>(call: () => Promise<T>, policy: RetryPolicy, what: string): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const delay = retryDelay(error, attempt, policy);
      if (delay === undefined) throw error;
      const elapsed = Date.now() - started;
      if (attempt >= policy.maxAttempts || elapsed + delay > policy.maxTotalMs) {
        throw new GitHubError(
          `${what}: GitHub kept failing (${statusOf(error)} ${apiMessage(error)}) after ${attempt} attempts over ` +
            `${(elapsed / 1000).toFixed(1)} s; GitHub may be having an outage or rate-limiting this token, re-run the job later`,
          statusOf(error),
        );
      }
      policy.onRetry?.(`${what} failed with ${statusOf(error)} (${apiMessage(error)}); retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.maxAttempts})`);
      await sleep(delay);
    }
  }
}

export function createClient(token: string, options: { apiUrl: string; retry?: RetryPolicy }): GitHubClient {
  const client = getOctokit(token, { baseUrl: options.apiUrl.replace(/\/$/, '') });
  const policy = options.retry ?? DEFAULT_RETRY;
  client.hook.wrap('request', (request, requestOptions) =>
    withRetries(async () => request(requestOptions), policy, `${requestOptions.method} ${String(requestOptions.url).replace(/\{[^}]*\}/g, '…')}`),
  );
  return client;
}

export interface Operation {
  /** What we were doing, as the end of "Could not …". */
  action: string;
  /** The `permissions:` entry the job needs for it. */
  permission?: string;
  /** What a 404 means here (e.g. 'the base commit abc123'). */
  missing?: string;
}

/** A failed API call as a message a user can act on. Leaves non-HTTP errors and GitHubErrors as they are. */
export function explain(error: unknown, operation: Operation): unknown {
  if (error instanceof GitHubError) return error;
  const status = statusOf(error);
  if (status === undefined) return error;
  const message = apiMessage(error);
  if (status === 401) {
    return new GitHubError(`Could not ${operation.action}: GitHub rejected the token (401 ${message}); check the github-token input`, status);
  }
  if (status === 403) {
    const accepted = header(error, 'x-accepted-github-permissions');
    const permission = operation.permission ?? accepted?.replace(/=/g, ': ').replace(/_/g, '-');
    const fix = permission
      ? `; give the job \`permissions:\` with \`${permission}\` (or pass a github-token that has it)`
      : '';
    return new GitHubError(`Could not ${operation.action}: the token is not allowed to (403 ${message})${fix}`, status);
  }
  if (status === 404) {
    const what = operation.missing ? `${operation.missing} was not found` : 'GitHub answered 404 Not Found';
    return new GitHubError(`Could not ${operation.action}: ${what}`, status);
  }
  return new GitHubError(`Could not ${operation.action}: ${status} ${message}`, status);
}
