// Replacement tfjs kernels (tfjs's name for one op's code on one backend)
// for training on the WASM backend, and faster ones for the CPU backend.
//
// Stock @tensorflow/tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so a
// Conv2D layer cannot be trained on it, and several of its kernels are slow in
// training (MaxPoolGrad and transposed BatchMatMul run naive loops; Sum over
// leading axes transposes the whole tensor first; Identity, which the engine
// runs on every tensor that a gradient keeps, copies it). The stock CPU
// backend reads elements one at a time in MaxPoolGrad, Conv2DBackpropFilter
// and Sum.
//
// registerTfjsOverrides(backendName) registers replacements through the
// public kernel registry. Each replacement handles the configurations that it
// knows and hands every other one to the stock kernel (where there is one) or
// throws a clear error (where there is none), so a registered kernel never
// computes wrong numbers silently.
//
// Only the entry that chooses the backend should call this, once the backend
// is ready: `registerTfjsOverrides(tf.getBackend())`.

import {
  backend_util,
  getKernel,
  registerKernel,
  unregisterKernel,
  util,
} from '@tensorflow/tfjs-core';
import type { DataId, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

type Shape4 = [number, number, number, number];
type PadAttr = 'valid' | 'same' | number | backend_util.ExplicitPadding;

// ---------------------------------------------------------------------------
// Access to a backend's memory.

/** Reads and allocates float32 buffers of one backend. */
interface Host {
  /** A new float32 tensor of `shape`; its values are written later. */
  output(shape: number[]): TensorInfo;
  /**
   * The values of a tensor, as a view (no copy). On wasm a view is valid only
   * until the next allocation (the heap may grow), so allocate first.
   */
  values(info: TensorInfo): Float32Array;
  dispose(info: TensorInfo): void;
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  disposeData(dataId: DataId): boolean;
}

interface CpuBackendLike {
  data: { get(dataId: DataId): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
  disposeIntermediateTensorInfo(info: TensorInfo): void;
}

function wasmHost(backend: unknown): Host {
  const wasm = backend as WasmBackendLike;
  return {
    output: (shape) => wasm.makeOutput(shape, 'float32'),
    values: (info) => wasm.typedArrayFromHeap(info),
    dispose: (info) => void wasm.disposeData(info.dataId),
  };
}

function cpuHost(backend: unknown): Host {
  const cpu = backend as CpuBackendLike;
  return {
    output: (shape) => cpu.makeTensorInfo(shape, 'float32', new Float32Array(util.sizeFromShape(shape))),
    values: (info) => {
      const values = cpu.data.get(info.dataId).values;
      if (!(values instanceof Float32Array)) throw new Error('expected float32 values in the CPU backend');
      return values;
    },
    dispose: (info) => cpu.disposeIntermediateTensorInfo(info),
  };
}

const HOSTS: Record<string, (backend: unknown) => Host> = { wasm: wasmHost, cpu: cpuHost };

// ---------------------------------------------------------------------------
// Pure computations over whole typed arrays (exported for tests and benches).

/** Geometry of a 2-D convolution or pooling window over NHWC data. */
export interface WindowGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

function geometryOf(info: backend_util.Conv2DInfo): WindowGeometry {
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/**
 * Writes the im2col matrix of batches [b0, b1) of `x` into `out`: row n = (b,
 * oh, ow) holds the input patch under that output position, in (kh, kw, ci)
 * order, with 0 in the padding. `out` has (b1-b0)*outHeight*outWidth rows of
 * filterHeight*filterWidth*inChannels.
 */
export function im2col(x: Float32Array, g: WindowGeometry, b0: number, b1: number, out: Float32Array): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  let o = 0;
  for (let b = b0; b < b1; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        for (let kh = 0; kh < g.filterHeight; kh++) {
          const ih = oh * g.strideHeight + kh - g.padTop;
          for (let kw = 0; kw < g.filterWidth; kw++) {
            const iw = ow * g.strideWidth + kw - g.padLeft;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
              for (let c = 0; c < C; c++) out[o++] = 0;
            } else {
              const p = ((b * H + ih) * W + iw) * C;
              for (let c = 0; c < C; c++) out[o++] = x[p + c];
            }
          }
        }
      }
    }
  }
}

