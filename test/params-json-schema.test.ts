import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { loadCommandParams } from '../src/command/params.js';
import { DEFAULT_PARAMS, parseParams, ParamsError } from '../src/params.js';
import { SECTIONS } from '../src/params-schema.js';
import { PARAMS_JSON_SCHEMA_FILE, paramsJsonSchemaText } from '../scripts/params-json-schema.js';
import { jsonSchemaProblems, type JsonSchema } from './helpers/json-schema.js';

const shipped = async (): Promise<JsonSchema> => JSON.parse(await readFile(PARAMS_JSON_SCHEMA_FILE, 'utf8')) as JsonSchema;

test('schema/params.schema.json is what the schema generates (run `npm run schema` after changing src/params-schema.ts)', async () => {
  assert.equal(await readFile(PARAMS_JSON_SCHEMA_FILE, 'utf8'), paramsJsonSchemaText());
});

test('the JSON Schema lists every key of every section, its default and its allowed words', async () => {
  const json = await shipped();
  for (const [section, schema] of Object.entries(SECTIONS)) {
    const properties = json.properties![section].properties!;
    assert.deepEqual(Object.keys(properties), Object.keys(schema.shape), section);
    assert.equal(json.properties![section].additionalProperties, false, `${section}: unknown keys are flagged`);
    for (const [key, property] of Object.entries(properties)) {
      const fallback = (DEFAULT_PARAMS as unknown as Record<string, Record<string, unknown>>)[section][key];
      if (fallback !== undefined) assert.deepEqual(property.default, fallback, `${section}.${key}'s default`);
    }
  }
  assert.deepEqual(json.properties!.prepare.properties!.on_bad_image.enum, ['fail', 'skip']);
  assert.deepEqual(json.properties!.train.properties!.optimizer.enum, SECTIONS.train.shape.optimizer.def.innerType.options);
  assert.ok((json.properties!.model.items as JsonSchema).propertyNames!.enum!.includes('conv2d'), 'the layer kinds are listed');
  assert.equal(json.additionalProperties, false);
});

test("the repository's params.yaml names the schema on its first line, and passes both the JSON Schema and the checks", async () => {
  const text = await readFile('params.yaml', 'utf8');
  assert.equal(text.split('\n')[0], '# yaml-language-server: $schema=./schema/params.schema.json');
  assert.deepEqual(jsonSchemaProblems(await shipped(), parseYaml(text)), []);
  assert.deepEqual(parseParams(text, 'params.yaml'), DEFAULT_PARAMS, "the repository's file states the notebook's values");
});

test("the examples' params.yaml files are training commands' own, and pass that reader", async () => {
  for (const file of ['examples/dvc/params.yaml', 'examples/pytorch/params.yaml']) {
    const { params, fromFile } = await loadCommandParams(file);
    assert.ok(fromFile, file);
    assert.equal(params.seed, 77, file);
    assert.equal(params.repeats, 6, file);
  }
});

test('what the JSON Schema refuses, the checks refuse: for each key a wrong type, and each bound overstepped', async () => {
  const json = await shipped();
  // [what the message names, the document]
  const cases: [string, unknown][] = [];
  for (const [section, sectionSchema] of Object.entries(json.properties!)) {
    if (section === 'model') continue;
    for (const [key, property] of Object.entries(sectionSchema.properties!)) {
      const at = (value: unknown) => cases.push([`${section}.${key}`, { [section]: { [key]: value } }]);
      at(property.type === 'string' ? 7 : 'seven');
      if (property.minimum !== undefined) at(property.minimum - (property.type === 'integer' ? 1 : 1e-9));
      if (property.maximum !== undefined) at(property.maximum + (property.type === 'integer' ? 1 : 1e-9));
      if (property.exclusiveMinimum !== undefined) at(property.exclusiveMinimum);
      if (property.exclusiveMaximum !== undefined) at(property.exclusiveMaximum);
      if (property.type === 'integer') at(Math.max(property.minimum ?? 0, 1) + 0.5);
      if (property.enum) at(`${property.enum[0]}-not`);
      if (property.prefixItems) {
        at([32]);
        at([32, 32, 32]);
        at([3, 32]);
      }
    }
    cases.push([`${section}.unknown`, { [section]: { unknown_key: 1 } }]);
  }
  cases.push(['trian', { trian: {} }], ['model', { model: [{ convolution: { filters: 3 } }] }], ['model', { model: [] }]);
  for (const [name, document] of cases) {
    assert.notDeepEqual(jsonSchemaProblems(json, document), [], `the JSON Schema refuses ${JSON.stringify(document)}`);
    assert.throws(() => parseParams(JSON.stringify(document), 'p.yaml'), (error: unknown) => error instanceof ParamsError && error.message.includes(name.split('.')[0]), JSON.stringify(document));
  }
  // And the values the notebook uses, stated in full, pass both.
  const full = JSON.parse(JSON.stringify(DEFAULT_PARAMS));
  assert.deepEqual(jsonSchemaProblems(json, full), []);
  assert.deepEqual(jsonSchemaProblems(json, { train: { optimizer: 'sgd', momentum: 0.9 }, model: [{ conv2d: { filters: 8, kernel: 3 } }, { flatten: null }, { dense: { units: 8 } }] }), []);
});
