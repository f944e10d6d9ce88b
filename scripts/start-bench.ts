// `npm run bench -- --start`: how fast the action starts, and how big it is.
//
// The action's folder as a release has it (scripts/release.mjs --assemble,
// copied outside this checkout so that no node_modules above it helps), then
// the steps a run-mode job executes, in action.yml's order, as the runner runs
// them (bash, GITHUB_ACTION_PATH, the inputs' defaults as INPUT_*): the Node
// check, the native-parts check, the pixel-cache key, and the entry
// (dist/index.js) up to its first training line, with no pixel cache and no
// dependency cache. The entry is stopped there: the rest needs GitHub.
// --before also measures the install the action did before it carried its
// run-time packages (npm ci --omit=dev from the lock file, empty npm cache).
// A script that prints figures, not a test: it asserts nothing.

import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

interface Step {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}

export interface StartOptions {
  /** Folder of images (one sub-folder per class). */
  data: string;
  /** Also measure the old run-time install. */
  before: boolean;
  /** Native code for the platform installed here only (nothing downloaded). */
  installedOnly: boolean;
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function runStep(script: string, env: NodeJS.ProcessEnv, cwd: string, stopAt?: RegExp): Promise<{ seconds: number; output: string }> {
  const started = performance.now();
  return new Promise((done, failed) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { env, cwd, detached: true });
    let output = '';
    let stopped = false;
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (stopAt && !stopped && stopAt.test(output)) {
        stopped = true;
        const seconds = (performance.now() - started) / 1000;
        process.kill(-child.pid!, 'SIGTERM');
        done({ seconds, output });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', failed);
    child.on('close', (code) => {
      if (stopped) return;
      if (code === 0 && !stopAt) done({ seconds: (performance.now() - started) / 1000, output });
      else failed(new Error(`step ended with ${code} before ${stopAt ?? 'its end'}:\n${output}`));
    });
  });
}

export async function benchStart(options: StartOptions): Promise<void> {
  const root = resolve('.');
  const work = await mkdtemp(join(tmpdir(), 'train-and-report-start-'));
  try {
    const action = join(work, 'action');
    const assembled = spawnSync(process.execPath, ['scripts/release.mjs', '--assemble', action, ...(options.installedOnly ? ['--installed'] : [])], { cwd: root, encoding: 'utf8' });
    if (assembled.status !== 0) throw new Error(`assembling the release folder failed:\n${assembled.stdout}${assembled.stderr}`);
    const manifest = parseYaml(await (await import('node:fs/promises')).readFile(join(action, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      runs: { steps: Step[] };
    };
    console.log(
      `action folder (a release): ${mb(await folderBytes(action))} (dist/ ${mb(await folderBytes(join(action, 'dist')))}, ` +
        `node_modules/ ${mb(await folderBytes(join(action, 'node_modules')))}${options.installedOnly ? ', native code for this platform only' : ''})`,
    );

    const home = join(work, 'runner');
    const temp = join(home, 'temp');
    const workspace = join(work, 'workspace');
    await mkdir(temp, { recursive: true });
    await mkdir(workspace, { recursive: true });
    const eventPath = join(home, 'event.json');
    await writeFile(eventPath, JSON.stringify({ ref: 'refs/heads/main', after: '0'.repeat(40), before: '1'.repeat(40), repository: { full_name: 'owner/repo' } }));
    const inputs: Record<string, string> = {};
    for (const [name, spec] of Object.entries(manifest.inputs)) inputs[name] = String(spec.default ?? '').includes('${{') ? '' : String(spec.default ?? '');
    Object.assign(inputs, { data: options.data, 'github-token': 'unused-before-the-first-training-line', 'upload-artifact': 'false' });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: action,
      GITHUB_WORKSPACE: workspace,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'owner/repo',
      GITHUB_SHA: '0'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_WORKFLOW: 'bench',
      GITHUB_JOB: 'train',
      GITHUB_RUN_ID: '1',
      GITHUB_API_URL: 'http://127.0.0.1:9',
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_OUTPUT: join(home, 'output'),
      GITHUB_STEP_SUMMARY: join(home, 'summary'),
      RUNNER_TEMP: temp,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      TRAIN_AND_REPORT_CACHE: join(temp, 'train-and-report-pixels'),
      TRAIN_AND_REPORT_DATA: options.data,
      TRAIN_AND_REPORT_WORKING_DIRECTORY: '.',
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    };
    const steps = new Map(manifest.runs.steps.filter((step) => step.id).map((step) => [step.id!, step]));
    const timed: [string, number][] = [];
    for (const [id, label, cwd] of [['node', 'Node check', workspace], ['native', 'native parts', action], ['pixels-key', 'pixel-cache key', workspace]] as const) {
      const step = steps.get(id);
      if (!step?.run) throw new Error(`action.yml has no run step "${id}"`);
      const result = await runStep(step.run, env, cwd);
      if (id === 'native' && /installing/.test(result.output)) throw new Error(`the native-parts step installed something:\n${result.output}`);
      timed.push([label, result.seconds]);
    }
    const entry = steps.get('run')!;
    const first = await runStep(entry.run!, env, workspace, /epoch 1\/\d+: loss/);
    timed.push(['entry to its first training line', first.seconds]);
    const decode = /\(decoded in ([\d.]+) s\)/.exec(first.output)?.[1];
    console.log(`steps: ${timed.map(([label, seconds]) => `${label} ${seconds.toFixed(2)} s`).join(', ')}${decode ? ` (the entry decoded the images in ${decode} s)` : ''}`);
    console.log(`action start → first training line: ${timed.reduce((sum, [, seconds]) => sum + seconds, 0).toFixed(2)} s (no dependency cache, no pixel cache, nothing installed)`);

    if (options.before) {
      const old = join(work, 'before');
      await mkdir(old);
      await cp(join(root, 'package.json'), join(old, 'package.json'));
      await cp(join(root, 'package-lock.json'), join(old, 'package-lock.json'));
      const started = performance.now();
      const installed = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--cache', join(work, 'npm-cache')], { cwd: old, encoding: 'utf8' });
      if (installed.status !== 0) throw new Error(`npm ci failed:\n${installed.stderr}`);
      const seconds = (performance.now() - started) / 1000;
      console.log(`before (installed at run time): npm ci --omit=dev with an empty npm cache took ${seconds.toFixed(1)} s; node_modules/ ${mb(await folderBytes(join(old, 'node_modules')))}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
