// The pull-request comment: one per PR per workflow and job, found by a
// hidden marker among the comments the token's own identity wrote. Each API
// call is one function taking the client first; "is this ours?" is pure.
import { explain, statusOf } from './client.js';
/** GitHub rejects comment bodies over this many characters. */
export const MAX_COMMENT_LENGTH = 65_536;
/** The hidden marker; the workflow name is the user's text, so anything that could end the HTML comment is dropped. */
export function commentMarker(workflow, job) {
    const clean = (text) => text.replace(/--+/g, '-').replace(/[<>\n\r]/g, ' ').replace(/\s+/g, ' ').trim();
    return `<!-- train-and-report: workflow=${clean(workflow)} job=${clean(job)} -->`;
}
/** REST names a GitHub App's bot "name[bot]" where GraphQL's viewer says "name"; compare without the suffix. */
export function sameLogin(a, b) {
    const normalize = (login) => login.toLowerCase().replace(/\[bot\]$/, '');
    return normalize(a) === normalize(b);
}
export function isOwnComment(comment, marker, viewerLogin) {
    return Boolean(comment.user && sameLogin(comment.user.login, viewerLogin) && comment.body?.includes(marker));
}
export function commentBody(marker, markdown) {
    const body = `${marker}\n${markdown}`;
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
    try {
        const pages = client.paginate.iterator(client.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
        for await (const page of pages) {
            const found = page.data.find((comment) => isOwnComment(comment, marker, viewerLogin));
            if (found)
                return { id: found.id, url: found.html_url };
        }
        return undefined;
    }
    catch (error) {
        throw explain(error, { action: `list the comments of pull request #${issue}`, missing: `pull request #${issue}` });
    }
}
export async function createComment(client, repo, issue, body) {
    const { data } = await client.rest.issues.createComment({ ...repo, issue_number: issue, body });
    return { id: data.id, url: data.html_url };
}
export async function updateComment(client, repo, id, body) {
    const { data } = await client.rest.issues.updateComment({ ...repo, comment_id: id, body });
    return { id: data.id, url: data.html_url };
}
/**
 * Posts the report: updates our earlier comment in place (mode 'update'), or
 * adds a new one. A comment deleted between lookup and update is recreated.
 * Raw API errors are passed on so the caller can tell a fork's read-only
 * token from a missing permission.
 */
export async function postComment(client, repo, issue, body, options) {
    if (options.mode === 'update') {
        const existing = await findOwnComment(client, repo, issue, options.marker, options.viewerLogin);
        if (existing) {
            try {
                return { ...(await updateComment(client, repo, existing.id, body)), action: 'updated' };
            }
            catch (error) {
                if (statusOf(error) !== 404)
                    throw error;
            }
        }
    }
    return { ...(await createComment(client, repo, issue, body)), action: 'created' };
}
