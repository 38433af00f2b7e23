import { expect, it } from "vitest";
import { insertEvent, verifyTrail } from "../../db/queries/event-queries";
import { eachDialect } from "../../db/test-db";
import { appendTo, trailDeps } from "../test/trail-test-kit";
import { readWitnessFile } from "../trail/witness";
import { runAnchorTrailJob } from "./anchor-trail-job";

eachDialect("trail anchor job (periodic root over every chain head)", (ctx) => {
  it("seals the heads once per pass when a chain grew, into the database and the witness file", async () => {
    const deps = trailDeps(ctx.database);
    await appendTo(ctx.database, "620102", 3);
    await ctx.database.db
      .transaction()
      .execute((tx) =>
        insertEvent(
          tx,
          null,
          { action: "test.done", subjectType: "test", subjectId: "x", regionCode: "6201", data: {} },
          new Date(),
        ),
      );
    const first = await runAnchorTrailJob(deps);
    expect(first.anchored).not.toBeNull();
    expect(await runAnchorTrailJob(deps)).toEqual({ anchored: null });
    await appendTo(ctx.database, "620103", 1);
    const second = await runAnchorTrailJob(deps);
    expect(second.anchored).toBeGreaterThan(first.anchored!);
    expect(readWitnessFile(deps.witnessFile).lines.map((l) => [l.id, l.chains, l.events])).toEqual([
      [first.anchored, 2, 4],
      [second.anchored, 3, 5],
    ]);
    expect(await verifyTrail(ctx.database.db)).toMatchObject({ ok: true, checked: 5, chains: 3, roots: 3 });
  });

  it("two passes running at once both leave verifiable roots", async () => {
    const deps = trailDeps(ctx.database);
    await appendTo(ctx.database, "620102", 2);
    await Promise.all([runAnchorTrailJob(deps), runAnchorTrailJob(deps)]);
    expect((await verifyTrail(ctx.database.db)).ok).toBe(true);
  });

  it("detects a trail whose newest rows were cut off after a pass, which the chain alone cannot", async () => {
    const last = await ctx.database.db
      .selectFrom("event")
      .select("id")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    await ctx.database.db.deleteFrom("event").where("id", "=", last.id).execute();
    const check = await verifyTrail(ctx.database.db);
    expect(check.ok).toBe(false);
    expect(check.firstBroken).toMatchObject({ reason: "root_leaf_missing", chain: "620102" });
  });
});
