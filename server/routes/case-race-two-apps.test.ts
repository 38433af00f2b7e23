import type { FastifyInstance } from "fastify";
import { expect, it } from "vitest";
import { verifyTrail } from "../../db/queries/event-queries";
import { eachApi } from "../test/api-harness";
import { useSecondApp } from "../test/second-app";
import { caseAt, useTempDataDir } from "./case-test-kit";

/**
 * Two server instances on one PostgreSQL database, each with its own connection pool and its own write
 * batcher (as two processes have): the same re-triage sent to both at once, both with the version the
 * clients saw. One wins; the other waits on the case row's lock, then finds a newer version and answers
 * 409 `conflict` (the lost-update check), and the trail records one transition. Embedded SQLite has one
 * writer per file and its in-memory test database cannot be opened twice, so this runs on PostgreSQL only.
 */
eachApi("a case action raced through two server instances", (ctx) => {
  useTempDataDir(ctx);
  const other = useSecondApp(ctx);
  const postgres = ctx.dialect === "postgres";

  const triageEvents = async (id: string) =>
    (
      await ctx.database.db
        .selectFrom("event")
        .select("id")
        .where("subjectId", "=", id)
        .where("action", "=", "case.triaged")
        .execute()
    ).length;

  it.skipIf(!postgres)("one answers 200, the other 409 conflict; the trail has one transition", async () => {
    const token = await ctx.token("lead");
    for (let round = 0; round < 5; round++) {
      const id = await caseAt(ctx, "triaged");
      const read = await ctx.as("lead", { method: "GET", url: `/api/v1/cases/${id}` });
      const version = read.json().case.version as number;
      const before = await triageEvents(id);
      const send = (app: FastifyInstance, type: string) =>
        app.inject({
          method: "POST",
          url: `/api/v1/cases/${id}/triage`,
          payload: { type, category: "fire" },
          headers: { authorization: `Bearer ${token}`, "if-match": `"${version}"` },
        });
      const [a, b] = await Promise.all([send(ctx.app, "violation"), send(other.app, "general_hazard")]);
      expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
      const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
      expect(loser.json()).toMatchObject({ code: "conflict", details: { version: version + 1 } });
      expect(winner.json().case.version).toBe(version + 1);
      expect(await triageEvents(id)).toBe(before + 1);
    }
    expect(await verifyTrail(ctx.database.db)).toMatchObject({ ok: true });
  });
});
