// The reports branch: an orphan branch of the same repository holding
// runs/<sha>/run.json, metrics.json and the report's PNGs, plus index.json
// (which runs exist, oldest first). Written with the git data API only
// (blobs, tree, commit, ref), so GITHUB_TOKEN with `contents: write` is
// enough. A ref update that loses a race is rebuilt on top of the new head:
// nobody's record is overwritten or force-pushed away.
import { upgradeRecord } from '../record.js';
import { explain, GitHubError, statusOf } from './client.js';
export const INDEX_PATH = 'index.json';
const INDEX_VERSION = 1;
export function runPath(sha, name) {
    return `runs/${sha}/${name}`;
}
/** A commit-pinned link to a committed file that renders inline, also for readers of private repositories. */
export function blobUrl(serverUrl, repo, commit, path) {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    return `${serverUrl.replace(/\/$/, '')}/${repo.owner}/${repo.repo}/blob/${commit}/${encoded}?raw=true`;
}
export function parseIndex(content, where) {
    if (!content)
        return { version: INDEX_VERSION, runs: [] };
    let parsed;
    try {
        parsed = JSON.parse(content.toString('utf8'));
    }
    catch {
        throw new GitHubError(`${where} is not valid JSON; fix or delete it on the reports branch`);
    }
    const runs = parsed?.runs;
    if (!Array.isArray(runs) || runs.some((run) => typeof run?.sha !== 'string')) {
        throw new GitHubError(`${where} has no valid "runs" list; fix or delete it on the reports branch`);
    }
    return { version: INDEX_VERSION, runs: runs };
}
/**
 * Adds (or replaces, for a re-run of the same commit) one entry and picks
 * what to prune beyond `keepRuns`, oldest first. Entries in `protect` (runs
 * another job added while this one was writing) are never pruned.
 */
export function planIndex(index, entry, options) {
    const runs = [...index.runs.filter((run) => run.sha !== entry.sha), entry];
    const pruned = [];
    let excess = runs.length - options.keepRuns;
    for (const run of runs) {
        if (excess <= 0)
            break;
        if (run.sha === entry.sha || options.protect.has(run.sha))
            continue;
        pruned.push(run.sha);
        excess -= 1;
    }
    return { index: { version: INDEX_VERSION, runs: runs.filter((run) => !pruned.includes(run.sha)) }, pruned };
}
export async function getBranchHead(client, repo, branch) {
    try {
        const { data } = await client.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
        return data.object.sha;
    }
    catch (error) {
        if (statusOf(error) === 404)
            return undefined;
        throw explain(error, { action: `read branch "${branch}"`, permission: 'contents: read' });
    }
}
export async function getCommitTree(client, repo, commit) {
    const { data } = await client.rest.git.getCommit({ ...repo, commit_sha: commit });
    return data.tree.sha;
}
/** A file's bytes at a ref or commit, or undefined when it is not there. */
export async function readFileAt(client, repo, path, ref) {
    try {
        const { data } = await client.rest.repos.getContent({ ...repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file')
            return undefined;
        // The contents API leaves `content` empty for files over 1 MB; the blob API has no such limit.
        if (data.content || data.size === 0)
            return Buffer.from(data.content ?? '', 'base64');
        const blob = await client.rest.git.getBlob({ ...repo, file_sha: data.sha });
        return Buffer.from(blob.data.content, 'base64');
    }
    catch (error) {
        if (statusOf(error) === 404)
            return undefined;
        throw explain(error, { action: `read ${path} at ${ref}`, permission: 'contents: read' });
    }
}
export async function createBlob(client, repo, content) {
    const { data } = await client.rest.git.createBlob({ ...repo, content: content.toString('base64'), encoding: 'base64' });
    return data.sha;
}
export async function createTree(client, repo, baseTree, changes) {
    const tree = changes.map((change) => 'remove' in change
        ? { path: change.path, mode: change.folder ? '040000' : '100644', type: change.folder ? 'tree' : 'blob', sha: null }
        : { path: change.path, mode: '100644', type: 'blob', sha: change.sha });
    const { data } = await client.rest.git.createTree({ ...repo, tree, ...(baseTree ? { base_tree: baseTree } : {}) });
    return data.sha;
}
export async function createCommit(client, repo, message, tree, parents) {
    const { data } = await client.rest.git.createCommit({ ...repo, message, tree, parents });
    return data.sha;
}
export async function createBranch(client, repo, branch, commit) {
    await client.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit });
}
/** Moves the branch only forward (force: false); GitHub answers 422 when someone else moved it first. */
export async function updateBranch(client, repo, branch, commit) {
    await client.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit, force: false });
}
export async function readRunIndex(client, repo, ref) {
    return parseIndex(await readFileAt(client, repo, INDEX_PATH, ref), `${INDEX_PATH} on ${ref}`);
}
export async function readStoredRecord(client, repo, ref, sha) {
    const path = runPath(sha, 'run.json');
    const content = await readFileAt(client, repo, path, ref);
    if (!content)
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(content.toString('utf8'));
    }
    catch {
        throw new GitHubError(`${path} on the reports branch is not valid JSON; delete it there so the next run records it again`);
    }
    return upgradeRecord(parsed, `${path} on the reports branch`);
}
function isLostRace(error) {
    return statusOf(error) === 422;
}
/**
 * Commits the files under runs/<sha>/ on top of the branch head, creating the
 * orphan branch on first use. On a lost race (422) it re-reads the head and
 * rebuilds on top, so a concurrent job's record survives; after
 * `maxAttempts` lost races it gives up without having moved the branch.
 */
