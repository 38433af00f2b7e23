import type { Readable } from "node:stream";
import { AppError } from "../../domain/errors";
import type { EvidenceStoreKind } from "./evidence-settings";

/** A stored object opened for reading: a stream (local file, S3 body) or the bytes (database row). */
export interface StoredEvidence {
  body: Readable | Buffer;
  /** Bytes, when the store says (every store does; an S3-compatible one might not). */
  size: number | undefined;
}

/**
 * Content-addressed evidence bytes: the key is the lowercase hex sha256 of the content, so a second put
 * of the same bytes is a no-op and an object never changes once written. `put` is all-or-nothing (a
 * reader or a `has` never sees a partial object). Failures: a full disk or database stays the driver's
 * error (answered 507 `storage_full`); an unreachable or refusing store is `evidence_store_unavailable`
 * (503); a missing object is `null` / `false`, never an error.
 */
export interface EvidenceStore {
  readonly kind: EvidenceStoreKind;
  put(sha256: string, data: Buffer, mimeType: string): Promise<void>;
  has(sha256: string): Promise<boolean>;
  open(sha256: string): Promise<StoredEvidence | null>;
  get(sha256: string): Promise<Buffer | null>;
  /** Removes the object (callers check first that no evidence row references it: `deleteUnreferenced`). */
  delete(sha256: string): Promise<void>;
}

export const sha256Key = /^[0-9a-f]{64}$/;

/** Refuses anything that is not a sha256 before it becomes a file name or an object key. */
export function assertKey(sha256: string) {
  if (!sha256Key.test(sha256)) throw new Error(`not a sha256 evidence key: ${sha256.slice(0, 80)}`);
}

/** 503: the store did not answer or refused; the cause is kept for the log. */
export function storeUnavailable(kind: EvidenceStoreKind, cause: unknown): AppError {
  const err = new AppError("evidence_store_unavailable", { details: { store: kind } });
  err.cause = cause;
  return err;
}

/** Collects a stream (a local file or an S3 body) into one buffer. */
export async function readAll(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
