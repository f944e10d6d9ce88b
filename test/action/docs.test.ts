// The publish workflow in docs/github-action.md is valid and runs for fork pull requests only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './harness.js';

test("the docs' publish example validates, and its if: skips same-repository and skipped runs", async () => {
  const docs = await readFile(join(REPO_ROOT, 'docs', 'github-action.md'), 'utf8');
  const block = /```yaml\n(# \.github\/workflows\/train\.yml: as above[\s\S]*?)```/.exec(docs)?.[1];
  assert.ok(block, 'the publish example is in the docs');
  const content = block.slice(block.indexOf('name: Publish report'));
  const parsed = parseWorkflow({ name: 'publish-report.yml', content }, new NoOperationTraceWriter());
  assert.deepEqual(parsed.context.errors.getErrors().map((error) => error.message), []);
  const condition = String(parseYaml(content).jobs.publish.if).replace(/\s+/g, ' ');
  assert.match(condition, /github\.event\.workflow_run\.event == 'pull_request'/);
  assert.match(condition, /github\.event\.workflow_run\.head_repository\.full_name != github\.repository/);
  assert.match(condition, /github\.event\.workflow_run\.conclusion != 'skipped'/);
});
