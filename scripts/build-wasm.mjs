#!/usr/bin/env node
// Assembles src/model/backends/wasm/simd/training.wat into src/model/backends/wasm/simd/training.wasm.ts
// (the module's bytes as base64), so that the build and the action need no
// assembler: only this script does, and wabt is a dev dependency.
//
//   npm run build:wasm          write training.wasm.ts
//   npm run build:wasm -- --check   exit 1 if training.wasm.ts is not what training.wat gives
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const source = new URL('../src/model/backends/wasm/simd/training.wat', import.meta.url);
const target = new URL('../src/model/backends/wasm/simd/training.wasm.ts', import.meta.url);

const wabt = await wabtInit();
const module = wabt.parseWat('training.wat', readFileSync(source, 'utf8'), { simd: true, threads: true });
const { buffer } = module.toBinary({ log: false, write_debug_names: false });
module.destroy();
// Validated by the engine that will run it (wabt's own validator ignores the threads feature).
new WebAssembly.Module(buffer);
const base64 = Buffer.from(buffer).toString('base64');
const lines = base64.match(/.{1,100}/g).map((line) => `  '${line}'`).join(' +\n');
const text = `// Generated from training.wat by scripts/build-wasm.mjs (npm run build:wasm). Do not edit.\n\nexport const KERNELS_WASM_BASE64 =\n${lines};\n`;

if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('src/model/backends/wasm/simd/training.wasm.ts is not what training.wat assembles to: run npm run build:wasm and commit it');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`training.wasm.ts: ${buffer.length} bytes of WebAssembly`);
}
