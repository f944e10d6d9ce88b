// A JSON Schema (draft 2020-12) validator for the keywords params.schema.json
// uses, so that a test can check documents against the shipped file itself.
// A keyword it does not know is an error, never silently ignored: a new
// keyword in the generated file makes the tests say so.

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  minProperties?: number;
  maxProperties?: number;
  prefixItems?: JsonSchema[];
  items?: boolean | JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  [annotation: string]: unknown;
}

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'default']);
const KNOWN = new Set([
  'type', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'properties', 'additionalProperties', 'propertyNames',
  'required', 'minProperties', 'maxProperties', 'prefixItems', 'items', 'minItems', 'maxItems', 'anyOf',
]);

function typeOf(value: unknown): string[] {
  if (value === null) return ['null'];
  if (Array.isArray(value)) return ['array'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'number'] : ['number'];
  return [typeof value];
}

/** Every problem of `value` against `schema`, each as "path: what"; [] when it is valid. */
export function jsonSchemaProblems(schema: JsonSchema | boolean, value: unknown, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`${path}: the test's validator does not know the keyword "${keyword}"`);
  }
  const problems: string[] = [];
  const types = typeOf(value);
  if (schema.type !== undefined && ![schema.type].flat().some((type) => types.includes(type))) return [`${path}: not of type ${String(schema.type)}`];
  if (schema.enum && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) problems.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: above ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) problems.push(`${path}: not above ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) problems.push(`${path}: not below ${schema.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${path}: more than ${schema.maxItems} items`);
    const prefix = schema.prefixItems ?? [];
    value.forEach((item, index) => {
      const itemSchema = index < prefix.length ? prefix[index] : schema.items;
      if (itemSchema !== undefined) problems.push(...jsonSchemaProblems(itemSchema, item, `${path}[${index}]`));
    });
  }
  if (types[0] === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) problems.push(`${path}: fewer than ${schema.minProperties} keys`);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) problems.push(`${path}: more than ${schema.maxProperties} keys`);
    for (const key of schema.required ?? []) if (!keys.includes(key)) problems.push(`${path}.${key}: required`);
    for (const key of keys) {
      if (schema.propertyNames) problems.push(...jsonSchemaProblems(schema.propertyNames, key, `${path}.${key} (its name)`));
      const property = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : schema.additionalProperties;
      if (property !== undefined) problems.push(...jsonSchemaProblems(property, object[key], `${path}.${key}`));
    }
  }
  if (schema.anyOf && !schema.anyOf.some((option) => jsonSchemaProblems(option, value, path).length === 0)) problems.push(`${path}: matches none of anyOf`);
  return problems;
}
