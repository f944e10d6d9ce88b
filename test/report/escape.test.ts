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
