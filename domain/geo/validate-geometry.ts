import type { Areal, Position, Ring } from "./geometry";
import { polygon, polygonsOf, ringAreaM2 } from "./geometry";
import { type GeometryProblem, geometryProblem } from "./geometry-problem";
import { overlapOf } from "./grid-coverage";
import { pointInRing, pointOnRing } from "./point-in-polygon";
import { type Edge, orient, segmentIntersection, sweepEdgePairs } from "./segment-intersection";

export type { GeometryProblem, GeometryProblemCode } from "./geometry-problem";
export { findGaps, findOverlaps, outsideBoundary } from "./grid-coverage";

/** Rings smaller than this (m²) count as having zero area. */
export const zeroAreaM2 = 0.01;
/** At most this many intersections are reported per polygon. */
const maxIntersections = 20;

const validPosition = (p: unknown): p is Position =>
  Array.isArray(p) &&
  p.length >= 2 &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]) &&
  Math.abs(p[0]) <= 180 &&
  Math.abs(p[1]) <= 90;

/** The ring's distinct vertices in order: no closing position, no consecutive duplicates. */
function vertices(ring: Ring): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1])
    out.pop();
  return out;
}

/** Checks one ring on its own; returns its distinct vertices, or null when it is unusable for further checks. */
function checkRing(ring: Ring, part: number, r: number, problems: GeometryProblem[]): Position[] | null {
  const where = { part, ring: r };
  const bad = ring.find((p) => !validPosition(p));
  if (bad !== undefined) {
    const loc: Position = Array.isArray(bad) ? [Number(bad[0]), Number(bad[1])] : [Number.NaN, Number.NaN];
    problems.push(geometryProblem("coordinate_out_of_range", loc, where));
    return null;
  }
  if (ring.length === 0) {
    problems.push(geometryProblem("too_few_points", [Number.NaN, Number.NaN], where));
    return null;
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length > 1 && (first[0] !== last[0] || first[1] !== last[1]))
    problems.push(geometryProblem("unclosed_ring", first, where));
  const v = vertices(ring);
  if (v.length < 3) {
    problems.push(geometryProblem("too_few_points", first, where));
    return null;
  }
  if (collinear(v)) {
    problems.push(geometryProblem("zero_area", first, where));
    return null;
  }
  return v;
}

/** True when all vertices lie on one line (within 1e-9°, about 0.1 mm). */
function collinear(v: Position[]): boolean {
  const a = v[0];
  let b = v[1];
  for (const p of v) if (Math.hypot(p[0] - a[0], p[1] - a[1]) > Math.hypot(b[0] - a[0], b[1] - a[1])) b = p;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  return v.every((p) => Math.abs(orient(a, b, p)) / len <= 1e-9);
}

/** Edge crossings inside one polygon: a ring crossing or touching itself, or two rings crossing. */
function checkIntersections(rings: Position[][], part: number, problems: GeometryProblem[]): void {
  const edges: Edge[] = [];
  rings.forEach((v, ring) => {
    v.forEach((a, k) => {
      edges.push({ a, b: v[(k + 1) % v.length], ring, k });
    });
  });
  let count = 0;
  sweepEdgePairs(edges, (e, f) => {
    const hit = segmentIntersection(e.a, e.b, f.a, f.b);
    if (!hit) return;
    if (e.ring === f.ring) {
      const m = rings[e.ring].length;
      const adjacent = (f.k - e.k + m) % m === 1 || (e.k - f.k + m) % m === 1;
      if (adjacent && hit.kind !== "overlap") return; // neighbouring edges share their vertex
      problems.push(geometryProblem("self_intersection", hit.point, { part, ring: e.ring }));
    } else {
      if (hit.kind === "touch") return; // rings may touch at a single point
      problems.push(geometryProblem("rings_intersect", hit.point, { part, ring: Math.max(e.ring, f.ring) }));
    }
    count++;
    return count < maxIntersections;
  });
}

/**
 * Validates a grid's Polygon or MultiPolygon and reports every problem with its location: coordinates out
 * of range, unclosed rings, rings with fewer than 3 points or zero area, self-intersections (the crossing
 * point), rings crossing each other, holes outside their shell, and overlapping parts of a MultiPolygon.
 * Reports only: nothing is repaired. An empty array means the geometry is valid.
 */
export function validateGridGeometry(geom: Areal): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  const usableParts: { part: number; rings: Ring[] }[] = [];
  polygonsOf(geom).forEach((poly, part) => {
    if (poly.length === 0) {
      problems.push(geometryProblem("too_few_points", [Number.NaN, Number.NaN], { part, ring: 0 }));
      return;
    }
    const rings = poly.map((ring, r) => checkRing(ring, part, r, problems));
    if (rings.some((v) => v === null)) return;
    const v = rings as Position[][];
    const before = problems.length;
    checkIntersections(v, part, problems);
    // a tiny signed area without a crossing (a bow-tie's lobes cancel out) is a real zero-area ring
    v.forEach((ring, r) => {
      const crossed = problems.slice(before).some((p) => p.ring === r);
      if (!crossed && ringAreaM2([...ring, ring[0]]) < zeroAreaM2)
        problems.push(geometryProblem("zero_area", ring[0], { part, ring: r }));
    });
    const shell = v[0];
    for (let r = 1; r < v.length; r++) {
      const out = v[r].find((p) => !pointInRing(p[0], p[1], shell) && !pointOnRing(p[0], p[1], shell, 0));
      if (out) problems.push(geometryProblem("hole_outside_shell", out, { part, ring: r }));
    }
    usableParts.push({ part, rings: v.map((ring) => [...ring, ring[0]]) });
  });
  for (let i = 0; i < usableParts.length; i++)
    for (let j = i + 1; j < usableParts.length; j++) {
      const a = usableParts[i];
      const b = usableParts[j];
      let o: ReturnType<typeof overlapOf> = null;
      try {
        o = overlapOf(polygon(a.rings), polygon(b.rings));
      } catch {
        continue; // already reported above as a self-intersection or similar
      }
      if (o && o.areaM2 > zeroAreaM2)
        problems.push(
          geometryProblem("parts_overlap", o.location, {
            part: b.part,
            areaM2: o.areaM2,
            zhDetail: `第 ${a.part + 1} 与第 ${b.part + 1} 部分`,
            enDetail: `parts ${a.part + 1} and ${b.part + 1}`,
          }),
        );
    }
  return problems;
}
