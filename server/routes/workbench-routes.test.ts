import { beforeAll, expect, it } from "vitest";
import { addCalendarDays, shanghaiDate } from "../../domain/calendar/shanghai-time";
import { casesClosed, casesReported, overdueRate, shanghaiMonth } from "../../domain/workbench/month-figures";
import { eachApi } from "../test/api-harness";
import { act, as, caseAt, useTempDataDir } from "./case-test-kit";
import { realUscc, siteBody } from "./grid-test-fixtures";

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
    await engageProvider();
  }, 120_000);

  /**
   * The provider's engagements (R27): A ends in 3 days with sites S1 (assessed, awaiting approval) and S2
   * (not assessed) and an open case; B ends in 30 days with site S3 (assessment rejected) and a closed
   * case. By hand: to assess = S2 + S3 = 2; to guide = the open case = 1; ending soon = A's three = 3.
   */
  const engaged = { assess: 2, guide: 1, ending: 3 };
  async function engageProvider() {
    const post = async (user: string, url: string, payload: Record<string, unknown>) => {
      const res = await as(ctx, user, { method: "POST", url, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const today = shanghaiDate(ctx.deps.clock.now());
    const org = await post("county", "/api/v1/service-orgs", {
      regionCode: "620123",
      name: "甘肃安泰安全技术咨询有限公司",
      qualification: "安全评价机构资质证书 APJ-（甘）-001",
      contactName: "赵经理",
      contactPhone: "0931-8888888",
    });
    const expert = await post("county", `/api/v1/service-orgs/${org.id}/experts`, {
      name: "郑工",
      userId: ctx.users.provider.id,
      qualification: "注册安全工程师",
      certificateNo: "ZA-2024-0001",
      validFrom: "2024-01-01",
      validUntil: "2030-12-31",
    });
    const site = (i: number) =>
      post("county", "/api/v1/sites", siteBody({ uscc: realUscc[i], name: `榆中县委托企业${i}` }));
    const [s1, s2, s3] = [await site(0), await site(1), await site(2)];
    const open = await caseAt(ctx, "dispatched");
    const closed = await caseAt(ctx, "closed");
    const engage = (endsIn: number, siteIds: string[], caseIds: string[]) =>
      post("county", "/api/v1/engagements", {
        expertId: expert.id,
        regionCode: "620123",
        title: `风险评估与整改指导（${endsIn}天）`,
        startsOn: today,
        endsOn: addCalendarDays(today, endsIn),
        siteIds,
        caseIds,
      });
    await engage(3, [s1.id, s2.id], [open]);
    await engage(30, [s3.id], [closed]);
    const assess = (id: string) =>
      post("provider", `/api/v1/provider/sites/${id}/assessments`, {
        result: "yellow",
        findings: "消防通道堆放杂物，应急照明损坏",
      });
    await assess(s1.id);
    const rejected = await assess(s3.id);
    await post("county", `/api/v1/assessments/${rejected.id}/decision`, {
      approve: false,
      note: "未附现场检查记录",
    });
  }

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
      const engagedList = await get(user, "/api/v1/provider/targets");
      const engagedCounts = body.engaged as { key: string; count: number; href: string }[];
      if (engagedList.statusCode === 200) {
        expect(engagedCounts.map((e) => e.key)).toEqual([
          "engaged_assess",
          "engaged_guide",
          "engaged_ending",
        ]);
        for (const e of engagedCounts) {
          const work = new URLSearchParams(e.href.split("?")[1]).get("work");
          const list = await get(user, `/api/v1/provider/targets?work=${work}`);
          expect(list.statusCode, list.body).toBe(200);
          expect(list.json().items.length, `${user} ${e.key}`).toBe(e.count);
        }
      } else expect(engagedCounts).toEqual([]);
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
    const provider = (await get("provider", "/api/v1/workbench")).json();
    expect(
      Object.fromEntries((provider.engaged as Count[]).map((e) => [e.key.replace("engaged_", ""), e.count])),
    ).toEqual(engaged);
    const bad = await get("provider", "/api/v1/provider/targets?work=everything");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe("validation_failed");
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
