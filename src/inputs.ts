// The action's inputs: strings → one typed config. Each tiny parser's error
// names the input and the bad value. Read inside run(), never at import.

import { isAbsolute, resolve } from 'node:path';
import { parseThresholds, type Thresholds } from './compare/thresholds.js';
import { normalizeVariant } from './identity.js';
import { BACKEND_CHOICES, type BackendChoice } from './model/backend-choice.js';
import { parseOverrides, type ParamOverride } from './params.js';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export type Baseline = { kind: 'auto' } | { kind: 'none' } | { kind: 'ref'; ref: string };

export interface ActionConfig {
  mode: 'run' | 'publish' | 'aggregate';
  workingDirectory: string;
  /** Absolute. */
  data: string;
  /** Absolute. */
  params: string;
  /** The params input was left at its default (a missing params.yaml then means the defaults). */
  paramsIsDefault: boolean;
  /** The data input was left at its default (a training command may then run without a data folder). */
  dataIsDefault: boolean;
  /** A training command of the user's own instead of the built-in CNN ('' = the built-in); run mode only. */
  command: string;
  /** params-override: applied on top of the params file, checked like it. */
  paramsOverride: ParamOverride[];
  token: string;
  backend: BackendChoice;
  /** The old layout's branch: read for baselines, never written. */
  reportsBranch: string;
  /** The records store's ref, outside refs/heads/ and refs/tags/. */
  recordsRef: string;
  /** Canonical variant text ('' outside a matrix); part of the run's identity. */
  variant: string;
  comment: 'update' | 'new' | 'off';
  failOnRegression: Thresholds;
  baseline: Baseline;
  /** Train even when nothing that reaches training changed since the base (its results would be reused). */
  forceTraining: boolean;
  uploadArtifact: boolean;
  artifactName: string;
  keepRuns: number;
  /** Recorded runs the branch's trend shows (0: no trend). */
  trendRuns: number;
  /** Open, update and close one issue per identity when a push to the default branch makes the model worse. */
  alertIssue: boolean;
  /** Only for publish mode: the workflow run whose artifact is published. */
  runId: string;
  /** Aggregate mode: the variants fail-on-regression applies to; empty = all. */
  primaryVariant: string[];
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
  'force-training': 'false',
  'working-directory': '.',
  'keep-runs': '100',
  'trend-runs': '20',
  'alert-issue': 'true',
} as const;

export type InputReader = (name: string) => string;

function oneOf<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new InputError(`input '${name}' must be one of ${choices.join(', ')}; got "${value}"`);
}

export function parseBoolean(name: string, value: string): boolean {
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new InputError(`input '${name}' must be true or false; got "${value}"`);
}

export function parseCount(name: string, value: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) > max) throw new InputError(`input '${name}' must be a whole number from 0 to ${max}; got "${value}"`);
  return Number(value);
}

export function parsePositiveInteger(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InputError(`input '${name}' must be a whole number ≥ 1; got "${value}"`);
  return Number(value);
}

