import { beforeAll, expect, it } from "vitest";
import type { Actor } from "../../domain/auth/actor";
import { myTargets } from "../commands/provider/engaged-work";
import { eachApi } from "../test/api-harness";
import { as, report, upload, useTempDataDir } from "./case-test-kit";
import { realUscc, siteBody } from "./grid-test-fixtures";

const reason = `reason=${encodeURIComponent("第三方月度工作统计")}`;

/** R27: organisations, experts, engagements, the expert's scope, assessments approved by an office, guidance. */
eachApi("third-party service providers (R27)", (ctx) => {
  useTempDataDir(ctx);
  const post = (user: string, url: string, payload: unknown) =>
    as(ctx, user, { method: "POST", url, payload: payload as Record<string, unknown> });
  const get = (user: string, url: string) => as(ctx, user, { method: "GET", url });
  let org: { id: string };
  let expert: { id: string };
  let expired: { id: string };
  let siteA: { id: string; version: number };
  let siteB: { id: string };
  let kase: { id: string; stage: string };
  let engagement: { id: string };
  const engagementBody = (over: Record<string, unknown> = {}) => ({
    expertId: expert.id,
    regionCode: "620123",
    title: "兴隆建材风险评估与整改指导",
    startsOn: "2026-11-30",
    endsOn: "2026-12-10",
    siteIds: [siteA.id],
    caseIds: [kase.id],
    ...over,
  });
  const count = async (table: "serviceEngagement" | "serviceAssessment") =>
    Number(
      (
        await ctx.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const o = await post("county", "/api/v1/service-orgs", {
      regionCode: "620123",
      name: "甘肃安泰安全技术咨询有限公司",
      qualification: "安全评价机构资质证书 APJ-（甘）-001",
      contactName: "赵经理",
      contactPhone: "0931-8888888",
    });
    expect(o.statusCode, o.body).toBe(201);
    org = o.json();
    const e = await post("county", `/api/v1/service-orgs/${org.id}/experts`, {
      name: "郑工",
      userId: ctx.users.provider.id,
      qualification: "注册安全工程师",
      certificateNo: "ZA-2024-0001",
      validFrom: "2024-01-01",
      validUntil: "2027-12-31",
    });
    expect(e.statusCode, e.body).toBe(201);
    expert = e.json();
    const x = await post("county", `/api/v1/service-orgs/${org.id}/experts`, {
      name: "钱工",
      userId: ctx.users.provider.id,
      qualification: "注册安全工程师",
      certificateNo: "ZA-2019-0002",
      validFrom: "2020-01-01",
      validUntil: "2026-06-30",
    });
    expect(x.statusCode, x.body).toBe(201);
    expired = x.json();
    const a = await post("county", "/api/v1/sites", siteBody({ uscc: realUscc[0] }));
    expect(a.statusCode, a.body).toBe(201);
    siteA = a.json();
    const b = await post(
      "county",
      "/api/v1/sites",
      siteBody({ uscc: realUscc[1], name: "榆中县另一家公司" }),
    );
    expect(b.statusCode, b.body).toBe(201);
    siteB = b.json();
    const c = await report(ctx, "worker");
    expect(c.statusCode, c.body).toBe(201);
    kase = c.json().case ?? c.json();
  });

  it("refuses reversed dates, an expired qualification and a target outside, writing nothing", async () => {
    const reversed = await post(
      "county",
      "/api/v1/engagements",
      engagementBody({ startsOn: "2026-12-10", endsOn: "2026-12-01" }),
    );
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json()).toMatchObject({ code: "engagement_dates_reversed" });
    expect(reversed.json().message).toMatch(/结束日期不能早于开始日期/);
    const old = await post("county", "/api/v1/engagements", engagementBody({ expertId: expired.id }));
    expect(old.statusCode).toBe(422);
    expect(old.json()).toMatchObject({ code: "qualification_expired" });
    expect(old.json().message).toMatch(/资质有效期/);
    const outside = await post(
      "county",
      "/api/v1/engagements",
      engagementBody({ siteIds: [siteA.id, "no-such-site"] }),
    );
    expect(outside.statusCode).toBe(422);
    expect(outside.json().message).toMatch(/不在委托区域内/);
    const noQual = await post("county", `/api/v1/service-orgs/${org.id}/experts`, {
      name: "孙工",
      qualification: "注册安全工程师",
      certificateNo: "X",
      validFrom: "2027-01-01",
      validUntil: "2026-01-01",
    });
    expect(noQual.statusCode).toBe(422);
    expect(await count("serviceEngagement")).toBe(0);
  });

  it("the expert sees only the engaged site and case; lists and reads agree; outside is 404", async () => {
    const made = await post("county", "/api/v1/engagements", engagementBody());
    expect(made.statusCode, made.body).toBe(201);
    engagement = made.json();
    expect(made.json()).toMatchObject({ status: "active", sites: 1, cases: 1 });
    const list = await get("provider", "/api/v1/provider/targets");
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { kind: string; id: string }[];
    expect(items.map((i) => `${i.kind}:${i.id}`).sort()).toEqual(
      [`case:${kase.id}`, `site:${siteA.id}`].sort(),
    );
    for (const i of items)
      expect((await get("provider", `/api/v1/provider/${i.kind}s/${i.id}`)).statusCode).toBe(200);
    const outsideSite = await get("provider", `/api/v1/provider/sites/${siteB.id}`);
    expect(outsideSite.statusCode).toBe(404);
    expect(outsideSite.json().message).toMatch(/不在您有效委托的服务范围内/);
    // the register by region is not theirs any more (the role has no site rule), nor the case by region
    expect((await get("provider", `/api/v1/sites/${siteA.id}`)).statusCode).toBe(403);
    expect((await get("provider", "/api/v1/sites?pageSize=100")).statusCode).toBe(403);
    expect((await get("provider", `/api/v1/cases/${kase.id}`)).statusCode).toBe(404);
    // another county's office does not see the engagement
    expect((await get("other_county", `/api/v1/engagements/${engagement.id}`)).statusCode).toBe(404);
  });

  it("an assessment changes the site's risk level only once an official approves, in the site file", async () => {
    const before = await count("serviceAssessment");
    const outside = await post("provider", `/api/v1/provider/sites/${siteB.id}/assessments`, {
      result: "red",
      findings: "x",
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe("target_outside_engagement");
    expect(await count("serviceAssessment")).toBe(before);
    const sent = await post("provider", `/api/v1/provider/sites/${siteA.id}/assessments`, {
      result: "red",
      findings: "粉尘涉爆区域未设置泄爆装置；除尘系统未接地。",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await get("county", `/api/v1/sites/${siteA.id}`)).json().riskLevel).toBe("yellow");
    const pending = await get("county", "/api/v1/assessments?status=submitted");
    expect(pending.json().items.map((a: { id: string }) => a.id)).toEqual([sent.json().id]);
    expect(pending.json().items[0].abilities.decide).toBe(true);
    expect(
      (await post("provider", `/api/v1/assessments/${sent.json().id}/decision`, { approve: true }))
        .statusCode,
    ).toBe(403);
    const ok = await post("county", `/api/v1/assessments/${sent.json().id}/decision`, {
      approve: true,
      note: "同意",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: "approved", previousRiskLevel: "yellow" });
    expect((await get("county", `/api/v1/sites/${siteA.id}`)).json().riskLevel).toBe("red");
    const again = await post("county", `/api/v1/assessments/${sent.json().id}/decision`, { approve: false });
    expect(again.statusCode).toBe(409);
    const file = await get("county", `/api/v1/sites/${siteA.id}/file`);
    const events = file.json().events as { action: string; actionLabel: string; summary: string }[];
    const approved = events.find((e) => e.action === "site.assessment_approved");
    expect(approved?.actionLabel).toBe("批准风险评估");
    expect(approved?.summary).toContain("重大风险");
    expect(events.find((e) => e.action === "site.assessment_submitted")?.actionLabel).toBe(
      "第三方风险评估（待审核）",
    );
    const updated = events.find((e) => e.action === "site.updated");
    expect(JSON.stringify(updated)).toContain("riskLevel");
  });

  it("guidance puts a comment and evidence on the case without changing its stage", async () => {
    const photo = await upload(ctx, "provider");
    const res = await post("provider", `/api/v1/provider/cases/${kase.id}/guidance`, {
      comment: "建议将液化气钢瓶移出地下室，设置可燃气体报警器。",
      evidenceIds: [photo.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = await get("county", `/api/v1/cases/${kase.id}`);
    expect(detail.json().case.stage).toBe(kase.stage);
    const entry = detail.json().timeline.find((t: { action: string }) => t.action === "case.guided");
    expect(entry).toMatchObject({
      actionLabel: "第三方专家整改指导",
      comment: expect.stringContaining("报警器"),
    });
    expect(detail.json().evidence.map((e: { id: string }) => e.id)).toContain(photo.id);
    const mine = await get("provider", `/api/v1/provider/cases/${kase.id}`);
    expect(mine.json().guidance).toHaveLength(1);
    expect(mine.json().guidance[0].evidenceCount).toBe(1);

    // a case outside the engagement: 404, and the photo stays unattached
    const other = await report(ctx, "worker");
    const otherCase = other.json().case ?? other.json();
    const loose = await upload(ctx, "provider");
    const outside = await post("provider", `/api/v1/provider/cases/${otherCase.id}/guidance`, {
      comment: "越权的指导意见",
      evidenceIds: [loose.id],
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().message).toMatch(/不在您有效委托的服务范围内/);
    const row = await ctx.deps.db
      .selectFrom("evidence")
      .select("caseId")
      .where("id", "=", loose.id)
      .executeTakeFirstOrThrow();
    expect(row.caseId).toBeNull();
  });

  it("lists provider work per organisation and period, and exports it", async () => {
    const work = await get("county", `/api/v1/provider-work?orgId=${org.id}&from=2026-11-01&to=2026-11-30`);
    expect(work.statusCode).toBe(200);
    expect(work.json().byOrg).toEqual([
      { orgId: org.id, orgName: org && expect.any(String), assessments: 1, guidance: 1 },
    ]);
    const none = await get("county", `/api/v1/provider-work?from=2026-10-01&to=2026-10-31`);
    expect(none.json().items).toEqual([]);
    expect((await get("county", "/api/v1/provider-work?from=2026-12-01&to=2026-11-01")).statusCode).toBe(422);
    expect((await get("provider", "/api/v1/provider-work")).statusCode).toBe(403);
    const xlsx = await get("county", `/api/v1/provider-work/export.xlsx?orgId=${org.id}&${reason}`);
    expect(xlsx.statusCode, xlsx.body.slice(0, 200)).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
  });

  it("access ends with the engagement: on its last day by the clock, and at once when ended early", async () => {
    const actor = { ...ctx.users.provider, displayName: "", username: "provider" } as Actor;
    const short = await post(
      "county",
      "/api/v1/engagements",
      engagementBody({ endsOn: "2026-11-30", caseIds: [], siteIds: [siteB.id] }),
    );
    expect(short.statusCode, short.body).toBe(201);
    expect((await myTargets(ctx.deps, actor)).items.map((i) => i.id)).toContain(siteB.id);
    const end = await post("county", `/api/v1/engagements/${engagement.id}/end`, {});
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json().status).toBe("ended");
    expect((await get("provider", `/api/v1/provider/sites/${siteA.id}`)).statusCode).toBe(404);
    expect((await get("provider", `/api/v1/provider/cases/${kase.id}`)).statusCode).toBe(404);
    expect((await post("county", `/api/v1/engagements/${engagement.id}/end`, {})).statusCode).toBe(409);
    // 2026-11-30 ends at midnight in Shanghai (16:00 UTC): the next day the short engagement gives nothing
    const now = ctx.deps.clock.now().toISOString();
    ctx.deps.clock.set("2026-11-30T16:00:01.000Z");
    try {
      expect((await myTargets(ctx.deps, actor)).items).toEqual([]);
    } finally {
      ctx.deps.clock.set(now);
    }
  });
});
