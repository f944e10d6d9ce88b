// Seconds per training batch of the project's model (Conv2D 3×3 relu →
// MaxPool 3×3/3 → Flatten → Dense relu → Dense logits, Adam, softmax
// cross-entropy, batch 32, 32×32×1) on the WASM or CPU backend, with and
// without the training kernels of src/model/kernels.ts, and where the kernel
// time goes (forward, backward, optimizer), by kernel.
//
//   node --import tsx scripts/kernel-bench.ts [--backend wasm|cpu] [--stock]
//        [--batches N] [--channels 1|3] [--configs 32x64,64x128]
//
// --stock measures the stock kernels (on wasm, which has no
// Conv2DBackpropFilter, the JavaScript loop conv2dFilterGradient of
// src/model/kernels.ts stands in for it). Kernel times come from timing
// wrappers around every kernel of the backend (a kernel's phase: forward while
// the gradient tape records, optimizer inside applyGradients, else backward).

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { conv2dFilterGradient, registerTfjsOverrides } from '../src/model/backends/wasm/tfjs-overrides.js';
import { createModel } from '../src/model/build.js';

const { values: options } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    stock: { type: 'boolean', default: false },
    batches: { type: 'string', default: '40' },
    channels: { type: 'string', default: '1' },
    configs: { type: 'string', default: '32x64,64x128' },
  },
});

const backendName = options.backend!;
const batches = Number(options.batches);
const channels = Number(options.channels);
await tf.setBackend(backendName);
await tf.ready();

if (options.stock) {
  if (backendName === 'wasm') registerPlainFilterGradient();
} else {
  registerTfjsOverrides(backendName);
}

type Phase = 'forward' | 'backward' | 'optimizer';
let phase: Phase = 'forward';
const kernelMs = new Map<string, number>();
let timing = false;

/** Wraps every kernel of the backend to time it and note its phase. */
function timeKernels(): void {
  for (const config of tf.getKernelsForBackend(backendName)) {
    const inner = config.kernelFunc;
    const kernelFunc: tf.KernelFunc = (args) => {
      if (!timing) return inner(args);
      const start = performance.now();
      const out = inner(args);
      const p: Phase = phase === 'optimizer' ? 'optimizer'
        : tf.engine().state.gradientDepth > 0 ? 'forward' : 'backward';
      const key = `${p} ${config.kernelName}`;
      kernelMs.set(key, (kernelMs.get(key) ?? 0) + performance.now() - start);
      return out;
    };
    tf.unregisterKernel(config.kernelName, backendName);
    tf.registerKernel({ ...config, kernelFunc });
  }
}

/** Stand-in for the missing stock wasm Conv2DBackpropFilter (plain loop over the heap). */
function registerPlainFilterGradient(): void {
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const a = attrs as unknown as { strides: number; pad: 'valid'; filterShape: [number, number, number, number] };
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad);
      const b = backend as unknown as {
        makeOutput(s: number[], d: string): tf.TensorInfo; typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
      };
      const out = b.makeOutput(a.filterShape, 'float32');
      conv2dFilterGradient(b.typedArrayFromHeap(x), b.typedArrayFromHeap(dy), {
        batch: info.batchSize, inHeight: info.inHeight, inWidth: info.inWidth, inChannels: info.inChannels,
        outHeight: info.outHeight, outWidth: info.outWidth, filterHeight: info.filterHeight,
        filterWidth: info.filterWidth, strideHeight: info.strideHeight, strideWidth: info.strideWidth,
        padTop: info.padInfo.top, padLeft: info.padInfo.left,
      }, info.outChannels, b.typedArrayFromHeap(out));
      return out;
    },
  });
}

timeKernels();
const xs = tf.randomNormal([32, 32, 32, channels], 0, 1, 'float32', 1);
const ys = tf.oneHot(tf.randomUniform([32], 0, 11, 'int32', 2), 11);
console.log(`backend ${backendName}${options.stock ? ' (stock kernels)' : ' (training kernels)'}`
  + `, threads ${backendName === 'wasm' ? wasm.getThreadsCount() : '-'}, input 32x32x${channels}, batch 32`);

for (const config of options.configs!.split(',')) {
  const [conv, dense] = config.split('x').map(Number);
  const model = createModel({ inputShape: [32, 32, channels], classes: 11, convSize: conv, denseSize: dense, seed: 1 });
  const optimizer = tf.train.adam(1e-3);
  model.compile({ optimizer, loss: tf.losses.softmaxCrossEntropy });
  for (let i = 0; i < 5; i++) await model.trainOnBatch(xs, ys);

  let start = performance.now();
  for (let i = 0; i < batches; i++) await model.trainOnBatch(xs, ys);
  const perBatch = (performance.now() - start) / batches;

  // The same step by hand, to split the kernel time by phase.
  kernelMs.clear();
  timing = true;
  start = performance.now();
  for (let i = 0; i < batches; i++) {
    phase = 'forward';
    const { value, grads } = tf.variableGrads(() => tf.tidy(() =>
      tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor)) as tf.Scalar);
    phase = 'optimizer';
    optimizer.applyGradients(grads as tf.NamedTensorMap as never);
    await value.data();
    value.dispose();
    tf.dispose(grads);
  }
  const manual = (performance.now() - start) / batches;
  timing = false;

  const byPhase = new Map<Phase, number>();
  for (const [key, ms] of kernelMs) {
    const p = key.split(' ')[0] as Phase;
    byPhase.set(p, (byPhase.get(p) ?? 0) + ms / batches);
  }
  const top = [...kernelMs].sort((a, b) => b[1] - a[1]).slice(0, 12)
    .map(([key, ms]) => `${key} ${(ms / batches).toFixed(2)}`);
  console.log(`conv ${conv} dense ${dense}: ${perBatch.toFixed(1)} ms/batch (trainOnBatch), `
    + `${(perBatch * 40 / 1000).toFixed(2)} s per 40-batch epoch; manual step ${manual.toFixed(1)} ms; kernel ms/batch: `
    + ['forward', 'backward', 'optimizer'].map((p) => `${p} ${(byPhase.get(p as Phase) ?? 0).toFixed(1)}`).join(', '));
  console.log(`  top kernels (ms/batch): ${top.join('; ')}`);
  model.dispose();
  optimizer.dispose();
}
