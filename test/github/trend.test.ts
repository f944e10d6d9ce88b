import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/compare.js';
import { createClient } from '../../src/github/client.js';
import { DEFAULT_STORE_REF, saveRun } from '../../src/github/store.js';
import { alertOnStep, alertTitle, readTrendHistory, trendFor, type AlertInput } from '../../src/github/trend.js';
import type { RunIdentity } from '../../src/identity.js';
import type { RunRecord } from '../../src/record.js';
import { makeRecord } from '../report/fixtures.js';
import { FAST_RETRY, startFake } from './helpers.js';

const IDENTITY: RunIdentity = { workflow: '.github/workflows/ci.yml', job: 'train', variant: '' };
const OLD_JOB: RunIdentity = { ...IDENTITY, job: 'train-old' };

const record = (accuracy: number, seed = 77): RunRecord => makeRecord({ accuracy, repeats: 6, repeatSpread: 0.01, seed });

async function save(client: Parameters<typeof saveRun>[0], repo: { owner: string; repo: string }, sha: string, run: RunRecord, identity = IDENTITY, keepRuns = 100) {
  await saveRun(client, repo, {
    ref: DEFAULT_STORE_REF, identity, kind: 'baseline', sha, createdAt: '2026-01-01T00:00:00Z', keepRuns, sleep: async () => {},
    files: [{ name: 'run.json', content: Buffer.from(JSON.stringify(run)) }],
  });
}

const query = (start: string, extra: Record<string, unknown> = {}) => ({ storeRef: DEFAULT_STORE_REF, identity: IDENTITY, start, runs: 20, ...extra });

test('the trend reads the identity\'s recorded runs on the first-parent history, oldest first, with subjects; nothing else', async () => {
  const { fake, client, repo } = await startFake();
  try {
    // main: c0 … c5; a side branch s1 off c2 is merged in at c3 (second parent) and has a run of its own.
    const c: string[] = [fake.addCommit([], 'c0')];
    for (let i = 1; i <= 2; i += 1) c.push(fake.addCommit([c[i - 1]], `c${i}: **subject** ${i}`));
    const side = fake.addCommit([c[2]], 's1');
    c.push(fake.addCommit([c[2], side], 'c3 merge'));
    c.push(fake.addCommit([c[3]], 'c4'), fake.addCommit([c[4]], 'c5'));
    c[5] = fake.addCommit([c[4]], 'c5\n\nthe body is not the subject');
    await save(client, repo, c[1], record(0.5));
    await save(client, repo, side, record(0.9));
    await save(client, repo, c[3], record(0.8));
    await save(client, repo, c[4], record(0.8, 177));
    await save(client, repo, c[2], record(0.6), { ...IDENTITY, variant: '{"leg":"b"}' });

    const history = await readTrendHistory(client, repo, query(c[5]));
    assert.deepEqual(history.entries.map((entry) => entry.sha), [c[1], c[3], c[4]]);
    assert.deepEqual(history.entries.map((entry) => entry.subject), ['c1: **subject** 1', 'c3 merge', 'c4']);
    assert.equal(history.subjects.get(c[5]), 'c5');
    assert.ok(history.entries.every((entry) => entry.record && !entry.problem));

    // A push of c5: its own run is the last point; a re-run of c4 leaves c4's old record out.
    const pushed = await trendFor(client, repo, { ...query(c[5]), branch: 'main' }, { record: record(0.5, 277), sha: c[5], kind: 'push' });
    assert.equal(pushed.section.title, 'main over the last 4 pushes');
    assert.equal(pushed.section.folded, false);
    assert.deepEqual(pushed.section.trend.steps.map((step) => step.verdict), ['better', 'no clear change', 'worse']);
    assert.equal(pushed.section.trend.points[3].subject, 'c5');
    const three = await trendFor(client, repo, { ...query(c[5]), runs: 3, branch: 'main' }, { record: record(0.5, 277), sha: c[5], kind: 'push' });
    assert.deepEqual(three.section.trend.points.map((point) => point.sha), [c[3], c[4], c[5]], 'the push is one of the last 3');
    const pulledThree = await trendFor(client, repo, { ...query(c[4]), runs: 2, branch: 'main' }, { record: record(0.5, 277), sha: side, kind: 'pull', pullRequest: 7 });
    assert.equal(pulledThree.section.title, 'main over the last 2 pushes, and this pull request');
    const rerun = await readTrendHistory(client, repo, query(c[4], { skip: c[4] }));
    assert.deepEqual(rerun.entries.map((entry) => entry.sha), [c[1], c[3]]);

    // A pull request's trend ends with its own run, folded.
    const pulled = await trendFor(client, repo, { ...query(c[4]), branch: 'main' }, { record: record(0.5, 277), sha: side, kind: 'pull', pullRequest: 7, subject: 'PR title' });
    assert.equal(pulled.section.title, 'main over the last 3 pushes, and this pull request');
    assert.equal(pulled.section.folded, true);
    assert.deepEqual(pulled.section.trend.points.map((point) => point.label), [c[1].slice(0, 7), c[3].slice(0, 7), c[4].slice(0, 7), 'PR #7']);
  } finally {
    await fake.close();
  }
});

