// The action's inputs: strings → one typed config. Each tiny parser's error
// names the input and the bad value. Read inside run(), never at import.
import { isAbsolute, resolve } from 'node:path';
import { parseThresholds } from './compare/thresholds.js';
import { normalizeVariant } from './identity.js';
import { BACKEND_CHOICES } from './model/backend-choice.js';
import { parseOverrides } from './params.js';
export class InputError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InputError';
    }
}
export const INPUT_DEFAULTS = {
    mode: 'run',
    data: 'data/raw',
    params: 'params.yaml',
    backend: 'auto',
    'reports-branch': 'train-and-report-reports',
    'records-ref': 'refs/train-and-report/records',
    comment: 'update',
    'fail-on-regression': 'off',
    baseline: 'auto',
    'upload-artifact': 'true',
    'working-directory': '.',
    'keep-runs': '100',
};
function oneOf(name, value, choices) {
    if (choices.includes(value))
        return value;
    throw new InputError(`input '${name}' must be one of ${choices.join(', ')}; got "${value}"`);
}
export function parseBoolean(name, value) {
    if (/^(true|yes|on|1)$/i.test(value))
        return true;
    if (/^(false|no|off|0)$/i.test(value))
        return false;
    throw new InputError(`input '${name}' must be true or false; got "${value}"`);
}
export function parsePositiveInteger(name, value) {
    if (!/^\d+$/.test(value) || Number(value) < 1)
        throw new InputError(`input '${name}' must be a whole number ≥ 1; got "${value}"`);
    return Number(value);
}
/** Git's own ref-name rules, in the part that matters for a branch we create. */
export function parseBranchName(name, value) {
    if (!value || /(^[/.-])|([/.]$)|\.\.|[\s~^:?*[\\]|@\{|\/\/|\.lock$/.test(value)) {
        throw new InputError(`input '${name}' must be a valid branch name; got "${value}"`);
    }
    return value;
}
/** A ref a clone of the branches and tags never fetches, in git's ref-name rules and GitHub's (refs/ and two slashes). */
export function parseRecordsRef(name, value) {
    const bad = !/^refs\/[^/]+\/.+/.test(value) || /(\/[.])|([/.]$)|\.\.|[\s~^:?*[\\]|@\{|\/\/|\.lock(\/|$)/.test(value);
    if (bad)
        throw new InputError(`input '${name}' must be a ref like refs/train-and-report/records; got "${value}"`);
    if (/^refs\/(heads|tags|pull|remotes)\//.test(value)) {
        throw new InputError(`input '${name}' must be outside refs/heads/, refs/tags/, refs/pull/ and refs/remotes/ (a clone would fetch it, or GitHub owns it); got "${value}"`);
    }
    return value;
}
export function parseBaseline(name, value) {
    if (value === 'auto')
        return { kind: 'auto' };
    if (value === 'none' || value === 'off')
        return { kind: 'none' };
    if (/\s/.test(value) || value.includes('..'))
        throw new InputError(`input '${name}' must be auto, none or a git ref (branch, tag or SHA); got "${value}"`);
    return { kind: 'ref', ref: value.replace(/^refs\/heads\//, '') };
}
export const PARAMS_OVERRIDE_SOURCE = "input 'params-override'";
export function parseOverrideInput(value) {
    try {
        return parseOverrides(value.split('\n'), PARAMS_OVERRIDE_SOURCE);
    }
    catch (error) {
        throw new InputError(error.message);
    }
}
export function parseThresholdInput(name, value) {
    try {
        return parseThresholds(value);
    }
    catch (error) {
        throw new InputError(`input '${name}': ${error.message}`);
    }
}
/**
 * Builds the config. `read` returns '' for an input that was not given
 * (as core.getInput does); `workspace` is where relative paths start.
 */
export function readInputs(read, workspace) {
    const get = (name) => read(name).trim() || INPUT_DEFAULTS[name];
    const workingDirectory = resolve(workspace, get('working-directory'));
    const inWork = (path) => (isAbsolute(path) ? path : resolve(workingDirectory, path));
    const token = read('github-token').trim();
    if (!token)
        throw new InputError("input 'github-token' is empty; leave it at its default (${{ github.token }}) or pass a token");
    const artifactName = read('artifact-name').trim();
    if (/[":<>|*?\\/\r\n]/.test(artifactName))
        throw new InputError(`input 'artifact-name' may not contain " : < > | * ? \\ / or newlines; got "${artifactName}"`);
    return {
        mode: oneOf('mode', get('mode'), ['run', 'publish', 'aggregate']),
        workingDirectory,
        data: inWork(get('data')),
        params: inWork(get('params')),
        paramsIsDefault: !read('params').trim() || read('params').trim() === INPUT_DEFAULTS.params,
        paramsOverride: parseOverrideInput(read('params-override')),
        token,
        backend: oneOf('backend', get('backend'), BACKEND_CHOICES),
        reportsBranch: parseBranchName('reports-branch', get('reports-branch')),
        recordsRef: parseRecordsRef('records-ref', get('records-ref')),
        variant: normalizeVariant(read('variant')),
        comment: oneOf('comment', get('comment'), ['update', 'new', 'off']),
        failOnRegression: parseThresholdInput('fail-on-regression', get('fail-on-regression')),
        baseline: parseBaseline('baseline', get('baseline')),
        uploadArtifact: parseBoolean('upload-artifact', get('upload-artifact')),
        artifactName,
        keepRuns: parsePositiveInteger('keep-runs', get('keep-runs')),
        runId: read('run-id').trim(),
        // One name per line: a variant's name may hold commas ("lr=0.001, conv_size=64").
        primaryVariant: read('primary-variant').split('\n').map((name) => name.trim()).filter(Boolean),
    };
}
