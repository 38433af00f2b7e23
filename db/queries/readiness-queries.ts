import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db";
import type { DB } from "../schema";

class ProbeDone extends Error {}

/**
 * Whether a write to the trail would succeed now, without writing anything: a transaction that takes
 * the lock every case command takes on `event` (PostgreSQL: ROW EXCLUSIVE, waiting at most `timeoutMs`
 * for a session that holds a stronger lock; SQLite: the database's write lock, waiting at most
 * `timeoutMs` for another writer) and is then rolled back. Throws the driver's error when it would not.
 */
export async function probeWrite(db: Kysely<DB>, dialect: Dialect, timeoutMs: number): Promise<void> {
  const ms = Math.max(1, Math.round(timeoutMs));
  try {
    await db.transaction().execute(async (tx) => {
      if (dialect === "postgres") {
        await sql.raw(`set local statement_timeout = ${ms}`).execute(tx);
        await sql.raw(`set local lock_timeout = ${ms}`).execute(tx);
        await sql`lock table event in row exclusive mode`.execute(tx);
        // Assigning a transaction id fails on a read-only server (a standby, wraparound protection).
        await sql`select txid_current()`.execute(tx);
      } else {
        const [{ timeout }] = (await sql<{ timeout: number }>`pragma busy_timeout`.execute(tx)).rows;
        await sql.raw(`pragma busy_timeout = ${ms}`).execute(tx);
        try {
          // An UPDATE takes the write lock even when it matches nothing.
          await sql`update schema_migration set name = name where 1 = 0`.execute(tx);
        } finally {
          await sql.raw(`pragma busy_timeout = ${timeout}`).execute(tx);
        }
      }
      throw new ProbeDone();
    });
  } catch (err) {
    if (!(err instanceof ProbeDone)) throw err;
  }
}

/** SQLite only: whether the database file has reached its page limit (PRAGMA max_page_count) with no free page left. */
export async function sqliteAtPageLimit(db: Kysely<DB>): Promise<boolean> {
  const one = async (name: string) =>
    Number(Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0]);
  const [pages, max, free] = [
    await one("page_count"),
    await one("max_page_count"),
    await one("freelist_count"),
  ];
  return free === 0 && pages >= max;
}
