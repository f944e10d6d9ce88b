import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  SAMPLE_CLASSES, SAMPLE_GENERATOR_VERSION, SAMPLE_STAMP_FILE, SampleDatasetError, generateSampleDataset, planSampleImage, renderSampleImage,
} from '../../src/data/sample.js';

const REAL_DATASET = '../shared/datasets/planets-and-moons';

async function temporaryFolder(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'sample-test-'));
  t.after(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

/** Relative path → sha256 of every file in the class folders under `root` (the hidden stamp aside). */
async function hashFiles(root: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const folder of (await readdir(root)).filter((name) => !name.startsWith('.')).sort()) {
    for (const name of (await readdir(join(root, folder))).sort()) {
      hashes.set(`${folder}/${name}`, createHash('sha256').update(await readFile(join(root, folder, name))).digest('hex'));
    }
  }
  return hashes;
}

test('the class names are the real dataset\'s folder names, sorted', async (t) => {
  assert.equal(SAMPLE_CLASSES.length, 11);
  assert.deepEqual([...SAMPLE_CLASSES], [...SAMPLE_CLASSES].sort());
  if (!existsSync(REAL_DATASET)) {
    t.skip(`${REAL_DATASET} is absent, so the names cannot be compared with the real dataset`);
    return;
  }
  const folders = (await readdir(REAL_DATASET, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  assert.deepEqual([...SAMPLE_CLASSES], folders);
});

test('generates <Class>/<Class>_<N>.jpg for every class, byte-identical for the same options, different for another seed', async (t) => {
  const folder = await temporaryFolder(t);
  const first = await generateSampleDataset({ outDir: join(folder, 'a'), imagesPerClass: 3, seed: 5 });
  assert.equal(first.images, 33);
  assert.deepEqual(first.classes, [...SAMPLE_CLASSES]);
  assert.equal(first.outDir, join(folder, 'a'));
  assert.deepEqual((await readdir(first.outDir)).sort(), [SAMPLE_STAMP_FILE, ...SAMPLE_CLASSES]);
  for (const className of SAMPLE_CLASSES) {
    assert.deepEqual((await readdir(join(first.outDir, className))).sort(), [0, 1, 2].map((index) => `${className}_${index}.jpg`).sort());
  }

  // Another folder, other concurrency: the bytes must not depend on the order of completion.
  await generateSampleDataset({ outDir: join(folder, 'b'), imagesPerClass: 3, seed: 5, concurrency: 1 });
  await generateSampleDataset({ outDir: join(folder, 'c'), imagesPerClass: 3, seed: 6 });
  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => hashFiles(join(folder, name))));
  assert.equal(a.size, 33);
  assert.deepEqual(b, a);
  assert.deepEqual([...c.keys()], [...a.keys()]);
  for (const [path, hash] of a) assert.notEqual(c.get(path), hash, `${path} is the same for seeds 5 and 6`);
  // Within one generation no two images are the same either.
  assert.equal(new Set(a.values()).size, 33);
});

test('every image decodes as a 128×128 three-channel JPEG; the size option is honoured', async (t) => {
  const folder = await temporaryFolder(t);
  const result = await generateSampleDataset({ outDir: folder, imagesPerClass: 2, seed: 11 });
  for (const className of result.classes) {
    for (const name of await readdir(join(folder, className))) {
      const metadata = await sharp(join(folder, className, name)).metadata();
      assert.equal(metadata.format, 'jpeg', name);
      assert.equal(metadata.width, 128, name);
      assert.equal(metadata.height, 128, name);
      assert.equal(metadata.channels, 3, name);
    }
  }
  const small = await sharp(await renderSampleImage('Saturn', 0, 11, 64)).metadata();
  assert.deepEqual([small.width, small.height], [64, 64]);
});

test('re-running into the same folder keeps identical files and other files, and refuses to overwrite a changed one', async (t) => {
  const folder = await temporaryFolder(t);
  await generateSampleDataset({ outDir: folder, imagesPerClass: 2, seed: 3 });
  const foreign = join(folder, 'Earth', 'notes.txt');
  await writeFile(foreign, 'not an image');
  const before = await hashFiles(folder);

  const again = await generateSampleDataset({ outDir: folder, imagesPerClass: 2, seed: 3 });
  assert.equal(again.images, 22);
  assert.deepEqual(await hashFiles(folder), before);

  const changed = join(folder, 'Moon', 'Moon_1.jpg');
  await writeFile(changed, 'edited');
  await assert.rejects(generateSampleDataset({ outDir: folder, imagesPerClass: 2, seed: 3 }), (error: unknown) => {
    assert.ok(error instanceof SampleDatasetError);
    assert.ok(error.message.includes(changed), error.message);
    assert.match(error.message, /already exists with different content/);
    return true;
  });
  assert.equal(await readFile(changed, 'utf8'), 'edited');
  assert.equal(await readFile(foreign, 'utf8'), 'not an image');
});

