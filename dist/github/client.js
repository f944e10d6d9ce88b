// The one place that builds the GitHub client: @actions/github's octokit
// (which honours GITHUB_API_URL) wrapped with bounded retries for server
// errors and rate limits, and the translation of API failures into messages
// that name the missing permission or ref.
import { getOctokit } from '@actions/github';
export const DEFAULT_RETRY = { baseDelayMs: 1000, maxAttempts: 6, maxTotalMs: 120_000 };
export class GitHubError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'GitHubError';
    }
}
export function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
function header(error, name) {
    const value = error?.response?.headers?.[name];
    return value === undefined ? undefined : String(value);
}
/** GitHub's own message for a failed call, without octokit's " - https://docs..." suffix. */
export function apiMessage(error) {
    const data = error?.response?.data;
    if (data && typeof data.message === 'string')
        return data.message;
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/ - https?:\/\/\S+$/, '');
}
/**
 * How long to wait before retrying, or undefined when the failure is not
 * transient. Secondary rate limits are 403/429 with `retry-after` (or the
 * "secondary rate limit" message); primary ones send x-ratelimit-remaining: 0.
 */
export function retryDelay(error, attempt, policy, now = Date.now()) {
    const status = statusOf(error);
    if (status === undefined)
        return undefined;
    const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
    if (status >= 500)
        return backoff;
    if (status === 403 || status === 429) {
        const retryAfter = Number(header(error, 'retry-after'));
        if (Number.isFinite(retryAfter) && retryAfter >= 0 && header(error, 'retry-after') !== undefined) {
            return Math.max(retryAfter * policy.baseDelayMs, backoff);
        }
        if (header(error, 'x-ratelimit-remaining') === '0') {
            const reset = Number(header(error, 'x-ratelimit-reset'));
            return Number.isFinite(reset) ? Math.max(reset * 1000 - now, backoff) : backoff;
        }
        if (/secondary rate limit|abuse/i.test(apiMessage(error)) || status === 429)
            return backoff;
    }
    return undefined;
}
/** Runs `call`, retrying transient failures within the policy's attempt and time bounds. */
export async function withRetries(call, policy, what) {
    const sleep = policy.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const started = Date.now();
    for (let attempt = 1;; attempt += 1) {
        try {
            return await call();
        }
        catch (error) {
            const delay = retryDelay(error, attempt, policy);
            if (delay === undefined)
                throw error;
            const elapsed = Date.now() - started;
            if (attempt >= policy.maxAttempts || elapsed + delay > policy.maxTotalMs) {
                throw new GitHubError(`${what}: GitHub kept failing (${statusOf(error)} ${apiMessage(error)}) after ${attempt} attempts over ` +
                    `${(elapsed / 1000).toFixed(1)} s; GitHub may be having an outage or rate-limiting this token, re-run the job later`, statusOf(error));
            }
            policy.onRetry?.(`${what} failed with ${statusOf(error)} (${apiMessage(error)}); retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.maxAttempts})`);
            await sleep(delay);
        }
    }
}
export function createClient(token, options) {
    const client = getOctokit(token, { baseUrl: options.apiUrl.replace(/\/$/, '') });
    const policy = options.retry ?? DEFAULT_RETRY;
    client.hook.wrap('request', (request, requestOptions) => withRetries(async () => request(requestOptions), policy, `${requestOptions.method} ${String(requestOptions.url).replace(/\{[^}]*\}/g, '…')}`));
    return client;
}
/** A failed API call as a message a user can act on. Leaves non-HTTP errors and GitHubErrors as they are. */
export function explain(error, operation) {
    if (error instanceof GitHubError)
        return error;
    const status = statusOf(error);
    if (status === undefined)
        return error;
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
