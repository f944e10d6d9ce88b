// The one place that builds the GitHub client: @actions/github's octokit
// (which honours GITHUB_API_URL) with the maintained retry and throttling
// plugins, which follow GitHub's documented rules (retry-after, secondary
// rate limits, spacing of writes), and the translation of API failures into
// messages that name the missing permission or ref.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
export const DEFAULT_RETRY = { baseDelayMs: 1000, retries: 3, rateLimitRetries: 2, maxRetryAfter: 120, writeSpacingMs: 1000 };
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
/** Would the plugins retry this failure? Used only to say so in the log. */
function isTransient(error) {
    const status = statusOf(error);
    if (status === undefined)
        return false;
    if (status >= 500 || status === 429)
        return true;
    return status === 403 && (header(error, 'retry-after') !== undefined || header(error, 'x-ratelimit-remaining') === '0' || /secondary rate limit/i.test(apiMessage(error)));
}
function describe(options) {
    return `${options.method} ${String(options.url).replace(/\{[^}]*\}/g, '…')}`;
}
export function createClient(token, options) {
    const policy = options.retry ?? DEFAULT_RETRY;
    // Registered before the retry plugin, so it sees every failed attempt, not only the last.
    const logAttempts = (octokit) => {
        octokit.hook.error('request', (error, requestOptions) => {
            const request = requestOptions;
            if (isTransient(error) && request.request?.retries !== 0) {
                policy.onRetry?.(`${describe(request)} failed with ${statusOf(error)} (${apiMessage(error)}); retrying`);
            }
            throw error;
        });
        return {};
    };
    const rateLimited = (what) => (retryAfter, requestOptions, _octokit, retryCount) => {
        const wait = retryAfter <= policy.maxRetryAfter && retryCount < policy.rateLimitRetries;
        policy.onRetry?.(`${describe(requestOptions)} hit GitHub's ${what} rate limit; ${wait ? `retrying after ${retryAfter} units of ${policy.baseDelayMs} ms` : 'giving up'}`);
        return wait;
    };
    const client = getOctokit(token, {
        baseUrl: options.apiUrl.replace(/\/$/, ''),
        retry: { retries: policy.retries, retryAfterBaseValue: policy.baseDelayMs },
        throttle: {
            retryAfterBaseValue: policy.baseDelayMs,
            fallbackSecondaryRateRetryAfter: 60,
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: policy.writeSpacingMs }),
            notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: policy.writeSpacingMs }),
            onRateLimit: rateLimited('primary'),
            onSecondaryRateLimit: rateLimited('secondary'),
        },
    }, logAttempts, retry, throttling);
    // Outermost: a request that still fails after the plugins' retries says so plainly.
    client.hook.wrap('request', async (request, requestOptions) => {
        try {
            return await request(requestOptions);
        }
        catch (error) {
            if (!isTransient(error))
                throw error;
            const attempts = Math.max(requestOptions.request?.retryCount ?? 1, 1);
            throw new GitHubError(`${describe(requestOptions)}: GitHub kept failing (${statusOf(error)} ${apiMessage(error)}) after ${attempts} attempts; ` +
                'GitHub may be having an outage or rate-limiting this token, re-run the job later', statusOf(error));
        }
    });
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
