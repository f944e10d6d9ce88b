// The --out folder: this tool writes only its own files there and never
// deletes anything. A marker file lists the entries the tool has written;
// only those may be overwritten by a later run, so a user's file of the same
// name (their own report.md, say) is never replaced.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
const MARKER = '.train-and-report';
const MARKER_HEADER = '# Written by train-and-report: the entries it wrote here and may overwrite. Other files are never touched.\n';
export class OutputFolderError extends Error {
    constructor(message) {
        super(message);
        this.name = 'OutputFolderError';
    }
}
async function ownedEntries(folder) {
    try {
        const text = await readFile(join(folder, MARKER), 'utf8');
        return new Set(text.split('\n').filter((line) => line && !line.startsWith('#')));
    }
    catch {
        return new Set();
    }
}
/**
 * Throws when `folder` is a file, or holds one of `entries` that this tool
 * did not write. Writes nothing: a run checks before its slow stages.
 */
export async function checkOutputFolder(folder, entries) {
    let present;
    try {
        present = await readdir(folder);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            return;
        if (code === 'ENOTDIR')
            throw new OutputFolderError(`output folder "${folder}" is a file; pass --out a folder`);
        throw new OutputFolderError(`output folder "${folder}" cannot be read (${code})`);
    }
    const owned = await ownedEntries(folder);
    const clashes = entries.filter((entry) => present.includes(entry) && !owned.has(entry));
    if (clashes.length > 0) {
        throw new OutputFolderError(`output folder "${folder}" already holds ${clashes.map((name) => `"${name}"`).join(', ')}, not written by train-and-report; choose another --out folder or move those files away`);
    }
}
/** Checks as checkOutputFolder does, then creates the folder and records `entries` as the tool's own. */
export async function claimOutputFolder(folder, entries) {
    await checkOutputFolder(folder, entries);
    await mkdir(folder, { recursive: true });
    const owned = await ownedEntries(folder);
    const before = owned.size;
    for (const entry of entries)
        owned.add(entry);
    if (owned.size !== before || before === 0) {
        await writeFile(join(folder, MARKER), MARKER_HEADER + [...owned].sort().join('\n') + '\n');
    }
}
