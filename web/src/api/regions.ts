import { api, queryString } from "./client";
import type { Region, RegionDetail } from "./types";

export const fetchRegionRoots = () => api.get<{ items: Region[] }>("/regions/roots").then((r) => r.items);

export const fetchRegion = (code: string) => api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`);

/** A search match with its path from the province down (the server resolves the names). */
export type RegionSearchHit = Region & { path: { code: string; name: string }[] };

export const searchRegions = (q: string, limit = 50) =>
  api.get<{ items: RegionSearchHit[] }>(`/regions${queryString({ q, limit })}`).then((r) => r.items);

const detailCache = new Map<string, Promise<RegionDetail>>();

/** Region details fetched once per page load (names of regions do not change while the console is open). */
export function cachedRegion(code: string): Promise<RegionDetail> {
  let hit = detailCache.get(code);
  if (!hit) {
    hit = fetchRegion(code);
    hit.catch(() => detailCache.delete(code));
    detailCache.set(code, hit);
  }
  return hit;
}

/** The names from the top of the tree down to `code`, e.g. ["甘肃省", "兰州市", "榆中县"]. */
export async function regionPath(code: string): Promise<Region[]> {
  const detail = await cachedRegion(code);
  return [...detail.ancestors, detail.region];
}

/** Where a region lies (its boundary's box, else its grids'; a village without either: its township's). */
export interface RegionExtent {
  code: string;
  bbox: [number, number, number, number];
  source: "boundary" | "grids";
}

/** The region's extent, null when the server knows none (404 `no_extent`). */
export const fetchRegionExtent = (code: string) =>
  api.get<RegionExtent>(`/regions/${encodeURIComponent(code)}/extent`).catch(() => null);
