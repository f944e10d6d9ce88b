// action.yml as the Marketplace checks it: a name, a description under 125 characters, branding
// with an icon and a colour it accepts, and every input and output described.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './harness.js';

const COLOURS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];

test('action.yml is Marketplace-valid: description under 125 characters, branding, every input and output described', async () => {
  const manifest = parseYaml(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    name?: string;
    description?: string;
    branding?: { icon?: string; color?: string };
    inputs: Record<string, { description?: string }>;
    outputs: Record<string, { description?: string }>;
  };
  assert.ok(manifest.name && manifest.name.length > 0);
  assert.ok(manifest.description, 'a description');
  assert.ok(manifest.description.length < 125, `the description is ${manifest.description.length} characters; the Marketplace refuses 125 or more`);
  assert.match(manifest.branding?.icon ?? '', /^[a-z0-9-]+$/, 'a Feather icon name');
  assert.ok(COLOURS.includes(manifest.branding?.color ?? ''), `branding colour ${manifest.branding?.color} is one of ${COLOURS.join(', ')}`);
  assert.ok(Object.keys(manifest.inputs).length >= 17, 'the inputs are all there');
  for (const [name, input] of [...Object.entries(manifest.inputs), ...Object.entries(manifest.outputs)]) {
    assert.ok((input.description ?? '').trim().length >= 10, `${name} is described`);
  }
});
