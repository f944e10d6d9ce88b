// Runs action.yml the way the runner runs a composite action: the manifest is
// validated with @actions/workflow-parser, `${{ }}` expressions and `if:`
// conditions are evaluated with @actions/expressions, `run:` steps run in
// bash with the runner's environment (GITHUB_*, RUNNER_*, the step's env and
// the file commands GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_ENV), and
// workflow commands (::add-mask::, ::notice:: …) are read from stdout.
// `uses:` steps are emulated (and must be pinned to a commit SHA): what
// actions/cache, cache/restore, cache/save and upload-artifact would receive is
// recorded (and the paths checked), setup-node puts this process's node first
// on PATH (or fails, when a test says so), download-artifact copies from what
// an earlier run uploaded. Two substitutions: an install step runs with a
// stand-in `npm` (installing needs the registry), and the entry of this
// checkout runs from src with tsx instead of the built dist (a release folder,
// RunOptions.actionPath, runs its own bundle).

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import type { FakeGitHub } from '../fakes/github.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ENTRY_COMMAND = 'node --max-semi-space-size=4 "$GITHUB_ACTION_PATH/dist/index.js"';

interface ManifestStep {
  id?: string;
  name?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'working-directory'?: string;
}

export interface Manifest {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ManifestStep[] };
}

export async function loadManifest(actionPath = REPO_ROOT): Promise<Manifest> {
  const content = await readFile(join(actionPath, 'action.yml'), 'utf8');
  const parsed = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0) throw new Error(`action.yml does not validate: ${errors.join('; ')}`);
  return parseYaml(content) as Manifest;
}

/** Artifacts uploaded per workflow run id, as folders: the store download-artifact reads from. */
export type ArtifactStore = Map<string, Map<string, string>>;

export interface RunOptions {
  fake: FakeGitHub;
  token: string;
  eventName: string;
  payload: Record<string, unknown>;
  sha: string;
  ref: string;
  /** The workflow's `with:`. */
  inputs: Record<string, string>;
  workspace: string;
  artifacts: ArtifactStore;
  runId: string;
  workflow?: string;
  job?: string;
  /** The workflow file, for GITHUB_WORKFLOW_REF (".github/workflows/ci.yml" unless given). */
  workflowFile?: string;
  /** The job's matrix values (the runner's `matrix` context); null outside a matrix. */
  matrix?: Record<string, unknown>;
  /** The runner's PATH (default: this process's); a test puts an old or no `node` first. */
  path?: string;
  /** What the emulated actions/setup-node does: put this process's node first on PATH, or fail (no network). */
  setupNode?: 'ok' | 'fail';
  /** What the stand-in `npm` in the install step does. */
  install?: 'ok' | 'fail';
  /**
   * The action's folder (GITHUB_ACTION_PATH). Default: this checkout, whose entry runs from src with tsx;
   * any other folder (a release, as scripts/release.mjs assembles it) runs its own dist/ as it is.
   */
  actionPath?: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
}

export interface RunResult {
  failed: boolean;
  outputs: Record<string, string>;
  /** Raw stdout+stderr of every step, before masking (what a leaked secret would be in). */
  rawLog: string;
  masks: string[];
  annotations: Annotation[];
  summary: string;
  steps: Array<{ id: string; outcome: 'success' | 'failure' | 'skipped' }>;
  /** actions/cache (restore now, save after the job), actions/cache/restore and actions/cache/save, in step order. */
  caches: Array<{ kind: 'cache' | 'restore' | 'save'; path: string; key: string }>;
  setupNode: Array<Record<string, string>>;
  /** Lines the stand-in npm of the install step was called with. */
  npmCalls: string[];
  uploads: Array<{ name: string; path: string }>;
  downloads: Array<{ pattern: string; runId: string; names: string[] }>;
  runnerTemp: string;
}

