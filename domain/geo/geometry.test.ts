import { describe, expect, it } from "vitest";
import { area, bbox, centroid, earthRadius, multiPolygon, polygon, type Ring, ringArea2 } from "./geometry";

const square = (x: number, y: number, s: number): Ring => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const rad = Math.PI / 180;
/** Exact area of an s° × s° lon/lat rectangle with its south edge at latitude y: R² Δλ (sin φ2 − sin φ1). */
const cellArea = (y: number, s: number) =>
  earthRadius ** 2 * s * rad * (Math.sin((y + s) * rad) - Math.sin(y * rad));

describe("bbox", () => {
  it("covers every ring of every part", () => {
    const g = multiPolygon([[square(103, 36, 1)], [square(100, 35, 0.5), square(100.1, 35.1, 0.1)]]);
    expect(bbox(g)).toEqual([100, 35, 104, 37]);
  });
});

describe("area", () => {
  it("matches the exact spherical area of a 1° cell at the equator and at Lanzhou's latitude", () => {
    expect(area(polygon([square(0, 0, 1)])) / cellArea(0, 1)).toBeCloseTo(1, 3);
    expect(area(polygon([square(103.5, 36, 0.01)])) / cellArea(36, 0.01)).toBeCloseTo(1, 3);
    // a 0.01° square near Lanzhou is about 1.11 km × 0.90 km
    expect(area(polygon([square(103.5, 36, 0.01)]))).toBeGreaterThan(0.99e6);
    expect(area(polygon([square(103.5, 36, 0.01)]))).toBeLessThan(1.01e6);
  });

  it("does not depend on ring orientation, subtracts holes and adds parts", () => {
    const outer = square(103, 36, 0.1);
    const hole = square(103.02, 36.02, 0.02);
    const full = area(polygon([outer]));
    expect(area(polygon([[...outer].reverse()]))).toBeCloseTo(full, 3);
    const holed = area(polygon([outer, hole]));
    expect(holed).toBeCloseTo(full - area(polygon([hole])), 3);
    const two = area(multiPolygon([[outer], [square(104, 36, 0.1)]]));
    expect(two).toBeGreaterThan(1.99 * full);
  });

  it("is zero for a degenerate ring", () => {
    expect(
      area(
        polygon([
          [
            [103, 36],
            [103.1, 36.1],
            [103.2, 36.2],
            [103, 36],
          ],
        ]),
      ),
    ).toBeCloseTo(0, 3);
  });
});

describe("centroid", () => {
  it("is the centre of a square, for either orientation", () => {
    const [x, y] = centroid(polygon([square(103, 36, 2)]));
    expect(x).toBeCloseTo(104, 9);
    expect(y).toBeCloseTo(37, 9);
    expect(centroid(polygon([[...square(103, 36, 2)].reverse()]))[0]).toBeCloseTo(104, 9);
  });

  it("is weighted by area for an L shape and shifts away from a hole", () => {
    // L = 2×1 bar plus 1×1 on top of its left half: centroid (5/6, 2/3) relative to the origin
    const l: Ring = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    const [x, y] = centroid(polygon([l.map(([a, b]): [number, number] => [a + 100, b + 30])]));
    expect(x).toBeCloseTo(100 + 5 / 6, 9);
    expect(y).toBeCloseTo(30 + 5 / 6, 9);
    const [hx] = centroid(polygon([square(0, 0, 4), square(0.5, 1, 1)]));
    expect(hx).toBeGreaterThan(2);
  });

  it("falls back to the vertex average for a zero-area ring", () => {
    const [x, y] = centroid(
      polygon([
        [
          [0, 0],
          [2, 2],
          [0, 0],
        ],
      ]),
    );
    expect([x, y]).toEqual([2 / 3, 2 / 3]);
  });

  it("ringArea2 is positive for counter-clockwise rings", () => {
    expect(ringArea2(square(0, 0, 1))).toBeCloseTo(2, 12);
    expect(ringArea2([...square(0, 0, 1)].reverse())).toBeCloseTo(-2, 12);
  });
});
