// What the model is, as params.yaml's `model:` list states it: the hidden
// layers, one mapping with one key per layer (the PyTorch reference's
// `--layers` shape, so that one list can be handed to both), with every
// option checked and defaulted and every shape inferred here, before any image
// is decoded. The output layer (dense to the number of classes, logits) is
// added. Pure: no tfjs, so that params.ts and the action's inputs can use it.

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'none';

export type LayerSpec =
  | { kind: 'conv2d'; filters: number; kernel: number; stride: number; padding: 'valid' | 'same'; activation: Activation }
  | { kind: 'max_pool' | 'avg_pool'; size: number; stride: number }
  | { kind: 'batch_norm' }
  | { kind: 'dropout'; rate: number }
  | { kind: 'flatten' }
  | { kind: 'global_avg_pool' }
  | { kind: 'dense'; units: number; activation: Activation };

export type LayerKind = LayerSpec['kind'];

/** A layer's output without the batch dimension: [height, width, channels] or [features]. */
export type Shape = [number, number, number] | [number];

export interface ShapedLayer {
  /** 1-based position in the `model:` list; the output layer (and an implicit flatten before it) come after the list. */
  position: number;
  spec: LayerSpec | { kind: 'output'; units: number };
  /** True for a flatten the list did not state: the output layer needs a flat input, as in the reference. */
  implicit?: boolean;
  inputShape: Shape;
  outputShape: Shape;
  /** All weights of the layer (batch_norm: scale, shift and its two running statistics). */
  parameters: number;
  trainableParameters: number;
}

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'none'];

interface OptionRule {
  /** undefined: the option is required. */
  fallback?: (options: Record<string, unknown>) => unknown;
  /** What is allowed, or undefined when the value is valid. */
  check: (value: unknown) => string | undefined;
}

const whole = (min: number, max: number) => (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? undefined : `a whole number from ${min} to ${max}`;

const oneOfValues = (values: readonly string[]) => (value: unknown) =>
  typeof value === 'string' && values.includes(value) ? undefined : values.map((item) => `"${item}"`).join(', ');

const LAYER_OPTIONS: Record<LayerKind, Record<string, OptionRule>> = {
  conv2d: {
    filters: { check: whole(1, 4096) },
    kernel: { check: whole(1, 64) },
    stride: { fallback: () => 1, check: whole(1, 64) },
    padding: { fallback: () => 'valid', check: oneOfValues(['valid', 'same']) },
    activation: { fallback: () => 'relu', check: oneOfValues(ACTIVATIONS) },
  },
  max_pool: { size: { check: whole(1, 1024) }, stride: { fallback: (options) => options.size, check: whole(1, 1024) } },
  avg_pool: { size: { check: whole(1, 1024) }, stride: { fallback: (options) => options.size, check: whole(1, 1024) } },
  batch_norm: {},
  dropout: {
    rate: {
      fallback: () => 0.5,
      check: (value) => (typeof value === 'number' && value >= 0 && value < 1 ? undefined : 'a number from 0 up to (not including) 1, e.g. 0.25'),
    },
  },
  flatten: {},
  global_avg_pool: {},
  dense: { units: { check: whole(1, 65_536) }, activation: { fallback: () => 'relu', check: oneOfValues(ACTIVATIONS) } },
};

export const LAYER_KINDS = Object.keys(LAYER_OPTIONS) as LayerKind[];

export class ModelSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelSpecError';
  }
}

const EXAMPLE = 'e.g. - dense: {units: 64}';

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** `where` is e.g. 'params.yaml: model'; a layer's messages start "params.yaml: model, layer 3 (max_pool)". */
function layerWhere(where: string, position: number, kind?: string): string {
  return `${where}, layer ${position}${kind ? ` (${kind})` : ''}`;
}

/**
 * Checks the list's structure and options and fills defaults: one message
 * per problem, naming the layer's position and what to write instead.
 * `null` options (`- flatten:`) mean none.
 */