test('gaps are one line each: an identity that changed, pruned runs, a damaged record, a record of a newer version', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const c: string[] = [fake.addCommit([], 'c0')];
    for (let i = 1; i <= 6; i += 1) c.push(fake.addCommit([c[i - 1]], `c${i}`));
    await save(client, repo, c[1], record(0.5), OLD_JOB);
    await save(client, repo, c[2], record(0.5), OLD_JOB);
    await save(client, repo, c[3], record(0.5));
    await save(client, repo, c[4], { ...record(0.6), recordVersion: 99 });
    const damaged = await saveRun(client, repo, {
      ref: DEFAULT_STORE_REF, identity: IDENTITY, kind: 'baseline', sha: c[5], createdAt: '2026-01-01T00:00:00Z', keepRuns: 100,
      files: [{ name: 'run.json', content: Buffer.from('{"recordVersion": 1, trun') }],
    });
    assert.ok(damaged.path);
    await save(client, repo, c[6], record(0.7));

    const history = await readTrendHistory(client, repo, query(c[6]));
    assert.deepEqual(history.entries.map((entry) => [entry.sha, Boolean(entry.record)]), [[c[3], true], [c[4], false], [c[5], false], [c[6], true]]);
    assert.match(history.entries[1].problem!, /record version 99 is newer than this tool understands/);
    assert.match(history.entries[2].problem!, /run\.json in refs\/train-and-report\/records is not valid JSON/);
    assert.equal(history.notes.length, 1);
    assert.match(history.notes[0], new RegExp(`^No run of this workflow, job and variant is recorded before ${c[3].slice(0, 7)}; ${c[2].slice(0, 7)} and older have runs of \\.github/workflows/ci\\.yml / train-old \\(a renamed workflow or job`));
    const trend = (await trendFor(client, repo, { ...query(c[6]), branch: 'main' }, { record: record(0.7, 300), sha: c[6], kind: 'push' })).section.trend;
    // Never a wrong point: the two bad records are lines, the step goes from c3 to c6's re-run.
    assert.deepEqual(trend.points.map((point) => point.sha), [c[3], c[6]]);
    assert.equal(trend.notes.length, 3);
    for (const note of trend.notes) assert.equal(note.split('\n').length, 1, note);

    // keep-runs 2: the store holds only the newest two runs of the identity, and says so.
    const pruned = await startFake();
    try {
      const p: string[] = [pruned.fake.addCommit([], 'p0')];
      for (let i = 1; i <= 4; i += 1) p.push(pruned.fake.addCommit([p[i - 1]], `p${i}`));
      for (let i = 1; i <= 4; i += 1) await save(pruned.client, pruned.repo, p[i], record(0.5 + i / 100), IDENTITY, 2);
      const kept = await readTrendHistory(pruned.client, pruned.repo, query(p[4], { keepRuns: 2 }));
      assert.deepEqual(kept.entries.map((entry) => entry.sha), [p[3], p[4]]);
      assert.deepEqual(kept.notes, ['Only the newest 2 runs of this identity are kept (keep-runs), so older ones were pruned and are not shown.']);
    } finally {
      await pruned.fake.close();
    }
  } finally {
    await fake.close();
  }
});

test('twenty recorded runs are read with a bounded number of API calls', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const c: string[] = [fake.addCommit([], 'c0')];
    for (let i = 1; i <= 30; i += 1) c.push(fake.addCommit([c[i - 1]], `c${i}`));
    for (let i = 1; i <= 25; i += 1) await save(client, repo, c[i + 5], record(0.6, i * 10));
    const before = fake.requests.length;
    const history = await readTrendHistory(client, repo, query(c[30]));
    const calls = fake.requests.slice(before);
    assert.equal(history.entries.length, 20);
    assert.deepEqual(history.entries.map((entry) => entry.sha), c.slice(11, 31));
    // The store's ref and index, one page of history, one read per record: nothing per commit walked.
    assert.equal(calls.filter((call) => call.path.endsWith('/commits')).length, 1);
    assert.equal(calls.filter((call) => /\/contents\/baselines\//.test(call.path)).length, 20);
    assert.ok(calls.length <= 24, `${calls.length} calls: ${calls.map((call) => call.path).join(', ')}`);
  } finally {
    await fake.close();
  }
});

function alertInput(before: string, after: string, base: RunRecord, head: RunRecord, extra: Partial<AlertInput> = {}): AlertInput {
  return {
    identity: IDENTITY, branch: 'main', comparison: compare(head, base),
    before: { sha: before, subject: 'tuned params' }, after: { sha: after, subject: 'back to the notebook @octocat <img src=x> | #1', record: head, runUrl: 'https://github.example/o/r/actions/runs/9' },
    issue: true, ...extra,
  };
}

