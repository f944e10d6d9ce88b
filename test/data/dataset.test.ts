import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink, truncate, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeDataset, DatasetError, listDataset } from '../../src/data/dataset.js';
import { DEFAULT_PARAMS, type PrepareParams } from '../../src/params.js';
import { temporaryFolder, writeDataset, writeImage } from '../helpers/images.js';

const prepare: PrepareParams = { ...DEFAULT_PARAMS.prepare, image_size: [16, 16] };
const skipBad: PrepareParams = { ...prepare, on_bad_image: 'skip' };

async function twoClasses(): Promise<string> {
  const root = await temporaryFolder();
  await writeDataset(root, { Earth: [30, 60, 200], Mars: [200, 80, 40] }, 3);
  return root;
}

function isDatasetError(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof DatasetError, `expected a DatasetError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  };
}

test('lists classes sorted by code point and images in order', async () => {
  const root = await temporaryFolder();
  await writeDataset(root, { b: [0, 0, 0], B: [0, 0, 0], a: [0, 0, 0] }, 2);
  const listing = await listDataset(root);
  assert.deepEqual(listing.classes, ['B', 'a', 'b']); // Python's sorted(): upper case first
  assert.deepEqual(
    listing.images.map((image) => [image.path, image.label]),
    [['B/B_0.jpg', 0], ['B/B_1.jpg', 0], ['a/a_0.jpg', 1], ['a/a_1.jpg', 1], ['b/b_0.jpg', 2], ['b/b_1.jpg', 2]],
  );
});

test('data folder missing', async () => {
  await assert.rejects(listDataset('/nonexistent/data/raw'), isDatasetError(/data folder "\/nonexistent\/data\/raw" does not exist; pass --data/));
});

test('data folder is a file', async () => {
  const root = await temporaryFolder();
  await writeFile(join(root, 'file'), 'x');
  await assert.rejects(listDataset(join(root, 'file')), isDatasetError(/is a file, not a folder/));
});

test('data folder empty', async () => {
  await assert.rejects(listDataset(await temporaryFolder()), isDatasetError(/has no class folders; put each class's images in a sub-folder/));
});

test('only one class', async () => {
  const root = await temporaryFolder();
  await writeDataset(root, { Earth: [1, 2, 3] }, 2);
  await assert.rejects(listDataset(root), isDatasetError(/has only one class \("Earth"\); a classifier needs at least 2/));
});

test('a class folder with no images names the folder', async () => {
  const root = await twoClasses();
  await mkdir(join(root, 'Venus'));
  await writeFile(join(root, 'Venus', 'notes.txt'), 'todo');
  await assert.rejects(listDataset(root), isDatasetError(/class folder ".*Venus" has no images/));
});

test('nested sub-folders are part of their class; hidden files, .DS_Store, Thumbs.db and non-images are ignored', async () => {
  const root = await twoClasses();
  await writeImage(join(root, 'Earth', 'nested', 'deeper', 'e.jpg'), [0, 0, 255]);
  await writeFile(join(root, 'Earth', '.DS_Store'), 'x');
  await writeFile(join(root, 'Earth', 'Thumbs.db'), 'x');
  await writeImage(join(root, 'Earth', '.hidden.jpg'), [0, 0, 255]);
  await writeFile(join(root, 'Earth', 'labels.json'), '{}');
  await writeFile(join(root, 'Mars', 'readme.txt'), 'x');
  await mkdir(join(root, '.git'));
  await writeFile(join(root, 'README.md'), 'x');
  const listing = await listDataset(root);
  assert.deepEqual(listing.classes, ['Earth', 'Mars']);
  assert.ok(listing.images.some((image) => image.path === 'Earth/nested/deeper/e.jpg'));
  assert.equal(listing.images.length, 7);
  assert.deepEqual(listing.ignored, ['Earth/labels.json', 'Mars/readme.txt', 'README.md']);
});

test('a symlink out of the data folder is not followed; one inside is', async () => {
  const root = await twoClasses();
  const outside = await temporaryFolder();
  await writeImage(join(outside, 'secret.jpg'), [9, 9, 9]);
  await symlink(join(outside, 'secret.jpg'), join(root, 'Earth', 'link-out.jpg'));
  await symlink(outside, join(root, 'Mars', 'folder-out'));
  await symlink(join(root, 'Mars', 'Mars_0.jpg'), join(root, 'Earth', 'link-in.jpg'));
  const listing = await listDataset(root);
  const paths = listing.images.map((image) => image.path);
  assert.ok(!paths.includes('Earth/link-out.jpg'));
  assert.ok(!paths.some((path) => path.startsWith('Mars/folder-out')));
  assert.ok(paths.includes('Earth/link-in.jpg'));
  assert.ok(listing.ignored.includes('Earth/link-out.jpg'));
});

test('file and class names with spaces, unicode, |, backticks, <script> and very long names', async () => {
  const root = await temporaryFolder();
  const names = ['Planet X | `y`', '<script>alert(1)<img src=x onerror=alert(2)>', 'Ünïcødé 🌍', 'a..b', 'L'.repeat(200)];
  for (const [index, name] of names.entries()) await writeImage(join(root, name, `${name.slice(0, 100)} ${index}.jpg`), [index * 40, 0, 0]);
  await writeImage(join(root, names[0], 'second.jpg'), [0, 0, 0]);
  for (const name of names.slice(1)) await writeImage(join(root, name, 'second.jpg'), [0, 0, 0]);
  const listing = await listDataset(root);
  assert.deepEqual([...listing.classes].sort(), [...names].sort());
  const decoded = await decodeDataset(listing, prepare);
  assert.equal(decoded.images.length, 10);
});

const badFiles: [string, (file: string) => Promise<void>, RegExp][] = [
  ['zero-byte image', async (file) => writeFile(file, ''), /the file is empty \(0 bytes\)/],
  ['text file named .jpg', async (file) => writeFile(file, 'hello, I am text'), /not an image format that can be decoded/],
  [
    'truncated JPEG',
    async (file) => {
      await writeImage(file, [10, 200, 30], 1, 64);
      const bytes = await readFile(file);
      await truncate(file, Math.floor(bytes.length / 2));
    },
    /truncated|corrupt|premature|end of/i,
  ],
];
for (const [name, write, reason] of badFiles) {
  test(`bad image fails with the file named and the fix: ${name}`, async () => {
    const root = await twoClasses();
    const file = join(root, 'Mars', 'bad.jpg');
    await write(file);
    await assert.rejects(decodeDataset(await listDataset(root), prepare), (error: unknown) => {
      assert.ok(error instanceof DatasetError);
      assert.ok(error.message.includes(file), error.message);
      assert.match(error.message, reason);
      assert.match(error.message, /on_bad_image: skip/);
      return true;
    });
  });
  test(`bad image is skipped and listed with on_bad_image: skip: ${name}`, async () => {
    const root = await twoClasses();
    await write(join(root, 'Mars', 'bad.jpg'));
    const decoded = await decodeDataset(await listDataset(root), skipBad);
    assert.equal(decoded.images.length, 6);
    assert.equal(decoded.skipped.length, 1);
    assert.equal(decoded.skipped[0].path, 'Mars/bad.jpg');
    assert.match(decoded.skipped[0].reason, reason);
    assert.ok(!('Mars/bad.jpg' in decoded.fileHashes));
  });
}

test('skipping every image of a class is an error naming the class', async () => {
  const root = await twoClasses();
  await mkdir(join(root, 'Venus'));
  await writeFile(join(root, 'Venus', 'a.jpg'), '');
  await assert.rejects(decodeDataset(await listDataset(root), skipBad), isDatasetError(/Venus" has no usable images after skipping/));
});

test('unusual but valid images decode: alpha PNG, 16-bit PNG, grayscale and CMYK JPEG, animated GIF and WebP', async () => {
  const root = await twoClasses();
  const base = () => sharp({ create: { width: 24, height: 24, channels: 3, background: { r: 200, g: 100, b: 50 } } });
  await sharp({ create: { width: 24, height: 24, channels: 4, background: { r: 200, g: 100, b: 50, alpha: 0.3 } } }).png().toFile(join(root, 'Mars', 'alpha.png'));
  await base().toColourspace('rgb16').png().toFile(join(root, 'Mars', 'deep.png'));
  await base().toColourspace('b-w').jpeg().toFile(join(root, 'Mars', 'gray.jpg'));
  await base().toColourspace('cmyk').jpeg().toFile(join(root, 'Mars', 'cmyk.jpg'));
  const frames = [await base().png().toBuffer(), await sharp({ create: { width: 24, height: 24, channels: 3, background: 'blue' } }).png().toBuffer()];
  await sharp(frames, { join: { animated: true } }).gif().toFile(join(root, 'Mars', 'animated.gif'));
  await sharp(frames, { join: { animated: true } }).webp().toFile(join(root, 'Mars', 'animated.webp'));
  const decoded = await decodeDataset(await listDataset(root), prepare);
  assert.equal(decoded.images.length, 12);
  assert.equal(decoded.skipped.length, 0);
  const index = (path: string) => decoded.images.findIndex((image) => image.path === path);
  const pixel = (path: string) => decoded.pixels[index(path) * 256];
  // Same colour (200, 100, 50): PIL luma = (200*19595 + 100*38470 + 50*7471 + 32768) >> 16 = 124.
  assert.equal(pixel('Mars/alpha.png'), 124, 'alpha is dropped, not composited');
  assert.equal(pixel('Mars/deep.png'), 124, '16-bit values are scaled to 8 bits');
  assert.ok(Math.abs(pixel('Mars/cmyk.jpg') - 124) <= 12, `CMYK converted to RGB, got ${pixel('Mars/cmyk.jpg')}`);
  assert.equal(pixel('Mars/animated.gif'), pixel('Mars/alpha.png'), 'first frame of an animation');
});

test('a 10,000 × 10,000 image decodes without exhausting memory', async () => {
  const root = await twoClasses();
  await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: { r: 90, g: 90, b: 90 } } })
    .jpeg({ quality: 50 })
    .toFile(join(root, 'Mars', 'huge.jpg'));
  const before = process.memoryUsage().rss;
  const decoded = await decodeDataset(await listDataset(root), prepare);
  const grown = process.memoryUsage().rss - before;
  assert.equal(decoded.images.length, 7);
  // Full RGB decode would need 300 MB.
  assert.ok(grown < 200 * 1024 * 1024, `RSS grew by ${(grown / 1048576).toFixed(0)} MB`);
});

test('content hash is stable and changes with any byte', async () => {
  const root = await twoClasses();
  const first = await decodeDataset(await listDataset(root), prepare);
  const again = await decodeDataset(await listDataset(root), prepare);
  assert.equal(first.contentHash, again.contentHash);
  assert.deepEqual(first.pixels, again.pixels);
  await writeImage(join(root, 'Mars', 'Mars_0.jpg'), [201, 80, 40]);
  const changed = await decodeDataset(await listDataset(root), prepare);
  assert.notEqual(changed.contentHash, first.contentHash);
  assert.notEqual(changed.fileHashes['Mars/Mars_0.jpg'], first.fileHashes['Mars/Mars_0.jpg']);
  assert.equal(changed.fileHashes['Earth/Earth_0.jpg'], first.fileHashes['Earth/Earth_0.jpg']);
});
