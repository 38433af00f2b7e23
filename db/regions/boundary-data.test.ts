import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { beforeAll, describe, expect, it } from "vitest";
import { type CountyBoundaries, type CountyBoundaryFeature, readCountyBoundaries } from "./boundary-data";
import type { Ring } from "./echarts-geo-decode";
import { type RegionRow, readRegionRows } from "./region-data";

const ringsOf = (f: CountyBoundaryFeature): Ring[] =>
  f.geometry.type === "Polygon" ? f.geometry.coordinates : f.geometry.coordinates.flat();

describe("readCountyBoundaries for Gansu", () => {
  let boundaries: CountyBoundaries;
  let rows: RegionRow[];
  beforeAll(async () => {
    boundaries = await readCountyBoundaries("62");
    rows = await readRegionRows("62");
  });
  const feature = (code: string) => boundaries.features.find((f) => f.id === code);

  it("has one feature per county polygon, each a county in the region rows with the same name", () => {
    expect(boundaries.type).toBe("FeatureCollection");
    const counties = new Map(rows.filter((r) => r.level === "county").map((r) => [r.code, r.name]));
    const ids = boundaries.features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of boundaries.features) {
      expect(f.properties.code).toBe(f.id);
      expect(counties.get(f.id), f.id).toBe(f.properties.name);
    }
    // The package has no polygon for the NBS-only 兰州新区, and none for 临夏县 (lost in the package).
    expect([...counties.keys()].filter((c) => !feature(c))).toEqual(["620171", "622921"]);
  });

  it("uses the current NBS codes for 华亭市 (620881) and 嘉峪关市 (620201)", () => {
    expect(feature("620881")?.properties.name).toBe("华亭市");
    expect(feature("620201")?.properties.name).toBe("嘉峪关市");
    expect(feature("620824")).toBeUndefined();
    expect(feature("620200")).toBeUndefined();
  });

  it("has closed rings of at least 4 points with 5-decimal coordinates inside Gansu's bounding box", () => {
    const problems: string[] = [];
    for (const f of boundaries.features) {
      for (const ring of ringsOf(f)) {
        if (ring.length < 4) problems.push(`${f.id}: ring of ${ring.length} points`);
        if (ring[0].join() !== ring[ring.length - 1].join()) problems.push(`${f.id}: open ring`);
        for (const [x, y] of ring) {
          if (!(x >= 92 && x <= 109 && y >= 32 && y <= 43.5))
            problems.push(`${f.id}: ${x},${y} outside Gansu`);
          if (Math.round(x * 1e5) / 1e5 !== x || Math.round(y * 1e5) / 1e5 !== y)
            problems.push(`${f.id}: ${x},${y}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("puts known places into the right county", () => {
    const places: [string, [number, number]][] = [
      ["620102", [103.834, 36.061]], // 兰州 城关区, 东方红广场
      ["620201", [98.289, 39.773]], // 嘉峪关 city centre
      ["620881", [106.653, 35.218]], // 华亭 city centre
      ["620123", [104.115, 35.845]], // 榆中县 城关镇
    ];
    for (const [code, point] of places) {
      const hits = boundaries.features
        .filter((f) => booleanPointInPolygon(point, f.geometry))
        .map((f) => f.id);
      expect(hits, code).toEqual([code]);
    }
  });

  it("has no vertex of one county strictly inside another (shared borders were simplified together)", () => {
    const boxes = boundaries.features.map((f) => {
      const pts = ringsOf(f).flat();
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    });
    const overlaps: string[] = [];
    boundaries.features.forEach((a) => {
      for (const p of ringsOf(a).flat()) {
        boundaries.features.forEach((b, j) => {
          const [x0, y0, x1, y1] = boxes[j];
          if (b === a || p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1) return;
          if (booleanPointInPolygon(p, b.geometry, { ignoreBoundary: true }))
            overlaps.push(`${a.id}@${p} in ${b.id}`);
        });
      }
    });
    expect(overlaps).toEqual([]);
  });

  it("stays small enough to send to a browser", async () => {
    const size = Buffer.byteLength(JSON.stringify(boundaries));
    expect(size).toBeGreaterThan(300_000);
    expect(size).toBeLessThan(800_000);
  });
});

describe("readCountyBoundaries without a committed file", () => {
  it.each(["63", "99", "bad"])("returns an empty collection for %j", async (code) => {
    expect(await readCountyBoundaries(code)).toEqual({ type: "FeatureCollection", features: [] });
  });
});
