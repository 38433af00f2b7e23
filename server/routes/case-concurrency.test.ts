import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { act, as, caseAt, report, reportBody, useTempDataDir, villagePoint } from "./case-test-kit";

eachApi("case concurrency and idempotency", (ctx) => {
  useTempDataDir(ctx);
  const countCases = async () =>
    Number(
      (
        await ctx.database.db
          .selectFrom("caseRecord")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const countEvents = async (id: string) =>
    (await ctx.database.db.selectFrom("event").select("id").where("subjectId", "=", id).execute()).length;

  it("two conflicting actions in parallel: exactly one wins, the other gets 409", async () => {
    for (let round = 0; round < 3; round++) {
      const id = await caseAt(ctx, "triaged");
      const [a, b] = await Promise.all([
        act(ctx, "lead", id, "dispatch", { departmentId: ctx.departments["620123"].market }),
        act(ctx, "lead", id, "reject", { reason: "不属于安全生产问题" }),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(["invalid_transition", "conflict"]).toContain(loser.json().code);
      expect(await countEvents(id)).toBe(3);
    }
  });

  it("two re-checks by different people in parallel: one is recorded", async () => {
    const id = await caseAt(ctx, "awaiting_recheck");
    ctx.deps.clock.advance({ minutes: 1 });
    const [a, b] = await Promise.all([
      act(ctx, "worker", id, "recheck", { passed: true, location: { lng: 104.1146, lat: 35.8457 } }),
      act(ctx, "station", id, "recheck", {
        passed: false,
        note: "现场仍有钢瓶未移出",
        location: villagePoint,
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it("two identical dispatches in parallel record one dispatch", async () => {
    const id = await caseAt(ctx, "triaged");
    const market = ctx.departments["620123"].market;
    const results = await Promise.all(
      [1, 2, 3].map(() => act(ctx, "lead", id, "dispatch", { departmentId: market })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it("If-Match with a stale version answers 409 conflict and changes nothing", async () => {
    const id = await caseAt(ctx, "reported");
    const seen = (await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${id}` })).json().case.version;
    await act(ctx, "lead", id, "triage", { type: "general_hazard", category: "fire" });
    const stale = await act(
      ctx,
      "lead",
      id,
      "triage",
      { type: "violation", category: "fire" },
      { "if-match": String(seen) },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("conflict");
    expect(stale.json().details.version).toBe(seen + 1);
    const fresh = await act(
      ctx,
      "lead",
      id,
      "triage",
      { type: "violation", category: "fire" },
      { "if-match": `"${seen + 1}"` },
    );
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().case.type).toBe("violation");
  });

  it("creating a case twice with one key creates one case and replays the original answer", async () => {
    const key = randomUUID();
    const before = await countCases();
    const first = await report(ctx, "worker", { idempotencyKey: key });
    expect(first.statusCode).toBe(201);
    const again = await report(ctx, "worker", { idempotencyKey: key });
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replay"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    expect(await countCases()).toBe(before + 1);
  });

  it("parallel creations with one key (header) still create one case", async () => {
    const key = randomUUID();
    const before = await countCases();
    const all = await Promise.all(
      [1, 2, 3, 4].map(() =>
        as(ctx, "worker", {
          method: "POST",
          url: "/api/v1/cases",
          payload: reportBody(),
          headers: { "idempotency-key": key },
        }),
      ),
    );
    expect(all.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(all.map((r) => r.json().case.id)).size).toBe(1);
    expect(await countCases()).toBe(before + 1);
  });

  it("replaying an action returns the original result and records nothing twice", async () => {
    const id = await caseAt(ctx, "triaged");
    const key = randomUUID();
    const body = { departmentId: ctx.departments["620123"].market, idempotencyKey: key };
    const first = await act(ctx, "lead", id, "dispatch", body);
    expect(first.statusCode).toBe(200);
    const events = await countEvents(id);
    const replay = await act(ctx, "lead", id, "dispatch", body);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers["idempotent-replay"]).toBe("true");
    expect(replay.json()).toEqual(first.json());
    expect(await countEvents(id)).toBe(events);
  });

  it("the same key for a different request is refused", async () => {
    const key = randomUUID();
    expect((await report(ctx, "worker", { idempotencyKey: key })).statusCode).toBe(201);
    const other = await report(ctx, "worker", {
      idempotencyKey: key,
      description: "另一处问题：电线私拉乱接",
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe("idempotency_key_reused");
    const bad = await report(ctx, "worker", { idempotencyKey: "not-a-uuid" });
    expect(bad.statusCode).toBe(422);
  });

  it("a failed request with a key can be retried with the same key", async () => {
    const key = randomUUID();
    const id = await caseAt(ctx, "reported");
    const first = await act(ctx, "lead", id, "reject", { reason: "短", idempotencyKey: key });
    expect(first.statusCode).toBe(422);
    // Not stored: a corrected request under a new key works; the failed one leaves nothing behind.
    const retry = await act(ctx, "lead", id, "reject", { reason: "短", idempotencyKey: key });
    expect(retry.statusCode).toBe(422);
    expect(await countEvents(id)).toBe(1);
  });
});
