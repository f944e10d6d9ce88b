// Which recorded run a new run is compared with: the baseline of the same
// identity (workflow file, job, variant) at the merge-base of base and head
// (falling back to the base commit), else at the nearest first-parent
// ancestor that has one, within a bounded walk. Only branch runs (push,
// schedule, workflow_dispatch) are baselines; PR runs never are. Records in
// the old reports-branch layout count as baselines of the default identity.

import type { RunRecord } from '../record.js';
import { identityKey, variantLabel, type RunIdentity } from '../identity.js';
import { explain, statusOf, type GitHubClient, type RepoRef } from './client.js';
import { getRefHead, legacyRunPath, readLegacyBaselines, readRecordAt, readStoreIndex, type LegacyBaselines } from './store.js';

export interface HistoryCommit {
  sha: string;
  parents: string[];
  /** The first line of the commit message, when the listing gives it. */
  subject?: string;
}

export type Baseline =
  | { found: true; sha: string; record: RunRecord; /** First-parent steps from the start commit. */ distance: number; start: string }
  | { found: false; reason: string };

export async function getMergeBase(client: GitHubClient, repo: RepoRef, base: string, head: string): Promise<string | undefined> {
  try {
    const { data } = await client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 1 });
    return data.merge_base_commit.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw explain(error, { action: `find the merge base of ${base} and ${head}`, permission: 'contents: read' });
  }
}

/** Up to `perPage` commits reachable from `sha` (with their parents), or undefined when the commit does not exist. */
export async function listHistory(client: GitHubClient, repo: RepoRef, sha: string, perPage: number): Promise<HistoryCommit[] | undefined> {
  try {
    const { data } = await client.rest.repos.listCommits({ ...repo, sha, per_page: perPage });
    return data.map((commit) => ({
      sha: commit.sha,
      parents: commit.parents.map((parent) => parent.sha),
      ...(typeof commit.commit?.message === 'string' ? { subject: commit.commit.message.split('\n')[0] } : {}),
    }));
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 409) return undefined;
    throw explain(error, { action: `read the history of ${sha}`, permission: 'contents: read' });
  }
}

/** Follows first parents from `start` through the listed commits; stops where the listing ends. Pure. */
export function firstParentPath(commits: HistoryCommit[], start: string, limit: number): { path: string[]; next?: string } {
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const path: string[] = [];
  let current: string | undefined = start;
  while (current && path.length < limit) {
    const commit = bySha.get(current);
    if (!commit) return { path, next: current };
    path.push(current);
    current = commit.parents[0];
  }
  return { path };
}

export interface BaselineQuery {
  /** The commit to compare against: the PR's base, the push's parent, or a resolved `baseline` ref. */
  baseSha: string;
  /** When given, the merge-base of base and head is preferred over the base itself. */
  headSha?: string;
  /** The records store's ref. */
  storeRef: string;
  identity: RunIdentity;
  /** The old layout's branch, read for the default identity (variant ''). */
  legacyBranch?: string;
  /** How many first-parent ancestors to look at. */
  maxDepth: number;
}

export type Source = { commit: string; path: string; where: string };

export interface RecordedBaselines {
  /** Commit → where its recorded baseline of this identity is. */
  sources: Map<string, Source>;
  /** Commit → the other identities with a baseline there (an identity that changed leaves its old runs under another key). */
  others: Map<string, string[]>;
  /** Baselines of this identity in the store's index. */
  kept: number;
  /** Neither the store nor the old branch exists. */
  empty: boolean;
}

/** Every recorded baseline of the identity (the store's, then the old layout's for the default identity), by commit. */
export async function recordedBaselines(client: GitHubClient, repo: RepoRef, query: Pick<BaselineQuery, 'storeRef' | 'legacyBranch' | 'identity'>): Promise<RecordedBaselines> {
  const storeHead = await getRefHead(client, repo, query.storeRef);
  const key = identityKey(query.identity);
  const sources = new Map<string, Source>();
  const others = new Map<string, string[]>();
  let kept = 0;
  if (storeHead) {
    const index = await readStoreIndex(client, repo, storeHead);
    for (const run of index.runs) {
      if (run.kind !== 'baseline') continue;
      if (run.identity === key) {
        sources.set(run.sha, { commit: storeHead, path: `${run.path}/run.json`, where: query.storeRef });
        kept += 1;
      } else {
        const name = [run.workflow, run.job, typeof run.variant === 'string' ? variantLabel(run.variant) : ''].filter((part) => typeof part === 'string' && part !== '').join(' / ') || run.identity;
        others.set(run.sha, [...(others.get(run.sha) ?? []), name]);
      }
    }
  }
  let legacy: LegacyBaselines | undefined;
  if (query.identity.variant === '' && query.legacyBranch) legacy = await readLegacyBaselines(client, repo, query.legacyBranch);
  for (const sha of legacy?.shas ?? []) {
    if (!sources.has(sha)) sources.set(sha, { commit: legacy!.commit, path: legacyRunPath(sha), where: `branch "${query.legacyBranch}"` });
  }
  return { sources, others, kept, empty: !storeHead && !legacy };
}

export async function findBaseline(client: GitHubClient, repo: RepoRef, query: BaselineQuery): Promise<Baseline> {
  const { sources, empty } = await recordedBaselines(client, repo, query);
  if (empty) {
    return { found: false, reason: `no runs are recorded yet (${query.storeRef} does not exist; the first push run on the base branch creates it)` };
  }
  const start = (query.headSha && (await getMergeBase(client, repo, query.baseSha, query.headSha))) || query.baseSha;
  let walked = 0;
  let from: string | undefined = start;
  while (from && walked < query.maxDepth) {
    const history = await listHistory(client, repo, from, Math.min(100, query.maxDepth - walked + 1));
    if (!history) {
      return walked === 0
        ? { found: false, reason: `the base commit ${from} was not found in the repository` }
        : { found: false, reason: `history ends at ${from} (not found) after ${walked} commits without a recorded run` };
    }
    const step = firstParentPath(history, from, query.maxDepth - walked);
    for (const [offset, sha] of step.path.entries()) {
      const source = sources.get(sha);
      if (!source) continue;
      const record = await readRecordAt(client, repo, source.commit, source.path, source.where);
      if (record) return { found: true, sha, record, distance: walked + offset, start };
    }
    walked += step.path.length;
    if (step.path.length === 0) break;
    from = step.next;
  }
  return {
    found: false,
    reason: `no recorded run of this workflow, job and variant for ${start.slice(0, 7)} or its ${Math.max(walked - 1, 0)} nearest first-parent ancestors (searched up to ${query.maxDepth}); push to the base branch once to record one`,
  };
}