/**
 * Writes the transposed im2col matrix of batches [b0, b1) of `x` into `out`:
 * row r = (kh, kw, ci) holds, for each output position n = (b, oh, ow), the
 * input value under filter tap (kh, kw) in channel ci, or 0 in the padding.
 * `out` has filterHeight*filterWidth*inChannels rows of (b1-b0)*outHeight*outWidth.
 */
export function im2colTransposed(x: Float32Array, g: WindowGeometry, b0: number, b1: number, out: Float32Array): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const n = (b1 - b0) * OH * OW;
  let row = 0;
  for (let kh = 0; kh < g.filterHeight; kh++) {
    for (let kw = 0; kw < g.filterWidth; kw++) {
      for (let c = 0; c < C; c++, row++) {
        let o = row * n;
        for (let b = b0; b < b1; b++) {
          const xb = b * H * W * C + c;
          for (let oh = 0; oh < OH; oh++) {
            const ih = oh * g.strideHeight + kh - g.padTop;
            if (ih < 0 || ih >= H) {
              out.fill(0, o, o + OW);
              o += OW;
              continue;
            }
            const xr = xb + ih * W * C;
            let iw = kw - g.padLeft;
            for (let ow = 0; ow < OW; ow++, iw += g.strideWidth) {
              out[o++] = iw >= 0 && iw < W ? x[xr + iw * C] : 0;
            }
          }
        }
      }
    }
  }
}

/**
 * Filter gradient of a convolution, directly in JavaScript: dw[kh,kw,ci,co] =
 * sum over (b, oh, ow) of x[b, oh*sh+kh-pt, ow*sw+kw-pl, ci] * dy[b,oh,ow,co].
 * Skips the zeros of dy, which make most of it when a max pooling follows the
 * convolution (a 3×3/3 pool passes one value in nine, and relu removes more).
 * Accumulates in float64. `dw` has filterHeight*filterWidth*inChannels*
 * outChannels values.
 */
export function conv2dFilterGradient(
  x: Float32Array, dy: Float32Array, g: WindowGeometry, outChannels: number, dw: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const CO = outChannels;
  const K = g.filterHeight * g.filterWidth * C;
  const acc = new Float64Array(K * CO);
  const patch = new Float64Array(K);
  let d = 0;
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, d += CO) {
        // The input patch under this output position (zeros in the padding).
        let r = 0;
        for (let kh = 0; kh < g.filterHeight; kh++) {
          const ih = oh * g.strideHeight + kh - g.padTop;
          for (let kw = 0; kw < g.filterWidth; kw++) {
            const iw = ow * g.strideWidth + kw - g.padLeft;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
              for (let c = 0; c < C; c++) patch[r++] = 0;
            } else {
              const p = ((b * H + ih) * W + iw) * C;
              for (let c = 0; c < C; c++) patch[r++] = x[p + c];
            }
          }
        }
        for (let co = 0; co < CO; co++) {
          const v = dy[d + co];
          if (v === 0) continue;
          for (let k = 0, o = co; k < K; k++, o += CO) acc[o] += v * patch[k];
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) dw[i] = acc[i];
}

/**
 * Gradient of max pooling over NHWC data: each dy value goes to the first
 * (row-major) maximum of its window, as in TensorFlow; padding never wins.
 * `y` is the forward output (the window maxima): the first element of the
 * window equal to it is the first maximum, which is much cheaper to find than
 * a running argmax. Where no element equals it (NaN), the argmax is searched.
 * `dx` must be zero-filled and have the shape of `x`.
 */
export function maxPoolGradient(
  x: Float32Array, y: Float32Array, dy: Float32Array, g: WindowGeometry, dx: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  let d = 0;
  for (let b = 0; b < g.batch; b++) {
    const xb = b * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * g.strideHeight - g.padTop;
      const hStart = Math.max(0, h0);
      const hEnd = Math.min(H, h0 + g.filterHeight);
      for (let ow = 0; ow < OW; ow++, d += C) {
        const w0 = ow * g.strideWidth - g.padLeft;
        const wStart = Math.max(0, w0);
        const wEnd = Math.min(W, w0 + g.filterWidth);
        if (hStart >= hEnd || wStart >= wEnd) continue; // a window wholly in padding
        const corner = xb + (hStart * W + wStart) * C;
        for (let c = 0; c < C; c++) {
          const max = y[d + c];
          let at = -1;
          find: for (let ih = hStart, row = corner + c; ih < hEnd; ih++, row += W * C) {
            for (let iw = wStart, p = row; iw < wEnd; iw++, p += C) {
              if (x[p] === max) {
                at = p;
                break find;
              }
            }
          }
          if (at < 0) {
            let best = Number.NEGATIVE_INFINITY;
            for (let ih = hStart, row = corner + c; ih < hEnd; ih++, row += W * C) {
              for (let iw = wStart, p = row; iw < wEnd; iw++, p += C) {
                if (at < 0 || x[p] > best) {
                  best = x[p];
                  at = p;
                }
              }
            }
          }
          dx[at] += dy[d + c];
        }
      }
    }
  }
}

