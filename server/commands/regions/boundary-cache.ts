import type { Tx } from "../../../db/db";
import { boundaryStamps, findBoundary } from "../../../db/queries/region-queries";
import { type CountyBoundaries, readCountyBoundaries } from "../../../db/regions/boundary-data";
import { onceInTx } from "../../../db/tx-memo";
import { type Areal, type BBox, bbox } from "../../../domain/geo/geometry";
import { pointInPolygon } from "../../../domain/geo/point-in-polygon";

/** A parsed boundary with its bounding box (a point outside the box needs no ray casting). */
export interface ParsedBoundary {
  code: string;
  geometry: Areal | null;
  box: BBox | null;
}

/**
 * Stored boundaries (region_boundary) parsed once, kept per code with the row's `updated_at` and `source`:
 * every use reads only those two columns, and a boundary replaced since (both writers, the province load and
 * the boundary import, stamp the write time) is read and parsed again. The stamp is read from the database on
 * every use, so a replacement made by another server process is seen as well.
 */
const parsed = new Map<string, { stamp: string; boundary: ParsedBoundary }>();

const geometryOf = (json: string): Areal | null => {
  const g = JSON.parse(json) as { type: string; geometry?: Areal | null };
  return g.type === "Feature" ? (g.geometry ?? null) : (g as Areal);
};

/**
 * The first of `codes` (in the order given) that has a stored boundary, parsed; null when none has. Within
 * a transaction the stamps are read once per code list (tips arriving together share one transaction).
 */
export async function storedBoundary(db: Tx, codes: readonly string[]): Promise<ParsedBoundary | null> {
  const stamps = await onceInTx(db, `boundary-stamps:${codes.join(",")}`, () => boundaryStamps(db, codes));
  const code = codes.find((c) => stamps.some((s) => s.code === c));
  if (!code) return null;
  const s = stamps.find((x) => x.code === code)!;
  const stamp = `${s.updatedAt}|${s.source}`;
  const hit = parsed.get(code);
  if (hit?.stamp === stamp) return hit.boundary;
  const row = await findBoundary(db, code);
  if (!row) return null;
  const geometry = geometryOf(row.geojson);
  const boundary = { code, geometry, box: geometry ? bbox(geometry) : null };
  parsed.set(code, { stamp: `${row.updatedAt}|${row.source}`, boundary });
  return boundary;
}

/** Whether the point lies in the parsed boundary (its box first). */
export function inBoundary(b: ParsedBoundary, lng: number, lat: number): boolean {
  if (!b.geometry || !b.box) return false;
  const [minX, minY, maxX, maxY] = b.box;
  if (lng < minX || lng > maxX || lat < minY || lat > maxY) return false;
  return pointInPolygon(lng, lat, b.geometry);
}

/**
 * The committed county polygons of a province (db/data/boundaries), parsed once per process (they change
 * only with a release); concurrent first uses share one read.
 */
const provinces = new Map<string, Promise<ParsedBoundary[]>>();
export function provinceCounties(provinceCode: string): Promise<ParsedBoundary[]> {
  let p = provinces.get(provinceCode);
  if (!p) {
    p = readCountyBoundaries(provinceCode).then((c: CountyBoundaries) =>
      c.features.map((f) => {
        const geometry = f.geometry as unknown as Areal;
        return { code: f.properties.code, geometry, box: bbox(geometry) };
      }),
    );
    p.catch(() => provinces.delete(provinceCode));
    provinces.set(provinceCode, p);
  }
  return p;
}
