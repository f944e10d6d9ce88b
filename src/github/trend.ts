// The branch over time in the action. readTrendHistory walks first parents
// back from a commit and reads the recorded baselines of one identity that
// it meets (nothing is trained: the trend is what the records hold);
// trendFor adds the run being made as the last point. alertOnStep says how a
// push's run compares with the previous recorded one, by the verdict a pull
// request gets, and keeps one issue per identity: opened at a drop,
// updated at the next, closed by a push that is no longer worse than the
// run before the first drop. Each API call is one function taking the
// client first; the wording is pure.

import { compare, type Comparison, type Verdict } from '../compare/compare.js';
import { formatPValue } from '../compare/stats.js';
import { buildTrend, type Trend, type TrendEntry } from '../compare/trend.js';
import { identityKey, variantLabel, type RunIdentity } from '../identity.js';
import { RecordError, type RunRecord } from '../record.js';
import { escapeMarkdown } from './untrusted.js';
import { oneLine, type TrendSection } from '../report/trend.js';
import { firstParentPath, listHistory, recordedBaselines } from './baseline.js';
import { explain, GitHubError, statusOf, type GitHubClient, type RepoRef } from './client.js';
import { getViewerLogin, sameLogin } from './comment.js';
import { readRecordAt } from './store.js';

/** First-parent commits walked at most (100 per API call). */
export const TREND_MAX_COMMITS = 500;
/** Records read at once. */
const READ_CONCURRENCY = 4;

export interface TrendQuery {
  storeRef: string;
  legacyBranch?: string;
  identity: RunIdentity;
  /** The newest commit to walk back from (itself included). */
  start: string;
  /** How many recorded runs to read. */
  runs: number;
  /** A commit whose record is left out: the run being made replaces it (a re-run of the same commit). */
  skip?: string;
  /** The keep-runs input: when this many are kept, older runs were pruned. */
  keepRuns?: number;
  maxCommits?: number;
}

