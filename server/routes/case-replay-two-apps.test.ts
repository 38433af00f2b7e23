import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { expect, it } from "vitest";
import { verifyTrail } from "../../db/queries/event-queries";
import { eachApi } from "../test/api-harness";
import { useSecondApp } from "../test/second-app";
import { reportBody, useTempDataDir } from "./case-test-kit";

/**
 * The field app's outbox replays a report when it did not hear the answer, maybe to another server process
 * while the first is still working on it (issue 9). Two server instances on one PostgreSQL database, each
 * with its own connection pool and write batcher (as two processes have), get the same report with the same
 * idempotencyKey at the same moment: one case is made, both answer 201 with it, and the trail records one
 * report. (Embedded SQLite runs one process; its same-process concurrency is case-concurrency.test.ts.)
 */
eachApi("a report replayed through two server instances at once", (ctx) => {
  useTempDataDir(ctx);
  const other = useSecondApp(ctx);
  const postgres = ctx.dialect === "postgres";

  const casesWith = async (description: string) =>
    (
      await ctx.database.db
        .selectFrom("caseRecord")
        .select("id")
        .where("description", "=", description)
        .execute()
    ).map((r) => r.id);
  const reportEvents = async (id: string) =>
    (
      await ctx.database.db
        .selectFrom("event")
        .select("id")
        .where("subjectId", "=", id)
        .where("action", "=", "case.reported")
        .execute()
    ).length;

  it.skipIf(!postgres)("one case per key, both answers name it, one report event", async () => {
    const token = await ctx.token("worker");
    for (let round = 0; round < 8; round++) {
      const key = randomUUID();
      const description = `并发重放测试第 ${round} 次：配电箱未上锁`;
      // Half the rounds carry the key in the body (the outbox's way), half in the header.
      const inBody = round % 2 === 0;
      const send = (app: FastifyInstance) =>
        app.inject({
          method: "POST",
          url: "/api/v1/cases",
          payload: reportBody({ description, ...(inBody ? { idempotencyKey: key } : {}) }),
          headers: { authorization: `Bearer ${token}`, ...(inBody ? {} : { "idempotency-key": key }) },
        });
      const answers = await Promise.all([send(ctx.app), send(other.app), send(ctx.app), send(other.app)]);
      for (const a of answers) expect(a.statusCode, a.body).toBe(201);
      const ids = new Set(answers.map((a) => a.json().case.id as string));
      expect(ids.size).toBe(1);
      const made = await casesWith(description);
      expect(made).toEqual([...ids]);
      expect(await reportEvents(made[0])).toBe(1);
    }
    expect(await verifyTrail(ctx.database.db)).toMatchObject({ ok: true });
  });
});
