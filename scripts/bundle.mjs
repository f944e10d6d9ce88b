#!/usr/bin/env node
// Bundles the action and the CLI into dist/ with esbuild, so that running them
// installs nothing: every pure-JavaScript dependency is inside the bundle.
// What cannot be bundled stays a package under node_modules/ (the release
// commit carries those: scripts/release.mjs):
//   - native addons, each with its prebuilt per-platform package: NATIVE (scripts/native.mjs);
//   - the fonts the charts are drawn with (read as files, by path).
// The WebAssembly of @tensorflow/tfjs-backend-wasm is copied next to the
// bundle, where its loader looks (its __dirname is the bundle's folder).
//
//   node scripts/bundle.mjs           write dist/
//   node scripts/bundle.mjs --meta    also print the largest inputs (what the bundle costs, by package)
import { copyFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NATIVE } from './native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const dist = join(root, 'dist');


/** Entry points: the action, the CLI, the cache-key step, and the two worker scripts (loaded by path beside the bundle). */
const ENTRIES = {
  index: 'src/index.ts',
  cli: 'src/cli.ts',
  'pixel-cache-key': 'src/pixel-cache-key.ts',
  'second-thread': 'src/model/backends/wasm/second-thread.ts',
  worker: 'src/sweep/worker.ts',
};

// CommonJS inside an ES module bundle: the names a CommonJS module expects, for this file.
const banner = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  "import { dirname as __pathDirname } from 'node:path';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __pathDirname(__filename);',
].join('\n');

rmSync(dist, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir: dist,
  bundle: true,
  splitting: true,
  // Chunks beside the entries: a bundled module's __dirname must be dist/ (the .wasm files are there).
  chunkNames: '[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node22',
  external: NATIVE,
  banner: { js: banner },
  // Names stay readable in stack traces (--verbose); size matters less than a clear trace.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  logOverride: { 'empty-import-meta': 'silent' },
});

const wasmFolder = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
for (const name of readdirSync(wasmFolder).filter((file) => file.endsWith('.wasm'))) copyFileSync(join(wasmFolder, name), join(dist, name));

function folderBytes(folder) {
  return readdirSync(folder, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(folder, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(path) : statSync(path).size);
  }, 0);
}
console.log(`dist/: ${(folderBytes(dist) / 1e6).toFixed(1)} MB`);

if (process.argv.includes('--meta')) {
  const byPackage = new Map();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match ? match[1] : 'train-and-report (src)';
    byPackage.set(key, (byPackage.get(key) ?? 0) + input.bytes);
  }
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(bytes / 1e6).toFixed(2).padStart(7)} MB  ${name}`);
}