test('a drop opens one issue per identity, a second drop updates it, a recovery closes it; better is said without an issue', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((char) => char.repeat(40));
    const good = record(0.85);
    const bad = record(0.55, 177);
    // Someone else's issue with the same marker text is not ours.
    const marker = `<!-- train-and-report-alert: ${(await import('../../src/identity.js')).identityKey(IDENTITY)} -->`;
    fake.addIssue('copied', marker, 'someone');

    const better = await alertOnStep(client, repo, alertInput(a, b, bad, good));
    assert.equal(better.annotation?.level, 'notice');
    assert.match(better.summary, /^\*\*Better than the previous push beyond seed noise\*\*: aaaaaaa \(“tuned params”\) → bbbbbbb/);
    assert.equal(better.issue, undefined);
    assert.equal(fake.issues.size, 1);

    const history = { entries: [{ label: b.slice(0, 7), kind: 'push' as const, sha: b, record: good }], notes: [], subjects: new Map() };
    const worse = await alertOnStep(client, repo, alertInput(b, c, good, bad, { history }));
    assert.equal(worse.annotation?.level, 'warning');
    assert.match(worse.annotation!.title, /^Worse than the previous push beyond seed noise \(bbbbbbb → ccccccc\)$/);
    assert.match(worse.annotation!.message, /val_acc 0\.\d{4} → 0\.\d{4} \(−0\.\d{4}; p = 0\.0022 over 6 seeds per side\)/);
    assert.equal(worse.issue?.action, 'opened');
    const issue = fake.issues.get(worse.issue!.number)!;
    assert.equal(issue.title, alertTitle(IDENTITY, 'main'));
    assert.equal(issue.title, 'Model worse on main: .github/workflows/ci.yml / train');
    // The subject came from a pull request: no mention, no HTML, no table cell, no issue link.
    assert.doesNotMatch(issue.body, /@octocat|<img|(?<!\\)\||#1\b/);
    assert.match(issue.body, /\(\[run\]\(https:\/\/github\.example\/o\/r\/actions\/runs\/9\)\)/);
    assert.match(worse.summary, /Opened the alert issue \(\[#\d+\]\(https:\/\/github\.example\/octo-org\/planets\/issues\/\d+\)\)\./);

    const dollar = alertInput(c, d, bad, record(0.3, 277), { history });
    dollar.after.subject = 'costs $& and $1';
    const again = await alertOnStep(client, repo, dollar);
    assert.equal(again.issue?.action, 'updated');
    assert.equal(fake.issues.size, 2, 'one issue per identity');
    assert.equal((issue.body.match(/^- /gm) ?? []).length, 2);
    assert.ok(issue.body.includes('(“costs $& and $1”)'), issue.body);
    assert.equal(fake.commentsOn(issue.number).length, 1);

    // Within noise of the last run but still worse than b, the run before the first drop: stays open.
    const still = await alertOnStep(client, repo, alertInput(d, 'e'.repeat(40), record(0.3, 277), record(0.3, 377), { history }));
    assert.equal(still.issue, undefined);
    assert.match(still.log.join('\n'), /stays open: still worse than bbbbbbb/);
    assert.equal(issue.state, 'open');

    const recovered = await alertOnStep(client, repo, alertInput('e'.repeat(40), 'f'.repeat(40), record(0.3, 377), record(0.85, 477), { history }));
    assert.equal(recovered.issue?.action, 'closed');
    assert.equal(issue.state, 'closed');
    assert.equal(issue.stateReason, 'completed');
    assert.match(fake.commentsOn(issue.number).at(-1)!.body, /^Recovered at fffffff .*against bbbbbbb, the last run before the drop, .*not worse beyond seed noise\./);
  } finally {
    await fake.close();
  }
});

test('without issues: write the alert says which permission is missing', async () => {
  const { fake, repo } = await startFake('ghs_read_issues', { issues: 'read' });
  try {
    const client = createClient('ghs_read_issues', { apiUrl: fake.url, retry: FAST_RETRY });
    const result = await alertOnStep(client, repo, alertInput('a'.repeat(40), 'b'.repeat(40), record(0.85), record(0.55, 177)));
    // The drop is still said; only the issue is missing, in one line.
    assert.equal(result.annotation?.level, 'warning');
    assert.match(result.summary, /^\*\*Worse than the previous push beyond seed noise\*\*/);
    assert.equal(result.issue, undefined);
    assert.equal(
      result.problem,
      'The alert issue was not written (HTTP 403): Could not open, update or close the alert issue: the token is not allowed to (403 Resource not accessible by integration); ' +
        'give the job `permissions:` with `issues: write` (or pass a github-token that has it); set alert-issue: false to stop trying',
    );
    assert.equal(fake.issues.size, 0);
  } finally {
    await fake.close();
  }
});
