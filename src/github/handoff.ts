// The hand-off from a fork's pull-request run (read-only token) to a
// `workflow_run` workflow that posts with a write token: handoff.json in the
// artifact says which PR and commits the run was about. The publishing side
// treats the artifact as untrusted data: it checks the claim against the API
// and re-renders the report from run.json, never running the PR's code.

import { lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseUntrustedJson, UntrustedJsonError } from './untrusted.js';

export const HANDOFF_FILE = 'handoff.json';
const HANDOFF_VERSION = 1;

export class HandoffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandoffError';
  }
}

export interface Handoff {
  version: number;
  repository: string;
  pullRequest: number;
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef: string;
  title: string;
  /** Workflow and job of the run that trained: the comment marker is theirs, so a later publish updates the same comment. */
  workflow: string;
  job: string;
  /** The run identity's variant ('' outside a matrix); absent in artifacts written before identities. */
  variant?: string;
  runId: string;
}

export async function writeHandoff(folder: string, handoff: Omit<Handoff, 'version'>): Promise<string> {
  const file = join(folder, HANDOFF_FILE);
  await writeFile(file, JSON.stringify({ version: HANDOFF_VERSION, ...handoff }, null, 2) + '\n');
  return file;
}

const SHA = /^[0-9a-f]{40}$/;

/** Validates a parsed handoff.json; `where` names the file in messages. Pure. */
export function parseHandoff(raw: unknown, where: string): Handoff {
  const value = raw as Partial<Handoff> | null;
  const problem = (field: string, want: string) =>
    new HandoffError(`${where}: field "${field}" must be ${want}; the artifact was not written by this action's run mode`);
  if (!value || typeof value !== 'object') throw new HandoffError(`${where}: not a JSON object`);
  if (value.version !== HANDOFF_VERSION) throw problem('version', String(HANDOFF_VERSION));
  if (typeof value.repository !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(value.repository)) throw problem('repository', 'owner/name');
  if (!Number.isInteger(value.pullRequest) || (value.pullRequest as number) < 1) throw problem('pullRequest', 'a PR number');
  if (typeof value.headSha !== 'string' || !SHA.test(value.headSha)) throw problem('headSha', 'a 40-character SHA');
  if (typeof value.baseSha !== 'string' || !SHA.test(value.baseSha)) throw problem('baseSha', 'a 40-character SHA');
  for (const field of ['headRef', 'baseRef', 'title', 'workflow', 'job', 'runId'] as const) {
    if (typeof value[field] !== 'string') throw problem(field, 'a string');
  }
  if (value.variant !== undefined && typeof value.variant !== 'string') throw problem('variant', 'a string');
  // The known fields only, in a fresh object: nothing else of the artifact's travels on.
  const { version, repository, pullRequest, headSha, baseSha, headRef, baseRef, title, workflow, job, variant, runId } = value as Handoff;
  return { version, repository, pullRequest, headSha, baseSha, headRef, baseRef, title, workflow, job, ...(variant !== undefined ? { variant } : {}), runId };
}

/** handoff.json is a few hundred bytes; anything much larger was not written by the run mode. */
const MAX_HANDOFF_BYTES = 64 * 1024;

export async function readHandoff(folder: string): Promise<Handoff> {
  const file = join(folder, HANDOFF_FILE);
  const text = await readSmallArtifactFile(file, MAX_HANDOFF_BYTES, `${file} is missing; publish mode expects the artifact of a pull-request run of this action`);
  return parseHandoff(parseArtifactJson(text, file), file);
}

/** An artifact's JSON file, parsed through the gate (untrusted.ts); one line naming the file when it is not JSON or holds a forbidden key. */
export function parseArtifactJson(text: string, file: string): unknown {
  try {
    return parseUntrustedJson(text);
  } catch (error) {
    if (error instanceof UntrustedJsonError) throw new HandoffError(`${file}: ${error.message}; refusing the artifact`);
    throw new HandoffError(`${file} is not valid JSON`);
  }
}

/**
 * A small JSON file of an artifact (handoff.json, leg.json): a regular file
 * (a link could point at any file, or /dev/zero, on the runner) of at most
 * `maxBytes`, read no further than that.
 */
export async function readSmallArtifactFile(file: string, maxBytes: number, missing: string): Promise<string> {
  let info;
  try {
    info = await lstat(file);
  } catch {
    throw new HandoffError(missing);
  }
  if (!info.isFile()) throw new HandoffError(`${file} is not a regular file (a link or device); refusing the artifact`);
  if (info.size > maxBytes) throw new HandoffError(`${file} has ${info.size} bytes, more than ${maxBytes}; refusing the artifact`);
  return readFile(file, 'utf8');
}

/** A job id as a workflow names it: it reaches comment markers, record paths and log lines. */
export const JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;
export const MAX_VARIANT_LENGTH = 1000;

/** The identity fields an artifact claims (handoff.json, leg.json): a job id and a variant of one bounded line; null when they are fine. */
export function identityFieldProblem(job: string, variant: string, file: string): string | undefined {
  if (!JOB_ID.test(job)) return `${file}: field "job" must be a job id (letters, digits, _ and -), got ${JSON.stringify(job.slice(0, 100))}; refusing the artifact`;
  if (variant.length > MAX_VARIANT_LENGTH || /[\r\n\u0085\u2028\u2029]/.test(variant)) {
    return `${file}: field "variant" must be one line of at most ${MAX_VARIANT_LENGTH} characters; refusing the artifact`;
  }
  return undefined;
}

/** Folders holding a handoff.json: the download folder itself, or one folder per downloaded artifact. */
export async function findHandoffFolders(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    throw new HandoffError(`no downloaded artifact at ${root}; check the run-id input and that the pull-request run uploaded its artifact`);
  }
  if (entries.some((entry) => entry.isFile() && entry.name === HANDOFF_FILE)) return [root];
  const folders: string[] = [];
  for (const entry of entries.filter((candidate) => candidate.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const inner = await readdir(join(root, entry.name));
    if (inner.includes(HANDOFF_FILE)) folders.push(join(root, entry.name));
  }
  if (folders.length === 0) {
    throw new HandoffError(`no ${HANDOFF_FILE} in the downloaded artifacts at ${root}; was the triggering run a pull_request run of this action?`);
  }
  return folders;
}
