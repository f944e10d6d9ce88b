// The Conv2D → ReLU → MaxPool block of the training pass (step.ts) as one op whose gradient is computed directly from the pooling
// winners. Max pooling with stride = pool size passes the gradient to one
// input of each window, so the convolution's output gradient is zero in all
// but 1 of pool² places; tfjs's generic path still builds it densely (pool
// gradient, ReLU gradient, bias sum and an im2col filter gradient over the
// full conv output), which was the largest part of a training step on WASM.
// Here the filter and bias gradients are accumulated from the winners only.
//
// The forward values are the same ops as the layers model's, so training
// with this pass and predicting with model.predict() compute one function;
// a test checks the gradients against tfjs's own.

import * as tf from '@tensorflow/tfjs-core';

interface HeapBackend {
  typedArrayFromHeap(info: { shape: number[]; dtype: string; dataId: object }): Float32Array;
}

/** The values of a float32 tensor: a view into the WASM heap where possible (no copy), else a copy. */
export function heapValues(tensor: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as Partial<HeapBackend>;
  if (typeof backend.typedArrayFromHeap === 'function') {
    return backend.typedArrayFromHeap({ shape: tensor.shape, dtype: tensor.dtype, dataId: tensor.dataId });
  }
  return tensor.dataSync() as Float32Array;
}

export interface ConvBlockShape {
  batch: number;
  height: number;
  width: number;
  channels: number;
  filters: number;
  kernel: number;
  pool: number;
}

/**
 * Calls `visit` for every pooled value that passes a gradient back: its
 * winner (the first element of its window equal to the pool's output, in
 * row-major order, as tfjs's MaxPoolGrad picks it) at conv position (y, x)
 * of image b and filter f, and its gradient. ReLU passes none where the
 * window's maximum is not > 0 (tfjs: step(x) with x > 0).
 */
