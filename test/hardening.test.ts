// The hardening table: one row per kind of bad (or merely unusual) input a
// user hits, run through the real CLI as a subprocess. Every row checks the
// exit code, that stderr is one line naming the file/folder/key and the fix
// (no stack trace), and that the user's files are byte-identical afterwards.
// Rows that must succeed check what the run did with the odd input instead.
// docs/hardening.md is the same table in prose.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { temporaryFolder, writeDataset, writeImage } from './helpers/images.js';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the child in kB, when the row asked for it. */
  peakRssKb?: number;
}

interface Row {
  name: string;
  /** Builds the case inside `dir` (a fresh temporary folder). */
  setup: (dir: string) => Promise<void>;
  args: (dir: string) => string[];
  code: 0 | 1 | 2;
  /** Failures: the one stderr line. Successes: a line expected in stdout. */
  message?: RegExp;
  /** Paths relative to `dir` (files or folders) that must be byte-identical afterwards. */
  untouched: string[];
  /** Documented skips: relative image paths listed in stdout and in run.json's dataset.skipped. */
  skipped?: string[];
  /** A usage error prints the usage block after its one-line message. */
  usage?: boolean;
  /** Measure the child's peak RSS (GNU time) and require it below this many MB. */
  maxRssMb?: number;
  /** Row-specific checks of what the run wrote. */
  check?: (dir: string, result: CliResult) => Promise<void> | void;
  /** The product is wrong here (see docs/hardening.md); the row stays as a reminder. */
  todo?: string;
  /** Added to the child's environment. */
  env?: NodeJS.ProcessEnv;
}

const REPO = join(import.meta.dirname, '..');
const CLASSES: Record<string, [number, number, number]> = { Red: [200, 40, 40], Green: [40, 200, 40], Blue: [40, 40, 200] };
const FAST_PARAMS = 'train:\n  epochs: 1\n';

function runCli(args: string[], maxRss: boolean, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const node = [process.execPath, '--import', 'tsx', join(REPO, 'src', 'cli.ts'), ...args];
  const command = maxRss ? ['/usr/bin/time', '-f', 'peak-rss-kb %M', ...node] : node;
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      let peakRssKb: number | undefined;
      if (maxRss) {
        const match = /(?:^|\n)peak-rss-kb (\d+)\n?$/.exec(stderr);
        assert.ok(match, `GNU time printed no peak RSS: ${stderr}`);
        peakRssKb = Number(match[1]);
        stderr = stderr.slice(0, match.index);
      }
      resolve({ code, stdout, stderr, peakRssKb });
    });
  });
}

/** sha256 of every file below `path` (links by their target, not followed), by path relative to `root`. */
async function hashTree(root: string, path = root, into = new Map<string, string>()): Promise<Map<string, string>> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return into;
  const key = relative(root, path) || '.';
  if (info.isSymbolicLink()) into.set(key, `link → ${await readlink(path)}`);
  else if (info.isDirectory()) {
    into.set(key, 'folder');
    for (const name of await readdir(path)) await hashTree(root, join(path, name), into);
  }
  else into.set(key, createHash('sha256').update(await readFile(path)).digest('hex'));
  return into;
}

function isUnder(path: string, folder: string): boolean {
  return folder === '.' || path === folder || path.startsWith(folder + '/');
}

// ---- fixtures --------------------------------------------------------------

async function dataset(dir: string, classes = CLASSES, perClass = 4): Promise<void> {
  await writeDataset(join(dir, 'data'), classes, perClass);
}

async function standard(dir: string): Promise<void> {
  await dataset(dir);
  await writeFile(join(dir, 'params.yaml'), FAST_PARAMS);
}

/** `standard` plus a params.yaml with extra keys for `prepare:`. */
async function withPrepare(dir: string, prepare: string): Promise<void> {
  await dataset(dir);
  await writeFile(join(dir, 'params.yaml'), `prepare:\n${prepare}\n${FAST_PARAMS}`);
}

function sweep(dir: string, grid: string, ...extra: string[]): string[] {
  return ['sweep', '--grid', grid, '--data', join(dir, 'data'), '--params', join(dir, 'params.yaml'), '--out', join(dir, 'out'), '--backend', 'wasm', '--no-cache', ...extra];
}

/** Data and a params.yaml of two seeds for `command`. */
async function commandData(dir: string, train = ''): Promise<void> {
  await dataset(dir);
  await writeFile(join(dir, 'params.yaml'), `train:\n  repeats: 2\n${train}`);
}

/** `run --command` with the tests' small trainer (test/fixtures/command-trainer), misbehaving as `options` say. */
function command(dir: string, options: string): string[] {
  const trainer = join(REPO, 'test', 'fixtures', 'command-trainer', 'train.mjs');
  return ['run', '--command', `node ${JSON.stringify(trainer)} ${options}`, '--data', join(dir, 'data'), '--params', join(dir, 'params.yaml'), '--out', join(dir, 'out')];
}

function run(dir: string, ...extra: string[]): string[] {
  return ['run', '--data', join(dir, 'data'), '--params', join(dir, 'params.yaml'), '--out', join(dir, 'out'), '--backend', 'wasm', '--no-cache', ...extra];
}

async function jpegBytes(colour: [number, number, number], width = 40, height = 40): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } }).jpeg().toBuffer();
}

async function record(dir: string, out = 'out'): Promise<{ dataset: { files: Record<string, string>; skipped: { path: string }[]; imagesPerClass: Record<string, number>; classes: string[] }; params: unknown }> {
  return JSON.parse(await readFile(join(dir, out, 'run.json'), 'utf8'));
}

/** One real run that report, predict and re-run rows start from (made once, through the CLI). */
let headRun: Promise<string> | undefined;
function sharedHead(): Promise<string> {
  headRun ??= (async () => {
    const dir = await temporaryFolder('tar-hardening-head-');
    await standard(dir);
    const result = await runCli(run(dir), false);
    assert.equal(result.code, 0, result.stderr);
    return dir;
  })();
  return headRun;
}

async function copyHead(dir: string, to = 'head'): Promise<void> {
  await cp(join(await sharedHead(), 'out'), join(dir, to), { recursive: true });
}

/** A base run made through the CLI on a variant of the standard dataset. */
async function baseRunWith(dir: string, classes: Record<string, [number, number, number]>): Promise<void> {
  await writeDataset(join(dir, 'base-data'), classes, 4);
  await writeFile(join(dir, 'params.yaml'), FAST_PARAMS);
  const result = await runCli(['run', '--data', join(dir, 'base-data'), '--params', join(dir, 'params.yaml'), '--out', join(dir, 'base'), '--backend', 'wasm', '--no-cache'], false);
  assert.equal(result.code, 0, result.stderr);
}

