import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { beforeAll, expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { useSecondApp } from "../test/second-app";
import { as, reportBody, upload, useTempDataDir } from "./case-test-kit";
import { siteBody } from "./grid-test-fixtures";

/**
 * A file belongs to one case or one record, first come. Two server instances on one PostgreSQL database
 * (each its own pool and write batcher, as two processes) get two different requests naming the same
 * fresh upload at the same moment. A report of a site and a task record name no trail chain beforehand,
 * so neither waits for the other's chain lock: both pass the file check, and the attach decides — one is
 * stored holding the file, the other is refused whole (422, nothing stored). Within one process the write
 * batcher already serialises them (same batch, or one batch after the other), and embedded SQLite has one
 * writer, so this can only be shown with two instances on PostgreSQL.
 */
eachApi("one upload named by two requests through two server instances at once", (ctx) => {
  useTempDataDir(ctx);
  const other = useSecondApp(ctx);
  let siteId: string;
  const postgres = ctx.dialect === "postgres";

  beforeAll(async () => {
    if (!postgres) return;
    const site = await as(ctx, "county", {
      method: "POST",
      url: "/api/v1/sites",
      payload: siteBody({ uscc: null, kind: "small_shop", name: "争用附件小卖部" }),
    });
    expect(site.statusCode, site.body).toBe(201);
    siteId = site.json().id;
  });

  const send = async (app: FastifyInstance, url: string, payload: Record<string, unknown>) =>
    app.inject({
      method: "POST",
      url,
      payload,
      headers: { authorization: `Bearer ${await ctx.token("worker")}` },
    });
  const holderOf = (id: string) =>
    ctx.deps.db
      .selectFrom("evidence")
      .select(["caseId", "subjectType", "subjectId"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it.skipIf(!postgres)(
    "two reports: one case holds the file, the other is refused and not made",
    async () => {
      for (let round = 0; round < 6; round++) {
        const ev = await upload(ctx, "worker");
        const texts = [`争用附件第 ${round} 次甲`, `争用附件第 ${round} 次乙`];
        const res = await Promise.all(
          [ctx.app, other.app].map((app, i) =>
            send(app, "/api/v1/cases", reportBody({ siteId, evidenceIds: [ev.id], description: texts[i] })),
          ),
        );
        expect(res.map((r) => r.statusCode).sort(), res.map((r) => r.body).join(" ")).toEqual([201, 422]);
        expect(res.find((r) => r.statusCode === 422)!.json().code).toBe("evidence_not_found");
        const made = await ctx.deps.db
          .selectFrom("caseRecord")
          .select("id")
          .where("description", "in", texts)
          .execute();
        expect(made).toHaveLength(1);
        expect((await holderOf(ev.id)).caseId).toBe(made[0].id);
        // only the stored case's report names the file in the trail
        const named = await ctx.deps.db
          .selectFrom("event")
          .select("subjectId")
          .where("action", "=", "case.reported")
          .where("data", "like", `%${ev.id}%`)
          .execute();
        expect(named.map((e) => e.subjectId)).toEqual([made[0].id]);
      }
    },
  );

  it.skipIf(!postgres)("two task records: one is stored with the photo, the other refused", async () => {
    for (let round = 0; round < 6; round++) {
      const photo = (await upload(ctx, "worker")).id;
      const bodies = [0, 1].map(() => ({
        id: randomUUID(),
        kindCode: "outreach",
        at: ctx.deps.clock.now().toISOString(),
        values: {
          place: "兴隆村文化广场",
          audience: "居民群众",
          headcount: 20 + round,
          topic: "冬季燃气安全",
        },
        evidenceIds: [photo],
      }));
      const res = await Promise.all(
        [ctx.app, other.app].map((app, i) => send(app, "/api/v1/task-records", bodies[i])),
      );
      expect(res.map((r) => r.statusCode).sort(), res.map((r) => r.body).join(" ")).toEqual([201, 422]);
      const winner = bodies[res.findIndex((r) => r.statusCode === 201)].id;
      const stored = await ctx.deps.db
        .selectFrom("taskRecord")
        .select("id")
        .where(
          "id",
          "in",
          bodies.map((b) => b.id),
        )
        .execute();
      expect(stored.map((r) => r.id)).toEqual([winner]);
      expect(await holderOf(photo)).toEqual({ caseId: null, subjectType: "task_record", subjectId: winner });
    }
  });
});
