// The layer kinds, one row each: how the kind is built as tfjs layers
// (createModel: prediction and the saved model) and how its training forward
// runs (planTraining: the one loop's step), with the fast parts that may
// serve it as branches inside the row. Both derive from this table, so a new
// layer kind is its options and shape in spec.ts plus one row here.
//
// Initialised as PyTorch initialises Conv2d and Linear (kaiming-uniform with
// a = √5, i.e. weights and biases uniform in ±1/√fan_in), not with Keras'
// Glorot defaults: the reference accuracies were reached with PyTorch's
// scheme. Batch norm is PyTorch's (scale 1, shift 0, running mean 0 and
// variance 1, ε 1e-5, momentum 0.1, which tfjs calls 0.9).
//
// Dropout and batch norm train here rather than in tfjs-layers' training
// mode: tfjs's dropout draws the same mask at every step when given a seed
// (and an unseeded one is not reproducible), so masks are drawn from a seed
// of (run, step, layer, thread); batch norm's running statistics are updated
// after the step, as PyTorch does (unbiased variance).

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { samePadding, type Activation, type LayerSpec, type ShapedLayer } from './spec.js';
import { convBlockGradients, convReluPool } from './conv-block.js';
import type { FastParts, PlannedLayer, StepContext } from './step.js';

/** Every kind a layer list holds, and the output layer (logits) that ends each model. */
export type AnyLayer = LayerSpec | { kind: 'output'; units: number };

/** The tfjs name of the layer at `position` (the output layer: the list's length + 1): the training step finds its weights by it. */
export function layerName(position: number, kind: string): string {
  return `layer${position}_${kind}`;
}

type Initialiser = ReturnType<typeof tfl.initializers.randomUniform>;

/** What a row builds with: the layers so far and how to start the next one. */
export interface BuildContext {
  layers: tfl.layers.Layer[];
  /** The config, with the model's input shape when it is the model's first layer. */
  first<T extends object>(config: T): T;
  /** PyTorch's default initialisers for the next weighted layer (each gets its own seeds). */
  initialisers(fanIn: number): { kernelInitializer: Initialiser; biasInitializer: Initialiser };
}

/** What a row's training forward is planned with. */
export interface PlanContext {
  model: tfl.LayersModel;
  /** The whole list, and this layer's index in it (a row may cover the next layer too: a conv + pool block). */
  layers: readonly ShapedLayer[];
  index: number;
  fast: FastParts;
  /** Whether the project's host-memory parts serve on the active backend (not on a GPU's). */
  host: boolean;
  /** Whether a layer before this one was planned: the first layer's input is the images, which need no gradient. */
  afterOthers: boolean;
}

interface Row<S extends AnyLayer> {
  build(layer: S, shaped: ShapedLayer, name: string, context: BuildContext): void;
  /** The layer's step of the training forward; its positions say which layers of the list it covers. */
  train(layer: S, shaped: ShapedLayer, context: PlanContext): PlannedLayer;
}

/** The layer spec of a kind (max_pool's is the pools' shared one). */
type OfKind<K> = AnyLayer extends infer L ? (L extends { kind: infer LK } ? (K extends LK ? L : never) : never) : never;

type Table = { [K in AnyLayer['kind']]: Row<OfKind<K>> };

