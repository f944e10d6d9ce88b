import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from '../../src/compare/compare.js';
import { buildDocument, type DocumentInput } from '../../src/report/document.js';
import { blocksToHtmlPage } from '../../src/report/html.js';
import { blocksToMarkdown } from '../../src/report/markdown.js';
import { formatBytes, modelBlocks } from '../../src/report/model-card.js';
import type { LayerCard, ModelCard, RunRecord } from '../../src/record.js';
import { DEFAULT_PARAMS, makeRecord } from './fixtures.js';
import { BASE_MODEL_PARAM, baseCard, widerCard } from './model-cards.js';

function withCard(record: RunRecord, card: ModelCard | undefined, model?: unknown[]): RunRecord {
  const params = model ? { ...DEFAULT_PARAMS, model: model as unknown as Record<string, unknown> } : DEFAULT_PARAMS;
  return { ...record, params, modelCard: card };
}

function input(head: RunRecord, base?: RunRecord): DocumentInput {
  return { head, base, comparison: compare(head, base), thresholdChecks: [], images: [], labels: { headSha: '1a2b3c4d5e6f' } };
}

const markdown = (head: RunRecord, base?: RunRecord, detail: 0 | 1 | 2 | 3 = 0) => blocksToMarkdown(buildDocument(input(head, base), detail), (file) => file);

/** The markdown between "### Model" and the next heading. */
function modelSection(text: string): string {
  const start = text.indexOf('### Model\n');
  assert.ok(start >= 0, 'the report has a Model section');
  const end = text.indexOf('\n### ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Every line of a table has as many unescaped pipes as its header. */
function assertTablesWhole(text: string): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (!lines[i].startsWith('|')) continue;
    const pipes = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const start = i;
    while (i < lines.length && lines[i].startsWith('|')) {
      assert.equal(pipes(lines[i]), pipes(lines[start]), `table row breaks the table: ${lines[i]}`);
      i += 1;
    }
  }
}

// The inserted block of widerCard shrinks the dense layer's input (3136 → 576),
// so the PR's model is the smaller one: 421,771 → 131,019 parameters.
const BASE_PARAMETERS = 320 + 18_496 + (3136 * 128 + 128) + (128 * 11 + 11);
const WIDER_PARAMETERS = 320 + 18_496 + 36_928 + (576 * 128 + 128) + (128 * 11 + 11);

test('base and PR cards: the card table with the change, the layer diff, and the Model section just before Params', () => {
  const base = withCard(makeRecord({ accuracy: 0.6, repeats: 3 }), baseCard(), BASE_MODEL_PARAM);
  const wider = [...BASE_MODEL_PARAM.slice(0, 2), { conv2d: { filters: 64, kernel: 3, padding: 'same' } }, { max_pool: { size: 2 } }, ...BASE_MODEL_PARAM.slice(2)];
  const head = withCard(makeRecord({ accuracy: 0.7, repeats: 3 }), widerCard(), wider);
  const text = markdown(head, base);
  const section = modelSection(text);
  assert.ok(text.indexOf('### Model\n') < text.indexOf('### Params\n'), 'Model comes before Params');
  assert.equal(text.slice(text.indexOf('### Model\n')).split('\n### ')[1].split('\n')[0], 'Params', 'Params follows Model directly');
  assert.equal(BASE_PARAMETERS, 421_771);
  assert.match(section, new RegExp(`\\| parameters \\| 421,771 \\| 131,019 \\| ×0\\.3 \\(−${(BASE_PARAMETERS - WIDER_PARAMETERS).toLocaleString('en-US')}\\) \\|`));
  assert.match(section, /\| layers \(output included\) \| 8 \| 10 \| \+2 \|/);
  assert.match(section, /\| size on disk \| 1\.61 MB \| 518 KB \| −1\.11 MB \|/);
  assert.match(section, /\| inference per image \(median of 20 batches of 32 images\) \| 0\.420 ms \| 0\.610 ms \| \+0\.190 ms \|/);
  assert.match(section, /\| optimizer \| adam, lr 0\.0001 \| adam, lr 0\.0001 \| same \|/);
  assert.match(section, /\| training \| 8 of 8 layers on WASM kernels; 2 threads \| 10 of 10 layers on WASM kernels; 2 threads \| changed \|/);
  assert.doesNotMatch(section, /trainable parameters/, 'no trainable row when every parameter trains');
  const accuracy = compare(head, base).seeds!.difference!;
  assert.ok(section.includes(`Parameters ×0.3 (421,771 → 131,019), size on disk −1.11 MB, inference +0.190 ms per image, for **+${accuracy.toFixed(4)} validation accuracy**.`));
  assert.match(section, /Layer by layer, base → PR: 2 added, 5 changed, 3 unchanged\./);
  assert.match(section, /\| \+ added \| — → 3 \| conv2d \| 64 filters 3×3 same, relu \| 16×16×64 \| 18,496 \|/);
  assert.match(section, /\| ≠ changed \| 3 → 5 \| conv2d \| 64 filters 3×3 valid, relu \| 14×14×64 → 6×6×64 \| 18,496 → 36,928 \|/);
  assert.match(section, /\| = same \| 8 → 10 \| output \| 11 units, softmax \| 11 \| 1,419 \|/);
  assert.match(section, /\| ≠ changed \| 6 → 8 \| flatten \| — \| 3136 → 576 \| 0 \|/);
  // The params table names the list by its length and leaves the layers to the Model section.
  assert.match(text, /\| model \| 7 layers \| 9 layers, see Model \|/);
  assert.doesNotMatch(text, /"conv2d"|conv2d&quot;|filters\W+32/, 'the model list is not dumped as JSON');
  assertTablesWhole(text);
});

