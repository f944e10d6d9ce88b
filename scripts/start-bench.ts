// `npm run bench -- --start`: how fast the action starts, and how big it is.
//
// The action's folder as a release has it (scripts/release.mjs --assemble,
// copied outside this checkout so that no node_modules above it helps), then
// the steps a run-mode job executes, in action.yml's order, as the runner runs
// them (bash, GITHUB_ACTION_PATH, the inputs' defaults as INPUT_*): the Node
// check, the native-parts check, the pixel-cache key, and the entry
// (dist/index.js) up to its first training line, with no pixel cache and no
// dependency cache. The entry is stopped there: the rest needs GitHub. What it
// asks GitHub before training (the reports branch, for a baseline to reuse) the
// loopback fake answers, as a repository with no reports yet.
// --before also measures the install the action did before it carried its
// run-time packages (npm ci --omit=dev from the lock file, empty npm cache).
// A script that prints figures, not a test: it asserts nothing.

import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FakeGitHub } from '../test/fakes/github.js';

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

/** CPU seconds (user + system) of the processes in a process group, with their reaped children: from /proc. */
async function groupCpuSeconds(group: number): Promise<number> {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12) cutime(13) cstime(14).
    if (Number(fields[2]) === group) total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks;
  }
  return total;
}

interface StepTime {
  seconds: number;
  /** Seconds to the first line matching `markAt`, when given. */
  marked?: number;
  /** CPU seconds the step's processes used: on a loaded machine, closer to what an idle one takes. */
  cpu: number;
  output: string;
}

/** Runs a step's script as the runner does; with `stopAt`, stops it at the first output line that matches. */
function runStep(script: string, env: NodeJS.ProcessEnv, cwd: string, timesFile: string, stopAt?: RegExp, markAt?: RegExp): Promise<StepTime> {
  const started = performance.now();
  // bash's `times` on exit: the CPU time of the shell and of its children.
  const traced = `trap 'times > "${timesFile}"' EXIT\n${script}`;
  return new Promise((done, failed) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', traced], { env, cwd, detached: true });
    let output = '';
    let stopped = false;
    let marked: number | undefined;
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (markAt && marked === undefined && markAt.test(output)) marked = (performance.now() - started) / 1000;
      if (stopAt && !stopped && stopAt.test(output)) {
        stopped = true;
        const seconds = (performance.now() - started) / 1000;
        groupCpuSeconds(child.pid!).then((cpu) => {
          process.kill(-child.pid!, 'SIGTERM');
          done({ seconds, marked, cpu, output });
        }, failed);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', failed);
    child.on('close', async (code) => {
      if (stopped) return;
      if (code !== 0 || stopAt) {
        failed(new Error(`step ended with ${code} before ${stopAt ?? 'its end'}:\n${output}`));
        return;
      }
      const times = await readFile(timesFile, 'utf8').catch(() => '');
      const cpu = [...times.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, match) => sum + Number(match[1]) * 60 + Number(match[2]), 0);
      done({ seconds: (performance.now() - started) / 1000, cpu, output });
    });
  });
}

export async function benchStart(options: StartOptions): Promise<void> {
  const root = resolve('.');
  const work = await mkdtemp(join(tmpdir(), 'train-and-report-start-'));
  const github = await FakeGitHub.start({ owner: 'owner', repo: 'repo' });
  const token = 'start-bench-token';
  github.addToken(token);
  try {
    const action = join(work, 'action');
    const assembled = spawnSync(process.execPath, ['scripts/release.mjs', '--assemble', action, ...(options.installedOnly ? ['--installed'] : [])], { cwd: root, encoding: 'utf8' });
    if (assembled.status !== 0) throw new Error(`assembling the release folder failed:\n${assembled.stdout}${assembled.stderr}`);
    const manifest = parseYaml(await readFile(join(action, 'action.yml'), 'utf8')) as {
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
    Object.assign(inputs, { data: options.data, 'github-token': token, 'upload-artifact': 'false' });
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
      GITHUB_API_URL: github.url,
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
    const timed: [string, StepTime][] = [];
    const timesFile = join(home, 'times');
    for (const [id, label, cwd] of [['node', 'Node check', workspace], ['native', 'native parts', action], ['pixels-key', 'pixel-cache key', workspace]] as const) {
      const step = steps.get(id);
      if (!step?.run) throw new Error(`action.yml has no run step "${id}"`);
      const result = await runStep(step.run, env, cwd, timesFile);
      if (id === 'native' && /installing/.test(result.output)) throw new Error(`the native-parts step installed something:\n${result.output}`);
      timed.push([label, result]);
    }
    const entry = steps.get('run')!;
    const first = await runStep(entry.run!, env, workspace, timesFile, /epoch 1\/\d+: loss/, /^training on /m);
    timed.push(['entry to its first training line', first]);
    const decode = /\(decoded in ([\d.]+) s\)/.exec(first.output)?.[1];
    console.log(`steps (wall / CPU): ${timed.map(([label, time]) => `${label} ${time.seconds.toFixed(2)} / ${time.cpu.toFixed(2)} s`).join(', ')}${decode ? ` (the entry decoded the images in ${decode} s)` : ''}`);
    const sum = (pick: (time: StepTime) => number) => timed.reduce((total, [, time]) => total + pick(time), 0).toFixed(2);
    console.log(`action start → first training line: ${sum((time) => time.seconds)} s wall, ${sum((time) => time.cpu)} s CPU (no dependency cache, no pixel cache, nothing installed)`);
    if (first.marked !== undefined) {
      const before = timed.slice(0, -1).reduce((total, [, time]) => total + time.seconds, 0);
      console.log(`action start → training starts ("training on …", before the first epoch's line): ${(before + first.marked).toFixed(2)} s wall`);
    }
    console.log(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} (1, 5, 15 min)`);

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
    await github.close();
    // The stopped entry may still be ending (its group was sent SIGTERM): retry while its files go.
    await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}
