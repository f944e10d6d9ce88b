// The action: inputs → train (pipeline) → baseline → report → reports branch
// → comment, job summary and outputs. The only place that reads inputs, sets
// outputs and fails the step; everything it calls throws clear errors.

import * as core from '@actions/core';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { aggregate } from './github/aggregate.js';
import { findBaseline, listHistory, type Baseline } from './github/baseline.js';
import { createClient, DEFAULT_RETRY, explain, statusOf, type GitHubClient, type RetryPolicy } from './github/client.js';
import { commentMarker, getPullHead, getViewerLogin, MAX_COMMENT_LENGTH, commentBody, postComment } from './github/comment.js';
import { isBaselineRun, readContext, readEventPayload, type ActionContext } from './github/context.js';
import { findHandoffFolders, writeHandoff } from './github/handoff.js';
import { writeLegInfo } from './github/legs.js';
import { preparePublication, provenanceLine, type Publication } from './github/publish.js';
import { blobUrl, listOpenPulls, saveRun, type RunKind, type StoredFile } from './github/store.js';
import { identityKey, variantLabel, type RunIdentity } from './identity.js';
import { InputError, PARAMS_OVERRIDE_SOURCE, readInputs, type ActionConfig } from './inputs.js';
import { runCommandExperiment } from './command/trainer.js';
import { runExperiment } from './pipeline.js';
import { metricsFileContent, type RunRecord } from './record.js';
import { writeReport } from './report/index.js';

/** How far back along first parents a baseline is looked for. */
const BASELINE_MAX_DEPTH = 50;

export class RegressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegressionError';
  }
}

type Env = Record<string, string | undefined>;

interface ReportTarget {
  head: RunRecord;
  /** The commit the run is about: the record's key on the reports branch. */
  sha: string;
  outDir: string;
  dataDir?: string;
  /** Publish mode: the preview as the artifact carried it (or none); no data folder is read. */
  preview?: { png?: Buffer; note?: string };
  provenance?: string;
  pullRequest?: { number: number; headRef: string; baseRef: string; title: string; fromFork: boolean };
  identity: RunIdentity;
  /** The workflow's name, for finding a comment written before identities existed. */
  workflowName?: string;
  /** Where it is filed: as a baseline (branch runs), apart as a PR run, or not at all. */
  kind: RunKind | undefined;
  baseline: Baseline;
  headRef?: string;
  /** Publish mode reports crossed thresholds but does not fail: the PR's own run already did. */
  enforceThresholds: boolean;
}

/** Retry delays (and the spacing of writes) can be shortened for tests; GitHub's retry-after is counted in this unit too. */
function retryPolicy(env: Env): RetryPolicy {
  const base = Number(env.TRAIN_AND_REPORT_RETRY_BASE_MS);
  const onRetry = (line: string) => core.info(line);
  if (!Number.isFinite(base) || base <= 0) return { ...DEFAULT_RETRY, onRetry };
  return { ...DEFAULT_RETRY, baseDelayMs: base, writeSpacingMs: 0, onRetry };
}

function delayUnit(env: Env): number {
  const base = Number(env.TRAIN_AND_REPORT_RETRY_BASE_MS);
  return Number.isFinite(base) && base > 0 ? base : 1000;
}

/** Identity of the run: the workflow file (its name where the runner does not say), the job id and the variant. */
function runIdentity(context: ActionContext, config: ActionConfig): RunIdentity {
  return { workflow: context.workflowFile ?? context.workflow, job: context.job, variant: config.variant };
}

/** Markers a comment of this identity may carry: today's, and for the default identity the one written before identities existed. */
function markersOf(identity: RunIdentity, workflowName?: string): { marker: string; legacy: string[] } {
  const marker = commentMarker(identity.workflow, identity.job, identity.variant);
  const legacy = identity.variant === '' && workflowName && workflowName !== identity.workflow ? [commentMarker(workflowName, identity.job)] : [];
  return { marker, legacy };
}

/** A default artifact (and output folder) name per identity: legs of one matrix never collide. */
function legName(identity: RunIdentity): string {
  return safeName(identity.job) + (identity.variant ? `-${identityKey(identity)}` : '');
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'job';
}

