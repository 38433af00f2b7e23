import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { siteBody } from "./grid-test-fixtures";

/** The audit administrator's trail browser: filters, paging in SQL, jurisdiction, gate, export. */
eachApi("trail browser", (ctx) => {
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });
  const items = async (user: string, query: string) => {
    const res = await get(user, `/api/v1/trail/events?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      total: number;
      items: {
        id: number;
        action: string;
        actionLabel: string | null;
        actorUsername: string;
        regionCode: string;
      }[];
    };
  };

  it("filters by person, kind, subject and time, newest first, with readable labels", async () => {
    const site = await ctx.as("county", { method: "POST", url: "/api/v1/sites", payload: siteBody() });
    expect(site.statusCode, site.body).toBe(201);
    ctx.deps.clock.advance({ minutes: 5 });
    expect((await get("county", "/api/v1/coverage/export?region=620123")).statusCode).toBe(200);
    expect((await get("other_county", "/api/v1/coverage/export?region=620102")).statusCode).toBe(200);

    const exports = await items("auditor", "action=data.exported");
    expect(exports.total).toBe(1);
    expect(exports.items[0]).toMatchObject({
      action: "data.exported",
      actionLabel: "导出数据",
      actorUsername: "county",
      regionCode: "620123",
    });

    const byCounty = await items("auditor", "actor=county");
    expect(byCounty.items.map((e) => e.action)).toEqual([
      "data.exported",
      "site.registered",
      "user.signed_in",
    ]);
    expect(byCounty.items.map((e) => e.actionLabel)).toEqual(["导出数据", "登记监管对象", "登录"]);
    const byId = await items("auditor", `actor=${ctx.users.county.id}`);
    expect(byId.total).toBe(byCounty.total);

    const siteId = site.json().id as string;
    const bySubject = await items("auditor", `subjectType=site&subjectId=${siteId}`);
    expect(bySubject.items.map((e) => e.action)).toEqual(["site.registered"]);

    const after = encodeURIComponent(new Date(ctx.deps.clock.now().getTime() - 60_000).toISOString());
    expect((await items("auditor", `actor=county&from=${after}`)).items.map((e) => e.action)).toEqual([
      "data.exported",
    ]);
    expect((await items("auditor", `actor=county&to=${after}`)).items.map((e) => e.action)).toEqual([
      "site.registered",
      "user.signed_in",
    ]);
  });

  it("pages in SQL with a total", async () => {
    const all = await items("auditor", "pageSize=200");
    expect(all.total).toBeGreaterThanOrEqual(3);
    const second = await items("auditor", "page=2&pageSize=1");
    expect(second.total).toBe(all.total);
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).toBe(all.items[1].id);
    expect(all.items.map((e) => e.id)).toEqual([...all.items.map((e) => e.id)].sort((a, b) => b - a));
  });

  it("shows a scoped auditor only their county's rows; the province sees both", async () => {
    const county = await items("auditor", "action=data.exported&pageSize=200");
    expect(county.items.every((e) => e.regionCode.startsWith("620123"))).toBe(true);
    const mine = await items("auditor", "pageSize=200");
    expect(mine.items.every((e) => e.regionCode?.startsWith("620123"))).toBe(true);
    const province = await items("province", "action=data.exported");
    expect(province.items.map((e) => e.regionCode).sort()).toEqual(["620102", "620123"]);
    expect((await items("other_county", "action=data.exported")).items.map((e) => e.actorUsername)).toEqual([
      "other_county",
    ]);
  });

  it("is closed to roles that do not review the trail (403) and refuses bad filters (422)", async () => {
    // The system administrator does not read the audit trail either (三员分立, C11).
    for (const user of ["worker", "lead", "security", "provider", "admin"]) {
      expect((await get(user, "/api/v1/trail/events")).statusCode, user).toBe(403);
      expect((await get(user, "/api/v1/trail/export?reason=abcdefgh")).statusCode, user).toBe(403);
    }
    expect((await get(null as never, "/api/v1/trail/events")).statusCode).toBe(401);
    for (const q of ["from=yesterday", "action=DROP%20TABLE", "pageSize=1000", "limit=5"]) {
      const res = await get("auditor", `/api/v1/trail/events?${q}`);
      expect(res.statusCode, q).toBe(422);
    }
  });

  it("exports the filtered rows with a reason, watermarked, and records the export", async () => {
    const res = await get(
      "auditor",
      `/api/v1/trail/export?actor=county&reason=${encodeURIComponent("季度安全审计抽查")}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell("A1").value)).toContain("测试auditor（auditor）");
    expect(ws.getCell("E2").value).toBe("事件");
    const labels = [3, 4, 5].map((r) => ws.getRow(r).getCell(5).value);
    expect(labels).toEqual(["导出数据", "登记监管对象", "登录"]);
    expect(ws.getCell("F3").value).toBe("data.exported");
    const last = await ctx.deps.db
      .selectFrom("event")
      .selectAll()
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(last.action).toBe("data.exported");
    expect(JSON.parse(last.data)).toMatchObject({
      export: "trail",
      filter: { actor: "county" },
      rows: 3,
      reason: "季度安全审计抽查",
    });
  });
});
