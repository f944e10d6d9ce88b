// `npm run bench -- --command`: what command mode costs over the command's own
// time. A prepared seed's files (metrics.json, history.csv and predictions.csv
// of the tests' trainer on the real dataset) are copied in by the command
// `cp`, so the command itself takes milliseconds; the whole `run --command`
// process (start-up, listing and hashing the data, one seed after another,
// reading and checking the files, run.json, the report and its charts) is
// timed with 1 and with 6 seeds, and the command's own seconds (run.json's
// trainer.seeds) are subtracted. Per-seed cost = the growth of the trainer's
// part (run.json's timings.total minus the command) from 1 to 6 seeds, / 5;
// fixed cost = overhead(1) − per-seed cost. Medians over --rounds.
// A script that prints figures, not a test.

import { spawnSync } from 'node:child_process';
import { compare } from '../src/compare/compare.js';
import { generateSampleDataset } from '../src/data/sample.js';
import type { RunRecord } from '../src/record.js';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const TRAINER = resolve('test/fixtures/command-trainer/train.mjs');

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Wall seconds, and CPU seconds (user + system, its children included) from GNU time: on a busy machine the CPU time is the steadier figure. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { wall: number; cpu: number } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME_CPU=%U+%S', command, ...args], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const cpu = /TIME_CPU=([\d.]+)\+([\d.]+)/.exec(result.stderr);
  return { wall: (performance.now() - started) / 1000, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN };
}

export async function benchCommand(options: { data: string; rounds: number; work: string }): Promise<void> {
  const prepared = join(options.work, 'prepared');
  await mkdir(prepared, { recursive: true });
  // One real seed's outputs on the real dataset, made once.
  run(process.execPath, [TRAINER], { ...process.env, TRAIN_AND_REPORT_SEED: '77', TRAIN_AND_REPORT_OUT: prepared, TRAIN_AND_REPORT_DATA: options.data });
  const predictions = (await readFile(join(prepared, 'predictions.csv'), 'utf8')).trim().split('\n').length - 1;
  const command = `cp ${JSON.stringify(prepared)}/* "$TRAIN_AND_REPORT_OUT"/`;
  const overheads: Record<number, number[]> = { 1: [], 6: [] };
  const own: Record<number, number[]> = { 1: [], 6: [] };
  const walls: Record<number, number[]> = { 1: [], 6: [] };
  const cpus: Record<number, number[]> = { 1: [], 6: [] };
  /** run.json's timings.total (listing and hashing the data, the seeds, reading their files) minus the command's own time. */
  const trainerOverheads: Record<number, number[]> = { 1: [], 6: [] };
  const load = loadavg()[0];
  for (let round = 0; round < options.rounds; round++) {
    for (const repeats of [1, 6]) {
      const params = join(options.work, `params-${repeats}.yaml`);
      await writeFile(params, `train:\n  repeats: ${repeats}\n`);
      const out = join(options.work, `out-${repeats}`);
      await rm(out, { recursive: true, force: true });
      const { wall, cpu } = run(process.execPath, ['dist/cli.js', 'run', '--command', command, '--data', options.data, '--params', params, '--out', out, '--quiet']);
      const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as { trainer: { seeds: Array<{ seconds: number }> }; timings: { total: number } };
      const commandSeconds = record.trainer.seeds.reduce((sum, seed) => sum + seed.seconds, 0);
      walls[repeats].push(wall);
      cpus[repeats].push(cpu);
      own[repeats].push(commandSeconds);
      overheads[repeats].push(wall - commandSeconds);
      trainerOverheads[repeats].push(record.timings.total - commandSeconds);
    }
  }
  const one = median(overheads[1]);
  const six = median(overheads[6]);
  // Per seed from the trainer's part (spawning, the seed folder, reading and checking its files): the
  // part that grows with the seeds, steadier on a busy machine than the difference of two whole processes.
  const perSeed = (median(trainerOverheads[6]) - median(trainerOverheads[1])) / 5;
  const fixed = one - perSeed;
  console.log(`\ncommand mode overhead (${options.rounds} round(s), medians; the command copies one seed's files: ${predictions} predictions on ${options.data}; load average ${load.toFixed(1)} on ${availableParallelism()} cores)`);
  console.log('| seeds | whole process (wall) | its CPU time | the command\'s own time | overhead (wall) | of it: data hash, seeds, files, record | of it: start-up, report and charts |');
  console.log('| -: | -: | -: | -: | -: | -: | -: |');
  for (const repeats of [1, 6]) {
    const trainer = median(trainerOverheads[repeats]);
    const overhead = median(overheads[repeats]);
    console.log(`| ${repeats} | ${median(walls[repeats]).toFixed(2)} s | ${median(cpus[repeats]).toFixed(2)} s | ${median(own[repeats]).toFixed(3)} s | ${overhead.toFixed(2)} s | ${trainer.toFixed(2)} s | ${(overhead - trainer).toFixed(2)} s |`);
  }
  console.log(`fixed overhead per run: ${fixed.toFixed(2)} s wall, ${median(cpus[1]).toFixed(2)} s CPU (goal ≤ 2 s); per seed: ${perSeed.toFixed(3)} s (goal ≤ 0.2 s; whole processes: ${((six - one) / 5).toFixed(3)} s)`);
}

