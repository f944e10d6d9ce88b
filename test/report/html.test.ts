import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blocksToHtmlPage } from '../../src/report/html.js';

test('the HTML page escapes everything from the data', () => {
  const page = blocksToHtmlPage([
    { type: 'heading', level: 2, text: 'Run <b>' },
    { type: 'paragraph', text: ['class ', { strong: '<img src=x onerror=alert(1)>' }, ' file ', { code: 'a"b.jpg' }] },
    { type: 'table', header: ['Class', 'F1'], rows: [['a|b', '0.5']], align: ['left', 'right'] },
    { type: 'image', file: 'x".png', alt: '<alt>' },
    { type: 'details', summary: 'More <stuff>', blocks: [{ type: 'list', items: [['one']] }] },
  ], (file) => file, 'T<itle>');
  assert.doesNotMatch(page, /<img src=x/);
  assert.doesNotMatch(page, /<b>/);
  assert.match(page, /<title>T&lt;itle&gt;<\/title>/);
  assert.match(page, /<strong>&lt;img src=x onerror=alert\(1\)&gt;<\/strong>/);
  assert.match(page, /<td>a\|b<\/td><td style="text-align:right">0\.5<\/td>/);
  assert.match(page, /<img src="x&quot;\.png" alt="&lt;alt&gt;">/);
  assert.match(page, /<details><summary>More &lt;stuff&gt;<\/summary>\n<ul><li>one<\/li><\/ul>\n<\/details>/);
});
