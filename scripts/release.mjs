#!/usr/bin/env node
// A release in one command:
//
//   npm run release -- X.Y.Z
//
// 1. checks: a clean work tree, X.Y.Z new, CHANGELOG.md's Unreleased section not empty;
// 2. sets the version (package.json, package-lock.json), dates the changelog section,
//    type-checks and builds the bundle (dist/), and commits that on the current branch;
// 3. assembles the release folder in a temporary work tree: that commit plus, under
//    node_modules/, only what the bundle loads at run time (RUNTIME: native addons with
//    their prebuilt packages for PLATFORMS, and the fonts), and smoke-tests it (the CLI's
//    --version, and a one-epoch run on a tiny generated dataset, from that folder alone);
// 4. commits it as the release commit (a child of the commit in 2, on no branch), tags it
//    vX.Y.Z and moves vX to it;
// 5. prints what to push. Nothing is pushed.
//
//   node scripts/release.mjs --assemble DIR [--installed]
//       only step 3's folder, from this checkout's dist/ (for measuring the action's size and start,
//       and for the end-to-end test); --installed: native code only for the platform installed here,
//       nothing downloaded
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIVE } from './native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What the bundle loads from node_modules at run time: the native packages that are dependencies (not those installed only when chosen). */
const dependencies = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies;
export const RUNTIME = NATIVE.filter((name) => Object.hasOwn(dependencies, name));
/** Of a package that is only data, the files the tool reads. */
const ONLY_FILES = { 'dejavu-fonts-ttf': ['package.json', 'LICENSE', 'ttf/DejaVuSans.ttf', 'ttf/DejaVuSans-Bold.ttf'] };
const DATA_PACKAGES = Object.keys(ONLY_FILES);
/** Runners the release carries native code for (GitHub-hosted Linux x64 and arm64, macOS on Apple silicon, Windows x64); others install at run time. */
export const PLATFORMS = [
  { os: 'linux', cpu: 'x64', libc: 'glibc' },
  { os: 'linux', cpu: 'arm64', libc: 'glibc' },
  { os: 'darwin', cpu: 'arm64' },
  { os: 'win32', cpu: 'x64' },
];

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
}

const lock = () => JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

function matches(entry, platform) {
  const fits = (list, value) => list === undefined || list.includes(value);
  return fits(entry.os, platform.os) && fits(entry.cpu, platform.cpu) && (platform.libc === undefined || fits(entry.libc, platform.libc));
}

