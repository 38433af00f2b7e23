import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/db";
import { inWriteTransaction } from "../commands/cases/write-batch";

/**
 * On SQLITE_FULL or an I/O error at COMMIT, SQLite rolls the transaction back by itself. The error the
 * caller sees (and the log) must then be that cause, not the "cannot rollback - no transaction is
 * active" / "no such savepoint" of the clean-up that follows. Here SQLite's own rollback is played by a
 * ROLLBACK statement inside the transaction followed by the SQLITE_FULL error it comes with.
 */
describe("a transaction SQLite has already rolled back [sqlite]", () => {
  let database: Database;
  const diskFull = () => Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });

  beforeAll(async () => {
    database = openDatabase({ file: ":memory:" });
    await sql`create table t (id integer primary key)`.execute(database.db);
  });
  afterAll(() => database.close());

  it("reports the real cause of a failed transaction, not the rollback that follows", async () => {
    const failed = database.db.transaction().execute(async (tx) => {
      await sql`insert into t (id) values (1)`.execute(tx);
      await sql`rollback`.execute(tx);
      throw diskFull();
    });
    await expect(failed).rejects.toMatchObject({ code: "SQLITE_FULL" });
    // The connection is usable and nothing of the failed transaction stayed.
    await sql`insert into t (id) values (2)`.execute(database.db);
    const rows = await sql<{ id: number }>`select id from t`.execute(database.db);
    expect(rows.rows).toEqual([{ id: 2 }]);
  });

  it("fails the whole group-committed batch with the cause and runs no command outside a transaction", async () => {
    const first = inWriteTransaction(database.db, async (tx) => {
      await sql`insert into t (id) values (10)`.execute(tx);
      await sql`rollback`.execute(tx);
      throw diskFull();
    });
    const second = inWriteTransaction(database.db, async (tx) => {
      await sql`insert into t (id) values (11)`.execute(tx);
      return 11;
    });
    const results = await Promise.allSettled([first, second]);
    for (const r of results) {
      expect(r.status).toBe("rejected");
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "SQLITE_FULL" });
    }
    const rows = await sql<{ id: number }>`select id from t order by id`.execute(database.db);
    expect(rows.rows).toEqual([{ id: 2 }]);
  });
});
