// A sweep's legs as the aggregate job sees them: the artifacts the matrix
// uploaded (one folder each, with leg.json, run.json and handoff.json when
// the leg got that far) and the jobs of the workflow run with their
// conclusions and errors (the jobs and check-run annotations APIs). Turning
// the two into one row per variant is pure (planLegs).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { variantLabel } from '../identity.js';
import { RecordError } from '../record.js';
import { readUntrustedRecord } from '../record-schema.js';
import { explain } from './client.js';
import { HANDOFF_FILE, readHandoff } from './handoff.js';
export const LEG_FILE = 'leg.json';
export async function writeLegInfo(folder, info) {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, LEG_FILE), JSON.stringify({ version: 1, ...info }, null, 2) + '\n');
}
function parseLegInfo(raw) {
    const value = raw;
    if (!value || typeof value !== 'object' || value.version !== 1)
        return undefined;
    for (const field of ['workflow', 'job', 'variant', 'runId', 'sha'])
        if (typeof value[field] !== 'string')
            return undefined;
    if (!Array.isArray(value.paramsOverride) || !value.paramsOverride.every((text) => typeof text === 'string'))
        return undefined;
    return value;
}
/** Every downloaded artifact folder; a missing root means no leg uploaded anything. */
export async function readLegFolders(root) {
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    const folders = [];
    for (const entry of entries.filter((candidate) => candidate.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const folder = join(root, entry.name);
        const names = await readdir(folder);
        const result = { artifact: entry.name, folder };
        if (names.includes(LEG_FILE)) {
            try {
                result.leg = parseLegInfo(JSON.parse(await readFile(join(folder, LEG_FILE), 'utf8')));
            }
            catch {
                result.problem = `${LEG_FILE} is not valid JSON`;
            }
        }
        if (!result.leg && !names.includes('run.json'))
            continue; // not an artifact of this action
        if (names.includes('run.json')) {
            try {
                // A leg's artifact may come from a fork's run: its record is checked like publish mode's (schema, size).
                result.record = await readUntrustedRecord(join(folder, 'run.json'));
            }
            catch (error) {
                if (!(error instanceof RecordError))
                    throw error;
                result.problem = error.message;
            }
        }
        if (names.includes(HANDOFF_FILE))
            result.handoff = await readHandoff(folder);
        folders.push(result);
    }
    return folders;
}
/** The jobs of a workflow run, with an error line for each that failed or was cancelled. */
export async function listRunJobs(client, repo, runId) {
    let jobs;
    try {
        jobs = (await client.paginate(client.rest.actions.listJobsForWorkflowRun, { ...repo, run_id: Number(runId), filter: 'latest', per_page: 100 }));
    }
    catch (error) {
        throw explain(error, { action: `list the jobs of workflow run ${runId}`, permission: 'actions: read', missing: `workflow run ${runId}` });
    }
    const result = [];
    for (const job of jobs) {
        const entry = { id: job.id, name: job.name, status: job.status, conclusion: job.conclusion };
        if (job.status === 'completed' && job.conclusion !== 'success' && job.conclusion !== 'skipped') {
            entry.error = await jobError(client, repo, job);
        }
        result.push(entry);
    }
    return result;
}
async function jobError(client, repo, job) {
    const failedStep = job.steps?.find((step) => step.conclusion === 'failure')?.name;
    const fallback = job.conclusion === 'cancelled' ? 'cancelled' : `${job.conclusion ?? 'failed'}${failedStep ? ` in step "${failedStep}"` : ''}`;
    try {
        // A job's id is its check run's id; its ::error lines are that check run's failure annotations.
        const { data } = await client.rest.checks.listAnnotations({ ...repo, check_run_id: job.id, per_page: 50 });
        const failure = data.find((annotation) => annotation.annotation_level === 'failure' && annotation.message && !/^Process completed with exit code/.test(annotation.message));
        return failure?.message ? `${job.conclusion === 'cancelled' ? 'cancelled' : 'failed'}: ${failure.message.split('\n')[0]}` : fallback;
    }
    catch {
        return fallback; // without checks: read the leg still has a row; only the reason is shorter
    }
}
/** The matrix values of a variant ({"lr":0.001,"conv_size":64} → ["0.001", "64"]), as GitHub prints them in a job's name. */
export function matrixValues(variant) {
    try {
        const parsed = JSON.parse(variant);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
            return undefined;
        return Object.values(parsed).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
    }
    catch {
        return undefined;
    }
}
/**
 * Whether a job's name is GitHub's name for a matrix leg with these values:
 * "train (0.001, 64)". The variant's keys may be sorted differently from the
 * matrix, so the values are compared as a set.
 */
export function isJobOfValues(jobName, values) {
    const match = / \((.*)\)$/.exec(jobName);
    if (!match)
        return false;
    const named = match[1].split(', ').sort();
    const wanted = [...values].sort();
    return named.length === wanted.length && named.every((value, index) => value === wanted[index]);
}
/**
 * The job of a leg: for the default variant (the matrix as JSON) the job
 * named with exactly its values; for a variant set by hand (`variant:
 * ${{ matrix.name }}`) the one job whose name lists that text as a value.
 */
export function jobOfVariant(jobs, variant) {
    const values = matrixValues(variant);
    if (values)
        return jobs.find((job) => isJobOfValues(job.name, values));
    const named = jobs.filter((job) => / \((.*)\)$/.exec(job.name)?.[1].split(', ').includes(variant));
    return named.length === 1 ? named[0] : undefined;
}
function variantName(folder) {
    const leg = folder.leg;
    if (leg?.variant)
        return variantLabel(leg.variant);
    const overrides = leg?.paramsOverride ?? folder.record?.paramsOverride ?? [];
    return overrides.length > 0 ? overrides.join(', ') : folder.artifact;
}
/**
 * One row per leg: each artifact folder, matched to its job by the matrix
 * values in the job's name where it can be; then every job of the run that
 * did not succeed and matched no folder (a leg that failed before it
 * uploaded anything). `ownJob` (the aggregate job, still running) is never a leg.
 */
export function planLegs(folders, jobs, ownJobName) {
    const legJobs = jobs.filter((job) => job.name !== ownJobName && job.status === 'completed');
    const used = new Set();
    const rows = folders.map((folder) => {
        const job = folder.leg?.variant ? jobOfVariant(legJobs.filter((candidate) => !used.has(candidate.id)), folder.leg.variant) : undefined;
        if (job)
            used.add(job.id);
        let failure = job?.error;
        if (!folder.record)
            failure ??= `failed: ${folder.problem ?? 'the leg uploaded no run record (see its job log)'}`;
        else if (folder.problem)
            failure ??= `failed: ${folder.problem}`;
        return { variant: variantName(folder), folder, job, failure };
    });
    const prefixes = new Set(rows.flatMap((row) => (row.job ? [row.job.name.replace(/ \(.*\)$/, '')] : [])));
    for (const job of legJobs) {
        if (used.has(job.id) || !job.error)
            continue;
        // With matched legs, only jobs of the same matrix count; a failing lint job is not a variant.
        if (prefixes.size > 0 && !prefixes.has(job.name.replace(/ \(.*\)$/, '')))
            continue;
        rows.push({ variant: job.name, job, failure: job.error });
    }
    return rows;
}
