// The training forward pass of the model, with the Conv2D → ReLU → MaxPool
// block as one op whose gradient is computed directly from the pooling
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
import type * as tfl from '@tensorflow/tfjs-layers';

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
 * Filter and bias gradients of relu(conv(x) + bias) followed by a max pool
 * with stride = pool size, 'valid' padding. `activation` is the ReLU output,
 * `pooled` the pool output, `upstream` the gradient of the pool output.
 * The winner of a window is its first maximum in row-major order, as tfjs's
 * MaxPoolGrad picks it. Pure: typed arrays in, typed arrays out.
 */
export function convBlockGradients(
  input: Float32Array,
  activation: Float32Array,
  pooled: Float32Array,
  upstream: Float32Array,
  shape: ConvBlockShape,
): { kernel: Float32Array; bias: Float32Array } {
  const { batch, height, width, channels, filters, kernel, pool } = shape;
  const convHeight = height - kernel + 1;
  const convWidth = width - kernel + 1;
  const pooledHeight = Math.floor((convHeight - pool) / pool) + 1;
  const pooledWidth = Math.floor((convWidth - pool) / pool) + 1;
  const patch = kernel * kernel * channels;
  const kernelGradient = new Float64Array(patch * filters);
  const biasGradient = new Float64Array(filters);
  const activationRow = convWidth * filters;
  const inputRow = width * channels;
  for (let b = 0; b < batch; b++) {
    const inputBase = b * height * inputRow;
    const activationBase = b * convHeight * activationRow;
    for (let qy = 0; qy < pooledHeight; qy++) {
      for (let qx = 0; qx < pooledWidth; qx++) {
        const pooledOffset = ((b * pooledHeight + qy) * pooledWidth + qx) * filters;
        const windowBase = activationBase + (qy * pool * convWidth + qx * pool) * filters;
        for (let f = 0; f < filters; f++) {
          const gradient = upstream[pooledOffset + f];
          const maximum = pooled[pooledOffset + f];
          // ReLU passes no gradient where its output is 0 (tfjs: step(x) with x > 0).
          if (gradient === 0 || !(maximum > 0)) continue;
          // The winner: the window's first element equal to the pool's output.
          let winnerY = -1;
          let winnerX = 0;
          search: for (let i = 0; i < pool; i++) {
            const row = windowBase + i * activationRow + f;
            for (let j = 0; j < pool; j++) {
              if (activation[row + j * filters] === maximum) {
                winnerY = i;
                winnerX = j;
                break search;
              }
            }
          }
          if (winnerY < 0) continue; // cannot happen for finite values
          biasGradient[f] += gradient;
          const patchOrigin = inputBase + (qy * pool + winnerY) * inputRow + (qx * pool + winnerX) * channels;
          if (kernel === 3 && channels === 1) {
            // The notebook's case (3×3, grayscale), unrolled: the generic loop below is twice as slow here.
            const r0 = patchOrigin;
            const r1 = r0 + inputRow;
            const r2 = r1 + inputRow;
            const f2 = filters * 2;
            kernelGradient[f] += input[r0] * gradient;
            kernelGradient[f + filters] += input[r0 + 1] * gradient;
            kernelGradient[f + f2] += input[r0 + 2] * gradient;
            kernelGradient[f + f2 + filters] += input[r1] * gradient;
            kernelGradient[f + 2 * f2] += input[r1 + 1] * gradient;
            kernelGradient[f + 2 * f2 + filters] += input[r1 + 2] * gradient;
            kernelGradient[f + 3 * f2] += input[r2] * gradient;
            kernelGradient[f + 3 * f2 + filters] += input[r2 + 1] * gradient;
            kernelGradient[f + 4 * f2] += input[r2 + 2] * gradient;
            continue;
          }
          let target = f;
          for (let ky = 0; ky < kernel; ky++) {
            const row = patchOrigin + ky * inputRow;
            for (let element = 0; element < kernel * channels; element++) {
              kernelGradient[target] += input[row + element] * gradient;
              target += filters;
            }
          }
        }
      }
    }
  }
  return { kernel: Float32Array.from(kernelGradient), bias: Float32Array.from(biasGradient) };
}

/** A function that computes what convBlockGradients computes (e.g. in WebAssembly, see simd.ts). */
export type ConvBlockGradients = typeof convBlockGradients;