export interface TrendHistory {
  /** Oldest first, with their records (or why a record could not be read). */
  entries: TrendEntry[];
  /** Lines on gaps in the history (runs pruned, an identity that changed, history that ends). */
  notes: string[];
  /** First lines of the walked commits' messages. */
  subjects: Map<string, string>;
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** The newest `runs` recorded baselines of the identity on the first-parent history of `start`, oldest first. */
export async function readTrendHistory(client: GitHubClient, repo: RepoRef, query: TrendQuery): Promise<TrendHistory> {
  const baselines = await recordedBaselines(client, repo, query);
  const maxCommits = query.maxCommits ?? TREND_MAX_COMMITS;
  const subjects = new Map<string, string>();
  const notes: string[] = [];
  const found: string[] = [];
  const remaining = new Set([...baselines.sources.keys()].filter((sha) => sha !== query.skip));
  /** The newest commit older than every run found that has only other identities' runs: where this identity's history starts. */
  let renamedAt: { sha: string; names: string[] } | undefined;
  let walked = 0;
  let from: string | undefined = query.start;
  // Pages are fetched while runs of this identity remain to be found; the commits of the last page are
  // still looked at for other identities' runs (where a renamed identity's history shows), at no extra call.
  const wanted = () => found.length < query.runs && remaining.size > 0;
  while (from && walked < maxCommits && wanted()) {
    const history = await listHistory(client, repo, from, 100);
    if (!history) {
      notes.push(`The history ends at ${from.slice(0, 7)} (not found in the repository) after ${walked} commits; older runs are not shown.`);
      break;
    }
    for (const commit of history) if (commit.subject !== undefined) subjects.set(commit.sha, commit.subject);
    const step = firstParentPath(history, from, maxCommits - walked);
    for (const sha of step.path) {
      if (found.length >= query.runs) break;
      if (remaining.delete(sha)) {
        found.push(sha);
        renamedAt = undefined;
      } else if (sha !== query.skip && !renamedAt && baselines.others.has(sha)) {
        renamedAt = { sha, names: baselines.others.get(sha)! };
      }
    }
    walked += step.path.length;
    if (step.path.length === 0) break;
    from = step.next;
  }
  if (found.length < query.runs) {
    if (renamedAt) {
      notes.push(
        `No run of this workflow, job and variant is recorded before ${found.length > 0 ? found[found.length - 1].slice(0, 7) : 'this commit'}; ` +
          `${renamedAt.sha.slice(0, 7)} and older have runs of ${renamedAt.names.slice(0, 3).join(', ')} (a renamed workflow or job, or a changed matrix): not this run's identity, so not compared.`,
      );
    }
    if (query.keepRuns !== undefined && baselines.kept >= query.keepRuns && remaining.size === 0) {
      notes.push(`Only the newest ${query.keepRuns} runs of this identity are kept (keep-runs), so older ones were pruned and are not shown.`);
    }
  }
  const entries = await mapLimit([...found].reverse(), READ_CONCURRENCY, async (sha): Promise<TrendEntry> => {
    const source = baselines.sources.get(sha)!;
    const entry: TrendEntry = { label: sha.slice(0, 7), kind: 'push', sha, ...(subjects.has(sha) ? { subject: subjects.get(sha) } : {}) };
    try {
      const record = await readRecordAt(client, repo, source.commit, source.path, source.where);
      return record ? { ...entry, record } : { ...entry, problem: `its run.json is missing from ${source.where}` };
    } catch (error) {
      // A damaged or newer record is one left-out point; an API failure is not the record's fault and stops the trend.
      if (error instanceof RecordError || (error instanceof GitHubError && error.status === undefined)) return { ...entry, problem: oneLine(error.message, 300) };
      throw error;
    }
  });
  return { entries, notes, subjects };
}

export interface TrendRun {
  record: RunRecord;
  sha: string;
  kind: 'push' | 'pull';
  subject?: string;
  pullRequest?: number;
}

/** The branch's recorded runs and the run being made as the last point. */
export async function trendFor(
  client: GitHubClient,
  repo: RepoRef,
  query: Omit<TrendQuery, 'skip'> & { branch: string },
  run: TrendRun,
): Promise<{ section: TrendSection; history: TrendHistory }> {
  // A push is one of the last `runs` pushes itself; a pull request's run comes after them.
  const history = await readTrendHistory(client, repo, { ...query, runs: run.kind === 'push' ? Math.max(0, query.runs - 1) : query.runs, skip: run.kind === 'push' ? run.sha : undefined });
  const current: TrendEntry = {
    label: run.kind === 'pull' ? `PR #${run.pullRequest}` : run.sha.slice(0, 7),
    kind: run.kind,
    sha: run.sha,
    subject: run.subject ?? history.subjects.get(run.sha),
    ...(run.pullRequest !== undefined ? { pullRequest: run.pullRequest } : {}),
    record: run.record,
  };
  const trend = buildTrend([...history.entries, current], { notes: history.notes });
  const pushes = trend.points.filter((point) => point.kind === 'push').length;
  const title = run.kind === 'pull'
    ? `${query.branch} over the last ${pushes} push${pushes === 1 ? '' : 'es'}, and this pull request`
    : `${query.branch} over the last ${pushes} push${pushes === 1 ? '' : 'es'}`;
  return { section: { trend, title, folded: run.kind === 'pull' }, history };
}

// ---- The alert on a push ----

const ALERT_MARKER = (identity: RunIdentity) => `<!-- train-and-report-alert: ${identityKey(identity)} -->`;
const LAST_GOOD = /<!-- train-and-report-last-good: ([0-9a-f]{40}) -->/;
const DROPS_END = '<!-- train-and-report-drops-end -->';

/** The issue's title: after the identity (user text, one line, bounded). */
export function alertTitle(identity: RunIdentity, branch: string): string {
  const parts = [identity.workflow, identity.job, variantLabel(identity.variant)].filter(Boolean).map((part) => oneLine(part, 80));
  return oneLine(`Model worse on ${branch}: ${parts.join(' / ')}`, 250);
}

export interface Side {
  sha: string;
  subject?: string;
}

/** "abc1234 (“subject”)": a commit as the alert names it (plain text; markdown escapes it where it is markdown). */
function commitText(side: Side): string {
  const subject = oneLine(side.subject);
  return subject ? `${side.sha.slice(0, 7)} (“${subject}”)` : side.sha.slice(0, 7);
}

/** "val_acc 0.8123 → 0.7601 (−0.0522; p = 0.0022 over 6 seeds per side)". */
export function changeText(comparison: Comparison): string {
  const seeds = comparison.seeds;
  if (!seeds?.base || seeds.difference === undefined) return 'no validation accuracy to compare';
  const d = seeds.difference;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  const counts = seeds.head.values.length === seeds.base.values.length ? `${seeds.head.values.length} seeds per side` : `${seeds.base.values.length} and ${seeds.head.values.length} seeds`;
  return `val_acc ${seeds.base.spread.mean.toFixed(4)} → ${seeds.head.spread.mean.toFixed(4)} (${sign}${Math.abs(d).toFixed(4)}` +
    `${seeds.pValue !== undefined ? `; ${formatPValue(seeds.pValue)}` : ''} over ${counts})`;
}

export interface AlertInput {
  identity: RunIdentity;
  branch: string;
  /** The push's run against the previous recorded run of its identity. */
  comparison: Comparison;
  before: Side;
  after: Side & { record: RunRecord; runUrl?: string };
  /** The recorded runs the trend read (the run before a drop is looked for there). */
  history?: TrendHistory;
  /** Keep an issue (the alert-issue input; only for the default branch). */
  issue: boolean;
}

export interface AlertResult {
  /** The annotation on the commit, when the step went beyond seed noise. */
  annotation?: { level: 'warning' | 'notice'; title: string; message: string };
  /** Lines for the job summary (markdown, escaped). */
  summary: string;
  /** Lines for the log (plain). */
  log: string[];
  issue?: { action: 'opened' | 'updated' | 'closed'; number: number; url: string };
  /** Why the issue could not be kept (one line, alertFailure's); the annotation and summary stand regardless. */
  problem?: string;
}

interface AlertIssue {
  number: number;
  body: string;
  url: string;
}

/** Our open alert issue of this identity: its marker in the body, written by the token's own account. */
export async function findAlertIssue(client: GitHubClient, repo: RepoRef, identity: RunIdentity, viewerLogin: string): Promise<AlertIssue | undefined> {
  const marker = ALERT_MARKER(identity);
  try {
    const pages = client.paginate.iterator(client.rest.issues.listForRepo, { ...repo, state: 'open', per_page: 100 });
    for await (const page of pages) {
      for (const issue of page.data) {
        if (issue.pull_request || !issue.body?.includes(marker) || !issue.user || !sameLogin(issue.user.login, viewerLogin)) continue;
        return { number: issue.number, body: issue.body, url: issue.html_url };
      }
    }
    return undefined;
  } catch (error) {
    throw explain(error, { action: 'list the open issues', permission: 'issues: read' });
  }
}

/** A link to a page of ours (the run, the issue): GitHub's own URL, not text from a pull request, so not escaped. */
function link(text: string, url: string | undefined): string {
  return url && /^https?:\/\/[^\s()<>]+$/.test(url) ? ` ([${text}](${url}))` : '';
}

/** Commit subjects come from pull requests: every line of ours that holds one is escaped as markdown. */
function dropLine(input: AlertInput): string {
  return `- ${escapeMarkdown(`${commitText(input.before)} → ${commitText(input.after)}: ${changeText(input.comparison)}`)}${link('run', input.after.runUrl)}`;
}

export function alertIssueBody(input: AlertInput): string {
  const who = [input.identity.workflow, input.identity.job, variantLabel(input.identity.variant)].filter(Boolean).join(' / ');
  return [
    ALERT_MARKER(input.identity),
    `<!-- train-and-report-last-good: ${input.before.sha} -->`,
    `The model of **${escapeMarkdown(who)}** on **${escapeMarkdown(input.branch)}** got worse beyond seed noise: the same verdict a pull request gets ` +
      '(validation accuracy, rank test over the seeds each run trained). Each drop:',
    '',
    dropLine(input),
    DROPS_END,
    '',
    `A later push whose run is not worse beyond seed noise than ${input.before.sha.slice(0, 7)} (the last run before the first drop) closes this issue.`,
  ].join('\n');
}

function withDrop(body: string, input: AlertInput): string {
  // A function, not a replacement string: a subject's "$&" must stay text.
  return body.includes(DROPS_END) ? body.replace(DROPS_END, () => `${dropLine(input)}\n${DROPS_END}`) : `${body}\n\n${dropLine(input)}`;
}

/** Has the run recovered: not worse beyond noise than the run before the first drop? Undefined when that run is not among the records read. */
export function recovery(issueBody: string, current: RunRecord, history: TrendHistory | undefined): { lastGood: string; comparison?: Comparison } {
  const lastGood = LAST_GOOD.exec(issueBody)?.[1] ?? '';
  const entry = history?.entries.find((candidate) => candidate.sha === lastGood && candidate.record);
  return { lastGood, comparison: entry?.record ? compare(current, entry.record) : undefined };
}

const VERDICT_HEAD: Partial<Record<Verdict, string>> = {
  worse: 'Worse than the previous push beyond seed noise',
  better: 'Better than the previous push beyond seed noise',
};

/**
 * The push's step: an annotation and a summary line when it went beyond
 * seed noise either way, and (with `issue`) the identity's one issue kept:
 * opened or updated at a drop, closed once the run is no longer worse than
 * the run before the first drop.
 */
export async function alertOnStep(client: GitHubClient, repo: RepoRef, input: AlertInput): Promise<AlertResult> {
  const verdict = input.comparison.verdict;
  const head = VERDICT_HEAD[verdict];
  const result: AlertResult = { summary: '', log: [] };
  if (head) {
    const line = `${commitText(input.before)} → ${commitText(input.after)}: ${changeText(input.comparison)}.`;
    result.annotation = { level: verdict === 'worse' ? 'warning' : 'notice', title: `${head} (${input.before.sha.slice(0, 7)} → ${input.after.sha.slice(0, 7)})`, message: line };
    result.summary = `**${head}**: ${escapeMarkdown(line)}`;
    result.log.push(`${head}: ${line}`);
  }
  if (!input.issue) return result;
  try {
    const viewerLogin = await getViewerLogin(client);
    const open = await findAlertIssue(client, repo, input.identity, viewerLogin);
    if (verdict === 'worse') {
      if (open) {
        await client.rest.issues.update({ ...repo, issue_number: open.number, body: withDrop(open.body, input) });
        await client.rest.issues.createComment({ ...repo, issue_number: open.number, body: `Worse again: ${escapeMarkdown(`${commitText(input.before)} → ${commitText(input.after)}: ${changeText(input.comparison)}.`)}${link('run', input.after.runUrl)}` });
        result.issue = { action: 'updated', number: open.number, url: open.url };
      } else {
        const { data } = await client.rest.issues.create({ ...repo, title: alertTitle(input.identity, input.branch), body: alertIssueBody(input) });
        result.issue = { action: 'opened', number: data.number, url: data.html_url };
      }
    } else if (open) {
      const { lastGood, comparison } = recovery(open.body, input.after.record, input.history);
      if (!comparison) {
        result.log.push(`Issue #${open.number} stays open: the run before the drop (${lastGood.slice(0, 7) || 'unknown'}) is not among the recorded runs read, so recovery cannot be judged; close it by hand once satisfied.`);
      } else if (comparison.verdict !== 'worse') {
        const words = `Recovered at ${commitText(input.after)}: against ${lastGood.slice(0, 7)}, the last run before the drop, ${changeText(comparison)}: not worse beyond seed noise.`;
        await client.rest.issues.createComment({ ...repo, issue_number: open.number, body: `${escapeMarkdown(words)}${link('run', input.after.runUrl)}` });
        await client.rest.issues.update({ ...repo, issue_number: open.number, state: 'closed', state_reason: 'completed' });
        result.issue = { action: 'closed', number: open.number, url: open.url };
      } else {
        result.log.push(`Issue #${open.number} stays open: still worse than ${lastGood.slice(0, 7)}, the last run before the drop (${changeText(comparison)}).`);
      }
    }
  } catch (error) {
    // GitHub's refusal (a permission, a 5xx after retries) is a line; anything else is a fault of ours and fails the step.
    if (statusOf(error) === undefined && !(error instanceof GitHubError)) throw error;
    result.problem = alertFailure(explain(error, { action: 'open, update or close the alert issue', permission: 'issues: write' }));
  }
  if (result.issue) {
    const verb = result.issue.action === 'opened' ? 'Opened' : result.issue.action === 'updated' ? 'Updated' : 'Closed';
    result.log.push(`${verb} issue #${result.issue.number}: ${result.issue.url}`);
    result.summary += `${result.summary ? '\n\n' : ''}${verb} the alert issue${link(`#${result.issue.number}`, result.issue.url)}.`;
  }
  return result;
}

/** A failure to keep the issue is said in one line and does not fail the run (the record is already saved). */
function alertFailure(error: unknown): string {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return `The alert issue was not written${status ? ` (HTTP ${status})` : ''}: ${oneLine(message, 400)}; set alert-issue: false to stop trying`;
}
