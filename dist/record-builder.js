// The run record from what the pipeline's steps produced: one function, so
// that every entry (the CLI, the action, a sweep's variants) writes the same
// run.json for the same run. Pure: no tfjs, no files.
import { layersAsList } from './model/spec.js';
import { RUN_RECORD_VERSION } from './record.js';
import { libraryVersions, TOOL_NAME, TOOL_VERSION } from './version.js';
const round6 = (value) => Number(value.toFixed(6));
export function buildRunRecord(inputs) {
    const { params, listing, decoded, split, first } = inputs;
    const classes = listing.classes;
    const imagesPerClass = Object.fromEntries(classes.map((name) => [name, 0]));
    for (const image of decoded.images)
        imagesPerClass[classes[image.label]]++;
    const labelOf = new Map(decoded.images.map((image) => [image.path, image.label]));
    const predictions = split.validationPaths.map((path, row) => ({
        path,
        trueLabel: classes[labelOf.get(path)],
        predictedLabel: classes[first.scores.predicted[row]],
        probabilities: Array.from(first.scores.probabilities.subarray(row * classes.length, (row + 1) * classes.length), round6),
    }));
    // The model list as params.yaml writes it, so that a record's params can be pasted back into one.
    // With a list, the notebook's shorthands are not the model: they are left out, as formatParams leaves them.
    const recordParams = params.model
        ? { ...params, train: Object.fromEntries(Object.entries(params.train).filter(([key]) => key !== 'conv_size' && key !== 'dense_size')), model: layersAsList(params.model) }
        : params;
    return {
        recordVersion: RUN_RECORD_VERSION,
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        createdAt: (inputs.createdAt ?? new Date()).toISOString(),
        ...(inputs.source ? { source: inputs.source } : {}),
        params: recordParams,
        ...(inputs.overrides.length > 0 ? { paramsOverride: inputs.overrides.map((override) => override.text) } : {}),
        dataset: {
            root: inputs.dataDir,
            classes,
            imagesPerClass,
            totalImages: decoded.images.length,
            contentHash: decoded.contentHash,
            files: decoded.fileHashes,
            skipped: decoded.skipped,
        },
        split: {
            seed: split.seed,
            fraction: split.fraction,
            trainCount: split.trainCount,
            validationCount: split.validationPaths.length,
            validation: [...split.validationPaths].sort(),
        },
        backend: inputs.backend,
        versions: libraryVersions(),
        metrics: inputs.repeats[0].metrics,
        history: inputs.repeats[0].history,
        perClass: first.perClass,
        confusionMatrix: first.matrix,
        predictions,
        repeats: inputs.repeats,
        modelCard: inputs.modelCard,
        timings: inputs.timings,
    };
}
