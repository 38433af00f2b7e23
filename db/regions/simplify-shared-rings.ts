import { douglasPeucker } from "../../domain/geo/douglas-peucker";
import type { Position, Ring } from "./echarts-geo-decode";

const metresPerDegree = 111_320;

const key = (p: Position) => `${p[0]},${p[1]}`;
const less = (a: Position, b: Position) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/**
 * Cleans a closed ring: drops repeated points and spikes (A, B, A -> A), also across the closing point.
 * Returns a closed ring; it starts at another point when a spike had to be removed across the closure.
 */
export function cleanRing(ring: Ring): Ring {
  let points = same(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring.slice();
  for (let changed = true; changed && points.length >= 3; ) {
    changed = false;
    const out: Position[] = [];
    for (const p of points) {
      if (out.length > 0 && same(out[out.length - 1], p)) changed = true;
      else if (out.length > 1 && same(out[out.length - 2], p)) {
        out.pop();
        changed = true;
      } else out.push(p);
    }
    const n = out.length;
    if (n >= 3 && (same(out[0], out[n - 1]) || same(out[1], out[n - 1]) || same(out[0], out[n - 2]))) {
      // A problem at the closing point: rotate it into the middle and clean again.
      out.push(...out.splice(0, Math.floor(n / 2)));
      changed = true;
    }
    points = out;
  }
  return [...points, points[0]];
}

/**
 * Simplifies a set of closed rings (the polygons of adjacent areas) while keeping shared borders identical:
 * rings are cut into arcs at junctions (points with three or more distinct neighbours over all rings), each
 * arc is simplified once in a canonical direction, and every ring sharing it gets the same result.
 * `toleranceMetres` is the Douglas–Peucker tolerance; longitudes are scaled by cos(mean latitude).
 * Every output ring is closed with at least 4 points (3 distinct) when its input was.
 */
export function simplifySharedRings(rings: Ring[], toleranceMetres: number): Ring[] {
  const cleaned = rings.map(cleanRing);
  const all = cleaned.flat();
  const meanLat = all.reduce((s, p) => s + p[1], 0) / Math.max(1, all.length);
  const cos = Math.cos((meanLat * Math.PI) / 180);
  const tolerance = toleranceMetres / metresPerDegree;

  const neighbours = new Map<string, Set<string>>();
  for (const ring of cleaned) {
    const n = ring.length - 1; // closed: ring[n] equals ring[0]
    for (let i = 0; i < n; i++) {
      const set = neighbours.get(key(ring[i])) ?? new Set<string>();
      set.add(key(ring[(i + n - 1) % n]));
      set.add(key(ring[i + 1]));
      neighbours.set(key(ring[i]), set);
    }
  }
  const isJunction = (p: Position) => (neighbours.get(key(p))?.size ?? 0) > 2;

  const cache = new Map<string, Position[]>();
  const simplifyArc = (arc: Position[]): Position[] => {
    const reversed =
      less(arc[arc.length - 1], arc[0]) ||
      (key(arc[0]) === key(arc[arc.length - 1]) && less(arc[arc.length - 2], arc[1]));
    const canonical = reversed ? arc.slice().reverse() : arc;
    const k = canonical.map(key).join(";");
    let done = cache.get(k);
    if (!done) {
      const planar = canonical.map((p): Position => [p[0] * cos, p[1]]);
      const kept = new Set(douglasPeucker(planar, tolerance, true));
      done = canonical.filter((_, i) => kept.has(planar[i]));
      cache.set(k, done);
    }
    return reversed ? done.slice().reverse() : done;
  };

  return cleaned.map((ring) => {
    const n = ring.length - 1;
    if (n < 3) return ring;
    const open = ring.slice(0, n);
    let fixed = open.map((p, i) => (isJunction(p) ? i : -1)).filter((i) => i >= 0);
    if (fixed.length === 0) fixed = [open.reduce((m, p, i) => (less(p, open[m]) ? i : m), 0)];
    const out: Position[] = [];
    for (let f = 0; f < fixed.length; f++) {
      const from = fixed[f];
      const to = f + 1 < fixed.length ? fixed[f + 1] : fixed[0] + n;
      const arc: Position[] = [];
      for (let i = from; i <= to; i++) arc.push(open[i % n]);
      out.push(...simplifyLoopSafe(arc, simplifyArc).slice(0, -1));
    }
    out.push(out[0]);
    return out;
  });
}

/**
 * An arc that starts and ends at the same point is split at its farthest point (ties broken by coordinates,
 * so both directions agree) and the halves are simplified separately, so the loop keeps its shape.
 */
function simplifyLoopSafe(arc: Position[], simplifyArc: (arc: Position[]) => Position[]): Position[] {
  const a = arc[0];
  const b = arc[arc.length - 1];
  if (a[0] !== b[0] || a[1] !== b[1] || arc.length < 4) return simplifyArc(arc);
  let far = 1;
  let farD = -1;
  for (let i = 1; i < arc.length - 1; i++) {
    const d = (arc[i][0] - a[0]) ** 2 + (arc[i][1] - a[1]) ** 2;
    if (d > farD || (d === farD && less(arc[i], arc[far]))) {
      farD = d;
      far = i;
    }
  }
  return [...simplifyArc(arc.slice(0, far + 1)).slice(0, -1), ...simplifyArc(arc.slice(far))];
}
