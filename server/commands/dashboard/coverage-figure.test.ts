import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { boxPolygon } from "../../../domain/geo/geometry";
import { useTempDataDir } from "../../routes/case-test-kit";
import { eachApi } from "../../test/api-harness";
import { insertTestSite } from "../cases/case-command-kit";
import { gridRow } from "../grids/save-grid";
import { dashboardCoverage } from "./coverage-figure";

interface Indicator {
  key: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unavailable: string | null;
  drill: string | null;
}

/**
 * The dashboard's register figures (issue 13.2 "coverage (from the register)"), both databases, at every
 * level, from `site_tally` and the grids. By hand:
 * - grids: G1 620123100001001 (a worker), G2 620123100002001 (none), G3 620123101001001 (none) in 榆中县;
 *   G4 620102001001001 (a worker) in 城关区; G5 620123100001002 retired (not counted);
 * - sites of 榆中县: S1, S2 in G1 and S3 in no grid (城关镇 620123100001); S4 direct supervision (left out);
 *   S5 in no grid and S6 in G3 (620123101001); S7 closed (left out); of 城关区: S8 in G4, S9 in no grid;
 * - 榆中县: 5 sites under grid supervision, 3 in a grid → 60 %; 3 grids, 1 staffed → 33.3 %;
 *   城关镇 620123100: 3 sites, 2 in a grid; 2 grids, 1 staffed; 620123101: 2 sites, 1; 1 grid, 0 staffed → 0;
 *   兰州市 6201 and the province 62: 7 sites, 4 in a grid; 4 grids, 2 staffed → 50 %.
 */
eachApi("dashboard register figures (场所入格率, 网格配员率)", (ctx) => {
  useTempDataDir(ctx);
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });
  const indicators = async (user: string, region: string) => {
    const res = await get(user, `/api/v1/dashboard?region=${region}`);
    expect(res.statusCode, res.body).toBe(200);
    const by = Object.fromEntries((res.json().indicators as Indicator[]).map((i) => [i.key, i]));
    return { sites: by.site_coverage_rate, grids: by.grid_staffing_rate };
  };
  const grid = async (
    id: string,
    code: string,
    staffed: boolean,
    status: "active" | "retired" = "active",
  ) => {
    const at = ctx.deps.clock.now().toISOString();
    const row = gridRow(
      id,
      code,
      {
        regionCode: code.slice(0, 12),
        name: `台账测试网格${id}`,
        kind: "village",
        villageCodes: [code.slice(0, 12)],
        geometry: boxPolygon(104.1, 35.84, 104.12, 35.85),
        officer: null,
        leader: null,
        source: "test",
      },
      at,
    );
    await ctx.deps.db
      .insertInto("grid")
      .values({ ...row, status })
      .execute();
    if (staffed)
      await ctx.deps.db
        .insertInto("gridWorker")
        .values({ gridId: id, userId: ctx.users.worker.id, employment: "full_time", createdAt: at })
        .execute();
  };
  const site = async (
    id: string,
    regionCode: string,
    patch: { gridId?: string; direct?: number; status?: "closed" } = {},
  ) => {
    await insertTestSite(ctx.deps, {
      id,
      regionCode,
      lon: 104.11,
      lat: 35.845,
      departmentId: null,
      name: `台账测试场所${id}`,
    });
    if (Object.keys(patch).length)
      await ctx.deps.db
        .updateTable("site")
        .set({ ...patch, ...(patch.gridId ? { gridRule: "point_in_polygon" } : {}) })
        .where("id", "=", id)
        .execute();
  };

  it("is unavailable (no register yet), never 0", async () => {
    const { sites, grids } = await indicators("county", "620123");
    expect(sites).toMatchObject({ value: null, unavailable: "no_source", drill: "sites_without_grid" });
    expect(grids).toMatchObject({ value: null, unavailable: "no_source", drill: "grids_without_worker" });
  });

  /** The fixture above, written after the first check (the register starts empty). */
  const seed = async () => {
    await grid("G1", "620123100001001", true);
    await grid("G2", "620123100002001", false);
    await grid("G3", "620123101001001", false);
    await grid("G4", "620102001001001", true);
    await grid("G5", "620123100001002", false, "retired");
    await site("S1", "620123100001", { gridId: "G1" });
    await site("S2", "620123100001", { gridId: "G1" });
    await site("S3", "620123100001");
    await site("S4", "620123100001", { direct: 1 });
    await site("S5", "620123101001");
    await site("S6", "620123101001", { gridId: "G3" });
    await site("S7", "620123101001", { status: "closed" });
    await site("S8", "620102001001", { gridId: "G4" });
    await site("S9", "620102001001");
  };

  it("answers every level from the rollup and the grids, as worked out by hand", async () => {
    await seed();
    expect(await dashboardCoverage(ctx.deps, "620123")).toEqual({
      sites: 5,
      sitesInGrid: 3,
      grids: 3,
      gridsWithWorker: 1,
    });
    const county = await indicators("county", "620123");
    expect(county.sites).toMatchObject({ value: 0.6, numerator: 3, denominator: 5, unavailable: null });
    expect(county.grids).toMatchObject({ numerator: 1, denominator: 3 });
    expect(county.grids.value).toBeCloseTo(1 / 3, 4);
    const town = await indicators("county", "620123100");
    expect(town.sites).toMatchObject({ numerator: 2, denominator: 3 });
    expect(town.grids).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    const other = await indicators("station", "620123100");
    expect(other.sites).toMatchObject({ numerator: 2, denominator: 3 });
    const town2 = await indicators("county", "620123101");
    expect(town2.sites).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(town2.grids).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    for (const region of ["6201", "62"]) {
      const wide = await indicators("province", region);
      expect(wide.sites, region).toMatchObject({ numerator: 4, denominator: 7 });
      expect(wide.grids, region).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
    }
  });

  it("drills down to the sites not in a grid and the grids without a worker, and exports them", async () => {
    const sites = await get("county", "/api/v1/dashboard/rows?region=620123&metric=sites_without_grid");
    expect(sites.statusCode, sites.body).toBe(200);
    expect(sites.json()).toMatchObject({ kind: "sites", total: 2, metric: "sites_without_grid" });
    expect(
      sites
        .json()
        .rows.map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual(["S3", "S5"]);
    const grids = await get("county", "/api/v1/dashboard/rows?region=620123&metric=grids_without_worker");
    expect(grids.json()).toMatchObject({ kind: "grids", total: 2 });
    expect(grids.json().rows.map((r: { code: string }) => r.code)).toEqual([
      "620123100002001",
      "620123101001001",
    ]);
    const town = await get("county", "/api/v1/dashboard/rows?region=620123100&metric=sites_without_grid");
    expect(town.json().rows.map((r: { id: string }) => r.id)).toEqual(["S3"]);
    // another county's rows are not found
    expect(
      (await get("county", "/api/v1/dashboard/rows?region=620102&metric=sites_without_grid")).statusCode,
    ).toBe(404);
    const file = await get(
      "county",
      `/api/v1/dashboard/rows/export?region=620123&metric=grids_without_worker&reason=${encodeURIComponent("台账核查")}`,
    );
    expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("无网格员的网格");
    expect(ws.getRow(2).values).toContain("网格编码");
    expect([ws.getRow(3).getCell(1).value, ws.getRow(4).getCell(1).value]).toEqual([
      "620123100002001",
      "620123101001001",
    ]);
  });
});
