// The table of backends is the one source of their names: the CLI's choices,
// the action input's description, the record schema and the docs must all
// name exactly its rows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { BACKEND_CHOICES, BACKENDS, backendNamesInWords, BackendError, hostKernelsServe, parseBackendChoice } from '../../src/model/backend-choice.js';

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

test('the choices are auto plus every row, and a misspelt one is refused naming them all', () => {
  assert.deepEqual(BACKEND_CHOICES, ['auto', ...BACKENDS.map((row) => row.name)]);
  for (const choice of BACKEND_CHOICES) assert.equal(parseBackendChoice(choice), choice);
  assert.throws(() => parseBackendChoice('webgpuu', '--backend'), (error: Error) => error instanceof BackendError && error.message === `--backend must be one of ${BACKEND_CHOICES.join(', ')}; got "webgpuu"`);
});

test("action.yml's backend input names every choice", async () => {
  const action = parse(await read('action.yml')) as { inputs: Record<string, { description: string }> };
  assert.match(action.inputs.backend.description, new RegExp(backendNamesInWords().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});

test("README's backend table has one row per backend, in the table's order, with its package", async () => {
  const readme = await read('README.md');
  const section = readme.slice(readme.indexOf('## Backends'), readme.indexOf('## Speed'));
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \| `([^`]+)`/gm)].map((match) => [match[1], match[2]]);
  assert.deepEqual(rows, BACKENDS.map((row) => [row.name, row.package]));
});

test("docs/github-action.md's input table names every choice", async () => {
  const doc = await read('docs/github-action.md');
  const row = doc.split('\n').find((line) => line.startsWith('| `backend` |'))!;
  assert.match(row, new RegExp(BACKEND_CHOICES.map((name) => `\`${name}\``).join('.*')));
});

test('the host-memory kernels serve where tensors live on the host, not on webgpu', () => {
  assert.equal(hostKernelsServe('wasm'), true);
  assert.equal(hostKernelsServe('cpu'), true);
  assert.equal(hostKernelsServe('webgpu'), false);
});
