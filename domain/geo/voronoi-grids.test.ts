import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { area, type Position, polygon, type Ring } from "./geometry";
import { createGridIndex } from "./grid-index";
import { pointInPolygon } from "./point-in-polygon";
import { seededRandom } from "./seeded-random";
import { findOverlaps, outsideBoundary, validateGridGeometry } from "./validate-geometry";
import { mergePolygons, randomPointIn, splitPolygon, voronoiGrids } from "./voronoi-grids";

/** A concave, county-like outline around Lanzhou (60 vertices, radius 0.2°-0.5°) with an enclave hole. */
function county() {
  const rand = seededRandom(2026);
  const shell: Ring = Array.from({ length: 60 }, (_, k): Position => {
    const a = (2 * Math.PI * k) / 60;
    const r = 0.2 + 0.3 * rand();
    return [103.8 + r * Math.cos(a), 36.0 + 0.8 * r * Math.sin(a)];
  });
  shell.push(shell[0]);
  const hole: Ring = [
    [103.78, 35.98],
    [103.78, 36.02],
    [103.83, 36.02],
    [103.83, 35.98],
    [103.78, 35.98],
  ];
  return polygon([shell, hole]);
}

const square = (x: number, y: number, s: number): Ring => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

describe("voronoiGrids", () => {
  const boundary = county();
  const rand = seededRandom(42);
  const seeds = Array.from({ length: 40 }, (_, i) => {
    const [lon, lat] = randomPointIn(boundary, rand);
    return { code: `620102001${String(i + 1).padStart(3, "0")}`, lon, lat };
  });
  const grids = voronoiGrids(boundary, seeds);

  it("makes one valid grid per seed, containing its seed, inside the boundary", () => {
    expect(grids.map((g) => g.code)).toEqual(seeds.map((s) => s.code));
    const index = createGridIndex(grids);
    for (const [i, g] of grids.entries()) {
      expect(validateGridGeometry(g.geometry)).toEqual([]);
      expect(outsideBoundary(g, boundary, { toleranceDeg: 1e-9 })).toEqual([]);
      expect(index.locate(seeds[i].lon, seeds[i].lat)).toBe(g.code);
    }
  });

  it("covers the boundary without overlaps: areas add up, samples land in exactly one grid", () => {
    const total = grids.reduce((s, g) => s + area(g.geometry), 0);
    expect(total / area(boundary)).toBeCloseTo(1, 6);
    expect(findOverlaps(grids, { minAreaM2: 0.01 })).toEqual([]);
    const index = createGridIndex(grids);
    const sample = seededRandom(5);
    let inside = 0;
    for (let k = 0; k < 5000; k++) {
      const x = 103.2 + sample() * 1.2;
      const y = 35.5 + sample() * 1.0;
      const hits = index.locateAll(x, y).length;
      if (pointInPolygon(x, y, boundary)) {
        inside++;
        expect(hits).toBe(1);
      } else expect(hits).toBe(0);
    }
    expect(inside).toBeGreaterThan(1000);
  });

  it("rejects seeds outside the boundary or in the same place", () => {
    expect(() => voronoiGrids(boundary, [{ code: "x", lon: 103.8, lat: 36.0 }])).toThrow(AppError); // in the hole
    const twice = [seeds[0], { ...seeds[0], code: "copy" }];
    expect(() => voronoiGrids(boundary, twice)).toThrow(/Duplicate|重复/);
    expect(() => voronoiGrids(boundary, [])).toThrow(AppError);
  });
});

describe("randomPointIn", () => {
  it("places reproducible points inside the geometry, never in a hole", () => {
    const g = county();
    const a = Array.from(
      { length: 200 },
      (
        (r) => () =>
          randomPointIn(g, r)
      )(seededRandom(9)),
    );
    const b = Array.from(
      { length: 200 },
      (
        (r) => () =>
          randomPointIn(g, r)
      )(seededRandom(9)),
    );
    expect(a).toEqual(b);
    for (const [x, y] of a) expect(pointInPolygon(x, y, g)).toBe(true);
  });

  it("gives up on a geometry with no area", () => {
    const flat = polygon([
      [
        [0, 0],
        [1, 1],
        [0, 0],
      ],
    ]);
    expect(() => randomPointIn(flat, seededRandom(1), 1000)).toThrow(AppError);
  });
});

describe("splitPolygon and mergePolygons", () => {
  const lShape = polygon([
    [
      [103, 36],
      [103.2, 36],
      [103.2, 36.1],
      [103.1, 36.1],
      [103.1, 36.2],
      [103, 36.2],
      [103, 36],
    ],
  ]);

  it("splits a concave grid into parts of similar area that tile it, deterministically", () => {
    const parts = splitPolygon(lShape, 3);
    expect(parts).toHaveLength(3);
    expect(splitPolygon(lShape, 3)).toEqual(parts);
    const whole = area(lShape);
    const areas = parts.map(area);
    expect(areas.reduce((s, a) => s + a, 0) / whole).toBeCloseTo(1, 6);
    for (const a of areas) expect(a / whole).toBeGreaterThan(0.2);
    for (const a of areas) expect(a / whole).toBeLessThan(0.5);
    const grids = parts.map((geometry, i) => ({ code: `p${i}`, geometry }));
    expect(findOverlaps(grids, { minAreaM2: 0.01 })).toEqual([]);
    for (const g of grids) expect(outsideBoundary(g, lShape, { toleranceDeg: 1e-9 })).toEqual([]);
    expect(splitPolygon(lShape, 1)).toEqual([lShape]);
    expect(() => splitPolygon(lShape, 0)).toThrow(AppError);
  });

  it("merges the parts back into the original area as one polygon", () => {
    const merged = mergePolygons(splitPolygon(lShape, 4));
    expect(merged.type).toBe("Polygon");
    expect(area(merged) / area(lShape)).toBeCloseTo(1, 6);
    expect(validateGridGeometry(merged)).toEqual([]);
  });

  it("merges grids that do not touch into a MultiPolygon and refuses an empty list", () => {
    const merged = mergePolygons([polygon([square(0, 0, 1)]), polygon([square(2, 0, 1)])]);
    expect(merged.type).toBe("MultiPolygon");
    expect(() => mergePolygons([])).toThrow(AppError);
  });
});
