// The webgpu backend on a real adapter: Mesa's lavapipe (Vulkan on the CPU)
// where no GPU exists, as in CI. lavapipe is slow, so the models are tiny.
// Without an adapter these tests skip, unless TRAIN_AND_REPORT_REQUIRE_WEBGPU=1
// (.ci/run sets it after installing lavapipe): then they fail.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../../src/model/backend.js';
import { chooseAdapter, vulkanDriverFiles } from '../../src/model/backends/webgpu.js';
import { createModel } from '../../src/model/build.js';
import { describePlan, planTraining } from '../../src/model/step.js';
import { trainModel } from '../../src/model/train.js';
import type { AdapterInfo } from '../../src/record.js';
import { syntheticImages } from '../helpers/tensors.js';

const REQUIRE = process.env.TRAIN_AND_REPORT_REQUIRE_WEBGPU === '1';
const startScript = fileURLToPath(new URL('../fixtures/tfjs-node-standin/start.ts', import.meta.url));

interface Started {
  info?: { name: string; adapter?: AdapterInfo };
  skipped?: string[];
  log?: string[];
  notices?: string[];
  error?: string;
  stderr: string;
}

async function startInChild(choice: string, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', startScript, choice], { env: { ...process.env, ...env } });
  return { ...(JSON.parse(stdout.trim().split('\n').pop()!) as Omit<Started, 'stderr'>), stderr };
}

/** Whether this machine has a WebGPU adapter: asked once, in a child (tfjs's backend registry is global). */
const adapterCheck = startInChild('webgpu').then((started) => {
  if (started.info) return undefined;
  const reason = `no WebGPU adapter here (${started.error})`;
  if (REQUIRE) throw new Error(`TRAIN_AND_REPORT_REQUIRE_WEBGPU=1 but ${reason}; install Mesa's Vulkan driver (mesa-vulkan-drivers from bookworm-backports)`);
  return reason;
});

const hardware: AdapterInfo = { vendor: 'nvidia', architecture: 'ampere', device: 'A10G', driver: 'NVIDIA 550.54', fallback: false };
const software: AdapterInfo = { vendor: 'mesa', architecture: 'software', device: 'llvmpipe', driver: 'Mesa 25.0.7', fallback: true };

test('adapter choice: a hardware adapter always; a software one only when webgpu is named, never under auto', () => {
  assert.equal(chooseAdapter([{ info: software }, { info: hardware }], 'auto').taken?.info, hardware);
  assert.equal(chooseAdapter([{ info: software }, { info: hardware }], 'chosen').taken?.info, hardware);
  const auto = chooseAdapter([{ info: software }], 'auto');
  assert.equal(auto.taken, undefined);
  assert.match(auto.why, /only software adapters, which auto never takes/);
  assert.equal(chooseAdapter([{ info: software }], 'chosen').taken?.info, software);
  assert.match(chooseAdapter([], 'chosen').why, /^no adapter/);
});

test("Linux: the Vulkan drivers are the ICD files where the loader looks; none means Dawn is not loaded", { skip: process.platform !== 'linux' }, async () => {
  const folder = await mkdtemp(join(tmpdir(), 'icd-'));
  assert.deepEqual(vulkanDriverFiles({ VK_DRIVER_FILES: folder }), []);
  await writeFile(join(folder, 'lvp_icd.x86_64.json'), '{}');
  await writeFile(join(folder, 'README'), '');
  assert.deepEqual(vulkanDriverFiles({ VK_DRIVER_FILES: folder }), [join(folder, 'lvp_icd.x86_64.json')]);
  assert.deepEqual(vulkanDriverFiles({ VK_ICD_FILENAMES: `/nonexistent/icd.json:${join(folder, 'lvp_icd.x86_64.json')}` }), [join(folder, 'lvp_icd.x86_64.json')]);
  // The standard folders: XDG_DATA_DIRS/vulkan/icd.d among them.
  const data = await mkdtemp(join(tmpdir(), 'data-'));
  assert.deepEqual(vulkanDriverFiles({ XDG_DATA_DIRS: data, XDG_CONFIG_DIRS: data, XDG_CONFIG_HOME: data, XDG_DATA_HOME: data })!.filter((file) => file.startsWith(data)), []);
});

test('no Vulkan driver: backend webgpu is one line naming what was found and where the fix is', async () => {
  // The Vulkan loader reads its drivers from this list: a missing file means none, as on a runner without a GPU driver.
  const started = await startInChild('webgpu', { VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '/nonexistent/icd.json' });
  assert.equal(
    started.error,
    'backend "webgpu" is not available (webgpu: adapters found: none; not taken: no adapter: no GPU driver with Vulkan (Linux), Metal (macOS) or Direct3D 12 (Windows) was found); see docs/gpu-runners.md for what the runner needs',
  );
});

test('auto on a machine whose only adapter is software (lavapipe) keeps WASM and says why', async (t) => {
  const skip = await adapterCheck;
  if (skip) return t.skip(skip);
  const started = await startInChild('auto');
  assert.equal(started.info?.name, 'wasm');
  const line = started.skipped?.find((reason) => reason.startsWith('webgpu: '));
  assert.match(line ?? '', /^webgpu: adapters found: .*\[software\]; not taken: only software adapters, which auto never takes/);
  assert.deepEqual(started.notices, [], 'a software adapter is the ordinary case: no warning');
  assert.equal(started.stderr, '', "Dawn's and the driver's warnings stay in the child that lists the adapters");
});

test('backend webgpu on a software adapter: the record names the adapter, and a notice says it is slow', async (t) => {
  const skip = await adapterCheck;
  if (skip) return t.skip(skip);
  const started = await startBackend('webgpu');
  assert.equal(tf.getBackend(), 'webgpu');
  assert.equal(started.info.name, 'webgpu');
  const adapter = started.info.adapter!;
  assert.ok(adapter.vendor && adapter.device && adapter.driver, JSON.stringify(adapter));
  if (adapter.fallback) assert.match(started.notices.join('\n'), /software adapter: training runs on the CPU, much slower than WASM/);
  assert.match(started.log.join('\n'), /^webgpu adapters found: .*; took /);
});

test('training on webgpu: the plain tfjs path, learning, and bit-identical on a rerun with the same seed', async (t) => {
  const skip = await adapterCheck;
  if (skip) return t.skip(skip);
  await startBackend('webgpu');
  const source = syntheticImages(12, 5);
  const indices = Array.from({ length: 36 }, (_, index) => index);
  const spec = { inputShape: [12, 12, 1] as [number, number, number], classes: 3, convSize: 4, denseSize: 8, seed: 3 };
  const train = async () => {
    const model = createModel(spec);
    try {
      const plan = planTraining(model, spec);
      assert.ok(plan.every((step) => step.engine === 'tfjs'), describePlan(plan).summary);
      const history = await trainModel(model, spec, source, {
        train: indices.filter((index) => index % 4 !== 0),
        validation: indices.filter((index) => index % 4 === 0),
        classes: 3,
        epochs: 2,
        batchSize: 9,
        learningRate: 0.01,
        seed: 3,
      });
      return history.map(({ seconds: _seconds, ...rest }) => rest);
    } finally {
      model.dispose();
    }
  };
  const first = await train();
  assert.equal(first.length, 2);
  for (const epoch of first) for (const value of Object.values(epoch)) assert.ok(Number.isFinite(value));
  assert.ok(first[1].loss < first[0].loss, `loss ${first[0].loss} → ${first[1].loss}`);
  assert.deepEqual(await train(), first);
});
