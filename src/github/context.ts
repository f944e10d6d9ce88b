// What the run is about, from the runner's environment and the event payload.
// Pure: the caller reads the payload file. For pull requests GITHUB_SHA is the
// merge commit refs/pull/N/merge; records are keyed by the PR's head SHA.

import { readFile } from 'node:fs/promises';
import { workflowFile } from '../identity.js';
import type { RepoRef } from './client.js';

export class ContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextError';
  }
}

export interface PullRequestInfo {
  number: number;
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef: string;
  title: string;
  /** Head and base live in different repositories: the token is read-only. */
  fromFork: boolean;
}

export interface ActionContext {
  eventName: string;
  repository: RepoRef;
  serverUrl: string;
  apiUrl: string;
  workflow: string;
  /** The workflow file (".github/workflows/x.yml") from GITHUB_WORKFLOW_REF, when the runner sets it. */
  workflowFile?: string;
  job: string;
  runId: string;
  /** The commit the run is about: the key of its record. */
  sha: string;
  ref: string;
  defaultBranch?: string;
  pullRequest?: PullRequestInfo;
  /** For push: the commit the branch pointed at before (absent for a new branch). */
  before?: string;
  /** For workflow_run: the triggering run's id and head commit. */
  workflowRun?: { id: string; headSha: string };
}

type Env = Record<string, string | undefined>;
type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new ContextError(`${name} is not set; this entry runs inside a GitHub Actions job (use the CLI to run locally)`);
  return value;
}

const ZERO_SHA = /^0+$/;

/** One line: why pull_request_target is refused and what to use instead. */
export const PULL_REQUEST_TARGET_REFUSED =
  'pull_request_target is refused: it runs the base branch\'s workflow with a write token, so the default checkout trains the base branch ' +
  'and the result would be filed under the PR\'s head; train on pull_request (read-only for forks) and post with a second workflow on ' +
  'workflow_run using mode: publish (docs/github-action.md#pull-requests-from-forks)';

export function readContext(env: Env, payload: Payload): ActionContext {
  const repositoryName = required(env, 'GITHUB_REPOSITORY');
  const [owner, repo] = repositoryName.split('/');
  if (!owner || !repo) throw new ContextError(`GITHUB_REPOSITORY must look like owner/name, got "${repositoryName}"`);
  const eventName = required(env, 'GITHUB_EVENT_NAME');
  if (eventName === 'pull_request_target') throw new ContextError(PULL_REQUEST_TARGET_REFUSED);
  const context: ActionContext = {
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

export async function readEventPayload(env: Env): Promise<Payload> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Payload;
  } catch (error) {
    throw new ContextError(`cannot read the event payload ${path}: ${(error as Error).message}`);
  }
}

/** Is this a push to the repository's default branch? */
export function isDefaultBranchPush(context: ActionContext): boolean {
  return context.eventName === 'push' && context.defaultBranch !== undefined && context.ref === `refs/heads/${context.defaultBranch}`;
}

/** Runs on a branch from push, schedule or workflow_dispatch are the only ones that become baselines. */
export function isBaselineRun(context: ActionContext): boolean {
  return ['push', 'schedule', 'workflow_dispatch'].includes(context.eventName) && context.ref.startsWith('refs/heads/');
}