/** Sums `rows` rows of `cols` values each into `out` (float64 accumulation). */
export function sumLeadingRows(x: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const acc = new Float64Array(cols);
  let r = 0;
  let p = 0;
  // Four rows at a time: a third of the accumulator traffic.
  for (; r + 4 <= rows; r += 4, p += 4 * cols) {
    for (let c = 0, q = p; c < cols; c++, q++) acc[c] += x[q] + x[q + cols] + x[q + 2 * cols] + x[q + 3 * cols];
  }
  for (; r < rows; r++, p += cols) {
    for (let c = 0; c < cols; c++) acc[c] += x[p + c];
  }
  for (let c = 0; c < cols; c++) out[c] = acc[c];
}

// ---------------------------------------------------------------------------
// Kernels.

interface KernelArgs {
  inputs: Record<string, TensorInfo>;
  backend: unknown;
  attrs?: Record<string, unknown>;
}
type Kernel = (args: KernelArgs) => TensorInfo | TensorInfo[];

/** What a kernel factory gets: the host, and the stock kernels it may call. */
interface Context {
  backendName: string;
  host: (backend: unknown) => Host;
  /** The stock kernel this one replaces, if the backend has one. */
  stock?: Kernel;
  /** A stock kernel of this backend by name (captured at registration). */
  stockKernel(name: string): Kernel | undefined;
}

class UnsupportedConfiguration extends Error {}

function conv2dBackpropFilterInfo(backendName: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown>) {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
    strides: [number, number] | number; pad: PadAttr; dataFormat?: string;
    dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: Shape4;
  };
  const where = `Conv2DBackpropFilter on '${backendName}'`;
  // The kernel has no dilations attribute (tfjs refuses the gradient of a
  // dilated conv2d before it gets here); refuse one if a caller passes it.
  const dilations = (attrs as { dilations?: number | number[] }).dilations;
  if (dilations != null && [dilations].flat().some((d) => d !== 1)) {
    throw new UnsupportedConfiguration(`${where}: dilations ${dilations} are not supported (only 1)`);
  }
  if (dataFormat != null && dataFormat !== 'NHWC') {
    throw new UnsupportedConfiguration(`${where}: data format ${dataFormat} is not supported (only NHWC)`);
  }
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new UnsupportedConfiguration(`${where}: only float32 is supported, got ${x.dtype} and ${dy.dtype}`);
  }
  if (x.shape.length !== 4 || dy.shape.length !== 4) {
    throw new UnsupportedConfiguration(`${where}: x and dy must be rank 4, got [${x.shape}] and [${dy.shape}]`);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  if (info.outHeight !== dy.shape[1] || info.outWidth !== dy.shape[2] || info.outChannels !== dy.shape[3]
    || info.batchSize !== dy.shape[0]) {
    throw new Error(`${where}: dy has shape [${dy.shape}], expected [${info.outShape}]`);
  }
  return { info, filterShape };
}

/** Elements of the im2col matrix allowed at once on wasm (16 MiB of float32). */
const IM2COL_MAX_ELEMENTS = 1 << 22;

/**
 * Conv2DBackpropFilter as one matrix product in the backend's own BatchMatMul
 * (XNNPACK on wasm), with the im2col matrix P[N, K] (N = b*oh*ow, K =
 * kh*kw*ci) built in JavaScript: dw^T[CO, K] = dy^T[CO, N] @ P[N, K] when dy
 * has at least as many columns as P (the model: CO = 32 or 64, K = 9 or 27),
 * else dw[K, CO] = P^T[K, N] @ dy[N, CO]. Large batches are split so that P
 * stays under IM2COL_MAX_ELEMENTS; the parts are summed in float64.
 *
 * Measured for the model (batch 32, 30×30 outputs, fresh dy each call as in
 * training): dy^T @ P takes 3.6 ms for CO = 32 and 5.3 ms for CO = 64, where
 * P^T @ dy takes 5.9 and 13.6 ms (packing dy for XNNPACK), and a JavaScript
 * loop over the non-zero values of dy (about 1 in 9 after the max pool) 4.5
 * and 10 ms.
 */
