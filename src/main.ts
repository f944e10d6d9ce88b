// The action: inputs → train (pipeline) → baseline → report → reports branch
// → comment, job summary and outputs. The only place that reads inputs, sets
// outputs and fails the step; everything it calls throws clear errors.

import * as core from '@actions/core';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { aggregate } from './github/aggregate.js';
import { findBaseline, listHistory, type Baseline } from './github/baseline.js';
import { createClient, DEFAULT_RETRY, type GitHubClient, type RetryPolicy } from './github/client.js';
import { commentMarker } from './github/comment.js';
import { executePlan } from './github/effects.js';
import { isBaselineRun, isDefaultBranchPush, readContext, readEventPayload, type ActionContext, type PullRequestInfo } from './github/context.js';
import { findHandoffFolders, HandoffError, writeHandoff } from './github/handoff.js';
import { writeLegInfo } from './github/legs.js';
import { MAX_ARTIFACTS, preparePublication, provenanceLine, type Publication } from './github/publish.js';
import { alertOnStep, trendFor, type TrendHistory } from './github/trend.js';
import { forLog, forPath } from './github/untrusted.js';
import type { RunKind, StoredFile } from './github/store.js';
import { identityKey, variantLabel, type RunIdentity } from './identity.js';
import { InputError, PARAMS_OVERRIDE_SOURCE, readInputs, type ActionConfig } from './inputs.js';
import { runCommandExperiment } from './command/trainer.js';
import { runExperiment } from './pipeline.js';
import { metricsFileContent, type RunRecord } from './record.js';
import { writeReport, type ReportResult } from './report/index.js';
import type { TrendSection } from './report/trend.js';

/** How far back along first parents a baseline is looked for. */
const BASELINE_MAX_DEPTH = 50;

export class RegressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegressionError';
  }
}

type Env = Record<string, string | undefined>;

/** The log folded as one ::group:: per stage: starting a stage closes the one before. */
interface Stages {
  stage(name: string): void;
  end(): void;
}

function groupedStages(): Stages {
  let open = false;
  return {
    stage(name) {
      if (open) core.endGroup();
      core.startGroup(name);
      open = true;
    },
    end() {
      if (open) core.endGroup();
      open = false;
    },
  };
}

interface ReportTarget {
  head: RunRecord;
  /** The commit the run is about: the record's key on the reports branch. */
  sha: string;
  outDir: string;
  dataDir?: string;
  /** Publish mode: the preview as the artifact carried it (or none); no data folder is read. */
  preview?: { png?: Buffer; alt?: string; note?: string };
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
  /** The branch over time (trend-runs), and the records it read. */
  trend?: { section: TrendSection; history: TrendHistory };
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
  return forPath(identity.job, 'job') + (identity.variant ? `-${identityKey(identity)}` : '');
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
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

/** Report → outputs → the plan of its effects (effects.ts: records ref, summary, comment, failure); shared by run and publish modes. */
async function report(client: GitHubClient, context: ActionContext, config: ActionConfig, target: ReportTarget, stages: Stages): Promise<void> {
  const { baseline, pullRequest } = target;
  stages.stage('Report');
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
    trend: target.trend?.section,
  });
  core.info(`verdict: ${written.verdict}${baseline.found ? ` (baseline ${baseline.sha.slice(0, 7)})` : ` (${baseline.reason})`}`);
  const reportFile = join(target.outDir, 'report.md');
  if (!written.files.some((file) => basename(file) === 'report.md')) await writeFile(reportFile, written.markdown);
  const regressed = config.failOnRegression.length > 0 && written.regressions.length > 0;
  core.setOutput('metrics', JSON.stringify(target.head.metrics));
  core.setOutput('report', reportFile);
  core.setOutput('baseline-sha', baseline.found ? baseline.sha : '');
  core.setOutput('regressed', String(regressed));

  const files: StoredFile[] = [
    // Compact: a record near the 20 MB cap stays near it (pretty-printed, 19 MB became 94 MB).
    { name: 'run.json', content: Buffer.from(JSON.stringify(target.head) + '\n') },
    { name: 'metrics.json', content: Buffer.from(metricsFileContent(target.head.metrics)) },
  ];
  for (const name of [...written.images, ...written.data]) files.push({ name, content: await readFile(join(target.outDir, name)) });
  const { marker, legacy } = markersOf(target.identity, target.workflowName);
  // The alert speaks of the previous push: only a push compared with its own previous run (baseline: auto).
  const previousPush = target.kind === 'baseline' && context.eventName === 'push' && config.baseline.kind === 'auto';
  const alert = previousPush && baseline.found ? await pushAlert(client, context, config, target, written, baseline) : '';
  stages.stage('Record, summary and comment');
  await executePlan(client, context, config, {
    save: target.kind === undefined
      ? { skipped: `not recorded: a ${context.eventName} run on ${context.ref || 'no ref'} is neither a branch run (push, schedule, workflow_dispatch) nor a pull request run` }
      : { identity: target.identity, kind: target.kind, sha: target.sha, createdAt: target.head.createdAt, files, what: 'the run' },
    pullRequest: pullRequest?.number,
    render: (imageUrl, maxLength) => alert + written.renderMarkdown(imageUrl, maxLength - alert.length),
    comment: { marker, legacyMarkers: legacy, trainedSha: target.sha },
    readOnlyFork: pullRequest?.fromFork === true,
    forkNotice:
      'This pull request comes from a fork, so the workflow token is read-only: the report is in the job summary and the artifact ' +
      `instead of a comment. To get the comment, add the publish workflow (train-and-report with mode: publish on workflow_run); ` +
      'see docs/github-action.md#pull-requests-from-forks.',
    failure: regressed && target.enforceThresholds
      ? new RegressionError(`fail-on-regression: ${written.regressions.length} threshold(s) crossed: ${written.regressions.map((regression) => regression.message).join('; ')}`)
      : undefined,
  }, { delayMs: delayUnit(process.env) });
  stages.end();
}

