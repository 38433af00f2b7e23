import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../../db/db";
import { inWriteTransaction } from "./write-batch";

describe("group commit (SQLite)", () => {
  let database: Database;
  beforeAll(async () => {
    database = openDatabase({ file: ":memory:" });
    await sql`create table t (id integer primary key, v text not null)`.execute(database.db);
  });
  afterAll(() => database.close());

  it("commands submitted together share a commit; a failing one rolls back only itself", async () => {
    const put = (id: number, fail = false) =>
      inWriteTransaction(database.db, "sqlite", async (tx) => {
        await sql`insert into t (id, v) values (${id}, ${`v${id}`})`.execute(tx);
        if (fail) throw new Error(`boom ${id}`);
        return id;
      });
    const results = await Promise.allSettled([put(1), put(2, true), put(3), put(1)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected"]);
    const rows = await sql<{ id: number }>`select id from t order by id`.execute(database.db);
    expect(rows.rows.map((r) => r.id)).toEqual([1, 3]);
  });

  it("keeps working after a batch, and a later batch sees earlier commits", async () => {
    for (let round = 0; round < 3; round++) {
      const ids = [10, 11, 12].map((n) => n + round * 10);
      await Promise.all(
        ids.map((id) =>
          inWriteTransaction(database.db, "sqlite", (tx) =>
            sql`insert into t (id, v) values (${id}, 'x')`.execute(tx),
          ),
        ),
      );
    }
    const n = await sql<{ n: number }>`select count(*) as n from t`.execute(database.db);
    expect(Number(n.rows[0].n)).toBe(11);
  });
});
