import { Delaunay } from "d3-delaunay";
import { intersection, union } from "polyclip-ts";
import { AppError, invalid } from "../errors";
import type { Areal, Position } from "./geometry";
import { bbox, fromPolygons, polygon, polygonsOf } from "./geometry";
import { pointInPolygon } from "./point-in-polygon";

export interface Seed {
  code: string;
  lon: number;
  lat: number;
}

/**
 * The Voronoi cell of every point (d3-delaunay), clipped to `boundary` with polyclip-ts (a real polygon
 * clipper: county boundaries are not convex, and a cell may fall apart into several pieces). A cell whose
 * vertices are all inside the boundary and whose bbox holds no boundary vertex lies wholly inside a
 * polygon boundary and is kept unclipped. Null for a cell that is empty after clipping.
 */
function clippedCells(boundary: Areal, points: Position[]): (Areal | null)[] {
  const [x0, y0, x1, y1] = bbox(boundary);
  const pad = Math.max(x1 - x0, y1 - y0) * 0.01 + 1e-9;
  const voronoi = Delaunay.from(points).voronoi([x0 - pad, y0 - pad, x1 + pad, y1 + pad]);
  const shape = polygonsOf(boundary);
  const boundaryVertices = shape.flat(2);
  return points.map((_, i) => {
    const cell = voronoi.cellPolygon(i) as Position[] | null;
    if (!cell) return null;
    const ring = cell.map(([x, y]): Position => [x, y]);
    const [cx0, cy0, cx1, cy1] = bbox(polygon([ring]));
    const inside =
      ring.every(([x, y]) => pointInPolygon(x, y, boundary)) &&
      !boundaryVertices.some(([x, y]) => x >= cx0 && x <= cx1 && y >= cy0 && y <= cy1);
    if (inside) return polygon([ring]);
    const parts = intersection(shape, [ring]) as Position[][][];
    return parts.length ? fromPolygons(parts) : null;
  });
}

/**
 * Demo grids: one grid per seed, its Voronoi cell clipped to the county (or township) boundary. The cells
 * tile the boundary. Seeds must lie inside the boundary and be distinct; codes are kept as given.
 */
export function voronoiGrids(boundary: Areal, seeds: readonly Seed[]): { code: string; geometry: Areal }[] {
  if (seeds.length === 0) throw invalid("至少需要一个网格种子点", "At least one seed is needed");
  const seen = new Set<string>();
  for (const s of seeds) {
    const key = `${s.lon},${s.lat}`;
    if (seen.has(key)) throw invalid(`种子点重复：${s.code}`, `Duplicate seed position: ${s.code}`);
    seen.add(key);
    if (!pointInPolygon(s.lon, s.lat, boundary))
      throw invalid(`种子点不在边界内：${s.code}`, `Seed lies outside the boundary: ${s.code}`);
  }
  const cells = clippedCells(
    boundary,
    seeds.map((s) => [s.lon, s.lat]),
  );
  return seeds.map((s, i) => {
    const geometry = cells[i];
    if (!geometry) throw new AppError("internal", { details: { seed: s.code } });
    return { code: s.code, geometry };
  });
}

/**
 * A uniformly random point inside the geometry, by rejection sampling in its bounding box.
 * `rand` returns numbers in [0, 1) (pass a seeded generator for reproducible demo data).
 */
export function randomPointIn(geom: Areal, rand: () => number, maxTries = 100_000): Position {
  const [x0, y0, x1, y1] = bbox(geom);
  for (let t = 0; t < maxTries; t++) {
    const x = x0 + rand() * (x1 - x0);
    const y = y0 + rand() * (y1 - y0);
    if (pointInPolygon(x, y, geom)) return [x, y];
  }
  throw invalid(
    "无法在该区域内取点（面积过小或几何无效）",
    "Could not place a point in the area (too small or invalid)",
  );
}

/** Points of a regular lattice inside the geometry, about `target` of them in its bounding box. */
function latticeIn(geom: Areal, target: number): Position[] {
  const [x0, y0, x1, y1] = bbox(geom);
  const width = (x1 - x0) * Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const nx = Math.max(1, Math.round(Math.sqrt((target * width) / (y1 - y0 || 1e-9))));
  const ny = Math.max(1, Math.round(target / nx));
  const out: Position[] = [];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const p: Position = [x0 + ((i + 0.5) * (x1 - x0)) / nx, y0 + ((j + 0.5) * (y1 - y0)) / ny];
      if (pointInPolygon(p[0], p[1], geom)) out.push(p);
    }
  return out;
}

/**
 * Splits a grid into `parts` pieces of roughly equal area (for an overloaded grid): k-means on a lattice of
 * points inside it (deterministic farthest-point start), then the Voronoi cells of the cluster centres
 * clipped to the grid. Pieces are ordered north to south, then west to east, by their centre.
 */
export function splitPolygon(geom: Areal, parts: number): Areal[] {
  if (!Number.isInteger(parts) || parts < 1 || parts > 100)
    throw invalid("拆分份数须为 1 到 100 的整数", "Parts must be an integer from 1 to 100");
  if (parts === 1) return [geom];
  let samples = latticeIn(geom, parts * 80);
  if (samples.length < parts * 20) samples = latticeIn(geom, parts * 800);
  if (samples.length < parts) throw invalid("网格面积过小，无法拆分", "The grid is too small to split");
  const centres: Position[] = [samples[0]];
  while (centres.length < parts) {
    let far = samples[0];
    let farD = -1;
    for (const p of samples) {
      const d = Math.min(...centres.map((c) => (c[0] - p[0]) ** 2 + (c[1] - p[1]) ** 2));
      if (d > farD) [far, farD] = [p, d];
    }
    centres.push(far);
  }
  const nearest = (p: Position) => {
    let best = 0;
    for (let c = 1; c < parts; c++)
      if (
        (centres[c][0] - p[0]) ** 2 + (centres[c][1] - p[1]) ** 2 <
        (centres[best][0] - p[0]) ** 2 + (centres[best][1] - p[1]) ** 2
      )
        best = c;
    return best;
  };
  for (let iter = 0; iter < 20; iter++) {
    const clusters: Position[][] = centres.map(() => []);
    for (const p of samples) clusters[nearest(p)].push(p);
    clusters.forEach((members, c) => {
      if (members.length === 0) return;
      const mean: Position = [
        members.reduce((s, p) => s + p[0], 0) / members.length,
        members.reduce((s, p) => s + p[1], 0) / members.length,
      ];
      // a concave grid can put the mean outside: fall back to the member nearest the mean
      centres[c] = pointInPolygon(mean[0], mean[1], geom)
        ? mean
        : members.reduce((b, p) =>
            (p[0] - mean[0]) ** 2 + (p[1] - mean[1]) ** 2 < (b[0] - mean[0]) ** 2 + (b[1] - mean[1]) ** 2
              ? p
              : b,
          );
    });
  }
  centres.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return clippedCells(geom, centres).filter((g): g is Areal => g !== null);
}

/** The union of grids (for merging grids). A MultiPolygon when the grids do not form one connected area. */
export function mergePolygons(geoms: readonly Areal[]): Areal {
  if (geoms.length === 0) throw invalid("至少需要一个网格", "At least one grid is needed");
  const [first, ...rest] = geoms.map(polygonsOf);
  const parts = union(first, ...rest) as Position[][][];
  if (parts.length === 0) throw invalid("合并结果为空", "The union is empty");
  return fromPolygons(parts);
}