/** The version this checkout has at a lock path (node_modules/a or node_modules/a/node_modules/b), if any. */
const installedVersion = (path) => {
  const file = join(root, path, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
};

/** A lock path's package name: what follows its last node_modules/. */
const nameAt = (path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Where `name` resolves from the package at lock path `from`, as Node looks it up: its own node_modules, then each folder above. */
function resolveIn(packages, from, name) {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/**
 * The packages to carry, by lock path: RUNTIME and their dependencies (nested ones where npm nested
 * them), and of their optional (per-platform) ones those for `platforms` (or, with 'installed', those
 * this checkout has: no download).
 */
function runtimePackages(packages, platforms) {
  const wanted = new Map();
  const visit = (from, name) => {
    const path = resolveIn(packages, from, name);
    if (!path) fail(`${name} is not in package-lock.json`);
    if (wanted.has(path)) return;
    const entry = packages[path];
    wanted.set(path, entry);
    for (const dependency of Object.keys(entry.dependencies ?? {})) visit(path, dependency);
    for (const optional of Object.keys(entry.optionalDependencies ?? {})) {
      const candidatePath = resolveIn(packages, path, optional);
      const candidate = candidatePath && packages[candidatePath];
      const wantedHere = platforms === 'installed' ? installedVersion(candidatePath) === candidate?.version : platforms.some((platform) => matches(candidate, platform));
      if (candidate && wantedHere) visit(path, optional);
    }
  };
  for (const name of [...RUNTIME, ...DATA_PACKAGES]) visit('', name);
  return wanted;
}

/** A package's folder from this checkout's node_modules, or (another platform's) fetched with npm pack and checked against the lock's integrity. */
function place(path, entry, target, scratch) {
  const name = nameAt(path);
  const destination = join(target, path);
  mkdirSync(dirname(destination), { recursive: true });
  let source = join(root, path);
  if (installedVersion(path) !== entry.version) {
    const file = run('npm', ['pack', '--silent', `${name}@${entry.version}`], { cwd: scratch }).trim().split('\n').pop();
    const [algorithm, expected] = entry.integrity.split(/-(.*)/s);
    const actual = createHash(algorithm).update(readFileSync(join(scratch, file))).digest('base64');
    if (actual !== expected) fail(`${name}@${entry.version}: the downloaded package does not match package-lock.json's integrity`);
    source = join(scratch, name.replace('/', '+'));
    mkdirSync(source, { recursive: true });
    run('tar', ['-xzf', join(scratch, file), '-C', source, '--strip-components=1']);
  }
  if (ONLY_FILES[name]) {
    for (const file of ONLY_FILES[name]) cpSync(join(source, file), join(destination, file));
  } else {
    cpSync(source, destination, { recursive: true, dereference: true, filter: (file) => carriesPlatform(name, relative(source, file)) });
  }
}

/** Dawn's bindings ship one prebuilt folder per platform (dist/linux-x64, dist/darwin-universal, …): the release keeps those of PLATFORMS. */
function carriesPlatform(name, file) {
  if (name !== 'webgpu') return true;
  const folder = /^dist[\\/]([^\\/]+)/.exec(file)?.[1];
  return folder === undefined || folder.includes('.') || PLATFORMS.some((platform) => folder === `${platform.os}-${platform.cpu}` || (platform.os === 'darwin' && folder === 'darwin-universal'));
}

function folderBytes(folder) {
  return readdirSync(folder, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(folder, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(path) : statSync(path).size);
  }, 0);
}

/** Writes node_modules/ of a release into `target` (which holds the checkout's files and dist/). */
export function assembleRuntime(target, platforms = PLATFORMS) {
  const scratch = mkdtempSync(join(tmpdir(), 'train-and-report-release-'));
  try {
    rmSync(join(target, 'node_modules'), { recursive: true, force: true });
    const wanted = runtimePackages(lock().packages, platforms);
    for (const [path, entry] of wanted) place(path, entry, target, scratch);
    return [...wanted.keys()].map(nameAt);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The release folder runs on its own: its --version, and one epoch on a tiny dataset, with no other node_modules to fall back on. */
function smokeTest(folder, version) {
  const isolated = mkdtempSync(join(tmpdir(), 'train-and-report-smoke-'));
  try {
    // Copied outside the checkout: Node must not find this checkout's node_modules above it.
    cpSync(folder, join(isolated, 'action'), { recursive: true, filter: (path) => path !== join(folder, '.git') });
    const cli = join(isolated, 'action', 'dist', 'cli.js');
    const printed = run(process.execPath, [cli, '--version'], { cwd: isolated }).trim();
    if (printed !== version) fail(`the release's --version printed "${printed}", not ${version}`);
    run(process.execPath, [cli, 'sample', '--out', 'data', '--images-per-class', '3', '--quiet'], { cwd: isolated });
    writeFileSync(join(isolated, 'params.yaml'), 'train:\n  epochs: 1\n  repeats: 1\n');
    const result = spawnSync(process.execPath, [cli, 'run', '--data', 'data', '--params', 'params.yaml', '--out', 'out', '--no-cache'], { cwd: isolated, encoding: 'utf8' });
    if (result.status !== 0) fail(`the release folder does not run on its own:\n${result.stdout}${result.stderr}`);
  } finally {
    rmSync(isolated, { recursive: true, force: true });
  }
}

function release(version) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) fail(`the version must be X.Y.Z (e.g. 1.2.0), got "${version ?? ''}"`);
  const major = version.split('.')[0];
  if (run('git', ['status', '--porcelain']).trim() !== '') fail('the work tree has changes: commit or stash them first');
  if (run('git', ['tag', '--list', `v${version}`]).trim() !== '') fail(`tag v${version} exists already`);
  const changelogPath = join(root, 'CHANGELOG.md');
  const changelog = readFileSync(changelogPath, 'utf8');
  const unreleased = /^## \[Unreleased\]\n([\s\S]*?)(?=^## \[|(?![\s\S]))/m.exec(changelog);
  if (!unreleased || unreleased[1].replace(/^\[.*\]: .*$/gm, '').trim() === '') fail('CHANGELOG.md has no entries under "## [Unreleased]": say what changed first');

  const today = new Date().toISOString().slice(0, 10);
  writeFileSync(changelogPath, changelog.replace('## [Unreleased]\n', `## [Unreleased]\n\n## [${version}] - ${today}\n`));
  run('npm', ['version', version, '--no-git-tag-version', '--allow-same-version']);
  run('npm', ['run', 'typecheck']);
  run('npm', ['run', 'build']);
  run('git', ['add', 'package.json', 'package-lock.json', 'CHANGELOG.md', 'dist']);
  run('git', ['commit', '--quiet', '-m', `Release ${version}`]);
  const source = run('git', ['rev-parse', 'HEAD']).trim();

  const work = mkdtempSync(join(tmpdir(), 'train-and-report-release-tree-'));
  try {
    run('git', ['worktree', 'add', '--quiet', '--detach', work, source]);
    const carried = assembleRuntime(work);
    smokeTest(work, version);
    run('git', ['add', '--force', 'node_modules'], { cwd: work });
    const platforms = PLATFORMS.map((platform) => `${platform.os}-${platform.cpu}`).join(', ');
    run('git', ['commit', '--quiet', '-m', `v${version}: the bundle with its run-time packages (${carried.length} packages; native code for ${platforms})`], { cwd: work });
    const commit = run('git', ['rev-parse', 'HEAD'], { cwd: work }).trim();
    run('git', ['tag', '--annotate', '--message', `train-and-report ${version}`, `v${version}`, commit]);
    run('git', ['tag', '--force', '--annotate', '--message', `train-and-report ${version} (latest v${major})`, `v${major}`, commit]);
    console.log(`release v${version}: ${commit.slice(0, 7)} (the action's folder: ${(folderBytes(work) / 1e6).toFixed(1)} MB with its .git pointer)`);
  } finally {
    run('git', ['worktree', 'remove', '--force', work]);
  }
  const branch = run('git', ['rev-parse', '--abbrev-ref', 'HEAD']).trim();
  console.log('\nto publish it:');
  console.log(`  git push origin ${branch} v${version}`);
  console.log(`  git push --force origin v${major}`);
  console.log(`then draft a GitHub release from tag v${version} with CHANGELOG.md's ${version} section (and tick "Publish to the Marketplace").`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [first, second, third] = process.argv.slice(2);
  if (first === '--assemble') {
    if (!second) fail('--assemble needs a folder');
    mkdirSync(second, { recursive: true });
    for (const entry of ['action.yml', 'package.json', 'dist', 'schema', 'LICENSE']) cpSync(join(root, entry), join(second, entry), { recursive: true });
    const carried = assembleRuntime(second, third === '--installed' ? 'installed' : PLATFORMS);
    console.log(`${second}: ${(folderBytes(second) / 1e6).toFixed(1)} MB (node_modules ${(folderBytes(join(second, 'node_modules')) / 1e6).toFixed(1)} MB: ${carried.join(', ')})`);
  } else {
    release(first);
  }
}
