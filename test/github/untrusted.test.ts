import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  escapeHtml, escapeHtmlLine, escapeMarkdown, escapeTableCell, forLog, forOutputKey, forPath, MAX_LOG_TEXT, parseUntrustedJson, UntrustedJsonError, visible,
} from '../../src/github/untrusted.js';

test('escapeHtml neutralises tags and attribute quotes', () => {
  assert.equal(escapeHtml('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(escapeHtml(`a"b'c&d`), 'a&quot;b&#39;c&amp;d');
});

test('escapeMarkdown keeps names as text in GitHub markdown', () => {
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(escapeTableCell('a|b'), 'a\\|b');
  assert.equal(escapeMarkdown('*bold* _it_ `code` [link](x) ~~s~~'), '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\~\\~s\\~\\~');
  assert.equal(escapeMarkdown('two\nlines'), 'two lines');
  assert.equal(escapeMarkdown('p < 0.05 & x'), 'p < 0.05 & x');
  assert.equal(escapeMarkdown('</details><script>&amp;'), '&lt;/details&gt;&lt;script&gt;&amp;amp;');
  assert.equal(escapeMarkdown('back\\slash'), 'back\\\\slash');
});

test('mentions, references and bare links from data are broken by a word joiner, not an entity', () => {
  const WJ = '\u2060';
  assert.equal(escapeMarkdown('@octo-org/admins'), `@${WJ}octo-org/admins`);
  assert.equal(escapeMarkdown('fixes #123 and GH-7, owner/repo#9'), `fixes #${WJ}123 and GH-${WJ}7, owner/repo#${WJ}9`);
  assert.equal(escapeMarkdown('see https://evil.example and www.evil.example'), `see https:${WJ}//evil.example and www${WJ}.evil.example`);
  assert.equal(escapeMarkdown('mail a@b.example'), `mail a@${WJ}b.example`);
  // An entity would be decoded back to "@" before GitHub looks for mentions.
  assert.doesNotMatch(escapeMarkdown('&#64;octo-org'), /&#64;octo/);
  // What GitHub matches, on the text as it reads after entity decoding:
  const survivors = /(^|[^\w`])@[a-z0-9]|#\d|GH-\d|https?:\/\/|www\./i;
  for (const text of ['@octo-org/admins', '#123', 'GH-1', 'https://evil.example', 'www.evil.example', 'x @y z', 'v1.2.3@latest']) {
    assert.doesNotMatch(escapeMarkdown(text), survivors, text);
  }
  assert.equal(escapeMarkdown('p < 0.05 @ 5 # 1'), 'p < 0.05 @ 5 # 1', 'a lone sign stays as it is');
});

test('forLog: one line, no workflow command, invisible characters shown, bounded', () => {
  const attack = 'lr=0.1\n::set-output name=baseline-sha::$(id>/tmp/x)\r\n::error title=Security::All checks passed\n##[set-output name=model;]x';
  const line = forLog(attack);
  assert.doesNotMatch(line, /[\r\n]/);
  assert.doesNotMatch(line, /::|##\[/);
  assert.equal(forLog('a\u202Eb\u200Bc'), 'a⟨U+202E⟩b⟨U+200B⟩c');
  assert.equal(forLog('x'.repeat(400)).length, MAX_LOG_TEXT + 1);
  assert.equal(forLog('plain text: 3 legs'), 'plain text: 3 legs');
});

test('forPath: never "", ".", ".." or a separator', () => {
  for (const bad of ['..', '.', '', '../..', '/etc/passwd', 'a/../../b', '..\\..', '\u202E..', '...']) {
    const component = forPath(bad, 'variant');
    assert.ok(component !== '.' && component !== '..' && component !== '', `${JSON.stringify(bad)} → ${component}`);
    assert.doesNotMatch(component, /[/\\]|\.\.|^\./, `${JSON.stringify(bad)} → ${component}`);
  }
  assert.equal(forPath('..', 'variant'), 'variant');
  assert.equal(forPath('lr=0.001, conv_size=64', 'variant'), 'lr-0.001-conv_size-64');
  assert.equal(forPath('x'.repeat(200), 'v').length, 80);
});

test('forOutputKey keeps a variant readable and shell-inert', () => {
  assert.equal(forOutputKey('lr=0.001'), 'lr=0.001');
  assert.doesNotMatch(forOutputKey(`$(id) \`id\` "'; rm -rf /`), /[$`"' ;/]/);
});

test('bidi overrides and zero-width characters are shown, in markdown, HTML and summaries', () => {
  assert.equal(visible('Earth\u202Eecnalab'), 'Earth⟨U+202E⟩ecnalab');
  assert.equal(visible('Mo\u200Bon\uFEFF'), 'Mo⟨U+200B⟩on⟨U+FEFF⟩');
  assert.equal(visible('tab\tand\nnewline'), 'tab\tand\nnewline');
  assert.equal(escapeMarkdown('a\u2066b\u2069'), 'a⟨U+2066⟩b⟨U+2069⟩');
  assert.equal(escapeHtml('a\u202Db'), 'a⟨U+202D⟩b');
  // A word joiner the data holds is shown; the one the neutraliser puts after "@" is not.
  assert.equal(escapeMarkdown('\u2060@x'), '⟨U+2060⟩@\u2060x');
});

test('escapeHtmlLine: a blank line cannot end the <summary> and start markdown', () => {
  const line = escapeHtmlLine('x\n\n## INJECTED [link](https://evil.example)\r\n</summary>');
  assert.doesNotMatch(line, /[\r\n]/);
  assert.doesNotMatch(line, /<\/summary>|https:\/\//);
});

test('parseUntrustedJson: objects inherit nothing; __proto__, constructor and prototype are refused by name', () => {
  const parsed = parseUntrustedJson('{"a": {"b": [1, {"c": 2}]}}') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(Object.getPrototypeOf(parsed), null);
  assert.equal(Object.getPrototypeOf(parsed.a.b[1]), null);
  assert.equal(parsed.toString, undefined);
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    assert.throws(() => parseUntrustedJson(`{"x": {"${key}": {"polluted": true}}}`), (error: Error) => error instanceof UntrustedJsonError && error.message.includes(`"${key}"`));
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.throws(() => parseUntrustedJson('{'), SyntaxError);
});
