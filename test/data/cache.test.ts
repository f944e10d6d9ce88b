import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeDataset, listDataset } from '../../src/data/dataset.js';
import { cacheFile } from '../../src/data/cache.js';
import { DEFAULT_PARAMS, type PrepareParams } from '../../src/params.js';
import { temporaryFolder, writeDataset, writeImage } from '../helpers/images.js';

const prepare: PrepareParams = { ...DEFAULT_PARAMS.prepare, image_size: [16, 16] };

async function dataset() {
  const root = await temporaryFolder();
  await writeDataset(root, { Earth: [30, 60, 200], Mars: [200, 80, 40] }, 4);
  return root;
}

test('a second decode takes every image from the cache and gives the same pixels', async () => {
  const root = await dataset();
  const cacheDir = await temporaryFolder();
  const uncached = await decodeDataset(await listDataset(root), prepare);
  const first = await decodeDataset(await listDataset(root), prepare, { cacheDir });
  assert.deepEqual(first.cache, { hits: 0, decoded: 8, file: cacheFile(cacheDir, prepare) });
  const second = await decodeDataset(await listDataset(root), prepare, { cacheDir });
  assert.equal(second.cache.hits, 8);
  assert.equal(second.cache.decoded, 0);
  assert.deepEqual(second.pixels, uncached.pixels);
  assert.equal(second.contentHash, uncached.contentHash);
});

test('a changed image is decoded again; the others come from the cache', async () => {
  const root = await dataset();
  const cacheDir = await temporaryFolder();
  await decodeDataset(await listDataset(root), prepare, { cacheDir });
  await writeImage(join(root, 'Mars', 'Mars_2.jpg'), [10, 250, 10], 2);
  const again = await decodeDataset(await listDataset(root), prepare, { cacheDir });
  assert.equal(again.cache.hits, 7);
  const fresh = await decodeDataset(await listDataset(root), prepare);
  assert.deepEqual(again.pixels, fresh.pixels);
});

test('other preprocessing params use another cache file', async () => {
  const root = await dataset();
  const cacheDir = await temporaryFolder();
  await decodeDataset(await listDataset(root), prepare, { cacheDir });
  const colour = await decodeDataset(await listDataset(root), { ...prepare, grayscale: false }, { cacheDir });
  assert.equal(colour.cache.hits, 0);
  assert.equal(colour.pixels.length, 8 * 16 * 16 * 3);
  assert.equal((await readdir(cacheDir)).length, 2);
});

test('a corrupt cache file is ignored, not trusted', async () => {
  const root = await dataset();
  const cacheDir = await temporaryFolder();
  const fresh = await decodeDataset(await listDataset(root), prepare, { cacheDir });
  await writeFile(fresh.cache.file!, 'TARPIX1\ngarbage');
  const again = await decodeDataset(await listDataset(root), prepare, { cacheDir });
  assert.equal(again.cache.hits, 0);
  assert.deepEqual(again.pixels, fresh.pixels);
});

test('a cache folder that cannot be written is reported, and the run goes on', async () => {
  const root = await dataset();
  const blocker = join(await temporaryFolder(), 'file');
  await writeFile(blocker, 'not a folder');
  const decoded = await decodeDataset(await listDataset(root), prepare, { cacheDir: blocker });
  assert.equal(decoded.images.length, 8);
  assert.match(decoded.cache.cacheError ?? '', /EEXIST|ENOTDIR/);
});
