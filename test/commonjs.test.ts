import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonJsExports } from '../src/commonjs.js';

test("commonJsExports reads a CommonJS package's exports as Node gives them and as the bundle does (default only)", async () => {
  const loaded = await import('@tensorflow/tfjs-backend-wasm');
  const exportsObject = commonJsExports(loaded);
  assert.equal(typeof exportsObject.setThreadsCount, 'function');
  // The bundle's chunk of a dynamically imported CommonJS package: its exports object as `default` only.
  const bundled = { default: exportsObject } as unknown as typeof loaded;
  assert.equal(commonJsExports(bundled).setThreadsCount, exportsObject.setThreadsCount);
});
