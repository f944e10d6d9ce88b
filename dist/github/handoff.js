// The hand-off from a fork's pull-request run (read-only token) to a
// `workflow_run` workflow that posts with a write token: handoff.json in the
// artifact says which PR and commits the run was about. The publishing side
// treats the artifact as untrusted data: it checks the claim against the API
// and re-renders the report from run.json, never running the PR's code.
import { lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
export const HANDOFF_FILE = 'handoff.json';
const HANDOFF_VERSION = 1;
export class HandoffError extends Error {
    constructor(message) {
        super(message);
        this.name = 'HandoffError';
    }
}
export async function writeHandoff(folder, handoff) {
    const file = join(folder, HANDOFF_FILE);
    await writeFile(file, JSON.stringify({ version: HANDOFF_VERSION, ...handoff }, null, 2) + '\n');
    return file;
}
const SHA = /^[0-9a-f]{40}$/;
/** Validates a parsed handoff.json; `where` names the file in messages. Pure. */
export function parseHandoff(raw, where) {
    const value = raw;
    const problem = (field, want) => new HandoffError(`${where}: field "${field}" must be ${want}; the artifact was not written by this action's run mode`);
    if (!value || typeof value !== 'object')
        throw new HandoffError(`${where}: not a JSON object`);
    if (value.version !== HANDOFF_VERSION)
        throw problem('version', String(HANDOFF_VERSION));
    if (typeof value.repository !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(value.repository))
        throw problem('repository', 'owner/name');
    if (!Number.isInteger(value.pullRequest) || value.pullRequest < 1)
        throw problem('pullRequest', 'a PR number');
    if (typeof value.headSha !== 'string' || !SHA.test(value.headSha))
        throw problem('headSha', 'a 40-character SHA');
    if (typeof value.baseSha !== 'string' || !SHA.test(value.baseSha))
        throw problem('baseSha', 'a 40-character SHA');
    for (const field of ['headRef', 'baseRef', 'title', 'workflow', 'job', 'runId']) {
        if (typeof value[field] !== 'string')
            throw problem(field, 'a string');
    }
    if (value.variant !== undefined && typeof value.variant !== 'string')
        throw problem('variant', 'a string');
    return value;
}
/** handoff.json is a few hundred bytes; anything much larger was not written by the run mode. */
const MAX_HANDOFF_BYTES = 64 * 1024;
export async function readHandoff(folder) {
    const file = join(folder, HANDOFF_FILE);
    let text;
    try {
        // Only a regular file of bounded size: a link in the artifact could point at any file (or /dev/zero) on the runner.
        const info = await lstat(file);
        if (!info.isFile())
            throw new HandoffError(`${file} is not a regular file (a link or device); refusing the artifact`);
        if (info.size > MAX_HANDOFF_BYTES)
            throw new HandoffError(`${file} has ${info.size} bytes, more than ${MAX_HANDOFF_BYTES}; refusing the artifact`);
        text = await readFile(file, 'utf8');
    }
    catch (error) {
        if (error instanceof HandoffError)
            throw error;
        throw new HandoffError(`${file} is missing; publish mode expects the artifact of a pull-request run of this action`);
    }
    try {
        return parseHandoff(JSON.parse(text), file);
    }
    catch (error) {
        if (error instanceof HandoffError)
            throw error;
        throw new HandoffError(`${file} is not valid JSON`);
    }
}
/** Folders holding a handoff.json: the download folder itself, or one folder per downloaded artifact. */
export async function findHandoffFolders(root) {
    let entries;
    try {
        entries = await readdir(root, { withFileTypes: true });
    }
    catch {
        throw new HandoffError(`no downloaded artifact at ${root}; check the run-id input and that the pull-request run uploaded its artifact`);
    }
    if (entries.some((entry) => entry.isFile() && entry.name === HANDOFF_FILE))
        return [root];
    const folders = [];
    for (const entry of entries.filter((candidate) => candidate.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const inner = await readdir(join(root, entry.name));
        if (inner.includes(HANDOFF_FILE))
            folders.push(join(root, entry.name));
    }
    if (folders.length === 0) {
        throw new HandoffError(`no ${HANDOFF_FILE} in the downloaded artifacts at ${root}; was the triggering run a pull_request run of this action?`);
    }
    return folders;
}
