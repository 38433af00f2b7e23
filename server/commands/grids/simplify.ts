import type { Areal, Position, Ring } from "../../../domain/geo/geometry";
import { fromPolygons, polygonsOf } from "../../../domain/geo/geometry";

/** Degrees per screen pixel at a Web-Mercator zoom level (256-pixel tiles), at the equator. */
export const degreesPerPixel = (zoom: number) => 360 / (256 * 2 ** zoom);

function sqSegDist(p: Position, a: Position, b: Position): number {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = b;
    else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

/** Douglas–Peucker on a closed ring (iterative, keeps first/last). */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring;
  const sq = tolerance * tolerance;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  // split the closed ring at its farthest point from the start so both halves simplify well
  let far = 1;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2;
    if (d > farD) [far, farD] = [i, d];
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let index = -1;
    let max = sq;
    for (let i = first + 1; i < last; i++) {
      const d = sqSegDist(ring[i], ring[first], ring[last]);
      if (d > max) [index, max] = [i, d];
    }
    if (index !== -1) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return ring.filter((_, i) => keep[i] === 1);
}

const round = (v: number, f: number) => Math.round(v * f) / f;

/**
 * A geometry for display at `zoom`: Douglas–Peucker at about one pixel, coordinates rounded to what a pixel
 * can show (5 decimals, ~1 m, at street zoom). Holes smaller than that disappear; a shell that collapses is
 * replaced by its bounding box so the grid stays visible and clickable.
 */
export function simplifyForZoom(geom: Areal, zoom: number): Areal {
  const tol = degreesPerPixel(zoom);
  const decimals = Math.min(6, Math.max(3, Math.ceil(-Math.log10(tol)) + 1));
  const f = 10 ** decimals;
  const parts: Ring[][] = [];
  for (const poly of polygonsOf(geom)) {
    const rings: Ring[] = [];
    poly.forEach((ring, r) => {
      const s = simplifyRing(ring, tol).map(([x, y]): Position => [round(x, f), round(y, f)]);
      const distinct = new Set(s.map((p) => `${p[0]},${p[1]}`)).size;
      if (distinct >= 3) rings.push(s);
      else if (r === 0) {
        let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
        for (const [x, y] of ring)
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        [x0, y0, x1, y1] = [round(x0, f), round(y0, f), round(x1, f), round(y1, f)];
        if (x1 === x0) x1 += 1 / f;
        if (y1 === y0) y1 += 1 / f;
        rings.push([
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ]);
      }
    });
    if (rings.length) parts.push(rings);
  }
  return fromPolygons(parts);
}
