import gcoord from "gcoord";
import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { dbfRecords, multipart, shpPolygons, square, zipStore } from "./grid-test-fixtures";

const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: "Feature",
  properties,
  geometry,
});
const layer = {
  type: "FeatureCollection",
  features: [
    feature(
      { MC: "兴隆路社区综治网格", BM: "620123100001001", LX: "社区" },
      { type: "Polygon", coordinates: [square(104.1, 35.85, 104.11, 35.86)] },
    ),
    feature(
      { MC: "自相交网格", BM: "", LX: "村" },
      {
        type: "Polygon",
        coordinates: [
          [
            [104.2, 35.9],
            [104.22, 35.92],
            [104.22, 35.9],
            [104.2, 35.92],
            [104.2, 35.9],
          ],
        ],
      },
    ),
    feature({ MC: "点要素", LX: "村" }, { type: "Point", coordinates: [104.1, 35.8] }),
    feature(
      { MC: "", LX: "工业园区" },
      { type: "Polygon", coordinates: [square(104.12, 35.85, 104.13, 35.86)] },
    ),
  ],
};
const mapping = JSON.stringify({ name: "MC", code: "BM", kind: "LX" });

eachApi("grids: import an existing grid layer", (ctx) => {
  const send = (
    url: string,
    file: { filename: string; content: Buffer },
    fields: Record<string, string> = {},
    user = "county",
  ) => ctx.as(user, { method: "POST", url, ...multipart(fields, file) });
  const geojson = { filename: "综治网格.geojson", content: Buffer.from(JSON.stringify(layer)) };

  it("inspects a GeoJSON layer: fields, feature count, geometry types, sample", async () => {
    const res = await send("/api/v1/grids/import/inspect", geojson);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      format: "geojson",
      features: 4,
      geometryTypes: { Polygon: 3, Point: 1 },
      fields: ["MC", "BM", "LX"],
    });
    expect(res.json().sample[0]).toEqual({ MC: "兴隆路社区综治网格", BM: "620123100001001", LX: "社区" });
  });

  it("reports every bad feature and keeps nothing in all_or_nothing mode; keeps the good ones on request", async () => {
    const fields = { mapping, regionCode: "620123100001", mode: "all_or_nothing" };
    const all = (await send("/api/v1/grids/import", geojson, fields)).json();
    expect(all).toMatchObject({ features: 4, imported: 0, rejected: 3 });
    const codes = all.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining(["2:self_intersection", "3:invalid_geometry_type", "4:required"]),
    );
    expect(all.errors.find((e: { row: number }) => e.row === 2).message).toContain("104.21");
    expect((await ctx.as("county", { method: "GET", url: "/api/v1/grids" })).json().total).toBe(0);

    const keep = (await send("/api/v1/grids/import", geojson, { ...fields, mode: "keep_good" })).json();
    expect(keep).toMatchObject({ imported: 1, rejected: 3 });
    expect(keep.grids[0]).toMatchObject({
      code: "620123100001001",
      name: "兴隆路社区综治网格",
      kind: "village",
      villageCodes: ["620123100001"],
    });
    const again = (await send("/api/v1/grids/import", geojson, { ...fields, mode: "keep_good" })).json();
    expect(again.errors.find((e: { row: number }) => e.row === 1)).toMatchObject({ code: "duplicate_code" });
  });

  it("imports a zipped Shapefile (holes, UTF-8 attributes), converting GCJ-02 to WGS84", async () => {
    const gcj = (x: number, y: number) =>
      gcoord.transform([x, y], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const outer = [
      gcj(104.3, 35.7),
      gcj(104.3, 35.72),
      gcj(104.32, 35.72),
      gcj(104.32, 35.7),
      gcj(104.3, 35.7),
    ]; // clockwise
    const hole = [
      gcj(104.305, 35.705),
      gcj(104.31, 35.705),
      gcj(104.31, 35.71),
      gcj(104.305, 35.71),
      gcj(104.305, 35.705),
    ]; // counter-clockwise
    const zip = zipStore({
      "wangge/wangge.shp": shpPolygons([[outer, hole]]),
      "wangge/wangge.dbf": dbfRecords(["MC", "XZQH"], [["高崖镇综治网格", "620123102"]]),
      "wangge/wangge.cpg": Buffer.from("UTF-8"),
      "wangge/wangge.prj": Buffer.from(
        'GEOGCS["China Geodetic Coordinate System 2000",DATUM["D_China_2000"]]',
      ),
    });
    const inspect = (
      await send("/api/v1/grids/import/inspect", { filename: "wangge.zip", content: zip })
    ).json();
    expect(inspect).toMatchObject({
      format: "shapefile",
      features: 1,
      fields: ["MC", "XZQH"],
      crs: "China Geodetic Coordinate System 2000",
    });
    const res = await send(
      "/api/v1/grids/import",
      { filename: "wangge.zip", content: zip },
      { mapping: JSON.stringify({ name: "MC", regionCode: "XZQH" }), defaultKind: "township", crs: "GCJ02" },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 1, rejected: 0 });
    const grid = (
      await ctx.as("county", { method: "GET", url: `/api/v1/grids/${res.json().grids[0].id}` })
    ).json();
    expect(grid).toMatchObject({ code: "620123102000001", kind: "township", name: "高崖镇综治网格" });
    expect(grid.geometry.coordinates).toHaveLength(2); // shell and hole
    const [x0, y0] = grid.geometry.coordinates[0][0];
    expect(Math.abs(x0 - 104.3)).toBeLessThan(1e-5);
    expect(Math.abs(y0 - 35.7)).toBeLessThan(1e-5);

    const projected = zipStore({
      "a.shp": shpPolygons([[outer]]),
      "a.dbf": dbfRecords(["MC"], [["x"]]),
      "a.prj": Buffer.from('PROJCS["CGCS2000_3_Degree_GK_CM_105E"]'),
    });
    const refused = await send("/api/v1/grids/import/inspect", { filename: "a.zip", content: projected });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain("投影坐标");
    const noDbf = await send("/api/v1/grids/import/inspect", {
      filename: "b.zip",
      content: zipStore({ "b.shp": shpPolygons([[outer]]) }),
    });
    expect(noDbf.json().message).toContain(".dbf");
  });

  it("refuses regions outside the jurisdiction and roles that do not draw grids", async () => {
    const res = (
      await send(
        "/api/v1/grids/import",
        geojson,
        { mapping, regionCode: "620102001001", mode: "keep_good" },
        "county",
      )
    ).json();
    expect(res.errors.filter((e: { code: string }) => e.code === "region_out_of_scope")).toHaveLength(4);
    expect(res.imported).toBe(0);
    expect(
      (await send("/api/v1/grids/import", geojson, { mapping, regionCode: "620123100001" }, "worker"))
        .statusCode,
    ).toBe(403);
    expect(
      (await send("/api/v1/grids/import/inspect", { filename: "x.kml", content: Buffer.from("<kml/>") }))
        .statusCode,
    ).toBe(415);
  });
});
