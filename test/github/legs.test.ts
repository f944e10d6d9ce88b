import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isJobOfValues, jobOfVariant, MAX_LEG_BYTES, parseLegInfo, planLegs, readLegFolders, type LegFolder, type LegJob } from '../../src/github/legs.js';
import { makeRecord } from '../report/fixtures.js';

function folder(artifact: string, variant: string, withRecord = true): LegFolder {
  return {
    artifact,
    folder: `/downloads/${artifact}`,
    leg: { version: 1, workflow: '.github/workflows/sweep.yml', job: 'train', variant, paramsOverride: [], runId: '7', sha: 'a'.repeat(40) },
    ...(withRecord ? { record: makeRecord() } : {}),
  };
}

function job(id: number, name: string, conclusion: LegJob['conclusion'], error?: string): LegJob {
  return { id, name, status: conclusion === null ? 'in_progress' : 'completed', conclusion, ...(error ? { error } : {}) };
}

test("a job is matched to its leg by the matrix values in its name, in any key order", () => {
  assert.ok(isJobOfValues('train (0.001, 64)', ['64', '0.001']));
  assert.ok(!isJobOfValues('train (0.001, 64)', ['0.001']));
  assert.ok(!isJobOfValues('train', ['0.001']));
  const jobs = [job(1, 'train (wide, train.conv_size=64, ubuntu-latest)', 'success'), job(2, 'train (narrow, train.conv_size=16, ubuntu-latest)', 'success')];
  assert.equal(jobOfVariant(jobs, 'wide')?.id, 1, 'a variant set by hand is found among the values');
  assert.equal(jobOfVariant(jobs, 'ubuntu-latest'), undefined, 'a value every job has matches none');
});

test('one row per leg: artifacts with their job, failed legs without artifacts, never the aggregate job or an unrelated job', () => {
  const folders = [folder('a', '{"lr":0.001}'), folder('b', '{"lr":0.01}'), folder('c', '{"lr":0.1}', false)];
  const jobs = [
    job(1, 'train (0.001)', 'success'),
    job(2, 'train (0.01)', 'failure', 'failed: fail-on-regression: 1 threshold(s) crossed'),
    job(3, 'train (0.1)', 'failure', 'failed: out of memory'),
    job(4, 'train (1)', 'cancelled', 'cancelled'),
    job(5, 'lint', 'failure', 'failed: eslint'),
    job(6, 'aggregate', null),
  ];
  const rows = planLegs(folders, jobs, 'aggregate');
  assert.deepEqual(rows.map((row) => [row.variant, row.failure]), [
    ['lr=0.001', undefined],
    ['lr=0.01', 'failed: fail-on-regression: 1 threshold(s) crossed'],
    ['lr=0.1', 'failed: out of memory'],
    ['train (1)', 'cancelled'],
  ]);
  assert.ok(rows[1].folder?.record, 'a leg that failed after training keeps its metrics');
});

test('a leg folder without a run record and without a matching job still says why', () => {
  const rows = planLegs([folder('a', '', false)], []);
  assert.equal(rows.length, 1);
  assert.match(rows[0].failure!, /^failed: the leg uploaded no run record \(see its job log\)$/);
});

test('leg.json is validated like the hand-off, read only as a bounded regular file, and too many artifacts are refused unread', async () => {
  const good = { version: 1, workflow: '.github/workflows/sweep.yml', job: 'train', variant: '{"lr":"0.001"}', paramsOverride: ['train.lr=0.001'], runId: '7', sha: 'a'.repeat(40) };
  assert.deepEqual(parseLegInfo(good, 'leg.json'), good);
  const refused: Array<[Record<string, unknown>, RegExp]> = [
    [{ variant: 'x\n::set-output name=a::b' }, /leg\.json: field "variant" must be one line of at most 1000 characters/],
    [{ job: '../../etc' }, /leg\.json: field "job" must be a job id/],
    [{ runId: '7; id' }, /leg\.json: field "runId" must be a workflow run id/],
    [{ paramsOverride: Array(101).fill('a') }, /leg\.json: field "paramsOverride" must be a list of at most 100 strings/],
    [{ workflow: 'a\nb' }, /leg\.json: field "workflow" must be one line/],
  ];
  for (const [change, message] of refused) assert.throws(() => parseLegInfo({ ...good, ...change }, 'leg.json'), message);

  const root = await mkdtemp(join(tmpdir(), 'legs-'));
  await mkdir(join(root, 'linked'));
  await symlink('/etc/hostname', join(root, 'linked', 'leg.json'));
  await mkdir(join(root, 'big'));
  await writeFile(join(root, 'big', 'leg.json'), JSON.stringify({ ...good, paramsOverride: [], padding: 'x'.repeat(MAX_LEG_BYTES) }));
  await mkdir(join(root, 'proto'));
  await writeFile(join(root, 'proto', 'leg.json'), JSON.stringify(good).replace('{', '{"__proto__": {"polluted": true},'));
  const folders = await readLegFolders(root);
  const problems = Object.fromEntries(folders.map((entry) => [entry.artifact, entry.problem]));
  assert.match(problems.linked!, /leg\.json is not a regular file \(a link or device\); refusing the artifact/);
  assert.match(problems.big!, /leg\.json has \d+ bytes, more than 65536; refusing the artifact/);
  assert.match(problems.proto!, /leg\.json: the key "__proto__" is not allowed/);
  assert.ok(folders.every((entry) => entry.leg === undefined));
  await assert.rejects(readLegFolders(root, 2), /holds 3 artifacts, more than the 2 one run may publish; refusing them all/);
});
