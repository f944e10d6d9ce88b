import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, escapeMarkdown, escapeTableCell } from '../../src/report/escape.js';

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
