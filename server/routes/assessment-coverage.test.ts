import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { testPatrolRow } from "../../db/test-rows";
import { eachApi } from "../test/api-harness";
import { as } from "./case-test-kit";
import { createFixtureGrids, siteBody } from "./grid-test-fixtures";

interface Item {
  indicatorId: string;
  available: boolean;
  value: number | null;
  points: number | null;
  recordCount: number;
}
interface Result {
  subjectId: string;
  computedScore: number;
  breakdown: { items: Item[] };
}

/**
 * Coverage and patrol indicators in assessment runs (R22, R23) on real rows, both databases. Grid A
 * (township 620123100) is the worker's; the county keeps the default patrol plan. November 2026, by hand:
 * - a1 red (weekly; kept in the grid): weeks ending Nov 1, 8, 15, 22, 29 = 5 owed; check-ins Nov 3 and
 *   Nov 18 → 2 met. a2 yellow (monthly): 1 owed, check-in Nov 10 → met. a3 blue (quarterly): its quarter
 *   ends Dec 31 → nothing owed. hole (no grid, monthly): 1 owed, never patrolled.
 * - the worker (grid A: a1, a2, a3): 3 met ÷ 6 owed = 50 % → linear 0→100: 50 of 100 points.
 * - township 620123100 (a1, a2, a3, hole): patrol 3 ÷ 7 = 42.86 %; sites in a grid 3 ÷ 4 = 75 %;
 *   → 50 × 0.4286 + 50 × 0.75 = 21.43 + 37.5 = 58.93. Township 620123101 has no site: both indicators
 *   unavailable (not 0), so it is not scored on them.
 * The region dashboard's patrol plan coverage comes from the same function: November for the township and
 * the county (every site is in 620123100) is 3 ÷ 7, as in the township's run; on Nov 30 10:00, "this month"
 * judges only the periods over by then (a1's five weeks, 2 met: 40 %); a city shows none (per county).
 */
