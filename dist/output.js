// The --out folder: this tool writes only its own files there and never
// deletes anything. A folder that holds files it did not write is used only
// when none of them would be overwritten.
import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
const MARKER = '.train-and-report';
export class OutputFolderError extends Error {
    constructor(message) {
        super(message);
        this.name = 'OutputFolderError';
    }
}
async function exists(path) {
    return access(path).then(() => true, () => false);
}
/**
 * Makes `folder` ready for the named entries (files or sub-folders). A
 * folder written by an earlier run (it holds the marker file) is reused and
 * its entries overwritten; in any other folder an entry that already exists
 * is an error, so the user's files are never replaced.
 */
export async function claimOutputFolder(folder, entries) {
    let present = [];
    try {
        present = await readdir(folder);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOTDIR')
            throw new OutputFolderError(`output folder "${folder}" is a file; pass --out a folder`);
        if (code !== 'ENOENT')
            throw new OutputFolderError(`output folder "${folder}" cannot be read (${code})`);
    }
    if (present.length > 0 && !present.includes(MARKER)) {
        const clashes = entries.filter((entry) => present.includes(entry));
        if (clashes.length > 0) {
            throw new OutputFolderError(`output folder "${folder}" already holds ${clashes.map((name) => `"${name}"`).join(', ')}, not written by train-and-report; choose another --out folder or move those files away`);
        }
    }
    await mkdir(folder, { recursive: true });
    if (!(await exists(join(folder, MARKER)))) {
        await writeFile(join(folder, MARKER), 'This folder holds output of train-and-report; it overwrites only files it wrote itself.\n');
    }
}
