// Aggregate mode: the job after a matrix of variants (`needs: train`,
// `if: always()`). It reads every leg's artifact of the workflow run and the
// run's jobs, compares each variant with the same variant on the base, and
// posts ONE sticky comment (the comparison table, the validation curves of
// every variant, each variant's report folded below). Images are stored on
// the records ref and linked pinned to that commit. In a workflow_run
// workflow (pull requests from forks) every artifact is checked as publish
// mode checks a single one, and thresholds are shown, not enforced.

import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionConfig } from '../inputs.js';
import type { RunRecord } from '../record.js';
import { writeSweepReport, type SweepVariantInput } from '../report/sweep-report.js';
import type { Baseline } from './baseline.js';
import { GitHubError, statusOf, type GitHubClient } from './client.js';
import { commentMarker } from './comment.js';
import { executePlan } from './effects.js';
import type { ActionContext, PullRequestInfo } from './context.js';
import { artifactPreview, MAX_ARTIFACTS, provenanceLine, type Prepared, type TrustedPullRequest } from './publish.js';
import { listRunJobs, planLegs, readLegFolders, variantName, type LegRow } from './legs.js';
import { forLog, forOutputKey, forPath } from './untrusted.js';
import type { RunKind } from './store.js';
import type { RunIdentity } from '../identity.js';

export class AggregateRegressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegressionError';
  }
}

export interface AggregateDependencies {
  /** The baseline of a leg's identity (workflow file, job, variant) at its base commit. */
  baselineFor(identity: RunIdentity, pull: PullRequestInfo | undefined): Promise<Baseline>;
  /** Publish mode's checks of one artifact folder (fork pull requests): bound to the workflow run and the API, record validated. */
  preparePublication(folder: string): Promise<Prepared>;
  /** This job's identity: the comparison's images are recorded under it. */
  identity: RunIdentity;
  /** How the images are filed in the records ref; undefined: not recorded (as for a single run of that event). */
  kind: RunKind | undefined;
  /** The unit of waits between retries (milliseconds; shortened in tests). */
  delayMs: number;
  downloadDir: string;
  outDir: string;
}

/** The identity a leg recorded its runs under: its leg.json, else its pull-request hand-off. */
export function legIdentity(row: LegRow): RunIdentity | undefined {
  if (row.folder?.identity) return row.folder.identity;
  const leg = row.folder?.leg;
  if (leg) return { workflow: leg.workflow, job: leg.job, variant: leg.variant };
  const handoff = row.folder?.handoff;
  return handoff ? { workflow: handoff.workflow, job: handoff.job, variant: handoff.variant ?? '' } : undefined;
}

/** primary-variant: names (as the table shows them) whose regressions fail the job; empty = all. */
export function isPrimary(variant: string, primary: readonly string[]): boolean {
  return primary.length === 0 || primary.includes(variant);
}

/**
 * The pull request the legs trained: from the event, or (workflow_run) from
 * the artifacts, each checked as publish mode checks one (publish.ts), which
 * must all name the same pull request and commit. An artifact that cannot be
 * checked (no run record or no hand-off: a leg that failed early) is refused
 * with one line, and its leg keeps only what the jobs API says of it.
 * `stale`: the pull request has moved on and the newer run's aggregate reports it.
 */
