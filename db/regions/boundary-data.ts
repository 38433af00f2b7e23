import { readFile } from "node:fs/promises";
import type { AreaGeometry } from "./echarts-geo-decode";

export interface CountyBoundaryProperties {
  /** 6-digit NBS county code (same as the feature id). */
  code: string;
  name: string;
}

export interface CountyBoundaryFeature {
  type: "Feature";
  id: string;
  properties: CountyBoundaryProperties;
  geometry: AreaGeometry;
}

/** GeoJSON FeatureCollection of county polygons (lon/lat, WGS-84-ish as in the source package). */
export interface CountyBoundaries {
  type: "FeatureCollection";
  /** Where the polygons come from and how they were simplified; absent in an empty collection. */
  source?: string;
  features: CountyBoundaryFeature[];
}

export function boundaryDataFileUrl(provinceCode: string): URL {
  return new URL(`../data/boundaries/${provinceCode}.json`, import.meta.url);
}

/** County polygons of a province from the committed db/data/boundaries/<code>.json; empty when there is none. */
export async function readCountyBoundaries(provinceCode: string): Promise<CountyBoundaries> {
  if (!/^\d{2}$/.test(provinceCode)) return { type: "FeatureCollection", features: [] };
  try {
    return JSON.parse(await readFile(boundaryDataFileUrl(provinceCode), "utf8")) as CountyBoundaries;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { type: "FeatureCollection", features: [] };
    throw err;
  }
}