const TFJS_ACTIVATION: Record<Activation, 'relu' | 'tanh' | 'sigmoid' | 'linear'> = { relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', none: 'linear' };

const PYTORCH_BATCH_NORM = { momentum: 0.1, epsilon: 1e-5 };

interface WeightedLayer {
  weights: { read(): tf.Tensor }[];
}

export function weightsOf(model: tfl.LayersModel, position: number, kind: string): tf.Tensor[] {
  return (model.getLayer(layerName(position, kind)) as unknown as WeightedLayer).weights.map((weight) => weight.read());
}

function activate(x: tf.Tensor, activation: string): tf.Tensor {
  if (activation === 'relu') return tf.relu(x);
  if (activation === 'tanh') return tf.tanh(x);
  if (activation === 'sigmoid') return tf.sigmoid(x);
  return x;
}

/** A seed for one dropout mask: the same run, step, layer and thread always draw the same mask. */
export function dropoutSeed(context: StepContext, position: number): number {
  return (((context.seed * 1_000_003 + context.step) * 101 + position) * 7 + context.shard) % 2_147_483_647;
}

/** Whether the conv layer at `index` and the next layer form the block conv-block.ts computes. */
export function isConvPoolBlock(layers: readonly ShapedLayer[], index: number): boolean {
  const conv = layers[index].spec;
  const pool = layers[index + 1]?.spec;
  return conv.kind === 'conv2d' && conv.activation === 'relu' && conv.stride === 1 && pool?.kind === 'max_pool' && pool.stride === pool.size;
}

function padded(x: tf.Tensor, pad: number): tf.Tensor4D {
  return (pad > 0 ? tf.pad(x as tf.Tensor4D, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : x) as tf.Tensor4D;
}

function plain(shaped: ShapedLayer, forward: PlannedLayer['forward'], kind: string = shaped.spec.kind): PlannedLayer {
  return { positions: [shaped.position], kinds: [kind], engine: 'tfjs', forward };
}

function pool(size: number, stride: number, name: string): { name: string; poolSize: number; strides: number; padding: 'valid' } {
  return { name, poolSize: size, strides: stride, padding: 'valid' };
}

export const LAYER_TABLE: Table = {
  conv2d: {
    build(layer, shaped, name, context) {
      const pad = samePadding(layer);
      // PyTorch's padding (size // 2 on every side), which tfjs's 'same' differs from for even kernels and strides > 1.
      if (pad > 0) context.layers.push(tfl.layers.zeroPadding2d(context.first({ padding: [[pad, pad], [pad, pad]] as [[number, number], [number, number]], name: `${name}_padding` })));
      const channelsIn = shaped.inputShape[shaped.inputShape.length - 1];
      context.layers.push(
        tfl.layers.conv2d(
          context.first({
            name,
            filters: layer.filters,
            kernelSize: layer.kernel,
            strides: layer.stride,
            padding: 'valid',
            activation: TFJS_ACTIVATION[layer.activation],
            ...context.initialisers(layer.kernel * layer.kernel * channelsIn),
          }),
        ),
      );
    },
    train(layer, shaped, context) {
      const [kernel, bias] = weightsOf(context.model, shaped.position, 'conv2d');
      const pad = samePadding(layer);
      // The fast part: with the max pool after it, one block whose filter and bias gradients come from the pool's
      // winners only (conv-block.ts; in WebAssembly where the trainer offers it). It reads values on the host:
      // not where tensors live on a GPU (webgpu), which trains through tfjs's kernels.
      if (context.host && isConvPoolBlock(context.layers, context.index)) {
        const poolSize = (context.layers[context.index + 1].spec as { size: number }).size;
        const channels = shaped.inputShape[2] as number;
        const wasm = context.fast.blockGradients?.(shaped.position, { channels, kernel: layer.kernel, filters: layer.filters });
        const inputGradient = context.afterOthers;
        return {
          positions: [shaped.position, shaped.position + 1],
          kinds: ['conv2d', 'max_pool'],
          engine: wasm ? 'wasm' : 'javascript',
          forward: (x) => convReluPool(padded(x, pad), kernel as tf.Tensor4D, bias as tf.Tensor1D, poolSize, wasm ?? convBlockGradients, inputGradient),
        };
      }
      return plain(shaped, (x) => activate(tf.add(tf.conv2d(padded(x, pad), kernel as tf.Tensor4D, layer.stride, 'valid'), bias), layer.activation));
    },
  },
  max_pool: {
    build: (layer, _shaped, name, context) => void context.layers.push(tfl.layers.maxPooling2d(context.first(pool(layer.size, layer.stride, name)))),
    train: (layer, shaped) => plain(shaped, (x) => tf.maxPool(x as tf.Tensor4D, layer.size, layer.stride, 'valid')),
  },
  avg_pool: {
    build: (layer, _shaped, name, context) => void context.layers.push(tfl.layers.averagePooling2d(context.first(pool(layer.size, layer.stride, name)))),
    train: (layer, shaped) => plain(shaped, (x) => tf.avgPool(x as tf.Tensor4D, layer.size, layer.stride, 'valid')),
  },
  batch_norm: {
    build: (_layer, _shaped, name, context) =>
      void context.layers.push(tfl.layers.batchNormalization(context.first({ name, axis: -1, momentum: 0.9, epsilon: PYTORCH_BATCH_NORM.epsilon }))),
    train(_layer, shaped, context) {
      const [gamma, beta, movingMean, movingVariance] = weightsOf(context.model, shaped.position, 'batch_norm') as tf.Variable[];
      const axes = shaped.inputShape.length === 3 ? [0, 1, 2] : [0];
      return plain(shaped, (x, step) => {
        const { mean, variance } = tf.moments(x, axes);
        if (step.updateStatistics) {
          const count = x.size / x.shape[x.shape.length - 1];
          const batchMean = tf.keep(tf.clone(mean));
          // PyTorch keeps the unbiased variance as its running statistic, and normalises with the biased one.
          const batchVariance = tf.keep(tf.mul(variance, count > 1 ? count / (count - 1) : 1));
          step.after.push(() => {
            const { momentum } = PYTORCH_BATCH_NORM;
            tf.tidy(() => {
              movingMean.assign(tf.add(tf.mul(movingMean, 1 - momentum), tf.mul(batchMean, momentum)));
              movingVariance.assign(tf.add(tf.mul(movingVariance, 1 - momentum), tf.mul(batchVariance, momentum)));
            });
            tf.dispose([batchMean, batchVariance]);
          });
        }
        return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, PYTORCH_BATCH_NORM.epsilon))), gamma), beta);
      });
    },
  },
  dropout: {
    // In the built model only for prediction, where it passes its input on; training draws its own seeded masks.
    build: (layer, _shaped, name, context) => void context.layers.push(tfl.layers.dropout(context.first({ name, rate: layer.rate }))),
    train: (layer, shaped) =>
      plain(shaped, (x, step) => {
        if (layer.rate === 0) return x;
        const keep = tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', dropoutSeed(step, shaped.position)), layer.rate);
        return tf.mul(x, tf.div(tf.cast(keep, 'float32'), 1 - layer.rate));
      }),
  },
  flatten: {
    build: (_layer, _shaped, name, context) => void context.layers.push(tfl.layers.flatten(context.first({ name }))),
    train: (_layer, shaped) => plain(shaped, (x) => tf.reshape(x, [x.shape[0], -1]), shaped.implicit ? 'flatten (implicit)' : 'flatten'),
  },
  global_avg_pool: {
    build: (_layer, _shaped, name, context) => void context.layers.push(tfl.layers.globalAveragePooling2d(context.first({ name }))),
    train: (_layer, shaped) => plain(shaped, (x) => tf.mean(x, [1, 2])),
  },
  dense: {
    build(layer, shaped, name, context) {
      const channelsIn = shaped.inputShape[shaped.inputShape.length - 1];
      context.layers.push(tfl.layers.dense(context.first({ name, units: layer.units, activation: TFJS_ACTIVATION[layer.activation], ...context.initialisers(channelsIn) })));
    },
    train(layer, shaped, context) {
      // The fast part: a hidden ReLU layer in WebAssembly, its weights and gradient in the trainer's shared memory.
      const wasm = layer.activation === 'relu' ? context.fast.dense?.(shaped.position) : undefined;
      const [kernel, bias] = weightsOf(context.model, shaped.position, 'dense');
      return {
        ...plain(shaped, (x) => {
          if (wasm) return wasm(x as tf.Tensor2D);
          if (layer.activation === 'relu') return tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation: 'relu' });
          return activate(tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias }), layer.activation);
        }),
        engine: wasm ? 'wasm' : 'tfjs',
      };
    },
  },
  output: {
    build(layer, shaped, name, context) {
      const channelsIn = shaped.inputShape[shaped.inputShape.length - 1];
      context.layers.push(tfl.layers.dense(context.first({ name, units: layer.units, ...context.initialisers(channelsIn) })));
    },
    train(_layer, shaped, context) {
      const [kernel, bias] = weightsOf(context.model, shaped.position, 'output');
      return plain(shaped, (x) => tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias }));
    },
  },
};

/** The table's row for a layer, typed by its kind. */
export function layerRow<S extends AnyLayer>(layer: S): Row<S> {
  return LAYER_TABLE[layer.kind] as unknown as Row<S>;
}