export async function saveRun(client, repo, options) {
    const maxAttempts = options.maxAttempts ?? 5;
    const action = `record the run on branch "${options.branch}"`;
    try {
        const blobs = new Map();
        for (const file of options.files)
            blobs.set(file.name, await createBlob(client, repo, file.content));
        let firstSeen;
        for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
            const head = await getBranchHead(client, repo, options.branch);
            const index = head ? await readRunIndex(client, repo, head) : parseIndex(undefined, INDEX_PATH);
            const known = new Set(index.runs.map((run) => run.sha));
            firstSeen ??= known;
            const protect = new Set([...known].filter((sha) => !firstSeen.has(sha)));
            const plan = planIndex(index, { sha: options.sha, ...options.entry }, { keepRuns: options.keepRuns, protect });
            const indexBlob = await createBlob(client, repo, Buffer.from(JSON.stringify(plan.index, null, 2) + '\n'));
            const changes = [
                // A re-run of the same commit replaces that commit's folder rather than mixing old and new files.
                ...(known.has(options.sha) ? [{ path: `runs/${options.sha}`, remove: true, folder: true }] : []),
                ...plan.pruned.map((sha) => ({ path: `runs/${sha}`, remove: true, folder: true })),
            ];
            const baseTree = head ? await getCommitTree(client, repo, head) : undefined;
            // Deletions and additions of the same path cannot share one tree request.
            let tree = changes.length > 0 && baseTree ? await createTree(client, repo, baseTree, changes) : baseTree;
            tree = await createTree(client, repo, tree, [
                ...[...blobs].map(([name, sha]) => ({ path: runPath(options.sha, name), sha })),
                { path: INDEX_PATH, sha: indexBlob },
            ]);
            const message = `Record run for ${options.sha}` + (plan.pruned.length > 0 ? ` (pruned ${plan.pruned.length} old runs)` : '');
            const commit = await createCommit(client, repo, message, tree, head ? [head] : []);
            try {
                if (head)
                    await updateBranch(client, repo, options.branch, commit);
                else
                    await createBranch(client, repo, options.branch, commit);
                return { commit, attempts: attempt, pruned: plan.pruned };
            }
            catch (error) {
                if (!isLostRace(error))
                    throw error;
                options.log?.(`Branch "${options.branch}" moved while recording (another job wrote to it); rebuilding on top of the new head`);
            }
        }
        throw new GitHubError(`Could not ${action}: another job moved the branch ${maxAttempts} times in a row while this one was writing; ` +
            'nothing was changed, re-run the job (or stagger concurrent jobs)');
    }
    catch (error) {
        throw explain(error, { action, permission: 'contents: write', missing: `branch "${options.branch}"` });
    }
}
