import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkThresholds, parseThresholds, ThresholdError, type Threshold } from '../../src/compare/thresholds.js';
import { METRICS } from '../../src/metrics.js';

test('parseThresholds reads absolute and relative limits in every accepted layout', () => {
  const expected = [
    { metric: 'val_acc', kind: 'absolute', limit: -0.02, text: 'val_acc: -0.02' },
    { metric: 'val_loss', kind: 'relative', limit: 0.05, text: 'val_loss: +5%' },
  ];
  assert.deepEqual(parseThresholds('val_acc: -0.02, val_loss: +5%'), expected);
  assert.deepEqual(parseThresholds('val_acc: -0.02\nval_loss: +5%\n'), expected);
  assert.deepEqual(parseThresholds('- val_acc: -0.02   # accuracy\n- "val_loss": "+5%"'), expected);
  assert.deepEqual(parseThresholds('{val_acc: -0.02, val_loss: +5%}'), expected);
  assert.deepEqual(parseThresholds(''), []);
  assert.deepEqual(parseThresholds('off'), []);
});

test('parseThresholds errors name the metric and the allowed form', () => {
  const check = (text: string, pattern: RegExp) =>
    assert.throws(() => parseThresholds(text), (error: unknown) => error instanceof ThresholdError && pattern.test(error.message));
  check('val_accuracy: -0.02', /unknown metric "val_accuracy"; use one of val_loss, val_acc/);
  check('val_acc: 0.02', /val_acc: "0.02" is not a signed number \(the sign is required/);
  check('val_acc: -2 points', /val_acc: "-2 points".*"val_acc: -0.02" \(fail when it drops/);
  check('val_loss: 5', /val_loss: "5" is not a signed number.*"val_loss: \+0.02" \(fail when it rises/);
  check('val_acc -0.02', /has no ":"/);
  check('val_acc: -0.02, val_acc: -0.01', /given twice/);
  check('val_acc: -0', /limit of 0/);
});

test('checkThresholds reports crossed limits as data', () => {
  const thresholds = parseThresholds('val_acc: -0.02, val_loss: +5%, f1_score: -0.5');
  const base = { val_acc: 0.8, val_loss: 1.0, f1_score: 0.7 };
  const head = { val_acc: 0.77, val_loss: 1.04, f1_score: 0.6 };
  const checks = checkThresholds(thresholds, head, base);
  assert.deepEqual(checks.map((c) => c.crossed), [true, false, false]);
  const regression = checks[0].regression!;
  assert.equal(regression.metric, 'val_acc');
  assert.ok(Math.abs(regression.change - -0.03) < 1e-12);
  assert.match(regression.message, /val_acc changed by -0\.0300 \(0\.8000 → 0\.7700\), beyond the limit -0\.02/);

  // 1.0 → 1.06 is +6 %, over +5 %.
  const relative = checkThresholds(thresholds, { ...head, val_loss: 1.06 }, base);
  assert.equal(relative[1].crossed, true);
  assert.ok(Math.abs(relative[1].regression!.change - 0.06) < 1e-12);
  // A change in the good direction never crosses.
  assert.equal(checkThresholds(thresholds, { val_acc: 0.95, val_loss: 0.5, f1_score: 0.9 }, base).some((c) => c.crossed), false);
});

test('checkThresholds skips what it cannot check and says why', () => {
  const thresholds = parseThresholds('val_acc: -0.02, val_loss: +5%');
  assert.match(checkThresholds(thresholds, { val_acc: 0.5 }).at(0)!.skipped!, /no base run/);
  const checks = checkThresholds(thresholds, { val_acc: 0.5, val_loss: 0.1 }, { val_acc: 0.6, val_loss: 0 });
  assert.equal(checks[0].crossed, true);
  assert.match(checks[1].skipped!, /base val_loss is 0/);
});

test('with repeats a threshold is crossed by the mean change, and the message says how sure', () => {
  const thresholds = parseThresholds('val_acc: -0.02');
  // Means 0.88 → 0.85: −0.03, beyond −0.02. Each side's sd is 0.01, so the pooled variance is
  // (2 · 0.0001 + 2 · 0.0001) / 4 = 0.0001, se = 0.01 · √(1/3 + 1/3) = 0.0081650, t(0.975, 4) = 2.776445:
  // interval −0.03 ± 0.022670 = −0.052670 to −0.007330. It reaches back within −0.02, so not sure.
  const base = { val_acc: [0.87, 0.88, 0.89] };
  const head = { val_acc: [0.84, 0.85, 0.86] };
  const [check] = checkThresholds(thresholds, head, base);
  assert.equal(check.crossed, true);
  const regression = check.regression!;
  assert.ok(Math.abs(regression.change - -0.03) < 1e-12);
  assert.equal(regression.sure, false);
  assert.ok(Math.abs(regression.interval!.low - (-0.03 - 2.776445 * 0.01 * Math.sqrt(2 / 3))) < 1e-6);
  assert.ok(Math.abs(regression.interval!.high - (-0.03 + 2.776445 * 0.01 * Math.sqrt(2 / 3))) < 1e-6);
  assert.equal(regression.message, 'mean val_acc over 3 seeds per side changed by -0.0300 (0.8800 → 0.8500), beyond the limit -0.02; but the 95 % interval of the change, -0.0527 to -0.0073, reaches back within the limit, so seed noise could explain it');

  // A drop of 0.1 with the same spread: the whole interval is beyond the limit.
  const far = checkThresholds(thresholds, { val_acc: [0.77, 0.78, 0.79] }, base)[0].regression!;
  assert.equal(far.sure, true);
  assert.match(far.message, /lies wholly beyond the limit, so seed noise is unlikely to explain it$/);

  // The mean decides, not the first seed: the first PR seed alone drops by 0.07, the mean by 0.01.
  assert.equal(checkThresholds(thresholds, { val_acc: [0.80, 0.89, 0.92] }, base)[0].crossed, false);

  // One run per side: crossed, and said to be unsure.
  const single = checkThresholds(thresholds, { val_acc: 0.85 }, { val_acc: 0.88 })[0].regression!;
  assert.equal(single.sure, false);
  assert.equal(single.interval, undefined);
  assert.match(single.message, /from one run per side, which cannot tell a change from seed noise/);
});

test('a threshold whose sign points the way a metric improves is refused, naming the sign to write', () => {
  const refused = (text: string, pattern: RegExp) =>
    assert.throws(() => parseThresholds(text), (error: unknown) => error instanceof ThresholdError && pattern.test(error.message));
  // Lower loss is better: "-0.02" would fail when the loss falls.
  refused('val_loss: -0.02', /val_loss: "-0.02" would fail when val_loss improves \(lower validation loss is better\); write "val_loss: \+0.02" to fail when it rises by more than 0.02$/);
  refused('val_acc: +2%', /val_acc: "\+2%" would fail when val_acc improves \(higher validation accuracy is better\); write "val_acc: -2%" to fail when it drops by more than 2 %$/);
  refused('weighted_f1: +0.1', /write "weighted_f1: -0.1"/);
});

test('every metric fails on a change its table direction calls worse, and never on one it calls better', () => {
  for (const { key, better } of METRICS) {
    const sign = better === 'higher' ? '-' : '+';
    const thresholds = parseThresholds(`${key}: ${sign}0.1`);
    const worse = better === 'higher' ? 0.3 : 0.7;
    const improved = better === 'higher' ? 0.7 : 0.3;
    assert.equal(checkThresholds(thresholds, { [key]: worse }, { [key]: 0.5 })[0].crossed, true, `${key} 0.5 → ${worse} is a regression`);
    assert.equal(checkThresholds(thresholds, { [key]: improved }, { [key]: 0.5 })[0].crossed, false, `${key} 0.5 → ${improved} is an improvement`);
    // Within the limit the bad way: not crossed.
    assert.equal(checkThresholds(thresholds, { [key]: better === 'higher' ? 0.45 : 0.55 }, { [key]: 0.5 })[0].crossed, false);
  }
});

test('the check follows the metric\'s direction even for a threshold built with the wrong sign', () => {
  // Built by hand (parseThresholds refuses this sign): a limit of 0.02 on val_loss still means "a rise of more than 0.02".
  const lossDrop: Threshold = { metric: 'val_loss', kind: 'absolute', limit: -0.02, text: 'val_loss: -0.02' };
  assert.equal(checkThresholds([lossDrop], { val_loss: 1.05 }, { val_loss: 1.0 })[0].crossed, true);
  assert.equal(checkThresholds([lossDrop], { val_loss: 0.9 }, { val_loss: 1.0 })[0].crossed, false);
  const accuracyRise: Threshold = { metric: 'val_acc', kind: 'relative', limit: 0.05, text: 'val_acc: +5%' };
  assert.equal(checkThresholds([accuracyRise], { val_acc: 0.9 }, { val_acc: 0.8 })[0].crossed, false);
  assert.equal(checkThresholds([accuracyRise], { val_acc: 0.7 }, { val_acc: 0.8 })[0].crossed, true);
});

test('a crossed val_loss threshold over seeds is sure only when the whole interval lies on the rising side', () => {
  const [threshold] = parseThresholds('val_loss: +0.02');
  // Means 1.00 → 1.10 with sd 0.01 per side: the interval is about +0.077 to +0.123, all beyond +0.02.
  const far = checkThresholds([threshold], { val_loss: [1.09, 1.10, 1.11] }, { val_loss: [0.99, 1.00, 1.01] })[0].regression!;
  assert.equal(far.sure, true);
  assert.ok(far.interval!.low > 0.02);
  // Means 1.00 → 1.03: crossed, but the interval reaches below +0.02.
  const near = checkThresholds([threshold], { val_loss: [1.02, 1.03, 1.04] }, { val_loss: [0.99, 1.00, 1.01] })[0].regression!;
  assert.equal(near.sure, false);
  assert.ok(near.interval!.low < 0.02 && near.interval!.high > 0.02);
});
