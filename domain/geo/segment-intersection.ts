import type { Position } from "./geometry";

/** Twice the signed area of triangle (a, b, c): > 0 when c is left of a->b. */
export const orient = (a: Position, b: Position, c: Position): number =>
  (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

export type SegmentIntersection =
  /** The interiors cross at one point (not at an endpoint of either segment). */
  | { kind: "cross"; point: Position }
  /** They meet at one point that is an endpoint of at least one of them. */
  | { kind: "touch"; point: Position }
  /** Collinear and sharing a stretch of positive length; `point` is one end of the shared stretch. */
  | { kind: "overlap"; point: Position };

const onSegment = (a: Position, b: Position, p: Position) =>
  Math.min(a[0], b[0]) <= p[0] &&
  p[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= p[1] &&
  p[1] <= Math.max(a[1], b[1]);

/**
 * How segments a-b and c-d meet, or null. Floating-point orientation tests: exact zero (shared vertices,
 * exactly collinear input) is recognised; near-degenerate cases are classified as the arithmetic says.
 */
export function segmentIntersection(
  a: Position,
  b: Position,
  c: Position,
  d: Position,
): SegmentIntersection | null {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return { kind: "cross", point: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] };
  }
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    // collinear: project on the longer axis and compare the intervals
    const axis =
      Math.abs(b[0] - a[0]) + Math.abs(d[0] - c[0]) >= Math.abs(b[1] - a[1]) + Math.abs(d[1] - c[1]) ? 0 : 1;
    const [p0, p1] = a[axis] <= b[axis] ? [a, b] : [b, a];
    const [q0, q1] = c[axis] <= d[axis] ? [c, d] : [d, c];
    const lo = p0[axis] >= q0[axis] ? p0 : q0;
    const hi = p1[axis] <= q1[axis] ? p1 : q1;
    if (lo[axis] > hi[axis]) return null;
    if (lo[axis] === hi[axis]) return { kind: "touch", point: [lo[0], lo[1]] };
    return { kind: "overlap", point: [lo[0], lo[1]] };
  }
  if (d1 === 0 && onSegment(c, d, a)) return { kind: "touch", point: [a[0], a[1]] };
  if (d2 === 0 && onSegment(c, d, b)) return { kind: "touch", point: [b[0], b[1]] };
  if (d3 === 0 && onSegment(a, b, c)) return { kind: "touch", point: [c[0], c[1]] };
  if (d4 === 0 && onSegment(a, b, d)) return { kind: "touch", point: [d[0], d[1]] };
  return null;
}

export interface Edge {
  a: Position;
  b: Position;
  /** Which ring the edge belongs to, and its position in the ring (for adjacency). */
  ring: number;
  k: number;
}

/**
 * Every pair of edges whose bounding boxes meet, by a sweep along x (edges sorted by their left end):
 * O(n log n + pairs) instead of all n² pairs. Calls `visit(e, f)` once per pair.
 */
export function sweepEdgePairs(edges: Edge[], visit: (e: Edge, f: Edge) => boolean | undefined): void {
  const sorted = edges
    .map((e) => ({
      e,
      x0: Math.min(e.a[0], e.b[0]),
      x1: Math.max(e.a[0], e.b[0]),
      y0: Math.min(e.a[1], e.b[1]),
      y1: Math.max(e.a[1], e.b[1]),
    }))
    .sort((p, q) => p.x0 - q.x0);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].x0 <= p.x1; j++) {
      const q = sorted[j];
      if (q.y0 > p.y1 || q.y1 < p.y0) continue;
      if (visit(p.e, q.e) === false) return;
    }
  }
}
