import { sql } from "kysely";
import type { Dialect, Tx } from "../db";

/** The trail's newest row and its length: what a backup manifest records and `verify --against` compares. */
export interface TrailHead {
  count: number;
  lastId: number;
  headHash: string | null;
}

export async function readTrailHead(db: Tx): Promise<TrailHead> {
  const last = await db
    .selectFrom("event")
    .select(["id", "hash"])
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const { n } = await db
    .selectFrom("event")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { count: Number(n), lastId: last ? Number(last.id) : 0, headHash: last?.hash ?? null };
}

/** The hash of one trail row and how many rows the trail has up to it (both null/0 when the row is gone). */
export async function readTrailUpTo(db: Tx, lastId: number): Promise<{ hash: string | null; count: number }> {
  const row = await db.selectFrom("event").select("hash").where("id", "=", lastId).executeTakeFirst();
  const { n } = await db
    .selectFrom("event")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("id", "<=", lastId)
    .executeTakeFirstOrThrow();
  return { hash: row?.hash ?? null, count: Number(n) };
}

/** Row counts of every table of the database (the current schema on PostgreSQL), by table name. */
export async function countRowsPerTable(db: Tx, dialect: Dialect): Promise<Record<string, number>> {
  const names =
    dialect === "postgres"
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of names.rows) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.id(name)}`.execute(db);
    counts[name] = Number(r.rows[0].n);
  }
  return counts;
}

export async function databaseVersion(db: Tx, dialect: Dialect): Promise<string> {
  const r =
    dialect === "postgres"
      ? await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)
      : await sql<{ v: string }>`select sqlite_version() as v`.execute(db);
  return `${dialect} ${r.rows[0].v}`;
}

/** Claims the scheduled backup of one day: true for exactly one process, false when already claimed. */
export async function claimBackupDay(db: Tx, day: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto("backupRun")
    .values({ day, startedAt: at, finishedAt: null, status: "running", location: null, detail: null })
    .onConflict((oc) => oc.column("day").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function finishBackupRun(
  db: Tx,
  day: string,
  outcome: { status: "done" | "failed"; finishedAt: string; location: string | null; detail: string },
) {
  return db.updateTable("backupRun").set(outcome).where("day", "=", day).execute();
}

export function findBackupRun(db: Tx, day: string) {
  return db.selectFrom("backupRun").selectAll().where("day", "=", day).executeTakeFirst();
}

/** The distinct content hashes the evidence rows reference (each must have its file in the store). */
export async function listEvidenceHashes(db: Tx): Promise<string[]> {
  const rows = await db.selectFrom("evidence").select("sha256").distinct().execute();
  return rows.map((r) => r.sha256);
}

/** SQLite's own consistency check of a database file: `[]` when it answers "ok", else its messages. */
export async function sqliteIntegrityProblems(db: Tx): Promise<string[]> {
  const r = await sql<Record<string, string>>`pragma integrity_check`.execute(db);
  const lines = r.rows.map((row) => Object.values(row)[0]);
  return lines.length === 1 && lines[0] === "ok" ? [] : lines;
}
