import { douglasPeucker } from "../../../domain/geo/douglas-peucker";
import type { Areal, Position, Ring } from "../../../domain/geo/geometry";
import { fromPolygons, polygonsOf } from "../../../domain/geo/geometry";

/** Degrees per screen pixel at a Web-Mercator zoom level (256-pixel tiles), at the equator. */
export const degreesPerPixel = (zoom: number) => 360 / (256 * 2 ** zoom);

/** Douglas–Peucker on a closed ring, split at its farthest point from the start so both halves simplify well. */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring;
  let far = 1;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2;
    if (d > farD) [far, farD] = [i, d];
  }
  const head = douglasPeucker(ring.slice(0, far + 1), tolerance);
  const tail = douglasPeucker(ring.slice(far), tolerance);
  return [...head, ...tail.slice(1)];
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
