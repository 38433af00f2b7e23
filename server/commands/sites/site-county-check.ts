import { type CountyBoundaries, readCountyBoundaries } from "../../../db/regions/boundary-data";
import type { Areal } from "../../../domain/geo/geometry";
import { pointInPolygon, pointOnBoundary } from "../../../domain/geo/point-in-polygon";

/** The committed county outlines are simplified: a point this close to the county's edge counts as inside. */
const edgeTolerance = 0.005;

const provinces = new Map<string, Promise<CountyBoundaries>>();
const boundariesOf = (province: string) => {
  let p = provinces.get(province);
  if (!p) {
    p = readCountyBoundaries(province);
    provinces.set(province, p);
  }
  return p;
};

/**
 * Where a point lies when it is not in the given county: the county it falls in (code and name, from the
 * province's committed county outlines, db/data/boundaries), `{ code: null }` when it is in none of them,
 * or null when it is inside the county (or the county's outline is not known, so nothing can be said).
 */
export async function outsideCounty(
  county: string,
  lon: number,
  lat: number,
): Promise<{ code: string | null; name: string } | null> {
  const { features } = await boundariesOf(county.slice(0, 2));
  const own = features.find((f) => f.properties.code === county);
  if (!own) return null;
  const geom = own.geometry as unknown as Areal;
  if (pointInPolygon(lon, lat, geom) || pointOnBoundary(lon, lat, geom, edgeTolerance)) return null;
  const other = features.find((f) => pointInPolygon(lon, lat, f.geometry as unknown as Areal));
  return other
    ? { code: other.properties.code, name: other.properties.name }
    : { code: null, name: "本省其他地区或省外" };
}

/** The name of a county from the committed outlines (null when unknown). */
export async function countyName(county: string): Promise<string | null> {
  const { features } = await boundariesOf(county.slice(0, 2));
  return features.find((f) => f.properties.code === county)?.properties.name ?? null;
}
