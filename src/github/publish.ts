// Publish mode's trust decisions. The artifact comes from a fork's pull-request
// run, which ran the fork's code: everything in it is a claim. Here the claim
// is bound to the API: the workflow run (always fetched) must be a
// pull_request run of that very commit, and the pull request named must be
// the one that run was for (same head repository and branch). Everything the
// report says about the pull request (base, refs, title) and the workflow's
// name come from the API; the run record is validated by its schema; the only
// image taken from the artifact is its predictions preview, size-capped and
// re-encoded. No path named inside the artifact is ever opened.

import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readUntrustedRecord } from '../record-schema.js';
import type { RunRecord } from '../record.js';
import { reencodePreview } from '../report/preview.js';
import type { RunIdentity } from '../identity.js';
import { explain, GitHubError, type GitHubClient, type RepoRef } from './client.js';
import type { PullRequestInfo } from './context.js';
import { HANDOFF_FILE, identityFieldProblem, readHandoff, type Handoff } from './handoff.js';

/** A preview PNG in the artifact may have at most this many bytes. */
export const MAX_PREVIEW_BYTES = 8 * 1024 * 1024;
/** Artifacts one publish (or aggregate on workflow_run) job takes: each costs a comment, a record and seconds of the privileged job. */
export const MAX_ARTIFACTS = 20;
/** The file the run mode renders (report/index.ts); the only image publish mode takes from an artifact. */
export const PREVIEW_FILE = 'predictions.png';
const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** The pull request as the API describes it, with the repository its head lives in. */
export interface TrustedPullRequest extends PullRequestInfo {
  headRepository: string;
}

export interface Publication {
  folder: string;
  pullRequest: TrustedPullRequest;
  /**
   * Whose run it is (comment marker, records): the workflow file as the API names the run's
   * workflow, the job id and variant from the artifact (checked as an id and bounded text).
   */
  identity: RunIdentity;
  /** The workflow's name as the API has it, for a comment written before identities existed. */
  workflowName: string;
  record: RunRecord;
  preview?: { png: Buffer; alt?: string; note: string };
  previewNote?: string;
}

export type Prepared = { kind: 'publish'; publication: Publication } | { kind: 'stale'; message: string };

interface WorkflowRunInfo {
  id: number;
  name: string;
  /** ".github/workflows/x.yml": the identity's workflow, as run mode reads it from GITHUB_WORKFLOW_REF. */
  path: string;
  event: string;
  headSha: string;
  headBranch: string;
  headRepository: string | undefined;
}

async function getWorkflowRun(client: GitHubClient, repository: RepoRef, runId: string): Promise<WorkflowRunInfo> {
  if (!/^\d+$/.test(runId)) {
    throw new GitHubError(`publish mode needs the id of the pull-request workflow run: run it on workflow_run, or set the run-id input (got "${runId}")`);
  }
  try {
    const { data } = await client.rest.actions.getWorkflowRun({ ...repository, run_id: Number(runId) });
    return {
      id: data.id,
      name: data.name ?? '',
      path: data.path ?? '',
      event: data.event,
      headSha: data.head_sha,
      headBranch: data.head_branch ?? '',
      headRepository: data.head_repository?.full_name ?? undefined,
    };
  } catch (error) {
    throw explain(error, { action: `read workflow run ${runId}`, permission: 'actions: read', missing: `workflow run ${runId}` });
  }
}

async function getPullRequest(client: GitHubClient, repository: RepoRef, number: number) {
  try {
    return (await client.rest.pulls.get({ ...repository, pull_number: number })).data;
  } catch (error) {
    throw explain(error, { action: `read pull request #${number}`, permission: 'pull-requests: read', missing: `pull request #${number}` });
  }
}

/** The artifact's predictions preview, when it has one that is a real, bounded PNG: re-encoded, never used as sent. */
export async function artifactPreview(folder: string, whose = "the fork's own run"): Promise<{ png?: Buffer; alt?: string; note: string }> {
  const file = join(folder, PREVIEW_FILE);
  const refused = (why: string) => ({ note: `No predictions preview: the artifact's ${PREVIEW_FILE} ${why}; the publishing job reads no image files of its own.` });
  let info;
  try {
    info = await lstat(file);
  } catch {
    return refused('is missing');
  }
  if (!info.isFile()) return refused('is not a regular file');
  if (info.size > MAX_PREVIEW_BYTES) return refused(`has ${info.size} bytes, more than ${MAX_PREVIEW_BYTES}`);
  const reencoded = await reencodePreview(await readFile(file));
  if (typeof reencoded === 'string') return refused(reencoded);
  return {
    png: reencoded,
    alt: `Predictions preview supplied by ${whose}, not drawn by this job`,
    note: `Predictions preview supplied by ${whose}, not drawn by this job: it shows what that run drew (re-encoded); images whose prediction flipped are not shown, as publishing reads no image files.`,
  };
}

