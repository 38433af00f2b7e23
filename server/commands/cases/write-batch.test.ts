import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Database, openDatabase, type Tx } from "../../../db/db";
import { countyDepartments } from "../../../db/queries/case-lookup-queries";
import { nextCaseSeq } from "../../../db/queries/case-queries";
import { markCaseSeen } from "../../../db/queries/case-seen-queries";
import { addToTally, allTallyRows } from "../../../db/queries/case-tally-queries";
import { insertEvent, verifyTrail } from "../../../db/queries/event-queries";
import { insertNotifications } from "../../../db/queries/notification-queries";
import { eachDialect } from "../../../db/test-db";
import { onceInTx } from "../../../db/tx-memo";
import { inWriteTransaction, isRetryable } from "./write-batch";

eachDialect("group commit", (ctx) => {
  beforeAll(async () => {
    await sql`create table t (id integer primary key, v text not null)`.execute(ctx.database.db);
  });

  it("commands submitted together share a commit; a failing one rolls back only itself", async () => {
    const put = (id: number, fail = false) =>
      inWriteTransaction(ctx.database.db, async (tx) => {
        await sql`insert into t (id, v) values (${id}, ${`v${id}`})`.execute(tx);
        if (fail) throw new Error(`boom ${id}`);
        return id;
      });
    const results = await Promise.allSettled([put(1), put(2, true), put(3), put(1)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected"]);
    const rows = await sql<{ id: number }>`select id from t order by id`.execute(ctx.database.db);
    expect(rows.rows.map((r) => r.id)).toEqual([1, 3]);
  });

  it("keeps working after a batch, and a later batch sees earlier commits", async () => {
    for (let round = 0; round < 3; round++) {
      const ids = [10, 11, 12].map((n) => n + round * 10);
      await Promise.all(
        ids.map((id) =>
          inWriteTransaction(ctx.database.db, (tx) =>
            sql`insert into t (id, v) values (${id}, 'x')`.execute(tx),
          ),
        ),
      );
    }
    const n = await sql<{ n: number }>`select count(*) as n from t`.execute(ctx.database.db);
    expect(Number(n.rows[0].n)).toBe(11);
  });

  it("a command that appended to the trail and then failed leaves no trace; the next links to the last kept", async () => {
    const append = (subjectId: string, fail: boolean) =>
      inWriteTransaction(ctx.database.db, async (tx) => {
        const e = await insertEvent(
          tx,
          null,
          { action: "test.append", subjectType: "test", subjectId, regionCode: null, data: {} },
          new Date(),
        );
        if (fail) throw new Error("after appending");
        return e.id;
      });
    const results = await Promise.allSettled([append("a", false), append("b", true), append("c", false)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const rows = await ctx.database.db
      .selectFrom("event")
      .select("subjectId")
      .where("action", "=", "test.append")
      .execute();
    expect(rows.map((r) => r.subjectId)).toEqual(["a", "c"]);
    expect((await verifyTrail(ctx.database.db)).ok).toBe(true);
  });

  it("a deadlock reported by the database runs the whole batch again, once per command", async () => {
    let tries = 0;
    const flaky = inWriteTransaction(ctx.database.db, async (tx) => {
      await sql`insert into t (id, v) values (100, 'flaky')`.execute(tx);
      if (++tries === 1) throw Object.assign(new Error("deadlock detected"), { code: "40P01" });
      return tries;
    });
    const other = inWriteTransaction(ctx.database.db, (tx) =>
      sql`insert into t (id, v) values (101, 'other')`.execute(tx),
    );
    expect(await flaky).toBe(2);
    await other;
    const rows = await sql<{ id: number }>`select id from t where id >= 100 order by id`.execute(
      ctx.database.db,
    );
    expect(rows.rows.map((r) => r.id)).toEqual([100, 101]);
    expect(isRetryable({ code: "40001" })).toBe(true);
    expect(isRetryable({ code: "23505" })).toBe(false);
  });

  it("a batch writes its commands' rollup and seen rows in one statement each at its end; a failed command's are not kept", async () => {
    const at = "2026-12-05T02:00:00.000Z";
    const dims = { category: "gas", type: "general_hazard", source: "grid_worker", industry: "" };
    const step = (i: number, fail = false) =>
      inWriteTransaction(ctx.database.db, async (tx) => {
        // Counts are added together; hours (not exact in any order) are written one after the other.
        await addToTally(tx, "620123100", at, { reported: 1, handlingHours: i / 10 }, dims);
        await markCaseSeen(tx, "u1", `c${i % 2}`, `2026-12-05T02:00:0${i}.000Z`);
        if (fail) throw new Error("rolled back");
        return i;
      });
    const results = await Promise.allSettled([step(1), step(2), step(3, true), step(4)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const rows = (await allTallyRows(ctx.database.db)).filter((r) => r.grain === "d");
    const row = (regionCode: string, dim = "") =>
      rows.find((r) => r.regionCode === regionCode && r.dim === dim);
    expect(row("620123")).toMatchObject({ reported: 3, handlingHours: 0.1 + 0.2 + 0.4 });
    expect(row("620123100", "source")).toMatchObject({ dimValue: "grid_worker", reported: 3 });
    const seen = await sql<{ caseId: string; seenAt: string }>`
      select case_id, seen_at from case_seen where user_id = 'u1' order by case_id`.execute(ctx.database.db);
    expect(seen.rows).toEqual([
      { caseId: "c0", seenAt: "2026-12-05T02:00:04.000Z" },
      { caseId: "c1", seenAt: "2026-12-05T02:00:01.000Z" },
    ]);
  });
});

eachDialect("group commit from two server processes", (ctx) => {
  let second: Database;
  beforeAll(() => {
    // A second pool on the same database stands for a second server process (PostgreSQL); on SQLite
    // the in-memory database has one process, so both handles are the same.
    second =
      ctx.dialect === "postgres"
        ? openDatabase({ url: process.env.TEST_DATABASE_URL, schema: ctx.database.schema, poolSize: 5 })
        : ctx.database;
  });
  afterAll(async () => {
    if (second !== ctx.database) await second.close();
  });

  it("200 concurrent writers through both keep one unforked chain", async () => {
    const write = (db: Database, i: number) =>
      inWriteTransaction(db.db, (tx) =>
        insertEvent(
          tx,
          null,
          { action: "test.write", subjectType: "test", subjectId: `s${i}`, regionCode: null, data: { i } },
          new Date(),
        ),
      );
    const ids = await Promise.all(
      Array.from({ length: 200 }, (_, i) => write(i % 2 ? second : ctx.database, i)),
    );
    expect(new Set(ids.map((e) => e.id)).size).toBe(200);
    const check = await verifyTrail(ctx.database.db);
    expect(check).toMatchObject({ ok: true, checked: 200 });
  });

  it("writers of 20 counties through both processes, with named and unnamed chains, keep every chain unforked", async () => {
    const before = (await verifyTrail(ctx.database.db)).checked;
    const county = (i: number) => `6201${String(i % 20).padStart(2, "0")}`;
    const write = (db: Database, i: number) =>
      inWriteTransaction(
        db.db,
        (tx) =>
          insertEvent(
            tx,
            null,
            {
              action: "test.county",
              subjectType: "test",
              subjectId: `c${i}`,
              regionCode: county(i),
              data: { i },
            },
            new Date(),
          ),
        i % 7 === 0 ? [] : [county(i)],
      );
    await Promise.all(Array.from({ length: 400 }, (_, i) => write(i % 2 ? second : ctx.database, i)));
    expect(await verifyTrail(ctx.database.db)).toMatchObject({ ok: true, checked: before + 400 });
  });

  it("case numbers, trail events and notifications of batches from both processes: each county numbered 1…n without gaps, every event stored with the id and hash its command returned", async () => {
    const counties = ["621101", "621102", "621121"];
    const failing = new Set([7, 20]);
    const report = (db: Database, i: number) => {
      const county = counties[i % 3];
      return inWriteTransaction(
        db.db,
        async (tx) => {
          const seq = await nextCaseSeq(tx, county, 2026);
          const ev = await insertEvent(
            tx,
            null,
            {
              action: "test.number",
              subjectType: "test",
              subjectId: `n${i}`,
              regionCode: county,
              data: { seq },
            },
            new Date(),
          );
          await insertNotifications(tx, [
            {
              userId: "u-numbers",
              caseId: `n${i}`,
              kind: "case.reported",
              title: `n${i}`,
              body: "",
              regionCode: county,
              createdAt: new Date().toISOString(),
            },
          ]);
          // A failing command gives its number back (its batch runs again, each command in a savepoint).
          if (failing.has(i)) throw new Error("refused");
          return { county, seq, ev };
        },
        [county],
      );
    };
    const settled = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => report(i % 2 ? second : ctx.database, i)),
    );
    const done = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(done).toHaveLength(58);
    for (const county of counties) {
      const seqs = done
        .filter((d) => d.county === county)
        .map((d) => d.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, j) => j + 1));
      const counter = await ctx.database.db
        .selectFrom("caseNumberSeq")
        .select("lastSeq")
        .where("countyCode", "=", county)
        .where("year", "=", 2026)
        .executeTakeFirstOrThrow();
      expect(Number(counter.lastSeq)).toBe(seqs.length);
    }
    const stored = await ctx.database.db
      .selectFrom("event")
      .select(["id", "hash", "subjectId"])
      .where("action", "=", "test.number")
      .execute();
    expect(stored).toHaveLength(58);
    const byId = new Map(stored.map((e) => [Number(e.id), e]));
    for (const d of done) expect(byId.get(d.ev.id)?.hash).toBe(d.ev.hash);
    const notes = await ctx.database.db
      .selectFrom("notification")
      .select("caseId")
      .where("userId", "=", "u-numbers")
      .execute();
    expect(notes.map((n) => n.caseId).sort()).toEqual(stored.map((e) => e.subjectId).sort());
    expect(await verifyTrail(ctx.database.db)).toMatchObject({ ok: true });
  });

  it("on PostgreSQL a batch of another county commits while one county's batch is still open", async () => {
    if (ctx.dialect !== "postgres") return;
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let appended!: () => void;
    const open = new Promise<void>((r) => {
      appended = r;
    });
    const slow = inWriteTransaction(
      ctx.database.db,
      async (tx) => {
        await insertEvent(
          tx,
          null,
          { action: "t", subjectType: "t", subjectId: "slow", regionCode: "620102", data: {} },
          new Date(),
        );
        appended();
        await held;
      },
      ["620102"],
    );
    // Commands arriving together share a batch; this one comes while `slow`'s batch is open (holding its
    // chain's lock). It would wait for `slow` (and never end) if batches of different chains did not run
    // side by side.
    await open;
    await inWriteTransaction(
      ctx.database.db,
      (tx) =>
        insertEvent(
          tx,
          null,
          { action: "t", subjectType: "t", subjectId: "fast", regionCode: "620103", data: {} },
          new Date(),
        ),
      ["620103"],
    );
    release();
    await slow;
    expect((await verifyTrail(ctx.database.db)).ok).toBe(true);
  });

  it("after a command that took a chain's lock is rolled back, the next append to that chain holds the lock again", async () => {
    if (ctx.dialect !== "postgres") return;
    const ev = (subjectId: string) => ({
      action: "t",
      subjectType: "t",
      subjectId,
      regionCode: "620199",
      data: {},
    });
    const held = (tx: Tx) =>
      sql<{
        n: number;
      }>`select count(*) as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted`
        .execute(tx)
        .then((r) => Number(r.rows[0].n));
    const failing = inWriteTransaction(ctx.database.db, async (tx) => {
      await insertEvent(tx, null, ev("gone"), new Date());
      throw new Error("rolled back");
    });
    const next = inWriteTransaction(ctx.database.db, async (tx) => {
      await insertEvent(tx, null, ev("kept"), new Date());
      return held(tx);
    });
    const [a, b] = await Promise.allSettled([failing, next]);
    expect(a.status).toBe("rejected");
    expect(b).toMatchObject({ status: "fulfilled", value: 1 });
    expect((await verifyTrail(ctx.database.db)).ok).toBe(true);
  });

  it("reference data kept across batches is read again once another process changes it", async () => {
    const read = () =>
      inWriteTransaction(ctx.database.db, (tx) =>
        onceInTx(tx, "county-departments:620188", () => countyDepartments(tx, "620188")),
      );
    const first = await read();
    expect(first).toEqual([]);
    // PostgreSQL: the same read, kept while no reference table changed (SQLite reads once per batch).
    if (ctx.dialect === "postgres") expect(await read()).toBe(first);
    const now = new Date().toISOString();
    await sql`insert into department (id, region_code, name, kind, grid_role, status, created_at, updated_at)
      values ('d-ref', '620188', '应急管理局', 'emergency', 'lead', 'active', ${now}, ${now})`.execute(
      second.db,
    );
    expect((await read()).map((d) => d.id)).toEqual(["d-ref"]);
    if (ctx.dialect !== "postgres") return;
    // Users: only the columns recipients read move the version (not a sign-in's own TOTP step).
    const version = async () =>
      Number(
        (await sql<{ v: string }>`select version as v from reference_version`.execute(second.db)).rows[0].v,
      );
    const v0 = await version();
    await sql`update app_user set totp_last_step = 1 where id = 'nobody'`.execute(second.db);
    expect(await version()).toBe(v0);
    await sql`update app_user set phone = null where id = 'nobody'`.execute(second.db);
    expect(await version()).toBe(v0 + 1);
  });
});
