// Saves and loads the trained model in tfjs's layers format (model.json +
// weights.bin) with a metadata.json beside it that holds everything needed to
// use the model without this run's code: labels, input size, colour mode and
// the scaling of pixels. Written with plain file I/O so that it works on every
// backend (tfjs's file:// handler exists only with the native bindings).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
export class ModelFileError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ModelFileError';
    }
}
export const MODEL_FILES = { topology: 'model.json', weights: 'weights.bin', metadata: 'metadata.json' };
export async function saveModel(model, folder, metadata) {
    await mkdir(folder, { recursive: true });
    let artifacts;
    await model.save(tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }));
    if (!artifacts?.weightData || !artifacts.weightSpecs)
        throw new ModelFileError('tfjs returned no weights to save');
    const weightBuffers = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
    const weights = Buffer.concat(weightBuffers.map((buffer) => Buffer.from(buffer)));
    const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${MODEL_FILES.weights}`], weights: artifacts.weightSpecs }],
    };
    const files = [join(folder, MODEL_FILES.topology), join(folder, MODEL_FILES.weights), join(folder, MODEL_FILES.metadata)];
    await writeFile(files[0], JSON.stringify(modelJson) + '\n');
    await writeFile(files[1], weights);
    await writeFile(files[2], JSON.stringify(metadata, null, 2) + '\n');
    return files;
}
async function readJson(file) {
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch {
        throw new ModelFileError(`${file} is missing; pass --model the model/ folder written by "train-and-report run"`);
    }
    try {
        return JSON.parse(text);
    }
    catch {
        throw new ModelFileError(`${file} is not valid JSON; the model folder is corrupt, run the pipeline again`);
    }
}
export async function loadModel(folder) {
    const metadata = (await readJson(join(folder, MODEL_FILES.metadata)));
    if (metadata.format !== 'train-and-report-classifier' || !Array.isArray(metadata.labels)) {
        throw new ModelFileError(`${join(folder, MODEL_FILES.metadata)} was not written by train-and-report (field "format")`);
    }
    const modelJson = (await readJson(join(folder, MODEL_FILES.topology)));
    let weights;
    try {
        weights = await readFile(join(folder, MODEL_FILES.weights));
    }
    catch {
        throw new ModelFileError(`${join(folder, MODEL_FILES.weights)} is missing; the model folder is incomplete, run the pipeline again`);
    }
    const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
    const model = await tfl.loadLayersModel(tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
        weightData,
    }));
    return { model, metadata };
}
