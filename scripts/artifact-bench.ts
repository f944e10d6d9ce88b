// What the largest artifact a fork can get accepted costs the privileged
// publish job: a run.json just under the 20 MB cap, valid in every field, at
// the limits that make the report work hardest (150 classes, 10,000 epochs of
// history for the run and each of 6 repeats, predictions with a probability
// per class filling the rest), beside an 8 MB predictions.png at the largest
// size accepted (4096 × 8192). The job runs as the runner runs the action's
// entry (its own process, timed by /usr/bin/time for wall seconds and peak
// RSS), in publish mode on workflow_run, against the loopback fake GitHub API.
// Prints the figures; asserts nothing.
//
//   npm run bench -- --artifact

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { parse as parseYaml } from 'yaml';
import { generateSampleDataset } from '../src/data/sample.js';
import { writeHandoff } from '../src/github/handoff.js';
import { MAX_PREVIEW_BYTES } from '../src/github/publish.js';
import { runExperiment } from '../src/pipeline.js';
import { RECORD_LIMITS, validateRecord } from '../src/record-schema.js';
import { FakeGitHub } from '../test/fakes/github.js';
import { webhookExample } from '../test/fakes/webhooks.js';

const TOKEN = 'ghs_ArtifactBench0123456789abcdefabcdef01';
const EPOCHS = 10_000;
const REPEATS = 6;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The run record of a real run, grown to the limits and to just under the byte cap; still valid. */
function largestRecord(real: Json): Json {
  const record = structuredClone(real);
  const classes = Array.from({ length: RECORD_LIMITS.classes }, (_, i) => `Class ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
  record.dataset.classes = classes;
  record.dataset.imagesPerClass = Object.fromEntries(classes.map((name) => [name, 100]));
  record.confusionMatrix = classes.map((_, i) => classes.map((__, j) => (i === j ? 80 : (i + j) % 3)));
  const perClass = classes.map((label, i) => ({ label, precision: 0.5 + (i % 50) / 100, recall: 0.4 + (i % 60) / 100, f1: 0.45 + (i % 55) / 100, support: 100 }));
  record.perClass = perClass;
  const history = Array.from({ length: EPOCHS }, (_, i) => ({
    epoch: i + 1, loss: 2 / (1 + i / 100), accuracy: Math.min(1, 0.1 + i / EPOCHS), val_loss: 2.2 / (1 + i / 120), val_accuracy: Math.min(1, 0.08 + i / EPOCHS), seconds: 0.5,
  }));
  record.history = history;
  record.repeats = Array.from({ length: REPEATS }, (_, seed) => ({ seed, history, metrics: record.metrics, perClass, correct: [] as string[] }));
  const probabilities = classes.map(() => 1 / classes.length);
  const prediction = (index: number) => ({ path: `${classes[index % classes.length]}/image_${index}.jpg`, trueLabel: classes[index % classes.length], predictedLabel: classes[(index * 7) % classes.length], probabilities });
  record.split.validation = Array.from({ length: 1000 }, (_, i) => prediction(i).path);
  // Fill with predictions up to just under the cap, measured on the compact text the action reads.
  const base = Buffer.byteLength(JSON.stringify({ ...record, predictions: [] }));
  const each = Buffer.byteLength(JSON.stringify(prediction(99_999))) + 1;
  const count = Math.min(RECORD_LIMITS.predictions, Math.floor((RECORD_LIMITS.bytes - base - 4096) / each));
  record.predictions = Array.from({ length: count }, (_, i) => prediction(i));
  return record;
}

/** A PNG at the largest accepted size whose bytes are just under the cap: white, with rows of noise on top. */
async function largestPreview(): Promise<Buffer> {
  const [width, height] = [4096, 8192];
  let rows = 640;
  for (;;) {
    const pixels = Buffer.alloc(width * height * 3, 255);
    // xorshift noise: incompressible, so the file's bytes grow with the noisy rows.
    let state = 0x9e3779b9;
    for (let i = 0; i < width * rows * 3; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      pixels[i] = state & 0xff;
    }
    const png = await sharp(pixels, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 9 }).toBuffer();
    if (png.length <= MAX_PREVIEW_BYTES) return png;
    rows = Math.floor(rows * 0.9);
  }
}

function timed(command: string[], env: Record<string, string>, timeFile: string): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, ...command], { env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

export async function benchArtifact(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'artifact-bench-'));
  const fake = await FakeGitHub.start();
  try {
    fake.addToken(TOKEN);
    const m0 = fake.addCommit([], 'm0');
    const m1 = fake.addCommit([m0], 'm1');
    const head = fake.addCommit([m1], 'fork');
    fake.addPullRequest(7, head, m1, 'someone/planets', { headRef: 'fork-branch', title: 'Largest artifact' });
    fake.addWorkflowRun({ id: 1, name: 'CI', event: 'pull_request', headSha: head, headBranch: 'fork-branch', headRepo: 'someone/planets' });

    // A real run of the fork's pull request, then grown.
    const data = join(work, 'data');
    await generateSampleDataset({ outDir: data, imagesPerClass: 12, seed: 1 });
    await writeFile(join(work, 'params.yaml'), 'train:\n  epochs: 1\n  repeats: 1\n');
    const artifact = join(work, 'download', 'train-and-report-train');
    await mkdir(artifact, { recursive: true });
    const trained = await runExperiment({
      dataDir: data, paramsFile: join(work, 'params.yaml'), outDir: join(work, 'run'), log: () => {},
      source: { sha: head, pullRequest: 7, baseSha: m1, repository: `${fake.owner}/${fake.repo}` },
    });
    const record = largestRecord(JSON.parse(await readFile(trained.files.record, 'utf8')));
    const text = JSON.stringify(record);
    validateRecord(JSON.parse(text), 'largest run.json'); // accepted, or this throws and says why
    await writeFile(join(artifact, 'run.json'), text);
    await writeFile(join(artifact, 'predictions.png'), await largestPreview());
    await writeHandoff(artifact, {
      repository: `${fake.owner}/${fake.repo}`, pullRequest: 7, headSha: head, baseSha: m1, headRef: 'fork-branch', baseRef: 'main', title: 'Largest artifact', workflow: 'CI', job: 'train', variant: '', runId: '1',
    });
    const runJson = (await stat(join(artifact, 'run.json'))).size;
    const png = (await stat(join(artifact, 'predictions.png'))).size;
    console.log(`artifact: run.json ${runJson} bytes (cap ${RECORD_LIMITS.bytes}; ${record.dataset.classes.length} classes, ${record.predictions.length} predictions, ${EPOCHS} epochs × ${REPEATS + 1} histories), predictions.png ${png} bytes (cap ${MAX_PREVIEW_BYTES}; 4096 × 8192)`);

    const payload = webhookExample('workflow_run', 'completed');
    payload.workflow_run.id = 1;
    payload.workflow_run.head_sha = head;
    payload.repository.full_name = `${fake.owner}/${fake.repo}`;
    const eventPath = join(work, 'event.json');
    await writeFile(eventPath, JSON.stringify(payload));
    const temp = join(work, 'temp');
    await mkdir(temp);
    const summary = join(work, 'summary.md');
    const output = join(work, 'output');
    await writeFile(summary, '');
    await writeFile(output, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? work, GITHUB_ACTIONS: 'true',
      GITHUB_API_URL: fake.url, GITHUB_GRAPHQL_URL: `${fake.url}/graphql`, GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`, GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: m1, GITHUB_REF: 'refs/heads/main', GITHUB_WORKSPACE: work, GITHUB_WORKFLOW: 'Publish', GITHUB_JOB: 'publish', GITHUB_RUN_ID: '2',
      GITHUB_WORKFLOW_REF: `${fake.owner}/${fake.repo}/.github/workflows/publish.yml@refs/heads/main`,
      GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, RUNNER_TEMP: temp, TRAIN_AND_REPORT_RETRY_BASE_MS: '5',
      TRAIN_AND_REPORT_DOWNLOAD_DIR: join(work, 'download'), 'INPUT_MODE': 'publish', 'INPUT_GITHUB-TOKEN': TOKEN, 'INPUT_COMMENT': 'update',
    };
    // The other inputs as action.yml defaults them.
    const manifest = parseYaml(await readFile(resolve('action.yml'), 'utf8')) as { inputs: Record<string, { default?: unknown }> };
    for (const [name, input] of Object.entries(manifest.inputs)) {
      const key = `INPUT_${name.toUpperCase()}`;
      if (env[key] === undefined && input.default !== undefined && !String(input.default).includes('${{')) env[key] = String(input.default);
    }
    const timeFile = join(work, 'time.txt');
    const result = await timed([process.execPath, '--import', 'tsx', resolve('src/index.ts')], env, timeFile);
    const [seconds, kilobytes] = (await readFile(timeFile, 'utf8')).trim().split('\n').pop()!.split(' ').map(Number);
    const stored = fake.storeFiles();
    const storedRunJson = [...stored].find(([path]) => path.endsWith('/run.json'))?.[1].length ?? 0;
    console.log(`publish job: exit ${result.code}, ${seconds.toFixed(1)} s wall, peak RSS ${(kilobytes / 1024).toFixed(0)} MB; ${fake.commentsOn(7).length} comment, run.json stored as ${(storedRunJson / 1024 / 1024).toFixed(1)} MB`);
    if (result.code !== 0) console.log(result.output.split('\n').filter((line) => line.startsWith('::error')).join('\n'));
  } finally {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  }
}

