import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { createFixtureGrids, realUscc, siteBody, square } from "./grid-test-fixtures";

eachApi("coverage, staffing and reassignment", (ctx) => {
  let grids: Awaited<ReturnType<typeof createFixtureGrids>>;
  const ids: Record<string, string> = {};
  const site = async (key: string, over: Record<string, unknown>) => {
    const res = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/sites",
      payload: siteBody({ uscc: null, kind: "small_shop", industryCode: "5211", name: key, ...over }),
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ids[key] = res.json().id;
    return res.json();
  };
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });

  it("builds the known fixture", async () => {
    grids = await createFixtureGrids(ctx);
    await ctx.as("county", {
      method: "PUT",
      url: `/api/v1/grids/${grids.A.id}/workers`,
      payload: { workers: [{ userId: ctx.users.worker.id, employment: "full_time" }] },
    });
    await site("s1-A", {});
    await site("s2-B", { lon: 104.03, lat: 35.81 });
    await site("s3-hole", { lon: 104.0075, lat: 35.8075 });
    await site("s4-noloc", { kind: "household", industryCode: null, lon: null, lat: null });
    await site("s5-soe", {
      kind: "enterprise",
      uscc: realUscc[0],
      ownership: "provincial_soe",
      industryCode: "2614",
    });
    await site("s6-closed", { status: "closed" });
    const s7 = await site("s7-C", { lon: 104.055, lat: 35.805 });
    const res = await ctx.as("county", {
      method: "POST",
      url: `/api/v1/sites/${s7.id}/assignment`,
      payload: { version: s7.version, departmentId: null, reason: "部门职责待县政府明确" },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("computes the coverage figures and percentages of the county and its townships", async () => {
    const res = await get("county", "/api/v1/coverage?region=620123");
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.region).toMatchObject({ code: "620123", name: "榆中县" });
    expect(c.totals).toMatchObject({
      grids: 3,
      gridsWithoutWorker: 2,
      gridsWithoutOfficer: 2,
      sites: 6,
      directSites: 1,
      gridSites: 5,
      sitesWithoutGrid: 2,
      sitesOutsideGrids: 1,
      sitesWithoutLocation: 1,
      sitesWithoutWorker: 4,
      sitesWithoutDepartment: 1,
      workers: 1,
      percentages: { gridsStaffed: 33.3, sitesWithGrid: 60, sitesWithWorker: 20, sitesWithDepartment: 83.3 },
    });
    expect(c.overlaps).toBe(0);
    expect(c.children).toHaveLength(20);
    const town = c.children.find((r: { code: string }) => r.code === "620123100");
    expect(town).toMatchObject({ name: "城关镇", grids: 3, sites: 6, sitesWithoutGrid: 2 });
    const other = c.children.find((r: { code: string }) => r.code === "620123101");
    expect(other).toMatchObject({ grids: 0, sites: 0, percentages: { gridsStaffed: 100 } });
    // a township station sees its township
    expect((await get("station", "/api/v1/coverage")).json().totals.sites).toBe(6);
  });

  it("drills down to the rows behind a figure and exports them", async () => {
    const outside = (
      await get("county", "/api/v1/coverage/rows?region=620123&metric=sites_outside_grids")
    ).json();
    expect(outside).toMatchObject({ type: "sites", total: 1 });
    expect(outside.items[0].name).toBe("s3-hole");
    const noWorker = (
      await get("county", "/api/v1/coverage/rows?region=620123&metric=grids_without_worker")
    ).json();
    expect(noWorker.items.map((g: { code: string }) => g.code).sort()).toEqual([grids.B.code, grids.C.code]);
    const noDep = (
      await get("county", "/api/v1/coverage/rows?region=620123&metric=sites_without_department")
    ).json();
    expect(noDep.items.map((s: { name: string }) => s.name)).toEqual(["s7-C"]);
    const direct = (await get("county", "/api/v1/coverage/rows?region=620123&metric=direct_sites")).json();
    expect(direct.items.map((s: { name: string }) => s.name)).toEqual(["s5-soe"]);

    const xlsx = await get("county", "/api/v1/coverage/export?region=620123");
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        "汇总",
        "无网格员的网格",
        "位于所有网格之外的对象",
        "缺少坐标的对象",
        "直接监管对象",
      ]),
    );
    expect(wb.getWorksheet("汇总")!.getRow(3).getCell(1).value).toBe("620123"); // watermark, header, totals
  });

  it("hides coverage from another county (404) and from roles that do not watch it (403)", async () => {
    expect((await get("other_county", "/api/v1/coverage?region=620123")).statusCode).toBe(404);
    expect(
      (await get("other_county", "/api/v1/coverage/rows?region=620123&metric=direct_sites")).statusCode,
    ).toBe(404);
    expect((await get("worker", "/api/v1/coverage")).statusCode).toBe(403);
    expect((await get("other_county", "/api/v1/coverage")).json().totals.sites).toBe(0);
  });

  it("scores workload against staffing, with configurable settings", async () => {
    const s = (await get("county", "/api/v1/staffing?region=620123")).json();
    const byCode = Object.fromEntries(s.items.map((r: { grid: { code: string } }) => [r.grid.code, r]));
    expect(byCode[grids.A.code]).toMatchObject({
      sites: 1,
      status: "under",
      capacity: { fullTime: 1, hoursPerMonth: 80 },
      workload: { score: 0.5 },
    });
    expect(byCode[grids.B.code]).toMatchObject({
      sites: 1,
      status: "over",
      ratio: null,
      capacity: { fte: 0 },
    });
    expect(byCode[grids.C.code]).toMatchObject({ sites: 1, status: "over" });
    expect(s.summary).toEqual({ over: 2, under: 1, balanced: 0 });
    const tightRes = await get(
      "county",
      "/api/v1/staffing?region=620123&hoursPerFte=1&high=0.2&low=0.1&status=over",
    );
    expect(tightRes.statusCode, tightRes.body).toBe(200);
    const tight = tightRes.json();
    const a = tight.items.find((r: { grid: { code: string } }) => r.grid.code === grids.A.code);
    expect(a).toMatchObject({ status: "over", ratio: 0.5, suggestedSplit: 3 });
  });

  it("lists reassignments for review after grids change, applies them, refuses a stale plan", async () => {
    const region = { region: "620123" };
    const none = (
      await ctx.as("county", { method: "POST", url: "/api/v1/reassignment/preview", payload: region })
    ).json();
    expect(none.changes).toEqual([]);
    // staff grid B and fill grid A's hole
    await ctx.as("county", {
      method: "PUT",
      url: `/api/v1/grids/${grids.B.id}/workers`,
      payload: { workers: [{ userId: ctx.users.worker.id, employment: "part_time" }] },
    });
    const a = (await get("county", `/api/v1/grids/${grids.A.id}`)).json();
    const filled = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/grids/${grids.A.id}`,
      payload: {
        version: a.version,
        geometry: { type: "Polygon", coordinates: [square(104.0, 35.8, 104.02, 35.82)] },
      },
    });
    expect(filled.statusCode, filled.body).toBe(200);
    const preview = (
      await ctx.as("county", { method: "POST", url: "/api/v1/reassignment/preview", payload: region })
    ).json();
    const byName = Object.fromEntries(preview.changes.map((c: { siteName: string }) => [c.siteName, c]));
    expect(Object.keys(byName).sort()).toEqual(["s2-B", "s3-hole"]);
    expect(byName["s2-B"]).toMatchObject({
      from: { worker: null },
      to: { worker: { id: ctx.users.worker.id } },
    });
    expect(byName["s3-hole"]).toMatchObject({ from: { grid: null }, to: { grid: { code: grids.A.code } } });
    expect(preview.kept).toBe(1); // s7's department override is left alone

    // nothing has moved yet
    expect((await get("county", `/api/v1/sites/${ids["s3-hole"]}`)).json().assignment.grid).toBeNull();
    await ctx.as("county", {
      method: "PUT",
      url: `/api/v1/grids/${grids.C.id}/workers`,
      payload: { workers: [{ userId: ctx.users.worker.id, employment: "part_time" }] },
    });
    const stale = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/reassignment/apply",
      payload: { ...region, token: preview.token },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toEqual({ stale: true });

    const fresh = (
      await ctx.as("county", { method: "POST", url: "/api/v1/reassignment/preview", payload: region })
    ).json();
    expect(fresh.changes).toHaveLength(3); // s7 now gets C's worker too
    const only = await ctx.as("county", {
      method: "POST",
      url: "/api/v1/reassignment/apply",
      payload: { ...region, token: fresh.token, siteIds: [ids["s3-hole"]] },
    });
    expect(only.json()).toEqual({ applied: 1, skipped: 2, stale: false });
    const moved = (await get("county", `/api/v1/sites/${ids["s3-hole"]}`)).json();
    expect(moved.assignment).toMatchObject({
      grid: { code: grids.A.code },
      worker: { id: ctx.users.worker.id },
    });
    const file = (await get("county", `/api/v1/sites/${ids["s3-hole"]}/file`)).json();
    expect(file.events.at(-1)).toMatchObject({
      action: "site.reassigned",
      data: { after: { gridId: grids.A.id } },
    });
    expect(
      (await ctx.as("other_county", { method: "POST", url: "/api/v1/reassignment/preview", payload: region }))
        .statusCode,
    ).toBe(404);
  });
});
