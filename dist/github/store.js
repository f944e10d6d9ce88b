// The records store: a ref outside refs/heads/ (refs/train-and-report/records
// by default), so a clone of the repository's branches never fetches it.
// Its head commit holds index.json and the kept runs' folders; its parents are
// one small root commit per kept run (the "pin" its comment's images link to).
// Each write makes a new head with no other history, so a pruned run is
// reachable from nothing and the store's size follows what is kept. Writes
// are compare-and-swap (GraphQL updateRefs with beforeOid): a lost race is
// rebuilt on top of the winner, with backoff and jitter, a bounded number of
// times. Only the git data API is used, so the workflow token with
// `contents: write` is enough.
import { upgradeRecord } from '../record.js';
import { identityKey } from '../identity.js';
import { explain, GitHubError, statusOf } from './client.js';
export const INDEX_PATH = 'index.json';
export const DEFAULT_STORE_REF = 'refs/train-and-report/records';
const INDEX_VERSION = 2;
const ZERO_OID = '0'.repeat(40);
/** PR runs kept per pull request and identity: the sticky comment links the newest; `comment: new` links a few more. */
export const PULL_RUNS_PER_PR = 3;
/** A closed pull request's runs are dropped once its newest run is this old. */
export const CLOSED_PULL_GRACE_MS = 14 * 24 * 3600 * 1000;
/** The folder of a run: baselines by identity and commit, PR runs apart under their PR. */
export function runFolder(kind, identity, sha, pullRequest) {
    return kind === 'baseline' ? `baselines/${identity}/${sha}` : `pulls/${pullRequest}/${identity}/${sha}`;
}
/** A commit-pinned link to a committed file that renders inline, also for readers of private repositories. */
export function blobUrl(serverUrl, repo, commit, path) {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    return `${serverUrl.replace(/\/$/, '')}/${repo.owner}/${repo.repo}/blob/${commit}/${encoded}?raw=true`;
}
export function parseStoreIndex(content, where) {
    if (!content)
        return { version: INDEX_VERSION, runs: [] };
    let parsed;
    try {
        parsed = JSON.parse(content.toString('utf8'));
    }
    catch {
        throw new GitHubError(`${where} is not valid JSON; delete the records ref (git push origin :refs/train-and-report/records) to start afresh`);
    }
    const runs = parsed?.runs;
    const valid = (run) => typeof run?.sha === 'string' && typeof run.path === 'string' && typeof run.pin === 'string' && (run.kind === 'baseline' || run.kind === 'pull') && typeof run.identity === 'string';
    if (parsed?.version !== INDEX_VERSION || !Array.isArray(runs) || !runs.every(valid)) {
        throw new GitHubError(`${where} has no valid version ${INDEX_VERSION} "runs" list; delete the records ref to start afresh`);
    }
    return { version: INDEX_VERSION, runs: runs };
}
/**
 * Adds (or, for a re-run, replaces) one entry and picks what to prune. Pure.
 * Baselines: the newest `keepRuns` per identity. PR runs never count against
 * that: the newest few per PR and identity, and none once a closed PR's
 * newest run is older than the grace period.
 */
