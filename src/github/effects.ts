// What a finished report does in the world, for a single run (run and publish
// modes) and for a sweep (aggregate mode) alike: each builds one plan (what
// to save in the records ref, the markdown for the summary and the comment,
// where to comment, whether a read-only fork token may refuse the writes, what
// fails the step) and this one executor carries it out, in one order:
// save → job summary → comment → fork notice → threshold failure. A check
// added here applies to every mode; no mode has its own copy of these steps.

import * as core from '@actions/core';
import type { ActionConfig } from '../inputs.js';
import type { RunIdentity } from '../identity.js';
import { explain, statusOf, type GitHubClient } from './client.js';
import { commentBody, getPullHead, getViewerLogin, MAX_COMMENT_LENGTH, postComment } from './comment.js';
import type { ActionContext } from './context.js';
import { blobUrl, listOpenPulls, saveRun, type RunKind, type StoredFile } from './store.js';

export interface EffectPlan {
  /** What the records ref gets: the files under this identity, or why nothing is recorded. */
  save: { identity: RunIdentity; kind: RunKind; sha: string; createdAt: string; files: StoredFile[]; what: string } | { skipped: string };
  /** The pull request the run is about (its folder in the records ref, and the comment's target). */
  pullRequest?: number;
  /** The report's markdown with image links made by `imageUrl`, within `maxLength` characters. */
  render(imageUrl: (file: string) => string, maxLength: number): string;
  /** The comment's marker (and older markers a comment of the same run may carry); the commit the report is about. */
  comment: { marker: string; legacyMarkers: string[]; trainedSha: string };
  /** The token is a fork's read-only one: a 403 on a write leaves the report in the summary, with `forkNotice`. */
  readOnlyFork: boolean;
  forkNotice: string;
  /** Thrown last, once everything else is done: the thresholds this run crossed, when they are enforced. */
  failure?: Error;
}

export interface EffectOptions {
  /** The unit of waits between retries (milliseconds; shortened in tests). */
  delayMs: number;
}

/** Carries out a plan; throws the plan's failure last, or the first write that failed for another reason than a fork's read-only token. */
export async function executePlan(client: GitHubClient, context: ActionContext, config: ActionConfig, plan: EffectPlan, options: EffectOptions): Promise<void> {
  let refused = false;
  const degraded = (error: unknown) => {
    const readOnly = plan.readOnlyFork && statusOf(error) === 403;
    refused ||= readOnly;
    return readOnly;
  };
  const log = (line: string) => core.info(line);

  let pinned: { commit: string; folder: string } | undefined;
  if ('skipped' in plan.save) {
    core.info(plan.save.skipped);
  } else {
    const save = plan.save;
    try {
      const saved = await saveRun(client, context.repository, {
        ref: config.recordsRef,
        identity: save.identity,
        kind: save.kind,
        sha: save.sha,
        ...(plan.pullRequest !== undefined ? { pullRequest: plan.pullRequest } : { branch: context.ref }),
        createdAt: save.createdAt,
        files: save.files,
        keepRuns: config.keepRuns,
        openPulls: plan.pullRequest !== undefined ? await listOpenPulls(client, context.repository) : undefined,
        backoffMs: options.delayMs / 2,
        log,
      });
      pinned = { commit: saved.commit, folder: saved.path };
      core.info(
        `recorded ${save.what} in ${saved.path}/ of ${config.recordsRef} (${saved.bytes} bytes in ${save.files.length} files; pin ${saved.commit.slice(0, 7)}, head ${saved.head.slice(0, 7)}` +
          `${saved.pruned.length > 0 ? `, pruned ${saved.pruned.length} old runs` : ''})`,
      );
    } catch (error) {
      if (!degraded(error)) throw error;
    }
  }

  // Links are pinned to the commit that holds the images, so a later run cannot change what this report shows.
  const imageUrl = (name: string) => (pinned ? blobUrl(context.serverUrl, context.repository, pinned.commit, `${pinned.folder}/${name}`) : name);
  const { marker, legacyMarkers, trainedSha } = plan.comment;
  const markdown = plan.render(imageUrl, MAX_COMMENT_LENGTH - marker.length - 120);
  await core.summary.addRaw(markdown, true).write();

  const number = plan.pullRequest;
  if (number !== undefined && config.comment !== 'off') {
    try {
      const viewerLogin = await getViewerLogin(client);
      const headSha = await getPullHead(client, context.repository, number);
      const posted = await postComment(client, context.repository, number, commentBody(marker, markdown, trainedSha), {
        mode: config.comment,
        marker,
        legacyMarkers,
        viewerLogin,
        freshness: { trainedSha, headSha },
        delayMs: options.delayMs,
        log,
      });
      if (posted.action === 'skipped') {
        const line = `Left the comment alone: ${posted.reason}.`;
        core.info(line);
        await core.summary.addRaw(`\n> ${line}\n`, true).write();
      } else {
        core.setOutput('comment-url', posted.url);
        core.info(`${posted.action} the comment ${posted.url}`);
      }
    } catch (error) {
      if (!degraded(error)) {
        throw explain(error, { action: `comment on pull request #${number}`, permission: 'pull-requests: write', missing: `pull request #${number}` });
      }
    }
  }
  if (refused) core.notice(plan.forkNotice);
  if (plan.failure) throw plan.failure;
}
