// What the run is about, from the runner's environment and the event payload.
// Pure: the caller reads the payload file. For pull requests GITHUB_SHA is the
// merge commit refs/pull/N/merge; records are keyed by the PR's head SHA.
import { readFile } from 'node:fs/promises';
import { workflowFile } from '../identity.js';
export class ContextError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ContextError';
    }
}
function required(env, name) {
    const value = env[name];
    if (!value)
        throw new ContextError(`${name} is not set; this entry runs inside a GitHub Actions job (use the CLI to run locally)`);
    return value;
}
const ZERO_SHA = /^0+$/;
/** One line: why pull_request_target is refused and what to use instead. */
export const PULL_REQUEST_TARGET_REFUSED = 'pull_request_target is refused: it runs the base branch\'s workflow with a write token, so the default checkout trains the base branch ' +
    'and the result would be filed under the PR\'s head; train on pull_request (read-only for forks) and post with a second workflow on ' +
    'workflow_run using mode: publish (docs/github-action.md#pull-requests-from-forks)';
export function readContext(env, payload) {
    const repositoryName = required(env, 'GITHUB_REPOSITORY');
    const [owner, repo] = repositoryName.split('/');
    if (!owner || !repo)
        throw new ContextError(`GITHUB_REPOSITORY must look like owner/name, got "${repositoryName}"`);
    const eventName = required(env, 'GITHUB_EVENT_NAME');
    if (eventName === 'pull_request_target')
        throw new ContextError(PULL_REQUEST_TARGET_REFUSED);
    const context = {
        eventName,
        repository: { owner, repo },
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        workflow: env.GITHUB_WORKFLOW || 'workflow',
        workflowFile: workflowFile(env.GITHUB_WORKFLOW_REF),
        job: env.GITHUB_JOB || 'job',
        runId: env.GITHUB_RUN_ID || '0',
        sha: required(env, 'GITHUB_SHA'),
        ref: env.GITHUB_REF || '',
        defaultBranch: payload.repository?.default_branch,
    };
    const pull = payload.pull_request;
    if (eventName === 'pull_request' && pull) {
        const headRepo = pull.head?.repo?.full_name;
        const baseRepo = pull.base?.repo?.full_name ?? repositoryName;
        context.pullRequest = {
            number: Number(pull.number),
            headSha: String(pull.head?.sha),
            baseSha: String(pull.base?.sha),
            headRef: String(pull.head?.ref ?? ''),
            baseRef: String(pull.base?.ref ?? ''),
            title: String(pull.title ?? ''),
            // A deleted fork has head.repo null; it was a fork all the same.
            fromFork: headRepo === undefined || headRepo === null || headRepo !== baseRepo,
        };
        if (!/^[0-9a-f]{40}$/.test(context.pullRequest.headSha) || !/^[0-9a-f]{40}$/.test(context.pullRequest.baseSha)) {
            throw new ContextError(`the ${eventName} event payload has no head/base SHA (GITHUB_EVENT_PATH=${env.GITHUB_EVENT_PATH})`);
        }
        context.sha = context.pullRequest.headSha;
    }
    if (eventName === 'push' && typeof payload.before === 'string' && !ZERO_SHA.test(payload.before)) {
        context.before = payload.before;
    }
    if (eventName === 'workflow_run' && payload.workflow_run) {
        context.workflowRun = { id: String(payload.workflow_run.id), headSha: String(payload.workflow_run.head_sha) };
    }
    return context;
}
export async function readEventPayload(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return {};
    try {
        return JSON.parse(await readFile(path, 'utf8'));
    }
    catch (error) {
        throw new ContextError(`cannot read the event payload ${path}: ${error.message}`);
    }
}
/** Is this a push to the repository's default branch? */
export function isDefaultBranchPush(context) {
    return context.eventName === 'push' && context.defaultBranch !== undefined && context.ref === `refs/heads/${context.defaultBranch}`;
}
/** Runs on a branch from push, schedule or workflow_dispatch are the only ones that become baselines. */
export function isBaselineRun(context) {
    return ['push', 'schedule', 'workflow_dispatch'].includes(context.eventName) && context.ref.startsWith('refs/heads/');
}
