/**
 * GeoJSON-shaped geometry types for grids and boundaries, in WGS84 / CGCS2000 longitude-latitude degrees
 * (the two datums differ by centimetres, far below what a grid map needs).
 * Positions are `[lon, lat]`; rings are closed (first position equals last) as in GeoJSON (RFC 7946).
 */
export type Position = [number, number];
export type Ring = Position[];
export type Polygon = { type: "Polygon"; coordinates: Ring[] };
export type MultiPolygon = { type: "MultiPolygon"; coordinates: Ring[][] };
export type Areal = Polygon | MultiPolygon;
/** `[minLon, minLat, maxLon, maxLat]`, as a GeoJSON bbox. */
export type BBox = [number, number, number, number];

/** WGS84 semi-major axis in metres; the sphere radius used by `area` (the same one Turf uses). */
export const earthRadius = 6378137;

export const polygon = (coordinates: Ring[]): Polygon => ({ type: "Polygon", coordinates });
/** The closed rectangle ring [x0,y0]–[x1,y1], counter-clockwise (fixtures, boxes drawn as areas). */
export const boxRing = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
export const boxPolygon = (x0: number, y0: number, x1: number, y1: number): Polygon =>
  polygon([boxRing(x0, y0, x1, y1)]);
export const multiPolygon = (coordinates: Ring[][]): MultiPolygon => ({ type: "MultiPolygon", coordinates });

/** The polygons of a geometry as coordinate arrays: one for a Polygon, each part of a MultiPolygon. */
export function polygonsOf(geom: Areal): Ring[][] {
  return geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
}

/** A Polygon when there is one part, a MultiPolygon otherwise. */
export function fromPolygons(parts: Ring[][]): Areal {
  return parts.length === 1 ? polygon(parts[0]) : multiPolygon(parts);
}

export function bbox(geom: Areal): BBox {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const poly of polygonsOf(geom))
    for (const ring of poly)
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
  return [minX, minY, maxX, maxY];
}

/** Twice the signed planar area of a ring in square degrees (positive when counter-clockwise). */
export function ringArea2(ring: Ring): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % n];
    s += x1 * y2 - x2 * y1;
  }
  return s;
}

const rad = Math.PI / 180;

/**
 * Area of a ring in m² (unsigned) on the sphere of radius `earthRadius`, exact for edges that are straight
 * lines in lon/lat — which is how GeoJSON (RFC 7946) and a plate carrée map draw them. By Green's theorem
 * the area is R²·|∮ sin φ dλ|; along a straight edge ∫ sin φ dλ = Δλ · sin φₘ · sinc(Δφ/2), φₘ the mean
 * latitude. The sphere differs from the WGS84 ellipsoid by under 0.5 % at Gansu's latitudes.
 */
export function ringAreaM2(ring: Ring): number {
  let total = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [l1, p1] = ring[i];
    const [l2, p2] = ring[(i + 1) % n];
    const half = ((p2 - p1) * rad) / 2;
    const sinc = half === 0 ? 1 : Math.sin(half) / half;
    total += (l2 - l1) * rad * Math.sin(((p1 + p2) / 2) * rad) * sinc;
  }
  return Math.abs(total) * earthRadius * earthRadius;
}

/** Area in m² on the sphere: shells minus holes. Assumes a valid geometry (holes inside shells). */
export function area(geom: Areal): number {
  let total = 0;
  for (const poly of polygonsOf(geom))
    poly.forEach((ring, i) => {
      total += i === 0 ? ringAreaM2(ring) : -ringAreaM2(ring);
    });
  return Math.max(0, total);
}

/**
 * Area-weighted centroid, computed in the plane of lon/lat degrees (holes subtract). For grid-sized
 * polygons (a few km) this differs from the geodesic centroid by metres. Like any centroid it can lie
 * outside a concave polygon; falls back to the vertex average for a zero-area geometry.
 */
export function centroid(geom: Areal): Position {
  let a = 0;
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (const poly of polygonsOf(geom))
    poly.forEach((ring, r) => {
      const sign = r === 0 ? 1 : -1;
      const orient = Math.sign(ringArea2(ring)) || 1;
      const [ox, oy] = ring[0] ?? [0, 0]; // relative to the first vertex, for precision
      for (let i = 0, n = ring.length; i < n; i++) {
        const x1 = ring[i][0] - ox;
        const y1 = ring[i][1] - oy;
        const x2 = ring[(i + 1) % n][0] - ox;
        const y2 = ring[(i + 1) % n][1] - oy;
        const f = (x1 * y2 - x2 * y1) * sign * orient;
        a += f;
        cx += (x1 + x2) * f + 3 * ox * f;
        cy += (y1 + y2) * f + 3 * oy * f;
        sx += ring[i][0];
        sy += ring[i][1];
        count++;
      }
    });
  if (Math.abs(a) < 1e-18) return count ? [sx / count, sy / count] : [Number.NaN, Number.NaN];
  return [cx / (3 * a), cy / (3 * a)];
}
