import fs from "node:fs/promises";
import path from "node:path";
import { type Database, openDatabase } from "../../../db/db";
import {
  listEvidenceHashes,
  readTrailHead,
  sqliteIntegrityProblems,
} from "../../../db/queries/backup-queries";
import { type TrailCheck, verifyTrail } from "../../../db/queries/event-queries";
import { openSqliteFile, sqliteFile, sqliteFileName } from "../../../db/sqlite-backup";
import { AppError } from "../../../domain/errors";
import type { Config } from "../../config";
import { evidenceStore } from "../../storage/evidence-stores";
import { checkAgainstManifest, type ManifestCheck } from "./check-against-manifest";
import { type BackupManifest, checkBackupFiles, readManifest } from "./manifest";

export interface RestoreReport {
  manifest: BackupManifest;
  restoredFiles: number;
  trail: TrailCheck;
  against: ManifestCheck;
}

/** Evidence rows whose content-addressed file the configured store does not hold (e.g. uploaded after a pg_dump's manifest). */
async function missingEvidence(database: Database, config: Config): Promise<string[]> {
  const store = evidenceStore({ config, db: database.db });
  const missing: string[] = [];
  for (const sha256 of await listEvidenceHashes(database.db))
    if (!(await store.has(sha256))) missing.push(sha256);
  return missing;
}

async function requireEmptyDataDir(dataDir: string) {
  const entries = await fs.readdir(dataDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [] as string[];
    throw err;
  });
  if (entries.length > 0)
    throw new AppError("restore_target_not_empty", {
      zh: `数据目录 ${dataDir} 不是空目录（有 ${entries.length} 项）；恢复只写入空的数据目录，以免覆盖现有数据。请设置 SAFEGRID_DATA_DIR 为新的空目录`,
      en: `The data directory ${dataDir} is not empty (${entries.length} entries); restore writes only into an empty one. Point SAFEGRID_DATA_DIR at a new, empty directory`,
    });
}

/**
 * `safegrid restore DIR`: checks every file of the backup against its manifest before writing anything,
 * copies the SQLite database and the evidence files into the EMPTY data directory, then verifies the
 * restored trail and that its head is the manifest's. For a PostgreSQL backup the database must already
 * be restored with pg_restore (DATABASE_URL); this restores the evidence and checks the database.
 */
export async function restoreBackup(config: Config, from: string): Promise<RestoreReport> {
  const { manifest, dir } = await readManifest(from);
  const want = config.databaseUrl ? "postgres" : "sqlite";
  if (manifest.dialect !== want)
    throw new AppError("backup_invalid", {
      zh: `这是 ${manifest.dialect} 数据库的备份，当前配置使用 ${want}`,
      en: `This is a backup of a ${manifest.dialect} database; the configuration uses ${want}`,
    });
  await requireEmptyDataDir(config.dataDir);
  const bad = await checkBackupFiles(dir, manifest);
  if (bad.length > 0)
    throw new AppError("backup_invalid", {
      zh: `备份文件校验失败，未恢复任何数据：${bad.join("；")}`,
      en: `The backup does not match its manifest; nothing restored: ${bad.join("; ")}`,
    });
  await fs.mkdir(config.dataDir, { recursive: true });
  for (const f of manifest.files) {
    const target = f.path === sqliteFileName ? sqliteFile(config.dataDir) : path.join(config.dataDir, f.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(path.join(dir, f.path), target, fs.constants.COPYFILE_EXCL);
  }
  const database: Database =
    manifest.dialect === "sqlite"
      ? openSqliteFile(sqliteFile(config.dataDir))
      : openDatabase({ url: config.databaseUrl, poolSize: 1 });
  try {
    const trail = await verifyTrail(database.db);
    const against = await checkAgainstManifest(database.db, manifest);
    if (manifest.databaseIncluded) {
      for (const line of (await sqliteIntegrityProblems(database.db)).slice(0, 5))
        against.problems.push(`SQLite 完整性检查 integrity_check：${line}`);
      const head = await readTrailHead(database.db);
      if (head.headHash !== manifest.trail.headHash || head.count !== manifest.trail.count)
        against.problems.push(
          `恢复后的留痕头（id=${head.lastId}，${head.count} 条）与清单（id=${manifest.trail.lastId}，${manifest.trail.count} 条）不同 / the restored head differs from the manifest's`,
        );
    }
    const missing = await missingEvidence(database, config);
    if (missing.length > 0)
      against.problems.push(
        `${missing.length} 个证据文件缺失（数据库有记录，证据存储中没有文件），例如 ${missing.slice(0, 3).join("、")} / ` +
          `${missing.length} evidence files referenced by the database are not in the store`,
      );
    against.ok = against.problems.length === 0;
    return { manifest, restoredFiles: manifest.files.length, trail, against };
  } finally {
    await database.close();
  }
}
