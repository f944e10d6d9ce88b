import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkOutputFolder, claimOutputFolder, OutputFolderError } from '../src/output.js';
import { temporaryFolder } from './helpers/images.js';

test('a missing folder is fine and is created only when claimed', async () => {
  const folder = join(await temporaryFolder(), 'out');
  await checkOutputFolder(folder, ['run.json']);
  await claimOutputFolder(folder, ['run.json']);
  assert.match(await readFile(join(folder, '.train-and-report'), 'utf8'), /^run\.json$/m);
});

test("entries the tool wrote may be overwritten; a user's file of the same name may not", async () => {
  const folder = await temporaryFolder();
  await claimOutputFolder(folder, ['run.json', 'model']);
  await writeFile(join(folder, 'run.json'), '{}');
  await mkdir(join(folder, 'model'));
  await claimOutputFolder(folder, ['run.json', 'model']); // a second run
  await writeFile(join(folder, 'report.md'), 'mine');
  await assert.rejects(claimOutputFolder(folder, ['run.json', 'report.md']), (error: unknown) => {
    assert.ok(error instanceof OutputFolderError);
    assert.match(error.message, /already holds "report\.md", not written by train-and-report/);
    return true;
  });
  assert.equal(await readFile(join(folder, 'report.md'), 'utf8'), 'mine');
});

test('a file in place of the folder is refused', async () => {
  const file = join(await temporaryFolder(), 'out');
  await writeFile(file, 'x');
  await assert.rejects(checkOutputFolder(file, ['run.json']), /is a file; pass --out a folder/);
});