function toData(value: unknown): data.ExpressionData {
  if (value === null || value === undefined) return new data.Null();
  if (typeof value === 'string') return new data.StringData(value);
  if (typeof value === 'number') return new data.NumberData(value);
  if (typeof value === 'boolean') return new data.BooleanData(value);
  if (Array.isArray(value)) return new data.Array(...value.map(toData));
  return new data.Dictionary(...Object.entries(value as Record<string, unknown>).map(([key, inner]) => ({ key, value: toData(inner) })));
}

type Status = { failed: boolean };

/**
 * The runner's hashFiles() for the patterns action.yml uses (`folder/**`):
 * sha256 over the files below the folder, relative to the workspace; '' when
 * none match, as on the runner. Other patterns fail loudly.
 */
function hashFiles(pattern: string, context: Record<string, unknown>): string {
  const match = /^(.*?)\/?\*\*$/.exec(pattern);
  if (!match) throw new Error(`harness: hashFiles('${pattern}') is not supported; extend the harness`);
  const workspace = (context.github as { workspace: string }).workspace;
  const root = resolve(workspace, match[1]);
  const files: string[] = [];
  const walk = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(root);
  if (files.length === 0) return '';
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(createHash('sha256').update(readFileSync(file)).digest());
  return hash.digest('hex');
}

function evaluate(expression: string, context: Record<string, unknown>, status: Status): data.ExpressionData {
  const statusFunctions = [
    { name: 'success', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(!status.failed) },
    { name: 'failure', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.failed) },
    { name: 'always', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
    { name: 'cancelled', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(false) },
    { name: 'hashFiles', minArgs: 1, maxArgs: 1, call: (...args: data.ExpressionData[]) => new data.StringData(hashFiles(args[0].coerceString(), context)) },
  ];
  const lexed = new Lexer(expression).lex();
  const parsed = new Parser(lexed.tokens, Object.keys(context), statusFunctions).parse();
  return new Evaluator(parsed, toData(context) as data.Dictionary, new Map(statusFunctions.map((fn) => [fn.name.toLowerCase(), fn]))).evaluate();
}

/** Replaces each ${{ expr }} in a string, as the runner does for with/env/run values. */
export function substitute(text: string, context: Record<string, unknown>, status: Status = { failed: false }): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => evaluate(expression.trim(), context, status).coerceString());
}

function condition(text: string | undefined, context: Record<string, unknown>, status: Status): boolean {
  if (text === undefined) return !status.failed;
  const expression = text.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  // Like the runner: a condition without a status function is ANDed with success().
  const guarded = /\b(success|failure|always|cancelled)\(\)/.test(expression) ? expression : `success() && (${expression})`;
  return truthy(evaluate(guarded, context, status));
}

function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (index += 1; index < lines.length && lines[index] !== heredoc[2]; index += 1) value.push(lines[index]);
      outputs[heredoc[1]] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

function runBash(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { env, cwd });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name));
}

