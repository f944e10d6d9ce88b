// Loads the WebAssembly training kernels of simd/training.wat over a memory
// that the training threads share: each thread instantiates the module on
// the same memory, so a kernel called in one thread updates what the other
// reads, without a copy.

import * as tf from '@tensorflow/tfjs-core';
import { convBlockGradients, heapValues, type ConvBlockGradients, type ConvBlockShape, type DenseLayer } from './conv-block.js';
import { KERNELS_WASM_BASE64 } from './simd/training.wasm.js';

const PAGE_BYTES = 65_536;

export interface TrainingKernels {
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
  /** See `conv_block_input_gradient` in training.wat. */
  conv_block_input_gradient(
    activation: number,
    pooled: number,
    upstream: number,
    filtersByOutput: number,
    inputGradient: number,
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

export function instantiateTrainingKernels(memory: WebAssembly.Memory): TrainingKernels {
  compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  return instance.exports as unknown as TrainingKernels;
}

/**
 * Float32 counts of the arrays that conv_block_gradient reads and writes, in
 * their order in the scratch space; with `withInputGradient`, then the two of
 * conv_block_input_gradient (the filter by output, the input's gradient).
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

/** Whether conv_block_input_gradient serves the shape: it moves four channels at a time. */
function servesInputGradient(shape: ConvBlockShape): boolean {
  return shape.channels % 4 === 0;
}

/**
 * Bytes of scratch space that the block's kernels need for `shape` (with the
 * input's gradient where asked and served), or 0 where the filter gradient
 * kernel does not apply (the JavaScript version serves).
 */
export function convBlockScratchBytes(shape: ConvBlockShape, withInputGradient = false): number {
  // Four filters share a SIMD lane group; other counts keep the JavaScript version.
  if (shape.filters % 4 !== 0) return 0;
  return convBlockArrays(shape, withInputGradient && servesInputGradient(shape)).reduce((sum, count) => sum + align16(count * 4), 0);
}

/**
 * convBlockGradients computed by the WebAssembly kernels where they apply and
 * the scratch space (`bytes` at byte `offset` of the kernels' memory) is
 * large enough; by the JavaScript version otherwise. Given the filter
 * ([kernel, kernel, channels, filters]), also the input's gradient where the
 * space and the shape allow; without it in the result the caller computes it.
 */
export function convBlockGradientsInWasm(kernels: TrainingKernels, memory: WebAssembly.Memory, offset: number, bytes: number): ConvBlockGradients {
  return (input, activation, pooled, upstream, shape, filter) => {
    const needed = convBlockScratchBytes(shape);
    if (needed === 0 || needed > bytes) return convBlockGradients(input, activation, pooled, upstream, shape);
    const withInput = filter !== undefined && servesInputGradient(shape) && convBlockScratchBytes(shape, true) <= bytes;
    const counts = convBlockArrays(shape, withInput);
    const addresses: number[] = [];
    let at = offset;
    for (const count of counts) {
      addresses.push(at);
      at += align16(count * 4);
    }
    [input, activation, pooled, upstream].forEach((values, index) => new Float32Array(memory.buffer, addresses[index], counts[index]).set(values));
    kernels.conv_block_gradient(
      addresses[0], addresses[1], addresses[2], addresses[3], addresses[4], addresses[5],
      shape.batch, shape.height, shape.width, shape.filters, shape.pool, shape.kernel, shape.channels,
    );
    const result: ReturnType<ConvBlockGradients> = {
      kernel: new Float32Array(memory.buffer, addresses[4], counts[4]).slice(),
      bias: new Float32Array(memory.buffer, addresses[5], counts[5]).slice(),
    };
    if (withInput) {
      // [kernel, kernel, channels, filters] → [filters, kernel, kernel, channels]: a tap's channels side by side.
      const byOutput = new Float32Array(memory.buffer, addresses[6], counts[6]);
      const taps = shape.kernel * shape.kernel * shape.channels;
      for (let tap = 0; tap < taps; tap++) {
        for (let f = 0; f < shape.filters; f++) byOutput[f * taps + tap] = filter[tap * shape.filters + f];
      }
      kernels.conv_block_input_gradient(
        addresses[1], addresses[2], addresses[3], addresses[6], addresses[7],
        shape.batch, shape.height, shape.width, shape.filters, shape.pool, shape.kernel, shape.channels,
      );
      result.input = new Float32Array(memory.buffer, addresses[7], counts[7]).slice();
    }
    return result;
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
  kernels: TrainingKernels,
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
