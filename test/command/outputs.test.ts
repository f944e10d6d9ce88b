import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommandOutputError, parseDelimited, parseDvcliveHistory, parseHistoryCsv, parseMetricsJson, parsePredictionsCsv } from '../../src/command/outputs.js';
import { readCommandParams } from '../../src/command/params.js';
import { ParamsError } from '../../src/params.js';

const refused = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (error: Error) => (error instanceof CommandOutputError || error instanceof ParamsError) && pattern.test(error.message) && !error.message.includes('\n'));

test('metrics.json: a flat object of numbers; nested names are flattened as dvc metrics show prints them', () => {
  assert.deepEqual(parseMetricsJson('{"val_acc": 0.91, "val_loss": 0.31}', 'm.json'), { val_acc: 0.91, val_loss: 0.31 });
  assert.deepEqual(parseMetricsJson('{"train": {"loss": 0.2}, "eval": {"acc": 0.8}}', 'm.json'), { 'train.loss': 0.2, 'eval.acc': 0.8 });
  refused(() => parseMetricsJson('{"val_acc": "high"}', 'seeds/77/metrics.json'), /^seeds\/77\/metrics\.json: key "val_acc" is "high", not a finite number/);
  refused(() => parseMetricsJson('{"val_acc": null}', 'm.json'), /key "val_acc" is null/);
  refused(() => parseMetricsJson('{"val_acc": 91}', 'm.json'), /^m\.json: key "val_acc" is 91, but val_acc is a share from 0 to 1 \(e\.g\. 0\.91, not 91\)/);
  assert.deepEqual(parseMetricsJson('{"mae": 91}', 'm.json'), { mae: 91 });
  refused(() => parseMetricsJson('[1, 2]', 'm.json'), /^m\.json: expected a JSON object of numbers/);
  refused(() => parseMetricsJson('{"val_acc": 0.9', 'm.json'), /^m\.json: not valid JSON/);
  refused(() => parseMetricsJson('{}', 'm.json'), /holds no metrics/);
  refused(() => parseMetricsJson('{"<img src=x>": 1}', 'm.json'), /is not a metric name/);
});

test('CSV: quoted fields, doubled quotes, CRLF and blank lines, each row with its line number', () => {
  const rows = parseDelimited('a,b\r\n"x,1","say ""hi"""\r\n\r\nc,d\n', ',', 'f.csv');
  assert.deepEqual(rows, [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['x,1', 'say "hi"'] }, { line: 4, fields: ['c', 'd'] }]);
  refused(() => parseDelimited('a,"b\n', ',', 'f.csv'), /^f\.csv line 1: a quoted field is not closed/);
});

test("history.csv: Keras's CSVLogger columns, epochs from 0 renumbered from 1; a bad cell names its line and column", () => {
  const { history, ignored } = parseHistoryCsv('epoch,accuracy,loss,val_accuracy,val_loss,lr\n0,0.5,1.2,0.4,1.3,0.001\n1,0.7,0.9,0.6,1.0,0.001\n', 'h.csv');
  assert.deepEqual(history, [{ epoch: 1, accuracy: 0.5, loss: 1.2, val_accuracy: 0.4, val_loss: 1.3 }, { epoch: 2, accuracy: 0.7, loss: 0.9, val_accuracy: 0.6, val_loss: 1.0 }]);
  assert.deepEqual(ignored, ['lr']);
  assert.deepEqual(parseHistoryCsv('epoch,val_acc\n1,0.5\n', 'h.csv').history, [{ epoch: 1, val_accuracy: 0.5 }]);
  refused(() => parseHistoryCsv('epoch,loss\n1,0.5\n2,oops\n', 'seeds/77/history.csv'), /^seeds\/77\/history\.csv line 3: column "loss" is "oops", not a number/);
  refused(() => parseHistoryCsv('step,loss\n1,0.5\n', 'h.csv'), /^h\.csv line 1: no "epoch" column/);
  refused(() => parseHistoryCsv('epoch,loss\n1,0.5,7\n', 'h.csv'), /^h\.csv line 2: 3 fields, but the header has 2/);
  refused(() => parseHistoryCsv('epoch,loss\n1,0.5\n1,0.4\n', 'h.csv'), /line 3: epoch 1 appears twice/);
});

test("DVCLive's plots/metrics/*.tsv: one file per metric, merged by step", () => {
  const files = new Map([['train/loss', 'step\tloss\n0\t1.5\n1\t1.0\n'], ['eval/acc', 'step\tacc\n0\t0.3\n1\t0.6\n'], ['lr', 'step\tlr\n0\t0.1\n']]);
  const { history, ignored } = parseDvcliveHistory(files, 'seeds/77/plots/metrics');
  assert.deepEqual(history, [{ epoch: 1, loss: 1.5, val_accuracy: 0.3 }, { epoch: 2, loss: 1.0, val_accuracy: 0.6 }]);
  assert.deepEqual(ignored, ['lr']);
  refused(() => parseDvcliveHistory(new Map([['eval/acc', 'step\tacc\n0\tx\n']]), 'p'), /^p\/eval\/acc\.tsv line 2: column "acc" is "x", not a number/);
});

