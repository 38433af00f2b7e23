import { sql } from "kysely";
import { expect, it } from "vitest";
import { firstCompiled, insertRows, isReused } from "./compiled-queries";
import { addToTally } from "./queries/case-tally-queries";
import { eachDialect } from "./test-db";

eachDialect("queries compiled once", (ctx) => {
  const region = (code: string, name: string) => ({ code, name, level: "village", parentCode: null });

  it("inserts rows of one shape with one reused statement, each with its own values", async () => {
    const { db } = ctx.database;
    await insertRows(db, "region", [region("990000000001", "甲村")]);
    expect(isReused(db, "insert|region|code,name,level,parentCode|1|")).toBe(true);
    await insertRows(db, "region", [region("990000000002", "乙村")]);
    await insertRows(db, "region", [region("990000000003", "丙村"), region("990000000004", "丁村")]);
    const rows = await db
      .selectFrom("region")
      .select(["code", "name"])
      .where("code", "like", "99%")
      .execute();
    expect(rows.map((r) => `${r.code}:${r.name}`).sort()).toEqual([
      "990000000001:甲村",
      "990000000002:乙村",
      "990000000003:丙村",
      "990000000004:丁村",
    ]);
  });

  it("adds a case step to the tally with one reused statement, summing what each adds", async () => {
    const { db } = ctx.database;
    const dims = { category: "gas", type: "general_hazard", source: "public_tip", industry: "H" };
    const at = "2026-12-05T02:00:00.000Z";
    await addToTally(db, "620123100", at, { reported: 1 }, dims);
    // a township's step: 2 stored levels (county 620123, township 620123100; a province or city is the sum
    // of its counties) × day and month × 5 dims (the whole, category, type, source, industry) = 20 rows
    expect(isReused(db, "tally|reported|20")).toBe(true);
    await addToTally(db, "620123100", at, { reported: 2 }, dims);
    await addToTally(db, "620123101", at, { reported: 1, triaged: 1 }, null);
    const read = (regionCode: string, dim: string) =>
      db
        .selectFrom("caseTally")
        .select(["reported", "triaged"])
        .where("regionCode", "=", regionCode)
        .where("grain", "=", "d")
        .where("period", "=", "2026-12-05")
        .where("dim", "=", dim)
        .execute();
    expect(await read("620123", "")).toEqual([{ reported: 4, triaged: 1 }]);
    expect(await read("620123100", "source")).toEqual([{ reported: 3, triaged: 0 }]);
    expect(await read("620123100", "industry")).toEqual([{ reported: 3, triaged: 0 }]);
    expect(await read("620123101", "")).toEqual([{ reported: 1, triaged: 1 }]);
  });

  it("returns the requested columns, camel-cased like Kysely's own results", async () => {
    const { db } = ctx.database;
    const at = new Date().toISOString();
    const row = {
      userId: "u1",
      caseId: null,
      kind: "test",
      title: "标题",
      body: "",
      regionCode: "620123",
      createdAt: at,
    };
    const a = await insertRows(db, "notification", [row], ["id", "createdAt"]);
    const b = await insertRows(db, "notification", [{ ...row, userId: "u2" }], ["id", "createdAt"]);
    expect(Number(b.rows[0].id)).toBe(Number(a.rows[0].id) + 1);
    expect(b.rows[0].createdAt).toBe(at);
  });

  it("rows of different shapes or with an SQL expression go through Kysely and still insert right", async () => {
    const { db } = ctx.database;
    await insertRows(db, "region", [
      region("990000000005", "戊村"),
      { code: "990000000006", name: "己村", level: "village" } as never,
    ]);
    await insertRows(db, "region", [
      { ...region("990000000007", "x"), name: sql<string>`'庚' || '村'` } as never,
    ]);
    const names = await db.selectFrom("region").select("name").where("code", ">=", "990000000005").execute();
    expect(names.map((r) => r.name).sort()).toEqual(["己村", "庚村", "戊村"].sort());
  });

  it("a reused select gives each caller its own row; undeclared parameters are never reused", async () => {
    const { db } = ctx.database;
    const byCode = (code: string) =>
      firstCompiled(db, "test.region.byCode", [code], () =>
        db.selectFrom("region").select("name").where("code", "=", code),
      );
    expect((await byCode("990000000001"))?.name).toBe("甲村");
    expect((await byCode("990000000002"))?.name).toBe("乙村");
    expect(await byCode("990000009999")).toBeUndefined();
    expect(isReused(db, "test.region.byCode")).toBe(true);
    // The caller declares one parameter but the query has two: the shape is not kept, results stay right.
    const wrong = (code: string, level: string) =>
      firstCompiled(db, "test.region.wrong", [code], () =>
        db.selectFrom("region").select("name").where("code", "=", code).where("level", "=", level),
      );
    expect((await wrong("990000000001", "village"))?.name).toBe("甲村");
    expect(await wrong("990000000001", "town")).toBeUndefined();
    expect(isReused(db, "test.region.wrong")).toBe(false);
  });
});
