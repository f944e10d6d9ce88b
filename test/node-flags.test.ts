// Every place that launches the tool passes the same Node flags (src/node-flags.ts: why).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { NODE_FLAGS } from '../src/node-flags.js';
import { ENTRY_COMMAND } from './action/harness.js';

const flags = NODE_FLAGS.join(' ');

test("the bin's shebang, action.yml's run step and npm start pass node-flags.ts's flags", async () => {
  const cli = await readFile('src/cli.ts', 'utf8');
  assert.equal(cli.split('\n')[0], `#!/usr/bin/env -S node ${flags}`);
  const action = await readFile('action.yml', 'utf8');
  assert.ok(action.includes(`run: node ${flags} "$GITHUB_ACTION_PATH/dist/index.js"`), 'action.yml runs dist/index.js with the flags');
  assert.equal(ENTRY_COMMAND, `node ${flags} "$GITHUB_ACTION_PATH/dist/index.js"`);
  const pkg = JSON.parse(await readFile('package.json', 'utf8'));
  assert.equal(pkg.scripts.start, `node ${flags} dist/cli.js run`);
});

test('Node accepts the flags, and they cap the young generation', () => {
  // new_space's size is what --max-semi-space-size bounds: objects that survive scavenges make it grow to its cap.
  // One reading can catch it a moment above the cap (V8 may hold a page back in the young generation
  // for a scavenge or two: 17 or 39 MiB were seen once in a few dozen runs), so the test reads it
  // through the last rounds and takes the median, which is what the young generation settles at.
  const script = "const v8=require('node:v8');const sizes=[];let keep=[];" +
    "for(let r=0;r<6;r++){keep=[];for(let i=0;i<300000;i++){keep.push(new Float64Array(4));" +
    "if(r>=3&&i%20000===0)sizes.push(v8.getHeapSpaceStatistics().find((s)=>s.space_name==='new_space').space_size);}}" +
    "sizes.sort((a,b)=>a-b);console.log(sizes[sizes.length>>1])";
  const capped = Number(execFileSync(process.execPath, [...NODE_FLAGS, '-e', script], { encoding: 'utf8' }));
  const uncapped = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  assert.ok(capped <= 2 * 4 * 1024 * 1024, `new space ${capped} bytes (median) with ${flags}`);
  assert.ok(capped < uncapped, `capped ${capped} < default ${uncapped}`);
});