async function pullOf(context: ActionContext, rows: LegRow[], deps: AggregateDependencies): Promise<{ pull?: PullRequestInfo; sha: string; provenance?: string } | { stale: string }> {
  if (!context.workflowRun) return { pull: context.pullRequest, sha: context.sha };
  let trusted: TrustedPullRequest | undefined;
  for (const row of rows) {
    const folder = row.folder;
    if (!folder) continue; // a failed job the API listed: its name and error are the API's
    // A record without a hand-off cannot be checked against the API: it is not published.
    if (folder.record && !folder.handoff) throw new GitHubError(`${forLog(folder.artifact)} holds a run record but no hand-off; refusing to publish an artifact that cannot be checked`);
    // A hand-off with a run record that failed its schema (or none): refused as publish mode refuses it.
    if (folder.handoff && !folder.record) throw new GitHubError(folder.problem ?? `${forLog(folder.artifact)} holds a hand-off but no run.json; refusing the artifact`);
    if (!folder.record || !folder.handoff) {
      core.notice(`Refused the artifact ${forLog(folder.artifact)}: it holds no run record and hand-off to check against the API, so nothing in it is shown${row.job ? "; its leg's row is what the jobs API says" : ''}.`);
      row.folder = undefined;
      row.variant = row.job?.name ?? folder.artifact;
      row.failure = row.job?.error ?? 'not published: its artifact could not be checked against the API';
      continue;
    }
    const prepared = await deps.preparePublication(folder.folder);
    if (prepared.kind === 'stale') return { stale: prepared.message };
    const { pullRequest, record, identity } = prepared.publication;
    if (trusted && (pullRequest.number !== trusted.number || pullRequest.headSha !== trusted.headSha)) {
      throw new GitHubError(`the artifacts disagree about the pull request (#${trusted.number} at ${trusted.headSha} and #${pullRequest.number} at ${pullRequest.headSha}); refusing to publish them`);
    }
    trusted = pullRequest;
    folder.record = record;
    folder.identity = identity;
    row.variant = variantName(folder);
  }
  if (!trusted) throw new GitHubError(`no artifact of workflow run ${context.workflowRun.id} holds a pull request hand-off; aggregate in a workflow_run workflow publishes pull-request runs only`);
  const { number, headSha, baseSha, headRef, baseRef, title } = trusted;
  return { pull: { number, headSha, baseSha, headRef, baseRef, title, fromFork: false }, sha: headSha, provenance: provenanceLine(trusted) };
}

