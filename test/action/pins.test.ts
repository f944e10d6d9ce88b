// Every nested `uses:` in action.yml is pinned by full commit SHA (organisations
// that enforce SHA pinning reject tags, inside composite actions too), with a
// version comment, and the pinned commit is a release whose own action.yml says
// `using: node24`. PINS is that table, read from each action's repository at the
// tag: a pin that is not in it, or a comment that disagrees with it, fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadManifest, REPO_ROOT } from './harness.js';

interface Pin {
  version: string;
  /** `runs.using` of the action.yml at that commit. */
  using: 'node24';
}

/** owner/name[/path] → commit SHA → release. */
const PINS: Record<string, Record<string, Pin>> = {
  'actions/setup-node': { '820762786026740c76f36085b0efc47a31fe5020': { version: 'v7.0.0', using: 'node24' } },
  'actions/cache': { '27d5ce7f107fe9357f9df03efb73ab90386fccae': { version: 'v5.0.5', using: 'node24' } },
  'actions/cache/restore': { '27d5ce7f107fe9357f9df03efb73ab90386fccae': { version: 'v5.0.5', using: 'node24' } },
  'actions/cache/save': { '27d5ce7f107fe9357f9df03efb73ab90386fccae': { version: 'v5.0.5', using: 'node24' } },
  'actions/download-artifact': { '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c': { version: 'v8.0.1', using: 'node24' } },
  'actions/upload-artifact': { bbbca2ddaa5d8feaa63e36b76fdaad77386f024f: { version: 'v7.0.0', using: 'node24' } },
};

test('every nested uses: in action.yml is pinned by SHA to a Node 24 release, with its version as a comment', async () => {
  const manifest = await loadManifest();
  const text = await readFile(join(REPO_ROOT, 'action.yml'), 'utf8');
  const uses = manifest.runs.steps.flatMap((step) => (step.uses ? [step.uses] : []));
  assert.ok(uses.length >= 4, `found ${uses.length} uses: steps`);
  for (const entry of uses) {
    const match = /^([\w.-]+\/[\w.-]+(?:\/[\w./-]+)?)@([0-9a-f]{40})$/.exec(entry);
    assert.ok(match, `${entry} is not pinned to a full commit SHA`);
    const [, action, sha] = match;
    const pin = PINS[action]?.[sha];
    assert.ok(pin, `${action}@${sha} is not a known release commit (add it to PINS after checking its action.yml)`);
    assert.equal(pin.using, 'node24', `${action} ${pin.version} runs on ${pin.using}`);
    const line = text.split('\n').find((candidate) => candidate.includes(`uses: ${entry}`));
    assert.match(line ?? '', new RegExp(`uses: ${entry} # ${pin.version.replace(/\./g, '\\.')}$`), `${entry} has the comment # ${pin.version}`);
  }
});

test('the project\'s own workflows use Node 22 and 24, not 20', async () => {
  for (const name of ['check-dist.yml', 'self-test.yml', 'test.yml']) {
    const content = await readFile(join(REPO_ROOT, '.github', 'workflows', name), 'utf8');
    assert.doesNotMatch(content, /node-version: 20\b|node: \[20/, name);
  }
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.engines.node, '>=22');
});
