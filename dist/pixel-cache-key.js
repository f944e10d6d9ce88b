// The decoded-pixel cache's key for action.yml: a hash of the data folder's
// file names and contents. The runner's hashFiles() only sees files inside
// the workspace, so data elsewhere (e.g. under runner.temp) got one constant
// key and its cache was never refreshed. Plain Node: it runs before anything
// is installed. Prints `key=<hex>` for $GITHUB_OUTPUT.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
/** The data folder as inputs.ts resolves it: relative to working-directory, itself relative to the workspace. */
export function dataFolder(env) {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const workingDirectory = resolve(workspace, env.TRAIN_AND_REPORT_WORKING_DIRECTORY || '.');
    const data = env.TRAIN_AND_REPORT_DATA || 'data/raw';
    return isAbsolute(data) ? data : resolve(workingDirectory, data);
}
async function listFiles(root) {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
        .sort();
}
function fileHash(path) {
    return new Promise((resolvePromise, reject) => {
        const hash = createHash('sha256');
        createReadStream(path)
            .on('data', (chunk) => hash.update(chunk))
            .on('error', reject)
            .on('end', () => resolvePromise(hash.digest('hex')));
    });
}
/** sha256 over every file's relative path and content hash, in path order; "none" when the folder is missing or empty. */
export async function pixelCacheKey(root) {
    let files;
    try {
        files = await listFiles(root);
    }
    catch {
        return 'none';
    }
    if (files.length === 0)
        return 'none';
    const hash = createHash('sha256');
    for (const file of files)
        hash.update(`${file}\0${await fileHash(join(root, file))}\n`);
    return hash.digest('hex').slice(0, 32);
}
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
    process.stdout.write(`key=${await pixelCacheKey(dataFolder(process.env))}\n`);
}
