// The project's WebAssembly SIMD module (simd/training.wat: Adam, the conv
// block's gradients, the hidden dense layers), loaded over a memory that the
// training threads share: each thread instantiates it on the same memory, so
// a function called in one thread updates what the other reads, without a
// copy. Not to be confused with tfjs's kernels (tfjs-overrides.ts) nor with a
// convolution's kernel (its filter size).

import * as tf from '@tensorflow/tfjs-core';
import { convBlockGradients, heapValues, type ConvBlockGradients, type ConvBlockShape, type DenseLayer } from '../../conv-block.js';
import { KERNELS_WASM_BASE64 } from './simd/training.wasm.js';

const PAGE_BYTES = 65_536;

export interface SimdModule {
  /** See `adam` in training.wat; pointers are byte offsets into the shared memory, count a multiple of 4. */
  adam(
    weights: number,
    gradient0: number,
    gradient1: number,
    firstMoment: number,
    secondMoment: number,
    count: number,
    stepSize: number,
    inverseCorrection: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): void;
  /** See `conv_block_gradient` in training.wat. */
  conv_block_gradient(
    input: number,
    activation: number,
    pooled: number,
    upstream: number,
    kernelGradient: number,
    biasGradient: number,
    batch: number,
    height: number,
    width: number,
    filters: number,
    pool: number,
    kernel: number,
    channels: number,
  ): void;
  /** See `conv_block_gradients_by_channel` in training.wat. */
  conv_block_gradients_by_channel(
    input: number,
    activation: number,
    pooled: number,
    upstream: number,
    filtersByOutput: number,
    filterGradient: number,
    biasGradient: number,
    inputGradient: number,
    withInputGradient: number,
    batch: number,
    height: number,
    width: number,
    filters: number,
    pool: number,
    kernel: number,
    channels: number,
  ): void;
  /** See `dense_relu_forward` in training.wat. */
  dense_relu_forward(x: number, weights: number, bias: number, out: number, rows: number, inputs: number, units: number): void;
  /** See `dense_relu_backward` in training.wat. */
  dense_relu_backward(
    x: number,
    weights: number,
    out: number,
    upstream: number,
    weightGradient: number,
    biasGradient: number,
    inputGradient: number,
    rows: number,
    inputs: number,
    units: number,
  ): void;
}

let compiled: WebAssembly.Module | undefined;

/** A memory of at least `bytes`, shareable between threads (its buffer is a SharedArrayBuffer). It never grows, so views stay valid. */
export function createSharedMemory(bytes: number): WebAssembly.Memory {
  const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
}

export function instantiateSimdModule(memory: WebAssembly.Memory): SimdModule {
  compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  return instance.exports as unknown as SimdModule;
}

/**
 * Float32 counts of the arrays that the block's kernels read and write, in
 * their order in the scratch space (input, activation, pooled, upstream,
 * filter gradient, bias gradient); with `withInputGradient`, then the filter
 * by output and the input's gradient.
 */
function convBlockArrays(shape: ConvBlockShape, withInputGradient: boolean): number[] {
  const { batch, height, width, channels, filters, kernel, pool } = shape;
  const convHeight = height - kernel + 1;
  const convWidth = width - kernel + 1;
  const pooled = batch * (Math.floor((convHeight - pool) / pool) + 1) * (Math.floor((convWidth - pool) / pool) + 1) * filters;
  const filterCount = kernel * kernel * channels * filters;
  const arrays = [batch * height * width * channels, batch * convHeight * convWidth * filters, pooled, pooled, filterCount, filters];
  return withInputGradient ? [...arrays, filterCount, batch * height * width * channels] : arrays;
}

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Whether conv_block_gradients_by_channel serves the shape (it moves four channels at a time): then it also gives the input's gradient. */
function byChannel(shape: ConvBlockShape): boolean {
  return shape.channels % 4 === 0;
}

/**
 * Bytes of scratch space that the block's kernels need for `shape` (with the
 * input's gradient where asked and served), or 0 where they do not apply
 * (the JavaScript version serves).
 */
export function convBlockScratchBytes(shape: ConvBlockShape, withInputGradient = false): number {
  // conv_block_gradient puts four filters in a SIMD lane group; conv_block_gradients_by_channel four channels.
  if (shape.filters % 4 !== 0 && !byChannel(shape)) return 0;
  return convBlockArrays(shape, withInputGradient && byChannel(shape)).reduce((sum, count) => sum + align16(count * 4), 0);
}

/** [a, b] → [b, a] of a row-major matrix with `rows` rows. */
function transposed(values: Float32Array, rows: number, columns: number, into: Float32Array = new Float32Array(values.length)): Float32Array {
  for (let row = 0; row < rows; row++) for (let column = 0; column < columns; column++) into[column * rows + row] = values[row * columns + column];
  return into;
}

