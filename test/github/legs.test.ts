import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isJobOfValues, jobOfVariant, planLegs, type LegFolder, type LegJob } from '../../src/github/legs.js';
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