/**
 * Checks one downloaded artifact folder against the API and its own schema.
 * Throws one line naming what is wrong; returns `stale` when the pull request
 * has moved on since the run (its newer run publishes instead). Writes nothing.
 */
export async function preparePublication(client: GitHubClient, repository: RepoRef, folder: string, runId: string): Promise<Prepared> {
  const here = `${repository.owner}/${repository.repo}`;
  const handoff: Handoff = await readHandoff(folder);
  if (handoff.repository !== here) {
    throw new GitHubError(`the artifact is about ${handoff.repository}, not ${here}; refusing to publish it here`);
  }
  const run = await getWorkflowRun(client, repository, runId);
  if (run.event !== 'pull_request') {
    throw new GitHubError(`workflow run ${run.id} was triggered by ${run.event}, not pull_request; publish mode only publishes the artifact of a pull-request run`);
  }
  if (run.headSha !== handoff.headSha) {
    throw new GitHubError(`the artifact claims commit ${handoff.headSha}, but workflow run ${run.id} built ${run.headSha}; refusing to publish it`);
  }
  const pull = await getPullRequest(client, repository, handoff.pullRequest);
  const headRepository = pull.head.repo?.full_name;
  if (!headRepository || headRepository !== run.headRepository || pull.head.ref !== run.headBranch) {
    throw new GitHubError(
      `the artifact names pull request #${handoff.pullRequest} (${headRepository ?? 'a deleted repository'}:${pull.head.ref}), but workflow run ${run.id} ran for ` +
        `${run.headRepository ?? 'a deleted repository'}:${run.headBranch}; refusing to publish it on another pull request`,
    );
  }
  if (pull.head.sha !== run.headSha) {
    return {
      kind: 'stale',
      message: `pull request #${pull.number} has moved on to ${pull.head.sha.slice(0, 7)} since workflow run ${run.id} built ${run.headSha.slice(0, 7)}; nothing published, the newer run's publish will report it`,
    };
  }
  const variant = handoff.variant ?? '';
  const identityProblem = identityFieldProblem(handoff.job, variant, join(folder, HANDOFF_FILE));
  if (identityProblem) throw new GitHubError(identityProblem);
  const record = await readUntrustedRecord(join(folder, 'run.json'));
  const claimed = record.source ?? {};
  for (const [field, want] of [['sha', run.headSha], ['pullRequest', pull.number], ['repository', here]] as const) {
    const value = (claimed as Record<string, unknown>)[field];
    if (value !== undefined && value !== want) {
      throw new GitHubError(`${join(folder, 'run.json')}: field "source.${field}" is ${JSON.stringify(value)}, not ${JSON.stringify(want)}; refusing a mismatched artifact`);
    }
  }
  // The stored record says what the API says, whatever the artifact claimed.
  record.source = { ...claimed, sha: run.headSha, pullRequest: pull.number, baseSha: pull.base.sha, repository: here };
  const preview = await artifactPreview(folder, headRepository !== here ? "the fork's own run" : "the pull request's own run");
  return {
    kind: 'publish',
    publication: {
      folder,
      pullRequest: {
        number: pull.number,
        headSha: pull.head.sha,
        baseSha: pull.base.sha,
        headRef: pull.head.ref,
        baseRef: pull.base.ref,
        title: pull.title,
        headRepository,
        fromFork: headRepository !== here,
      },
      identity: { workflow: WORKFLOW_FILE.test(run.path) ? run.path : run.name, job: handoff.job, variant },
      workflowName: run.name,
      record,
      ...(preview.png ? { preview: { png: preview.png, alt: preview.alt, note: preview.note } } : { previewNote: preview.note }),
    },
  };
}

/** The line under a published report's verdict. */
export function provenanceLine(pullRequest: TrustedPullRequest): string {
  return pullRequest.fromFork
    ? `Reported by the fork's own run, not reproduced: ${pullRequest.headRepository} ran its own workflow (the fork's code), so these numbers are its claim.`
    : "Reported by the pull request's own run, not reproduced by the publishing job.";
}