function report(dir: string): string[] {
  return ['report', '--head', join(dir, 'head'), '--base', join(dir, 'base'), '--out', join(dir, 'report')];
}

async function editBaseRecord(dir: string, edit: (text: string) => string): Promise<void> {
  await copyHead(dir);
  await copyHead(dir, 'base');
  const file = join(dir, 'base', 'run.json');
  await writeFile(file, edit(await readFile(file, 'utf8')));
}

async function reportText(dir: string): Promise<string> {
  return readFile(join(dir, 'report', 'report.md'), 'utf8');
}

/** Every markdown table keeps its column count on every row (an unescaped "|" in a name would add one). */
function assertTablesIntact(markdown: string): void {
  const cells = (line: string) => line.replace(/\\\\/g, '').match(/(?<!\\)\|/g)?.length ?? 0;
  let expected: number | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      expected = undefined;
      continue;
    }
    expected ??= cells(line);
    assert.equal(cells(line), expected, `table row broken: ${line}`);
  }
}

const LONG_NAME = 'L'.repeat(200);
const ODD_CLASSES: Record<string, [number, number, number]> = {
  'Space Class': [200, 40, 40],
  'Ünïcödé 星': [40, 200, 40],
  'pipe|class': [40, 40, 200],
  'back`tick': [200, 200, 40],
  // A folder name cannot hold "/", so the tag stays open: still a tag if it reached the HTML raw.
  '<script>alert(1)': [40, 200, 200],
  'dots..name': [200, 40, 200],
  [LONG_NAME]: [120, 120, 120],
};

async function imageWith(dir: string, name: string, bytes: Buffer | Promise<Buffer>): Promise<void> {
  await standard(dir);
  await writeFile(join(dir, 'data', 'Red', name), await bytes);
}

async function metadataOf(dir: string, name: string) {
  return sharp(join(dir, 'data', 'Red', name)).metadata();
}

/** An image that must be read (not ignored, not skipped) by a successful run. */
function assertUsed(...paths: string[]) {
  return async (dir: string) => {
    const { dataset: summary } = await record(dir);
    for (const path of paths) assert.ok(path in summary.files, `${path} not used; files: ${Object.keys(summary.files).join(', ')}`);
    assert.deepEqual(summary.skipped, []);
  };
}

