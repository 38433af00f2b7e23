import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { createFixtureGrids } from "./grid-test-fixtures";

const square = (lon: number, lat: number, d = 0.1) => ({
  type: "Polygon" as const,
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
});

eachApi("regions", (ctx) => {
  it("searches by name and by code prefix, shallow levels first, with the path", async () => {
    const byName = (await ctx.as("worker", { method: "GET", url: "/api/v1/regions?q=榆中" })).json().items;
    expect(byName[0]).toMatchObject({ code: "620123", name: "榆中县", level: "county", childCount: 20 });
    expect(byName[0].path.map((p: { name: string }) => p.name)).toEqual(["甘肃省", "兰州市", "榆中县"]);
    const byCode = (
      await ctx.as("worker", { method: "GET", url: "/api/v1/regions?q=620123100&limit=5" })
    ).json().items;
    expect(byCode[0].code).toBe("620123100");
    expect(byCode).toHaveLength(5);
  });

  it("imports official boundaries all-or-nothing, within scope, and names bad geometry", async () => {
    const bowTie = {
      type: "Polygon",
      coordinates: [
        [
          [104, 35.8],
          [104.1, 35.9],
          [104.1, 35.8],
          [104, 35.9],
          [104, 35.8],
        ],
      ],
    };
    const bad = await ctx.as("county", {
      method: "PUT",
      url: "/api/v1/regions/boundaries",
      payload: {
        source: "县自然资源局 2026",
        type: "FeatureCollection",
        features: [{ type: "Feature", properties: { code: "620123100" }, geometry: bowTie }],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.problems[0].location).toHaveLength(2);
    const outside = await ctx.as("county", {
      method: "PUT",
      url: "/api/v1/regions/boundaries",
      payload: {
        source: "x",
        type: "FeatureCollection",
        features: [{ type: "Feature", properties: { code: "620102001" }, geometry: square(103.8, 36.05) }],
      },
    });
    expect(outside.statusCode).toBe(422);
    const ok = await ctx.as("county", {
      method: "PUT",
      url: "/api/v1/regions/boundaries",
      payload: {
        source: "县自然资源局 2026",
        type: "FeatureCollection",
        features: [{ type: "Feature", properties: { code: "620123100" }, geometry: square(104.05, 35.84) }],
      },
    });
    expect(ok.statusCode).toBe(200);
    const got = await ctx.as("worker", { method: "GET", url: "/api/v1/regions/620123100/boundary" });
    expect(got.json().geometry.coordinates[0][0]).toEqual([104.05, 35.84]);
    expect(
      (
        await ctx.as("worker", {
          method: "PUT",
          url: "/api/v1/regions/boundaries",
          payload: {
            source: "x",
            type: "FeatureCollection",
            features: [{ type: "Feature", properties: { code: "620123100" }, geometry: square(104, 35.8) }],
          },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("answers where a region lies: its boundary's box, else its readable grids', else the nearest above", async () => {
    // (after the import above: 城关镇 620123100 has a boundary, its villages have none)
    await createFixtureGrids(ctx);
    const extent = async (user: string, code: string) => {
      const res = await ctx.as(user, { method: "GET", url: `/api/v1/regions/${code}/extent` });
      return { status: res.statusCode, body: res.json() };
    };
    // a village with grids: the box of its grids (C is two squares 104.05–104.08)
    expect(await extent("county", "620123100003")).toEqual({
      status: 200,
      body: { code: "620123100003", bbox: [104.05, 35.8, 104.08, 35.81], source: "grids" },
    });
    // the township: its boundary, not its grids
    const township = (await extent("county", "620123100")).body;
    expect(township).toMatchObject({ code: "620123100", source: "boundary" });
    for (const [i, v] of [104.05, 35.84, 104.15, 35.94].entries()) expect(township.bbox[i]).toBeCloseTo(v, 9);
    // a grid worker reads only the grids of their own village: for another village, the township's boundary
    expect((await extent("worker", "620123100003")).body).toMatchObject({ code: "620123100" });
    // a village of it without grids: the township's extent
    expect((await extent("county", "620123100004")).body.code).toBe("620123100");
    // another township, no boundary, no grids: the county's grids (A, B, C: 104.0–104.08, 35.8–35.82)
    expect((await extent("county", "620123101")).body).toEqual({
      code: "620123",
      bbox: [104.0, 35.8, 104.08, 35.82],
      source: "grids",
    });
    // grids another county may not read are not used: nothing is known there for them
    const none = await extent("other_county", "620123101");
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({
      code: "no_extent",
      message: expect.stringContaining("无法在地图上定位"),
    });
    expect((await extent("other_county", "620123100003")).body.source).toBe("boundary");
  });
});
