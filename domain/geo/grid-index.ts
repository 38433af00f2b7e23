import Flatbush from "flatbush";
import { buildCellTable, cellCrowded, cellEmpty } from "./cell-table";
import type { Areal } from "./geometry";
import { bbox, polygonsOf } from "./geometry";

export interface GridShape {
  code: string;
  geometry: Areal;
}

export interface GridIndex {
  /** Number of grids indexed. */
  readonly size: number;
  /** The code of the grid containing the point, the lowest code when several do, or null. */
  locate(lon: number, lat: number): string | null;
  /** Like `locate`, but the position of the grid in code order (see `codes`), or -1. */
  locateIndex(lon: number, lat: number): number;
  /** Every grid containing the point, in code order (for diagnostics; allocates). */
  locateAll(lon: number, lat: number): string[];
  /** Grid codes in ascending order; `locateIndex` answers positions in this array. */
  readonly codes: readonly string[];
  /** Size of the cell table; how many cells are crowded (answered by the R-tree) or solid (precomputed). */
  readonly stats: { cells: number; crowdedCells: number; solidCells: number };
}

/**
 * A point-to-grid index: a Flatbush R-tree over the grids' bounding boxes, then the half-open ray-casting
 * test of `point-in-polygon.ts` on the candidates. For speed the tree's answers are tabulated at build
 * time in a uniform cell table (`cell-table.ts`): a typical query is one cell lookup, then either a
 * precomputed answer (cells no grid edge touches) or a bbox check and a ray cast on one or two grids;
 * crowded cells fall back to the tree. Rings are pre-flattened into one Float64Array of edges, each
 * stored with its lower endpoint first and horizontal edges dropped, so the hot loop allocates nothing.
 * Grids are sorted by code, so the lowest index hit is the lowest code: a point on a boundary shared by
 * adjacent grids goes to exactly one of them (the rule in `point-in-polygon.ts`), and where grids
 * overlap the lowest code wins, deterministically.
 */
export function createGridIndex(grids: readonly GridShape[]): GridIndex {
  const sorted = [...grids].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const codes = sorted.map((g) => g.code);
  const n = sorted.length;

  let edgeCount = 0;
  for (const g of sorted)
    for (const poly of polygonsOf(g.geometry)) for (const ring of poly) edgeCount += ring.length;
  const edges = new Float64Array(edgeCount * 4);
  const edgeStart = new Uint32Array(n + 1);
  let e = 0;
  sorted.forEach((g, gi) => {
    edgeStart[gi] = e;
    for (const poly of polygonsOf(g.geometry))
      for (const ring of poly)
        for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
          let [ax, ay] = ring[j];
          let [bx, by] = ring[i];
          if (ay === by) continue; // horizontal edges never cross the ray
          if (ay > by) [ax, ay, bx, by] = [bx, by, ax, ay];
          edges[e++] = ax;
          edges[e++] = ay;
          edges[e++] = bx;
          edges[e++] = by;
        }
  });
  edgeStart[n] = e;

  const boxes = new Float64Array(Math.max(1, n) * 4);
  const tree = new Flatbush(Math.max(1, n));
  sorted.forEach((g, gi) => {
    const [minX, minY, maxX, maxY] = bbox(g.geometry);
    boxes.set([minX, minY, maxX, maxY], gi * 4);
    tree.add(minX, minY, maxX, maxY);
  });
  if (n === 0) tree.add(0, 0, 0, 0);
  tree.finish();

  const inside = (gi: number, x: number, y: number): boolean => {
    let c = 0;
    for (let k = edgeStart[gi], end = edgeStart[gi + 1]; k < end; k += 4) {
      const ay = edges[k + 1];
      const by = edges[k + 3];
      if (y < ay || y >= by) continue;
      const ax = edges[k];
      if ((edges[k + 2] - ax) * (y - ay) - (by - ay) * (x - ax) > 0) c ^= 1;
    }
    return c === 1;
  };
  const cells = buildCellTable(
    tree,
    sorted.map((g) => polygonsOf(g.geometry).flat()),
    inside,
  );

  // Flatbush path for crowded cells. Search state is shared with a callback created once.
  let qx = 0;
  let qy = 0;
  let best = -1;
  const visit = (gi: number): boolean => {
    if (gi < n && (best === -1 || gi < best) && inside(gi, qx, qy)) best = gi;
    return false; // never collect: Flatbush's result array stays empty
  };
  const searchTree = (x: number, y: number): number => {
    qx = x;
    qy = y;
    best = -1;
    tree.search(x, y, x, y, visit);
    return best;
  };

  const { minX, minY, invW, invH, nx, ny, state, start, items } = cells;
  const { maxX, maxY } = tree;
  const locateIndex = (x: number, y: number): number => {
    if (n === 0 || !(x >= minX && x <= maxX && y >= minY && y <= maxY)) return -1; // NaN fails too
    const cx = Math.min(nx - 1, ((x - minX) * invW) | 0);
    const cy = Math.min(ny - 1, ((y - minY) * invH) | 0);
    const c = cy * nx + cx;
    const s = state[c];
    if (s >= cellEmpty) return s; // solid cell: its answer holds for every point in it
    if (s === cellCrowded) return searchTree(x, y);
    for (let k = start[c], to = start[c + 1]; k < to; k++) {
      const gi = items[k]; // ascending, so the first hit is the lowest code
      const b = gi * 4;
      if (x < boxes[b] || y < boxes[b + 1] || x > boxes[b + 2] || y > boxes[b + 3]) continue;
      if (inside(gi, x, y)) return gi;
    }
    return -1;
  };

  return {
    size: n,
    codes,
    stats: { cells: nx * ny, crowdedCells: cells.crowdedCells, solidCells: cells.solidCells },
    locateIndex,
    locate(lon, lat) {
      const i = locateIndex(lon, lat);
      return i === -1 ? null : codes[i];
    },
    locateAll(lon, lat) {
      if (n === 0) return [];
      return tree
        .search(lon, lat, lon, lat)
        .filter((gi) => gi < n && inside(gi, lon, lat))
        .sort((a, b) => a - b)
        .map((gi) => codes[gi]);
    },
  };
}