test('a PR three times the size says so in one line', () => {
  const base = withCard(makeRecord({ accuracy: 0.6 }), widerCard());
  const head = withCard(makeRecord({ accuracy: 0.61, seed: 4 }), baseCard());
  const section = modelSection(markdown(head, base));
  assert.match(section, /Parameters ×3\.2 \(131,019 → 421,771\), size on disk \+1\.11 MB, inference −0\.190 ms per image, for \*\*[+−]0\.\d{4} validation accuracy\*\*/);
  assert.match(section, /\| parameters \| 131,019 \| 421,771 \| ×3\.2 \(\+290,752\) \|/);
  assert.match(section, /2 removed/);
});

test('an unchanged architecture is one line, with the layers folded away', () => {
  const base = withCard(makeRecord(), baseCard());
  const head = withCard(makeRecord({ seed: 5 }), baseCard());
  const section = modelSection(markdown(head, base));
  assert.match(section, /The architecture is unchanged: 8 layers \(output included\), 421,771 parameters\./);
  assert.match(section, /<details><summary>Layers \(8\)<\/summary>\n\n\| # \| Layer \| Options \| Output shape \| Parameters \|/);
  assert.match(section, /\| 1 \| conv2d \| 32 filters 3×3 same, relu \| 32×32×32 \| 320 \|/);
  assert.match(section, /\| parameters \| 421,771 \| 421,771 \| same \|/);
  assert.doesNotMatch(section, /Layer by layer|added|≠/);
});

test('only the PR has a card: its card and layers alone, with a word on the base when there is one', () => {
  const head = withCard(makeRecord(), baseCard());
  const alone = modelSection(markdown(head));
  assert.match(alone, /\| \| PR \|\n/);
  assert.match(alone, /\| parameters \| 421,771 \|\n/);
  assert.match(alone, /\| inference per image \(median of 20 batches of 32 images\) \| 0\.420 ms \|/);
  assert.match(alone, /<details><summary>Layers \(8\)<\/summary>/);
  assert.doesNotMatch(alone, /change|base/);

  const oldBase = makeRecord({ seed: 3 });
  assert.equal(oldBase.modelCard, undefined);
  const withOld = modelSection(markdown(head, oldBase));
  assert.match(withOld, /The base record has no model card \(it was written by an older version of the tool\), so only the PR's model is shown\./);
  assert.match(withOld, /\| \| PR \|\n/);
  assert.doesNotMatch(withOld, /Layer by layer/);
});

test('no card on the PR: no Model section, whatever the base has', () => {
  const head = makeRecord();
  assert.doesNotMatch(markdown(head), /### Model/);
  assert.doesNotMatch(markdown(head, withCard(makeRecord({ seed: 2 }), baseCard())), /### Model/);
});

test('lower detail keeps the card and cuts the layers: unchanged rows go first, then the table', () => {
  const base = withCard(makeRecord(), baseCard());
  const head = withCard(makeRecord({ seed: 6 }), widerCard());
  for (const detail of [2, 3] as const) {
    const section = modelSection(markdown(head, base, detail));
    assert.match(section, /\| parameters \| 421,771 \| 131,019 \|/);
    assert.match(section, /Layer by layer, base → PR: 2 added, 5 changed, 3 unchanged\./);
    assert.match(section, /10 more layer rows left out to keep this comment under GitHub's size limit/);
    assert.doesNotMatch(section, /\| conv2d \|/);
  }
  const comparison = compare(head, base);
  const table = modelBlocks(head, base, comparison, 7).find((block) => block.type === 'table' && block.header.includes('Layer'));
  assert.ok(table && table.type === 'table');
  assert.deepEqual(table.rows.map((row) => row[0]), ['+ added', '+ added', '≠ changed', '≠ changed', '≠ changed', '≠ changed', '≠ changed']);
  assert.deepEqual(table.rows.map((row) => row[1]), ['— → 3', '— → 4', '3 → 5', '4 → 6', '5 → 7', '6 → 8', '7 → 9'], 'kept rows stay in order');
  const note = modelBlocks(head, base, comparison, 7).at(-1)!;
  assert.deepEqual(note, { type: 'paragraph', text: ["3 more layer rows left out to keep this comment under GitHub's size limit; report.html in the run's output has them all."] });
});

test('text from the card stays text: no HTML, no mentions, no broken tables', () => {
  const evil = baseCard();
  const layer: LayerCard = { position: 1, kind: '<img src=x onerror=alert(1)>', options: { 'a|b': '<script>alert(1)</script>', activation: '@octo-org' }, outputShape: [8], parameters: 1 };
  evil.layers = [layer, ...evil.layers.slice(1)];
  evil.training.summary = '<b>all</b> | #12 on www.example.test';
  const head = withCard(makeRecord(), evil);
  const base = withCard(makeRecord({ seed: 2 }), baseCard());
  const text = markdown(head, base);
  assert.doesNotMatch(text, /<script>|<img src=x|<b>/);
  assert.match(text, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(text, /@\u2060octo-org/);
  assert.match(text, /#\u206012/);
  assertTablesWhole(text);
  const html = blocksToHtmlPage(buildDocument(input(head, base)), (file) => file, 'T');
  assert.doesNotMatch(html, /<script>|<img src=x|<b>all/);
  assert.match(html, /&lt;script&gt;/);
});

test('sizes read in human units', () => {
  assert.deepEqual([0, 900, 1024, 10_400, 530_000, 1_690_000, 5 * 1024 ** 3].map(formatBytes), ['0 B', '900 B', '1.00 KB', '10.2 KB', '518 KB', '1.61 MB', '5.00 GB']);
  assert.equal(formatBytes(-1), '—');
});
