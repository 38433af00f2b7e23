import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { assertKey, type EvidenceStore, readAll, storeUnavailable } from "./evidence-store";

/** A full disk stays the file system's error: the error handler answers 507 `storage_full` and logs it. */
const fullDiskCodes = new Set(["ENOSPC", "EDQUOT"]);

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === "ENOENT";

function mapError(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  return code && fullDiskCodes.has(code) ? err : storeUnavailable("local", err);
}

/**
 * Writes a file under a temporary name (synced) and renames it into place, so a reader never sees a
 * partial file; when the write fails (ENOSPC on a full disk) the partial temporary file is removed and
 * the error goes on.
 */
async function writeAtomically(target: string, data: Buffer) {
  const tmp = `${target}.${randomUUID()}.tmp`;
  try {
    await fs.writeFile(tmp, data, { flag: "wx", flush: true });
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** `<dataDir>/evidence/<sha256>`: the embedded default, one process (or a shared file system). */
export class LocalEvidenceStore implements EvidenceStore {
  readonly kind = "local" as const;
  constructor(readonly dir: string) {}

  static forDataDir(dataDir: string) {
    return new LocalEvidenceStore(path.join(dataDir, "evidence"));
  }

  file(sha256: string) {
    assertKey(sha256);
    return path.join(this.dir, sha256);
  }

  async has(sha256: string) {
    const file = this.file(sha256);
    try {
      return (await fs.stat(file)).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw mapError(err);
    }
  }

  async put(sha256: string, data: Buffer, _mimeType?: string) {
    const file = this.file(sha256);
    if (await this.has(sha256)) return;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await writeAtomically(file, data);
    } catch (err) {
      throw mapError(err);
    }
  }

  async open(sha256: string) {
    const file = this.file(sha256);
    try {
      const { size } = await fs.stat(file);
      return { body: createReadStream(file), size };
    } catch (err) {
      if (isMissing(err)) return null;
      throw mapError(err);
    }
  }

  async get(sha256: string) {
    const found = await this.open(sha256);
    return found && readAll(found.body);
  }

  async delete(sha256: string) {
    const file = this.file(sha256);
    try {
      await fs.rm(file, { force: true });
    } catch (err) {
      throw mapError(err);
    }
  }
}
