import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { createInflateRaw, inflateRawSync } from "node:zlib";

/** One file inside a .zip (a .xlsx is a zip too), read from its central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class NotAZipError extends Error {}

/**
 * The entries of a zip file on disk, from its central directory (no zip64: .xlsx and shapefile archives of
 * the sizes we accept never need it). Reads only the directory, so it is cheap for any file size.
 */
export async function zipEntries(file: string): Promise<ZipEntry[]> {
  const fh = await open(file, "r");
  try {
    const { size } = await fh.stat();
    const tail = Buffer.alloc(Math.min(size, 65557));
    await fh.read(tail, 0, tail.length, size - tail.length);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw new NotAZipError("no end of central directory");
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset + dirSize > size) throw new NotAZipError("central directory out of range");
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (dir.readUInt32LE(p) !== 0x02014b50) throw new NotAZipError("bad central directory entry");
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const flags = dir.readUInt16LE(p + 8);
      const raw = dir.subarray(p + 46, p + 46 + nameLen);
      entries.push({
        name: flags & 0x800 ? raw.toString("utf8") : new TextDecoder("gbk").decode(raw),
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        localOffset: dir.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

async function dataRange(file: string, e: ZipEntry): Promise<[number, number]> {
  const fh = await open(file, "r");
  try {
    const head = Buffer.alloc(30);
    await fh.read(head, 0, 30, e.localOffset);
    if (head.readUInt32LE(0) !== 0x04034b50) throw new NotAZipError("bad local header");
    const start = e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    return [start, start + e.compressedSize];
  } finally {
    await fh.close();
  }
}

/** The uncompressed bytes of one (small) entry. */
export async function readZipEntry(file: string, e: ZipEntry): Promise<Buffer> {
  const [start, end] = await dataRange(file, e);
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(end - start);
    await fh.read(buf, 0, buf.length, start);
    if (e.method === 0) return buf;
    if (e.method === 8) return inflateRawSync(buf);
    throw new NotAZipError(`unsupported compression ${e.method}`);
  } finally {
    await fh.close();
  }
}

/** The uncompressed bytes of one entry as a stream (for large worksheets). */
export async function streamZipEntry(file: string, e: ZipEntry): Promise<Readable> {
  const [start, end] = await dataRange(file, e);
  const fh = await open(file, "r");
  const raw = fh.createReadStream({ start, end: Math.max(start, end - 1), autoClose: true });
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new NotAZipError(`unsupported compression ${e.method}`);
  return e.compressedSize === 0 ? Readable.from([]) : raw.pipe(createInflateRaw());
}