test('predictions.csv: paths under the data folder, known classes, probabilities per class; each problem names its line', () => {
  const classes = ['Earth', 'Mars'];
  const images = new Set(['Earth/e1.jpg', 'Mars/m1.jpg', 'Mars/sub/m2.jpg']);
  const rows = parsePredictionsCsv('path,true,predicted,Mars,Earth\nEarth/e1.jpg,Earth,Mars,0.6,0.4\nMars/./sub/m2.jpg,Mars,Mars,0.9,0.1\n', 'p.csv', classes, images);
  assert.deepEqual(rows, [
    { path: 'Earth/e1.jpg', trueLabel: 'Earth', predictedLabel: 'Mars', probabilities: [0.4, 0.6] },
    { path: 'Mars/sub/m2.jpg', trueLabel: 'Mars', predictedLabel: 'Mars', probabilities: [0.1, 0.9] },
  ]);
  assert.deepEqual(parsePredictionsCsv('path,true,predicted\nMars/m1.jpg,Mars,Earth\n', 'p.csv', classes, images)[0].probabilities, []);
  const csv = (row: string) => `path,true,predicted\nEarth/e1.jpg,Earth,Earth\n${row}\n`;
  refused(() => parsePredictionsCsv(csv('../secret.jpg,Mars,Mars'), 'seeds/77/predictions.csv', classes, images), /^seeds\/77\/predictions\.csv line 3: path "\.\.\/secret\.jpg" is outside the data folder/);
  refused(() => parsePredictionsCsv(csv('/etc/passwd,Mars,Mars'), 'p.csv', classes, images), /line 3: path "\/etc\/passwd" is outside the data folder/);
  refused(() => parsePredictionsCsv(csv('Earth/../../x.jpg,Mars,Mars'), 'p.csv', classes, images), /line 3: .* is outside the data folder/);
  refused(() => parsePredictionsCsv(csv('Mars/nope.jpg,Mars,Mars'), 'p.csv', classes, images), /line 3: path "Mars\/nope\.jpg" is not an image of the data folder/);
  refused(() => parsePredictionsCsv(csv('Mars/m1.jpg,Mars,Vulcan'), 'p.csv', classes, images), /line 3: predicted class "Vulcan" is not a class of the data folder \(Earth, Mars\)/);
  refused(() => parsePredictionsCsv(csv('Earth/e1.jpg,Earth,Earth'), 'p.csv', classes, images), /line 3: "Earth\/e1\.jpg" appears twice/);
  refused(() => parsePredictionsCsv('file,label,guess\n', 'p.csv', classes, images), /^p\.csv line 1: the header must start with path,true,predicted/);
  refused(() => parsePredictionsCsv('path,true,predicted,Earth,Venus\n', 'p.csv', classes, images), /line 1: column "Venus" is not a class/);
  refused(() => parsePredictionsCsv('path,true,predicted,Earth,Mars\nEarth/e1.jpg,Earth,Earth,1.5,0\n', 'p.csv', classes, images), /line 2: column "Earth" is 1\.5, not a probability/);
});

test("a command's params: only this tool's keys are checked, the rest is kept as written", () => {
  const { params, recorded } = readCommandParams({ train: { lr: 0.001, repeats: 3 }, featurize: { max_features: 200 }, report: { metrics: { auc: 'higher' }, headline: 'auc' } }, 'params.yaml');
  assert.deepEqual(params, { seed: 77, repeats: 3, timeout: 3600, directions: { auc: 'higher' }, headline: 'auc' });
  assert.deepEqual(recorded.featurize, { max_features: 200 });
  assert.equal(recorded.train.lr, 0.001);
  assert.equal(recorded.train.seed, 77, 'defaults are written back: the params diff compares them');
  refused(() => readCommandParams({ train: { repeats: 0 } }, 'params.yaml'), /^params\.yaml: "train\.repeats" must be a whole number from 1 to 100; got 0/);
  refused(() => readCommandParams({ train: { timeout: -1 } }, 'params.yaml'), /"train\.timeout" must be the seconds one seed may run/);
  refused(() => readCommandParams({ report: { metrics: { auc: 'up' } } }, 'params.yaml'), /"report\.metrics\.auc" must be higher or lower/);
  refused(() => readCommandParams({ report: { headlines: 'auc' } }, 'params.yaml'), /unknown key "report\.headlines"; known keys: metrics, headline/);
  refused(() => readCommandParams([1], 'params.yaml'), /expected a mapping of sections/);
});
