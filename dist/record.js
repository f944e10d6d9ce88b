// The run record: everything one `run` learned, written as run.json.
// The report and the GitHub Action read it (also records written by older
// versions of this tool, from the reports branch), so its shape is versioned:
// a change that removes or renames a field bumps RUN_RECORD_VERSION and
// teaches `upgradeRecord` to read the old shape.
// Pure: no tfjs, no @actions/*. File I/O is limited to read/write helpers.
import { readFile, writeFile } from 'node:fs/promises';
export const RUN_RECORD_VERSION = 1;
export class RecordError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RecordError';
    }
}
const REQUIRED_FIELDS = ['params', 'dataset', 'split', 'metrics', 'history', 'confusionMatrix', 'predictions'];
/**
 * Accepts a parsed run.json of any known version and returns the current
 * shape, or throws a RecordError that says what is wrong with which file.
 */
export function upgradeRecord(raw, source) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new RecordError(`${source}: not a run record (expected a JSON object written by train-and-report)`);
    }
    const record = raw;
    const version = record.recordVersion;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
        throw new RecordError(`${source}: field "recordVersion" is missing or not a version number; this file was not written by train-and-report run`);
    }
    if (version > RUN_RECORD_VERSION) {
        throw new RecordError(`${source}: record version ${version} is newer than this tool understands (${RUN_RECORD_VERSION}); update train-and-report`);
    }
    for (const field of REQUIRED_FIELDS) {
        if (record[field] === undefined) {
            throw new RecordError(`${source}: field "${field}" is missing; the record is incomplete or corrupt, run the pipeline again`);
        }
    }
    // Version 1 is the first shape; older shapes are upgraded here when they exist.
    return {
        ...record,
        repeats: record.repeats ?? [],
        timings: record.timings ?? {},
        versions: record.versions ?? {},
        perClass: record.perClass ?? [],
    };
}
export async function readRecord(file) {
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            throw new RecordError(`${file}: no run record here; pass the --out folder of a finished "train-and-report run"`);
        throw new RecordError(`${file}: cannot read the run record (${code ?? String(error)})`);
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        throw new RecordError(`${file}: run record is not valid JSON (${error.message}); it may be truncated, run the pipeline again`);
    }
    return upgradeRecord(parsed, file);
}
export async function writeRecord(file, record) {
    await writeFile(file, JSON.stringify(record, null, 2) + '\n');
}
/** metrics.json: flat and DVC-compatible, rounded so that it diffs cleanly. */
export function metricsFileContent(metrics) {
    const rounded = {};
    for (const [key, value] of Object.entries(metrics))
        rounded[key] = Number(value.toFixed(6));
    return JSON.stringify(rounded, null, 2) + '\n';
}
