import fs from "node:fs/promises";
import path from "node:path";
import type { Tx } from "../../../db/db";
import { migrationState } from "../../../db/migrate";
import { countRowsPerTable, databaseVersion, readTrailHead } from "../../../db/queries/backup-queries";
import { verifyTrail } from "../../../db/queries/event-queries";
import { backupSqliteFile, openSqliteFile, sqliteFile, sqliteFileName } from "../../../db/sqlite-backup";
import { AppError } from "../../../domain/errors";
import type { Deps } from "../../deps";
import { type BackupManifest, manifestFileName, safegridVersion, sha256File } from "./manifest";

const evidenceName = /^[0-9a-f]{64}$/;

/** Creates the backup directory; refuses one that already holds something (never mixes two backups). */
async function emptyTarget(dir: string) {
  await fs.mkdir(dir, { recursive: true });
  const entries = await fs.readdir(dir);
  if (entries.length > 0)
    throw new AppError("backup_target_not_empty", {
      zh: `备份目录 ${dir} 不是空目录；请指定新的或空的目录`,
      en: `The backup directory ${dir} is not empty; name a new or empty one`,
    });
}

/**
 * Copies the evidence store (content-addressed, written once, `*.tmp` files are uploads in progress).
 * Called after the database snapshot: a file is written before its evidence row, so every row in the
 * snapshot finds its file.
 */
async function copyEvidence(dataDir: string, dir: string): Promise<BackupManifest["files"]> {
  const from = path.join(dataDir, "evidence");
  const names = (await fs.readdir(from).catch(() => [] as string[]))
    .filter((n) => evidenceName.test(n))
    .sort();
  if (names.length) await fs.mkdir(path.join(dir, "evidence"));
  const files: BackupManifest["files"] = [];
  for (const name of names) {
    const target = path.join(dir, "evidence", name);
    await fs.copyFile(path.join(from, name), target);
    files.push({
      path: `evidence/${name}`,
      size: (await fs.stat(target)).size,
      sha256: await sha256File(target),
    });
  }
  return files;
}

async function describeDatabase(db: Tx, dialect: Deps["dialect"]) {
  const trail = await readTrailHead(db);
  const check = await verifyTrail(db);
  return {
    trail: { ...trail, verified: check.ok },
    tables: await countRowsPerTable(db, dialect),
    database: await databaseVersion(db, dialect),
  };
}

/**
 * `safegrid backup DIR` while the server runs. SQLite: a consistent snapshot with the online backup API,
 * described (trail head, counts, trail verified) from the snapshot itself. PostgreSQL: the database is
 * dumped with pg_dump (see README "Backup"); this records the trail head and counts in one repeatable-read
 * snapshot, so a restored dump can be checked with `verify --against`. Both copy the local evidence
 * store's files (the database store's are in the database) and write `manifest.json` last: a directory
 * without it is an unfinished backup.
 */
export async function createBackup(deps: Deps, dir: string): Promise<BackupManifest> {
  await emptyTarget(dir);
  const files: BackupManifest["files"] = [];
  let described: Awaited<ReturnType<typeof describeDatabase>>;
  if (deps.dialect === "sqlite") {
    const target = path.join(dir, sqliteFileName);
    await backupSqliteFile(sqliteFile(deps.config.dataDir), target);
    const copy = openSqliteFile(target);
    try {
      described = await describeDatabase(copy.db, "sqlite");
    } finally {
      await copy.close();
    }
    files.push({
      path: sqliteFileName,
      size: (await fs.stat(target)).size,
      sha256: await sha256File(target),
    });
  } else {
    described = await deps.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute((tx) => describeDatabase(tx, "postgres"));
  }
  // The local store's files are copied; with the database store the files are rows of the database
  // (in the SQLite copy, or in pg_dump's dump); an S3 bucket is backed up by the object store itself
  // (versioning or replication, docs/operations.md "Evidence storage").
  if (deps.config.evidence.store === "local") files.push(...(await copyEvidence(deps.config.dataDir, dir)));
  const state = await migrationState({ db: deps.db, dialect: deps.dialect, close: async () => {} });
  const manifest: BackupManifest = {
    format: "safegrid-backup",
    formatVersion: 1,
    createdAt: deps.clock.now().toISOString(),
    dialect: deps.dialect,
    databaseIncluded: deps.dialect === "sqlite",
    versions: {
      safegrid: safegridVersion(),
      node: process.version,
      database: described.database,
      migrations: state.applied,
    },
    trail: described.trail,
    tables: described.tables,
    files,
  };
  await fs.writeFile(path.join(dir, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`, {
    flag: "wx",
  });
  return manifest;
}
