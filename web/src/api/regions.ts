import { api, queryString } from "./client";
import type { Region, RegionDetail } from "./types";

export const fetchRegionRoots = () => api.get<{ items: Region[] }>("/regions/roots").then((r) => r.items);

export const fetchRegion = (code: string) => api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`);

export const searchRegions = (q: string, limit = 50) =>
  api.get<{ items: Region[] }>(`/regions${queryString({ q, limit })}`).then((r) => r.items);

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

/**
 * The full path of every region in `items`, resolving each distinct parent once
 * (a search for "榆中" has matches under a handful of parents, not fifty).
 */
export async function regionPaths(items: Region[], concurrency = 6): Promise<Map<string, Region[]>> {
  const parents = [...new Set(items.map((r) => r.parentCode).filter((c): c is string => !!c))];
  const parentPaths = new Map<string, Region[]>();
  let next = 0;
  const worker = async () => {
    while (next < parents.length) {
      const code = parents[next++];
      try {
        parentPaths.set(code, await regionPath(code));
      } catch {
        // parent outside the user's scope or gone: show the match without its path
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, parents.length) }, worker));
  const out = new Map<string, Region[]>();
  for (const item of items) {
    const above = item.parentCode ? parentPaths.get(item.parentCode) : [];
    if (above) out.set(item.code, [...above, item]);
  }
  // a parent the server would not show (outside the scope): ask for the match itself, it lists its ancestors
  const missing = items.filter((item) => !out.has(item.code)).slice(0, 10);
  await Promise.all(
    missing.map(async (item) => out.set(item.code, await regionPath(item.code).catch(() => [item]))),
  );
  for (const item of items) if (!out.has(item.code)) out.set(item.code, [item]);
  return out;
}