/**
 * convBlockGradients computed by the WebAssembly kernels where they apply and
 * the scratch space (`bytes` at byte `offset` of the kernels' memory) is
 * large enough; by the JavaScript version otherwise. Channels in fours
 * (a block after other layers) take conv_block_gradients_by_channel, which
 * given the filter ([kernel, kernel, channels, filters]) also returns the
 * input's gradient; one-channel images take conv_block_gradient (four filters
 * at a time). Without `input` in the result, the caller computes it.
 */
export function convBlockGradientsInWasm(kernels: SimdModule, memory: WebAssembly.Memory, offset: number, bytes: number): ConvBlockGradients {
  return (input, activation, pooled, upstream, shape, filter) => {
    const needed = convBlockScratchBytes(shape);
    if (needed === 0 || needed > bytes) return convBlockGradients(input, activation, pooled, upstream, shape);
    const channelWise = byChannel(shape);
    const withInput = channelWise && filter !== undefined && convBlockScratchBytes(shape, true) <= bytes;
    const counts = convBlockArrays(shape, withInput);
    const addresses: number[] = [];
    let at = offset;
    for (const count of counts) {
      addresses.push(at);
      at += align16(count * 4);
    }
    const view = (index: number) => new Float32Array(memory.buffer, addresses[index], counts[index]);
    [input, activation, pooled, upstream].forEach((values, index) => view(index).set(values));
    const { batch, height, width, filters, pool, kernel, channels } = shape;
    const taps = kernel * kernel * channels;
    if (!channelWise) {
      kernels.conv_block_gradient(
        addresses[0], addresses[1], addresses[2], addresses[3], addresses[4], addresses[5], batch, height, width, filters, pool, kernel, channels,
      );
      return { kernel: view(4).slice(), bias: view(5).slice() };
    }
    // Filters by output ([filters, kernel, kernel, channels]): a patch row's taps side by side.
    if (withInput) transposed(filter, taps, filters, view(6));
    kernels.conv_block_gradients_by_channel(
      addresses[0], addresses[1], addresses[2], addresses[3], withInput ? addresses[6] : 0, addresses[4], addresses[5], withInput ? addresses[7] : 0, withInput ? 1 : 0,
      batch, height, width, filters, pool, kernel, channels,
    );
    return {
      kernel: transposed(view(4), filters, taps),
      bias: view(5).slice(),
      ...(withInput ? { input: view(7).slice() } : {}),
    };
  };
}

/** Where a dense layer's weights and their gradient lie in the kernels' memory (byte offsets) and its size. */
export interface DenseBuffers {
  weights: number;
  bias: number;
  weightGradient: number;
  biasGradient: number;
  inputs: number;
  units: number;
}

/** Bytes of scratch space that denseReluInWasm needs for `rows` rows, or 0 where it does not apply. */
export function denseScratchBytes(rows: number, inputs: number, units: number): number {
  if (units % 16 !== 0) return 0;
  return 2 * align16(rows * inputs * 4) + 2 * align16(rows * units * 4);
}

/**
 * relu(x · weights + bias) for the hidden dense layer, with its weights read
 * from the kernels' memory and its weight and bias gradients written there
 * (where Adam reads them) instead of passing through tfjs: only x's gradient
 * goes back to the tape. The forward pass leaves x and its output in the
 * scratch space for the backward pass, so each backward pass must follow its
 * own forward pass, as in one training step.
 */
export function denseReluInWasm(
  kernels: SimdModule,
  memory: WebAssembly.Memory,
  offset: number,
  bytes: number,
  buffers: DenseBuffers,
): DenseLayer {
  const { inputs, units } = buffers;
  return (x) => {
    const rows = x.shape[0];
    if (denseScratchBytes(rows, inputs, units) > bytes || x.shape[1] !== inputs) {
      throw new Error(`denseReluInWasm: ${rows}×${x.shape[1]} input does not fit its ${bytes}-byte scratch space for ${inputs} inputs`);
    }
    const inputAt = offset;
    const outputAt = inputAt + align16(rows * inputs * 4);
    const upstreamAt = outputAt + align16(rows * units * 4);
    const inputGradientAt = upstreamAt + align16(rows * units * 4);
    const view = (at: number, count: number) => new Float32Array(memory.buffer, at, count);
    const op = tf.customGrad(((input: tf.Tensor) => {
      view(inputAt, rows * inputs).set(heapValues(input));
      kernels.dense_relu_forward(inputAt, buffers.weights, buffers.bias, outputAt, rows, inputs, units);
      return {
        value: tf.tensor2d(view(outputAt, rows * units).slice(), [rows, units]),
        gradFunc: (upstream: tf.Tensor) => {
          view(upstreamAt, rows * units).set(heapValues(upstream));
          kernels.dense_relu_backward(
            inputAt, buffers.weights, outputAt, upstreamAt,
            buffers.weightGradient, buffers.biasGradient, inputGradientAt,
            rows, inputs, units,
          );
          return tf.tensor2d(view(inputGradientAt, rows * inputs).slice(), [rows, inputs]);
        },
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0]);
    return op(x) as tf.Tensor2D;
  };
}