export function parseLayers(raw: unknown, where: string): LayerSpec[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ModelSpecError(`${where}: must be a non-empty list of layers, one per line, ${EXAMPLE}; got ${describe(raw)}`);
  }
  if (raw.length > 100) throw new ModelSpecError(`${where}: has ${raw.length} layers; at most 100 are allowed`);
  return raw.map((item, index) => {
    const position = index + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item) || Object.keys(item).length !== 1) {
      throw new ModelSpecError(`${layerWhere(where, position)}: each layer is a mapping with one key, the layer's kind, ${EXAMPLE}; got ${describe(item)}`);
    }
    const [[kind, givenOptions]] = Object.entries(item as Record<string, unknown>);
    // Own keys only: "constructor" names no layer, whatever objects inherit.
    const rules = Object.hasOwn(LAYER_OPTIONS, kind) ? LAYER_OPTIONS[kind as LayerKind] : undefined;
    if (!rules) {
      throw new ModelSpecError(`${layerWhere(where, position)}: unknown layer "${kind}"; known layers: ${LAYER_KINDS.join(', ')}`);
    }
    if (givenOptions !== null && givenOptions !== undefined && (typeof givenOptions !== 'object' || Array.isArray(givenOptions))) {
      throw new ModelSpecError(`${layerWhere(where, position, kind)}: options must be a mapping, e.g. {${Object.keys(rules)[0] ?? ''}${Object.keys(rules).length > 0 ? ': …' : ''}}; got ${describe(givenOptions)}`);
    }
    const options = { ...((givenOptions ?? {}) as Record<string, unknown>) };
    for (const name of Object.keys(options)) {
      if (!Object.hasOwn(rules, name)) {
        const known = Object.keys(rules);
        throw new ModelSpecError(
          `${layerWhere(where, position, kind)}: unknown option "${name}"; ${known.length > 0 ? `its options are ${known.join(', ')}` : 'it takes no options'}`,
        );
      }
    }
    const filled: Record<string, unknown> = { kind };
    for (const [name, rule] of Object.entries(rules)) {
      let value = options[name];
      if (value === undefined || value === null) {
        if (!rule.fallback) throw new ModelSpecError(`${layerWhere(where, position, kind)}: "${name}" is required; ${exampleFor(kind as LayerKind)}`);
        value = rule.fallback(options);
      }
      const allowed = rule.check(value);
      if (allowed) throw new ModelSpecError(`${layerWhere(where, position, kind)}: "${name}" must be ${allowed}; got ${describe(value)}`);
      filled[name] = value;
    }
    return filled as LayerSpec;
  });
}

function exampleFor(kind: LayerKind): string {
  const examples: Partial<Record<LayerKind, string>> = {
    conv2d: 'e.g. - conv2d: {filters: 32, kernel: 3}',
    max_pool: 'e.g. - max_pool: {size: 2}',
    avg_pool: 'e.g. - avg_pool: {size: 2}',
    dense: EXAMPLE,
  };
  return examples[kind] ?? EXAMPLE;
}

/** The notebook's model, which `train.conv_size` and `train.dense_size` are the shorthands of. */
export function notebookLayers(convSize: number, denseSize: number): LayerSpec[] {
  return [
    { kind: 'conv2d', filters: convSize, kernel: 3, stride: 1, padding: 'valid', activation: 'relu' },
    { kind: 'max_pool', size: 3, stride: 3 },
    { kind: 'flatten' },
    { kind: 'dense', units: denseSize, activation: 'relu' },
  ];
}

/** Rows or columns out of a window of `size` moved by `stride` over `input` (no padding), as PyTorch and tfjs 'valid' give. */
function windows(input: number, size: number, stride: number): number {
  return Math.floor((input - size) / stride) + 1;
}

/** Padding on each side for 'same': size // 2, as the reference's PyTorch Conv2d is given. */
export function samePadding(layer: Extract<LayerSpec, { kind: 'conv2d' }>): number {
  return layer.padding === 'same' ? Math.floor(layer.kernel / 2) : 0;
}

/**
 * Every layer's input and output shape and its number of weights, for
 * images of `imageShape` and `classes` classes (the output layer). An
 * impossible shape (a window bigger than its input, an image layer after
 * flatten, dense before flatten) is an error naming the layer and the fix.
 */