export function planRetention(index, entry, options) {
    const runs = [...index.runs.filter((run) => run.path !== entry.path), entry];
    const keep = new Set();
    const groups = new Map();
    for (const run of runs) {
        const group = run.kind === 'baseline' ? `b:${run.identity}` : `p:${run.pullRequest}:${run.identity}`;
        groups.set(group, [...(groups.get(group) ?? []), run]);
    }
    const newestOfPull = new Map();
    for (const run of runs) {
        if (run.kind === 'pull' && run.pullRequest !== undefined) {
            newestOfPull.set(run.pullRequest, Math.max(newestOfPull.get(run.pullRequest) ?? 0, Date.parse(run.createdAt) || 0));
        }
    }
    for (const [group, members] of groups) {
        const limit = group.startsWith('b:') ? options.keepRuns : (options.pullRunsPerPr ?? PULL_RUNS_PER_PR);
        const closedLongAgo = (run) => run.kind === 'pull' &&
            options.openPulls !== undefined &&
            run.pullRequest !== undefined &&
            !options.openPulls.has(run.pullRequest) &&
            options.now - (newestOfPull.get(run.pullRequest) ?? 0) > (options.closedGraceMs ?? CLOSED_PULL_GRACE_MS);
        const alive = members.filter((run) => !closedLongAgo(run));
        for (const run of alive.slice(Math.max(alive.length - limit, 0)))
            keep.add(run);
    }
    keep.add(entry);
    for (const run of runs)
        if (options.protect.has(run.path))
            keep.add(run);
    const pruned = runs.filter((run) => !keep.has(run));
    return { index: { version: INDEX_VERSION, runs: runs.filter((run) => keep.has(run)) }, pruned };
}
/** The commit a ref points at, or undefined when it does not exist. `ref` is fully qualified (refs/…). */
export async function getRefHead(client, repo, ref) {
    try {
        const { data } = await client.rest.git.getRef({ ...repo, ref: ref.replace(/^refs\//, '') });
        return data.object.sha;
    }
    catch (error) {
        if (statusOf(error) === 404)
            return undefined;
        throw explain(error, { action: `read ${ref}`, permission: 'contents: read' });
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
export async function getRepositoryId(client, repo) {
    const result = await client.graphql('query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id } }', {
        owner: repo.owner,
        name: repo.repo,
    });
    return result.repository.id;
}
/**
 * Moves `ref` from `before` (ZERO_OID: must not exist) to `after` in one
 * atomic compare-and-swap. `force` because the new head does not descend
 * from the old one: that is what lets pruned runs fall out of reach.
 */
export async function swapRef(client, repositoryId, ref, before, after) {
    await client.graphql('mutation($input: UpdateRefsInput!) { updateRefs(input: $input) { clientMutationId } }', {
        input: { repositoryId, refUpdates: [{ name: ref, beforeOid: before ?? ZERO_OID, afterOid: after, force: true }] },
        // A compare-and-swap is never blindly repeated: the caller re-reads the ref to tell a lost race from a refusal.
        request: { retries: 0 },
    });
}
export async function readStoreIndex(client, repo, commit) {
    return parseStoreIndex(await readFileAt(client, repo, INDEX_PATH, commit), `${INDEX_PATH} of the records store at ${commit.slice(0, 7)}`);
}
export async function readRecordAt(client, repo, commit, path, where) {
    const content = await readFileAt(client, repo, path, commit);
    if (!content)
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(content.toString('utf8'));
    }
    catch {
        throw new GitHubError(`${path} in ${where} is not valid JSON; delete that run's folder so the next run records it again`);
    }
    return upgradeRecord(parsed, `${path} in ${where}`);
}
/** Open pull requests' numbers, or undefined when the token may not list them. */
export async function listOpenPulls(client, repo) {
    try {
        const pulls = await client.paginate(client.rest.pulls.list, { ...repo, state: 'open', per_page: 100 });
        return new Set(pulls.map((pull) => pull.number));
    }
    catch (error) {
        if (statusOf(error) === 403 || statusOf(error) === 404)
            return undefined;
        throw explain(error, { action: 'list the open pull requests', permission: 'pull-requests: read' });
    }
}
/** Why GitHub refused a ref update that was not a lost race, as a message that says what to change. */
export function refusalMessage(ref, message) {
    if (/rule|protect|violat|bypass/i.test(message)) {
        return (`GitHub refused to update ${ref}: a repository ruleset or ref protection blocks it (${message.split('\n')[0]}); ` +
            `exclude ${ref.replace(/[^/]+$/, '**')} from the ruleset's targets or let the workflow's token bypass it, or set the records-ref input to a ref no rule covers`);
    }
    return `GitHub refused to update ${ref} (${message.split('\n')[0]}); this was not another job writing at the same time, so a retry would not help`;
}
function errorText(error) {
    const errors = error?.errors;
    if (Array.isArray(errors) && errors.length > 0)
        return errors.map((entry) => entry.message ?? '').join('; ');
    return error instanceof Error ? error.message.replace(/ - https?:\/\/\S+$/, '') : String(error);
}
/**
 * Stores one run: its pin commit, then a new store head with the index and
 * every kept run, swapped in only if nobody moved the ref meanwhile. After
 * `maxAttempts` lost races it gives up without having changed the store.
 */
export async function saveRun(client, repo, options) {
    const maxAttempts = options.maxAttempts ?? 5;
    const backoffMs = options.backoffMs ?? 500;
    const random = options.random ?? Math.random;
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const action = `record the run in ${options.ref}`;
    const identity = identityKey(options.identity);
    const path = runFolder(options.kind, identity, options.sha, options.pullRequest);
    try {
        const blobs = [];
        for (const file of options.files)
            blobs.push({ name: file.name, sha: await createBlob(client, repo, file.content) });
        const pinTree = await createTree(client, repo, undefined, blobs.map((blob) => ({ path: `${path}/${blob.name}`, sha: blob.sha })));
        const pin = await createCommit(client, repo, `Run ${options.sha} (${options.kind}${options.pullRequest ? ` #${options.pullRequest}` : ''})`, pinTree, []);
        const files = Object.fromEntries(options.files.map((file) => [file.name, file.content.length]));
        const bytes = options.files.reduce((sum, file) => sum + file.content.length, 0);
        const entry = {
            kind: options.kind,
            sha: options.sha,
            identity,
            workflow: options.identity.workflow,
            job: options.identity.job,
            variant: options.identity.variant,
            path,
            pin,
            createdAt: options.createdAt,
            ...(options.branch ? { ref: options.branch } : {}),
            ...(options.pullRequest !== undefined ? { pullRequest: options.pullRequest } : {}),
            bytes,
            files,
        };
        const repositoryId = await getRepositoryId(client, repo);
        let firstSeen;
        for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
            const head = await getRefHead(client, repo, options.ref);
            const index = head ? await readStoreIndex(client, repo, head) : parseStoreIndex(undefined, INDEX_PATH);
            const known = new Set(index.runs.map((run) => run.path));
            firstSeen ??= known;
            const protect = new Set([...known].filter((folder) => !firstSeen.has(folder)));
            const plan = planRetention(index, entry, { keepRuns: options.keepRuns, openPulls: options.openPulls, now: options.now ?? Date.now(), protect });
            const indexBlob = await createBlob(client, repo, Buffer.from(JSON.stringify(plan.index, null, 2) + '\n'));
            const removals = [
                // A re-run of the same commit replaces that run's folder rather than mixing old and new files.
                ...(known.has(path) ? [{ path, remove: true, folder: true }] : []),
                ...plan.pruned.map((run) => ({ path: run.path, remove: true, folder: true })),
            ];
            const baseTree = head ? await getCommitTree(client, repo, head) : undefined;
            // Deletions and additions of the same path cannot share one tree request.
            let tree = removals.length > 0 && baseTree ? await createTree(client, repo, baseTree, removals) : baseTree;
            tree = await createTree(client, repo, tree, [...blobs.map((blob) => ({ path: `${path}/${blob.name}`, sha: blob.sha })), { path: INDEX_PATH, sha: indexBlob }]);
            const parents = [...new Set(plan.index.runs.map((run) => run.pin))];
            const message = `Record ${options.kind} run for ${options.sha}` + (plan.pruned.length > 0 ? ` (pruned ${plan.pruned.length})` : '');
            const commit = await createCommit(client, repo, message, tree, parents);
            try {
                await swapRef(client, repositoryId, options.ref, head, commit);
                return { commit: pin, head: commit, path, attempts: attempt, pruned: plan.pruned, bytes };
            }
            catch (error) {
                const now = await getRefHead(client, repo, options.ref);
                if (now === head) {
                    if (statusOf(error) !== undefined)
                        throw error;
                    throw new GitHubError(`Could not ${action}: ${refusalMessage(options.ref, errorText(error))}`, 422);
                }
                if (attempt === maxAttempts)
                    break;
                const delay = Math.round(backoffMs * 2 ** (attempt - 1) * (0.5 + random()));
                options.log?.(`${options.ref} moved while recording (another job wrote to it); rebuilding on top of the new head in ${delay} ms (attempt ${attempt + 1} of ${maxAttempts})`);
                await sleep(delay);
            }
        }
        throw new GitHubError(`Could not ${action}: another job moved it ${maxAttempts} times in a row while this one was writing; ` +
            'nothing was changed, re-run the job (or stagger concurrent jobs)');
    }
    catch (error) {
        throw explain(error, { action, permission: 'contents: write', missing: `ref ${options.ref}` });
    }
}
export function legacyRunPath(sha) {
    return `runs/${sha}/run.json`;
}
/** The push records of the old reports branch, or undefined when it does not exist. */
export async function readLegacyBaselines(client, repo, branch) {
    const commit = await getRefHead(client, repo, `refs/heads/${branch}`);
    if (!commit)
        return undefined;
    const content = await readFileAt(client, repo, INDEX_PATH, commit);
    let runs = [];
    try {
        const parsed = content ? JSON.parse(content.toString('utf8')) : { runs: [] };
        if (Array.isArray(parsed.runs))
            runs = parsed.runs;
    }
    catch {
        return undefined;
    }
    const shas = new Set(runs
        .filter((run) => typeof run.sha === 'string' && run.pullRequest === undefined && !(typeof run.ref === 'string' && run.ref.startsWith('pull/')))
        .map((run) => run.sha));
    return { commit, shas };
}