/**
 * `npm run bench -- --command-noise`: false alarms of the verdict on
 * seed-only changes through a command. The tests' trainer runs `pool` seeds
 * in one `run --command` on a small generated dataset; the pool is cut into
 * disjoint groups of k seeds, and every pair of groups goes through compare()
 * as base and PR (both sides relabelled to the same seed list, as
 * train.repeats gives them). Nothing but seed noise differs, so every
 * "better" or "worse" is a false alarm.
 */
export async function benchCommandNoise(options: { work: string; pool: number; k: number }): Promise<void> {
  const data = join(options.work, 'noise-data');
  await generateSampleDataset({ outDir: data, imagesPerClass: 20, seed: 5 });
  const params = join(options.work, 'noise-params.yaml');
  await writeFile(params, `train:\n  repeats: ${options.pool}\n  fraction: 0.5\n`);
  const out = join(options.work, 'noise-out');
  run(process.execPath, ['dist/cli.js', 'run', '--command', `node ${JSON.stringify(TRAINER)}`, '--data', data, '--params', params, '--out', out, '--quiet']);
  const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
  const groups = Math.floor(record.repeats.length / options.k);
  const side = (group: number): RunRecord => {
    const repeats = record.repeats.slice(group * options.k, (group + 1) * options.k).map((repeat, index) => ({ ...repeat, seed: 77 + index }));
    return { ...record, repeats, metrics: repeats[0].metrics };
  };
  let pairs = 0;
  let alarms = 0;
  let classTests = 0;
  let classAlarms = 0;
  for (let a = 0; a < groups; a++) {
    for (let b = a + 1; b < groups; b++) {
      const comparison = compare(side(b), side(a));
      pairs++;
      if (comparison.verdict === 'better' || comparison.verdict === 'worse') alarms++;
      for (const row of comparison.perClass) {
        if (!row.f1Seeds || row.f1Seeds.untestable || row.f1Seeds.identical) continue;
        classTests++;
        if (row.f1Seeds.decision !== 'no clear change') classAlarms++;
      }
    }
  }
  const accuracies = record.repeats.map((repeat) => repeat.metrics.val_acc);
  const mean = accuracies.reduce((sum, value) => sum + value, 0) / accuracies.length;
  const sd = Math.sqrt(accuracies.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (accuracies.length - 1));
  console.log(`\nseed-only changes through a command (${record.repeats.length} seeds of the tests' trainer on ${record.dataset.totalImages} generated images, val_acc ${mean.toFixed(3)} ± ${sd.toFixed(3)}; ${groups} disjoint groups of ${options.k})`);
  console.log(`headline claims a change: ${alarms} of ${pairs} pairs (${((100 * alarms) / pairs).toFixed(1)} %; goal ≤ 5 %)`);
  console.log(`a class flagged beyond its own seed noise: ${classAlarms} of ${classTests} class tests (${classTests ? ((100 * classAlarms) / classTests).toFixed(1) : '-'} %)`);
}
