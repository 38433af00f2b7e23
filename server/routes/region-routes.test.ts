import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";

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
});
