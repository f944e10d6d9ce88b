// The release command refuses what it cannot release, with one line, before it changes anything;
// CHANGELOG.md has the Unreleased section it turns into the release's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

function release(...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/release.mjs', ...args], { encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr };
}

test('npm run release refuses a version that is not X.Y.Z, with one line, and changes nothing', async () => {
  const before = await readFile('package.json', 'utf8');
  for (const version of ['1.2', 'v1.2.0', '1.2.0-rc.1', '']) {
    const result = release(...(version ? [version] : []));
    assert.equal(result.code, 1, version);
    assert.equal(result.stderr, `release: the version must be X.Y.Z (e.g. 1.2.0), got "${version}"\n`);
  }
  assert.equal(await readFile('package.json', 'utf8'), before);
});

test('CHANGELOG.md follows Keep a Changelog and has an Unreleased section with entries', async () => {
  const changelog = await readFile('CHANGELOG.md', 'utf8');
  assert.match(changelog, /^# Changelog\n/);
  assert.match(changelog, /Keep a Changelog/);
  const unreleased = /^## \[Unreleased\]\n([\s\S]*?)(?=^## \[|^\[Unreleased\]:)/m.exec(changelog)?.[1] ?? '';
  assert.match(unreleased, /^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/m);
  for (const heading of unreleased.matchAll(/^### (.*)$/gm)) assert.ok(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(heading[1]), heading[1]);
});