export async function allFiles(folder: string): Promise<string[]> {
  return listFiles(folder);
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

export async function runAction(options: RunOptions): Promise<RunResult> {
  const actionPath = options.actionPath ?? REPO_ROOT;
  const manifest = await loadManifest(actionPath);
  const home = await mkdtemp(join(tmpdir(), 'runner-'));
  const runnerTemp = join(home, 'temp');
  await mkdir(runnerTemp);
  const eventPath = join(home, 'event.json');
  await writeFile(eventPath, JSON.stringify(options.payload));
  const summaryFile = join(home, 'summary.md');
  await writeFile(summaryFile, '');
  const job = options.job ?? 'train';
  const workflow = options.workflow ?? 'CI';
  const tsx = fileURLToPath(import.meta.resolve('tsx'));

  const runnerEnv: Record<string, string> = {
    PATH: options.path ?? process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: options.fake.url,
    GITHUB_GRAPHQL_URL: `${options.fake.url}/graphql`,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: `${options.fake.owner}/${options.fake.repo}`,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: options.sha,
    GITHUB_REF: options.ref,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_WORKFLOW: workflow,
    GITHUB_WORKFLOW_REF: `${options.fake.owner}/${options.fake.repo}/${options.workflowFile ?? '.github/workflows/ci.yml'}@${options.ref}`,
    GITHUB_JOB: job,
    GITHUB_RUN_ID: options.runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTION_PATH: actionPath,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    // Retries wait milliseconds instead of seconds in tests.
    TRAIN_AND_REPORT_RETRY_BASE_MS: '5',
  };
  const inputs: Record<string, string> = {};
  const context: Record<string, unknown> = {
    github: {
      token: options.token,
      action_path: actionPath,
      workspace: options.workspace,
      event: options.payload,
      event_name: options.eventName,
      sha: options.sha,
      ref: options.ref,
      job,
      run_id: options.runId,
      repository: runnerEnv.GITHUB_REPOSITORY,
    },
    runner: { os: 'Linux', arch: 'X64', temp: runnerTemp },
    matrix: options.matrix ?? null,
    strategy: { 'fail-fast': true, 'job-index': 0, 'job-total': 1, 'max-parallel': 1 },
    job: { status: 'success' },
    inputs,
    steps: {} as Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>,
    env: {},
  };
  for (const [name, spec] of Object.entries(manifest.inputs)) {
    inputs[name] = name in options.inputs ? options.inputs[name] : substitute(String(spec.default ?? ''), context);
  }
  const extraEnv: Record<string, string> = {};
  const status: Status = { failed: false };
  const result: RunResult = {
    failed: false, outputs: {}, rawLog: '', masks: [], annotations: [], summary: '', steps: [], caches: [], setupNode: [], npmCalls: [], uploads: [], downloads: [], runnerTemp,
  };
  const steps = context.steps as Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;

  for (const [index, step] of manifest.runs.steps.entries()) {
    const id = step.id ?? `__step${index}`;
    if (!condition(step.if, context, status)) {
      result.steps.push({ id, outcome: 'skipped' });
      steps[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const stepOutputs: Record<string, string> = {};
    let ok = true;
    if (step.run !== undefined) {
      const script = substitute(step.run, context, status);
      const installs = /\bnpm (ci|install)\b/.test(script);
      if (installs) {
        // Installing needs the registry: the step's real script runs with a stand-in npm first on
        // PATH that records its arguments (and fails when asked to); node_modules stays as it is.
        await mkdir(join(home, 'npm-bin'), { recursive: true });
        await writeFile(join(home, 'npm-bin', 'npm'), `#!/bin/sh\necho "npm $*" >> "${join(home, 'npm-calls')}"\nexit ${options.install === 'fail' ? 1 : 0}\n`, { mode: 0o755 });
      }
      const command = actionPath === REPO_ROOT ? script.replace(ENTRY_COMMAND, `node --max-semi-space-size=4 --import "${tsx}" "$GITHUB_ACTION_PATH/src/index.ts"`) : script;
      const outputFile = join(home, `output-${index}`);
      const envFile = join(home, `env-${index}`);
      await writeFile(outputFile, '');
      await writeFile(envFile, '');
      const stepEnv: Record<string, string> = { ...runnerEnv, ...extraEnv, GITHUB_OUTPUT: outputFile, GITHUB_ENV: envFile };
      for (const [name, value] of Object.entries(step.env ?? {})) stepEnv[name] = substitute(String(value), context, status);
      if (installs) stepEnv.PATH = `${join(home, 'npm-bin')}:${stepEnv.PATH}`;
      const cwd = step['working-directory'] ? resolve(options.workspace, substitute(step['working-directory'], context, status)) : options.workspace;
      const { code, output } = await runBash(command, stepEnv, cwd);
      result.rawLog += output;
      for (const line of output.split('\n')) {
        const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
        if (!command) continue;
        if (command[1] === 'add-mask') result.masks.push(command[2]);
        if (command[1] === 'error' || command[1] === 'warning' || command[1] === 'notice') {
          result.annotations.push({ level: command[1], message: command[2].replace(/%0A/g, '\n').replace(/%25/g, '%') });
        }
      }
      Object.assign(stepOutputs, parseOutputFile(await readFile(outputFile, 'utf8')));
      Object.assign(extraEnv, parseOutputFile(await readFile(envFile, 'utf8')));
      if (installs && existsSync(join(home, 'npm-calls'))) {
        result.npmCalls.push(...(await readFile(join(home, 'npm-calls'), 'utf8')).trim().split('\n'));
        await writeFile(join(home, 'npm-calls'), '');
      }
      ok = code === 0;
    } else if (step.uses) {
      const withValues = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, substitute(String(value), context, status)]));
      const action = step.uses.replace(/@.*$/, '');
      if (!/@[0-9a-f]{40}$/.test(step.uses)) throw new Error(`${step.uses} is not pinned to a commit SHA`);
      if (action === 'actions/cache' || action === 'actions/cache/restore') {
        // actions/cache's paths are checked after the last step: its post-job save needs the folder then.
        result.caches.push({ kind: action === 'actions/cache' ? 'cache' : 'restore', path: withValues.path, key: withValues.key });
        stepOutputs['cache-hit'] = 'false';
      } else if (action === 'actions/cache/save') {
        await stat(withValues.path);
        result.caches.push({ kind: 'save', path: withValues.path, key: withValues.key });
      } else if (action === 'actions/setup-node') {
        result.setupNode.push(withValues);
        // The real action puts the Node it installed first on PATH for the rest of the job.
        if (options.setupNode === 'fail') ok = false;
        else runnerEnv.PATH = `${dirname(process.execPath)}:${runnerEnv.PATH}`;
      } else if (action === 'actions/upload-artifact') {
        if (!withValues.name) throw new Error('upload-artifact step got no name');
        const copy = await mkdtemp(join(tmpdir(), 'artifact-'));
        await cp(withValues.path, copy, { recursive: true });
        const runArtifacts = options.artifacts.get(options.runId) ?? new Map<string, string>();
        if (runArtifacts.has(withValues.name)) throw new Error(`artifact ${withValues.name} uploaded twice in run ${options.runId}`);
        runArtifacts.set(withValues.name, copy);
        options.artifacts.set(options.runId, runArtifacts);
        result.uploads.push({ name: withValues.name, path: withValues.path });
      } else if (action === 'actions/download-artifact') {
        const runArtifacts = options.artifacts.get(withValues['run-id']) ?? new Map<string, string>();
        const pattern = globToRegExp(withValues.pattern || '*');
        const names = [...runArtifacts.keys()].filter((name) => pattern.test(name));
        if (withValues['github-token'] !== options.token) throw new Error('download-artifact did not get the github-token');
        for (const name of names) await cp(runArtifacts.get(name)!, join(withValues.path, name), { recursive: true });
        result.downloads.push({ pattern: withValues.pattern, runId: withValues['run-id'], names });
        ok = names.length > 0;
      } else {
        throw new Error(`the harness does not emulate ${step.uses}`);
      }
    }
    // continue-on-error: the step's outcome is failure, its conclusion success, and the job goes on.
    const tolerated = !ok && String((step as { 'continue-on-error'?: unknown })['continue-on-error']) === 'true';
    steps[id] = { outputs: stepOutputs, outcome: ok ? 'success' : 'failure', conclusion: ok || tolerated ? 'success' : 'failure' };
    result.steps.push({ id, outcome: ok ? 'success' : 'failure' });
    if (!ok && !tolerated) status.failed = true;
  }
  for (const [name, output] of Object.entries(manifest.outputs)) result.outputs[name] = substitute(output.value, context, status);
  result.failed = status.failed;
  result.summary = await readFile(summaryFile, 'utf8');
  if (!status.failed) for (const cache of result.caches) if (cache.kind === 'cache') await stat(cache.path);
  return result;
}