test('rendered once: a stamped folder is not rendered again until an option, the generator or an image changes', async (t) => {
  const folder = await temporaryFolder(t);
  const first = await generateSampleDataset({ outDir: folder, imagesPerClass: 2, seed: 3 });
  assert.equal(first.rendered, 22);
  const stampPath = join(folder, SAMPLE_STAMP_FILE);
  const stamp = JSON.parse(await readFile(stampPath, 'utf8')) as { generator: number; seed: number; files: Record<string, string> };
  assert.equal(stamp.generator, SAMPLE_GENERATOR_VERSION);
  assert.equal(Object.keys(stamp.files).length, 22);
  const images = await hashFiles(folder);
  for (const [path, hash] of images) assert.equal(stamp.files[path], hash, path);

  // Same options: nothing rendered, nothing written.
  const before = (await stat(join(folder, 'Moon', 'Moon_1.jpg'))).mtimeMs;
  const second = await generateSampleDataset({ outDir: folder, imagesPerClass: 2, seed: 3 });
  assert.equal(second.rendered, 0);
  assert.equal(second.images, 22);
  assert.equal((await stat(join(folder, 'Moon', 'Moon_1.jpg'))).mtimeMs, before);

  // More images per class: rendered again (the existing 22 are the same bytes and are kept).
  const more = await generateSampleDataset({ outDir: folder, imagesPerClass: 3, seed: 3 });
  assert.equal(more.rendered, 33);
  assert.equal(Object.keys(JSON.parse(await readFile(stampPath, 'utf8')).files).length, 33);

  // An image gone missing is rendered again.
  await rm(join(folder, 'Mars', 'Mars_2.jpg'));
  assert.equal((await generateSampleDataset({ outDir: folder, imagesPerClass: 3, seed: 3 })).rendered, 33);
  assert.ok(existsSync(join(folder, 'Mars', 'Mars_2.jpg')));

  // Another generator version (as a stamp written by an older one reads): its own unchanged images are
  // replaced, because the stamp proves they are the generator's; here they are rendered to the same bytes.
  const current = JSON.parse(await readFile(stampPath, 'utf8'));
  await writeFile(stampPath, JSON.stringify({ ...current, generator: SAMPLE_GENERATOR_VERSION - 1 }));
  assert.equal((await generateSampleDataset({ outDir: folder, imagesPerClass: 3, seed: 3 })).rendered, 33);
  assert.equal(JSON.parse(await readFile(stampPath, 'utf8')).generator, SAMPLE_GENERATOR_VERSION);
});

test('a new seed replaces the images an earlier generation wrote, but never an image someone edited', async (t) => {
  const folder = await temporaryFolder(t);
  await generateSampleDataset({ outDir: folder, imagesPerClass: 2, seed: 3 });
  const seed3 = await hashFiles(folder);
  const reseeded = await generateSampleDataset({ outDir: folder, imagesPerClass: 2, seed: 4 });
  assert.equal(reseeded.rendered, 22);
  const seed4 = await hashFiles(folder);
  for (const [path, hash] of seed4) assert.notEqual(seed3.get(path), hash, `${path} was not replaced`);

  const edited = join(folder, 'Venus', 'Venus_0.jpg');
  await writeFile(edited, 'edited by hand');
  await assert.rejects(generateSampleDataset({ outDir: folder, imagesPerClass: 2, seed: 5 }), /Venus_0\.jpg already exists with different content/);
  assert.equal(await readFile(edited, 'utf8'), 'edited by hand');
});