/** The branch over time (trend-runs > 0), read from the records; a failure to read it leaves it out with a warning. */
async function branchTrend(
  client: GitHubClient, context: ActionContext, config: ActionConfig, identity: RunIdentity, record: RunRecord, baseline: Baseline,
  pull: Pick<PullRequestInfo, 'number' | 'headSha' | 'baseSha' | 'baseRef' | 'title'> | undefined,
): Promise<ReportTarget['trend']> {
  if (config.trendRuns === 0 || (!pull && !isBaselineRun(context))) return undefined;
  const started = performance.now();
  try {
    const trend = await trendFor(client, context.repository, {
      storeRef: config.recordsRef,
      legacyBranch: config.reportsBranch,
      identity,
      runs: config.trendRuns,
      keepRuns: config.keepRuns,
      start: pull ? (baseline.found ? baseline.start : pull.baseSha) : context.sha,
      branch: pull ? pull.baseRef : context.ref.replace(/^refs\/heads\//, ''),
    }, pull ? { record, sha: pull.headSha, kind: 'pull', pullRequest: pull.number, subject: pull.title } : { record, sha: context.sha, kind: 'push' });
    core.info(forLog(`trend: ${trend.history.entries.length} recorded runs read in ${((performance.now() - started) / 1000).toFixed(2)} s${trend.section.trend.notes.map((note) => `; ${note}`).join('')}`, 2000));
    return trend;
  } catch (error) {
    core.warning(forLog(`The trend was left out of the report: ${error instanceof Error ? error.message : String(error)}`, 1000));
    return undefined;
  }
}

/** A push's step beyond seed noise: an annotation, a summary line, and on the default branch the alert issue (a failure to write it is a warning). Returns the summary's lines. */
async function pushAlert(client: GitHubClient, context: ActionContext, config: ActionConfig, target: ReportTarget, written: ReportResult, baseline: Extract<Baseline, { found: true }>): Promise<string> {
  const subjects = target.trend?.history.subjects;
  const result = await alertOnStep(client, context.repository, {
    identity: target.identity,
    branch: context.ref.replace(/^refs\/heads\//, ''),
    comparison: written.comparison,
    before: { sha: baseline.sha, subject: subjects?.get(baseline.sha) },
    after: { sha: target.sha, subject: subjects?.get(target.sha), record: target.head, runUrl: `${context.serverUrl}/${context.repository.owner}/${context.repository.repo}/actions/runs/${context.runId}` },
    history: target.trend?.history,
    issue: config.alertIssue && isDefaultBranchPush(context),
  });
  // Commit subjects come from pull requests: every line that holds one passes the gate.
  if (result.annotation) core[result.annotation.level](forLog(result.annotation.message, 1000), { title: forLog(result.annotation.title) });
  for (const line of result.log) core.info(forLog(line, 1000));
  if (result.problem) core.warning(forLog(result.problem, 1000));
  return result.summary ? `${result.summary}\n\n` : '';
}

async function train(client: GitHubClient, context: ActionContext, config: ActionConfig, env: Env, stages: Stages): Promise<void> {
  if (!config.paramsIsDefault && !(await exists(config.params))) {
    throw new InputError(`input 'params': ${config.params} does not exist; fix the path or leave the input out to use the defaults`);
  }
  const identity = runIdentity(context, config);
  if (identity.variant) core.info(`variant: ${forLog(variantLabel(identity.variant))} (identity ${identityKey(identity)})`);
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
  // The baseline before training: when nothing that reaches training changed, its runs are reused.
  stages.stage('Find the baseline');
  const baseline = await resolveBaseline(client, context, config, identity);
  // Lines quote file and class names from the data (and a command's own output): through the gate.
  const log = (line: string) => core.info(forLog(line, 2000));
  const dataDir = config.command && config.dataIsDefault && !(await exists(config.data)) ? undefined : config.data;
  if (config.command) stages.stage('Run the training command');
  // A training command trains every seed: reusing the base's runs and stopping seeds early are the built-in trainer's.
  const result = config.command
    ? await runCommandExperiment({ command: config.command, dataDir, paramsFile: config.params, outDir, cwd: config.workingDirectory, log, source })
    : await runExperiment({
      base: baseline.found ? baseline.record : undefined,
      forceTraining: config.forceTraining,
      // A pull request's seeds stop as soon as the verdict is decided; branch runs are baselines and train every seed.
      sequential: pull !== undefined,
      dataDir: config.data,
      paramsFile: config.params,
      outDir,
      backend: config.backend,
      cacheDir: env.TRAIN_AND_REPORT_CACHE || undefined,
      overrides: config.paramsOverride,
      overridesSource: PARAMS_OVERRIDE_SOURCE,
      log,
      stage: (name) => stages.stage(name),
      notice: (line) => core.notice(forLog(line, 2000)),
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
    trend: await branchTrend(client, context, config, identity, result.record, baseline, pull),
  }, stages);
}

/**
 * Publish mode: every downloaded artifact is checked first (publish.ts: bound to the
 * workflow run and the API, record validated), and only then is anything written, so a
 * bad artifact leaves the reports branch and the pull request untouched.
 */
async function publish(client: GitHubClient, context: ActionContext, config: ActionConfig, env: Env, stages: Stages): Promise<void> {
  const temp = env.RUNNER_TEMP || tmpdir();
  const downloaded = env.TRAIN_AND_REPORT_DOWNLOAD_DIR || join(temp, 'train-and-report-download');
  const runId = config.runId || context.workflowRun?.id || '';
  const publications: Publication[] = [];
  const folders = await findHandoffFolders(downloaded);
  if (folders.length > MAX_ARTIFACTS) {
    throw new HandoffError(`${downloaded} holds ${folders.length} artifacts with a hand-off, more than the ${MAX_ARTIFACTS} one publish run takes; refusing them all, nothing was published`);
  }
  const identities = new Map<string, string>();
  stages.stage('Check the downloaded artifacts');
  for (const folder of folders) {
    const prepared = await preparePublication(client, context.repository, folder, runId);
    if (prepared.kind === 'stale') {
      core.notice(prepared.message);
      continue;
    }
    // One comment per pull request and variant: two artifacts of one identity would take turns on it.
    const key = `${prepared.publication.pullRequest.number} ${identityKey(prepared.publication.identity)}`;
    const first = identities.get(key);
    if (first !== undefined) {
      throw new HandoffError(`the artifacts ${forLog(basename(first))} and ${forLog(basename(folder))} are the same run (pull request, workflow, job and variant); refusing to publish either`);
    }
    identities.set(key, folder);
    publications.push(prepared.publication);
  }
  for (const publication of publications) {
    const { pullRequest, record, identity } = publication;
    stages.stage(`Find the baseline of pull request #${pullRequest.number}`);
    core.info(`publishing the report of pull request #${pullRequest.number} (${pullRequest.headSha.slice(0, 7)}) from ${forLog(basename(publication.folder))}`);
    core.info(`preview: ${forLog(publication.preview?.note ?? publication.previewNote ?? '', 1000)}`);
    const baseline = await findBaseline(client, context.repository, {
      baseSha: pullRequest.baseSha,
      headSha: pullRequest.headSha,
      storeRef: config.recordsRef,
      legacyBranch: config.reportsBranch,
      identity,
      maxDepth: BASELINE_MAX_DEPTH,
    });
    const outDir = join(temp, 'train-and-report-publish', forPath(basename(publication.folder), 'artifact'));
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
      trend: await branchTrend(client, context, config, identity, record, baseline, pullRequest),
    }, stages);
  }
  stages.end();
}

async function act(env: Env, stages: Stages): Promise<void> {
  const config = readInputs((name) => core.getInput(name), env.GITHUB_WORKSPACE || process.cwd());
  core.setSecret(config.token);
  const context = readContext(env, await readEventPayload(env));
  const client = createClient(config.token, { apiUrl: context.apiUrl, retry: retryPolicy(env) });
  if (config.mode === 'publish') await publish(client, context, config, env, stages);
  else if (config.mode === 'aggregate') {
    stages.stage('Aggregate the legs');
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
  } else await train(client, context, config, env, stages);
  stages.end();
}

/** Runs the action; fails the step on anything thrown, Error or not. */
export async function run(env: Env = process.env): Promise<void> {
  const stages = groupedStages();
  try {
    await act(env, stages);
  } catch (error) {
    stages.end(); // the failure is shown outside the folded stage
    if (error instanceof Error) {
      if (error.stack) core.debug(forLog(error.stack, 10_000));
      // Messages quote artifact fields and names: through the gate like every log line.
      core.setFailed(forLog(error.message, 2000));
    } else {
      core.setFailed(forLog(`unexpected failure: ${typeof error === 'string' ? error : JSON.stringify(error) ?? String(error)}`, 2000));
    }
  }
}
