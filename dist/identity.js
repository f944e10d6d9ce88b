// A run's identity: workflow file + job id + variant. Two runs with the same
// identity are comparable (a PR run with its base's run); two legs of one
// matrix differ in variant and so never share a record, a comment or an
// artifact name. Pure: no Actions packages, no I/O.
import { createHash } from 'node:crypto';
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value && typeof value === 'object') {
        const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}
/**
 * The variant input as canonical text. Its default is `toJSON(matrix)`,
 * which is "null" outside a matrix: that (and '' or "{}") is no variant.
 * JSON objects are re-serialised with sorted keys and no spaces, so the
 * same matrix values give the same variant however the runner printed them.
 */
export function normalizeVariant(raw) {
    const text = raw.trim();
    if (text === '' || text === 'null')
        return '';
    if (text.startsWith('{') || text.startsWith('[')) {
        try {
            const parsed = JSON.parse(text);
            if (parsed === null)
                return '';
            if (typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(parsed).length === 0)
                return '';
            return canonicalJson(parsed);
        }
        catch {
            // Free text that merely starts with a brace is kept as written.
        }
    }
    return text;
}
/** The workflow file from GITHUB_WORKFLOW_REF ("owner/repo/.github/workflows/x.yml@refs/heads/main"). */
export function workflowFile(workflowRef) {
    const match = workflowRef ? /^[^/]+\/[^/]+\/(.+?)@/.exec(workflowRef) : null;
    return match?.[1];
}
/** Short, stable key for folder names and artifact names: 12 hex characters of SHA-256 over the identity. */
export function identityKey(identity) {
    return createHash('sha256').update(JSON.stringify([identity.workflow, identity.job, identity.variant])).digest('hex').slice(0, 12);
}
/** A variant for people to read in logs and markers: the matrix values without JSON punctuation. */
export function variantLabel(variant) {
    if (!variant)
        return '';
    try {
        const parsed = JSON.parse(variant);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
            return Object.entries(parsed)
                .map(([key, value]) => `${key}=${typeof value === 'string' ? value : canonicalJson(value)}`)
                .join(', ');
        }
    }
    catch {
        // Free text.
    }
    return variant;
}
export function sameIdentity(a, b) {
    return a.workflow === b.workflow && a.job === b.job && a.variant === b.variant;
}
