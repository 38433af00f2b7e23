import type { Areal, Position, Ring } from "./geometry";
import { bbox, centroid, polygonsOf } from "./geometry";

/**
 * Ray casting (even-odd crossing test) with a half-open boundary rule, so that grids which tile a
 * township claim every point exactly once — including points on a shared edge or a shared vertex.
 *
 * The rule: each edge is taken with its lower endpoint `a` first (canonical orientation, so two grids
 * sharing an edge evaluate the very same floating-point expression for it); horizontal edges never
 * count; an edge counts as a crossing when `a.y <= y < b.y` and the point lies strictly left of the edge.
 * In effect a polygon owns its left and bottom boundary and not its right and top boundary, like the
 * half-open box [minX, maxX) × [minY, maxY). For two grids that share an edge with identical vertices,
 * a point on that edge belongs to exactly one of them: the grid to its right (for a horizontal edge,
 * the grid above). A shared vertex belongs to exactly one of the grids meeting there.
 *
 * Holes and the parts of a MultiPolygon are handled by parity over all rings, which is the union of the
 * parts for a valid geometry (parts with disjoint interiors, holes inside their shells).
 */

/** +1 if the edge (ax,ay)-(bx,by) counts as a crossing of the ray from (x,y) towards +x, else 0. */
export function edgeCrossing(ax: number, ay: number, bx: number, by: number, x: number, y: number): number {
  if (ay === by) return 0;
  if (ay > by) {
    const tx = ax;
    const ty = ay;
    ax = bx;
    ay = by;
    bx = tx;
    by = ty;
  }
  if (y < ay || y >= by) return 0;
  return (bx - ax) * (y - ay) - (by - ay) * (x - ax) > 0 ? 1 : 0;
}

/** Number of crossings of a ring (closed or not: the closing edge is implied). */
export function ringCrossings(ring: Ring, x: number, y: number): number {
  let c = 0;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++)
    c += edgeCrossing(ring[j][0], ring[j][1], ring[i][0], ring[i][1], x, y);
  return c;
}

/** True when (lon, lat) is inside the ring under the half-open rule. */
export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  return (ringCrossings(ring, lon, lat) & 1) === 1;
}

/** True when (lon, lat) is inside the Polygon or MultiPolygon (holes excluded) under the half-open rule. */
export function pointInPolygon(lon: number, lat: number, geom: Areal): boolean {
  let c = 0;
  for (const poly of polygonsOf(geom)) for (const ring of poly) c += ringCrossings(ring, lon, lat);
  return (c & 1) === 1;
}

/** Distance in degrees from a point to the segment (ax,ay)-(bx,by). */
export function segmentDistance(
  x: number,
  y: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** True when the point lies within `tolerance` degrees of an edge of the ring (1e-7° is about 1 cm). */
export function pointOnRing(lon: number, lat: number, ring: Ring, tolerance = 1e-7): boolean {
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++)
    if (segmentDistance(lon, lat, ring[j][0], ring[j][1], ring[i][0], ring[i][1]) <= tolerance) return true;
  return false;
}

/** True when the point lies within `tolerance` degrees of any ring edge of the geometry. */
export function pointOnBoundary(lon: number, lat: number, geom: Areal, tolerance = 1e-7): boolean {
  return polygonsOf(geom).some((poly) => poly.some((ring) => pointOnRing(lon, lat, ring, tolerance)));
}

/**
 * A point inside the geometry (not on its boundary), for labels and problem locations: the centroid when
 * it is inside, else the middle of the widest inside span on one of a few horizontal scan lines.
 */
export function interiorPoint(geom: Areal): Position {
  const c = centroid(geom);
  if (pointInPolygon(c[0], c[1], geom) && !pointOnBoundary(c[0], c[1], geom, 0)) return c;
  const [, y0, , y1] = bbox(geom);
  let best: Position = c;
  let bestWidth = 0;
  for (const f of [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875, 0.0625, 0.9375]) {
    const y = y0 + (y1 - y0) * f;
    const xs: number[] = [];
    for (const poly of polygonsOf(geom))
      for (const ring of poly)
        for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
          const [ax, ay] = ring[j][1] < ring[i][1] ? ring[j] : ring[i];
          const [bx, by] = ring[j][1] < ring[i][1] ? ring[i] : ring[j];
          if (ay <= y && y < by) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
        }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2)
      if (xs[k + 1] - xs[k] > bestWidth) {
        bestWidth = xs[k + 1] - xs[k];
        best = [(xs[k] + xs[k + 1]) / 2, y];
      }
  }
  return best;
}