async function resolveBaseline(client: GitHubClient, context: ActionContext, config: ActionConfig, identity: RunIdentity): Promise<Baseline> {
  const query = { storeRef: config.recordsRef, legacyBranch: config.reportsBranch, identity, maxDepth: BASELINE_MAX_DEPTH };
  if (config.baseline.kind === 'none') return { found: false, reason: 'comparison turned off (baseline: none)' };
  if (config.baseline.kind === 'ref') {
    const history = await listHistory(client, context.repository, config.baseline.ref, 1);
    if (!history?.[0]) throw new InputError(`input 'baseline': ref "${config.baseline.ref}" was not found in ${context.repository.owner}/${context.repository.repo}`);
    return findBaseline(client, context.repository, { ...query, baseSha: history[0].sha });
  }
  if (context.pullRequest) {
    return findBaseline(client, context.repository, { ...query, baseSha: context.pullRequest.baseSha, headSha: context.pullRequest.headSha });
  }
  if (context.before) return findBaseline(client, context.repository, { ...query, baseSha: context.before });
  return { found: false, reason: `a ${context.eventName} run has no base to compare with; set the baseline input to a branch, tag or SHA` };
}

/** Report → reports branch → summary → comment → outputs; shared by run and publish modes. */
async function report(client: GitHubClient, context: ActionContext, config: ActionConfig, target: ReportTarget): Promise<void> {
  const { baseline, pullRequest } = target;
  const written = await writeReport({
    head: target.head,
    base: baseline.found ? baseline.record : undefined,
    baseMissingReason: baseline.found ? undefined : baseline.reason,
    outDir: target.outDir,
    dataDir: target.dataDir,
    preview: target.preview,
    provenance: target.provenance,
    thresholds: config.failOnRegression,
    labels: {
      headSha: target.sha,
      baseSha: baseline.found ? baseline.sha : undefined,
      headRef: pullRequest?.headRef ?? target.headRef,
      baseRef: pullRequest?.baseRef,
      title: pullRequest?.title,
    },
  });
  core.info(`verdict: ${written.verdict}${baseline.found ? ` (baseline ${baseline.sha.slice(0, 7)})` : ` (${baseline.reason})`}`);
  const reportFile = join(target.outDir, 'report.md');
  if (!written.files.some((file) => basename(file) === 'report.md')) await writeFile(reportFile, written.markdown);
  const regressed = config.failOnRegression.length > 0 && written.regressions.length > 0;
  core.setOutput('metrics', JSON.stringify(target.head.metrics));
  core.setOutput('report', reportFile);
  core.setOutput('baseline-sha', baseline.found ? baseline.sha : '');
  core.setOutput('regressed', String(regressed));

  const readOnlyFork = pullRequest?.fromFork === true;
  let refused = false;
  const degraded = (error: unknown) => {
    const readOnly = readOnlyFork && statusOf(error) === 403;
    refused ||= readOnly;
    return readOnly;
  };
  let commit: string | undefined;
  const files: StoredFile[] = [
    { name: 'run.json', content: Buffer.from(JSON.stringify(target.head, null, 2) + '\n') },
    { name: 'metrics.json', content: Buffer.from(metricsFileContent(target.head.metrics)) },
  ];
  for (const image of written.images) files.push({ name: image, content: await readFile(join(target.outDir, image)) });
  let folder = '';
  if (target.kind === undefined) {
    core.info(`not recorded: a ${context.eventName} run on ${context.ref || 'no ref'} is neither a branch run (push, schedule, workflow_dispatch) nor a pull request run`);
  } else {
    try {
      const openPulls = pullRequest ? await listOpenPulls(client, context.repository) : undefined;
      const saved = await saveRun(client, context.repository, {
        ref: config.recordsRef,
        identity: target.identity,
        kind: target.kind,
        sha: target.sha,
        ...(pullRequest ? { pullRequest: pullRequest.number } : { branch: context.ref }),
        createdAt: target.head.createdAt,
        files,
        keepRuns: config.keepRuns,
        openPulls,
        backoffMs: delayUnit(process.env) / 2,
        log: (line) => core.info(line),
      });
      commit = saved.commit;
      folder = saved.path;
      core.info(
        `recorded ${saved.path}/ in ${config.recordsRef} (${saved.bytes} bytes in ${files.length} files; pin ${saved.commit.slice(0, 7)}, head ${saved.head.slice(0, 7)}` +
          `${saved.pruned.length > 0 ? `, pruned ${saved.pruned.length} old runs` : ''})`,
      );
    } catch (error) {
      if (!degraded(error)) throw error;
    }
  }

  const { marker, legacy } = markersOf(target.identity, target.workflowName);
  const imageUrl = (name: string) => (commit ? blobUrl(context.serverUrl, context.repository, commit, `${folder}/${name}`) : name);
  const markdown = written.renderMarkdown(imageUrl, MAX_COMMENT_LENGTH - marker.length - 120);
  await core.summary.addRaw(markdown, true).write();

  if (pullRequest && config.comment !== 'off') {
    try {
      const viewerLogin = await getViewerLogin(client);
      const headSha = await getPullHead(client, context.repository, pullRequest.number);
      const posted = await postComment(client, context.repository, pullRequest.number, commentBody(marker, markdown, target.sha), {
        mode: config.comment,
        marker,
        legacyMarkers: legacy,
        viewerLogin,
        freshness: { trainedSha: target.sha, headSha },
        delayMs: delayUnit(process.env),
        log: (line) => core.info(line),
      });
      if (posted.action === 'skipped') {
        const line = `Left the comment alone: ${posted.reason}.`;
        core.info(line);
        await core.summary.addRaw(`\n> ${line}\n`, true).write();
      } else {
        core.setOutput('comment-url', posted.url);
        core.info(`${posted.action} the comment ${posted.url}`);
      }
    } catch (error) {
      if (!degraded(error)) {
        throw explain(error, { action: `comment on pull request #${pullRequest.number}`, permission: 'pull-requests: write', missing: `pull request #${pullRequest.number}` });
      }
    }
  }
  if (refused) {
    core.notice(
      'This pull request comes from a fork, so the workflow token is read-only: the report is in the job summary and the artifact ' +
        `instead of a comment. To get the comment, add the publish workflow (train-and-report with mode: publish on workflow_run); ` +
        'see docs/github-action.md#pull-requests-from-forks.',
    );
  }
  if (regressed && target.enforceThresholds) {
    throw new RegressionError(
      `fail-on-regression: ${written.regressions.length} threshold(s) crossed: ${written.regressions.map((regression) => regression.message).join('; ')}`,
    );
  }
}

