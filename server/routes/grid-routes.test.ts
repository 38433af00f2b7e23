import { expect, it } from "vitest";
import { upsertBoundary } from "../../db/queries/region-queries";
import { readCountyBoundaries } from "../../db/regions/boundary-data";
import { eachApi } from "../test/api-harness";
import { createFixtureGrids, fixtureGrids, siteBody, square } from "./grid-test-fixtures";

const poly = (ring: [number, number][]) => ({ type: "Polygon", coordinates: [ring] });

eachApi("grids: draw, validate, staff, split, merge, map", (ctx) => {
  let grids: Awaited<ReturnType<typeof createFixtureGrids>>;
  const post = (user: string, url: string, payload: unknown) =>
    ctx.as(user, { method: "POST", url, payload: payload as Record<string, unknown> });
  const get = (user: string, url: string) => ctx.as(user, { method: "GET", url });

  it("refuses invalid geometry, naming each problem with its location", async () => {
    const bowtie = poly([
      [104.1, 35.9],
      [104.12, 35.92],
      [104.12, 35.9],
      [104.1, 35.92],
      [104.1, 35.9],
    ]);
    const res = await post("county", "/api/v1/grids", {
      ...fixtureGrids.B,
      name: "自相交",
      geometry: bowtie,
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe("invalid_geometry");
    expect(body.details.problems[0]).toMatchObject({ code: "self_intersection", location: [104.11, 35.91] });
    expect(body.message).toContain("自相交");
    const open = await post("county", "/api/v1/grids", {
      ...fixtureGrids.B,
      geometry: poly([
        [104.1, 35.9],
        [104.12, 35.9],
        [104.12, 35.92],
        [104.1, 35.92],
      ]),
    });
    expect(open.json().details.problems[0].code).toBe("unclosed_ring");
    const village = await post("county", "/api/v1/grids", {
      ...fixtureGrids.B,
      villageCodes: ["620123101201"],
    });
    expect(village.statusCode).toBe(422);
  });

  it("draws grids with codes from their village, warns of overlaps and of parts outside the county", async () => {
    const feature = (await readCountyBoundaries("62")).features.find((f) => f.properties.code === "620123")!;
    await upsertBoundary(ctx.deps.db, {
      code: "620123",
      geojson: JSON.stringify(feature),
      source: "test",
      updatedAt: "2026-11-29T00:00:00.000Z",
    });
    grids = await createFixtureGrids(ctx);
    expect(grids.A.code).toBe("620123100001001");
    expect(grids.C.code).toBe("620123100003001");
    const overlap = await post("county", "/api/v1/grids", {
      ...fixtureGrids.A,
      name: "重叠网格",
      geometry: poly(square(104.015, 35.81, 104.025, 35.83)),
    });
    expect(overlap.statusCode).toBe(201);
    expect(overlap.json().code).toBe("620123100001002");
    const codes = overlap
      .json()
      .warnings.filter((w: { code: string }) => w.code === "overlap")
      .map((w: { grids: string[] }) => w.grids.join("+"));
    expect(codes.sort()).toEqual([`${grids.A.code}+620123100001002`, `620123100001002+${grids.B.code}`]);
    const validate = await post("county", "/api/v1/grids/validate", {
      regionCode: "620123100004",
      geometry: poly(square(103.0, 35.8, 103.9, 35.9)),
    });
    expect(validate.json().errors).toEqual([]);
    expect(validate.json().warnings[0]).toMatchObject({ code: "outside_boundary", location: [103.0, 35.8] });
    const problems = (await get("county", "/api/v1/grids/problems?region=620123")).json();
    expect(problems.checkedGrids).toBe(4);
    expect(problems.overlaps).toHaveLength(2);
    expect(problems.gaps.uncoveredShare).toBeGreaterThan(0.99);
    const retire = await ctx.as("county", {
      method: "PATCH",
      url: `/api/v1/grids/${overlap.json().id}`,
      payload: { version: 1, status: "retired" },
    });
    expect(retire.json().status).toBe("retired");
    expect((await get("county", "/api/v1/grids/problems?region=620123")).json().overlaps).toEqual([]);
  });

  it("staffs grids with grid workers only; a worker reads the grids they serve", async () => {
    expect((await get("worker", `/api/v1/grids/${grids.B.id}`)).statusCode).toBe(404);
    const notWorker = await ctx.as("county", {
      method: "PUT",
      url: `/api/v1/grids/${grids.B.id}/workers`,
      payload: { workers: [{ userId: ctx.users.station.id, employment: "full_time" }] },
    });
    expect(notWorker.statusCode).toBe(422);
    const ok = await ctx.as("station", {
      method: "PUT",
      url: `/api/v1/grids/${grids.B.id}/workers`,
      payload: { workers: [{ userId: ctx.users.worker.id, employment: "part_time" }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      workerCount: 1,
      workers: [{ displayName: "测试worker", employment: "part_time" }],
    });
    expect((await get("worker", `/api/v1/grids/${grids.B.id}`)).statusCode).toBe(200);
    const mine = (await get("worker", "/api/v1/grids")).json();
    expect(mine.items.map((g: { code: string }) => g.code)).toContain(grids.B.code);
    expect(mine.abilities.create).toBe(false);
    // ?mine=true: only the grids the worker serves (the map highlights and zooms to them)
    const own = (await get("worker", "/api/v1/grids?mine=true")).json();
    expect(own.items.map((g: { code: string }) => g.code)).toEqual([grids.B.code]);
    expect((await get("county", "/api/v1/grids?mine=true")).json().items).toEqual([]);
    const candidates = (await get("county", "/api/v1/grid-workers")).json();
    expect(candidates.items[0]).toMatchObject({ id: ctx.users.worker.id, grids: [{ code: grids.B.code }] });
    const unstaffed = (await get("county", "/api/v1/grids?staffed=false")).json();
    expect(unstaffed.items.map((g: { code: string }) => g.code).sort()).toEqual([grids.A.code, grids.C.code]);
  });

  it("hides grids from another county and refuses its changes with 404", async () => {
    expect((await get("other_county", `/api/v1/grids/${grids.A.id}`)).statusCode).toBe(404);
    const patch = await ctx.as("other_county", {
      method: "PATCH",
      url: `/api/v1/grids/${grids.A.id}`,
      payload: { version: 1, name: "改名" },
    });
    expect(patch.statusCode).toBe(404);
    const staff = await ctx.as("other_county", {
      method: "PUT",
      url: `/api/v1/grids/${grids.A.id}/workers`,
      payload: { workers: [] },
    });
    expect(staff.statusCode).toBe(404);
    expect(
      (await post("other_county", `/api/v1/grids/${grids.A.id}/split-preview`, { parts: 2 })).statusCode,
    ).toBe(404);
    expect(
      (await post("other_county", "/api/v1/grids/merge", { ids: [grids.B.id, grids.C.id], name: "x" }))
        .statusCode,
    ).toBe(404);
    expect((await post("other_county", "/api/v1/grids", fixtureGrids.A)).statusCode).toBe(403);
    expect((await get("other_county", "/api/v1/grids")).json().total).toBe(0);
    expect((await get("county", `/api/v1/grids/${grids.A.id}`)).json().name).toBe(fixtureGrids.A.name);
  });

  it("splits an overloaded grid into pieces and merges grids, retiring the originals", async () => {
    const preview = (await post("county", `/api/v1/grids/${grids.B.id}/split-preview`, { parts: 2 })).json();
    expect(preview.pieces).toHaveLength(2);
    const split = await post("county", `/api/v1/grids/${grids.B.id}/split`, {
      version: (await get("county", `/api/v1/grids/${grids.B.id}`)).json().version,
      pieces: preview.pieces.map((geometry: unknown, i: number) => ({
        name: `一悟路${i + 1}号网格`,
        geometry,
      })),
    });
    expect(split.statusCode, split.body).toBe(201);
    const pieces = split.json().grids;
    expect(pieces.map((g: { code: string }) => g.code)).toEqual(["620123100002002", "620123100002003"]);
    expect(pieces.every((g: { workerCount: number }) => g.workerCount === 1)).toBe(true);
    expect(pieces[0].areaKm2 + pieces[1].areaKm2).toBeCloseTo(
      (await get("county", `/api/v1/grids/${grids.B.id}`)).json().areaKm2,
      1,
    );
    expect((await get("county", `/api/v1/grids/${grids.B.id}`)).json().status).toBe("retired");

    const merged = await post("county", "/api/v1/grids/merge", {
      ids: [grids.A.id, grids.C.id],
      name: "合并网格",
    });
    expect(merged.statusCode, merged.body).toBe(201);
    expect(merged.json()).toMatchObject({
      code: "620123100000001",
      regionCode: "620123100",
      geometry: { type: "MultiPolygon" },
    });
    expect(merged.json().villageCodes).toEqual(["620123100001", "620123100003"]);
  });

  it("serves the grid map: counties when zoomed out (small first view), grids with their staff when zoomed in", async () => {
    await post(
      "county",
      "/api/v1/sites",
      siteBody({
        uscc: null,
        kind: "small_shop",
        industryCode: "5211",
        lon: 104.03,
        lat: 35.81,
        name: "地图商铺",
      }),
    );
    const first = await get("province", "/api/v1/map/grids?bbox=92.2,32.5,108.8,42.95&zoom=6");
    expect(first.statusCode, first.body).toBe(200);
    expect(first.rawPayload.length).toBeLessThan(1024 * 1024);
    const regions = first.json();
    expect(regions).toMatchObject({ mode: "regions", level: "county" });
    const yuzhong = regions.features.features.find((f: { id: string }) => f.id === "620123");
    expect(yuzhong.properties).toMatchObject({ name: "榆中县", grids: 3 });
    expect(yuzhong.geometry.type).toMatch(/Polygon/);

    const near = (await get("county", "/api/v1/map/grids?bbox=103.99,35.79,104.09,35.83&zoom=13")).json();
    expect(near.mode).toBe("grids");
    const byCode = Object.fromEntries(
      near.features.features.map((f: { properties: { code: string } }) => [f.properties.code, f.properties]),
    );
    expect(Object.keys(byCode).sort()).toEqual(["620123100000001", "620123100002002", "620123100002003"]);
    expect(byCode["620123100002003"]).toMatchObject({ workers: ["测试worker"], workerCount: 1 });
    expect(byCode["620123100000001"]).toMatchObject({
      supervisionOfficer: "李安全",
      contactLeader: "王联系",
      workerCount: 0,
      color: "#f5222d",
    });
    expect(
      (await get("other_county", "/api/v1/map/grids?bbox=103.99,35.79,104.09,35.83&zoom=13")).json().features
        .features,
    ).toEqual([]);

    const clusterRes = await get("county", "/api/v1/map/sites?bbox=103.99,35.79,104.09,35.83&zoom=10");
    expect(clusterRes.statusCode, clusterRes.body).toBe(200);
    const clusters = clusterRes.json();
    expect(clusters.mode).toBe("clusters");
    expect(clusters.items[0]).toMatchObject({ count: 1, byKind: { small_shop: 1 }, byRisk: { yellow: 1 } });
    const points = (await get("county", "/api/v1/map/sites?bbox=103.99,35.79,104.09,35.83&zoom=16")).json();
    expect(points.items[0]).toMatchObject({ name: "地图商铺", kind: "small_shop", lon: 104.03 });
    expect((await get("county", "/api/v1/map/grids?bbox=1,2,3&zoom=6")).statusCode).toBe(422);
  });
});
