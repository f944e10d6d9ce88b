// The pull-request comment: one per PR per run identity (workflow, job,
// variant), found by a hidden marker among the comments the token's own
// identity wrote. A second hidden line names the commit the report is about,
// so a slow, older run never replaces a newer run's comment. Each API call is
// one function taking the client first; "is this ours?" is pure.
import { createHash } from 'node:crypto';
import { explain, statusOf } from './client.js';
/** GitHub rejects comment bodies over this many characters. */
export const MAX_COMMENT_LENGTH = 65_536;
/**
 * The hidden marker; workflow and job are the user's text, so anything that
 * could end the HTML comment is dropped. A variant adds a hash of itself
 * (legs of one matrix differ there); without one the marker is as before.
 */
export function commentMarker(workflow, job, variant = '') {
    const clean = (text) => text.replace(/--+/g, '-').replace(/[<>\n\r]/g, ' ').replace(/\s+/g, ' ').trim();
    const leg = variant ? ` variant=${createHash('sha256').update(variant).digest('hex').slice(0, 12)}` : '';
    return `<!-- train-and-report: workflow=${clean(workflow)} job=${clean(job)}${leg} -->`;
}
const COMMIT_LINE = /<!-- train-and-report-commit: ([0-9a-f]{40}) -->/;
/** The commit a comment of ours reports on, when it says (comments written before this line existed do not). */
export function commentCommit(body) {
    return body ? COMMIT_LINE.exec(body)?.[1] : undefined;
}
/** REST names a GitHub App's bot "name[bot]" where GraphQL's viewer says "name"; compare without the suffix. */
export function sameLogin(a, b) {
    const normalize = (login) => login.toLowerCase().replace(/\[bot\]$/, '');
    return normalize(a) === normalize(b);
}
export function isOwnComment(comment, marker, viewerLogin) {
    return Boolean(comment.user && sameLogin(comment.user.login, viewerLogin) && comment.body?.includes(marker));
}
export function commentBody(marker, markdown, commit) {
    const body = `${marker}\n${commit ? `<!-- train-and-report-commit: ${commit} -->\n` : ''}${markdown}`;
    if (body.length > MAX_COMMENT_LENGTH) {
        // The report folds itself to fit; this only guards against a caller that did not ask it to.
        const notice = '\n\n… (report cut to fit GitHub\'s comment limit; the full report is in the job summary and artifact)';
        return body.slice(0, MAX_COMMENT_LENGTH - notice.length) + notice;
    }
    return body;
}
/** The token's own login. `GET /user` answers 403 for the workflow's GITHUB_TOKEN; GraphQL's viewer works for every token. */
export async function getViewerLogin(client) {
    try {
        const result = await client.graphql('query { viewer { login } }');
        return result.viewer.login;
    }
    catch (error) {
        throw explain(error, { action: 'find out which account the token belongs to (GraphQL viewer)' });
    }
}
export async function findOwnComment(client, repo, issue, marker, viewerLogin) {
    const markers = Array.isArray(marker) ? marker : [marker];
    try {
        const pages = client.paginate.iterator(client.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
        for await (const page of pages) {
            const found = page.data.find((comment) => markers.some((candidate) => isOwnComment(comment, candidate, viewerLogin)));
            if (found)
                return { id: found.id, url: found.html_url, body: found.body ?? '' };
        }
        return undefined;
    }
    catch (error) {
        throw explain(error, { action: `list the comments of pull request #${issue}`, missing: `pull request #${issue}` });
    }
}
/** One POST, never retried by the client: a 5xx may still have created the comment. */
export async function createComment(client, repo, issue, body) {
    const { data } = await client.rest.issues.createComment({ ...repo, issue_number: issue, body, request: { retries: 0 } });
    return { id: data.id, url: data.html_url };
}
export async function updateComment(client, repo, id, body) {
    const { data } = await client.rest.issues.updateComment({ ...repo, comment_id: id, body });
    return { id: data.id, url: data.html_url };
}
/** The commit a pull request's head is at now. */
export async function getPullHead(client, repo, issue) {
    try {
        const { data } = await client.rest.pulls.get({ ...repo, pull_number: issue });
        return data.head.sha;
    }
    catch (error) {
        throw explain(error, { action: `read pull request #${issue}`, permission: 'pull-requests: read', missing: `pull request #${issue}` });
    }
}
/** Is `older` an ancestor of (or the same as) `newer`? Unknown commits count as not. */
export async function isAncestor(client, repo, older, newer) {
    try {
        const { data } = await client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${older}...${newer}`, per_page: 1 });
        return data.status === 'ahead' || data.status === 'identical';
    }
    catch (error) {
        if (statusOf(error) === 404)
            return false;
        throw explain(error, { action: `compare ${older} with ${newer}`, permission: 'contents: read' });
    }
}
const transient = (error) => statusOf(error) === undefined || statusOf(error) >= 500;
/**
 * Creates the comment; when the POST fails with a 5xx (or the connection
 * drops) it may still have been created, so it is looked up by its marker
 * before posting again. Never two comments.
 */
export async function createCommentOnce(client, repo, issue, body, options) {
    const attempts = options.attempts ?? 3;
    for (let attempt = 1;; attempt += 1) {
        try {
            return { ...(await createComment(client, repo, issue, body)), action: 'created' };
        }
        catch (error) {
            if (!transient(error) || attempt >= attempts)
                throw error;
            options.log?.(`creating the comment on #${issue} failed (${statusOf(error) ?? 'no response'}); checking whether it was created anyway`);
            await new Promise((resolve) => setTimeout(resolve, (options.delayMs ?? 1000) * attempt));
            const found = await findOwnComment(client, repo, issue, options.marker, options.viewerLogin);
            if (found)
                return { ...(found.body === body ? found : await updateComment(client, repo, found.id, body)), action: 'created' };
        }
    }
}
/**
 * Posts the report: updates our earlier comment in place (mode 'update'), or
 * adds a new one. A comment deleted between lookup and update is recreated.
 * With `freshness`, a run whose pull request has moved on leaves a comment
 * about a newer (or unrelated) commit alone. Raw API errors are passed on so
 * the caller can tell a fork's read-only token from a missing permission.
 */
export async function postComment(client, repo, issue, body, options) {
    const existing = options.mode === 'update' ? await findOwnComment(client, repo, issue, [options.marker, ...(options.legacyMarkers ?? [])], options.viewerLogin) : undefined;
    const fresh = options.freshness;
    if (fresh && fresh.headSha !== fresh.trainedSha) {
        const moved = `pull request #${issue} is now at ${fresh.headSha.slice(0, 7)}, not ${fresh.trainedSha.slice(0, 7)} as trained`;
        if (options.mode === 'new')
            return { action: 'skipped', reason: `${moved}; its newer run posts the report` };
        const about = commentCommit(existing?.body);
        if (existing && about && about !== fresh.trainedSha && !(await isAncestor(client, repo, about, fresh.trainedSha))) {
            return { action: 'skipped', reason: `${moved}, and the comment is about ${about.slice(0, 7)}, which this run's commit does not descend from; the newer report stays` };
        }
    }
    if (existing) {
        try {
            return { ...(await updateComment(client, repo, existing.id, body)), action: 'updated' };
        }
        catch (error) {
            if (statusOf(error) !== 404)
                throw error;
        }
    }
    return createCommentOnce(client, repo, issue, body, { marker: options.marker, viewerLogin: options.viewerLogin, delayMs: options.delayMs, log: options.log });
}
