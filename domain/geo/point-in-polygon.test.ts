import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Areal, multiPolygon, type Polygon, type Position, polygon, type Ring } from "./geometry";
import { interiorPoint, pointInPolygon, pointOnBoundary } from "./point-in-polygon";

const square = (x: number, y: number, s: number): Ring => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const count = (p: Position, geoms: Areal[]) => geoms.filter((g) => pointInPolygon(p[0], p[1], g)).length;

describe("pointInPolygon", () => {
  it("tells inside from outside for a concave polygon", () => {
    const c = polygon([
      [
        [0, 0],
        [3, 0],
        [3, 1],
        [1, 1],
        [1, 2],
        [3, 2],
        [3, 3],
        [0, 3],
        [0, 0],
      ],
    ]);
    expect(pointInPolygon(0.5, 1.5, c)).toBe(true);
    expect(pointInPolygon(2, 1.5, c)).toBe(false); // in the notch
    expect(pointInPolygon(2, 0.5, c)).toBe(true);
    expect(pointInPolygon(4, 0.5, c)).toBe(false);
  });

  it("excludes holes and includes every part of a MultiPolygon", () => {
    const holed = polygon([square(0, 0, 4), square(1, 1, 2)]);
    expect(pointInPolygon(0.5, 0.5, holed)).toBe(true);
    expect(pointInPolygon(2, 2, holed)).toBe(false);
    const multi = multiPolygon([
      [square(0, 0, 4), square(1, 1, 2)],
      [square(10, 10, 1)],
      [square(1.5, 1.5, 1)],
    ]);
    expect(pointInPolygon(2, 2, multi)).toBe(true); // an island inside the hole
    expect(pointInPolygon(10.5, 10.5, multi)).toBe(true);
    expect(pointInPolygon(1.2, 1.2, multi)).toBe(false); // in the hole, outside the island
    expect(pointInPolygon(5, 5, multi)).toBe(false);
  });

  it("gives a point on an edge shared by two grids to exactly one: the right one, or the upper one", () => {
    const left = polygon([square(103, 36, 0.1)]);
    const right = polygon([[...square(103.1, 36, 0.1)].reverse()]); // opposite orientation on purpose
    const above = polygon([square(103, 36.1, 0.1)]);
    expect(count([103.1, 36.05], [left, right])).toBe(1);
    expect(pointInPolygon(103.1, 36.05, right)).toBe(true);
    expect(count([103.05, 36.1], [left, above])).toBe(1);
    expect(pointInPolygon(103.05, 36.1, above)).toBe(true);
  });

  it("gives a vertex shared by four grids to exactly one of them", () => {
    const grids = [square(0, 0, 1), square(1, 0, 1), square(0, 1, 1), square(1, 1, 1)].map((r) =>
      polygon([r]),
    );
    expect(count([1, 1], grids)).toBe(1);
    expect(pointInPolygon(1, 1, grids[3])).toBe(true);
  });

  it("gives every inner point of a slanted shared edge to exactly one of the two triangles (property)", () => {
    // the edge's end points are on the outer boundary of the pair, where no single owner is promised
    const a: Position = [103.123456789, 36.987654321];
    const b: Position = [103.7, 36.1];
    const t1: Polygon = polygon([[a, b, [103.9, 37.2], a]]);
    const t2: Polygon = polygon([[b, a, [103.0, 35.9], b]]);
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (t) => {
        const p: Position = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
        return count(p, [t1, t2]) === 1;
      }),
      { numRuns: 2000 },
    );
  });

  it("tiles a fan of triangles around a shared centre without double counting (property)", () => {
    const c: Position = [104.3, 35.6];
    const rim: Position[] = Array.from({ length: 7 }, (_, k) => [
      c[0] + 0.3 * Math.cos((2 * Math.PI * k) / 7),
      c[1] + 0.2 * Math.sin((2 * Math.PI * k) / 7),
    ]);
    const fan = rim.map((p, k) => polygon([[c, p, rim[(k + 1) % 7], c]]));
    expect(count(c, fan)).toBe(1);
    for (const p of rim) expect(count(p, fan)).toBeLessThanOrEqual(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (k, t) => {
        const p: Position = [c[0] + t * (rim[k][0] - c[0]), c[1] + t * (rim[k][1] - c[1])];
        return count(p, fan) === 1;
      }),
      { numRuns: 2000 },
    );
  });
});

describe("pointOnBoundary and interiorPoint", () => {
  it("finds points within the tolerance of an edge", () => {
    const g = polygon([square(0, 0, 1)]);
    expect(pointOnBoundary(1, 0.5, g)).toBe(true);
    expect(pointOnBoundary(1 + 5e-8, 0.5, g)).toBe(true);
    expect(pointOnBoundary(1 + 1e-6, 0.5, g)).toBe(false);
    expect(pointOnBoundary(0.5, 0.5, g)).toBe(false);
  });

  it("returns a point strictly inside even when the centroid is not (C shape)", () => {
    const c = polygon([
      [
        [0, 0],
        [3, 0],
        [3, 0.2],
        [0.2, 0.2],
        [0.2, 2.8],
        [3, 2.8],
        [3, 3],
        [0, 3],
        [0, 0],
      ],
    ]);
    const p = interiorPoint(c);
    expect(pointInPolygon(p[0], p[1], c)).toBe(true);
    expect(pointOnBoundary(p[0], p[1], c, 1e-9)).toBe(false);
  });
});
