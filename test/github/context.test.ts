import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBaselineRun, isDefaultBranchPush, PULL_REQUEST_TARGET_REFUSED, readContext } from '../../src/github/context.js';
import { webhookExample } from '../fakes/webhooks.js';

const ENV = { GITHUB_REPOSITORY: 'octo-org/planets', GITHUB_SHA: '1'.repeat(40), GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'train', GITHUB_RUN_ID: '42' };

test('a pull_request payload keys the record by the head SHA, not the merge commit', () => {
  const payload = webhookExample('pull_request', 'opened');
  payload.pull_request.head.repo.full_name = payload.pull_request.base.repo.full_name;
  const context = readContext({ ...ENV, GITHUB_EVENT_NAME: 'pull_request' }, payload);
  assert.equal(context.sha, payload.pull_request.head.sha);
  assert.notEqual(context.sha, ENV.GITHUB_SHA);
  assert.equal(context.pullRequest?.number, payload.pull_request.number);
  assert.equal(context.pullRequest?.baseSha, payload.pull_request.base.sha);
  assert.equal(context.pullRequest?.fromFork, false);
});

test('a head in another repository (or a deleted fork) is a fork', () => {
  const payload = webhookExample('pull_request', 'opened');
  payload.pull_request.head.repo.full_name = 'someone/planets';
  assert.equal(readContext({ ...ENV, GITHUB_EVENT_NAME: 'pull_request' }, payload).pullRequest?.fromFork, true);
  payload.pull_request.head.repo = null;
  assert.equal(readContext({ ...ENV, GITHUB_EVENT_NAME: 'pull_request' }, payload).pullRequest?.fromFork, true);
});

test('push: before is kept unless the branch is new; default-branch pushes are recognised', () => {
  const payload = webhookExample('push');
  const context = readContext({ ...ENV, GITHUB_EVENT_NAME: 'push', GITHUB_REF: `refs/heads/${payload.repository.default_branch}` }, payload);
  assert.equal(context.sha, ENV.GITHUB_SHA);
  assert.equal(context.before, /^0+$/.test(payload.before) ? undefined : payload.before);
  assert.ok(isDefaultBranchPush(context));
  assert.ok(!isDefaultBranchPush({ ...context, ref: 'refs/heads/feature' }));
  const created = readContext({ ...ENV, GITHUB_EVENT_NAME: 'push' }, { ...payload, before: '0'.repeat(40) });
  assert.equal(created.before, undefined);
});

test('missing runner variables name the variable', () => {
  assert.throws(() => readContext({ GITHUB_EVENT_NAME: 'push' }, {}), /GITHUB_REPOSITORY is not set/);
  assert.throws(() => readContext({ ...ENV, GITHUB_REPOSITORY: 'nope', GITHUB_EVENT_NAME: 'push' }, {}), /must look like owner\/name, got "nope"/);
});

test('pull_request_target is refused with one line naming the pull_request + workflow_run pair', () => {
  const payload = webhookExample('pull_request', 'opened');
  assert.throws(() => readContext({ ...ENV, GITHUB_EVENT_NAME: 'pull_request_target' }, payload), (error: Error) => error.message === PULL_REQUEST_TARGET_REFUSED);
  assert.ok(!PULL_REQUEST_TARGET_REFUSED.includes('\n'));
  assert.match(PULL_REQUEST_TARGET_REFUSED, /pull_request .*workflow_run using mode: publish/);
});

test('only branch runs of push, schedule and workflow_dispatch are baselines; the workflow file comes from GITHUB_WORKFLOW_REF', () => {
  const push = readContext({ ...ENV, GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/release/1', GITHUB_WORKFLOW_REF: 'octo-org/planets/.github/workflows/train.yml@refs/heads/release/1' }, webhookExample('push'));
  assert.ok(isBaselineRun(push));
  assert.equal(push.workflowFile, '.github/workflows/train.yml');
  assert.ok(!isBaselineRun({ ...push, ref: 'refs/tags/v1' }));
  assert.ok(isBaselineRun({ ...push, eventName: 'schedule' }));
  assert.ok(!isBaselineRun({ ...push, eventName: 'pull_request' }));
});
