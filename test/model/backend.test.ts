// The backend choice on Node >= 23 with @tensorflow/tfjs-node 4.22. The native
// package cannot be installed on this project's machines, so a stand-in
// (test/fixtures/tfjs-node-standin) is resolved in its place: it registers a
// `tensorflow` backend whose every op calls util.isNullOrUndefined, which Node
// 23 removed, the way the real package does. Each case runs in a child
// process (tfjs's backend registry is global), with util as Node >= 23 has it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import util, { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { polyfillRemovedUtil, probeBackend } from '../../src/model/backend.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/tfjs-node-standin/${name}`, import.meta.url));

interface Started {
  hadIsNullOrUndefined: boolean;
  info?: { name: string; package: string };
  skipped?: string[];
  notices?: string[];
  active?: string;
  error?: string;
}

async function start(choice: string, broken = false): Promise<Started> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', fixture('register.mjs'), '--import', fixture('node23-util.mjs'), fixture('start.ts'), choice],
    { env: { ...process.env, TFJS_STANDIN_BROKEN: broken ? '1' : '' } },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as Started;
}

test('the stand-in fails as tfjs-node 4.22 does on Node >= 23 when loaded as it is', async () => {
  assert.deepEqual(await start('unpatched'), { hadIsNullOrUndefined: false, error: 'util.isNullOrUndefined is not a function' });
});

test('tfjs-node on a Node without util.isNullOrUndefined: put back before loading, the backend starts and passes the probe', async () => {
  const started = await start('tensorflow');
  assert.equal(started.hadIsNullOrUndefined, false, 'the child runs with util as Node >= 23 has it');
  assert.equal(started.error, undefined);
  assert.deepEqual(started.info, { name: 'tensorflow', package: '@tensorflow/tfjs-node' });
  assert.equal(started.active, 'tensorflow');
});

test('auto: a tfjs-node whose first op fails is skipped with a notice, and WASM trains instead', async () => {
  const started = await start('auto', true);
  assert.equal(started.info?.name, 'wasm');
  assert.equal(started.active, 'wasm');
  assert.deepEqual(started.notices, [
    'backend auto: @tensorflow/tfjs-node: loaded, but its first operation failed: util.isNullOrUndefined is not a function; falling back to WASM',
  ]);
});

test('an explicit tensorflow backend whose first op fails is one line naming the backend and the fix', async () => {
  const started = await start('tensorflow', true);
  assert.equal(
    started.error,
    'backend "tensorflow" is not available (@tensorflow/tfjs-node: loaded, but its first operation failed: util.isNullOrUndefined is not a function); use backend: auto (it falls back to WASM) or fix the native install',
  );
});

test('the polyfill keeps a Node that still has util.isNullOrUndefined as it is, and defines it as Node did', async () => {
  const target = util as unknown as Record<string, unknown>;
  const own = target.isNullOrUndefined;
  try {
    if (typeof own === 'function') {
      polyfillRemovedUtil();
      assert.equal(target.isNullOrUndefined, own, 'Node 22 keeps its own');
    }
    delete target.isNullOrUndefined;
    polyfillRemovedUtil();
    const isNullOrUndefined = target.isNullOrUndefined as (value: unknown) => boolean;
    assert.deepEqual([null, undefined, 0, '', false, {}].map(isNullOrUndefined), [true, true, false, false, false, false]);
  } finally {
    if (own === undefined) delete target.isNullOrUndefined;
    else target.isNullOrUndefined = own;
  }
});

test('the probe passes on a working backend', async () => {
  await tf.setBackend('cpu');
  assert.equal(await probeBackend(), undefined);
});
