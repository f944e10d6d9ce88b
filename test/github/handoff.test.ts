import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findHandoffFolders, parseHandoff, readHandoff, writeHandoff } from '../../src/github/handoff.js';

const HANDOFF = {
  repository: 'octo-org/planets', pullRequest: 5, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40),
  headRef: 'feature', baseRef: 'main', title: 'Try more epochs', workflow: 'CI', job: 'train', runId: '9',
};

test('handoff.json round-trips and is found per downloaded artifact folder', async () => {
  const root = await mkdtemp(join(tmpdir(), 'handoff-'));
  await mkdir(join(root, 'train-and-report-train'));
  await mkdir(join(root, 'unrelated'));
  await writeHandoff(join(root, 'train-and-report-train'), HANDOFF);
  assert.deepEqual(await findHandoffFolders(root), [join(root, 'train-and-report-train')]);
  assert.deepEqual(await readHandoff(join(root, 'train-and-report-train')), { version: 1, ...HANDOFF });
  await writeHandoff(root, HANDOFF);
  assert.deepEqual(await findHandoffFolders(root), [root]);
});

test('a tampered or foreign handoff names the bad field', async () => {
  assert.throws(() => parseHandoff({ version: 1, ...HANDOFF, pullRequest: '5; rm -rf' }, 'h.json'), /h.json: field "pullRequest" must be a PR number/);
  assert.throws(() => parseHandoff({ version: 1, ...HANDOFF, headSha: 'main' }, 'h.json'), /field "headSha" must be a 40-character SHA/);
  assert.throws(() => parseHandoff({ ...HANDOFF }, 'h.json'), /field "version" must be 1/);
  const empty = await mkdtemp(join(tmpdir(), 'handoff-'));
  await assert.rejects(findHandoffFolders(empty), /no handoff.json in the downloaded artifacts/);
  await assert.rejects(findHandoffFolders(join(empty, 'missing')), /no downloaded artifact at/);
  await writeFile(join(empty, 'handoff.json'), '{');
  await assert.rejects(readHandoff(empty), /handoff.json is not valid JSON/);
});

test('handoff.json that is a link (to /dev/zero or any file on the runner) or oversized is refused unread', async () => {
  const { symlink } = await import('node:fs/promises');
  const folder = await mkdtemp(join(tmpdir(), 'handoff-'));
  await symlink('/dev/zero', join(folder, 'handoff.json'));
  await assert.rejects(readHandoff(folder), /handoff\.json is not a regular file \(a link or device\); refusing the artifact/);
  const big = await mkdtemp(join(tmpdir(), 'handoff-'));
  await writeFile(join(big, 'handoff.json'), JSON.stringify({ version: 1, ...HANDOFF, title: 'x'.repeat(100_000) }));
  await assert.rejects(readHandoff(big), /handoff\.json has \d+ bytes, more than 65536; refusing the artifact/);
});
