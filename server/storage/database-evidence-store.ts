import type { Tx } from "../../db/db";
import {
  deleteEvidenceBlob,
  evidenceBlobExists,
  insertEvidenceBlob,
  readEvidenceBlob,
} from "../../db/queries/evidence-blob-queries";
import { assertKey, type EvidenceStore } from "./evidence-store";

/**
 * The `evidence_blob` table (PostgreSQL `bytea`, SQLite `blob`): every process on the database sees
 * every file, and a database backup (pg_dump, `safegrid backup` on SQLite) holds the files too. The
 * database's own errors go on unchanged (503 `database_unavailable`, 507 `storage_full` on a full disk).
 */
export class DatabaseEvidenceStore implements EvidenceStore {
  readonly kind = "database" as const;
  constructor(private readonly db: Tx) {}

  async has(sha256: string) {
    assertKey(sha256);
    return evidenceBlobExists(this.db, sha256);
  }

  async put(sha256: string, data: Buffer, mimeType: string) {
    assertKey(sha256);
    await insertEvidenceBlob(this.db, { sha256, data, size: data.length, mimeType });
  }

  async open(sha256: string) {
    const data = await this.get(sha256);
    return data && { body: data, size: data.length };
  }

  async get(sha256: string) {
    assertKey(sha256);
    return readEvidenceBlob(this.db, sha256);
  }

  async delete(sha256: string) {
    assertKey(sha256);
    await deleteEvidenceBlob(this.db, sha256);
  }
}
