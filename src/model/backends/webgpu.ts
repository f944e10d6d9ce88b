// tfjs's WebGPU backend on Dawn's Node bindings (npm `webgpu`, prebuilt for
// Linux, macOS and Windows, nothing downloaded): any GPU through its own
// Vulkan, Metal or Direct3D driver, no CUDA toolkit. Without a GPU, Mesa's
// lavapipe (Vulkan on the CPU) gives a software adapter: an explicit
// `webgpu` takes it with a notice that it is slow; `auto` never does, so one
// runner always makes the same choice (a software adapter is slower than
// WASM, and its float order differs).
//
// Reads are asynchronous: tfjs's synchronous read needs OffscreenCanvas,
// which Node lacks, so the table's row says hostKernels: false and training
// runs the plain tfjs path of the one loop.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { AdapterInfo } from '../../record.js';
import { describeAdapter } from '../backend-choice.js';
import { probeBackend, tryImport } from '../backend.js';
import { commonJsExports } from '../../commonjs.js';
import type { BackendModule, NotStarted, StartedBackend, StartMode } from './types.js';

// The few WebGPU shapes used here, written out rather than taken from a
// transitive package's global types.
interface GpuAdapter {
  info: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  features: { has(name: string): boolean };
  limits: Record<string, number>;
  requestDevice(descriptor: { requiredFeatures: string[]; requiredLimits: Record<string, number> }): Promise<unknown>;
}

interface Gpu {
  requestAdapter(options: { powerPreference?: string; forceFallbackAdapter?: boolean }): Promise<GpuAdapter | null>;
}

interface DawnModule {
  create(options: string[]): Gpu;
  globals: object;
}

interface FoundAdapter {
  adapter: GpuAdapter;
  info: AdapterInfo;
}

function adapterInfo(adapter: Pick<GpuAdapter, 'info' | 'isFallbackAdapter'>): AdapterInfo {
  const { info } = adapter;
  const legacy = adapter.isFallbackAdapter;
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    driver: info.description ?? '',
    fallback: info.isFallbackAdapter === true || legacy === true,
  };
}

/**
 * Every adapter Dawn offers: the high-performance and low-power ones and the
 * fallback, each once. WebGPU hands out one adapter per request, so these
 * three requests are how to see them all.
 */
const ADAPTER_REQUESTS = [{ powerPreference: 'high-performance' }, { powerPreference: 'low-power' }, { forceFallbackAdapter: true }];

async function findAdapters(gpu: Gpu): Promise<FoundAdapter[]> {
  const found: FoundAdapter[] = [];
  for (const options of ADAPTER_REQUESTS) {
    const adapter = await gpu.requestAdapter(options);
    if (!adapter) continue;
    const info = adapterInfo(adapter);
    if (!found.some((other) => JSON.stringify(other.info) === JSON.stringify(info))) found.push({ adapter, info });
  }
  return found;
}

// Prints what each request answers, as JSON: run in a child process (below).
const LIST_ADAPTERS = `
const [dawnUrl, requests] = process.argv.slice(1);
const { create } = await import(dawnUrl);
const gpu = create([]);
const answers = [];
for (const options of JSON.parse(requests)) {
  const adapter = await gpu.requestAdapter(options);
  if (adapter) answers.push({ info: { ...Object.fromEntries(['vendor', 'architecture', 'device', 'description', 'isFallbackAdapter'].map((key) => [key, adapter.info[key]])) }, isFallbackAdapter: adapter.isFallbackAdapter });
}
console.log(JSON.stringify(answers));
process.exit(0);
`;

/**
 * The adapters' descriptions, asked in a child process: Dawn and the Vulkan
 * drivers print warnings on stderr when adapters are created, which auto's
 * runs on a machine with only a software adapter should not show (an error's
 * one line stays one line). The child's stderr is dropped.
 */
async function peekAdapters(): Promise<AdapterInfo[] | string> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', LIST_ADAPTERS, import.meta.resolve('webgpu'), JSON.stringify(ADAPTER_REQUESTS)], { timeout: 60_000 });
    const infos = (JSON.parse(stdout.trim().split('\n').pop()!) as Pick<GpuAdapter, 'info' | 'isFallbackAdapter'>[]).map(adapterInfo);
    return infos.filter((info, index) => infos.findIndex((other) => JSON.stringify(other) === JSON.stringify(info)) === index);
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

/** The adapter a mode takes: the first hardware one; a software one only when webgpu was chosen by name. */
export function chooseAdapter<T extends { info: AdapterInfo }>(found: readonly T[], mode: StartMode): { taken?: T; why: string } {
  const hardware = found.find((candidate) => !candidate.info.fallback);
  if (hardware) return { taken: hardware, why: 'the first hardware adapter (high-performance preferred)' };
  if (found.length === 0) return { why: 'no adapter: no GPU driver with Vulkan (Linux), Metal (macOS) or Direct3D 12 (Windows) was found' };
  if (mode === 'auto') return { why: 'only software adapters, which auto never takes (slower than WASM; name backend: webgpu to use one)' };
  return { taken: found[0], why: 'no hardware adapter; a software one, because backend webgpu was chosen by name' };
}

/**
 * Whether Linux's Vulkan loader would find a driver: an ICD file where the
 * loader looks (VK_DRIVER_FILES or VK_ICD_FILENAMES when set, else the
 * standard folders). Without one, Dawn is not loaded at all: it would print
 * the loader's warnings on every run of a runner without a GPU. Other
 * systems (Metal, Direct3D) are asked through Dawn.
 */
