import { beforeAll, expect, it } from "vitest";
import type { Actor } from "../../domain/auth/actor";
import { insertTestSite } from "../commands/cases/case-command-kit";
import { dashboardRows } from "../commands/dashboard/dashboard-rows";
import { eachApi } from "../test/api-harness";
import { report, useTempDataDir } from "./case-test-kit";

interface Count {
  value: string;
  label: string;
  count: number;
}

/**
 * Hazards by industry (issue 13.2), both databases: a report is counted under its site's GB/T 4754 section
 * (门类) in the rollup the report command keeps. By hand: sites of 城关镇 — a food factory (class 1311 →
 * C 制造业), a shop (division 52 → F 批发和零售业) and a site with no code; reports: two at the factory, one
 * at the shop, one at the uncoded site and one at no site → C 2, F 1, 未登记行业 2; the drill-down of C lists
 * the two reports at the factory.
 */
eachApi("dashboard hazards by industry", (ctx) => {
  useTempDataDir(ctx);
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });
  const ids: Record<string, string[]> = { C: [], F: [], none: [] };
  beforeAll(async () => {
    const sites: [string, string | null][] = [
      ["ind-factory", "1311"],
      ["ind-shop", "52"],
      ["ind-plain", null],
    ];
    for (const [id, industryCode] of sites) {
      await insertTestSite(ctx.deps, {
        id,
        regionCode: "620123100001",
        lon: 104.1146,
        lat: 35.8457,
        departmentId: null,
      });
      await ctx.deps.db.updateTable("site").set({ industryCode }).where("id", "=", id).execute();
    }
    const at = async (key: string, over: Record<string, unknown>, category = "gas") => {
      const res = await report(ctx, "worker", { ...over, category });
      expect(res.statusCode, res.body).toBe(201);
      ids[key].push(res.json().case.id);
    };
    await at("C", { siteId: "ind-factory" });
    await at("C", { siteId: "ind-factory" }, "fire");
    await at("F", { siteId: "ind-shop" });
    await at("none", { siteId: "ind-plain" });
    await at("none", {});
  }, 120_000);

  it("counts reports by their site's industry section, with Chinese names, most first", async () => {
    const res = await get("county", "/api/v1/dashboard?region=620123&period=month");
    expect(res.statusCode, res.body).toBe(200);
    const by = res.json().byIndustry as Count[];
    expect(by.map((c) => [c.value, c.label, c.count])).toEqual([
      ["C", "制造业", 2],
      ["", "未登记行业", 2],
      ["F", "批发和零售业", 1],
    ]);
    const town = (await get("station", "/api/v1/dashboard?region=620123100&period=month")).json();
    expect(town.byIndustry.reduce((a: number, c: Count) => a + c.count, 0)).toBe(5);
    const en = await ctx.as("county", {
      method: "GET",
      url: "/api/v1/dashboard?region=620123&period=month",
      headers: { "accept-language": "en" },
    });
    expect(en.json().byIndustry[0].label).toBe("Manufacturing");
  });

  it("drills down to the reports of one industry and refuses an unknown section", async () => {
    const rows = async (industry: string) => {
      const res = await get(
        "county",
        `/api/v1/dashboard/rows?region=620123&period=month&metric=reported&industry=${industry}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().rows as { caseId: string }[]).map((r) => r.caseId).sort();
    };
    expect(await rows("C")).toEqual([...ids.C].sort());
    expect(await rows("F")).toEqual(ids.F);
    expect(await rows("none")).toEqual([...ids.none].sort());
    const bad = await get("county", "/api/v1/dashboard/rows?region=620123&metric=reported&industry=Z");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toContain("行业门类");
  });

  it("lists the newest reports of the industry even when newer reports of others outnumber the limit", async () => {
    // The two reports at the factory are the oldest; with a limit of 1 the newest of them is listed (read
    // the steps first and filtered them after, a limited list held the newest reports of any industry: none).
    const actor = { ...ctx.users.county, displayName: "county" } as unknown as Actor;
    const q = { region: "620123", period: "month" as const, workingDays: false, metric: "reported" as const };
    const one = await dashboardRows(ctx.deps, actor, { ...q, industry: "C" }, false, 1);
    expect(one.rows.map((r) => r.caseId)).toEqual([ids.C[1]]);
    const two = await dashboardRows(ctx.deps, actor, { ...q, industry: "C" }, false, 2);
    expect(two.rows.map((r) => r.caseId)).toEqual([ids.C[1], ids.C[0]]);
  });
});
