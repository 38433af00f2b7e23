import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { act, as, caseAt, homeVillage, report, upload, useTempDataDir, villagePoint } from "./case-test-kit";

eachApi("case routes: the loop", (ctx) => {
  useTempDataDir(ctx);
  it("walks a case from report to close in 7 actions, with a timeline that verifies", async () => {
    const created = await report(ctx, "worker");
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.case.number).toMatch(/^620123-2026-\d{6}$/);
    expect(body.case.stage).toBe("reported");
    expect(body.case.ownerDepartmentId).toBe(ctx.departments["620123"].emergency);
    expect(body.case.deadline).not.toBeNull();
    const id = body.case.id as string;
    const market = ctx.departments["620123"].market;
    expect(
      (await act(ctx, "lead", id, "triage", { type: "general_hazard", category: "gas" })).statusCode,
    ).toBe(200);
    expect((await act(ctx, "lead", id, "dispatch", { departmentId: market })).statusCode).toBe(200);
    expect((await act(ctx, "market", id, "accept", {})).statusCode).toBe(200);
    const ev = await upload(ctx, "market");
    ctx.deps.clock.advance({ minutes: 10 });
    const fed = await act(ctx, "market", id, "feedback", {
      result: "fixed",
      note: "已整改",
      evidenceIds: [ev.id],
    });
    expect(fed.statusCode).toBe(200);
    ctx.deps.clock.advance({ minutes: 10 });
    const re = await act(ctx, "worker", id, "recheck", { passed: true, location: villagePoint });
    expect(re.statusCode, re.body).toBe(200);
    const closed = await act(ctx, "lead", id, "close", {});
    expect(closed.statusCode).toBe(200);
    expect(closed.json().case.stage).toBe("closed");
    const detail = (await as(ctx, "lead", { method: "GET", url: `/api/v1/cases/${id}` })).json();
    expect(detail.timeline.map((t: { action: string }) => t.action)).toEqual([
      "case.reported",
      "case.triaged",
      "case.dispatched",
      "case.accepted",
      "case.fed_back",
      "case.rechecked",
      "case.closed",
    ]);
    expect(detail.timeline[4].evidence[0].sha256).toBe(ev.sha256);
    expect(detail.evidence).toHaveLength(1);
    expect(detail.notifications.length).toBeGreaterThan(0);
    const verify = await as(ctx, "auditor", { method: "GET", url: "/api/v1/trail/verify" });
    expect(verify.json().ok).toBe(true);
  });

  it("lists queues by role", async () => {
    const id = await caseAt(ctx, "dispatched");
    const toAccept = (
      await as(ctx, "market", { method: "GET", url: "/api/v1/cases?queue=to_accept" })
    ).json();
    expect(toAccept.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(toAccept.items[0].deadlineState).toMatch(/on_time|due_soon|overdue/);
    const queues = (await as(ctx, "market", { method: "GET", url: "/api/v1/cases/queues" })).json();
    expect(queues.items.find((q: { queue: string }) => q.queue === "to_accept").count).toBeGreaterThan(0);
    const other = (await as(ctx, "other_county", { method: "GET", url: "/api/v1/cases" })).json();
    expect(other.items).toHaveLength(0);
    expect((await as(ctx, "other_county", { method: "GET", url: `/api/v1/cases/${id}` })).statusCode).toBe(
      404,
    );
    expect(homeVillage).toHaveLength(12);
  });
});