function conv2dBackpropFilterMatMul(ctx: Context): Kernel {
  const matMul = ctx.stockKernel('BatchMatMul');
  const transpose = ctx.stockKernel('Transpose');
  if (matMul == null || transpose == null) throw new Error(`backend '${ctx.backendName}' lacks BatchMatMul or Transpose`);
  return ({ inputs, backend, attrs }) => {
    const { info, filterShape } = conv2dBackpropFilterInfo(ctx.backendName, inputs, attrs ?? {});
    const host = ctx.host(backend);
    const g = geometryOf(info);
    const K = g.filterHeight * g.filterWidth * g.inChannels;
    const CO = info.outChannels;
    const perImage = g.outHeight * g.outWidth;
    const chunk = Math.max(1, Math.min(g.batch, Math.floor(IM2COL_MAX_ELEMENTS / Math.max(1, K * perImage))));
    // XNNPACK packs the right operand of every product anew (dy and the
    // patches change every step), which costs about three times as much per
    // value as the Transpose kernel: transpose the larger of the two, dy,
    // and pack the patches, unless the patches are the larger.
    const dyFirst = CO >= K;
    const acc = new Float64Array(K * CO);
    for (let b0 = 0; b0 < g.batch && K * perImage > 0; b0 += chunk) {
      const b1 = Math.min(g.batch, b0 + chunk);
      const n = (b1 - b0) * perImage;
      const patches = host.output(dyFirst ? [n, K] : [K, n]);
      let dyPart: TensorInfo = { dataId: inputs.dy.dataId, shape: [n, CO], dtype: 'float32' };
      const owned: TensorInfo[] = [patches];
      if (b0 !== 0 || b1 !== g.batch) {
        dyPart = host.output([n, CO]);
        owned.push(dyPart);
        host.values(dyPart).set(host.values(inputs.dy).subarray(b0 * perImage * CO, b1 * perImage * CO));
      }
      if (dyFirst) {
        im2col(host.values(inputs.x), g, b0, b1, host.values(patches));
        const dyT = transpose({ inputs: { x: dyPart }, backend, attrs: { perm: [1, 0] } }) as TensorInfo;
        owned.push(dyT);
        const part = matMul({ inputs: { a: dyT, b: patches }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
        owned.push(part);
        const values = host.values(part); // [CO, K]
        for (let co = 0; co < CO; co++) for (let k = 0; k < K; k++) acc[k * CO + co] += values[co * K + k];
      } else {
        im2colTransposed(host.values(inputs.x), g, b0, b1, host.values(patches));
        const part = matMul({ inputs: { a: patches, b: dyPart }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
        owned.push(part);
        const values = host.values(part); // [K, CO]
        for (let i = 0; i < values.length; i++) acc[i] += values[i];
      }
      for (const t of owned) host.dispose(t);
    }
    const out = host.output(filterShape);
    const values = host.values(out);
    for (let i = 0; i < values.length; i++) values[i] = acc[i];
    return out;
  };
}

/** Conv2DBackpropFilter in plain JavaScript (for the CPU backend). */
function conv2dBackpropFilterLoop(ctx: Context): Kernel {
  return (args) => {
    let parsed;
    try {
      parsed = conv2dBackpropFilterInfo(ctx.backendName, args.inputs, args.attrs ?? {});
    } catch (error) {
      if (error instanceof UnsupportedConfiguration && ctx.stock != null) return ctx.stock(args);
      throw error;
    }
    const { info, filterShape } = parsed;
    const host = ctx.host(args.backend);
    const out = host.output(filterShape);
    conv2dFilterGradient(host.values(args.inputs.x), host.values(args.inputs.dy), geometryOf(info),
      info.outChannels, host.values(out));
    return out;
  };
}

/** MaxPoolGrad over whole typed arrays; other configurations go to the stock kernel. */
function maxPoolGradKernel(ctx: Context): Kernel {
  return (args) => {
    const { dy, input, output } = args.inputs;
    const { filterSize, strides, pad, dimRoundingMode } = (args.attrs ?? {}) as {
      filterSize: [number, number] | number; strides: [number, number] | number; pad: PadAttr;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
    };
    const fallback = (why: string) => {
      if (ctx.stock != null) return ctx.stock(args);
      throw new Error(`MaxPoolGrad on '${ctx.backendName}': ${why}`);
    };
    if (input.dtype !== 'float32' || dy.dtype !== 'float32' || output?.dtype !== 'float32') {
      return fallback('only float32 is supported');
    }
    if (input.shape.length !== 4) return fallback(`input must be rank 4, got [${input.shape}]`);
    const info = backend_util.computePool2DInfo(
      input.shape as Shape4, filterSize, strides, 1, pad, dimRoundingMode, 'channelsLast');
    if (!util.arraysEqual(dy.shape, info.outShape) || !util.arraysEqual(output.shape, info.outShape)) {
      throw new Error(`MaxPoolGrad on '${ctx.backendName}': dy and output have shapes [${dy.shape}] and `
        + `[${output.shape}], expected [${info.outShape}]`);
    }
    const host = ctx.host(args.backend);
    const dx = host.output(input.shape.slice());
    const dxValues = host.values(dx);
    dxValues.fill(0);
    maxPoolGradient(host.values(input), host.values(output), host.values(dy), geometryOf(info), dxValues);
    return dx;
  };
}

/** Below this many elements the stock Sum is as fast; not worth a second path. */
const SUM_MIN_ELEMENTS = 1 << 14;

/**
 * Sum over leading axes (the bias gradient of a conv or dense layer: axes
 * [0, 1, 2] of NHWC) as one pass over the rows; any other reduction goes to
 * the stock kernel.
 */
function sumKernel(ctx: Context): Kernel {
  const stock = ctx.stock;
  if (stock == null) throw new Error(`backend '${ctx.backendName}' has no Sum kernel`);
  return (args) => {
    const { x } = args.inputs;
    const { axis, keepDims } = (args.attrs ?? {}) as { axis: number | number[]; keepDims: boolean };
    const rank = x.shape.length;
    const size = util.sizeFromShape(x.shape);
    if (x.dtype !== 'float32' || size < SUM_MIN_ELEMENTS || rank < 2) return stock(args);
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const k = axes.length;
    if (k === 0 || k >= rank || axes.some((a, i) => a !== i)) return stock(args);
    const rows = util.sizeFromShape(x.shape.slice(0, k));
    const cols = size / rows;
    const outShape = keepDims ? [...x.shape.slice(0, k).map(() => 1), ...x.shape.slice(k)] : x.shape.slice(k);
    const host = ctx.host(args.backend);
    const out = host.output(outShape);
    sumLeadingRows(host.values(x), rows, cols, host.values(out));
    return out;
  };
}

/** Right operands smaller than this are multiplied as given. */
const REVERSE_MIN_ELEMENTS = 1 << 16;

/**
 * BatchMatMul that keeps to XNNPACK's fast path. The stock wasm kernel runs a
 * naive loop when either operand is transposed (10-20x slower for the dense
 * layers' gradients), so the product is rewritten to run untransposed,
 * materializing transposes with the stock Transpose kernel. Of the two
 * rewrites, the one that moves fewer values is used:
 *   C = op(A) @ op(B)              (transpose the operands that are marked), or
 *   C = (op(B)^T @ op(A)^T)^T      (transpose the unmarked ones and the result).
 * For the dense input gradient dy[32,64] @ W[3200,64]^T the second moves 2k +
 * 102k values instead of 205k; for the weight gradient x[32,3200]^T @ dy the
 * first moves 102k instead of 2k + 205k. An untransposed product with a large
 * right operand that XNNPACK has not packed yet (the dense weights after each
 * training step) takes the second form too where it moves fewer values
 * (conv 64 / dense 128: 4.6 → 3.8 ms for x[32,6400] @ W[6400,128]).
 */
function batchMatMulKernel(ctx: Context): Kernel {
  const stock = ctx.stock;
  const transpose = ctx.stockKernel('Transpose');
  if (stock == null || transpose == null) throw new Error(`backend '${ctx.backendName}' lacks BatchMatMul or Transpose`);
  const seenRight = new WeakSet<DataId>();
  return (args) => {
    const { transposeA, transposeB } = (args.attrs ?? {}) as { transposeA: boolean; transposeB: boolean };
    const { a, b } = args.inputs;
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return stock(args);
    if (!transposeA && !transposeB) {
      // XNNPACK keeps the packed right operand while that tensor lives, so a
      // right operand seen before (weights at inference) is cheap; a new one
      // (weights after each training step) is packed anew, which costs about
      // three times what a transpose does per value. Then the product is
      // computed as (B^T @ A^T)^T where that moves fewer values.
      const fresh = !seenRight.has(b.dataId);
      seenRight.add(b.dataId);
      const sizeA = util.sizeFromShape(a.shape);
      const sizeB = util.sizeFromShape(b.shape);
      const sizeC = a.shape[a.shape.length - 2] * b.shape[b.shape.length - 1];
      if (!fresh || a.shape.length !== 2 || b.shape.length !== 2 || sizeB < REVERSE_MIN_ELEMENTS
        || sizeB <= 2 * sizeA + sizeC || a.shape[1] !== b.shape[0]) {
        return stock(args);
      }
    }
    const backend = args.backend;
    const host = ctx.host(backend);
    const temporary: TensorInfo[] = [];
    const swap = (t: TensorInfo): TensorInfo => {
      const perm = t.shape.map((_, i) => i);
      const r = perm.length;
      [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
      const out = transpose({ inputs: { x: t }, backend, attrs: { perm } }) as TensorInfo;
      temporary.push(out);
      return out;
    };
    const plain = (x: TensorInfo, y: TensorInfo): TensorInfo => stock({
      inputs: { a: x, b: y }, backend, attrs: { ...args.attrs, transposeA: false, transposeB: false },
    }) as TensorInfo;
    const innerA = a.shape[a.shape.length - (transposeA ? 2 : 1)];
    const innerB = b.shape[b.shape.length - (transposeB ? 1 : 2)];
    if (innerA !== innerB) return stock(args); // its error message names the shapes as given
    const sizeA = util.sizeFromShape(a.shape);
    const sizeB = util.sizeFromShape(b.shape);
    const rows = a.shape[a.shape.length - (transposeA ? 1 : 2)];
    const cols = b.shape[b.shape.length - (transposeB ? 2 : 1)];
    const batch = Math.max(util.sizeFromShape(a.shape.slice(0, -2)), util.sizeFromShape(b.shape.slice(0, -2)));
    const direct = !transposeA && !transposeB ? Number.POSITIVE_INFINITY
      : (transposeA ? sizeA : 0) + (transposeB ? sizeB : 0);
    const reversed = (transposeA ? 0 : sizeA) + (transposeB ? 0 : sizeB) + batch * rows * cols;
    let result: TensorInfo | undefined;
    try {
      if (direct <= reversed) {
        result = plain(transposeA ? swap(a) : a, transposeB ? swap(b) : b);
      } else {
        const resultT = plain(transposeB ? b : swap(b), transposeA ? a : swap(a));
        try {
          result = swap(resultT);
        } finally {
          host.dispose(resultT);
        }
      }
      return result;
    } finally {
      for (const t of temporary) if (t !== result) host.dispose(t);
    }
  };
}

interface RefCounted {
  incRef(dataId: DataId): void;
}

/**
 * Identity without a copy. tfjs clones every tensor that a gradient keeps
 * (engine.saveTensorsForBackwardMode), and the stock wasm Identity copies the
 * data, a megabyte-sized copy per conv activation per step; the CPU and WebGL
 * backends share the data with a reference count instead, as the stock wasm
 * Reshape does. Strings keep the stock path.
 */
function identityKernel(ctx: Context): Kernel {
  const stock = ctx.stock;
  if (stock == null) throw new Error(`backend '${ctx.backendName}' has no Identity kernel`);
  return (args) => {
    const { x } = args.inputs;
    if (x.dtype === 'string') return stock(args);
    (args.backend as RefCounted).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
  };
}

/** Cast to the same dtype (relu's gradient casts its float32 step) without a copy, as Identity. */
function castKernel(ctx: Context): Kernel {
  const stock = ctx.stock;
  if (stock == null) throw new Error(`backend '${ctx.backendName}' has no Cast kernel`);
  return (args) => {
    const { x } = args.inputs;
    const { dtype } = (args.attrs ?? {}) as { dtype: string };
    if (x.dtype !== dtype || x.dtype === 'string') return stock(args);
    (args.backend as RefCounted).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
  };
}

type Factory = (ctx: Context) => Kernel;

const FACTORIES: Record<string, Record<string, Factory>> = {
  wasm: {
    Conv2DBackpropFilter: conv2dBackpropFilterMatMul,
    MaxPoolGrad: maxPoolGradKernel,
    BatchMatMul: batchMatMulKernel,
    Sum: sumKernel,
    Identity: identityKernel,
    Cast: castKernel,
  },
  cpu: {
    Conv2DBackpropFilter: conv2dBackpropFilterLoop,
    MaxPoolGrad: maxPoolGradKernel,
    Sum: sumKernel,
  },
};

/** The kernels that registerTfjsOverrides registers, by backend ('wasm', 'cpu'). */
export const TFJS_OVERRIDES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(FACTORIES).map(([backend, factories]) => [backend, Object.keys(factories)]));

// ---------------------------------------------------------------------------
// Registration.

/** Our kernel functions, to recognize them in the registry. */
const ours = new WeakSet<KernelFunc>();
/** The stock configs that we replaced (or null where there was none), by backend and kernel. */
const replaced = new Map<string, Map<string, KernelConfig | null>>();

/**
 * Registers the training kernels of this module for `backendName` ('wasm' or
 * 'cpu'; any other backend is left as it is). Idempotent: a second call
 * changes nothing. The replaced stock kernels keep their setup and dispose
 * functions, so the backend can be re-initialized afterwards.
 */
export function registerTfjsOverrides(backendName: string): void {
  const factories = FACTORIES[backendName];
  if (factories == null) return;
  const saved = replaced.get(backendName) ?? new Map<string, KernelConfig | null>();
  // Stock kernels as they were before this module touched them.
  const stockConfig = (name: string): KernelConfig | undefined => {
    if (saved.has(name)) return saved.get(name) ?? undefined;
    const config = getKernel(name, backendName);
    return config != null && !ours.has(config.kernelFunc) ? config : undefined;
  };
  const stockKernel = (name: string): Kernel | undefined => {
    const config = stockConfig(name);
    return config == null ? undefined : (config.kernelFunc as unknown as Kernel);
  };
  // Build every kernel first, so that a backend whose stock kernels are
  // missing gets an error and no half-done registration.
  const planned: Array<{ name: string; kernel: KernelFunc; stock?: KernelConfig; current?: KernelConfig }> = [];
  for (const [name, factory] of Object.entries(factories)) {
    const current = getKernel(name, backendName);
    if (current != null && ours.has(current.kernelFunc)) continue;
    const stock = stockConfig(name);
    let kernel: KernelFunc;
    try {
      kernel = factory({
        backendName, host: HOSTS[backendName], stock: stock?.kernelFunc as unknown as Kernel | undefined, stockKernel,
      }) as unknown as KernelFunc;
    } catch (error) {
      throw new Error(`registerTfjsOverrides('${backendName}'): ${(error as Error).message}; `
        + `import the backend's package before registering its training kernels`);
    }
    planned.push({ name, kernel, stock, current });
  }
  replaced.set(backendName, saved);
  for (const { name, kernel, stock, current } of planned) {
    ours.add(kernel);
    if (!saved.has(name)) saved.set(name, stock ?? null);
    if (current != null) unregisterKernel(name, backendName);
    registerKernel({
      kernelName: name,
      backendName,
      kernelFunc: kernel,
      setupFunc: stock?.setupFunc,
      disposeFunc: stock?.disposeFunc,
    });
  }
}

/**
 * Puts back the stock kernels that registerTfjsOverrides replaced for
 * `backendName` (and removes the ones that the backend lacked). For tests and
 * benchmarks that compare with the stock kernels.
 */
export function restoreStockKernels(backendName: string): void {
  const saved = replaced.get(backendName);
  if (saved == null) return;
  for (const [name, stock] of saved) {
    const current = getKernel(name, backendName);
    if (current == null || !ours.has(current.kernelFunc)) continue;
    unregisterKernel(name, backendName);
    if (stock != null) registerKernel(stock);
  }
  replaced.delete(backendName);
}

/** Whether this module's kernel is the one registered for `kernelName` on `backendName`. */
export function hasTfjsOverride(kernelName: string, backendName: string): boolean {
  const current = getKernel(kernelName, backendName);
  return current != null && ours.has(current.kernelFunc);
}
