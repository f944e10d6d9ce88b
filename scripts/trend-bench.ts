// What the trend costs: the recorded runs of one identity read from the
// loopback fake GitHub API (test/fakes/github.ts), as the action reads them
// on a push or a pull request. Nothing is trained. Prints the API calls by
// kind and the seconds to read them and to judge every step, with no added
// latency and with a fixed latency per call (the fake answers at once; a
// real API does not). A script that prints figures, not a test.
//
//   npm run bench -- --trend [--trend-runs 20] [--record RUN_DIR/run.json] [--latency-ms 0,150] [--rounds 3]

import { readFile } from 'node:fs/promises';
import { buildTrend } from '../src/compare/trend.js';
import { createClient } from '../src/github/client.js';
import { DEFAULT_STORE_REF, saveRun } from '../src/github/store.js';
import { readTrendHistory } from '../src/github/trend.js';
import type { RunIdentity } from '../src/identity.js';
import type { RunRecord } from '../src/record.js';
import { FakeGitHub } from '../test/fakes/github.js';
import { makeRecord } from '../test/report/fixtures.js';

const IDENTITY: RunIdentity = { workflow: '.github/workflows/ci.yml', job: 'train', variant: '' };
const fixed = (value: number) => value.toFixed(2);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchTrend(options: { runs: number; record?: string; latencies: number[]; rounds: number }): Promise<void> {
  const base: RunRecord = options.record
    ? (JSON.parse(await readFile(options.record, 'utf8')) as RunRecord)
    : makeRecord({ accuracy: 0.8, repeats: 6, validationCount: 321 });
  // Each run a little different (as no two pushes train the same), so that every step runs the full verdict.
  const contentOf = (run: number) => {
    const record = structuredClone(base);
    for (const repeat of record.repeats) repeat.metrics.val_acc += ((run * 7) % 5) / 1000;
    return Buffer.from(JSON.stringify(record, null, 2));
  };
  const content = contentOf(0);
  const fake = await FakeGitHub.start();
  const token = 'ghs_bench_token';
  fake.addToken(token);
  const client = createClient(token, { apiUrl: fake.url, retry: { baseDelayMs: 5, retries: 3, rateLimitRetries: 2, maxRetryAfter: 120, writeSpacingMs: 0 } });
  const repo = { owner: fake.owner, repo: fake.repo };
  try {
    // Three commits per push (only the last of each push has a run), so the walk passes commits without runs too.
    const commits = [fake.addCommit([], 'c0')];
    for (let i = 1; i <= options.runs * 3; i += 1) commits.push(fake.addCommit([commits[i - 1]], `c${i}`));
    for (let run = 1; run <= options.runs; run += 1) {
      await saveRun(client, repo, {
        ref: DEFAULT_STORE_REF, identity: IDENTITY, kind: 'baseline', sha: commits[run * 3], createdAt: '2026-01-01T00:00:00Z', keepRuns: 100,
        files: [{ name: 'run.json', content: contentOf(run) }],
      });
    }
    console.log(`## trend: ${options.runs} recorded runs of one identity, run.json of ${(content.length / 1024).toFixed(0)} kB each ` +
      `(${options.record ?? 'a synthetic record: 6 seeds, 321 validation images'}), on the loopback fake; medians of ${options.rounds} round(s)`);
    console.log('| latency per call | API calls | by kind | read (s) | judge every step (s) | points |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const latency of options.latencies) {
      fake.latencyMs = latency;
      const reads: number[] = [];
      const judges: number[] = [];
      let calls: typeof fake.requests = [];
      let points = 0;
      for (let round = 0; round < options.rounds; round += 1) {
        const before = fake.requests.length;
        const started = performance.now();
        const history = await readTrendHistory(client, repo, { storeRef: DEFAULT_STORE_REF, identity: IDENTITY, start: commits[commits.length - 1], runs: options.runs });
        const read = performance.now();
        points = buildTrend(history.entries).points.length;
        judges.push((performance.now() - read) / 1000);
        reads.push((read - started) / 1000);
        calls = fake.requests.slice(before);
      }
      const kinds = new Map<string, number>();
      for (const call of calls) {
        const kind = call.path.includes('/git/ref/') ? 'ref' : call.path.endsWith('/index.json') ? 'index' : call.path.endsWith('/commits') ? 'history' : call.path.endsWith('/run.json') ? 'run.json' : call.path;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      console.log(`| ${latency} ms | ${calls.length} | ${[...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ')} | ${fixed(median(reads))} | ${fixed(median(judges))} | ${points} |`);
    }
  } finally {
    await fake.close();
  }
}