/** relu(conv2d(x, kernel) + bias) → maxPool(pool, stride pool), with the sparse gradient above. */
export function convReluPool(
  input: tf.Tensor4D,
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D,
  pool: number,
  blockGradients: ConvBlockGradients = convBlockGradients,
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
        // Views into the WASM heap stay valid only until the next allocation: read everything first.
        const gradients = blockGradients(heapValues(savedInput), heapValues(savedActivation), heapValues(savedPooled), heapValues(upstream), {
          batch,
          height,
          width,
          channels,
          filters,
          kernel: size,
          pool,
        });
        // The input's gradient is never needed (the block is the first layer); zeros keep customGrad's contract.
        return [tf.zerosLike(savedInput), tf.tensor4d(gradients.kernel, w.shape as [number, number, number, number]), tf.tensor1d(gradients.bias)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(input, kernel, bias) as tf.Tensor4D;
}

interface WeightedLayer {
  getClassName(): string;
  weights: { read(): tf.Tensor }[];
  getConfig(): { activation?: string; poolSize?: number | number[]; strides?: number | number[]; padding?: string; kernelSize?: number | number[] };
}

/**
 * Checks that the model is the one createModel builds (Conv2D 3×3 'valid'
 * relu → MaxPool k×k stride k → Flatten → Dense relu → Dense): only then does
 * the fused pass compute the same function as model.predict().
 */
export function supportsFusedTraining(model: tfl.LayersModel): boolean {
  const layers = model.layers as unknown as WeightedLayer[];
  if (layers.map((layer) => layer.getClassName()).join(',') !== 'Conv2D,MaxPooling2D,Flatten,Dense,Dense') return false;
  const conv = layers[0].getConfig();
  const pool = layers[1].getConfig();
  const poolSize = Array.isArray(pool.poolSize) ? pool.poolSize : [pool.poolSize, pool.poolSize];
  const strides = Array.isArray(pool.strides) ? pool.strides : [pool.strides, pool.strides];
  return (
    conv.activation === 'relu' &&
    conv.padding === 'valid' &&
    poolSize[0] === poolSize[1] &&
    strides[0] === poolSize[0] &&
    strides[1] === poolSize[1] &&
    pool.padding === 'valid' &&
    layers[3].getConfig().activation === 'relu' &&
    layers[4].getConfig().activation === 'linear'
  );
}

/** The hidden dense layer (relu) as a function of its input, for a training step that keeps its weights elsewhere. */
export type DenseLayer = (x: tf.Tensor2D) => tf.Tensor2D;

export interface FusedForwardOptions {
  /** Computes the conv block's gradients (default: convBlockGradients). */
  blockGradients?: ConvBlockGradients;
  /** Replaces the hidden dense layer; its variables then get no gradient through tfjs. */
  hidden?: DenseLayer;
}

/** Logits of the model for `inputs`, through the fused block; reads the layers' own variables, so gradients reach them. */
export function fusedForward(model: tfl.LayersModel, inputs: tf.Tensor4D, options: FusedForwardOptions = {}): tf.Tensor2D {
  const { blockGradients = convBlockGradients, hidden: hiddenLayer } = options;
  const layers = model.layers as unknown as WeightedLayer[];
  const [kernel, convBias] = layers[0].weights.map((weight) => weight.read());
  const poolSize = layers[1].getConfig().poolSize;
  const pool = Array.isArray(poolSize) ? poolSize[0] : (poolSize as number);
  const pooled = convReluPool(inputs, kernel as tf.Tensor4D, convBias as tf.Tensor1D, pool, blockGradients);
  const flat = tf.reshape(pooled, [pooled.shape[0], -1]) as tf.Tensor2D;
  const [hiddenKernel, hiddenBias] = layers[3].weights.map((weight) => weight.read());
  const hidden = hiddenLayer
    ? hiddenLayer(flat)
    : tf.fused.matMul({ a: flat, b: hiddenKernel as tf.Tensor2D, bias: hiddenBias, activation: 'relu' });
  const [outputKernel, outputBias] = layers[4].weights.map((weight) => weight.read());
  return tf.fused.matMul({ a: hidden, b: outputKernel as tf.Tensor2D, bias: outputBias }) as tf.Tensor2D;
}