export function shapeLayers(layers: readonly LayerSpec[], imageShape: [number, number, number], classes: number, where: string): ShapedLayer[] {
  const shaped: ShapedLayer[] = [];
  let shape = imageShape as Shape;
  const push = (position: number, spec: ShapedLayer['spec'], outputShape: Shape, parameters: number, trainable = parameters, implicit = false) => {
    shaped.push({ position, spec, inputShape: shape, outputShape, parameters, trainableParameters: trainable, ...(implicit ? { implicit } : {}) });
    shape = outputShape;
  };
  layers.forEach((layer, index) => {
    const position = index + 1;
    const at = layerWhere(where, position, layer.kind);
    const image = shape.length === 3 ? (shape as [number, number, number]) : undefined;
    const needsImage = () => {
      if (!image) {
        throw new ModelSpecError(`${at}: needs an image-shaped input, but follows a flat one (${shape[0]} features); move it before flatten, global_avg_pool and dense`);
      }
      return image;
    };
    switch (layer.kind) {
      case 'conv2d': {
        const [height, width, channels] = needsImage();
        const pad = samePadding(layer);
        if (layer.kernel > height + 2 * pad || layer.kernel > width + 2 * pad) {
          throw new ModelSpecError(`${at}: kernel ${layer.kernel} is bigger than its ${height}×${width} input; use a kernel ≤ ${Math.min(height, width) + 2 * pad}, padding: same, or fewer pools before it`);
        }
        const out: Shape = [windows(height + 2 * pad, layer.kernel, layer.stride), windows(width + 2 * pad, layer.kernel, layer.stride), layer.filters];
        push(position, layer, out, layer.kernel * layer.kernel * channels * layer.filters + layer.filters);
        break;
      }
      case 'max_pool':
      case 'avg_pool': {
        const [height, width, channels] = needsImage();
        if (layer.size > height || layer.size > width) {
          throw new ModelSpecError(`${at}: size ${layer.size} is bigger than its ${height}×${width} input; use a size ≤ ${Math.min(height, width)} or remove the layer`);
        }
        push(position, layer, [windows(height, layer.size, layer.stride), windows(width, layer.size, layer.stride), channels], 0);
        break;
      }
      case 'batch_norm': {
        const channels = shape[shape.length - 1];
        push(position, layer, shape, 4 * channels, 2 * channels);
        break;
      }
      case 'dropout':
        push(position, layer, shape, 0);
        break;
      case 'flatten':
        push(position, layer, [shape.reduce((product, side) => product * side, 1)], 0);
        break;
      case 'global_avg_pool': {
        const [, , channels] = needsImage();
        push(position, layer, [channels], 0);
        break;
      }
      case 'dense': {
        if (shape.length !== 1) throw new ModelSpecError(`${at}: needs a flat input; put - flatten: {} or - global_avg_pool: {} before it`);
        push(position, layer, [layer.units], shape[0] * layer.units + layer.units);
        break;
      }
    }
  });
  const outputPosition = layers.length + 1;
  if (shape.length !== 1) push(outputPosition, { kind: 'flatten' }, [shape.reduce((product, side) => product * side, 1)], 0, 0, true);
  const features = (shape as number[])[0];
  push(outputPosition, { kind: 'output', units: classes }, [classes], features * classes + classes);
  return shaped;
}

export function countParameters(shaped: readonly ShapedLayer[]): { parameters: number; trainable: number } {
  return shaped.reduce(
    (sum, layer) => ({ parameters: sum.parameters + layer.parameters, trainable: sum.trainable + layer.trainableParameters }),
    { parameters: 0, trainable: 0 },
  );
}

/**
 * Refuses a model over `limit` weights, naming its biggest layer: a typo
 * such as `units: 64000` would otherwise take the runner's memory and hours.
 */
export function checkParameterLimit(shaped: readonly ShapedLayer[], limit: number, where: string): void {
  const { parameters } = countParameters(shaped);
  if (parameters <= limit) return;
  const biggest = shaped.reduce((best, layer) => (layer.parameters > best.parameters ? layer : best));
  const name = biggest.spec.kind === 'output' ? 'the output layer' : `layer ${biggest.position} (${biggest.spec.kind})`;
  throw new ModelSpecError(
    `${where}: the model has ${parameters.toLocaleString('en-US')} weights, over the limit of ${limit.toLocaleString('en-US')} (train.max_parameters); ` +
      `${name} holds ${biggest.parameters.toLocaleString('en-US')} of them: make it smaller (fewer units or filters, a pool before it) or raise train.max_parameters`,
  );
}

/** The layer's options as the record keeps them (everything but the kind). */
export function layerOptions(spec: ShapedLayer['spec']): Record<string, string | number> {
  const { kind: _kind, ...options } = spec as Record<string, string | number>;
  return options;
}

/** The list as params.yaml and the reference's --layers write it: [{conv2d: {filters: 32, …}}, …]. */
export function layersAsList(layers: readonly LayerSpec[]): Record<string, Record<string, string | number>>[] {
  return layers.map((layer) => ({ [layer.kind]: layerOptions(layer) }));
}
