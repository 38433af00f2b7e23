import type { GridShapeRow } from "../../../db/queries/grid-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { Areal } from "../../../domain/geo/geometry";
import type { RegionFeatureProps } from "../../../domain/geo/map-features";
import { type GridKind, gridKindLabel } from "../../../domain/schemas/grid-schemas";
import type { Deps } from "../../deps";
import { gridLayer } from "./grid-layer";
import { mapRegions } from "./map-regions";
import { emptyStats, type GridStats, mapStats } from "./map-stats";
import { simplifyForZoom } from "./simplify";

export type BBox = [number, number, number, number];
export type MapColor = "coverage" | "workload";

/** Below this zoom the map shows counties; above it, grids — unless more than `maxGrids` are in view. */
export const gridZoom = 8;
export const maxGrids = 1500;

const colors = { green: "#52c41a", amber: "#faad14", red: "#f5222d", blue: "#1677ff", grey: "#bfbfbf" };

export function gridColor(s: GridStats, by: MapColor): string {
  if (by === "workload")
    return s.status === "over" ? colors.red : s.status === "under" ? colors.blue : colors.green;
  return s.workerCount === 0 ? colors.red : s.unassigned > 0 ? colors.amber : colors.green;
}

export function regionColor(p: Pick<RegionFeatureProps, "grids" | "coverage">): string {
  if (p.grids === 0) return colors.grey;
  return p.coverage >= 95 ? colors.green : p.coverage >= 70 ? colors.amber : colors.red;
}

const shapes = new WeakMap<object, { stamp: string; byZoom: Map<string, string> }>();

/** The simplified geometry of a grid at a zoom, as JSON text, cached per layer version. */
function geometryText(
  layer: Awaited<ReturnType<typeof gridLayer>>,
  key: object,
  g: GridShapeRow,
  zoom: number,
): string {
  let c = shapes.get(key);
  if (!c || c.stamp !== layer.stamp) {
    c = { stamp: layer.stamp, byZoom: new Map() };
    shapes.set(key, c);
  }
  const z = Math.min(zoom, 17);
  const k = `${g.id}|${z}`;
  let text = c.byZoom.get(k);
  if (!text) {
    text = JSON.stringify(simplifyForZoom(layer.geometry(g.id) as Areal, z));
    c.byZoom.set(k, text);
  }
  return text;
}

const intersects = (g: GridShapeRow, b: BBox) =>
  g.minLon <= b[2] && g.maxLon >= b[0] && g.minLat <= b[3] && g.maxLat >= b[1];

/**
 * The grid map for a view (R9) as GeoJSON text: counties coloured by coverage when zoomed out, townships as
 * points when too many grids are in view, otherwise every grid in view with its workers, supervision
 * officer, contact leader and workload, simplified for the zoom. Only grids in the actor's jurisdiction.
 */
export async function mapGrids(
  deps: Deps,
  actor: Actor,
  q: { bbox: BBox; zoom: number; color: MapColor },
): Promise<string> {
  if (q.zoom < gridZoom) return mapRegions(deps, actor, { ...q, level: "county" });
  const layer = await gridLayer(deps.db);
  const inView = layer.grids.filter(
    (g) => intersects(g, q.bbox) && actor.scope.some((s) => g.code.startsWith(s)),
  );
  if (inView.length > maxGrids) return mapRegions(deps, actor, { ...q, level: "township", grids: inView });
  const stats = await mapStats(deps.db);
  const en = false;
  const parts = inView.map((g) => {
    const s = stats.get(g.id) ?? emptyStats;
    const label = gridKindLabel[g.kind as GridKind];
    const props = {
      id: g.id,
      code: g.code,
      name: g.name,
      kind: g.kind,
      kindLabel: label ? (en ? label.en : label.zh) : g.kind,
      workerCount: s.workerCount,
      siteCount: s.siteCount,
      unassigned: s.unassigned,
      workers: s.workers,
      supervisionOfficer: g.officerName,
      contactLeader: g.leaderName,
      workload: s.workload,
      ratio: s.ratio,
      status: s.status,
      color: gridColor(s, q.color),
    };
    return `{"type":"Feature","id":${JSON.stringify(g.id)},"geometry":${geometryText(layer, deps.db, g, q.zoom)},"properties":${JSON.stringify(props)}}`;
  });
  return `{"mode":"grids","count":${parts.length},"features":{"type":"FeatureCollection","features":[${parts.join(",")}]}}`;
}
