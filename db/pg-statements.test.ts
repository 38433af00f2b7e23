import { sql } from "kysely";
import { expect, it } from "vitest";
import { runCompiled } from "./compiled-queries";
import { isPrepared } from "./pg-statements";
import { eachDialect } from "./test-db";

eachDialect("named statements on PostgreSQL", (ctx) => {
  it("a reused query is sent named; when another process changes its table's columns, one call fails and later ones run unnamed", async () => {
    if (ctx.dialect !== "postgres") return;
    const db = ctx.database.db;
    await sql`create table named_probe (id integer primary key, v text)`.execute(db);
    await sql`insert into named_probe (id, v) values (1, 'a')`.execute(db);
    const read = () =>
      runCompiled(db, "test.namedProbe", [1], () =>
        db
          .selectFrom("named_probe" as never)
          .selectAll()
          .where("id" as never, "=", 1 as never),
      );
    // Every pooled connection prepares it once: use several so they all hold the named statement.
    for (let i = 0; i < 12; i++) expect((await Promise.all([read(), read()]))[0].rows).toHaveLength(1);
    const text = lastText(db);
    expect(isPrepared(text)).toBe(true);
    await sql`alter table named_probe add column w text`.execute(db);
    const after = await Promise.allSettled(Array.from({ length: 12 }, () => read()));
    const failed = after.filter((r) => r.status === "rejected");
    // Each connection that held it may fail once (0A000) until the text is unnamed; no later call fails.
    for (const f of failed) expect((f as PromiseRejectedResult).reason.code).toBe("0A000");
    expect(isPrepared(text)).toBe(false);
    const rows = (await read()).rows as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ id: 1, v: "a", w: null });
  });
});

const lastText = (db: Parameters<typeof runCompiled>[0]) =>
  db
    .selectFrom("named_probe" as never)
    .selectAll()
    .where("id" as never, "=", 1 as never)
    .compile().sql;
