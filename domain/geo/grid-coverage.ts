import Flatbush from "flatbush";
import { intersection } from "polyclip-ts";
import type { Areal, Position } from "./geometry";
import { area, bbox, polygon, polygonsOf } from "./geometry";
import { type GeometryProblem, geometryProblem } from "./geometry-problem";
import { createGridIndex, type GridShape } from "./grid-index";
import { interiorPoint, pointInPolygon, pointOnBoundary } from "./point-in-polygon";

/**
 * The overlap of two geometries by polygon clipping (polyclip-ts): its area in m² and a point inside its
 * largest piece, or null when the interiors do not meet. Throws on geometry the clipper cannot handle.
 */
export function overlapOf(a: Areal, b: Areal): { areaM2: number; location: Position } | null {
  const parts = intersection(polygonsOf(a), polygonsOf(b));
  let total = 0;
  let largest = 0;
  let location: Position | null = null;
  for (const part of parts) {
    const p = polygon(part as Position[][]);
    const partArea = area(p);
    total += partArea;
    if (partArea > largest) {
      largest = partArea;
      location = interiorPoint(p);
    }
  }
  return location ? { areaM2: total, location } : null;
}

/**
 * Pairs of grids whose polygons overlap by more than `minAreaM2` (default 1 m², so rounding slivers of
 * adjacent grids are not reported). Candidate pairs come from a Flatbush bbox search (boxes must overlap
 * with positive area); each candidate is clipped to measure the overlap. Problems are ordered by codes.
 */
export function findOverlaps(
  grids: readonly GridShape[],
  opts: { minAreaM2?: number } = {},
): GeometryProblem[] {
  const minArea = opts.minAreaM2 ?? 1;
  const problems: GeometryProblem[] = [];
  if (grids.length < 2) return problems;
  const sorted = [...grids].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const boxes = sorted.map((g) => bbox(g.geometry));
  const tree = new Flatbush(sorted.length);
  for (const b of boxes) tree.add(b[0], b[1], b[2], b[3]);
  tree.finish();
  sorted.forEach((g, i) => {
    const [x0, y0, x1, y1] = boxes[i];
    for (const j of tree.search(x0, y0, x1, y1).sort((p, q) => p - q)) {
      if (j <= i) continue;
      const o = boxes[j];
      const ix0 = Math.max(x0, o[0]);
      const iy0 = Math.max(y0, o[1]);
      const ix1 = Math.min(x1, o[2]);
      const iy1 = Math.min(y1, o[3]);
      if (ix1 <= ix0 || iy1 <= iy0) continue; // boxes only touch
      const pair = [g.code, sorted[j].code];
      let found: ReturnType<typeof overlapOf>;
      try {
        found = overlapOf(g.geometry, sorted[j].geometry);
      } catch {
        problems.push(
          geometryProblem("overlap_check_failed", [(ix0 + ix1) / 2, (iy0 + iy1) / 2], { grids: pair }),
        );
        continue;
      }
      if (!found || found.areaM2 <= minArea) continue;
      const m2 = Math.round(found.areaM2);
      problems.push(
        geometryProblem("overlap", found.location, {
          grids: pair,
          areaM2: found.areaM2,
          zhDetail: `${pair[0]} 与 ${pair[1]} 重叠约 ${m2} 平方米`,
          enDetail: `${pair[0]} and ${pair[1]} overlap by about ${m2} m²`,
        }),
      );
    }
  });
  return problems;
}

export interface GapReport {
  /** Lattice points that fell inside the township. */
  sampled: number;
  /** Of those, how many no grid contains. */
  uncovered: number;
  /** uncovered / sampled: an estimate of the share of the township's area not covered by any grid. */
  uncoveredShare: number;
  /** A few of the uncovered points, spread over the list, as `gap` problems. */
  problems: GeometryProblem[];
}

/**
 * Estimates what part of a township no grid covers, by testing a regular lattice of about `samples`
 * points over the township's bounding box (spacing equal in metres; points at cell centres). Gaps much
 * smaller than the lattice spacing can be missed; the share is an estimate with a sampling error of
 * roughly 1/√sampled. Deterministic: the same input gives the same report.
 */
export function findGaps(
  township: Areal,
  grids: readonly GridShape[],
  opts: { samples?: number; maxLocations?: number } = {},
): GapReport {
  const samples = opts.samples ?? 4000;
  const maxLocations = opts.maxLocations ?? 10;
  const index = createGridIndex(grids);
  const [x0, y0, x1, y1] = bbox(township);
  // width and height in degrees of latitude, so the lattice is square on the ground
  const width = (x1 - x0) * Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const height = y1 - y0;
  const nx = Math.max(1, Math.round(Math.sqrt((samples * width) / (height || 1e-9))));
  const ny = Math.max(1, Math.round(samples / nx));
  let sampled = 0;
  const uncovered: Position[] = [];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const x = x0 + ((i + 0.5) * (x1 - x0)) / nx;
      const y = y0 + ((j + 0.5) * (y1 - y0)) / ny;
      if (!pointInPolygon(x, y, township)) continue;
      sampled++;
      if (index.locateIndex(x, y) === -1) uncovered.push([x, y]);
    }
  const share = sampled ? uncovered.length / sampled : 0;
  const pct = `${(share * 100).toFixed(1)}%`;
  const picks = Math.min(maxLocations, uncovered.length);
  const problems = Array.from({ length: picks }, (_, k) =>
    geometryProblem("gap", uncovered[Math.floor((k * uncovered.length) / picks)], {
      zhDetail: `约 ${pct} 的乡镇面积未划入网格`,
      enDetail: `about ${pct} of the township is in no grid`,
    }),
  );
  return { sampled, uncovered: uncovered.length, uncoveredShare: share, problems };
}

/**
 * Vertices of a grid that lie outside the boundary of its township or county (farther than `toleranceDeg`
 * degrees from it; the default 1e-6° is about 0.1 m). Checks vertices only: an edge that cuts across a
 * notch of the boundary between two inside vertices is not reported.
 */
export function outsideBoundary(
  grid: GridShape,
  boundary: Areal,
  opts: { toleranceDeg?: number } = {},
): GeometryProblem[] {
  const tolerance = opts.toleranceDeg ?? 1e-6;
  const problems: GeometryProblem[] = [];
  polygonsOf(grid.geometry).forEach((poly, part) => {
    poly.forEach((ring, r) => {
      ring.forEach((p, k) => {
        if (k === ring.length - 1 && p[0] === ring[0][0] && p[1] === ring[0][1]) return; // closing position
        if (pointInPolygon(p[0], p[1], boundary) || pointOnBoundary(p[0], p[1], boundary, tolerance)) return;
        problems.push(geometryProblem("outside_boundary", p, { part, ring: r, grids: [grid.code] }));
      });
    });
  });
  return problems;
}
