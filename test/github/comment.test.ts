import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentBody, commentMarker, findOwnComment, getViewerLogin, isOwnComment, MAX_COMMENT_LENGTH, postComment, sameLogin } from '../../src/github/comment.js';
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
    assert.deepEqual([second.action, second.id], ['updated', first.id]);
    assert.equal(fake.commentsOn(3).find((comment) => comment.id === first.id)?.body, `${MARKER}\ntwo`);
    assert.equal(fake.commentsOn(3).find((comment) => comment.id === impostor.id)?.body, `${MARKER}\nnot yours`);
    fake.deleteComment(first.id);
    const third = await postComment(client, repo, 3, `${MARKER}\nthree`, options);
    assert.equal(third.action, 'created');
    assert.notEqual(third.id, first.id);
    const fourth = await postComment(client, repo, 3, `${MARKER}\nfour`, { ...options, mode: 'new' });
    assert.equal(fourth.action, 'created');
    assert.equal(fake.commentsOn(3).filter((comment) => comment.login === APP_BOT_LOGIN).length, 2);
  } finally {
    await fake.close();
  }
});
