// Loads the WebAssembly training kernels of simd/training.wat over a memory
// that the training threads share: each thread instantiates the module on
// the same memory, so a kernel called in one thread updates what the other
// reads, without a copy.
import * as tf from '@tensorflow/tfjs-core';
import { convBlockGradients, heapValues } from './conv-block.js';
import { KERNELS_WASM_BASE64 } from './simd/training.wasm.js';
const PAGE_BYTES = 65_536;
let compiled;
/** A memory of at least `bytes`, shareable between threads (its buffer is a SharedArrayBuffer). It never grows, so views stay valid. */
export function createSharedMemory(bytes) {
    const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
}
export function instantiateTrainingKernels(memory) {
    compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
    const instance = new WebAssembly.Instance(compiled, { env: { memory } });
    return instance.exports;
}
/** Float32 counts of the arrays that conv_block_gradient reads and writes, in their order in the scratch space. */
function convBlockArrays(shape) {
    const { batch, height, width, channels, filters, kernel, pool } = shape;
    const convHeight = height - kernel + 1;
    const convWidth = width - kernel + 1;
    const pooled = batch * (Math.floor((convHeight - pool) / pool) + 1) * (Math.floor((convWidth - pool) / pool) + 1) * filters;
    return [batch * height * width * channels, batch * convHeight * convWidth * filters, pooled, pooled, kernel * kernel * channels * filters, filters];
}
const align16 = (bytes) => Math.ceil(bytes / 16) * 16;
/** Bytes of scratch space that conv_block_gradient needs for `shape`, or 0 where it does not apply (the JavaScript version serves). */
export function convBlockScratchBytes(shape) {
    // Four filters share a SIMD lane group; other counts keep the JavaScript version.
    if (shape.filters % 4 !== 0)
        return 0;
    return convBlockArrays(shape).reduce((sum, count) => sum + align16(count * 4), 0);
}
/**
 * convBlockGradients computed by the WebAssembly kernel where it applies and
 * the scratch space (`bytes` at byte `offset` of the kernels' memory) is
 * large enough; by the JavaScript version otherwise.
 */
export function convBlockGradientsInWasm(kernels, memory, offset, bytes) {
    return (input, activation, pooled, upstream, shape) => {
        const needed = convBlockScratchBytes(shape);
        if (needed === 0 || needed > bytes)
            return convBlockGradients(input, activation, pooled, upstream, shape);
        const counts = convBlockArrays(shape);
        const addresses = [];
        let at = offset;
        for (const count of counts) {
            addresses.push(at);
            at += align16(count * 4);
        }
        [input, activation, pooled, upstream].forEach((values, index) => new Float32Array(memory.buffer, addresses[index], counts[index]).set(values));
        kernels.conv_block_gradient(addresses[0], addresses[1], addresses[2], addresses[3], addresses[4], addresses[5], shape.batch, shape.height, shape.width, shape.filters, shape.pool, shape.kernel, shape.channels);
        return {
            kernel: new Float32Array(memory.buffer, addresses[4], counts[4]).slice(),
            bias: new Float32Array(memory.buffer, addresses[5], counts[5]).slice(),
        };
    };
}
/** Bytes of scratch space that denseReluInWasm needs for `rows` rows, or 0 where it does not apply. */
export function denseScratchBytes(rows, inputs, units) {
    if (units % 16 !== 0)
        return 0;
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
export function denseReluInWasm(kernels, memory, offset, bytes, buffers) {
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
        const view = (at, count) => new Float32Array(memory.buffer, at, count);
        const op = tf.customGrad(((input) => {
            view(inputAt, rows * inputs).set(heapValues(input));
            kernels.dense_relu_forward(inputAt, buffers.weights, buffers.bias, outputAt, rows, inputs, units);
            return {
                value: tf.tensor2d(view(outputAt, rows * units).slice(), [rows, units]),
                gradFunc: (upstream) => {
                    view(upstreamAt, rows * units).set(heapValues(upstream));
                    kernels.dense_relu_backward(inputAt, buffers.weights, outputAt, upstreamAt, buffers.weightGradient, buffers.biasGradient, inputGradientAt, rows, inputs, units);
                    return tf.tensor2d(view(inputGradientAt, rows * inputs).slice(), [rows, inputs]);
                },
            };
        }));
        return op(x);
    };
}
