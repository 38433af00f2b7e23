import { expect, it } from "vitest";
import { insertEvent, verifyTrail } from "../../db/queries/event-queries";
import { eachDialect } from "../../db/test-db";
import { createWorkingCalendar } from "../../domain/calendar/working-calendar";
import { testClock } from "../clock";
import { testConfig } from "../config";
import { runAnchorTrailJob } from "./anchor-trail-job";

eachDialect("trail anchor job (event outbox consumer)", (ctx) => {
  const deps = () => ({
    db: ctx.database.db,
    dialect: ctx.database.dialect,
    clock: testClock(),
    config: testConfig(),
    calendar: createWorkingCalendar(),
  });
  const append = (n: number) =>
    ctx.database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < n; i++)
        await insertEvent(
          tx,
          null,
          { action: "test.done", subjectType: "test", subjectId: `a${i}`, regionCode: null, data: { i } },
          new Date(),
        );
    });

  it("reads committed events after its cursor, anchors the newest, and reads each only once", async () => {
    await append(7);
    const first = await runAnchorTrailJob(deps(), 5);
    expect(first.read).toBe(5);
    const second = await runAnchorTrailJob(deps(), 5);
    expect(second.read).toBe(2);
    expect(await runAnchorTrailJob(deps(), 5)).toEqual({ anchored: null, read: 0 });
    const anchors = await ctx.database.db.selectFrom("trailAnchor").selectAll().orderBy("eventId").execute();
    expect(anchors.map((a) => Number(a.eventId))).toEqual([first.anchored, second.anchored]);
    expect((await verifyTrail(ctx.database.db)).ok).toBe(true);
  });

  it("two consumers running at once never take the same events", async () => {
    await append(6);
    const [a, b] = await Promise.all([runAnchorTrailJob(deps(), 100), runAnchorTrailJob(deps(), 100)]);
    expect(a.read + b.read).toBe(6);
  });

  it("detects a trail whose newest rows were cut off, which the chain alone cannot", async () => {
    const last = await ctx.database.db
      .selectFrom("event")
      .select("id")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    await ctx.database.db.deleteFrom("event").where("id", "=", last.id).execute();
    const check = await verifyTrail(ctx.database.db);
    expect(check.ok).toBe(false);
    expect(check.firstBroken).toEqual({ id: Number(last.id), reason: "anchor_mismatch" });
  });
});
