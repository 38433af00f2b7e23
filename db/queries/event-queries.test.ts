import { sql } from "kysely";
import { expect, it } from "vitest";
import { eachDialect } from "../test-db";
import { insertEvent, verifyTrail } from "./event-queries";

eachDialect("event trail", (ctx) => {
  const actor = { id: "u1", role: "county_office" as const };
  const at = new Date("2026-11-29T02:00:00.000Z");

  it("chains events and verifies the chain", async () => {
    const { db } = ctx.database;
    for (let i = 0; i < 5; i++) {
      await db.transaction().execute((tx) =>
        insertEvent(
          tx,
          actor,
          {
            action: "test.done",
            subjectType: "test",
            subjectId: `s${i}`,
            regionCode: "620123",
            data: { i, 名称: "榆中" },
          },
          at,
        ),
      );
    }
    const check = await verifyTrail(db);
    expect(check).toMatchObject({ ok: true, checked: 5, chains: 1, firstBroken: null });
  });

  it("names the first row altered directly in the database", async () => {
    const { db } = ctx.database;
    const third = await db
      .selectFrom("event")
      .select("id")
      .orderBy("id")
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update event set data = ${'{"i":99}'} where id = ${third.id}`.execute(db);
    const check = await verifyTrail(db);
    expect(check.ok).toBe(false);
    expect(check.firstBroken).toEqual({ id: Number(third.id), reason: "hash_mismatch", chain: "620123" });
  });

  it("detects a deleted row as a broken link", async () => {
    const { db } = ctx.database;
    await sql`update event set data = ${'{"i":2,"名称":"榆中"}'} where id = (select min(id) + 2 from event)`.execute(
      db,
    );
    const ids = (await db.selectFrom("event").select("id").orderBy("id").execute()).map((r) => Number(r.id));
    await db.deleteFrom("event").where("id", "=", ids[1]).execute();
    const check = await verifyTrail(db);
    expect(check.firstBroken).toEqual({ id: ids[2], reason: "chain_broken", chain: "620123" });
  });
});
