import type Flatbush from "flatbush";
import type { Ring } from "./geometry";

/** Cell states besides a grid position (>= 0: every point of the cell is in that grid). */
export const cellEmpty = -1; // no grid covers any point of the cell
export const cellList = -2; // test the listed candidates
export const cellCrowded = -3; // too many candidates: ask the R-tree

export interface CellTable {
  minX: number;
  minY: number;
  invW: number;
  invH: number;
  nx: number;
  ny: number;
  /** Per cell: a grid position, or cellEmpty / cellList / cellCrowded. */
  state: Int32Array;
  /** Candidates of cell c (ascending grid positions) are items[start[c] .. start[c + 1]). */
  start: Uint32Array;
  items: Uint32Array;
  crowdedCells: number;
  solidCells: number;
}

/** True when segment a-b meets the closed rectangle [x0, x1] × [y0, y1]. */
function segmentMeetsRect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): boolean {
  if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1)
    return false;
  const dx = bx - ax;
  const dy = by - ay;
  const s1 = dx * (y0 - ay) - dy * (x0 - ax);
  const s2 = dx * (y0 - ay) - dy * (x1 - ax);
  const s3 = dx * (y1 - ay) - dy * (x0 - ax);
  const s4 = dx * (y1 - ay) - dy * (x1 - ax);
  return !((s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0) || (s1 < 0 && s2 < 0 && s3 < 0 && s4 < 0));
}

/**
 * A uniform table of cells over the R-tree's extent, filled from the tree at build time, so a point query
 * is one cell lookup instead of a tree descent:
 * - a cell that no grid edge touches is "solid": all its points are in the same grids, so its answer
 *   (the lowest grid containing its centre, or none) is stored and returned without any ray casting;
 * - other cells list their candidates (grids whose bbox meets the cell), in ascending order;
 * - cells with more than `maxItems` candidates (dense town grids in a table sized for the average)
 *   are "crowded" and answered by the tree at query time.
 * Cells are widened by 1e-6 of their size for these tests, so rounding in the query's cell arithmetic
 * cannot put a point in a cell whose answer does not hold for it.
 */
export function buildCellTable(
  tree: Flatbush,
  rings: readonly Ring[][],
  inside: (gi: number, x: number, y: number) => boolean,
  cellsPerGrid = 4,
  maxItems = 24,
): CellTable {
  const n = rings.length;
  const w = tree.maxX - tree.minX || 1e-9;
  const h = tree.maxY - tree.minY || 1e-9;
  const target = Math.max(1, Math.min(4_000_000, n * cellsPerGrid));
  const nx = Math.max(1, Math.min(4096, Math.round(Math.sqrt((target * w) / h))));
  const ny = Math.max(1, Math.min(4096, Math.round(target / nx)));
  const cw = w / nx;
  const ch = h / ny;
  const state = new Int32Array(nx * ny);
  const start = new Uint32Array(nx * ny + 1);
  const lists: number[][] = [];
  let total = 0;
  let crowdedCells = 0;
  let solidCells = 0;
  for (let cy = 0; cy < ny; cy++)
    for (let cx = 0; cx < nx; cx++) {
      const c = cy * nx + cx;
      const x0 = tree.minX + cx * cw - cw * 1e-6;
      const y0 = tree.minY + cy * ch - ch * 1e-6;
      const x1 = x0 + cw * (1 + 2e-6);
      const y1 = y0 + ch * (1 + 2e-6);
      const found = n === 0 ? [] : tree.search(x0, y0, x1, y1).sort((a, b) => a - b);
      lists.push([]);
      if (found.length > maxItems) {
        state[c] = cellCrowded;
        crowdedCells++;
        continue;
      }
      const touched = found.some((gi) =>
        rings[gi].some((ring) =>
          ring.some((p, i) => {
            const q = ring[i === 0 ? ring.length - 1 : i - 1]; // the closing edge too, even if the ring is open
            return segmentMeetsRect(q[0], q[1], p[0], p[1], x0, y0, x1, y1);
          }),
        ),
      );
      if (!touched) {
        const mx = tree.minX + (cx + 0.5) * cw;
        const my = tree.minY + (cy + 0.5) * ch;
        state[c] = found.find((gi) => inside(gi, mx, my)) ?? cellEmpty;
        solidCells++;
        continue;
      }
      state[c] = cellList;
      lists[c] = found;
      total += found.length;
    }
  const items = new Uint32Array(total);
  let k = 0;
  lists.forEach((list, c) => {
    start[c] = k;
    for (const gi of list) items[k++] = gi;
  });
  start[lists.length] = k;
  return {
    minX: tree.minX,
    minY: tree.minY,
    invW: 1 / cw,
    invH: 1 / ch,
    nx,
    ny,
    state,
    start,
    items,
    crowdedCells,
    solidCells,
  };
}