/** Git's own ref-name rules, in the part that matters for a branch we create. */
export function parseBranchName(name: string, value: string): string {
  if (!value || /(^[/.-])|([/.]$)|\.\.|[\s~^:?*[\\]|@\{|\/\/|\.lock$/.test(value)) {
    throw new InputError(`input '${name}' must be a valid branch name; got "${value}"`);
  }
  return value;
}

/** A ref a clone of the branches and tags never fetches, in git's ref-name rules and GitHub's (refs/ and two slashes). */
export function parseRecordsRef(name: string, value: string): string {
  const bad = !/^refs\/[^/]+\/.+/.test(value) || /(\/[.])|([/.]$)|\.\.|[\s~^:?*[\\]|@\{|\/\/|\.lock(\/|$)/.test(value);
  if (bad) throw new InputError(`input '${name}' must be a ref like refs/train-and-report/records; got "${value}"`);
  if (/^refs\/(heads|tags|pull|remotes)\//.test(value)) {
    throw new InputError(`input '${name}' must be outside refs/heads/, refs/tags/, refs/pull/ and refs/remotes/ (a clone would fetch it, or GitHub owns it); got "${value}"`);
  }
  return value;
}

export function parseBaseline(name: string, value: string): Baseline {
  if (value === 'auto') return { kind: 'auto' };
  if (value === 'none' || value === 'off') return { kind: 'none' };
  if (/\s/.test(value) || value.includes('..')) throw new InputError(`input '${name}' must be auto, none or a git ref (branch, tag or SHA); got "${value}"`);
  return { kind: 'ref', ref: value.replace(/^refs\/heads\//, '') };
}

export const PARAMS_OVERRIDE_SOURCE = "input 'params-override'";

export function parseOverrideInput(value: string): ParamOverride[] {
  try {
    return parseOverrides(value.split('\n'), PARAMS_OVERRIDE_SOURCE);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

export function parseThresholdInput(name: string, value: string): Thresholds {
  try {
    return parseThresholds(value);
  } catch (error) {
    throw new InputError(`input '${name}': ${(error as Error).message}`);
  }
}

/**
 * Builds the config. `read` returns '' for an input that was not given
 * (as core.getInput does); `workspace` is where relative paths start.
 */
export function readInputs(read: InputReader, workspace: string): ActionConfig {
  const get = (name: keyof typeof INPUT_DEFAULTS) => read(name).trim() || INPUT_DEFAULTS[name];
  const workingDirectory = resolve(workspace, get('working-directory'));
  const inWork = (path: string) => (isAbsolute(path) ? path : resolve(workingDirectory, path));
  const token = read('github-token').trim();
  if (!token) throw new InputError("input 'github-token' is empty; leave it at its default (${{ github.token }}) or pass a token");
  const artifactName = read('artifact-name').trim();
  const mode = oneOf('mode', get('mode'), ['run', 'publish', 'aggregate'] as const);
  const command = read('command').trim();
  // The privileged side (a write token, a fork's artifacts) never runs a command: the docs say why.
  if (command && mode !== 'run') throw new InputError(`input 'command' is for run mode only; ${mode} mode never runs a command (it holds a write token and reads artifacts from pull requests): remove the input from this step`);
  if (command && read('params-override').trim()) throw new InputError("input 'params-override' applies to the built-in trainer only; with 'command', change the params file the command reads (one file per matrix leg)");
  const forceTraining = parseBoolean('force-training', get('force-training'));
  // A training command's runs are never reused from the base, so there is nothing to force.
  if (command && forceTraining) throw new InputError("input 'force-training' applies to the built-in trainer only; a training command trains every seed of every run: remove the input from this step");
  if (/[":<>|*?\\/\r\n]/.test(artifactName)) throw new InputError(`input 'artifact-name' may not contain " : < > | * ? \\ / or newlines; got "${artifactName}"`);
  return {
    mode,
    workingDirectory,
    data: inWork(get('data')),
    params: inWork(get('params')),
    paramsIsDefault: !read('params').trim() || read('params').trim() === INPUT_DEFAULTS.params,
    dataIsDefault: !read('data').trim() || read('data').trim() === INPUT_DEFAULTS.data,
    command,
    paramsOverride: parseOverrideInput(read('params-override')),
    token,
    backend: oneOf('backend', get('backend'), BACKEND_CHOICES),
    reportsBranch: parseBranchName('reports-branch', get('reports-branch')),
    recordsRef: parseRecordsRef('records-ref', get('records-ref')),
    variant: normalizeVariant(read('variant')),
    comment: oneOf('comment', get('comment'), ['update', 'new', 'off'] as const),
    failOnRegression: parseThresholdInput('fail-on-regression', get('fail-on-regression')),
    baseline: parseBaseline('baseline', get('baseline')),
    forceTraining,
    uploadArtifact: parseBoolean('upload-artifact', get('upload-artifact')),
    artifactName,
    keepRuns: parsePositiveInteger('keep-runs', get('keep-runs')),
    trendRuns: parseCount('trend-runs', get('trend-runs'), 100),
    alertIssue: parseBoolean('alert-issue', get('alert-issue')),
    runId: read('run-id').trim(),
    // One name per line: a variant's name may hold commas ("lr=0.001, conv_size=64").
    primaryVariant: read('primary-variant').split('\n').map((name) => name.trim()).filter(Boolean),
  };
}
