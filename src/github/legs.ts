// A sweep's legs as the aggregate job sees them: the artifacts the matrix
// uploaded (one folder each, with leg.json, run.json and handoff.json when
// the leg got that far) and the jobs of the workflow run with their
// conclusions and errors (the jobs and check-run annotations APIs). Turning
// the two into one row per variant is pure (planLegs).

import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { variantLabel, type RunIdentity } from '../identity.js';
import { RecordError, type RunRecord } from '../record.js';
import { readUntrustedRecord } from '../record-schema.js';
import { explain, type GitHubClient, type RepoRef } from './client.js';
import { HANDOFF_FILE, HandoffError, identityFieldProblem, parseArtifactJson, readHandoff, readSmallArtifactFile, type Handoff } from './handoff.js';

export const LEG_FILE = 'leg.json';

/** Written by each leg before it trains, so that even a leg that fails later says who it was. */
export interface LegInfo {
  version: 1;
  workflow: string;
  job: string;
  /** The run identity's variant (the variant input, canonical); '' outside a matrix. */
  variant: string;
  paramsOverride: string[];
  runId: string;
  sha: string;
}

export async function writeLegInfo(folder: string, info: Omit<LegInfo, 'version'>): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, LEG_FILE), JSON.stringify({ version: 1, ...info }, null, 2) + '\n');
}

/** leg.json is a few hundred bytes; a larger one was not written by the run mode. */
export const MAX_LEG_BYTES = 64 * 1024;

/**
 * Validates a parsed leg.json as the hand-off is validated: every field of its
 * type, the job an id, the variant one bounded line, the overrides a bounded
 * list. Throws a HandoffError naming the file and the field.
 */
export function parseLegInfo(raw: unknown, file: string): LegInfo {
  const value = raw as Partial<LegInfo> | null;
  const problem = (field: string, want: string) => new HandoffError(`${file}: field "${field}" must be ${want}; the artifact was not written by this action's run mode`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HandoffError(`${file}: not a JSON object`);
  if (value.version !== 1) throw problem('version', '1');
  if (typeof value.workflow !== 'string' || value.workflow.length > 300 || /[\r\n]/.test(value.workflow)) throw problem('workflow', 'one line of at most 300 characters');
  if (typeof value.job !== 'string') throw problem('job', 'a string');
  if (typeof value.variant !== 'string') throw problem('variant', 'a string');
  const identity = identityFieldProblem(value.job, value.variant, file);
  if (identity) throw new HandoffError(identity);
  if (typeof value.runId !== 'string' || !/^\d{0,20}$/.test(value.runId)) throw problem('runId', 'a workflow run id (digits)');
  if (typeof value.sha !== 'string' || !/^([0-9a-f]{40})?$/.test(value.sha)) throw problem('sha', 'a 40-character SHA');
  if (!Array.isArray(value.paramsOverride) || value.paramsOverride.length > 100 || !value.paramsOverride.every((text) => typeof text === 'string' && text.length <= 1000)) {
    throw problem('paramsOverride', 'a list of at most 100 strings of at most 1000 characters');
  }
  return { version: 1, workflow: value.workflow, job: value.job, variant: value.variant, paramsOverride: [...value.paramsOverride], runId: value.runId, sha: value.sha };
}

/** A leg's leg.json: a bounded regular file, parsed through the gate and validated. */
export async function readLegInfo(folder: string): Promise<LegInfo> {
  const file = join(folder, LEG_FILE);
  const text = await readSmallArtifactFile(file, MAX_LEG_BYTES, `${file} is missing`);
  return parseLegInfo(parseArtifactJson(text, file), file);
}

export interface LegFolder {
  /** The artifact's name (its folder's). */
  artifact: string;
  folder: string;
  leg?: LegInfo;
  record?: RunRecord;
  handoff?: Handoff;
  /** Whose run it is as the API says (workflow_run: set once the artifact is checked); before leg.json and the hand-off. */
  identity?: RunIdentity;
  /** Why the folder is unusable, when it is: named in the leg's row. */
  problem?: string;
}

/**
 * Every downloaded artifact folder; a missing root means no leg uploaded
 * anything. More than `maxFolders` is refused before any is read.
 */
export async function readLegFolders(root: string, maxFolders = Infinity): Promise<LegFolder[]> {
  const entries = (await readdir(root, { withFileTypes: true }).catch(() => [])).filter((candidate) => candidate.isDirectory());
  if (entries.length > maxFolders) {
    throw new HandoffError(`${root} holds ${entries.length} artifacts, more than the ${maxFolders} one run may publish; refusing them all (split the matrix, or publish from the base repository's own runs)`);
  }
  const folders: LegFolder[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const folder = join(root, entry.name);
    const names = await readdir(folder);
    const result: LegFolder = { artifact: entry.name, folder };
    if (names.includes(LEG_FILE)) {
      try {
        result.leg = await readLegInfo(folder);
      } catch (error) {
        if (!(error instanceof HandoffError)) throw error;
        result.problem = error.message;
      }
    }
    if (!result.leg && !result.problem && !names.includes('run.json')) continue; // not an artifact of this action
    if (names.includes('run.json')) {
      try {
        // A leg's artifact may come from a fork's run: its record is checked like publish mode's (schema, size).
        result.record = await readUntrustedRecord(join(folder, 'run.json'));
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        result.problem = error.message;
      }
    }
    if (names.includes(HANDOFF_FILE)) result.handoff = await readHandoff(folder);
    folders.push(result);
  }
  return folders;
}

export interface LegJob {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  /** For a job that did not succeed: its first error annotation, else the step that failed. */
  error?: string;
}

interface JobJson {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  steps?: Array<{ name: string; conclusion: string | null }>;
}

/** The jobs of a workflow run, with an error line for each that failed or was cancelled. */
export async function listRunJobs(client: GitHubClient, repo: RepoRef, runId: string): Promise<LegJob[]> {
  let jobs: JobJson[];
  try {
    jobs = (await client.paginate(client.rest.actions.listJobsForWorkflowRun, { ...repo, run_id: Number(runId), filter: 'latest', per_page: 100 })) as JobJson[];
  } catch (error) {
    throw explain(error, { action: `list the jobs of workflow run ${runId}`, permission: 'actions: read', missing: `workflow run ${runId}` });
  }
  const result: LegJob[] = [];
  for (const job of jobs) {
    const entry: LegJob = { id: job.id, name: job.name, status: job.status, conclusion: job.conclusion };
    if (job.status === 'completed' && job.conclusion !== 'success' && job.conclusion !== 'skipped') {
      entry.error = await jobError(client, repo, job);
    }
    result.push(entry);
  }
  return result;
}

async function jobError(client: GitHubClient, repo: RepoRef, job: JobJson): Promise<string> {
  const failedStep = job.steps?.find((step) => step.conclusion === 'failure')?.name;
  const fallback = job.conclusion === 'cancelled' ? 'cancelled' : `${job.conclusion ?? 'failed'}${failedStep ? ` in step "${failedStep}"` : ''}`;
  try {
    // A job's id is its check run's id; its ::error lines are that check run's failure annotations.
    const { data } = await client.rest.checks.listAnnotations({ ...repo, check_run_id: job.id, per_page: 50 });
    const failure = data.find((annotation) => annotation.annotation_level === 'failure' && annotation.message && !/^Process completed with exit code/.test(annotation.message));
    return failure?.message ? `${job.conclusion === 'cancelled' ? 'cancelled' : 'failed'}: ${failure.message.split('\n')[0]}` : fallback;
  } catch {
    return fallback; // without checks: read the leg still has a row; only the reason is shorter
  }
}

/** The matrix values of a variant ({"lr":0.001,"conv_size":64} → ["0.001", "64"]), as GitHub prints them in a job's name. */
export function matrixValues(variant: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(variant);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return Object.values(parsed as Record<string, unknown>).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  } catch {
    return undefined;
  }
}