async function train(client: GitHubClient, context: ActionContext, config: ActionConfig, env: Env): Promise<void> {
  if (!config.paramsIsDefault && !(await exists(config.params))) {
    throw new InputError(`input 'params': ${config.params} does not exist; fix the path or leave the input out to use the defaults`);
  }
  const identity = runIdentity(context, config);
  if (identity.variant) core.info(`variant: ${variantLabel(identity.variant)} (identity ${identityKey(identity)})`);
  const outDir = join(env.RUNNER_TEMP || tmpdir(), 'train-and-report', legName(identity));
  const pull = context.pullRequest;
  if (!config.command) core.setOutput('model', join(outDir, 'model'));
  if (config.uploadArtifact) {
    // The upload step runs even when a later stage fails, so the folder is announced first.
    core.setOutput('artifact-dir', outDir);
    core.setOutput('artifact-name', config.artifactName || `train-and-report-${legName(identity)}`);
    // Who this leg is, before anything can fail: an aggregate job names a failed leg by it.
    await writeLegInfo(outDir, {
      workflow: identity.workflow, job: identity.job, variant: identity.variant, paramsOverride: config.paramsOverride.map((override) => override.text), runId: context.runId, sha: context.sha,
    });
  }
  const source = {
    sha: context.sha,
    ref: context.ref,
    repository: `${context.repository.owner}/${context.repository.repo}`,
    ...(pull ? { pullRequest: pull.number, baseSha: pull.baseSha } : {}),
  };
  const dataDir = config.command && config.dataIsDefault && !(await exists(config.data)) ? undefined : config.data;
  const result = config.command
    ? await runCommandExperiment({ command: config.command, dataDir, paramsFile: config.params, outDir, cwd: config.workingDirectory, log: (line) => core.info(line), source })
    : await runExperiment({
      dataDir: config.data,
      paramsFile: config.params,
      outDir,
      backend: config.backend,
      cacheDir: env.TRAIN_AND_REPORT_CACHE || undefined,
      overrides: config.paramsOverride,
      overridesSource: PARAMS_OVERRIDE_SOURCE,
      log: (line) => core.info(line),
      notice: (line) => core.notice(line),
      source,
    });
  if (pull) {
    await writeHandoff(outDir, {
      repository: `${context.repository.owner}/${context.repository.repo}`,
      pullRequest: pull.number,
      headSha: pull.headSha,
      baseSha: pull.baseSha,
      headRef: pull.headRef,
      baseRef: pull.baseRef,
      title: pull.title,
      workflow: identity.workflow,
      job: context.job,
      variant: identity.variant,
      runId: context.runId,
    });
  }
  const baseline = await resolveBaseline(client, context, config, identity);
  await report(client, context, config, {
    head: result.record,
    sha: context.sha,
    outDir,
    dataDir,
    pullRequest: pull,
    identity,
    workflowName: context.workflow,
    kind: pull ? 'pull' : isBaselineRun(context) ? 'baseline' : undefined,
    baseline,
    headRef: context.ref.replace(/^refs\/heads\//, ''),
    enforceThresholds: true,
  });
}

/**
 * Publish mode: every downloaded artifact is checked first (publish.ts: bound to the
 * workflow run and the API, record validated), and only then is anything written, so a
 * bad artifact leaves the reports branch and the pull request untouched.
 */
async function publish(client: GitHubClient, context: ActionContext, config: ActionConfig, env: Env): Promise<void> {
  const temp = env.RUNNER_TEMP || tmpdir();
  const downloaded = env.TRAIN_AND_REPORT_DOWNLOAD_DIR || join(temp, 'train-and-report-download');
  const runId = config.runId || context.workflowRun?.id || '';
  const publications: Publication[] = [];
  for (const folder of await findHandoffFolders(downloaded)) {
    const prepared = await preparePublication(client, context.repository, folder, runId);
    if (prepared.kind === 'stale') core.notice(prepared.message);
    else publications.push(prepared.publication);
  }
  for (const publication of publications) {
    const { pullRequest, record, identity } = publication;
    core.info(`publishing the report of pull request #${pullRequest.number} (${pullRequest.headSha.slice(0, 7)}) from ${basename(publication.folder)}`);
    core.info(`preview: ${publication.preview?.note ?? publication.previewNote}`);
    const baseline = await findBaseline(client, context.repository, {
      baseSha: pullRequest.baseSha,
      headSha: pullRequest.headSha,
      storeRef: config.recordsRef,
      legacyBranch: config.reportsBranch,
      identity,
      maxDepth: BASELINE_MAX_DEPTH,
    });
    const outDir = join(temp, 'train-and-report-publish', safeName(basename(publication.folder)));
    await mkdir(outDir, { recursive: true });
    await report(client, context, config, {
      head: record,
      sha: pullRequest.headSha,
      outDir,
      preview: publication.preview ?? { note: publication.previewNote },
      provenance: provenanceLine(pullRequest),
      pullRequest: { number: pullRequest.number, headRef: pullRequest.headRef, baseRef: pullRequest.baseRef, title: pullRequest.title, fromFork: false },
      identity,
      workflowName: publication.workflowName,
      kind: 'pull',
      baseline,
      enforceThresholds: false,
    });
  }
}

async function act(env: Env): Promise<void> {
  const config = readInputs((name) => core.getInput(name), env.GITHUB_WORKSPACE || process.cwd());
  core.setSecret(config.token);
  const context = readContext(env, await readEventPayload(env));
  const client = createClient(config.token, { apiUrl: context.apiUrl, retry: retryPolicy(env) });
  if (config.mode === 'publish') await publish(client, context, config, env);
  else if (config.mode === 'aggregate') {
    const temp = env.RUNNER_TEMP || tmpdir();
    await aggregate(client, context, config, {
      baselineFor: (identity, pull) =>
        context.workflowRun && pull
          ? findBaseline(client, context.repository, {
            baseSha: pull.baseSha, headSha: pull.headSha, storeRef: config.recordsRef, legacyBranch: config.reportsBranch, identity, maxDepth: BASELINE_MAX_DEPTH,
          })
          : resolveBaseline(client, context, config, identity),
      preparePublication: (folder) => preparePublication(client, context.repository, folder, config.runId || context.workflowRun?.id || ''),
      identity: runIdentity(context, config),
      kind: context.workflowRun || context.pullRequest ? 'pull' : isBaselineRun(context) ? 'baseline' : undefined,
      delayMs: delayUnit(env),
      downloadDir: env.TRAIN_AND_REPORT_DOWNLOAD_DIR || join(temp, 'train-and-report-download'),
      outDir: join(temp, 'train-and-report-aggregate'),
    });
  } else await train(client, context, config, env);
}

/** Runs the action; fails the step on anything thrown, Error or not. */
export async function run(env: Env = process.env): Promise<void> {
  try {
    await act(env);
  } catch (error) {
    if (error instanceof Error) {
      if (error.stack) core.debug(error.stack);
      core.setFailed(error.message);
    } else {
      core.setFailed(`unexpected failure: ${typeof error === 'string' ? error : JSON.stringify(error) ?? String(error)}`);
    }
  }
}
