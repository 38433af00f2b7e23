import { mapSiteCells, mapSitePoints } from "../../../db/queries/map-queries";
import type { Actor } from "../../../domain/auth/actor";
import { riskLevels, siteKinds } from "../../../domain/site/site-kinds";
import type { Deps } from "../../deps";
import { degreesPerPixel } from "../grids/simplify";

/** From this zoom on the map shows single sites; below it, clusters of about `clusterPixels` on screen. */
export const pointZoom = 15;
export const clusterPixels = 60;
export const maxPoints = 2000;

type BBox = [number, number, number, number];
type Cluster = {
  lon: number;
  lat: number;
  count: number;
  byKind: Record<string, number>;
  byRisk: Record<string, number>;
};

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

/**
 * Sites in view for the map (R9): clustered server-side on a screen-cell grid (counts by kind and by risk
 * colour, at the cell's mean position) below street zoom, single points at street zoom. Closed sites and
 * sites without a location are not shown; only sites in the actor's jurisdiction.
 */
export async function mapSites(
  deps: Deps,
  actor: Actor,
  q: { bbox: BBox; zoom: number; kind?: string; riskLevel?: string },
) {
  if (q.zoom >= pointZoom) {
    const items = await mapSitePoints(deps.db, actor, q, maxPoints);
    return { mode: "points" as const, items, truncated: items.length === maxPoints };
  }
  const cell = degreesPerPixel(q.zoom) * clusterPixels;
  const rows = await mapSiteCells(deps.db, deps.dialect, actor, q, cell);
  const cells = new Map<string, Cluster & { sx: number; sy: number }>();
  for (const r of rows) {
    const key = `${r.cx},${r.cy}`;
    const c = cells.get(key) ?? {
      lon: 0,
      lat: 0,
      count: 0,
      sx: 0,
      sy: 0,
      byKind: zeros(siteKinds),
      byRisk: { ...zeros(riskLevels), unrated: 0 },
    };
    const n = Number(r.n);
    c.count += n;
    c.sx += Number(r.sx);
    c.sy += Number(r.sy);
    c.byKind[r.kind] = (c.byKind[r.kind] ?? 0) + n;
    c.byRisk[r.riskLevel ?? "unrated"] += n;
    cells.set(key, c);
  }
  const items = [...cells.values()].map(({ sx, sy, ...c }) => ({
    ...c,
    lon: Math.round((sx / c.count) * 1e5) / 1e5,
    lat: Math.round((sy / c.count) * 1e5) / 1e5,
  }));
  return { mode: "clusters" as const, items, truncated: false };
}