test('bad options are refused with an error naming the option', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ outDir: '' }, /"outDir" must be a non-empty folder path/],
    [{ outDir: 'x', imagesPerClass: 0 }, /"imagesPerClass" must be an integer from 1/],
    [{ outDir: 'x', imagesPerClass: 2.5 }, /"imagesPerClass"/],
    [{ outDir: 'x', seed: -1 }, /"seed" must be an integer from 0/],
    [{ outDir: 'x', size: 8 }, /"size" must be an integer from 16/],
    [{ outDir: 'x', concurrency: 0 }, /"concurrency"/],
  ];
  for (const [options, message] of cases) {
    await assert.rejects(generateSampleDataset(options as never), (error: unknown) => error instanceof SampleDatasetError && message.test(error.message));
  }
  assert.throws(() => planSampleImage('Ceres', 0), /Unknown sample class "Ceres"/);
});

test('an outDir that is a file is refused with an error naming the folder', async (t) => {
  const folder = await temporaryFolder(t);
  const file = join(folder, 'plain-file');
  await writeFile(file, 'x');
  await assert.rejects(generateSampleDataset({ outDir: file, imagesPerClass: 1 }), (error: unknown) =>
    error instanceof SampleDatasetError && error.message.includes(join(file, 'Earth')) && /choose another "outDir"/.test(error.message));
  assert.equal(await readFile(file, 'utf8'), 'x');
});

test('the SVG plan is deterministic and has no text (no fonts needed)', () => {
  for (const className of SAMPLE_CLASSES) {
    const plan = planSampleImage(className, 4, 9);
    assert.deepEqual(planSampleImage(className, 4, 9), plan);
    assert.notEqual(planSampleImage(className, 5, 9).svg, plan.svg);
    assert.doesNotMatch(plan.svg, /<text|<tspan|font-family/);
  }
});

/** Grayscale 32×32 in [0, 1], as the training pipeline sees an image. */
async function pipelineView(jpeg: Buffer): Promise<Float32Array> {
  const pixels = await sharp(jpeg).grayscale().resize(32, 32).raw().toBuffer();
  return Float32Array.from(pixels, (value) => value / 255);
}

test('classes are learnable at grayscale 32×32 but not trivially separable', async (t) => {
  const perClass = 30;
  const trainPerClass = 20;
  const views = await Promise.all(SAMPLE_CLASSES.map(async (className) => {
    const images = await Promise.all(Array.from({ length: perClass }, (_, index) => renderSampleImage(className, index, 2024)));
    return Promise.all(images.map(pipelineView));
  }));

  // Planet-like: in every class the middle of the frame is brighter on average than the corners (dark sky).
  views.forEach((images, classIndex) => {
    let centre = 0;
    let corners = 0;
    for (const pixels of images) {
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          if (x >= 12 && x < 20 && y >= 12 && y < 20) centre += pixels[y * 32 + x] / 64;
          if ((x < 3 || x > 28) && (y < 3 || y > 28)) corners += pixels[y * 32 + x] / 36;
        }
      }
    }
    assert.ok(centre > corners + 0.1 * images.length, `${SAMPLE_CLASSES[classIndex]}: centre ${centre / images.length} vs corners ${corners / images.length}`);
  });

  // Nearest centroid on features a model could find: the pixels, their row and column profiles.
  const features = (pixels: Float32Array): number[] => {
    const rows = new Array<number>(32).fill(0);
    const columns = new Array<number>(32).fill(0);
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) { rows[y] += pixels[y * 32 + x] / 32; columns[x] += pixels[y * 32 + x] / 32; }
    return [...pixels, ...rows, ...columns];
  };
  const centroids = views.map((images) => {
    const sum = features(images[0]).map(() => 0);
    for (const pixels of images.slice(0, trainPerClass)) features(pixels).forEach((value, index) => { sum[index] += value / trainPerClass; });
    return sum;
  });
  let correct = 0;
  let total = 0;
  views.forEach((images, classIndex) => {
    for (const pixels of images.slice(trainPerClass)) {
      const vector = features(pixels);
      const distances = centroids.map((centroid) => centroid.reduce((sum, value, index) => sum + (value - vector[index]) ** 2, 0));
      if (distances.indexOf(Math.min(...distances)) === classIndex) correct++;
      total++;
    }
  });
  const accuracy = correct / total;
  t.diagnostic(`nearest-centroid accuracy ${accuracy.toFixed(3)} on ${total} held-out images (chance ${(1 / 11).toFixed(3)})`);
  assert.ok(accuracy > 0.25, `nearest-centroid accuracy ${accuracy} is not well above chance (1/11)`);
  assert.ok(accuracy < 1, 'nearest-centroid accuracy is 1: the classes are trivially separable');
});
