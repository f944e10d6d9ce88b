// Accuracy parity on the same images: one `run` with train.repeats seeds,
// then the PyTorch reference once per seed with `--split-from` that run's
// run.json, so that both train on exactly the same training images and are
// scored on exactly the same validation images. Prints each seed's val_acc,
// the means, and the mean of the per-seed differences with its t statistic
// (a seed of ours and of the reference share only the number, not the
// random stream, so the pairing removes the split's share of the noise).
// A script that prints figures, not a test: it asserts nothing.
//
//   node --import tsx scripts/parity.ts [--seeds 6] [--params FILE] [--layers JSON] [--data DIR]
//
// Default params: the tuned ones (conv 64, dense 128, lr 0.001, 10 epochs).

import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '6' },
    layers: { type: 'string' },
    lr: { type: 'string', default: '0.001' },
    epochs: { type: 'string', default: '10' },
    data: { type: 'string', default: '../shared/datasets/planets-and-moons' },
  },
});
const seeds = Number(values.seeds);
const DATA = resolve(values.data!);
const REFERENCE = resolve('../shared/reference/notebook_reference.py');
const layers = values.layers ? (JSON.parse(values.layers) as unknown[]) : undefined;

const mean = (numbers: number[]) => numbers.reduce((sum, value) => sum + value, 0) / numbers.length;
const sd = (numbers: number[]) => Math.sqrt(numbers.reduce((sum, value) => sum + (value - mean(numbers)) ** 2, 0) / (numbers.length - 1));

const work = await mkdtemp(join(tmpdir(), 'train-and-report-parity-'));
try {
  const paramsFile = join(work, 'params.yaml');
  const model = layers ? `model: ${JSON.stringify(layers)}\n` : '';
  const shorthands = layers ? '' : '  conv_size: 64\n  dense_size: 128\n';
  await writeFile(paramsFile, `train:\n${shorthands}  lr: ${values.lr}\n  epochs: ${values.epochs}\n  repeats: ${seeds}\n${model}`);
  const outDir = join(work, 'out');
  const ours = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', '--data', DATA, '--params', paramsFile, '--out', outDir, '--quiet', '--no-cache'], { encoding: 'utf8' });
  if (ours.status !== 0) throw new Error(`run failed:\n${ours.stderr}`);
  const record = JSON.parse(await readFile(join(outDir, 'run.json'), 'utf8'));
  const ourAccuracies: number[] = record.repeats.map((repeat: { metrics: { val_acc: number } }) => repeat.metrics.val_acc);
  const seedList: number[] = record.repeats.map((repeat: { seed: number }) => repeat.seed);
  const referenceAccuracies: number[] = [];
  for (const seed of seedList) {
    const args = [
      REFERENCE, '--data', DATA, '--split-from', join(outDir, 'run.json'), '--seed', String(seed), '--lr', String(values.lr), '--epochs', String(values.epochs),
      '--threads', '1', '--quiet',
      ...(layers ? ['--layers', JSON.stringify(layers)] : ['--conv-size', '64', '--dense-size', '128']),
    ];
    const reference = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (reference.status !== 0) throw new Error(`reference failed:\n${reference.stderr}`);
    const report = JSON.parse(reference.stdout);
    if (report.dataset.val_size !== record.split.validationCount) throw new Error(`reference validated on ${report.dataset.val_size} images, ours on ${record.split.validationCount}`);
    referenceAccuracies.push(report.final.val_accuracy);
    process.stderr.write(`  seed ${seed}: ours ${ourAccuracies[referenceAccuracies.length - 1].toFixed(4)}, reference ${report.final.val_accuracy.toFixed(4)}\n`);
  }
  const differences = ourAccuracies.map((value, index) => value - referenceAccuracies[index]);
  const t = mean(differences) / (sd(differences) / Math.sqrt(differences.length));
  console.log(`model: ${layers ? JSON.stringify(layers) : 'notebook, conv 64, dense 128'}; lr ${values.lr}, ${values.epochs} epochs; ${record.split.validationCount} validation images, the same for both`);
  console.log('| seed | ours | reference | difference |');
  console.log('| --- | --- | --- | --- |');
  seedList.forEach((seed, index) => console.log(`| ${seed} | ${ourAccuracies[index].toFixed(4)} | ${referenceAccuracies[index].toFixed(4)} | ${differences[index] >= 0 ? '+' : ''}${differences[index].toFixed(4)} |`));
  console.log(`ours ${mean(ourAccuracies).toFixed(4)} ± ${sd(ourAccuracies).toFixed(4)}; reference ${mean(referenceAccuracies).toFixed(4)} ± ${sd(referenceAccuracies).toFixed(4)}`);
  console.log(`difference ${mean(differences) >= 0 ? '+' : ''}${mean(differences).toFixed(4)} ± ${sd(differences).toFixed(4)} (t = ${t.toFixed(2)} over ${differences.length} seeds; |t| > 2.57 would be a real gap at 5 % for 6 seeds)`);
} finally {
  await rm(work, { recursive: true, force: true });
}
