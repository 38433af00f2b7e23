import { createHash } from "node:crypto";
import fc from "fast-check";
import { expect, it } from "vitest";
import { eachDialect } from "../test-db";
import { eventHash, genesisHash, insertEvent, verifyTrail } from "./event-queries";

/** The trail hash as it was written before canonical text (a frozen copy, to prove old rows still verify). */
function legacyHash(row: Parameters<typeof eventHash>[0]): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
          )
        : v;
  const { prevHash, ...fields } = row;
  const content = JSON.stringify(sortKeys(fields));
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

eachDialect("trail canonical text", (ctx) => {
  const at = new Date("2026-12-04T02:00:00.000Z");
  // PostgreSQL text cannot hold U+0000 at all (the insert fails, nothing is stored); the edge refuses it.
  const text = () =>
    fc
      .string({ unit: "binary", maxLength: 24 })
      .map((s) => (ctx.dialect === "postgres" ? s.replace(/\0/g, "") : s));

  it("rows hashed by the old formula (well-formed text) still verify", async () => {
    const { db } = ctx.database;
    let prev = genesisHash;
    for (const [i, subjectId] of ["榆中县", "plain", "emoji 😀", "rtl \u202e", "\ufeffbom"].entries()) {
      const row = {
        at: at.toISOString(),
        actorId: null,
        actorRole: null,
        action: "site.created",
        subjectType: "site",
        subjectId,
        regionCode: "620123",
        data: JSON.stringify({ name: subjectId, n: 1 }),
        prevHash: prev,
      };
      const hash = legacyHash(row);
      expect(eventHash(row)).toBe(hash);
      await db
        .insertInto("event")
        .values({ ...row, hash, chain: "legacy", seq: i + 1 })
        .execute();
      prev = hash;
    }
    expect((await verifyTrail(db)).ok).toBe(true);
  });

  it("a lone surrogate in any field (subject, data key or value) never makes the trail unverifiable", async () => {
    const { db } = ctx.database;
    await db.transaction().execute((tx) =>
      insertEvent(
        tx,
        null,
        {
          action: "user.sign_in_failed",
          subjectType: "user",
          subjectId: "a\udc00b",
          regionCode: null,
          data: { "k\ud800": "v\udfff", name: "站\ud83d" },
        },
        at,
      ),
    );
    const last = await db
      .selectFrom("event")
      .selectAll()
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last.subjectId).toBe("a\ufffdb");
    expect(JSON.parse(last.data)).toEqual({ "k\ufffd": "v\ufffd", name: "站\ufffd" });
    expect(await verifyTrail(db)).toMatchObject({ ok: true, firstBroken: null });
  });

  it("property: any text a writer passes (case description, site name, subject) is stored verifiable", async () => {
    const { db } = ctx.database;
    await fc.assert(
      fc.asyncProperty(
        text(),
        text(),
        fc.dictionary(text(), fc.oneof(text(), fc.integer(), fc.array(text(), { maxLength: 3 }))),
        async (subjectId, description, extra) => {
          await db.transaction().execute(async (tx) => {
            await insertEvent(
              tx,
              { id: "u1", role: "county_office" },
              {
                action: "case.reported",
                subjectType: "case",
                subjectId,
                regionCode: "620123",
                data: { description, ...extra },
              },
              at,
            );
            await insertEvent(
              tx,
              { id: "u1", role: "county_office" },
              {
                action: "site.updated",
                subjectType: "site",
                subjectId: "s1",
                regionCode: "620123",
                data: { name: description },
              },
              at,
            );
          });
        },
      ),
      { seed: 20261204, numRuns: 60 },
    );
    expect(await verifyTrail(db)).toMatchObject({ ok: true, firstBroken: null });
  });
});
