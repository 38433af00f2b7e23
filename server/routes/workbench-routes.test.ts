import { beforeAll, expect, it } from "vitest";
import { casesClosed, casesReported, overdueRate, shanghaiMonth } from "../../domain/workbench/month-figures";
import { eachApi } from "../test/api-harness";
import { act, as, caseAt, useTempDataDir } from "./case-test-kit";

interface Count {
  key: string;
  filter: { queue: string; deadlineState?: string };
  count: number;
}

/**
 * The workbench (issue 13.1): every count equals the total of the case list it links to (the same filter,
 * read by the same user through GET /cases), for every role with a workbench; unread equals the inbox's;
 * the month's figures equal a recount of the rows by the pure definitions.
 */
eachApi("workbench: counts equal their lists", (ctx) => {
  useTempDataDir(ctx);
  const get = (user: string, url: string) => as(ctx, user, { method: "GET", url });
  const roles = [
    "county",
    "city",
    "province",
    "lead",
    "market",
    "station",
    "worker",
    "committee",
    "provider",
  ];

  beforeAll(async () => {
    await caseAt(ctx, "reported");
    await caseAt(ctx, "reported");
    await caseAt(ctx, "triaged");
    await caseAt(ctx, "dispatched");
    const parked = await caseAt(ctx, "handling");
    await act(ctx, "market", parked, "request_park", { reason: "需等待专用设备采购到位后整改" });
    await caseAt(ctx, "awaiting_recheck");
    await caseAt(ctx, "closed");
    const late = await caseAt(ctx, "dispatched");
    ctx.deps.clock.advance({ days: 20 });
    await act(ctx, "county", late, "escalate", { reason: "超期未签收，请立即处理" });
    await caseAt(ctx, "handling");
  }, 120_000);

  for (const user of roles)
    it(`${user}: each count == the total of its linked list`, async () => {
      const res = await get(user, "/api/v1/workbench");
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      if (user !== "provider") expect(body.cases.length).toBeGreaterThan(0);
      for (const c of body.cases as Count[]) {
        const qs = new URLSearchParams({ ...c.filter, pageSize: "1" });
        const list = await get(user, `/api/v1/cases?${qs}`);
        expect(list.statusCode, list.body).toBe(200);
        expect(list.json().total, `${user} ${c.key}`).toBe(c.count);
      }
      const field = Object.fromEntries(
        (body.field as { key: string; count: number }[]).map((f) => [f.key, f.count]),
      );
      const patrols = await get(user, "/api/v1/patrols/mine");
      if (patrols.statusCode === 200) {
        const items = patrols.json().items as { status: string }[];
        expect(field.patrols_due).toBe(items.filter((i) => i.status === "due").length);
        expect(field.patrols_overdue).toBe(items.filter((i) => i.status === "overdue").length);
      } else expect(field.patrols_due).toBeUndefined();
      const deliveries = await get(user, "/api/v1/deliveries/mine");
      if (deliveries.statusCode === 200) {
        const sites = (deliveries.json() as { sites: { status: string }[] }[]).flatMap((d) => d.sites);
        expect(field.deliveries_pending).toBe(sites.filter((s) => s.status === "pending").length);
      } else expect(field.deliveries_pending).toBeUndefined();
      const inbox = await get(user, "/api/v1/notifications?unread=true&pageSize=1");
      expect(body.unread).toBe(inbox.json().total);
    });

  it("the fixture's counts are not all zero (the equality above can fail)", async () => {
    const county = (await get("county", "/api/v1/workbench")).json();
    const by = Object.fromEntries((county.cases as Count[]).map((c) => [c.key, c.count]));
    expect(by.overdue).toBeGreaterThan(0);
    expect(by.escalated).toBe(1);
    expect(by.to_approve).toBe(1);
    expect(by.to_triage).toBe(3);
    const lead = (await get("lead", "/api/v1/workbench")).json();
    expect((lead.cases as Count[]).map((c) => c.key)).toContain("to_accept");
    const worker = (await get("worker", "/api/v1/workbench")).json();
    expect((worker.cases as Count[]).find((c) => c.key === "to_recheck")?.count).toBe(1);
    expect(worker.activity.length).toBeGreaterThan(0);
    expect(worker.activity.map((a: { action: string }) => a.action)).not.toContain("user.signed_in");
    expect(worker.activity[0].caseNumber).toMatch(/^\d{6}-\d{4}-\d{6}$/);
    const market = (await get("market", "/api/v1/workbench")).json();
    expect(market.unread).toBeGreaterThan(0);
  });

  it("the month's figures equal a recount by the pure definitions", async () => {
    const now = ctx.deps.clock.now();
    const month = shanghaiMonth(now);
    const rows = await ctx.deps.db
      .selectFrom("caseRecord")
      .select(["reportedAt", "closedAt", "open", "deadline"])
      .where("countyCode", "=", "620123")
      .execute();
    const reported = casesReported(
      rows.map((r) => r.reportedAt),
      month,
    );
    const overdue = rows.filter(
      (r) =>
        r.reportedAt >= month.from &&
        r.reportedAt < month.to &&
        r.open === 1 &&
        r.deadline !== null &&
        r.deadline < now.toISOString(),
    ).length;
    const body = (await get("county", "/api/v1/workbench")).json();
    expect(body.month.reported).toBe(reported);
    expect(body.month.closed).toBe(
      casesClosed(
        rows.map((r) => r.closedAt),
        month,
      ),
    );
    expect(body.month.overdueRate).toBe(overdueRate(reported, overdue));
  });

  it("a case is marked new until opened, then changed when it changes", async () => {
    const id = await caseAt(ctx, "reported");
    const seenBy = async (user: string) => {
      const list = await get(user, "/api/v1/cases?queue=all&sort=-reportedAt&pageSize=200");
      return (list.json().items as { id: string; seen: string | null }[]).find((r) => r.id === id)?.seen;
    };
    expect(await seenBy("lead")).toBe("new");
    expect((await get("lead", `/api/v1/cases/${id}`)).statusCode).toBe(200);
    expect(await seenBy("lead")).toBeNull();
    expect(await seenBy("county")).toBe("new");
    expect(await seenBy("worker")).toBeNull(); // the reporter's own report is not news to them
    ctx.deps.clock.advance({ minutes: 1 });
    const triaged = await act(ctx, "lead", id, "triage", { type: "general_hazard", category: "gas" });
    expect(triaged.statusCode, triaged.body).toBe(200);
    expect(await seenBy("lead")).toBeNull(); // nor the lead's own triage
    expect(await seenBy("worker")).toBe("changed");
    await get("worker", `/api/v1/cases/${id}`);
    expect(await seenBy("worker")).toBeNull();
  });

  it("administrators have no workbench (403)", async () => {
    for (const user of ["admin", "auditor"]) {
      const res = await get(user, "/api/v1/workbench");
      expect(res.statusCode).toBe(403);
    }
  });
});
