import type { Tx } from "../../db/db";
import { evidenceHashReferenced } from "../../db/queries/evidence-blob-queries";
import { AppError } from "../../domain/errors";
import type { Config } from "../config";
import { DatabaseEvidenceStore } from "./database-evidence-store";
import type { EvidenceStoreKind } from "./evidence-settings";
import type { EvidenceStore } from "./evidence-store";
import { LocalEvidenceStore } from "./local-evidence-store";
import { S3EvidenceStore } from "./s3-evidence-store";

/** A store of the given kind, configured from `config` (the database store reads and writes through `db`). */
export function openEvidenceStore(kind: EvidenceStoreKind, config: Config, db: Tx): EvidenceStore {
  if (kind === "database") return new DatabaseEvidenceStore(db);
  if (kind === "s3") {
    if (!config.evidence.s3) throw new Error("SAFEGRID_EVIDENCE_STORE=s3 needs SAFEGRID_S3_BUCKET");
    return new S3EvidenceStore(config.evidence.s3);
  }
  return LocalEvidenceStore.forDataDir(config.dataDir);
}

/**
 * The configured evidence store (`SAFEGRID_EVIDENCE_STORE`). Inside a transaction pass its `tx`: the
 * database store must read through it (SQLite has one connection).
 */
export function evidenceStore(deps: { config: Config; db: Tx }, db: Tx = deps.db): EvidenceStore {
  return openEvidenceStore(deps.config.evidence.store, deps.config, db);
}

/** 422 `evidence_missing` unless the store holds every hash (a case references only stored evidence). */
export async function requireStored(store: EvidenceStore, rows: { id: string; sha256: string }[]) {
  const seen = new Map<string, boolean>();
  for (const row of rows) {
    if (!seen.has(row.sha256)) seen.set(row.sha256, await store.has(row.sha256));
    if (!seen.get(row.sha256))
      throw new AppError("evidence_missing", { details: { evidenceId: row.id, store: store.kind } });
  }
}

/** Deletes stored content that no evidence row references any more; false (kept) while one does. */
export async function deleteUnreferenced(store: EvidenceStore, db: Tx, sha256: string): Promise<boolean> {
  if (await evidenceHashReferenced(db, sha256)) return false;
  await store.delete(sha256);
  return true;
}