function forEachWinner(
  activation: Float32Array,
  pooled: Float32Array,
  upstream: Float32Array,
  shape: ConvBlockShape,
  visit: (b: number, y: number, x: number, f: number, gradient: number) => void,
): void {
  const { batch, height, width, filters, kernel, pool } = shape;
  const convHeight = height - kernel + 1;
  const convWidth = width - kernel + 1;
  const pooledHeight = Math.floor((convHeight - pool) / pool) + 1;
  const pooledWidth = Math.floor((convWidth - pool) / pool) + 1;
  const activationRow = convWidth * filters;
  for (let b = 0; b < batch; b++) {
    const activationBase = b * convHeight * activationRow;
    for (let qy = 0; qy < pooledHeight; qy++) {
      for (let qx = 0; qx < pooledWidth; qx++) {
        const pooledOffset = ((b * pooledHeight + qy) * pooledWidth + qx) * filters;
        const windowBase = activationBase + (qy * pool * convWidth + qx * pool) * filters;
        for (let f = 0; f < filters; f++) {
          const gradient = upstream[pooledOffset + f];
          const maximum = pooled[pooledOffset + f];
          if (gradient === 0 || !(maximum > 0)) continue;
          search: for (let i = 0; i < pool; i++) {
            const row = windowBase + i * activationRow + f;
            for (let j = 0; j < pool; j++) {
              if (activation[row + j * filters] === maximum) {
                visit(b, qy * pool + i, qx * pool + j, f, gradient);
                break search;
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Filter and bias gradients of relu(conv(x) + bias) followed by a max pool
 * with stride = pool size, 'valid' padding. `activation` is the ReLU output,
 * `pooled` the pool output, `upstream` the gradient of the pool output.
 * Only the winners (see forEachWinner) pass a gradient. Pure: typed arrays
 * in, typed arrays out.
 */
export function convBlockGradients(
  input: Float32Array,
  activation: Float32Array,
  pooled: Float32Array,
  upstream: Float32Array,
  shape: ConvBlockShape,
): { kernel: Float32Array; bias: Float32Array } {
  const { height, width, channels, filters, kernel } = shape;
  const kernelGradient = new Float64Array(kernel * kernel * channels * filters);
  const biasGradient = new Float64Array(filters);
  const inputRow = width * channels;
  const rowTaps = kernel * channels;
  forEachWinner(activation, pooled, upstream, shape, (b, y, x, f, gradient) => {
    biasGradient[f] += gradient;
    const patchOrigin = (b * height + y) * inputRow + x * channels;
    if (kernel === 3 && channels === 1) {
      // The notebook's case (3×3, grayscale), unrolled: the loop below is twice as slow here (one-thread backends use it).
      const [r0, r1, r2] = [patchOrigin, patchOrigin + inputRow, patchOrigin + 2 * inputRow];
      kernelGradient[f] += input[r0] * gradient;
      kernelGradient[f + filters] += input[r0 + 1] * gradient;
      kernelGradient[f + 2 * filters] += input[r0 + 2] * gradient;
      kernelGradient[f + 3 * filters] += input[r1] * gradient;
      kernelGradient[f + 4 * filters] += input[r1 + 1] * gradient;
      kernelGradient[f + 5 * filters] += input[r1 + 2] * gradient;
      kernelGradient[f + 6 * filters] += input[r2] * gradient;
      kernelGradient[f + 7 * filters] += input[r2 + 1] * gradient;
      kernelGradient[f + 8 * filters] += input[r2 + 2] * gradient;
      return;
    }
    let target = f;
    for (let ky = 0; ky < kernel; ky++) {
      const row = patchOrigin + ky * inputRow;
      for (let element = 0; element < rowTaps; element++) {
        kernelGradient[target] += input[row + element] * gradient;
        target += filters;
      }
    }
  });
  return { kernel: Float32Array.from(kernelGradient), bias: Float32Array.from(biasGradient) };
}

/**
 * The gradient of the conv output (before the ReLU) that the pool's winners
 * receive, zero elsewhere: the definition the input's gradient follows when
 * the block is not the first layer.
 */
export function convBlockOutputGradient(activation: Float32Array, pooled: Float32Array, upstream: Float32Array, shape: ConvBlockShape): Float32Array {
  const { batch, height, width, filters, kernel } = shape;
  const [convHeight, convWidth] = [height - kernel + 1, width - kernel + 1];
  const gradient = new Float32Array(batch * convHeight * convWidth * filters);
  forEachWinner(activation, pooled, upstream, shape, (b, y, x, f, value) => {
    gradient[((b * convHeight + y) * convWidth + x) * filters + f] = value;
  });
  return gradient;
}

/**
 * A function that computes what convBlockGradients computes (e.g. in
 * WebAssembly, see simd.ts); given the filter, it may also return the
 * input's gradient (else the caller computes it).
 */
export type ConvBlockGradients = (
  input: Float32Array,
  activation: Float32Array,
  pooled: Float32Array,
  upstream: Float32Array,
  shape: ConvBlockShape,
  filter?: Float32Array,
) => { kernel: Float32Array; bias: Float32Array; input?: Float32Array };

/**
 * relu(conv2d(x, kernel) + bias) → maxPool(pool, stride pool), with the
 * sparse gradient above. `inputGradient`: also the gradient of x (a block
 * after other layers), from the winners' gradient; the first block's input
 * is the images, which need none.
 */
export function convReluPool(
  input: tf.Tensor4D,
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D,
  pool: number,
  blockGradients: ConvBlockGradients = convBlockGradients,
  inputGradient = false,
): tf.Tensor4D {
  const op = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    // The fused kernel directly: tf.fused.conv2d splits off the bias and ReLU while a gradient tape records,
    // and only this op's own gradient is recorded here.
    const activation = tf.engine().runKernel(
      'FusedConv2D',
      { x, filter: w, bias: b },
      { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1, activation: 'relu' },
    ) as tf.Tensor4D;
    const pooled = tf.maxPool(activation, pool, pool, 'valid');
    save([x, activation, pooled]);
    return {
      value: pooled,
      gradFunc: (upstream: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedInput, savedActivation, savedPooled] = saved;
        const [batch, height, width, channels] = savedInput.shape;
        const [size, , , filters] = w.shape;
        const shape = { batch, height, width, channels, filters, kernel: size, pool };
        // Views into the WASM heap stay valid only until the next allocation: read everything first.
        const gradients = blockGradients(
          heapValues(savedInput), heapValues(savedActivation), heapValues(savedPooled), heapValues(upstream), shape, inputGradient ? heapValues(w) : undefined,
        );
        const kernelGradient = tf.tensor4d(gradients.kernel, w.shape as [number, number, number, number]);
        const biasGradient = tf.tensor1d(gradients.bias);
        if (!inputGradient) return [tf.zerosLike(savedInput), kernelGradient, biasGradient];
        if (gradients.input) return [tf.tensor4d(gradients.input, savedInput.shape as [number, number, number, number]), kernelGradient, biasGradient];
        const outputGradient = convBlockOutputGradient(heapValues(savedActivation), heapValues(savedPooled), heapValues(upstream), shape);
        // The input's gradient as a forward convolution (the winners' gradient, padded by size - 1, with the
        // filter flipped and its channels swapped): tfjs-wasm's Conv2DBackpropInput is a plain loop, 15-20x
        // slower than its Conv2D here, and was most of a two-block model's step.
        const dx = tf.tidy(() => {
          const dy = tf.tensor4d(outputGradient, savedActivation.shape as [number, number, number, number]);
          const padded = tf.pad(dy, [[0, 0], [size - 1, size - 1], [size - 1, size - 1], [0, 0]]);
          const flipped = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
          return tf.conv2d(padded, flipped, 1, 'valid');
        });
        return [dx, kernelGradient, biasGradient];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(input, kernel, bias) as tf.Tensor4D;
}

/** The hidden dense layer (relu) as a function of its input, for a training step that keeps its weights elsewhere. */
export type DenseLayer = (x: tf.Tensor2D) => tf.Tensor2D;
