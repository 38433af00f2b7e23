import type { Tx } from "../../../db/db";
import type { GridTable } from "../../../db/schema/grid-tables";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { type Areal, area, bbox } from "../../../domain/geo/geometry";
import type { GeometryProblem } from "../../../domain/geo/geometry-problem";
import { interiorPoint } from "../../../domain/geo/point-in-polygon";
import { findOverlaps, outsideBoundary, validateGridGeometry } from "../../../domain/geo/validate-geometry";
import { gridPolicy } from "../../../domain/policies/grid-policy";
import { storedBoundary } from "../regions/boundary-cache";
import type { GridLayer } from "./grid-layer";

export type ProblemView = Omit<GeometryProblem, "zh" | "en"> & { message: string };

/** A problem in the caller's language. */
export function problemView(p: GeometryProblem, en = false): ProblemView {
  const { zh, en: english, ...rest } = p;
  return { ...rest, message: en ? english : zh };
}

/** Refuses a geometry with intrinsic problems (self-intersection, unclosed ring, ...), naming each with its location. */
export function assertValidGeometry(geometry: Areal, label = "") {
  const errors = validateGridGeometry(geometry);
  if (errors.length)
    throw new AppError("invalid_geometry", {
      status: 422,
      zh: `${label}网格边界无效：${errors[0].zh}${errors.length > 1 ? ` 等 ${errors.length} 处问题` : ""}`,
      en: `${label}Invalid grid boundary: ${errors[0].en}${errors.length > 1 ? ` and ${errors.length - 1} more` : ""}`,
      details: { problems: errors.map((p) => problemView(p)) },
    });
}

/** The county's boundary polygon when one is loaded (region_boundary), else null (parsed once per version). */
export async function countyBoundary(db: Tx, county: string): Promise<Areal | null> {
  return (await storedBoundary(db, [county]))?.geometry ?? null;
}

/**
 * Problems that do not block a save but must be seen: overlaps with other active grids (of the layer,
 * except `excludeIds`) and vertices outside the county boundary.
 */
/**
 * Overlaps with neighbouring grids and parts outside the county. Only grids `seenBy` may read are compared
 * (a warning names the other grid's code and place); `null` is the system itself (imports run as a person).
 */
export async function geometryWarnings(
  db: Tx,
  layer: GridLayer,
  code: string,
  geometry: Areal,
  excludeIds: string[],
  seenBy: Actor | null,
): Promise<GeometryProblem[]> {
  const [x0, y0, x1, y1] = bbox(geometry);
  const neighbours = layer.grids.filter(
    (g) =>
      !excludeIds.includes(g.id) &&
      (seenBy === null || gridPolicy.read(seenBy, g)) &&
      g.code !== code &&
      g.minLon < x1 &&
      g.maxLon > x0 &&
      g.minLat < y1 &&
      g.maxLat > y0,
  );
  const self = { code, geometry };
  const overlaps = findOverlaps([
    self,
    ...neighbours.map((g) => ({ code: g.code, geometry: layer.geometry(g.id) })),
  ]).filter((p) => p.grids?.includes(code));
  const boundary = await countyBoundary(db, code.slice(0, 6));
  const outside = boundary ? outsideBoundary(self, boundary, { toleranceDeg: 1e-4 }).slice(0, 10) : [];
  return [...overlaps, ...outside];
}

/** Derived columns of a geometry: bbox, an interior label point, area. */
export function shapeColumns(
  geometry: Areal,
): Pick<
  GridTable,
  "geojson" | "minLon" | "minLat" | "maxLon" | "maxLat" | "centerLon" | "centerLat" | "areaM2"
> {
  const [minLon, minLat, maxLon, maxLat] = bbox(geometry);
  const [centerLon, centerLat] = interiorPoint(geometry);
  return {
    geojson: JSON.stringify(geometry),
    minLon,
    minLat,
    maxLon,
    maxLat,
    centerLon,
    centerLat,
    areaM2: area(geometry),
  };
}
