import type { Tx } from "../../../db/db";
import { readTrailHead, readTrailUpTo } from "../../../db/queries/backup-queries";
import type { BackupManifest } from "./manifest";

export interface ManifestCheck {
  ok: boolean;
  /** What is missing or different, one line each (Chinese / English). */
  problems: string[];
  /** Rows the database holds beyond the manifest's head (written after the backup). */
  newerRows: number;
}

/**
 * Compares a database's trail with a manifest: the manifest's head row must still be there with the same
 * hash, and exactly as many rows up to it. A database missing its newest rows (a copy of the SQLite file
 * without its WAL, a dump taken too early, rows deleted with their anchors) is behind and fails here,
 * even when its own chain and anchors verify.
 */
export async function checkAgainstManifest(db: Tx, manifest: BackupManifest): Promise<ManifestCheck> {
  const want = manifest.trail;
  const head = await readTrailHead(db);
  if (want.count === 0) return { ok: true, problems: [], newerRows: head.count };
  const upTo = await readTrailUpTo(db, want.lastId);
  const problems: string[] = [];
  if (upTo.hash === null) {
    const missing = Math.max(want.count - head.count, 0);
    problems.push(
      `缺少最新的留痕记录：清单记录到 id=${want.lastId}（共 ${want.count} 条，头哈希 ${want.headHash}），数据库只到 id=${head.lastId}（共 ${head.count} 条），至少缺 ${missing} 条 / ` +
        `missing the newest trail rows: the manifest's head is id=${want.lastId} (${want.count} rows, hash ${want.headHash}); the database ends at id=${head.lastId} (${head.count} rows), ${missing} or more missing`,
    );
  } else if (upTo.hash !== want.headHash) {
    problems.push(
      `留痕记录 id=${want.lastId} 的哈希与清单不符（清单 ${want.headHash}，数据库 ${upTo.hash}） / ` +
        `trail row id=${want.lastId} has hash ${upTo.hash}, the manifest says ${want.headHash}`,
    );
  }
  // Fewer rows up to the head is a loss. More is not: on PostgreSQL, chains of different counties commit in
  // parallel, so a transaction holding a lower id may commit after the backup's snapshot (docs/trail.md).
  if (upTo.hash !== null && upTo.count < want.count) {
    problems.push(
      `id ≤ ${want.lastId} 的留痕记录有 ${upTo.count} 条，清单为 ${want.count} 条，缺 ${want.count - upTo.count} 条 / ` +
        `${upTo.count} trail rows up to id=${want.lastId}, the manifest has ${want.count}`,
    );
  }
  return {
    ok: problems.length === 0,
    problems,
    newerRows: problems.length === 0 ? head.count - want.count : 0,
  };
}
