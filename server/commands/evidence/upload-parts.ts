import fs from "node:fs/promises";
import path from "node:path";

/**
 * The bytes of unfinished resumable uploads: `<dataDir>/uploads/<session id>.part`, on the server's own
 * disk whatever evidence store is configured (the finished file goes to the store). Session ids are UUIDs
 * checked by the route, so a name never leaves the folder. A full disk stays the file system's error
 * (ENOSPC: answered 507 `storage_full`).
 */
export const uploadsDir = (dataDir: string) => path.join(dataDir, "uploads");
const partFile = (dataDir: string, id: string) => path.join(uploadsDir(dataDir), `${id}.part`);

/** Writes a piece at its position (a piece sent again overwrites itself; never appended twice). */
export async function writePart(dataDir: string, id: string, position: number, data: Buffer) {
  await fs.mkdir(uploadsDir(dataDir), { recursive: true });
  const handle = await fs.open(partFile(dataDir, id), position === 0 ? "w" : "r+").catch(async (err) => {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    return fs.open(partFile(dataDir, id), "w");
  });
  try {
    await handle.write(data, 0, data.length, position);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The first `size` bytes received, or null when the partial file is gone. */
export async function readPart(dataDir: string, id: string, size: number): Promise<Buffer | null> {
  try {
    const data = await fs.readFile(partFile(dataDir, id));
    return data.length >= size ? data.subarray(0, size) : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Bytes on disk for the session (0 when there is no file). */
export async function partLength(dataDir: string, id: string): Promise<number> {
  try {
    return (await fs.stat(partFile(dataDir, id))).size;
  } catch {
    return 0;
  }
}

export function removePart(dataDir: string, id: string) {
  return fs.rm(partFile(dataDir, id), { force: true });
}
