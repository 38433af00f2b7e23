import type { Position } from "./geometry";

/** Squared distance from p to segment a-b (to point a when a and b coincide). */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  let [x, y] = a;
  const dx = b[0] - x;
  const dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = b;
    else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  return (p[0] - x) ** 2 + (p[1] - y) ** 2;
}

/**
 * Douglas–Peucker on a polyline (planar coordinates). Keeps both ends; with `keepOne` it also keeps the
 * farthest interior point even when it lies within the tolerance, so no line collapses to its two ends.
 */
export function douglasPeucker(points: Position[], tolerance: number, keepOne = false): Position[] {
  const last = points.length - 1;
  if (last < 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[last] = 1;
  const tol2 = tolerance * tolerance;
  const stack: [number, number][] = [[0, last]];
  let first = true;
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    let maxD = -1;
    let index = -1;
    for (let i = from + 1; i < to; i++) {
      const d = segmentDistance2(points[i], points[from], points[to]);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index >= 0 && (maxD > tol2 || (first && keepOne))) {
      keep[index] = 1;
      stack.push([from, index], [index, to]);
    }
    first = false;
  }
  return points.filter((_, i) => keep[i] === 1);
}