export async function aggregate(client: GitHubClient, context: ActionContext, config: ActionConfig & { primaryVariant: string[] }, deps: AggregateDependencies): Promise<void> {
  // On workflow_run the artifacts are a fork's: as many as one publish run takes, refused before any is read.
  const folders = await readLegFolders(deps.downloadDir, context.workflowRun ? MAX_ARTIFACTS : Infinity);
  const runId = context.workflowRun?.id ?? context.runId;
  const jobs = await listRunJobs(client, context.repository, runId).catch((error: unknown) => {
    if (statusOf(error) !== 403 && statusOf(error) !== 404) throw error;
    // Without the jobs, legs that uploaded nothing have no row; the others still compare.
    core.warning(`${(error as Error).message}; legs that failed before uploading their artifact are not listed`);
    return [];
  });
  const planned = planLegs(folders, jobs, context.workflowRun ? undefined : ownJobName(jobs));
  if (planned.length === 0) throw new GitHubError(`workflow run ${runId} has no legs of this action: no artifact with a run record and no failed job; run aggregate after the matrix job (needs: <matrix job>)`);
  core.info(`aggregating ${planned.length} legs of workflow run ${runId}: ${planned.map((row) => `${forLog(row.variant)}${row.failure ? ` (${forLog(row.failure)})` : ''}`).join('; ')}`);
  const trusted = await pullOf(context, planned, deps);
  if ('stale' in trusted) {
    core.notice(trusted.stale);
    return;
  }
  // A refused artifact's leg stays only where the jobs API lists its job.
  const rows = planned.filter((row) => row.folder || row.job);
  const { pull, sha, provenance } = trusted;

  const unknownPrimary = config.primaryVariant.filter((name) => !rows.some((row) => row.variant === name));
  if (unknownPrimary.length > 0) core.warning(`primary-variant: no leg is called ${unknownPrimary.map((name) => `"${forLog(name)}"`).join(', ')}; the legs are ${rows.map((row) => `"${forLog(row.variant)}"`).join(', ')}`);

  const folderNames = new Set<string>();
  const variants: SweepVariantInput[] = [];
  for (const [index, row] of rows.entries()) {
    let folder = forPath(row.variant, 'variant');
    if (folderNames.has(folder)) folder = `${folder}-${index + 1}`;
    folderNames.add(folder);
    const head: RunRecord | undefined = row.folder?.record;
    const identity = legIdentity(row);
    const baseline = head
      ? identity
        ? await deps.baselineFor(identity, pull)
        : { found: false as const, reason: `the artifact ${row.folder!.artifact} does not say which workflow, job and variant it is` }
      : undefined;
    variants.push({
      variant: row.variant,
      folder,
      head,
      base: baseline?.found ? baseline.record : undefined,
      baseMissingReason: baseline && !baseline.found ? baseline.reason : undefined,
      failure: row.failure,
      primary: isPrimary(row.variant, config.primaryVariant),
      // The leg drew its preview where its data was; this job reads no image file an artifact names.
      preview: row.folder ? await artifactPreview(row.folder.folder, context.workflowRun ? "the fork's own run" : "the leg's own run") : undefined,
      provenance,
      labels: { headSha: sha, baseSha: baseline?.found ? baseline.sha : undefined, headRef: pull?.headRef, baseRef: pull?.baseRef },
    });
  }
  const title = pull ? `Train and report: ${rows.length} variants of #${pull.number}` : `Train and report: ${rows.length} variants of ${sha.slice(0, 7)}`;
  const written = await writeSweepReport({ variants, outDir: deps.outDir, title, thresholds: config.failOnRegression, ...(provenance ? { provenance } : {}) });
  core.setOutput('report', join(deps.outDir, 'report.md'));
  // Keyed by the variants' names, through the gate: a later step may put this output in a shell command.
  core.setOutput('metrics', JSON.stringify(Object.fromEntries(variants.flatMap((variant) => (variant.head ? [[forOutputKey(variant.variant), variant.head.metrics]] : [])))));
  const regressed = config.failOnRegression.length > 0 && written.regressions.length > 0;
  core.setOutput('regressed', String(regressed));

  const files = await Promise.all(written.images.map(async (name) => ({ name, content: await readFile(join(deps.outDir, name)) })));
  // Thresholds fail the job only where the legs ran here: on workflow_run they are the fork's claims, shown, not enforced.
  const failure = regressed && !context.workflowRun
    ? new AggregateRegressionError(`fail-on-regression: ${written.regressions.length} threshold(s) crossed by primary variants: ${written.regressions.map((regression) => `${regression.variant}: ${regression.message}`).join('; ')}`)
    : undefined;
  await executePlan(client, context, config, {
    // The comparison's images, under this job's identity (the legs recorded their own runs).
    save: deps.kind === undefined
      ? { skipped: `images not recorded: a ${context.eventName} run is neither a branch run nor a pull request run` }
      : { identity: deps.identity, kind: deps.kind, sha, createdAt: new Date().toISOString(), files, what: `the comparison's ${files.length} images` },
    pullRequest: pull?.number,
    render: written.renderMarkdown,
    comment: { marker: sweepMarker(rows, context), legacyMarkers: [], trainedSha: sha },
    readOnlyFork: pull?.fromFork === true,
    forkNotice: 'This pull request comes from a fork, so the workflow token is read-only: the comparison is in the job summary; add the publish workflow (mode: aggregate on workflow_run) to get the comment.',
    failure,
  }, { delayMs: deps.delayMs });
}

/** The aggregate job is the one still running; a completed job is never this one. */
function ownJobName(jobs: Array<{ name: string; status: string }>): string | undefined {
  const running = jobs.filter((job) => job.status !== 'completed');
  return running.length === 1 ? running[0].name : undefined;
}

/**
 * The comment's marker: the legs' workflow and job, so that the aggregate
 * job of a same-repository PR and the publish workflow of a fork's PR would
 * both find the same comment, and each push's aggregate updates it.
 */
function sweepMarker(rows: LegRow[], context: ActionContext): string {
  // On workflow_run, the identity publish mode checked (the API's workflow); otherwise the legs' own leg.json.
  const identity = rows.map(legIdentity).find((candidate) => candidate !== undefined);
  return commentMarker(identity?.workflow ?? context.workflow, `${identity?.job ?? context.job} (sweep)`);
}
