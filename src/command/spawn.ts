// One seed of a training command: run through the shell in the working
// directory, with the seed and its output folder in the environment, its
// output passed on line by line, stopped (with everything it started) when it
// runs past its time. Tokens this job holds are not handed to the command.

import { spawn } from 'node:child_process';

export interface SeedRun {
  command: string;
  cwd: string;
  /** TRAIN_AND_REPORT_* variables for this seed. */
  env: Record<string, string>;
  timeoutSeconds: number;
  /** Each line the command prints, stdout and stderr alike. */
  onLine: (line: string) => void;
  /** Seconds between SIGTERM and SIGKILL when the time is up (default 5). */
  graceSeconds?: number;
}

export interface SeedOutcome {
  exitCode: number;
  /** The signal that ended it, when one did. */
  signal?: string;
  seconds: number;
  timedOut: boolean;
  /** Its last lines of stderr (at most STDERR_TAIL), for the message when it fails. */
  stderrTail: string[];
}

export const STDERR_TAIL = 5;

/**
 * Variables of this process the command does not get: the action's inputs
 * (its token among them) and the runner's tokens. The training needs none of
 * them, and a command from a pull request must not be able to print them.
 */
const WITHHELD = [/^INPUT_/, /^ACTIONS_RUNTIME_TOKEN$/, /^ACTIONS_ID_TOKEN_REQUEST_TOKEN$/, /^ACTIONS_ID_TOKEN_REQUEST_URL$/, /^GITHUB_TOKEN$/, /^GH_TOKEN$/];

export function commandEnvironment(parent: NodeJS.ProcessEnv, own: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(parent)) if (!WITHHELD.some((pattern) => pattern.test(key))) env[key] = value;
  return { ...env, ...own };
}

/** Runs the command once; resolves however it ends (the caller decides what a failure means). */
export function runSeedCommand(run: SeedRun): Promise<SeedOutcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout stops what the shell started too.
    const child = spawn(run.command, { cwd: run.cwd, env: commandEnvironment(process.env, run.env), shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let timedOut = false;
    const lines = (stream: NodeJS.ReadableStream, keep: boolean) => {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (partial + chunk).split(/\r?\n/);
        partial = parts.pop() ?? '';
        for (const line of parts) emit(line, keep);
      });
      stream.on('end', () => {
        if (partial !== '') emit(partial, keep);
      });
    };
    const emit = (line: string, keep: boolean) => {
      run.onLine(line);
      if (keep && line.trim() !== '') {
        tail.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
        if (tail.length > STDERR_TAIL) tail.shift();
      }
    };
    lines(child.stdout!, false);
    lines(child.stderr!, true);
    const kill = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    let hardKill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      kill('SIGTERM');
      hardKill = setTimeout(() => kill('SIGKILL'), (run.graceSeconds ?? 5) * 1000);
    }, run.timeoutSeconds * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (hardKill) clearTimeout(hardKill);
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        ...(signal ? { signal } : {}),
        seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
        timedOut,
        stderrTail: tail,
      });
    });
  });
}