const BAD_IMAGES: Array<{ case: string; file: string; bytes: () => Promise<Buffer>; message: RegExp }> = [
  { case: 'zero-byte image', file: 'empty.jpg', bytes: async () => Buffer.alloc(0), message: /the file is empty \(0 bytes\)/ },
  {
    case: 'truncated JPEG',
    file: 'truncated.jpg',
    bytes: async () => (await sharp({ create: { width: 40, height: 40, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer()).subarray(0, 600),
    message: /the image is truncated or corrupt/,
  },
  { case: 'text file named .jpg', file: 'notes.jpg', bytes: async () => Buffer.from('these are my notes, not a photo\n'), message: /not an image format that can be decoded/ },
];

// ---- the table ---------------------------------------------------------------

const ROWS: Row[] = [
  // Data folder
  {
    name: 'data folder missing',
    setup: async (dir) => writeFile(join(dir, 'params.yaml'), FAST_PARAMS),
    args: run,
    code: 1,
    message: /data folder ".*\/data" does not exist; pass --data with a folder that holds one sub-folder per class/,
    untouched: ['params.yaml'],
  },
  {
    name: 'data folder is a file',
    setup: async (dir) => {
      await writeFile(join(dir, 'params.yaml'), FAST_PARAMS);
      await writeFile(join(dir, 'data'), 'not a folder');
    },
    args: run,
    code: 1,
    message: /data folder ".*\/data" is a file, not a folder; pass the folder that holds one sub-folder per class/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: 'data folder empty',
    setup: async (dir) => {
      await writeFile(join(dir, 'params.yaml'), FAST_PARAMS);
      await mkdir(join(dir, 'data'));
    },
    args: run,
    code: 1,
    message: /data folder ".*\/data" has no class folders; put each class's images in a sub-folder named after the class/,
    untouched: ['params.yaml'],
  },
  {
    name: 'only one class',
    setup: async (dir) => {
      await dataset(dir, { Red: CLASSES.Red });
      await writeFile(join(dir, 'params.yaml'), FAST_PARAMS);
    },
    args: run,
    code: 1,
    message: /data folder ".*\/data" has only one class \("Red"\); a classifier needs at least 2 class folders/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: 'a class folder with no images',
    setup: async (dir) => {
      await standard(dir);
      await mkdir(join(dir, 'data', 'Empty'));
      await writeFile(join(dir, 'data', 'Empty', 'README.txt'), 'to do: collect images\n');
    },
    args: run,
    code: 1,
    message: /class folder ".*\/data\/Empty" has no images \(\.jpg .*\); add images or remove the folder/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: 'images directly in the data root beside class folders (ignored, said in the log)',
    setup: async (dir) => {
      await standard(dir);
      await writeImage(join(dir, 'data', 'stray.jpg'), [9, 9, 9]);
    },
    args: run,
    code: 0,
    message: /ignored 1 file\(s\).*stray\.jpg/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.ok(!('stray.jpg' in (await record(dir)).dataset.files)),
  },
  {
    name: 'nested sub-folders count as their class',
    setup: async (dir) => {
      await standard(dir);
      await writeImage(join(dir, 'data', 'Red', '2023', 'a.jpg'), [210, 30, 30], 5);
      await writeImage(join(dir, 'data', 'Red', '2023', 'deep', 'b.jpg'), [190, 50, 50], 6);
    },
    args: run,
    code: 0,
    message: /data: 14 images in 3 classes/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => {
      const { dataset: summary } = await record(dir);
      assert.equal(summary.imagesPerClass.Red, 6);
      await assertUsed('Red/2023/a.jpg', 'Red/2023/deep/b.jpg')(dir);
    },
  },
  {
    name: 'hidden files, .DS_Store, Thumbs.db, desktop.ini and hidden folders are ignored',
    setup: async (dir) => {
      await standard(dir);
      // Each would fail the run if it were decoded.
      await writeFile(join(dir, 'data', '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
      await writeFile(join(dir, 'data', 'Red', '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
      await writeFile(join(dir, 'data', 'Red', 'Thumbs.db'), 'thumbnail cache');
      await writeFile(join(dir, 'data', 'Green', 'desktop.ini'), '[.ShellClassInfo]\n');
      await writeFile(join(dir, 'data', 'Green', '._Green_0.jpg'), 'macOS resource fork');
      await mkdir(join(dir, 'data', 'Blue', '.thumbnails'));
      await writeFile(join(dir, 'data', 'Blue', '.thumbnails', 'Blue_0.jpg'), 'not a jpeg');
      await mkdir(join(dir, 'data', '.git'));
      await writeFile(join(dir, 'data', '.git', 'HEAD'), 'ref: refs/heads/main\n');
    },
    args: run,
    code: 0,
    message: /data: 12 images in 3 classes/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => {
      const { dataset: summary } = await record(dir);
      assert.deepEqual(summary.classes, ['Blue', 'Green', 'Red']);
      assert.equal(Object.keys(summary.files).length, 12);
    },
  },
  {
    name: 'non-image files (.txt, .json) beside images are ignored',
    setup: async (dir) => {
      await standard(dir);
      await writeFile(join(dir, 'data', 'Red', 'labels.txt'), 'Red\n');
      await writeFile(join(dir, 'data', 'Green', 'meta.json'), '{"source": "camera"}\n');
    },
    args: run,
    code: 0,
    message: /ignored 2 file\(s\)/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.equal(Object.keys((await record(dir)).dataset.files).length, 12),
  },
  {
    name: 'upper-case extensions (.JPG, .JPEG, .PNG) are images',
    setup: async (dir) => {
      await standard(dir);
      await writeImage(join(dir, 'data', 'Red', 'IMG_0001.JPG'), [220, 20, 20], 4);
      await writeFile(join(dir, 'data', 'Red', 'IMG_0002.JPEG'), await jpegBytes([230, 30, 30]));
      await writeFile(join(dir, 'data', 'Red', 'SCAN.PNG'), await sharp(await jpegBytes([180, 30, 30])).png().toBuffer());
    },
    args: run,
    code: 0,
    message: /data: 15 images in 3 classes/,
    untouched: ['data', 'params.yaml'],
    check: assertUsed('Red/IMG_0001.JPG', 'Red/IMG_0002.JPEG', 'Red/SCAN.PNG'),
  },

  // Images that cannot be decoded: fail by default, skipped (and listed) with on_bad_image: skip
  ...BAD_IMAGES.flatMap((bad): Row[] => [
    {
      name: `${bad.case}: fails naming the file`,
      setup: (dir) => imageWith(dir, bad.file, bad.bytes()),
      args: run,
      code: 1,
      message: new RegExp(
        `image ".*/data/Red/${bad.file.replace('.', '\\.')}" cannot be used: ${bad.message.source}.*Fix or remove the file, or set prepare\\.on_bad_image: skip in params\\.yaml`,
      ),
      untouched: ['data', 'params.yaml'],
    },
    {
      name: `${bad.case}: skipped and listed with on_bad_image: skip`,
      setup: async (dir) => {
        await imageWith(dir, bad.file, bad.bytes());
        await writeFile(join(dir, 'params.yaml'), `prepare:\n  on_bad_image: skip\n${FAST_PARAMS}`);
      },
      args: run,
      code: 0,
      message: new RegExp(`skipped Red/${bad.file.replace('.', '\\.')}: ${bad.message.source}`),
      skipped: [`Red/${bad.file}`],
      untouched: ['data', 'params.yaml'],
    },
  ]),

  // Images that are unusual but valid
  {
    name: 'PNG with alpha (alpha dropped)',
    setup: async (dir) => {
      const png = sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.3 } } }).png().toBuffer();
      await imageWith(dir, 'alpha.png', png);
      assert.equal((await metadataOf(dir, 'alpha.png')).hasAlpha, true);
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    check: assertUsed('Red/alpha.png'),
  },
  {
    name: '16-bit PNG',
    setup: async (dir) => {
      await imageWith(dir, 'deep.png', sharp(await jpegBytes([200, 40, 40])).toColourspace('rgb16').png().toBuffer());
      assert.equal((await metadataOf(dir, 'deep.png')).depth, 'ushort');
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    check: assertUsed('Red/deep.png'),
  },
  {
    name: 'grayscale JPEG',
    setup: async (dir) => {
      await imageWith(dir, 'gray.jpg', sharp(await jpegBytes([200, 40, 40])).toColourspace('b-w').jpeg().toBuffer());
      assert.equal((await metadataOf(dir, 'gray.jpg')).channels, 1);
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    check: assertUsed('Red/gray.jpg'),
  },
  {
    name: 'CMYK JPEG',
    setup: async (dir) => {
      await imageWith(dir, 'print.jpg', sharp(await jpegBytes([200, 40, 40])).toColourspace('cmyk').jpeg().toBuffer());
      assert.equal((await metadataOf(dir, 'print.jpg')).space, 'cmyk');
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    check: assertUsed('Red/print.jpg'),
  },
  {
    name: 'a 10,000 × 10,000 image (shrunk first; peak RSS well below 1 GB)',
    setup: async (dir) => {
      await standard(dir);
      await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: { r: 200, g: 40, b: 40 } } })
        .jpeg()
        .toFile(join(dir, 'data', 'Red', 'huge.jpg'));
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    maxRssMb: 600,
    check: assertUsed('Red/huge.jpg'),
  },
  {
    name: 'animated GIF (first frame)',
    setup: async (dir) => {
      const frames = [await jpegBytes([200, 40, 40]), await jpegBytes([40, 40, 200])];
      await imageWith(dir, 'moving.gif', sharp(frames, { join: { animated: true } }).gif().toBuffer());
      assert.equal((await sharp(join(dir, 'data', 'Red', 'moving.gif'), { pages: -1 }).metadata()).pages, 2);
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    check: assertUsed('Red/moving.gif'),
  },
  {
    name: 'animated WebP (first frame)',
    setup: async (dir) => {
      const frames = [await jpegBytes([200, 40, 40]), await jpegBytes([40, 40, 200])];
      await imageWith(dir, 'moving.webp', sharp(frames, { join: { animated: true } }).webp().toBuffer());
      assert.equal((await sharp(join(dir, 'data', 'Red', 'moving.webp'), { pages: -1 }).metadata()).pages, 2);
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    check: assertUsed('Red/moving.webp'),
  },
  {
    name: 'a 1 × 1 pixel image',
    setup: (dir) => imageWith(dir, 'dot.png', sharp({ create: { width: 1, height: 1, channels: 3, background: '#c83232' } }).png().toBuffer()),
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    check: assertUsed('Red/dot.png'),
  },
  {
    name: 'images smaller than image_size (upscaled)',
    setup: (dir) => withPrepare(dir, '  image_size: [64, 48]'),
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => {
      const metadata = JSON.parse(await readFile(join(dir, 'out', 'model', 'metadata.json'), 'utf8'));
      assert.deepEqual(metadata.imageSize, [64, 48]);
    },
  },
  {
    name: 'a symlink pointing outside the data folder is not followed',
    setup: async (dir) => {
      await standard(dir);
      await writeImage(join(dir, 'outside', 'secret.jpg'), [1, 2, 3]);
      await symlink(join(dir, 'outside', 'secret.jpg'), join(dir, 'data', 'Red', 'link.jpg'));
      await symlink(join(dir, 'outside'), join(dir, 'data', 'Green', 'linked-folder'));
      await writeImage(join(dir, 'data', 'Blue', 'inside.jpg'), [30, 30, 220], 9);
      await symlink(join(dir, 'data', 'Blue', 'inside.jpg'), join(dir, 'data', 'Blue', 'inside-link.jpg'));
    },
    args: run,
    code: 0,
    message: /ignored 2 file\(s\)/,
    untouched: ['data', 'outside', 'params.yaml'],
    check: async (dir) => {
      const files = Object.keys((await record(dir)).dataset.files);
      assert.ok(!files.some((path) => path.includes('link.jpg') && path.startsWith('Red/')), files.join(', '));
      assert.ok(!files.some((path) => path.startsWith('Green/linked-folder')), files.join(', '));
      assert.ok(files.includes('Blue/inside-link.jpg'), 'a link inside the data folder is followed');
    },
  },

  // Names
  {
    name: 'class and file names with spaces, unicode, |, backticks, <script>, "..", 200 characters',
    setup: async (dir) => {
      await dataset(dir, ODD_CLASSES, 3);
      await writeImage(join(dir, 'data', 'Space Class', 'my photo |1| `x` <script>alert(2)</script> a..b.jpg'), [210, 50, 50], 5);
      await writeImage(join(dir, 'data', 'Space Class', `${LONG_NAME}.jpg`), [210, 60, 60], 6);
      await writeFile(join(dir, 'params.yaml'), FAST_PARAMS);
    },
    args: run,
    code: 0,
    message: /data: 23 images in 7 classes/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => {
      const { dataset: summary } = await record(dir);
      assert.deepEqual(summary.classes, Object.keys(ODD_CLASSES).sort());
      await assertUsed('Space Class/my photo |1| `x` <script>alert(2)</script> a..b.jpg', `Space Class/${LONG_NAME}.jpg`)(dir);
      const html = await readFile(join(dir, 'out', 'report.html'), 'utf8');
      assert.doesNotMatch(html, /<script>alert/);
      assert.match(html, /&lt;script&gt;alert\(1\)/);
      const markdown = await readFile(join(dir, 'out', 'report.md'), 'utf8');
      assert.doesNotMatch(markdown, /<script>/);
      assertTablesIntact(markdown);
      for (const escaped of ['pipe\\|class', 'back\\`tick', 'Ünïcödé 星', 'dots..name', LONG_NAME]) {
        assert.match(markdown, new RegExp(`^\\| ${escaped.replace(/[\\`|.]/g, (char) => `\\${char}`)} \\|`, 'm'), `per-class row for ${escaped}`);
      }
    },
  },

  // params.yaml
  {
    name: 'params.yaml missing: defaults, said once',
    setup: dataset,
    args: run,
    code: 0,
    message: /params\.yaml not found: using the default params/,
    untouched: ['data'],
    check: async (dir, result) => {
      assert.equal(result.stdout.match(/not found: using the default params/g)?.length, 1);
      assert.equal(((await record(dir)).params as { train: { epochs: number } }).train.epochs, 5);
    },
  },
  {
    name: 'params.yaml empty: defaults',
    setup: async (dir) => {
      await dataset(dir);
      await writeFile(join(dir, 'params.yaml'), '');
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.equal(((await record(dir)).params as { prepare: { split: number } }).prepare.split, 0.2),
  },
  ...(
    [
      ['malformed YAML (line number)', 'train:\n  epochs: 1\n  lr: [0.1\n', /params\.yaml: not valid YAML at line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a \]$/],
      ['unknown key suggests the closest', 'train:\n  epoch: 1\n', /params\.yaml: unknown key "train\.epoch"; did you mean "epochs"\?/],
      ['unknown section suggests the closest', 'trian:\n  epochs: 1\n', /params\.yaml: unknown key "trian"; did you mean "train"\?/],
      ['a key naming object internals (constructor)', 'constructor:\n  hasOwn: 1\n', /params\.yaml: "constructor": the key "constructor" is not allowed \(it names a JavaScript object's internals, not data\); remove it$/],
      ['a key naming object internals (train.__proto__)', 'train:\n  __proto__:\n    polluted: 1\n', /params\.yaml: "train\.__proto__": the key "__proto__" is not allowed/],
      ['wrong type (string for a number)', 'train:\n  epochs: five\n', /params\.yaml: "train\.epochs" must be a whole number from 1 to 10000; got "five"/],
      ['wrong type (string for a boolean)', 'prepare:\n  grayscale: "yes"\n', /params\.yaml: "prepare\.grayscale" must be true or false; got "yes"/],
      ['section is not a mapping', 'train: 5\n', /params\.yaml: "train" must be a mapping of keys, got 5/],
      ['document is a list', '- epochs: 1\n', /params\.yaml: expected a mapping with "prepare:" and "train:" sections/],
      ['split 0', 'prepare:\n  split: 0\n', /params\.yaml: "prepare\.split" must be a number between 0 and 1 \(exclusive\), e\.g\. 0\.2; got 0/],
      ['split 1', 'prepare:\n  split: 1\n', /params\.yaml: "prepare\.split" must be a number between 0 and 1 \(exclusive\), e\.g\. 0\.2; got 1/],
      ['split negative', 'prepare:\n  split: -0.2\n', /"prepare\.split" must be a number between 0 and 1.*got -0\.2/],
      ['epochs 0', 'train:\n  epochs: 0\n', /params\.yaml: "train\.epochs" must be a whole number from 1 to 10000; got 0/],
      ['image_size with 0 numbers', 'prepare:\n  image_size: []\n', /"prepare\.image_size" must be two whole numbers \[height, width\], each from 4 to 1024.*got \[\]/],
      ['image_size with 5 numbers', 'prepare:\n  image_size: [32, 32, 3, 1, 1]\n', /"prepare\.image_size" must be two whole numbers.*got \[32,32,3,1,1\]/],
      ['image_size of 0 pixels', 'prepare:\n  image_size: [0, 32]\n', /"prepare\.image_size" must be two whole numbers \[height, width\], each from 4 to 1024/],
      ['lr negative', 'train:\n  lr: -0.001\n', /params\.yaml: "train\.lr" must be a positive number, e\.g\. 0\.0001; got -0\.001/],
      ['on_bad_image misspelt', 'prepare:\n  on_bad_image: ignore\n', /"prepare\.on_bad_image" must be "fail" or "skip"; got "ignore"/],
      ['image_size too small for the notebook model', 'prepare:\n  image_size: [4, 4]\n', /params\.yaml: "prepare\.image_size" 4×4 is too small for the notebook's model .*use at least \[5, 5\]/],
      ['model: an unknown layer', 'model:\n  - conv2d: {filters: 8, kernel: 3}\n  - maxpool: {size: 2}\n', /params\.yaml: model, layer 2: unknown layer "maxpool"; known layers: conv2d, max_pool, avg_pool/],
      ['model: an unknown option', 'model:\n  - dense: {units: 8, bias: false}\n', /params\.yaml: model, layer 1 \(dense\): unknown option "bias"; its options are units, activation/],
      ['model: a pool bigger than its input', 'model:\n  - conv2d: {filters: 8, kernel: 3}\n  - max_pool: {size: 3}\n  - max_pool: {size: 11}\n', /params\.yaml: model, layer 3 \(max_pool\): size 11 is bigger than its 10×10 input; use a size ≤ 10 or remove the layer/],
      ['model: dense before flatten', 'model:\n  - conv2d: {filters: 8, kernel: 3}\n  - dense: {units: 8}\n', /params\.yaml: model, layer 2 \(dense\): needs a flat input; put - flatten: \{\} or - global_avg_pool: \{\} before it/],
      ['model and the notebook shorthands both', 'train:\n  dense_size: 128\nmodel:\n  - flatten: {}\n  - dense: {units: 8}\n', /params\.yaml: both "model" and "train\.dense_size" describe the model/],
      ['model over the parameter limit (checked before decoding)', 'train:\n  max_parameters: 1000\nmodel:\n  - flatten: {}\n  - dense: {units: 64}\n', /params\.yaml: model: the model has 65,795 weights, over the limit of 1,000 \(train\.max_parameters\); layer 2 \(dense\) holds 65,600 of them/],
      ['an optimizer option for another optimizer', 'train:\n  weight_decay: 0.01\n', /params\.yaml: "train\.weight_decay" applies to the adamw optimizer only, but "train\.optimizer" is "adam"; set train\.optimizer: adamw or remove train\.weight_decay/],
    ] as const
  ).map(([name, yaml, message]): Row => ({
    name: `params.yaml: ${name}`,
    setup: async (dir) => {
      await dataset(dir);
      await writeFile(join(dir, 'params.yaml'), yaml);
    },
    args: run,
    code: 1,
    message,
    untouched: ['data', 'params.yaml'],
    check: (dir) => assert.ok(!existsSync(join(dir, 'out', 'run.json'))),
  })),
  {
    name: 'params path is a folder',
    setup: async (dir) => {
      await dataset(dir);
      await mkdir(join(dir, 'params.yaml'));
    },
    args: run,
    code: 1,
    message: /params\.yaml: is a folder; pass the path of a params\.yaml file/,
    untouched: ['data'],
  },
  {
    name: 'a class whose only two images are byte-identical copies has no validation image',
    setup: async (dir) => {
      await standard(dir);
      await rm(join(dir, 'data', 'Blue'), { recursive: true });
      const bytes = await jpegBytes([40, 40, 200]);
      await mkdir(join(dir, 'data', 'Blue'));
      await writeFile(join(dir, 'data', 'Blue', 'blue.jpg'), bytes);
      await writeFile(join(dir, 'data', 'Blue', 'blue copy.jpg'), bytes);
    },
    args: run,
    code: 1,
    message: /class "Blue" has no validation image: its copies of other images were kept in training; add distinct images to "Blue"/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: 'a class with a single image',
    setup: async (dir) => {
      await standard(dir);
      await rm(join(dir, 'data', 'Blue', 'Blue_1.jpg'));
      await rm(join(dir, 'data', 'Blue', 'Blue_2.jpg'));
      await rm(join(dir, 'data', 'Blue', 'Blue_3.jpg'));
    },
    args: run,
    code: 1,
    message: /class "Blue" has only 1 image; each class needs at least 2 \(one to train on, one to validate\)/,
    untouched: ['data', 'params.yaml'],
  },

  // The output folder
  {
    name: 'an existing --out folder with the user\'s files: nothing of theirs is deleted or changed',
    setup: async (dir) => {
      await standard(dir);
      await mkdir(join(dir, 'out', 'notes'), { recursive: true });
      await writeFile(join(dir, 'out', 'notes', 'plan.md'), '# my plan\n');
      await writeFile(join(dir, 'out', 'results.csv'), 'epoch,acc\n1,0.5\n');
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml', 'out/notes', 'out/results.csv'],
    check: (dir) => assert.ok(existsSync(join(dir, 'out', 'run.json'))),
  },
  {
    name: 'a re-run into its own earlier --out folder keeps the user\'s files there',
    setup: async (dir) => {
      await standard(dir);
      await copyHead(dir, 'out');
      await writeFile(join(dir, 'out', 'my-notes.txt'), 'keep me\n');
    },
    args: run,
    code: 0,
    untouched: ['data', 'params.yaml', 'out/my-notes.txt'],
  },
  {
    name: '--out holds the user\'s metrics.json: refused, file untouched',
    setup: async (dir) => {
      await standard(dir);
      await mkdir(join(dir, 'out'));
      await writeFile(join(dir, 'out', 'metrics.json'), '{"val_acc": 0.99}\n');
    },
    args: run,
    code: 1,
    message: /output folder ".*\/out" already holds "metrics\.json", not written by train-and-report; choose another --out folder or move those files away/,
    untouched: ['data', 'params.yaml', 'out'],
  },
  {
    name: '--out holds the user\'s report.md: refused, file untouched',
    setup: async (dir) => {
      await standard(dir);
      await mkdir(join(dir, 'out'));
      await writeFile(join(dir, 'out', 'report.md'), '# my own report\n');
    },
    args: run,
    code: 1,
    message: /output folder ".*\/out" already holds "report\.md", not written by train-and-report; choose another --out folder or move those files away/,
    untouched: ['data', 'params.yaml', 'out'],
  },
  {
    name: '--out is a file',
    setup: async (dir) => {
      await standard(dir);
      await writeFile(join(dir, 'out'), 'a file\n');
    },
    args: run,
    code: 1,
    message: /output folder ".*\/out" is a file; pass --out a folder/,
    untouched: ['data', 'params.yaml', 'out'],
  },

  // Run records for `report`
  {
    name: 'report: base record from a newer (unknown) record version',
    setup: (dir) => editBaseRecord(dir, (text) => text.replace('"recordVersion": 1', '"recordVersion": 99')),
    args: report,
    code: 0,
    untouched: ['head', 'base'],
    check: async (dir) => assert.match(await reportText(dir), /No comparison: the base record could not be used \(.*record version 99 is newer than this tool understands \(1\); update train-and-report\)/),
  },
  {
    name: 'report: base record from before record versions',
    setup: (dir) => editBaseRecord(dir, (text) => text.replace('"recordVersion": 1,', '')),
    args: report,
    code: 0,
    untouched: ['head', 'base'],
    check: async (dir) => assert.match(await reportText(dir), /No comparison: the base record could not be used \(.*field "recordVersion" is missing/),
  },
  {
    name: 'report: corrupt (truncated) base record',
    setup: (dir) => editBaseRecord(dir, (text) => text.slice(0, Math.floor(text.length / 2))),
    args: report,
    code: 0,
    untouched: ['head', 'base'],
    check: async (dir) => assert.match(await reportText(dir), /No comparison: the base record could not be used \(.*run record is not valid JSON .*it may be truncated/),
  },
  {
    name: 'report: base folder without run.json',
    setup: async (dir) => {
      await copyHead(dir);
      await mkdir(join(dir, 'base'));
    },
    args: report,
    code: 0,
    untouched: ['head', 'base'],
    check: async (dir) => assert.match(await reportText(dir), /No comparison: the base record could not be used \(.*no run record here/),
  },
  {
    name: 'report: base with a renamed class',
    // The same image bytes under another folder name: the comparison recognises the rename by content.
    setup: async (dir) => {
      await copyHead(dir);
      await baseRunWith(dir, { Crimson: CLASSES.Red, Green: CLASSES.Green, Blue: CLASSES.Blue });
    },
    args: report,
    code: 0,
    untouched: ['head', 'base'],
    check: async (dir) => assert.match(await reportText(dir), /The classes differ \(renamed: Crimson → Red\)/),
  },
  {
    name: 'report: base with a class more (removed in the PR)',
    setup: async (dir) => {
      await copyHead(dir);
      await baseRunWith(dir, { ...CLASSES, Yellow: [200, 200, 40] });
    },
    args: report,
    code: 0,
    untouched: ['head', 'base'],
    check: async (dir) => assert.match(await reportText(dir), /The classes differ \(.*removed: Yellow.*\)/),
  },
  {
    name: 'report: base with a class fewer (added in the PR)',
    setup: async (dir) => {
      await copyHead(dir);
      await baseRunWith(dir, { Red: CLASSES.Red, Green: CLASSES.Green });
    },
    args: report,
    code: 0,
    untouched: ['head', 'base'],
    check: async (dir) => assert.match(await reportText(dir), /The classes differ \(.*added: Blue.*\)/),
  },
  {
    name: 'report: --head folder without run.json',
    setup: async (dir) => {
      await mkdir(join(dir, 'head'));
      await copyHead(dir, 'base');
    },
    args: report,
    code: 1,
    message: /head\/run\.json: no run record here; pass the --out folder of a finished "train-and-report run"/,
    untouched: ['base'],
  },
  {
    name: 'report without --out (usage)',
    setup: copyHead,
    args: (dir) => ['report', '--head', join(dir, 'head')],
    code: 1,
    usage: true,
    message: /report needs --out DIR \(where report\.md and the images go\)/,
    untouched: ['head'],
  },

  // Run folders for `trend`
  {
    name: 'trend with one run folder (usage)',
    setup: copyHead,
    args: (dir) => ['trend', join(dir, 'head'), '--out', join(dir, 'trend')],
    code: 1,
    usage: true,
    message: /trend needs two or more run folders \(the --out folders of runs\), oldest first/,
    untouched: ['head'],
  },
  {
    name: 'trend: a folder without run.json',
    setup: async (dir) => {
      await copyHead(dir);
      await mkdir(join(dir, 'empty'));
    },
    args: (dir) => ['trend', join(dir, 'head'), join(dir, 'empty'), '--out', join(dir, 'trend')],
    code: 1,
    message: /empty\/run\.json: no run record here; pass the --out folder of a finished "train-and-report run"/,
    untouched: ['head', 'empty'],
    check: (dir) => assert.equal(existsSync(join(dir, 'trend')), false),
  },
  {
    name: 'trend: a run of a newer (unknown) record version',
    setup: (dir) => editBaseRecord(dir, (text) => text.replace('"recordVersion": 1', '"recordVersion": 99')),
    args: (dir) => ['trend', join(dir, 'base'), join(dir, 'head'), '--out', join(dir, 'trend')],
    code: 1,
    message: /base\/run\.json: record version 99 is newer than this tool understands \(1\); update train-and-report/,
    untouched: ['head', 'base'],
  },
  {
    name: 'trend: a run of one seed is a point without spread, its step not judged',
    setup: (dir) => editBaseRecord(dir, (text) => {
      const parsed = JSON.parse(text) as { repeats: unknown[] };
      return JSON.stringify({ ...parsed, repeats: parsed.repeats.slice(0, 1) }, null, 2);
    }),
    args: (dir) => ['trend', join(dir, 'base'), join(dir, 'head'), '--out', join(dir, 'trend')],
    code: 0,
    message: /^note: .*base: one seed only \(train\.repeats: 1, or a record from before repeats\), so its point has no spread and the steps to and from it are not judged\.$/m,
    untouched: ['head', 'base'],
    check: async (dir, result) => {
      assert.match(result.stdout, /2\. .*head: .* \? not judged/);
      const markdown = await readFile(join(dir, 'trend', 'trend.md'), 'utf8');
      assertTablesIntact(markdown);
      assert.match(markdown, /\| 1 \| .*base \| 0\.\d{4} \(1 seed\) \| — \|/);
    },
  },
  {
    name: 'trend: --out holds the user\'s trend.md: refused, file untouched',
    setup: async (dir) => {
      await copyHead(dir);
      await copyHead(dir, 'base');
      await mkdir(join(dir, 'out'));
      await writeFile(join(dir, 'out', 'trend.md'), 'my notes\n');
    },
    args: (dir) => ['trend', join(dir, 'base'), join(dir, 'head'), '--out', join(dir, 'out')],
    code: 1,
    message: /output folder ".*\/out" already holds "trend\.md", not written by train-and-report; choose another --out folder or move those files away/,
    untouched: ['head', 'base', 'out'],
  },

  // Options
  {
    name: '--thresholds malformed: refused before training',
    setup: standard,
    args: (dir) => run(dir, '--thresholds', 'val_acc -2'),
    code: 1,
    message: /threshold "val_acc -2" has no ":"; write it as "<metric>: -0\.02"/,
    untouched: ['data', 'params.yaml'],
    check: (dir) => assert.ok(!existsSync(join(dir, 'out', 'run.json')), 'the run trained and wrote run.json before refusing --thresholds'),
  },
  {
    name: '--thresholds with an unknown metric',
    setup: copyHead,
    args: (dir) => ['report', '--head', join(dir, 'head'), '--out', join(dir, 'report'), '--thresholds', 'accuracy: -0.02'],
    code: 1,
    message: /threshold for unknown metric "accuracy"; use one of val_loss, val_acc/,
    untouched: ['head'],
  },
  {
    name: '--thresholds with a sign that would fail on an improvement',
    setup: copyHead,
    args: (dir) => ['report', '--head', join(dir, 'head'), '--out', join(dir, 'report'), '--thresholds', 'val_loss: -0.02'],
    code: 1,
    message: /threshold for val_loss: "-0\.02" would fail when val_loss improves \(lower validation loss is better\); write "val_loss: \+0\.02"/,
    untouched: ['head'],
  },
  {
    name: '--backend tensorflow when it is not installed',
    setup: standard,
    args: (dir) => ['run', '--data', join(dir, 'data'), '--params', join(dir, 'params.yaml'), '--out', join(dir, 'out'), '--backend', 'tensorflow'],
    code: 1,
    message: /backend "tensorflow" is not available .*npm install @tensorflow\/tfjs-node@4\.22\.0/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: '--backend webgpu on a runner without a GPU driver',
    setup: standard,
    args: (dir) => run(dir).map((arg) => (arg === 'wasm' ? 'webgpu' : arg)),
    // The Vulkan loader reads its drivers from this list: a missing file means none.
    env: { VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '/nonexistent/icd.json' },
    code: 1,
    message: /backend "webgpu" is not available \(webgpu: adapters found: none; not taken: no adapter: .*\); see docs\/gpu-runners\.md for what the runner needs$/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: '--backend misspelt',
    setup: standard,
    args: (dir) => run(dir).map((arg) => (arg === 'wasm' ? 'wsam' : arg)),
    code: 1,
    message: /--backend must be one of auto, webgpu, tensorflow-gpu, tensorflow, wasm, cpu; got "wsam"/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: 'unknown option (usage)',
    setup: standard,
    args: (dir) => ['run', '--dat', join(dir, 'data')],
    code: 1,
    usage: true,
    message: /Unknown option '--dat'/,
    untouched: ['data', 'params.yaml'],
  },

  // predict
  {
    name: 'predict with a non-image file',
    setup: async (dir) => {
      await copyHead(dir);
      await writeFile(join(dir, 'notes.txt'), 'not an image\n');
    },
    args: (dir) => ['predict', '--model', join(dir, 'head', 'model'), '--backend', 'wasm', join(dir, 'notes.txt')],
    code: 1,
    message: /image ".*\/notes\.txt" cannot be decoded: not an image format that can be decoded/,
    untouched: ['head', 'notes.txt'],
  },
  {
    name: 'predict with a missing image file',
    setup: copyHead,
    args: (dir) => ['predict', '--model', join(dir, 'head', 'model'), '--backend', 'wasm', join(dir, 'nope.jpg')],
    code: 1,
    message: /image ".*\/nope\.jpg" cannot be read \(ENOENT\)/,
    untouched: ['head'],
  },
  {
    name: 'predict with a folder that is not a model',
    setup: copyHead,
    args: (dir) => ['predict', '--model', join(dir, 'head'), '--backend', 'wasm', join(dir, 'head', 'confusion.png')],
    code: 1,
    message: /metadata\.json is missing; pass --model the model\/ folder/,
    untouched: ['head'],
  },
  {
    name: 'predict on a truncated image',
    setup: async (dir) => {
      await copyHead(dir);
      await writeFile(join(dir, 'cut.jpg'), (await BAD_IMAGES[1].bytes()));
    },
    args: (dir) => ['predict', '--model', join(dir, 'head', 'model'), '--backend', 'wasm', join(dir, 'cut.jpg')],
    code: 1,
    message: /image ".*\/cut\.jpg" cannot be decoded: the image is truncated or corrupt/,
    untouched: ['head', 'cut.jpg'],
  },
  // Params overrides (--set) and sweep grids: refused in one line before anything trains.
  {
    name: 'run --set with an unknown key',
    setup: standard,
    args: (dir) => run(dir, '--set', 'train.lrr=0.01'),
    code: 1,
    message: /--set: unknown key "train\.lrr"; did you mean "lr"\?/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.ok(!existsSync(join(dir, 'out')), 'nothing was written'),
  },
  {
    name: 'run --set with a value of the wrong type',
    setup: standard,
    args: (dir) => run(dir, '--set', 'train.lr=0.001,train.conv_size=wide'),
    code: 1,
    message: /--set: "train\.conv_size" must be a whole number from 1 to 4096; got "wide"/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.ok(!existsSync(join(dir, 'out')), 'nothing was written'),
  },
  {
    name: 'sweep grid with an unknown key',
    setup: standard,
    args: (dir) => sweep(dir, 'train.lr=0.001,0.01 train.dense_siz=32,64'),
    code: 1,
    message: /--grid: unknown key "train\.dense_siz"; did you mean "dense_size"\?/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.ok(!existsSync(join(dir, 'out')), 'nothing was written'),
  },
  {
    name: 'sweep grid with a value of the wrong type',
    setup: standard,
    args: (dir) => sweep(dir, 'train.lr=0.001,fast'),
    code: 1,
    message: /--grid: "train\.lr" must be a positive number, e\.g\. 0\.0001; got "fast"/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.ok(!existsSync(join(dir, 'out')), 'nothing was written'),
  },
  {
    name: 'sweep grid with an empty list',
    setup: standard,
    args: (dir) => sweep(dir, 'train.lr=0.001,0.01 train.conv_size='),
    code: 1,
    message: /--grid: "train\.conv_size" has an empty list of values; write e\.g\. train\.conv_size=VALUE1,VALUE2/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.ok(!existsSync(join(dir, 'out')), 'nothing was written'),
  },
  {
    name: 'sweep without --grid',
    setup: standard,
    args: (dir) => ['sweep', '--data', join(dir, 'data'), '--out', join(dir, 'out')],
    code: 1,
    usage: true,
    message: /sweep needs --grid 'KEY=V1,V2 KEY=V1,V2'/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: '--force-training without --base',
    setup: standard,
    args: (dir) => ['run', '--data', join(dir, 'data'), '--out', join(dir, 'out'), '--force-training'],
    code: 1,
    usage: true,
    message: /--force-training needs --base DIR \(without a base there is nothing to reuse, and every run trains\)/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.ok(!existsSync(join(dir, 'out')), 'nothing was written'),
  },
  // A training command (run --command): what it writes is read as untrusted input.
  {
    name: 'a training command that fails on a seed',
    setup: (dir) => commandData(dir, ''),
    args: (dir) => command(dir, '--fail-seed 78'),
    code: 1,
    message: /seed 78: exited 3: loading the model \/ RuntimeError: CUDA out of memory$/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: 'a training command that writes no metrics.json',
    setup: (dir) => commandData(dir, ''),
    args: (dir) => command(dir, '--no-metrics'),
    code: 1,
    message: /seeds\/77\/metrics\.json: missing; the command must write metrics\.json \(a flat object of numbers, e\.g\. \{\"val_acc\": 0\.91\}\) into \$TRAIN_AND_REPORT_OUT$/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: "a training command's metrics.json with a value that is not a number",
    setup: (dir) => commandData(dir, ''),
    args: (dir) => command(dir, '--bad-metric'),
    code: 1,
    message: /seeds\/77\/metrics\.json: key \"val_acc\" is \"high\", not a finite number; every value of metrics\.json must be a number$/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: "a training command's history.csv with a cell that is not a number",
    setup: (dir) => commandData(dir, ''),
    args: (dir) => command(dir, '--bad-history'),
    code: 1,
    message: /seeds\/77\/history\.csv line 3: column \"loss\" is \"oops\", not a number$/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: "a training command's predictions.csv with an unknown class",
    setup: (dir) => commandData(dir, ''),
    args: (dir) => command(dir, '--unknown-class'),
    code: 1,
    message: /seeds\/77\/predictions\.csv line 3: predicted class \"Vulcan\" is not a class of the data folder \(Blue, Green, Red\)$/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: "a training command's predictions.csv with a path outside the data folder",
    setup: (dir) => commandData(dir, ''),
    args: (dir) => command(dir, '--outside'),
    code: 1,
    message: /seeds\/77\/predictions\.csv line 2: path \"\.\.\/\w+\/\w+_\d\.jpg\" is outside the data folder; write paths relative to it/,
    untouched: ['data', 'params.yaml'],
  },
  {
    name: '--force-training with a training command',
    setup: (dir) => commandData(dir, ''),
    args: (dir) => [...command(dir, ''), '--force-training'],
    code: 1,
    usage: true,
    message: /--force-training applies to the built-in trainer only; a training command trains every seed of every run/,
    untouched: ['data', 'params.yaml'],
    check: async (dir) => assert.ok(!existsSync(join(dir, 'out')), 'nothing was written'),
  },
  {
    name: 'a training command that runs past train.timeout',
    setup: (dir) => commandData(dir, '  timeout: 1\n'),
    args: (dir) => command(dir, '--sleep 60'),
    code: 1,
    message: /seed 77: stopped after 1 s \(train\.timeout in .*params\.yaml\); raise train\.timeout or make the command faster \(nothing on stderr\)$/,
    untouched: ['data', 'params.yaml'],
  },
];

// ---- the loop ----------------------------------------------------------------

async function check(row: Row): Promise<void> {
  const dir = await temporaryFolder('tar-hardening-');
  try {
    await row.setup(dir);
    const before = await hashTree(dir);
    const result = await runCli(row.args(dir), row.maxRssMb !== undefined, row.env);
    const output = `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;

    assert.equal(result.code, row.code, output);
    assert.doesNotMatch(result.stderr, /\n\s+at |unexpected error|--verbose for details/, output);
    if (row.code === 0) {
      assert.equal(result.stderr, '', output);
      if (row.message) assert.match(result.stdout, row.message, output);
    } else {
      // A usage error adds the usage block after a blank line; the message is the line before it.
      const message = row.usage ? result.stderr.split('\n\n')[0] : result.stderr;
      if (row.usage) assert.match(result.stderr.slice(message.length), /^\n\nusage:\n/, output);
      const line = message.trimEnd();
      assert.equal(line.split('\n').length, 1, `more than one line on stderr\n${output}`);
      assert.match(line, /^train-and-report: /, output);
      assert.match(line, row.message!, output);
    }
    for (const path of row.skipped ?? []) {
      assert.match(result.stdout, new RegExp(`^skipped ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `, 'm'), output);
      assert.ok((await record(dir)).dataset.skipped.some((entry) => entry.path === path), `run.json's dataset.skipped lacks ${path}`);
    }
    if (row.maxRssMb !== undefined) {
      const megabytes = result.peakRssKb! / 1024;
      console.log(`# ${row.name}: peak RSS ${megabytes.toFixed(0)} MB`);
      assert.ok(megabytes < row.maxRssMb, `peak RSS ${megabytes.toFixed(0)} MB ≥ ${row.maxRssMb} MB`);
    }

    const after = await hashTree(dir);
    for (const [path, hash] of before) {
      assert.ok(after.has(path), `${path} was deleted`);
      if (row.untouched.some((folder) => isUnder(path, folder))) assert.equal(after.get(path), hash, `${path} was changed`);
    }
    for (const path of row.untouched) assert.ok([...before.keys()].some((known) => isUnder(known, path)), `untouched path ${path} did not exist before the run`);
    await row.check?.(dir, result);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Four at a time: on 2 cores most of a row is process start-up and waiting on its child.
describe('hardening: bad input gives one clear line and loses nothing', { concurrency: 4 }, () => {
  for (const row of ROWS) test(row.name, { todo: row.todo }, () => check(row));
});

test('every row has a unique name', () => {
  assert.equal(new Set(ROWS.map((row) => row.name)).size, ROWS.length);
});

after(async () => {
  if (headRun) await rm(await headRun, { recursive: true, force: true });
});
