// A cache of preprocessed pixels, keyed by each file's content hash and by
// the preprocessing params, so that a run whose images and `prepare` params
// did not change skips decoding (the action keeps the folder in the
// runner's cache between jobs). One file per preprocessing setting:
//   magic "TARPIX1\n" | entry count (uint32 LE) | bytes per image (uint32 LE)
//   | count × (32-byte sha256 of the file, pixels)
// A cache that cannot be read is ignored, never trusted: results must be the
// same with or without it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
const MAGIC = Buffer.from('TARPIX1\n');
const HASH_BYTES = 32;
/** Bump when preprocessing changes its output, so that old caches are not used. */
const PREPROCESSING_VERSION = 1;
export function cacheFile(cacheDir, prepare) {
    const key = createHash('sha256')
        .update(JSON.stringify({ version: PREPROCESSING_VERSION, size: prepare.image_size, grayscale: prepare.grayscale }))
        .digest('hex')
        .slice(0, 16);
    return join(cacheDir, `pixels-${key}.bin`);
}
export async function readPixelCache(file, imageBytes) {
    const cache = new Map();
    let data;
    try {
        data = await readFile(file);
    }
    catch {
        return cache;
    }
    if (data.length < MAGIC.length + 8 || !data.subarray(0, MAGIC.length).equals(MAGIC))
        return cache;
    const count = data.readUInt32LE(MAGIC.length);
    const storedBytes = data.readUInt32LE(MAGIC.length + 4);
    const entryBytes = HASH_BYTES + storedBytes;
    if (storedBytes !== imageBytes || data.length !== MAGIC.length + 8 + count * entryBytes)
        return cache;
    for (let entry = 0, offset = MAGIC.length + 8; entry < count; entry++, offset += entryBytes) {
        const hash = data.toString('hex', offset, offset + HASH_BYTES);
        cache.set(hash, new Uint8Array(data.buffer, data.byteOffset + offset + HASH_BYTES, imageBytes));
    }
    return cache;
}
/** Writes the entries atomically (a reader never sees half a file). */
export async function writePixelCache(file, entries, imageBytes) {
    const header = Buffer.alloc(MAGIC.length + 8);
    MAGIC.copy(header);
    header.writeUInt32LE(entries.size, MAGIC.length);
    header.writeUInt32LE(imageBytes, MAGIC.length + 4);
    const parts = [header];
    for (const [hash, pixels] of entries)
        parts.push(Buffer.from(hash, 'hex'), pixels);
    await mkdir(join(file, '..'), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, Buffer.concat(parts));
    await rename(temporary, file);
}
