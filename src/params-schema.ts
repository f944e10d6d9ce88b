// params.yaml's shape, stated once: the TypeScript types are inferred from
// it, params.ts checks files with it, its defaults are the notebook's, and
// schema/params.schema.json (the JSON Schema editors read) is generated from
// it (scripts/params-json-schema.ts). Each field's error is what the field
// allows, in words ("a whole number from 1 to 10000"): params.ts puts the
// file and the key in front of it. zod/mini rather than zod: the same checks
// in about a quarter of the bundle (a sample schema bundled 143 KB with zod's
// classic API, 39 KB with zod/mini; dist/ grew 48 KB with both schemas).
// What depends on more than one field (the model list against the
// shorthands, an optimizer's own option, the shapes) is checked in params.ts.
// Pure: no I/O, no tfjs.

import * as z from 'zod/mini';
import { OPTIMIZERS } from './model/optimizer.js';
import { LAYER_KINDS } from './model/spec.js';

/** A number field whose every failure says the same thing: what it allows. */
const wholeNumber = (min: number, max: number) => {
  const error = `a whole number from ${min} to ${max}`;
  return z.int({ error }).check(z.minimum(min, { error }), z.maximum(max, { error }));
};

const seed = () => wholeNumber(0, 2 ** 32 - 1);

const SPLIT_ERROR = 'a number between 0 and 1 (exclusive), e.g. 0.2';
const IMAGE_SIDE_ERROR = 'two whole numbers [height, width], each from 4 to 1024, e.g. [32, 32]';
const imageSide = z.int({ error: IMAGE_SIDE_ERROR }).check(z.minimum(4, { error: IMAGE_SIDE_ERROR }), z.maximum(1024, { error: IMAGE_SIDE_ERROR }));
const LR_ERROR = 'a positive number, e.g. 0.0001';
const WEIGHT_DECAY_ERROR = 'a number from 0 to 1, e.g. 0.01';
const MOMENTUM_ERROR = 'a number from 0 up to (not including) 1, e.g. 0.9';

const SECTION_ERROR = 'a mapping of keys';

/** `prepare:`: how the images become tensors, and which of them validate. */
export const PREPARE_SCHEMA = z.strictObject({
  seed: z._default(seed(), 77).check(z.describe('Seed of the train/validation split.')),
  split: z._default(z.number({ error: SPLIT_ERROR }).check(z.gt(0, { error: SPLIT_ERROR }), z.lt(1, { error: SPLIT_ERROR })), 0.2)
    .check(z.describe('Share of the images held out for validation, between 0 and 1.')),
  image_size: z.prefault(z.tuple([imageSide, imageSide], { error: IMAGE_SIDE_ERROR }), [32, 32])
    .check(z.describe('[height, width] every image is resized to.')),
  grayscale: z._default(z.boolean({ error: 'true or false' }), true).check(z.describe('One channel instead of three.')),
  on_bad_image: z._default(z.enum(['fail', 'skip'], { error: '"fail" or "skip"' }), 'fail')
    .check(z.describe('An image that cannot be decoded fails the run, or is skipped and listed in the report.')),
}, { error: SECTION_ERROR });

/** `train:`: the model's shorthands, the optimizer and the seeds. */
export const TRAIN_SCHEMA = z.strictObject({
  seed: z._default(seed(), 77).check(z.describe("The first seed's; seeds count up from it (train.repeats).")),
  lr: z._default(z.number({ error: LR_ERROR }).check(z.gt(0, { error: LR_ERROR }), z.lte(10, { error: LR_ERROR })), 0.0001)
    .check(z.describe('Learning rate.')),
  epochs: z._default(wholeNumber(1, 10_000), 5),
  batch_size: z._default(wholeNumber(1, 65_536), 32),
  conv_size: z._default(wholeNumber(1, 4096), 32).check(z.describe("Filters of the notebook model's convolution (without a model list).")),
  dense_size: z._default(wholeNumber(1, 65_536), 64).check(z.describe("Units of the notebook model's hidden dense layer (without a model list).")),
  repeats: z._default(wholeNumber(1, 100), 6).check(z.describe('Models trained, one per seed; the comparison weighs their spread.')),
  optimizer: z._default(z.enum(OPTIMIZERS, { error: OPTIMIZERS.map((name) => `"${name}"`).join(', ') }), 'adam'),
  weight_decay: z.optional(
    z.number({ error: WEIGHT_DECAY_ERROR }).check(z.gte(0, { error: WEIGHT_DECAY_ERROR }), z.lte(1, { error: WEIGHT_DECAY_ERROR }), z.describe('adamw only; default 0.01, as torch.optim.AdamW.')),
  ),
  momentum: z.optional(
    z.number({ error: MOMENTUM_ERROR }).check(z.gte(0, { error: MOMENTUM_ERROR }), z.lt(1, { error: MOMENTUM_ERROR }), z.describe('sgd only; default 0, as torch.optim.SGD.')),
  ),
  max_parameters: z._default(wholeNumber(1, 1_000_000_000), 10_000_000)
    .check(z.describe('A model with more weights is refused before any image is decoded.')),
}, { error: SECTION_ERROR });

/**
 * `model:`, the hidden layers, as the file states them. Their options and
 * shapes are model/spec.ts's (parseLayers, with its own messages); here the
 * list's outline only: one mapping per layer, keyed by a layer kind.
 */
export const MODEL_LIST_SCHEMA = z.array(
  z.partialRecord(z.enum(LAYER_KINDS), z.nullable(z.record(z.string(), z.union([z.number(), z.string()])))),
).check(z.minLength(1), z.describe('The hidden layers, one mapping each (e.g. - conv2d: {filters: 32, kernel: 3}); absent, the notebook model.'));

export const PARAMS_SCHEMA = z.strictObject(
  {
    prepare: z.prefault(PREPARE_SCHEMA, {}),
    train: z.prefault(TRAIN_SCHEMA, {}),
    // Read by parseLayers (params.ts), whose messages name the layer and the fix.
    model: z.optional(z.unknown()),
  },
  { error: 'a mapping with "prepare:" and "train:" sections' },
);

export type PrepareParams = z.output<typeof PREPARE_SCHEMA>;
export type TrainParams = z.output<typeof TRAIN_SCHEMA>;

/** The sections whose keys params.yaml and overrides name (section.key). */
export const SECTIONS = { prepare: PREPARE_SCHEMA, train: TRAIN_SCHEMA } as const;
export type SectionName = keyof typeof SECTIONS;

/** params.yaml's JSON Schema (draft 2020-12), as editors read it: the input side, defaults shown. */
export function paramsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PARAMS_SCHEMA, {
    io: 'input',
    target: 'draft-2020-12',
    override: (context) => {
      if (context.zodSchema !== PARAMS_SCHEMA.shape.model) return;
      const list = z.toJSONSchema(MODEL_LIST_SCHEMA, { io: 'input', target: 'draft-2020-12' }) as { $schema?: string; items: Record<string, unknown> };
      delete list.$schema;
      // One layer per mapping: what a record schema cannot say, JSON Schema can.
      Object.assign(list.items, { minProperties: 1, maxProperties: 1 });
      Object.assign(context.jsonSchema, list);
    },
  }) as Record<string, unknown>;
  delete (schema as { $schema?: string }).$schema;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'train-and-report params.yaml',
    description: 'The prepare and train stages\' params (DVC\'s layout) and the optional model list; absent keys take the defaults shown.',
    ...schema,
  };
}
