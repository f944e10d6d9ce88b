// `npm run schema`: writes schema/params.schema.json, the JSON Schema of
// params.yaml that editors read (`# yaml-language-server: $schema=…`),
// generated from the one schema in src/params-schema.ts. The action ships it;
// test/params-json-schema.test.ts fails when the file is stale.

import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { paramsJsonSchema } from '../src/params-schema.js';

export const PARAMS_JSON_SCHEMA_FILE = fileURLToPath(new URL('../schema/params.schema.json', import.meta.url));

/** The file's text: the schema, two-space indented, one newline at the end. */
export function paramsJsonSchemaText(): string {
  return JSON.stringify(paramsJsonSchema(), null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(PARAMS_JSON_SCHEMA_FILE, paramsJsonSchemaText());
  console.log(`wrote ${PARAMS_JSON_SCHEMA_FILE}`);
}
