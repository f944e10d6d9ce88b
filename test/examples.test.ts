// The example workflows are real files that GitHub's workflow parser accepts; README's opening
// workflow and the ones in docs/github-action.md are those files word for word; and they use
// current versions: Node 22 or newer, and the majors of checkout and setup-node that this
// repository's own workflows pin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse as parseYaml } from 'yaml';

const EXAMPLES = 'examples/workflows';

/** The file from its `name:` line on: the part a reader pastes (the leading comment says where it goes). */
function body(content: string): string {
  return content.slice(content.search(/^name: /m));
}

async function examples(): Promise<Map<string, string>> {
  const names = (await readdir(EXAMPLES)).filter((name) => name.endsWith('.yml')).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(EXAMPLES, name), 'utf8')] as [string, string])));
}

/** Major version pinned for each action in this repository's own workflows (by their `# vX.Y.Z` comments). */
async function ownMajors(): Promise<Map<string, string>> {
  const majors = new Map<string, string>();
  for (const name of await readdir('.github/workflows')) {
    const content = await readFile(join('.github/workflows', name), 'utf8');
    for (const match of content.matchAll(/uses: (actions\/[\w-]+)@[0-9a-f]{40} # (v\d+)\./g)) majors.set(match[1], match[2]);
  }
  return majors;
}

test('every example workflow parses clean in the workflow parser', async () => {
  const files = await examples();
  assert.deepEqual([...files.keys()], ['publish-report.yml', 'sweep.yml', 'train.yml']);
  for (const [name, content] of files) {
    const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
    assert.deepEqual(parsed.context.errors.getErrors().map((error) => error.message), [], name);
    const workflow = parseYaml(content) as { on?: unknown; permissions?: unknown; jobs?: unknown };
    assert.ok(workflow.on && workflow.permissions && workflow.jobs, `${name} is complete: on, permissions, jobs`);
  }
});

test("README opens with the train example, and docs/github-action.md carries each example word for word", async () => {
  const files = await examples();
  const readme = await readFile('README.md', 'utf8');
  const firstBlock = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.equal(firstBlock, body(files.get('train.yml')!), "README's first code block is examples/workflows/train.yml");
  assert.ok(readme.indexOf('```yaml') < readme.indexOf('\n## '), 'it comes before the first section');
  const docs = await readFile('docs/github-action.md', 'utf8');
  for (const [name, content] of files) assert.ok(docs.includes(body(content)), `docs/github-action.md has ${name} as it is`);
});

test('the examples and the docs use Node 22 or newer and the current majors of the actions they name', async () => {
  const majors = await ownMajors();
  assert.ok(majors.get('actions/checkout') && majors.get('actions/setup-node'), 'this repository pins checkout and setup-node');
  const texts = [...(await examples())].map(([name, content]) => [name, content] as const);
  for (const name of ['README.md', 'docs/github-action.md']) texts.push([name, await readFile(name, 'utf8')]);
  for (const [name, text] of texts) {
    for (const match of text.matchAll(/node-version: (\d+)/g)) assert.ok(Number(match[1]) >= 22, `${name}: node-version ${match[1]}`);
    for (const match of text.matchAll(/uses: (actions\/[\w-]+)@(v\d+)\b/g)) {
      const current = majors.get(match[1]);
      if (current) assert.equal(match[2], current, `${name}: ${match[1]}@${match[2]}, this repository uses ${current}`);
    }
  }
});