eachApi("assessment: patrol plan coverage and site coverage from real rows", (ctx) => {
  const ids: Record<string, string> = {};
  let grid: string;
  const post = async (user: string, url: string, payload: Record<string, unknown>) => {
    const res = await ctx.as(user, { method: "POST", url, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const site = async (key: string, over: Record<string, unknown>) => {
    const s = await post(
      "county",
      "/api/v1/sites",
      siteBody({ uscc: null, kind: "small_shop", industryCode: "5211", name: key, ...over }),
    );
    ids[key] = s.id;
    await ctx.deps.db
      .updateTable("site")
      .set({ createdAt: "2026-01-01T00:00:00.000Z" })
      .where("id", "=", s.id)
      .execute();
  };
  const visited = (key: string, shanghai: string) =>
    ctx.deps.db
      .insertInto("patrol")
      .values(
        testPatrolRow({
          id: randomUUID(),
          siteId: ids[key],
          regionCode: "620123100001",
          gridId: grid,
          userId: ctx.users.worker.id,
          at: new Date(`${shanghai}+08:00`).toISOString(),
        }),
      )
      .execute();
  const runOf = async (scheme: Record<string, unknown>) => {
    const made = await post("county", "/api/v1/assessment-schemes", { regionCode: "620123", ...scheme });
    const run = await post("county", `/api/v1/assessment-schemes/${made.id}/runs`, { period: "2026-11" });
    const res = await ctx.as("county", { method: "GET", url: `/api/v1/assessment-runs/${run.id}` });
    return res.json().results as Result[];
  };
  const inA = { lon: 104.015, lat: 35.815, regionCode: "620123100001" };

  beforeAll(async () => {
    grid = (await createFixtureGrids(ctx)).A.id;
    const staff = await ctx.as("county", {
      method: "PUT",
      url: `/api/v1/grids/${grid}/workers`,
      payload: { workers: [{ userId: ctx.users.worker.id, employment: "full_time" }] },
    });
    expect(staff.statusCode, staff.body).toBe(200);
    await site("a1", { ...inA, riskLevel: "red", flags: { highRisk: false } });
    await site("a2", { ...inA, riskLevel: "yellow" });
    await site("a3", { ...inA, riskLevel: "blue" });
    await site("hole", { lon: 104.0075, lat: 35.8075, regionCode: "620123100001" });
    await visited("a1", "2026-11-03T09:00:00");
    await visited("a1", "2026-11-18T09:00:00");
    await visited("a2", "2026-11-10T09:00:00");
    const rows = await ctx.deps.db
      .selectFrom("site")
      .select(["name", "gridId", "direct"])
      .where("id", "in", Object.values(ids))
      .execute();
    // the fixture as the register holds it: three in grid A under the worker, one outside every grid
    expect(
      rows
        .filter((r) => r.gridId === grid)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["a1", "a2", "a3"]);
    expect(rows.find((r) => r.name === "hole")?.gridId).toBeNull();
    expect(rows.every((r) => Number(r.direct) === 0)).toBe(true);
  });

  it("scores the worker on the plan's owed periods: 3 of 6 = 50 %", async () => {
    const results = await runOf({
      name: "网格员巡查计划完成情况",
      level: "grid_worker",
      indicators: [
        { indicatorId: "patrol_coverage", weight: 100, rule: { kind: "linear", floor: 0, target: 100 } },
      ],
      manualItems: [],
    });
    const mine = results.find((r) => r.subjectId === ctx.users.worker.id);
    expect(mine?.breakdown.items[0]).toMatchObject({
      indicatorId: "patrol_coverage",
      available: true,
      value: 50,
      points: 50,
      recordCount: 3,
    });
    expect(mine?.computedScore).toBe(50);
  });

  it("scores townships on site coverage and patrol coverage; one without sites is unavailable, not 0", async () => {
    const results = await runOf({
      name: "乡镇网格化覆盖考核",
      level: "township",
      indicators: [
        { indicatorId: "site_coverage", weight: 50, rule: { kind: "linear", floor: 0, target: 100 } },
        { indicatorId: "patrol_coverage", weight: 50, rule: { kind: "linear", floor: 0, target: 100 } },
      ],
      manualItems: [],
    });
    const town = results.find((r) => r.subjectId === "620123100");
    const by = Object.fromEntries((town?.breakdown.items ?? []).map((i) => [i.indicatorId, i]));
    expect(by.site_coverage).toMatchObject({ available: true, value: 75, points: 37.5, recordCount: 3 });
    expect(by.patrol_coverage).toMatchObject({ available: true, value: 42.86, recordCount: 3 });
    expect(by.patrol_coverage.points).toBeCloseTo(21.43, 2);
    // the dashboard's 场所入格率 for the township is the same figure, from the register's rollup
    const dash = await as(ctx, "county", { method: "GET", url: "/api/v1/dashboard?region=620123100" });
    expect(dash.statusCode, dash.body).toBe(200);
    const figure = (
      dash.json().indicators as { key: string; value: number | null; numerator: number }[]
    ).find((i) => i.key === "site_coverage_rate");
    expect(figure).toMatchObject({ numerator: 3, denominator: 4 });
    expect(Math.round((figure?.value ?? 0) * 10_000) / 100).toBe(by.site_coverage.value);
    const empty = results.find((r) => r.subjectId === "620123101");
    for (const i of empty?.breakdown.items ?? []) expect(i).toMatchObject({ available: false, points: null });
    expect(empty?.breakdown.items).toHaveLength(2);
  });

  it("the dashboard's patrol coverage is the assessment's: 3 ÷ 7 for the village, the township and the county in November", async () => {
    const results = await runOf({
      name: "乡镇巡查计划完成情况",
      level: "township",
      indicators: [
        { indicatorId: "patrol_coverage", weight: 100, rule: { kind: "linear", floor: 0, target: 100 } },
      ],
      manualItems: [],
    });
    const assessed = results.find((r) => r.subjectId === "620123100")?.breakdown.items[0];
    expect(assessed).toMatchObject({ available: true, value: 42.86 });
    const figure = async (region: string, query: string, user = "county") => {
      // signs in again after the clock's jump to December (the session's idle time)
      const res = await as(ctx, user, { method: "GET", url: `/api/v1/dashboard?region=${region}&${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return (
        res.json().indicators as {
          key: string;
          value: number | null;
          numerator: number | null;
          denominator: number | null;
          unavailable: string | null;
          formula: string;
        }[]
      ).find((i) => i.key === "patrol_coverage_rate");
    };
    // on Nov 30 10:00: this month's monthly periods are not over yet; a1's five weeks are (2 met)
    expect(await figure("620123100", "period=month")).toMatchObject({
      value: 0.4,
      numerator: 2,
      denominator: 5,
    });
    const now = ctx.deps.clock.now().toISOString();
    ctx.deps.clock.set("2026-12-01T02:00:00.000Z");
    try {
      const november = "period=custom&from=2026-11-01&to=2026-11-30";
      // the county and the township from the patrol rollups, the village from its sites (every site is in it)
      for (const region of ["620123100001", "620123100", "620123"]) {
        const f = await figure(region, november);
        expect(f, region).toMatchObject({ numerator: 3, denominator: 7, unavailable: null });
        expect(Math.round((f?.value ?? 0) * 10_000) / 100).toBe(assessed?.value);
        expect(f?.formula).toContain("巡查计划完成率 = 有巡查记录的应巡查周期数 ÷ 应巡查周期数");
      }
      // the other township has no site: nothing owed, unavailable rather than 0
      expect(await figure("620123101", november)).toMatchObject({
        value: null,
        unavailable: "no_denominator",
      });
      expect(await figure("6201", november, "province")).toMatchObject({
        value: null,
        unavailable: "by_county",
      });
    } finally {
      ctx.deps.clock.set(now);
    }
  });
});
