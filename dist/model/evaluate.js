// Classification metrics from logits and true labels, computed in float64
// in plain JavaScript so that they are exact, backend-independent given the
// logits, and testable against hand-computed values. Semantics follow
// scikit-learn's precision_recall_fscore_support with zero_division=0: a
// class that is never predicted has precision 0 (not NaN).
// Pure: no tfjs.
/** Softmax, argmax and cross-entropy of row-major logits. */
export function scoreLogits(logits, labels, classes) {
    const count = labels.length;
    if (logits.length !== count * classes)
        throw new Error(`expected ${count * classes} logits for ${count} examples, got ${logits.length}`);
    const probabilities = new Float64Array(count * classes);
    const predicted = new Int32Array(count);
    let lossSum = 0;
    let correct = 0;
    for (let row = 0; row < count; row++) {
        const offset = row * classes;
        let max = -Infinity;
        let best = 0;
        for (let k = 0; k < classes; k++) {
            const value = logits[offset + k];
            if (value > max)
                [max, best] = [value, k];
        }
        let total = 0;
        for (let k = 0; k < classes; k++)
            total += Math.exp(logits[offset + k] - max);
        const logTotal = Math.log(total);
        for (let k = 0; k < classes; k++)
            probabilities[offset + k] = Math.exp(logits[offset + k] - max - logTotal);
        lossSum += logTotal - (logits[offset + labels[row]] - max);
        predicted[row] = best;
        if (best === labels[row])
            correct++;
    }
    return { probabilities, predicted, loss: count ? lossSum / count : 0, accuracy: count ? correct / count : 0 };
}
/** Counts; rows are the true class, columns the predicted class. */
export function confusionMatrix(labels, predicted, classes) {
    const matrix = Array.from({ length: classes }, () => new Array(classes).fill(0));
    for (let index = 0; index < labels.length; index++)
        matrix[labels[index]][predicted[index]]++;
    return matrix;
}
const safeDivide = (numerator, denominator) => (denominator === 0 ? 0 : numerator / denominator);
export function perClassMetrics(matrix, classNames) {
    return classNames.map((label, k) => {
        const truePositives = matrix[k][k];
        const support = matrix[k].reduce((sum, value) => sum + value, 0);
        const predictedCount = matrix.reduce((sum, row) => sum + row[k], 0);
        const precision = safeDivide(truePositives, predictedCount);
        const recall = safeDivide(truePositives, support);
        const f1 = safeDivide(2 * precision * recall, precision + recall);
        return { label, precision, recall, f1, support };
    });
}
/** One value per key of src/metrics.ts's table, in its order (metrics.json keeps it). */
export function summaryMetrics(scores, perClass) {
    const classes = perClass.length;
    const totalSupport = perClass.reduce((sum, entry) => sum + entry.support, 0);
    const macro = (key) => perClass.reduce((sum, entry) => sum + entry[key], 0) / classes;
    const weighted = (key) => safeDivide(perClass.reduce((sum, entry) => sum + entry[key] * entry.support, 0), totalSupport);
    return {
        val_loss: scores.loss,
        val_acc: scores.accuracy,
        precision: macro('precision'),
        recall: macro('recall'),
        f1_score: macro('f1'),
        weighted_precision: weighted('precision'),
        weighted_recall: weighted('recall'),
        weighted_f1: weighted('f1'),
    };
}