/**
 * Whether a job's name is GitHub's name for a matrix leg with these values:
 * "train (0.001, 64)". The variant's keys may be sorted differently from the
 * matrix, so the values are compared as a set.
 */
export function isJobOfValues(jobName: string, values: string[]): boolean {
  const match = / \((.*)\)$/.exec(jobName);
  if (!match) return false;
  const named = match[1].split(', ').sort();
  const wanted = [...values].sort();
  return named.length === wanted.length && named.every((value, index) => value === wanted[index]);
}

/**
 * The job of a leg: for the default variant (the matrix as JSON) the job
 * named with exactly its values; for a variant set by hand (`variant:
 * ${{ matrix.name }}`) the one job whose name lists that text as a value.
 */
export function jobOfVariant(jobs: LegJob[], variant: string): LegJob | undefined {
  const values = matrixValues(variant);
  if (values) return jobs.find((job) => isJobOfValues(job.name, values));
  const named = jobs.filter((job) => / \((.*)\)$/.exec(job.name)?.[1].split(', ').includes(variant));
  return named.length === 1 ? named[0] : undefined;
}

export interface LegRow {
  /** What the comparison table calls the variant. */
  variant: string;
  folder?: LegFolder;
  job?: LegJob;
  /** Failed or cancelled, with the reason; undefined when the leg succeeded. */
  failure?: string;
}

/** What the table calls a leg: its checked identity's variant where there is one (workflow_run), else what leg.json says. */
export function variantName(folder: LegFolder): string {
  const leg = folder.leg;
  const variant = folder.identity ? folder.identity.variant : leg?.variant;
  if (variant) return variantLabel(variant);
  const overrides = leg?.paramsOverride ?? folder.record?.paramsOverride ?? [];
  return overrides.length > 0 ? overrides.join(', ') : folder.artifact;
}

/**
 * One row per leg: each artifact folder, matched to its job by the matrix
 * values in the job's name where it can be; then every job of the run that
 * did not succeed and matched no folder (a leg that failed before it
 * uploaded anything). `ownJob` (the aggregate job, still running) is never a leg.
 */
export function planLegs(folders: LegFolder[], jobs: LegJob[], ownJobName?: string): LegRow[] {
  const legJobs = jobs.filter((job) => job.name !== ownJobName && job.status === 'completed');
  const used = new Set<number>();
  const rows: LegRow[] = folders.map((folder) => {
    const job = folder.leg?.variant ? jobOfVariant(legJobs.filter((candidate) => !used.has(candidate.id)), folder.leg.variant) : undefined;
    if (job) used.add(job.id);
    let failure = job?.error;
    if (!folder.record) failure ??= `failed: ${folder.problem ?? 'the leg uploaded no run record (see its job log)'}`;
    else if (folder.problem) failure ??= `failed: ${folder.problem}`;
    return { variant: variantName(folder), folder, job, failure };
  });
  const prefixes = new Set(rows.flatMap((row) => (row.job ? [row.job.name.replace(/ \(.*\)$/, '')] : [])));
  for (const job of legJobs) {
    if (used.has(job.id) || !job.error) continue;
    // With matched legs, only jobs of the same matrix count; a failing lint job is not a variant.
    if (prefixes.size > 0 && !prefixes.has(job.name.replace(/ \(.*\)$/, ''))) continue;
    rows.push({ variant: job.name, job, failure: job.error });
  }
  return rows;
}
