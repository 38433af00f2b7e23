import { Delaunay } from "d3-delaunay";
import { describe, expect, it } from "vitest";
import { type Areal, multiPolygon, type Position, polygon, type Ring } from "./geometry";
import { createGridIndex, type GridShape } from "./grid-index";
import { pointInPolygon } from "./point-in-polygon";
import { seededRandom } from "./seeded-random";

const square = (x: number, y: number, s: number): Ring => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

/** The reference answer: every grid tested, lowest code among those containing the point. */
function bruteForce(grids: GridShape[], x: number, y: number): string | null {
  const hits = grids.filter((g) => pointInPolygon(x, y, g.geometry)).map((g) => g.code);
  return hits.sort()[0] ?? null;
}

/** A Voronoi tessellation of a box (d3 clips the cells to the box), codes in random order. */
function tessellation(n: number, rand: () => number): GridShape[] {
  const pts = Array.from({ length: n }, (): Position => [103 + rand(), 36 + rand()]);
  const v = Delaunay.from(pts).voronoi([103, 36, 104, 37]);
  return pts.map((_, i) => ({
    code: `620102001${String(Math.floor(rand() * 1e6)).padStart(6, "0")}${i}`,
    geometry: polygon([v.cellPolygon(i) as Position[]]),
  }));
}

describe("createGridIndex", () => {
  it("agrees with brute force on random points over a tessellation with holes and multipolygons", () => {
    const rand = seededRandom(7);
    const grids = tessellation(300, rand);
    // add overlapping extras: a holed polygon and a MultiPolygon, so "lowest code" matters
    grids.push({ code: "000-low", geometry: polygon([square(103.2, 36.2, 0.3), square(103.3, 36.3, 0.1)]) });
    grids.push({
      code: "zzz-high",
      geometry: multiPolygon([[square(103.6, 36.6, 0.2)], [square(103.05, 36.8, 0.1)]]),
    });
    const index = createGridIndex(grids);
    expect(index.size).toBe(302);
    expect(index.stats.solidCells).toBeGreaterThan(0); // precomputed answers are checked too
    for (let i = 0; i < 20_000; i++) {
      const x = 102.9 + rand() * 1.2;
      const y = 35.9 + rand() * 1.2;
      expect(index.locate(x, y)).toBe(bruteForce(grids, x, y));
    }
  });

  it("assigns every vertex and edge point of a tessellation to exactly one grid, deterministically", () => {
    const rand = seededRandom(11);
    const grids = tessellation(200, rand);
    const index = createGridIndex(grids);
    const reversed = createGridIndex([...grids].reverse());
    for (const g of grids) {
      const ring = (g.geometry.coordinates as Position[][])[0];
      for (let k = 0; k + 1 < ring.length; k++) {
        const [a, b] = [ring[k], ring[k + 1]];
        for (const t of [0, 0.25, 0.5, 0.77]) {
          const x = a[0] + t * (b[0] - a[0]);
          const y = a[1] + t * (b[1] - a[1]);
          const inside = x > 103 && x < 104 && y > 36 && y < 37; // not on the outer box
          if (!inside) continue;
          expect(index.locateAll(x, y)).toHaveLength(1);
          expect(index.locate(x, y)).toBe(reversed.locate(x, y));
        }
      }
    }
  });

  it("gives a point on the edge shared by two adjacent grids to one of them", () => {
    const index = createGridIndex([
      { code: "B", geometry: polygon([square(103.1, 36, 0.1)]) },
      { code: "A", geometry: polygon([square(103, 36, 0.1)]) },
    ]);
    expect(index.locateAll(103.1, 36.05)).toEqual(["B"]);
    expect(index.locate(103.1, 36.05)).toBe("B");
    expect(index.locate(103.05, 36.05)).toBe("A");
  });

  it("lets the lowest code win where grids overlap", () => {
    const index = createGridIndex([
      { code: "620102001002", geometry: polygon([square(0, 0, 2)]) },
      { code: "620102001001", geometry: polygon([square(1, 1, 2)]) },
    ]);
    expect(index.locate(1.5, 1.5)).toBe("620102001001");
    expect(index.locateAll(1.5, 1.5)).toEqual(["620102001001", "620102001002"]);
    expect(index.locate(0.5, 0.5)).toBe("620102001002");
  });

  it("falls back to the R-tree in crowded cells and still agrees with brute force", () => {
    const rand = seededRandom(3);
    const grids: GridShape[] = [{ code: "rural", geometry: polygon([square(100, 30, 10)]) }];
    // 400 tiny town grids in one corner: far more than a cell of the table sized for the average holds
    for (let i = 0; i < 20; i++)
      for (let j = 0; j < 20; j++)
        grids.push({
          code: `town-${i}-${j}`,
          geometry: polygon([square(100.1 + i * 0.001, 30.1 + j * 0.001, 0.001)]),
        });
    const index = createGridIndex(grids);
    expect(index.stats.crowdedCells).toBeGreaterThan(0);
    for (let k = 0; k < 5000; k++) {
      const x = k % 2 ? 100.09 + rand() * 0.03 : 99 + rand() * 12;
      const y = k % 2 ? 30.09 + rand() * 0.03 : 29 + rand() * 12;
      expect(index.locate(x, y)).toBe(bruteForce(grids, x, y));
    }
  });

  it("answers null outside every grid, for NaN, and for an empty index", () => {
    const index = createGridIndex([{ code: "A", geometry: polygon([square(0, 0, 1)]) }]);
    expect(index.locate(5, 5)).toBeNull();
    expect(index.locate(Number.NaN, 0.5)).toBeNull();
    expect(index.locateIndex(0.5, 0.5)).toBe(0);
    const empty = createGridIndex([]);
    expect(empty.locate(0.5, 0.5)).toBeNull();
    expect(empty.locateAll(0.5, 0.5)).toEqual([]);
  });

  it("handles a grid whose hole contains another grid", () => {
    const outer: Areal = polygon([square(0, 0, 3), square(1, 1, 1)]);
    const inner: Areal = polygon([square(1, 1, 1)]);
    const index = createGridIndex([
      { code: "outer", geometry: outer },
      { code: "inner", geometry: inner },
    ]);
    expect(index.locate(1.5, 1.5)).toBe("inner");
    expect(index.locate(0.5, 0.5)).toBe("outer");
    expect(index.locateAll(1, 1.5)).toHaveLength(1); // on the hole's edge
  });
});
