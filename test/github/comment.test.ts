import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentBody, commentCommit, commentMarker, findOwnComment, getViewerLogin, isOwnComment, MAX_COMMENT_LENGTH, postComment, sameLogin } from '../../src/github/comment.js';
import { APP_BOT_LOGIN } from '../fakes/github.js';
import { startFake } from './helpers.js';

const MARKER = commentMarker('CI', 'train');

test('the marker cannot end the HTML comment early', () => {
  assert.equal(commentMarker('a --> b', 'j'), '<!-- train-and-report: workflow=a - b job=j -->');
  assert.notEqual(commentMarker('CI', 'train'), commentMarker('CI', 'train-gpu'));
});

test('logins match with or without the [bot] suffix, and only ours with the marker count', () => {
  assert.ok(sameLogin('github-actions[bot]', 'github-actions'));
  assert.ok(sameLogin('github-actions[bot]', 'github-actions[bot]'));
  assert.ok(!sameLogin('other-bot[bot]', 'github-actions'));
  const ours = { id: 1, html_url: '', body: `${MARKER}\nreport`, user: { login: 'github-actions[bot]' } };
  assert.ok(isOwnComment(ours, MARKER, 'github-actions'));
  assert.ok(!isOwnComment({ ...ours, user: { login: 'mallory' } }, MARKER, 'github-actions'));
  assert.ok(!isOwnComment({ ...ours, body: 'report' }, MARKER, 'github-actions'));
  assert.ok(!isOwnComment({ ...ours, user: null }, MARKER, 'github-actions'));
});

test('commentBody stays under GitHub\'s limit', () => {
  const body = commentBody(MARKER, 'x'.repeat(70_000));
  assert.equal(body.length, MAX_COMMENT_LENGTH);
  assert.ok(body.startsWith(MARKER));
  assert.match(body, /report cut to fit/);
});

test('the viewer login comes from GraphQL (GET /user is 403 for the app token)', async () => {
  const { fake, client } = await startFake();
  try {
    assert.equal(await getViewerLogin(client), APP_BOT_LOGIN);
    await assert.rejects(client.request('GET /user'), (error: { status: number }) => error.status === 403);
  } finally {
    await fake.close();
  }
});

test('lookup pages through all comments and skips look-alikes by others', async () => {
  const { fake, client, repo } = await startFake();
  try {
    fake.addComment(7, `${MARKER}\nfake report`, 'mallory');
    fake.addComment(7, `${MARKER}\nother bot`, 'other-bot[bot]');
    for (let index = 0; index < 230; index += 1) fake.addComment(7, `chatter ${index}`, 'someone');
    const ours = fake.addComment(7, `${MARKER}\nreport`, APP_BOT_LOGIN);
    const found = await findOwnComment(client, repo, 7, MARKER, 'github-actions');
    assert.equal(found?.id, ours.id);
    assert.equal(fake.countRequests('GET', /\/issues\/7\/comments$/), 3);
  } finally {
    await fake.close();
  }
});

test('update mode edits our comment in place; new mode adds one; a deleted comment is recreated', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const options = { mode: 'update' as const, marker: MARKER, viewerLogin: APP_BOT_LOGIN };
    const impostor = fake.addComment(3, `${MARKER}\nnot yours`, 'mallory');
    const first = await postComment(client, repo, 3, `${MARKER}\none`, options);
    assert.equal(first.action, 'created');
    const second = await postComment(client, repo, 3, `${MARKER}\ntwo`, options);
    assert.deepEqual([second.action, (second as { id: number }).id], ['updated', (first as { id: number }).id]);
    assert.equal(fake.commentsOn(3).find((comment) => comment.id === (first as { id: number }).id)?.body, `${MARKER}\ntwo`);
    assert.equal(fake.commentsOn(3).find((comment) => comment.id === impostor.id)?.body, `${MARKER}\nnot yours`);
    fake.deleteComment((first as { id: number }).id);
    const third = await postComment(client, repo, 3, `${MARKER}\nthree`, options);
    assert.equal(third.action, 'created');
    assert.notEqual((third as { id: number }).id, (first as { id: number }).id);
    const fourth = await postComment(client, repo, 3, `${MARKER}\nfour`, { ...options, mode: 'new' });
    assert.equal(fourth.action, 'created');
    assert.equal(fake.commentsOn(3).filter((comment) => comment.login === APP_BOT_LOGIN).length, 2);
  } finally {
    await fake.close();
  }
});

test('markers: legs of a matrix differ, the default identity keeps the old form; the commit line is read back', () => {
  assert.equal(commentMarker('CI', 'train'), '<!-- train-and-report: workflow=CI job=train -->');
  const a = commentMarker('CI', 'train', '{"params":"a.yaml"}');
  const b = commentMarker('CI', 'train', '{"params":"b.yaml"}');
  assert.notEqual(a, b);
  assert.ok(!commentBody(a, 'x').includes(commentMarker('CI', 'train')), 'a leg\'s comment is not taken for the default one');
  const sha = 'c'.repeat(40);
  assert.equal(commentCommit(commentBody(a, 'report', sha)), sha);
  assert.equal(commentCommit('old comment'), undefined);
});

test('a 5xx on creating the comment that still created it: looked up again, never two comments', async () => {
  const { fake, client, repo } = await startFake();
  try {
    fake.failNext({ method: 'POST', path: /\/issues\/5\/comments$/, status: 502, times: 1, applied: true });
    const logs: string[] = [];
    const posted = await postComment(client, repo, 5, `${MARKER}\nbody`, { mode: 'update', marker: MARKER, viewerLogin: APP_BOT_LOGIN, delayMs: 1, log: (line) => logs.push(line) });
    assert.equal(posted.action, 'created');
    assert.equal(fake.commentsOn(5).length, 1);
    assert.equal(fake.countRequests('POST', /\/issues\/5\/comments$/), 1, 'not posted again');
    assert.match(logs[0], /failed \(502\); checking whether it was created anyway/);
  } finally {
    await fake.close();
  }
});

test('an older run leaves a comment about a newer commit alone; a comment about an ancestor is replaced', async () => {
  const { fake, client, repo } = await startFake();
  try {
    const c1 = fake.addCommit([], 'c1');
    const c2 = fake.addCommit([c1], 'c2');
    const c3 = fake.addCommit([c2], 'c3');
    const options = { mode: 'update' as const, marker: MARKER, viewerLogin: APP_BOT_LOGIN };
    await postComment(client, repo, 4, commentBody(MARKER, 'about c3', c3), { ...options, freshness: { trainedSha: c3, headSha: c3 } });
    const late = await postComment(client, repo, 4, commentBody(MARKER, 'about c2', c2), { ...options, freshness: { trainedSha: c2, headSha: c3 } });
    assert.equal(late.action, 'skipped');
    assert.match((late as { reason: string }).reason, /is now at .{7}, not .{7} as trained, and the comment is about .{7}/);
    assert.match(fake.commentsOn(4)[0].body, /about c3/);
    // The PR moved on to c3, but the comment is still about c1 (c3's run has not finished): c2's report is newer, so it replaces it.
    fake.commentsOn(4)[0].body = commentBody(MARKER, 'about c1', c1);
    const newer = await postComment(client, repo, 4, commentBody(MARKER, 'about c2', c2), { ...options, freshness: { trainedSha: c2, headSha: c3 } });
    assert.equal(newer.action, 'updated');
    assert.match(fake.commentsOn(4)[0].body, /about c2/);
  } finally {
    await fake.close();
  }
});
