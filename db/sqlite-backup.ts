import path from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, SqliteDialect } from "kysely";
import { type Database, registered } from "./db";
import type { DB } from "./schema";

/** The embedded database's file inside the data directory (as `openDatabase` names it). */
export const sqliteFileName = "safegrid.db";
export const sqliteFile = (dataDir: string) => path.join(dataDir, sqliteFileName);

/**
 * Copies a live SQLite database with SQLite's online backup API through a connection of its own, so
 * every committed transaction is included, also those still in the write-ahead log (a plain copy of the
 * file loses them). All pages are copied in one step: one read snapshot, never restarted by writers
 * (in WAL mode a reader does not block them). The copy is switched to a rollback journal, so the
 * backup is one self-contained file.
 */
export async function backupSqliteFile(source: string, target: string): Promise<void> {
  const src = new SQLite(source, { fileMustExist: true });
  try {
    src.pragma("busy_timeout = 5000");
    await src.backup(target, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
  const copy = new SQLite(target, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
}

/** Opens a SQLite file as it is (no migration, no pragma changes beyond foreign keys): to inspect a backup. */
export function openSqliteFile(file: string): Database {
  const sqlite = new SQLite(file, { fileMustExist: true });
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
  return registered({ db, dialect: "sqlite", close: () => db.destroy() });
}