export function vulkanDriverFiles(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (process.platform !== 'linux') return undefined;
  const listed = env.VK_DRIVER_FILES || env.VK_ICD_FILENAMES;
  const home = homedir();
  const folders = listed
    ? listed.split(':')
    : [
        ...(env.XDG_CONFIG_HOME ? [env.XDG_CONFIG_HOME] : [join(home, '.config')]),
        ...(env.XDG_CONFIG_DIRS || '/etc/xdg').split(':'),
        '/etc',
        ...(env.XDG_DATA_HOME ? [env.XDG_DATA_HOME] : [join(home, '.local/share')]),
        ...(env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':'),
      ].map((folder) => join(folder, 'vulkan', 'icd.d'));
  const found: string[] = [];
  for (const path of folders.filter(Boolean)) {
    try {
      if (statSync(path).isDirectory()) found.push(...readdirSync(path).filter((name) => name.endsWith('.json')).map((name) => join(path, name)));
      else if (existsSync(path)) found.push(path);
    } catch {
      // Absent: the loader skips it too.
    }
  }
  return found;
}

/** Mesa prints an error per call without a runtime folder; a private one keeps the log clean. */
function ensureRuntimeDir(): void {
  if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'train-and-report-xdg-'));
}

/** Dawn, its adapters and the device once registered with tfjs: found once per process. */
let discovery: { found: FoundAdapter[]; list: string; gpu?: Gpu; globals?: object } | undefined;
let registered: AdapterInfo | undefined;

const listOf = (infos: readonly AdapterInfo[]) => (infos.length > 0 ? infos.map(describeAdapter).join('; ') : 'none');

async function discover(mode: StartMode): Promise<typeof discovery | NotStarted> {
  if (discovery) return discovery;
  if (vulkanDriverFiles()?.length === 0) return { found: [], list: 'none' };
  ensureRuntimeDir();
  if (mode === 'auto') {
    // Dawn is loaded here only when auto will take an adapter: a hardware one.
    const peeked = await peekAdapters();
    if (typeof peeked === 'string') return { reason: `webgpu: listing the adapters failed (${peeked})`, ordinary: false, fix: 'use backend: wasm' };
    if (chooseAdapter(peeked.map((info) => ({ info })), mode).taken === undefined) return { found: peeked.map((info) => ({ info })) as FoundAdapter[], list: listOf(peeked) };
  }
  const dawn = await tryImport('webgpu');
  if (!dawn.ok) return { reason: `webgpu (Dawn's bindings): ${dawn.reason}`, ordinary: dawn.missing, fix: 'reinstall train-and-report (npm ci) or use backend: wasm' };
  const { create, globals } = dawn.module as DawnModule;
  try {
    const gpu = create([]);
    const found = await findAdapters(gpu);
    discovery = { found, list: listOf(found.map((candidate) => candidate.info)), gpu, globals };
    return discovery;
  } catch (error) {
    return { reason: `webgpu: Dawn did not start (${(error as Error).message.split('\n')[0]})`, ordinary: false, fix: 'use backend: wasm' };
  }
}

/** The taken adapter's device as tfjs's `webgpu` backend, once per process. */
async function register(adapter: GpuAdapter, info: AdapterInfo, gpu: Gpu, globals: object): Promise<void> {
  if (registered) return;
  // Loaded before navigator.gpu exists, so that the package does not register its own factory (it would take whichever adapter comes first).
  const { WebGPUBackend } = commonJsExports(await import('@tensorflow/tfjs-backend-webgpu'));
  // The backend looks for navigator.gpu; Node >= 21 has a navigator with getters only, so `gpu` is defined on it.
  Object.assign(globalThis, globals);
  if (!('navigator' in globalThis)) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  Object.defineProperty(globalThis.navigator, 'gpu', { value: gpu, configurable: true });
  // The limits and features tfjs's own factory asks for.
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    requiredLimits: Object.fromEntries(
      ['maxComputeWorkgroupStorageSize', 'maxComputeWorkgroupsPerDimension', 'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupSizeX', 'maxComputeInvocationsPerWorkgroup'].map(
        (name) => [name, limits[name]],
      ),
    ),
  });
  tf.registerBackend('webgpu', () => new WebGPUBackend(device as never, adapter.info as never), 0);
  registered = info;
}

async function startWebgpu(mode: StartMode): Promise<StartedBackend | NotStarted> {
  const found = await discover(mode);
  if (!found || 'reason' in found) return found!;
  const { taken, why } = chooseAdapter(found.found, mode);
  if (!taken) return { reason: `webgpu: adapters found: ${found.list}; not taken: ${why}`, ordinary: true, fix: 'see docs/gpu-runners.md for what the runner needs' };
  try {
    await register(taken.adapter, taken.info, found.gpu!, found.globals!);
    if (!(await tf.setBackend('webgpu'))) return { reason: 'webgpu: the tfjs backend did not start', ordinary: false, fix: 'use backend: wasm' };
    await tf.ready();
  } catch (error) {
    return { reason: `webgpu: ${(error as Error).message.split('\n')[0]}`, ordinary: false, fix: 'use backend: wasm' };
  }
  const failed = await probeBackend();
  if (failed) return { reason: `webgpu: started on ${describeAdapter(taken.info)}, but ${failed}`, ordinary: false, fix: 'use backend: wasm' };
  return {
    info: { name: 'webgpu', package: '@tensorflow/tfjs-backend-webgpu', adapter: taken.info },
    log: [`webgpu adapters found: ${found.list}; took ${describeAdapter(taken.info)}: ${why}`],
    notices: taken.info.fallback ? [`backend webgpu: ${taken.info.device || 'the adapter'} is a software adapter: training runs on the CPU, much slower than WASM`] : [],
  };
}

export const webgpu: BackendModule = { start: startWebgpu };
